package io.github.itl4j;

import java.util.Optional;

/**
 * The DIGESTALGORITHM code of a header (and HASH ALGORITHM of a record): 1 = SHA-1, 2 = SHA-256, 3 = SHA-512
 * (docs/format.md §4.6). Unknown codes are kept. Instances of the same code are equal.
 *
 * @since 0.1.0
 */
public final class DigestAlgorithm {
    /** Code 1, SHA-1 (CUCM's default). */
    public static final DigestAlgorithm SHA1 = new DigestAlgorithm(1, "SHA-1", 20);
    /** Code 2, SHA-256 (listed by certutils; not confirmed on phones). */
    public static final DigestAlgorithm SHA256 = new DigestAlgorithm(2, "SHA-256", 32);
    /** Code 3, SHA-512 (CUCM's "TFTP File Signature Algorithm" option). */
    public static final DigestAlgorithm SHA512 = new DigestAlgorithm(3, "SHA-512", 64);

    private final int code;
    private final String jcaName;
    private final int length;

    private DigestAlgorithm(int code, String jcaName, int length) {
        this.code = code;
        this.jcaName = jcaName;
        this.length = length;
    }

    /**
     * @param code the wire code 0..255
     * @return the known algorithm, or an unknown one keeping the code
     */
    public static DigestAlgorithm of(int code) {
        switch (code) {
            case 1:
                return SHA1;
            case 2:
                return SHA256;
            case 3:
                return SHA512;
            default:
                return new DigestAlgorithm(code, null, -1);
        }
    }

    /**
     * @param name {@code sha1}, {@code sha256}, {@code sha512} or the JCA names, case-insensitive
     * @return the algorithm
     * @throws IllegalArgumentException for another name; the message lists the accepted ones
     */
    public static DigestAlgorithm parse(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
        switch (n) {
            case "sha1":
                return SHA1;
            case "sha256":
                return SHA256;
            case "sha512":
                return SHA512;
            default:
                throw new IllegalArgumentException("Unknown digest '" + name + "' (expected sha1, sha256 or sha512)");
        }
    }

    /** @return the wire code */
    public int code() {
        return code;
    }

    /** @return whether the code is known */
    public boolean isKnown() {
        return jcaName != null;
    }

    /** @return the JCA {@code MessageDigest} name, empty for unknown codes */
    public Optional<String> jcaName() {
        return Optional.ofNullable(jcaName);
    }

    /** @return the digest length in bytes, or -1 for unknown codes */
    public int digestLength() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestAlgorithm d && d.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return jcaName != null ? jcaName : "UNKNOWN(" + code + ")";
    }
}
