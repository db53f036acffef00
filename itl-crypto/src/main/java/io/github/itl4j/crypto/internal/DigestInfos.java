package io.github.itl4j.crypto.internal;

import io.github.itl4j.DigestAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * PKCS#1 v1.5 DigestInfo encoding (RFC 8017 section 9.2, note 1) for the digests the format uses, so that a digest
 * computed in one streaming pass can be signed or verified with {@code NONEwithRSA}. Not API.
 */
public final class DigestInfos {
    private static final byte[] SHA1 = hex("3021300906052b0e03021a05000414");
    private static final byte[] SHA256 = hex("3031300d060960864801650304020105000420");
    private static final byte[] SHA512 = hex("3051300d060960864801650304020305000440");

    private DigestInfos() {}

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    /**
     * @param alg a known digest algorithm
     * @param digest its output
     * @return DER DigestInfo {algorithm, digest}
     * @throws IllegalArgumentException for an unknown algorithm or a digest of the wrong length
     */
    public static byte[] encode(DigestAlgorithm alg, byte[] digest) {
        byte[] prefix =
                switch (alg.code()) {
                    case 1 -> SHA1;
                    case 2 -> SHA256;
                    case 3 -> SHA512;
                    default -> throw new IllegalArgumentException("no DigestInfo for " + alg);
                };
        if (digest.length != alg.digestLength()) {
            throw new IllegalArgumentException("digest length " + digest.length + " != " + alg.digestLength());
        }
        byte[] out = Arrays.copyOf(prefix, prefix.length + digest.length);
        System.arraycopy(digest, 0, out, prefix.length, digest.length);
        return out;
    }

    /**
     * @param alg a known digest algorithm
     * @return a fresh {@link MessageDigest}
     * @throws IllegalArgumentException for an unknown code
     * @throws IllegalStateException if the JDK lacks the algorithm
     */
    public static MessageDigest messageDigest(DigestAlgorithm alg) {
        String name = alg.jcaName().orElseThrow(() -> new IllegalArgumentException("unknown digest " + alg));
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }

    /**
     * @param alg a known digest algorithm
     * @return the JCA signature name, e.g. {@code SHA1withRSA}
     */
    public static String rsaSignatureName(DigestAlgorithm alg) {
        return switch (alg.code()) {
            case 1 -> "SHA1withRSA";
            case 2 -> "SHA256withRSA";
            case 3 -> "SHA512withRSA";
            default -> throw new IllegalArgumentException("unknown digest " + alg);
        };
    }
}
