package io.github.itl4j;

/**
 * The SIGNATUREMODULUS code: the size of the RSA signature. 0 = 512-bit (64 bytes), 1 = 1024 (128), 2 = 2048 (256),
 * 3 = 4096 (512). Unknown codes are kept. Instances of the same code are equal.
 *
 * @since 0.1.0
 */
public final class SignatureModulus {
    private static final int[] BITS = {512, 1024, 2048, 4096};

    private final int code;

    private SignatureModulus(int code) {
        this.code = code;
    }

    /**
     * @param code the wire code 0..255
     * @return the modulus code
     */
    public static SignatureModulus of(int code) {
        return new SignatureModulus(code);
    }

    /**
     * @param signatureLength signature length in bytes: 64, 128, 256 or 512
     * @return the matching code
     * @throws IllegalArgumentException for any other length
     */
    public static SignatureModulus forSignatureLength(int signatureLength) {
        for (int i = 0; i < BITS.length; i++) {
            if (BITS[i] / 8 == signatureLength) {
                return new SignatureModulus(i);
            }
        }
        throw new IllegalArgumentException("No SIGNATUREMODULUS code for a " + signatureLength
                + "-byte signature (expected 64, 128, 256 or 512 bytes: RSA 512..4096 bits)");
    }

    /** @return the wire code */
    public int code() {
        return code;
    }

    /** @return whether the code is one of 0..3 */
    public boolean isKnown() {
        return code >= 0 && code < BITS.length;
    }

    /** @return the key size in bits, or -1 for unknown codes */
    public int bits() {
        return isKnown() ? BITS[code] : -1;
    }

    /** @return the signature length in bytes, or -1 for unknown codes */
    public int signatureLength() {
        return isKnown() ? BITS[code] / 8 : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureModulus m && m.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return isKnown() ? "RSA-" + bits() : "UNKNOWN(" + code + ")";
    }
}
