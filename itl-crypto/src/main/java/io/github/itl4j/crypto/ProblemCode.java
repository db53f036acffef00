package io.github.itl4j.crypto;

/**
 * What a {@link Problem} is about, with the format string of its message. The Javadoc of each constant lists the
 * parameters ({@link Problem#params()}) in order, and the severity it is reported with. Callers and tests should
 * look at codes, never at message text.
 *
 * <p>Record-consistency codes ({@link #CERTIFICATE_MALFORMED}, {@link #PUBLIC_KEY_MISMATCH},
 * {@link #SERIAL_NUMBER_MISMATCH}, {@link #CERTIFICATE_SIGNATURE_MISMATCH}, {@link #CERT_HASH_MISMATCH}) are
 * {@link Severity#ERROR errors} for the signer's record, whose key the verification relies on, and
 * {@link Severity#WARNING warnings} for every other record: the signature still covers those records as they are,
 * so the file is authentic, but a phone may not be able to use the inconsistent record.
 *
 * @since 0.1.0
 */
public enum ProblemCode {
    /**
     * A header field that verification needs is absent (SIGNATURE, SIGNERNAME, SERIALNUMBER, CANAME,
     * DIGESTALGORITHM, SIGNATUREALGORITHM, SIGNATUREMODULUS). Error. Params: {@code String} field name.
     */
    MISSING_HEADER_FIELD("The header has no %1$s"),
    /**
     * A one-byte header field has another length. Error. Params: {@code String} field name, {@code Integer} its
     * length, {@code Integer} the expected length.
     */
    MALFORMED_HEADER_FIELD("Header field %1$s has %2$d bytes; expected %3$d"),
    /** DIGESTALGORITHM is not 1, 2 or 3 (docs/format.md §4.6). Error. Params: {@code Integer} the code. */
    UNKNOWN_DIGEST_ALGORITHM("DIGESTALGORITHM %1$d is unknown (expected 1 = SHA-1, 2 = SHA-256 or 3 = SHA-512)"),
    /** SIGNATUREALGORITHM is not 0 (RSA). Error. Params: {@code Integer} the code. */
    UNSUPPORTED_SIGNATURE_ALGORITHM("SIGNATUREALGORITHM %1$d is not supported (expected 0 = RSA)"),
    /**
     * SIGNATUREMODULUS does not describe the SIGNATURE's length. Error. Params: {@code Integer} the modulus code,
     * {@code Integer} the signature length it stands for (-1 for an unknown code), {@code Integer} the SIGNATURE
     * length.
     */
    SIGNATURE_MODULUS_MISMATCH("SIGNATUREMODULUS %1$d stands for a %2$d-byte signature, but SIGNATURE has %3$d bytes"),
    /**
     * The SIGNATURE's length is not the signer key's modulus size; no RSA operation was made. Error. Params:
     * {@code Integer} the SIGNATURE length, {@code Integer} the key size in bits.
     */
    SIGNATURE_LENGTH_MISMATCH("SIGNATURE has %1$d bytes, which a %2$d-bit RSA key cannot have made"),
    /**
     * The RSA PKCS#1 v1.5 signature does not verify over the signed bytes (docs/format.md §5) with the signer's key:
     * the file was changed after signing, or signed by another key. Error. Params: {@code String} the JCA digest name.
     */
    SIGNATURE_INVALID("The signature does not verify with the signer's key (%1$s over the signed bytes)"),
    /**
     * No record has the header's SERIALNUMBER (ITL/CTL: in the file; .sgn: in the trust list or trusted
     * certificates searched). Error. Params: {@code String} the serial in hex, {@code String} CANAME,
     * {@code String} the roles looked for.
     */
    NO_SIGNER("No %3$s record or certificate has the header's SERIALNUMBER %1$s (CANAME \"%2$s\")"),
    /**
     * The record matching the header's signer does not have the role that may sign this kind of file (SAST for a
     * trust list, TFTP or CCM+TFTP for a .sgn; docs/trust.md §5 R3, R6). Its key was still used. Error. Params:
     * {@code String} the record's role, {@code String} the roles expected.
     */
    SIGNER_WRONG_ROLE("The signer's record has role %1$s; expected %2$s"),
    /**
     * The signer record was matched by SERIALNUMBER only: its ISSUERNAME differs from CANAME. Warning. Params:
     * {@code String} ISSUERNAME (empty if absent), {@code String} CANAME.
     */
    SIGNER_ISSUER_MISMATCH("Signer matched by SERIALNUMBER only: ISSUERNAME \"%1$s\" differs from CANAME \"%2$s\""),
    /**
     * The signer record's SUBJECTNAME differs from the header's SIGNERNAME. Warning. Params: {@code String}
     * SUBJECTNAME (empty if absent), {@code String} SIGNERNAME.
     */
    SIGNER_NAME_MISMATCH("The signer's SUBJECTNAME \"%1$s\" differs from SIGNERNAME \"%2$s\""),
    /**
     * Several records with the signing role match the header's signer; the best match (serial, issuer, subject;
     * first on a tie) was used. Warning. Params: {@code Integer} how many, {@code Integer} the 1-based number of
     * the record used.
     */
    SEVERAL_SIGNER_CANDIDATES("%1$d records match the header's signer; record %2$d was used"),
    /** The signer record has no CERTIFICATE; its PUBLICKEY field (PKCS#1) served as the key. Warning. No params. */
    SIGNER_KEY_FROM_PUBLIC_KEY_FIELD("The signer's record has no CERTIFICATE; its PUBLICKEY field was used"),
    /** The signer record has neither a CERTIFICATE nor a PUBLICKEY. Error. No params. */
    SIGNER_HAS_NO_KEY("The signer's record has neither a CERTIFICATE nor a PUBLICKEY"),
    /**
     * The signer key cannot verify an RSA signature (not RSA, or refused by the provider, e.g. over 16384 bits).
     * Error. Params: {@code String} the key algorithm, {@code Integer} its size in bits (-1 if unknown).
     */
    SIGNER_KEY_UNSUPPORTED("The signer's key (%1$s, %2$d bits) cannot verify an RSA signature"),
    /**
     * Trust anchors were configured and the signer matches none of them (docs/trust.md §5 R2, R3, R6). Error. Params:
     * {@code String} the signer's subject, {@code String} the SHA-1 of its certificate in hex (or "no certificate").
     */
    SIGNER_NOT_TRUSTED("The signer \"%1$s\" (SHA-1 %2$s) is not one of the trust anchors"),
    /**
     * A .sgn was verified against a given certificate whose serial is not the header's SERIALNUMBER. Warning (the
     * signature decides). Params: {@code String} the header serial in hex, {@code String} the certificate serial in
     * hex.
     */
    SIGNER_ID_MISMATCH("The header's SERIALNUMBER %1$s is not the given certificate's serial %2$s"),
    /**
     * A record's CERTIFICATE does not decode as one DER X.509 certificate. Error for the signer, else warning.
     * Params: {@code Integer} its length.
     */
    CERTIFICATE_MALFORMED("CERTIFICATE (%1$d bytes) is not a DER X.509 certificate"),
    /**
     * A record's CERTIFICATE was not handed to a certificate parser because its encoding is one DER forbids and
     * parsers handle recursively: an indefinite length, or constructed elements nested deeper than any certificate
     * (a hostile file could otherwise exhaust the parser's stack). Error for the signer, else warning. Params:
     * {@code Integer} its length, {@code String} what was found and where, e.g. "an indefinite length (BER, not DER)
     * at offset 4".
     */
    CERTIFICATE_ENCODING_REFUSED("CERTIFICATE (%1$d bytes) was not decoded: it has %2$s"),
    /**
     * The signer's PUBLICKEY (used for lack of a CERTIFICATE) does not decode as a PKCS#1 RSA public key. Error.
     * Params: {@code Integer} its length.
     */
    PUBLIC_KEY_MALFORMED("PUBLICKEY (%1$d bytes) is not a PKCS#1 RSA public key"),
    /** A record's PUBLICKEY is not its certificate's key. Error for the signer, else warning. No params. */
    PUBLIC_KEY_MISMATCH("PUBLICKEY differs from the certificate's public key"),
    /**
     * A record's SERIALNUMBER is not its certificate's serial (docs/format.md §4.4). Error for the signer, else
     * warning. Params: {@code String} the record's serial in hex, {@code String} the certificate's in hex.
     */
    SERIAL_NUMBER_MISMATCH("SERIALNUMBER %1$s differs from the certificate's serial %2$s"),
    /**
     * A record's SIGNATURE is not its certificate's signature value. Error for the signer, else warning. No params.
     */
    CERTIFICATE_SIGNATURE_MISMATCH("SIGNATURE differs from the certificate's own signature value"),
    /**
     * A record holds both CERTIFICATE and CERTHASH and the hash does not match. Error for the signer, else warning.
     * Params: {@code String} the hash algorithm.
     */
    CERT_HASH_MISMATCH("CERTHASH is not the %1$s of the CERTIFICATE"),
    /**
     * The signer's certificate expired before the {@linkplain ItlVerifier.Builder#validityAt(java.time.Instant)
     * time checked at} (its notAfter is earlier). Warning, or error with
     * {@link ItlVerifier.Builder#strictValidity(boolean)}. Checked only when a time is configured. Params:
     * {@code String} the signer's subject, {@code String} its notAfter (ISO-8601), {@code String} the time checked at.
     */
    SIGNER_EXPIRED("The signer's certificate \"%1$s\" expired at %2$s (checked at %3$s)"),
    /**
     * The signer's certificate is not yet valid at the {@linkplain ItlVerifier.Builder#validityAt(java.time.Instant)
     * time checked at} (its notBefore is later). Warning, or error with
     * {@link ItlVerifier.Builder#strictValidity(boolean)}. Checked only when a time is configured. Params:
     * {@code String} the signer's subject, {@code String} its notBefore (ISO-8601), {@code String} the time checked
     * at.
     */
    SIGNER_NOT_YET_VALID("The signer's certificate \"%1$s\" is not valid before %2$s (checked at %3$s)"),
    /** A record's FUNCTION code is unknown (kept; docs/trust.md §4.1). Warning. Params: {@code Integer} the code. */
    UNKNOWN_ROLE("Unknown FUNCTION code %1$d"),
    /** A record has no FUNCTION. Warning. No params. */
    MISSING_ROLE("The record has no FUNCTION"),
    /**
     * More than 2 SAST records: phones accept at most 2 (docs/trust.md §5 R5). Warning. Params: {@code Integer} count.
     */
    TOO_MANY_SAST("%1$d SAST records; phones accept at most 2"),
    /**
     * The trust list is larger than phones load (64 KB: Cisco notes that an ITL with more than about 39 certificates
     * fails to load). Warning. Params: {@code Long} the file size, {@code Long} the phones' limit.
     */
    TOO_LARGE_FOR_PHONES("The file is %1$d bytes; phones fail to load trust lists over %2$d bytes"),
    /**
     * A warning of the reader ({@link io.github.itl4j.ItlWarning}), carried over. Warning. Params: {@code String}
     * its code name, {@code String} its message.
     */
    READER_WARNING("%1$s: %2$s");

    private final String format;

    ProblemCode(String format) {
        this.format = format;
    }

    /** @return the {@link java.util.Formatter} format string of the message, with positional parameters */
    public String format() {
        return format;
    }
}
