package io.github.itl4j;

import java.time.Instant;

/**
 * What an integer value means, for the tags whose value is a code or a quantity: the code sets of the format
 * (digest algorithm, signature algorithm, modulus, role) and the units (Unix time, bits). The vocabulary tables
 * ({@link HeaderTag}, {@link RecordTag}) name one per tag, so the dump, show and JSON output describe values alike.
 *
 * @since 0.1.0
 */
public enum CodeSet {
    /** A plain number, no meaning attached. */
    NONE,
    /** {@link DigestAlgorithm} codes: 1 = SHA-1, 2 = SHA-256, 3 = SHA-512. */
    DIGEST_ALGORITHM,
    /** SIGNATUREALGORITHM codes: 0 = RSA. */
    SIGNATURE_ALGORITHM,
    /** {@link SignatureModulus} codes: 0..3 = RSA 512..4096 bits. */
    SIGNATURE_MODULUS,
    /** {@link Role} codes of a record's FUNCTION. */
    ROLE,
    /** Unix seconds. */
    UNIX_TIME,
    /** A size in bits. */
    BITS;

    /** The SIGNATUREALGORITHM code of RSA, the only one the format defines. */
    public static final int SIGNATURE_ALGORITHM_RSA = 0;

    /**
     * @param n the value
     * @return what it means ({@code SHA-1}, {@code SAST}, {@code 2048-bit, 256-byte signature}, a date), or null for
     *     {@link #NONE}
     */
    public String describe(long n) {
        return switch (this) {
            case NONE -> null;
            case DIGEST_ALGORITHM -> DigestAlgorithm.of((int) n).toString();
            case SIGNATURE_ALGORITHM -> n == SIGNATURE_ALGORITHM_RSA ? "RSA" : "UNKNOWN(" + n + ")";
            case SIGNATURE_MODULUS -> {
                SignatureModulus m = SignatureModulus.of((int) n);
                yield m.isKnown() ? m.bits() + "-bit, " + m.bits() / 8 + "-byte signature" : "UNKNOWN(" + n + ")";
            }
            case ROLE -> Role.of((int) n).name();
            case UNIX_TIME -> Instant.ofEpochSecond(n).toString();
            case BITS -> n + " bits";
        };
    }
}
