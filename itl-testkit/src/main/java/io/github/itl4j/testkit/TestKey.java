package io.github.itl4j.testkit;

import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fixed pool of <strong>test-only</strong> RSA signing keys shipped in the testkit, so that generated trust
 * lists and {@code .sgn} files are really signed and verify, and properties run in milliseconds per try (no key
 * generation). Each key comes with a self-signed certificate ({@code CN=itl4j-test-<name>.invalid,
 * OU=itl4j-testkit, O=itl4j test keys - DO NOT TRUST, C=ZZ}, valid 2025-01-01 to 2099-12-31).
 *
 * <p><strong>These private keys are public</strong> (they are in this jar and in the source repository). Never trust
 * their certificates outside tests.
 *
 * <p>{@link #recordCertificates()} adds eight EC P-256 certificates of the same kind for records that are not
 * signers (CUCM, TFTP, CAPF, TVS entries).
 *
 * @since 0.1.0
 */
public enum TestKey {
    /** RSA 1024 bits (128-byte signatures), as older CUCM releases' ITLRecovery keys. */
    RSA_1024("rsa1024", 1024),
    /** RSA 2048 bits (256-byte signatures), as current CUCM's. */
    RSA_2048("rsa2048", 2048),
    /** A second RSA 2048-bit key, for trust lists with two SAST records signed by either. */
    RSA_2048_B("rsa2048b", 2048),
    /** RSA 4096 bits (512-byte signatures). */
    RSA_4096("rsa4096", 4096);

    private static final String DIR = "testkeys/";
    private static final int EC_CERTIFICATES = 8;

    private final String file;
    private final int bits;
    private volatile SigningKey key;

    TestKey(String file, int bits) {
        this.file = file;
        this.bits = bits;
    }

    /** @return the RSA modulus size in bits */
    public int bits() {
        return bits;
    }

    /** @return the private key and its certificate, loaded once with {@link KeyLoader} and then shared */
    public SigningKey signingKey() {
        SigningKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    try {
                        k = KeyLoader.defaults().pem(text(file + ".crt.pem"), text(file + ".key.pem"), null);
                    } catch (KeyLoadException e) {
                        throw new IllegalStateException("The testkit's key " + file + " does not load", e);
                    }
                    key = k;
                }
            }
        }
        return k;
    }

    /** @return the key's self-signed certificate */
    public X509Certificate certificate() {
        return signingKey().certificate();
    }

    /**
     * Certificates for records that do not sign: the eight EC P-256 test certificates, then the four RSA ones.
     *
     * @return an unmodifiable list of twelve certificates, the same instances on every call
     */
    public static List<X509Certificate> recordCertificates() {
        return RecordCertificates.ALL;
    }

    private static String text(String name) {
        try (InputStream in = TestKey.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("The testkit resource " + DIR + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded on first use. */
    private static final class RecordCertificates {
        static final List<X509Certificate> ALL = load();

        private static List<X509Certificate> load() {
            List<X509Certificate> out = new ArrayList<>();
            try {
                KeyLoader loader = KeyLoader.defaults();
                for (int i = 1; i <= EC_CERTIFICATES; i++) {
                    out.add(loader.pem(text("ec" + i + ".crt.pem"), text("ec" + i + ".key.pem"), null)
                            .certificate());
                }
            } catch (KeyLoadException e) {
                throw new IllegalStateException("The testkit's EC certificates do not load", e);
            }
            for (TestKey k : values()) {
                out.add(k.certificate());
            }
            return Collections.unmodifiableList(out);
        }
    }
}
