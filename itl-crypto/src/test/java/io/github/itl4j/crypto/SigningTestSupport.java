package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.SignedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared fixtures for the signing-side tests: test data folders, certificates, and a plain-JCA signature check. */
final class SigningTestSupport {
    static final char[] PASSWORD = "changeit".toCharArray();

    private SigningTestSupport() {}

    /** The shared test data: system property {@code itl.testdata}, else {@code ../testdata}. */
    static Path testdata() {
        String p = System.getProperty("itl.testdata");
        Path d = p != null ? Paths.get(p) : Paths.get("..", "testdata");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("test data not found at " + d.toAbsolutePath());
        }
        return d;
    }

    static Path certutils() {
        return testdata().resolve("vectors").resolve("certutils");
    }

    /** {@code examples/cluster} at the repository root (beside testdata). */
    static Path cluster() {
        return testdata()
                .toAbsolutePath()
                .normalize()
                .getParent()
                .resolve("examples")
                .resolve("cluster");
    }

    /** The key fixtures under src/test/resources/io/github/itl4j/crypto/keys. */
    static Path keys(String name) {
        try {
            java.net.URL u = SigningTestSupport.class.getResource("keys/" + name);
            if (u == null) {
                throw new IllegalStateException("missing test key file keys/" + name);
            }
            return Paths.get(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate cert(Path p) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SigningKey certutilsKey(String name) throws KeyLoadException {
        Path d = certutils().resolve("certs");
        return KeyLoader.defaults().pem(d.resolve(name + ".crt.pem"), d.resolve(name + ".key.pem"), null);
    }

    static Clock fixedClock(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** Plain-JCA check: RSA PKCS#1 v1.5 with the header's digest over {@code signedParts()}. */
    static boolean jcaVerify(SignedFile f, PublicKey key) throws GeneralSecurityException {
        DigestAlgorithm d = f.header().digestAlgorithm().orElseThrow();
        String name =
                switch (d.code()) {
                    case 1 -> "SHA1withRSA";
                    case 2 -> "SHA256withRSA";
                    case 3 -> "SHA512withRSA";
                    default -> throw new AssertionError(d);
                };
        Signature s = Signature.getInstance(name);
        s.initVerify(key);
        for (Bytes p : f.signedParts()) {
            s.update(p.toByteArray());
        }
        return s.verify(f.header().signature().orElseThrow().toByteArray());
    }

    /** Plain-JCA check of a trust list with the key of its SAST record whose serial is the header's. */
    static boolean jcaVerifyTrustList(io.github.itl4j.ItlFile f) throws Exception {
        Bytes serial = f.header().serialNumber().orElseThrow();
        for (ItlRecord r : f.records()) {
            if (r.role().orElseThrow().equals(Role.SAST)
                    && r.serialNumber().orElseThrow().equals(serial)) {
                X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(
                                r.certificate().orElseThrow().toByteArray()));
                return jcaVerify(f, c.getPublicKey());
            }
        }
        throw new AssertionError("no SAST record with the header's serial");
    }

    static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }
}
