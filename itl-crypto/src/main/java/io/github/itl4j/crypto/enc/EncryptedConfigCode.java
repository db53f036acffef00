package io.github.itl4j.crypto.enc;

/**
 * What can be wrong with an encrypted configuration or its inputs (SPEC-trust.md 6.5 and the lint checks E01-E09 of
 * 6.8). Each code has a stable name ({@link #id()}, e.g. {@code ENC_DIGEST_MISMATCH}) and, for the lint checks, the
 * check's number ({@link #check()}).
 *
 * @since 0.1.0
 */
public enum EncryptedConfigCode {
    /**
     * E01: the device certificate's (or, when decrypting, the device private key's) key is not RSA, so it cannot wrap
     * or unwrap the AES key.
     */
    DEVICE_KEY_NOT_RSA("E01", true),
    /** E02: KEYSIZE is neither 128 (early certutils) nor 8 times the wrapped key's length. */
    KEYSIZE_UNEXPECTED("E02", false),
    /** E03: the digest of the decrypted plaintext differs from PLAINDIGEST. */
    DIGEST_MISMATCH("E03", true),
    /** E04: the bytes stripped by PADCOUNT are not all 0x0D. */
    PAD_BYTES("E04", false),
    /** E05: the body is empty or not a multiple of the 16-byte AES block. */
    BODY_NOT_BLOCKS("E05", true),
    /** E06: FILENAME is not the file's name (or does not end in .enc.sgn). */
    FILENAME_UNEXPECTED("E06", false),
    /** E07: VERSION is not 2.0. */
    VERSION_UNEXPECTED("E07", false),
    /** E08: the stub is missing or its certHash is not the MD5 of the given device certificate. */
    STUB_MISMATCH("E08", false),
    /** E09: SHA-512 digests; older phones cannot verify them. */
    SHA512("E09", false),
    /** A field the decryption needs is missing or has the wrong size (IV, PADCOUNT, PLAINDIGEST, ...). */
    MALFORMED(null, true),
    /** The file is not signed by the expected TFTP signer, or the signature does not verify. */
    SIGNATURE_INVALID(null, true),
    /** The device key could not unwrap the AES key (wrong key, or a damaged ENCRYPTEDKEY). */
    UNWRAP_FAILED(null, true),
    /** No device private key was given though the AES key is wrapped for one (a non-RSA key is E01). */
    DEVICE_KEY_UNSUPPORTED(null, true),
    /** PADCOUNT is larger than 16 or than the decrypted body. */
    PAD_COUNT_INVALID(null, true),
    /** PADCOUNT is 0: nothing is stripped (certutils would strip everything). */
    PAD_COUNT_ZERO(null, false),
    /** The plaintext digest algorithm (or the KEYALGORITHM) is unknown. */
    UNSUPPORTED_ALGORITHM(null, true),
    /** No ENCRYPTEDKEY: a manual-key file, which needs the symmetric key. */
    SYMMETRIC_KEY_REQUIRED(null, true),
    /** The unwrapped key has a size other than 16 bytes though KEYALGORITHM says AES-128 (or unknown sizes). */
    KEY_LENGTH(null, true),
    /** The configuration to encrypt is not an XML document whose root element is {@code device}. */
    NOT_DEVICE_CONFIG(null, true);

    private final String check;
    private final boolean error;

    EncryptedConfigCode(String check, boolean error) {
        this.check = check;
        this.error = error;
    }

    /** @return the stable name, {@code ENC_} plus the constant's name, e.g. {@code ENC_UNWRAP_FAILED} */
    public String id() {
        return "ENC_" + name();
    }

    /**
     * @return the stable name followed by the lint check number when there is one, e.g.
     *     {@code ENC_DEVICE_KEY_NOT_RSA (E01)} or {@code ENC_UNWRAP_FAILED}: how messages name the code
     */
    public String label() {
        return check == null ? id() : id() + " (" + check + ")";
    }

    /** @return the lint check number (E01..E09), or null for a code that is not a lint check */
    public String check() {
        return check;
    }

    /** @return whether the code is an error (otherwise a warning) */
    public boolean isError() {
        return error;
    }
}
