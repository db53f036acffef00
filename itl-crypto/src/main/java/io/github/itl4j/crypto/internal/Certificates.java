package io.github.itl4j.crypto.internal;

import io.github.itl4j.Bytes;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * Certificate helpers shared by the builder, the resetter and the verifier. Not API.
 */
public final class Certificates {
    private Certificates() {}

    /**
     * Decodes a DER certificate held in a record. Never throws for bad input: the bytes are first
     * {@linkplain DerScan scanned} (nesting depth, definite lengths), so that a hostile encoding never reaches the
     * recursive parser.
     *
     * @param der the certificate bytes
     * @return the certificate, or empty if the bytes are not one DER X.509 certificate
     */
    public static Optional<X509Certificate> parse(Bytes der) {
        return parse(der.toByteArray());
    }

    /**
     * As {@link #parse(Bytes)}, for an array (not copied).
     *
     * @param b the certificate bytes
     * @return the certificate, or empty if the bytes are not one DER X.509 certificate
     */
    public static Optional<X509Certificate> parse(byte[] b) {
        if (DerScan.der(b) != null) {
            return Optional.empty();
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            ByteArrayInputStream in = new ByteArrayInputStream(b);
            X509Certificate c = (X509Certificate) cf.generateCertificate(in);
            if (in.available() != 0) {
                return Optional.empty(); // trailing bytes after the certificate
            }
            return Optional.of(c);
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why certificate bytes are refused before any parser sees them.
     *
     * @param der the certificate bytes
     * @return null if the scan accepts them (the parser may still reject them), else the refusal
     */
    public static DerScan.Refusal refusal(Bytes der) {
        return DerScan.der(der.toByteArray());
    }

    /**
     * The serial as the format stores it: unsigned big-endian magnitude, no DER sign byte (docs/format.md §4.4).
     *
     * @param serial the certificate serial
     * @return its minimal unsigned bytes (one zero byte for serial 0)
     */
    public static Bytes serialBytes(BigInteger serial) {
        byte[] b = serial.toByteArray();
        int skip = 0;
        while (skip < b.length - 1 && b[skip] == 0) {
            skip++;
        }
        return Bytes.wrapOwned(Arrays.copyOfRange(b, skip, b.length));
    }

    /**
     * Whether two stored serials are the same number. A serial is an unsigned magnitude (docs/format.md §4.4), so
     * leading zero bytes do not count: {@code 00 81 a3} and {@code 81 a3} name the same certificate. Null is no serial
     * and equals nothing.
     *
     * @param a a serial as stored, or null
     * @param b another, or null
     * @return true if both are present and equal as unsigned numbers
     */
    public static boolean sameSerial(Bytes a, Bytes b) {
        if (a == null || b == null) {
            return false;
        }
        int i = leadingZeros(a);
        int j = leadingZeros(b);
        int n = a.size() - i;
        if (n != b.size() - j) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (a.get(i + k) != b.get(j + k)) {
                return false;
            }
        }
        return true;
    }

    private static int leadingZeros(Bytes serial) {
        int i = 0;
        while (i < serial.size() && serial.get(i) == 0) {
            i++;
        }
        return i;
    }

    /**
     * The PUBLICKEY value the format stores for a key (docs/format.md §4, tag 7): for RSA the PKCS#1
     * {@code RSAPublicKey} DER; for EC the X9.62 uncompressed point (certutils' form).
     *
     * @param key the public key
     * @return the value
     * @throws IllegalArgumentException for other key types
     */
    public static Bytes publicKeyField(PublicKey key) {
        if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        }
        // the BIT STRING of the key's SubjectPublicKeyInfo: for RSA the PKCS#1 RSAPublicKey DER, for EC the point;
        // a short DER walk instead of Bouncy Castle's ASN.1 classes, which would load only for this on a signing
        // command's start-up
        return PublicKeys.subjectPublicKeyBits(key.getEncoded())
                .orElseThrow(() -> new IllegalArgumentException("cannot encode public key: its " + key.getFormat()
                        + " encoding is not a DER SubjectPublicKeyInfo"));
    }
}
