package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK-only PEM reader takes the common forms (PKCS#8 {@code PRIVATE KEY}, {@code CERTIFICATE}) and gives the same
 * keys and certificates as the Bouncy Castle path; every other form is left to Bouncy Castle.
 */
class PemKeysJdkTest {
    private static final Path ROOT =
            Path.of(System.getProperty("itl.testdata", "../testdata")).getParent();

    @Test
    void readsPkcs8AndCertificatesWithTheJdkAlone() throws Exception {
        Path cluster = ROOT.resolve("examples/cluster");
        String key = Files.readString(cluster.resolve("test10pub.key"));
        String cert = Files.readString(cluster.resolve("test10pub.pem"));
        List<PrivateKey> jdk = PemKeys.Jdk.keys(key);
        assertNotNull(jdk);
        assertEquals(1, jdk.size());
        assertEquals("RSA", jdk.get(0).getAlgorithm());
        assertArrayEquals(
                Files.readAllBytes(cluster.resolve("test10pub.der")),
                PemKeys.Jdk.certificates(cert, CertificateFactory.getInstance("X.509"))
                        .get(0)
                        .getEncoded());
        SigningKey viaLoader = KeyLoader.defaults().pem(cert, key, null);
        assertArrayEquals(viaLoader.privateKey().getEncoded(), jdk.get(0).getEncoded());
        // key and certificate in one file, in either order
        assertNotNull(PemKeys.Jdk.keys(cert + key));
        assertEquals(
                1,
                PemKeys.Jdk.certificates(key + cert, CertificateFactory.getInstance("X.509"))
                        .size());
    }

    @Test
    void leavesOtherFormsToBouncyCastle() throws Exception {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n";
        assertNull(PemKeys.Jdk.keys(pkcs1));
        String encrypted =
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertNull(PemKeys.Jdk.keys(encrypted));
        String garbage = "-----BEGIN PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END PRIVATE KEY-----\n";
        assertNull(PemKeys.Jdk.keys(garbage)); // not PKCS#8: Bouncy Castle reports it as before
        assertNull(PemKeys.Jdk.keys("no PEM here"));
        assertNull(PemKeys.Jdk.algorithm(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
    }
}
