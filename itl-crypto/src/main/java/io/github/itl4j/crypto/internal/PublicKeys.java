package io.github.itl4j.crypto.internal;

import io.github.itl4j.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * Public-key helpers for the verifier, cheap enough for its hot path. Not API.
 */
public final class PublicKeys {
    /** Largest RSA modulus accepted from a PUBLICKEY field, as the JDK's own limit. */
    private static final int MAX_RSA_BITS = 16384;

    private PublicKeys() {}

    /**
     * The contents of the {@code subjectPublicKey} BIT STRING of a DER SubjectPublicKeyInfo, which is what the
     * format's PUBLICKEY field holds (RSA: the PKCS#1 RSAPublicKey; EC: the X9.62 point; docs/format.md §4, tag 7).
     * A short walk over the DER, much cheaper than a full ASN.1 parse; equal to
     * {@link Certificates#publicKeyField(PublicKey)} for RSA and EC keys.
     *
     * @param spki {@code PublicKey.getEncoded()} of an X.509 key
     * @return the bits, or empty if {@code spki} is not shaped as expected
     */
    public static Optional<Bytes> subjectPublicKeyBits(byte[] spki) {
        if (spki == null) {
            return Optional.empty();
        }
        int[] p = {0};
        int outer = header(spki, p, 0x30);
        if (outer < 0 || p[0] + outer != spki.length) {
            return Optional.empty();
        }
        int alg = header(spki, p, 0x30);
        if (alg < 0) {
            return Optional.empty();
        }
        p[0] += alg;
        int bits = header(spki, p, 0x03);
        if (bits < 1 || p[0] + bits != spki.length || spki[p[0]] != 0) {
            return Optional.empty();
        }
        return Optional.of(Bytes.copyOf(spki, p[0] + 1, bits - 1));
    }

    /** Reads a tag and a DER length at p[0]; leaves p[0] at the content. Returns the length, or -1. */
    private static int header(byte[] b, int[] p, int tag) {
        int i = p[0];
        if (i + 2 > b.length || (b[i] & 0xFF) != tag) {
            return -1;
        }
        int len = b[i + 1] & 0xFF;
        i += 2;
        if (len >= 0x80) {
            int n = len & 0x7F;
            if (n == 0 || n > 3 || i + n > b.length) {
                return -1;
            }
            len = 0;
            for (int k = 0; k < n; k++) {
                len = (len << 8) | (b[i++] & 0xFF);
            }
        }
        if (len > b.length - i) {
            return -1;
        }
        p[0] = i;
        return len;
    }

    /**
     * Decodes a PUBLICKEY field holding a PKCS#1 {@code RSAPublicKey}. Never throws for bad input.
     *
     * @param pkcs1 the field value
     * @return the key, or empty if the bytes are not exactly one RSAPublicKey of at most 16384 bits
     */
    public static Optional<PublicKey> rsaFromPkcs1(Bytes pkcs1) {
        try {
            byte[] b = pkcs1.toByteArray();
            if (DerScan.der(b) != null) {
                return Optional.empty(); // never hand a hostile nesting to the recursive parser
            }
            ASN1Primitive p = ASN1Primitive.fromByteArray(b);
            if (p == null || p.getEncoded().length != b.length) {
                return Optional.empty();
            }
            org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(p);
            BigInteger n = k.getModulus();
            BigInteger e = k.getPublicExponent();
            if (n.signum() <= 0 || e.signum() <= 0 || n.bitLength() > MAX_RSA_BITS) {
                return Optional.empty();
            }
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
        } catch (java.io.IOException | InvalidKeySpecException | RuntimeException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA missing from the JDK", e);
        }
    }
}
