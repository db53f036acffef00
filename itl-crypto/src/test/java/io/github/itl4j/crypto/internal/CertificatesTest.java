package io.github.itl4j.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/** {@link Certificates#publicKeyField}: the PUBLICKEY value, by a DER walk, as Bouncy Castle's ASN.1 classes give it. */
class CertificatesTest {
    private static List<X509Certificate> vectorCertificates() throws Exception {
        String p = System.getProperty("itl.testdata");
        Path d = (p != null ? Paths.get(p) : Paths.get("..", "testdata")).resolve("vectors/certutils/certs");
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".crt.pem"))
                    .sorted()
                    .map(f -> {
                        try (InputStream in = Files.newInputStream(f)) {
                            return (X509Certificate) cf.generateCertificate(in);
                        } catch (Exception e) {
                            throw new IllegalStateException(f.toString(), e);
                        }
                    })
                    .toList();
        }
    }

    /** What the field was before the DER walk: Bouncy Castle's parse of the SubjectPublicKeyInfo. */
    private static Bytes viaBouncyCastle(PublicKey key) throws Exception {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        return key instanceof RSAPublicKey
                ? Bytes.wrapOwned(spki.parsePublicKey().getEncoded(ASN1Encoding.DER))
                : Bytes.wrapOwned(spki.getPublicKeyData().getOctets());
    }

    @Test
    void everyVectorCertificatesKeyGivesBouncyCastlesValue() throws Exception {
        List<X509Certificate> certs = vectorCertificates();
        assertTrue(certs.size() > 10, "vector certificates found: " + certs.size());
        boolean rsa = false;
        boolean ec = false;
        for (X509Certificate c : certs) {
            PublicKey k = c.getPublicKey();
            rsa |= k instanceof RSAPublicKey;
            ec |= k instanceof java.security.interfaces.ECPublicKey;
            assertEquals(
                    viaBouncyCastle(k),
                    Certificates.publicKeyField(k),
                    c.getSubjectX500Principal().getName());
        }
        assertTrue(rsa && ec, "both key types covered");
    }

    @Test
    void generatedKeysOfEverySizeAndCurveGiveBouncyCastlesValue() throws Exception {
        for (int bits : new int[] {1024, 2048, 4096}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            PublicKey k = g.generateKeyPair().getPublic();
            assertEquals(viaBouncyCastle(k), Certificates.publicKeyField(k), "RSA-" + bits);
        }
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec(curve));
            PublicKey k = g.generateKeyPair().getPublic();
            assertEquals(viaBouncyCastle(k), Certificates.publicKeyField(k), curve);
        }
    }

    @Test
    void otherKeyTypesAreRefused() throws Exception {
        PublicKey ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Certificates.publicKeyField(ed));
        assertTrue(e.getMessage().contains("unsupported key type"), e.getMessage());
    }
}
