package io.github.itl4j.audit;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deterministic fixtures for the audit tests, built as itl-trust's test fixtures are (fixed clock, RSA
 * PKCS#1 v1.5) from the keys in the repository: A8 (8.x shape, signed by CM_A) and A8x (CM and TVS regenerated
 * together, signed by CM_A').
 */
public final class AuditFixtures {
    /** Listing A's TIMESTAMP: the signing time of every fixture. */
    public static final Instant T0 = Instant.parse("2014-02-26T18:24:27Z");
    /** The simulation time. */
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private AuditFixtures() {}

    /** @return testdata/ */
    public static Path testdata() {
        String p = System.getProperty("itl.testdata");
        Path dir = p != null ? Path.of(p) : Path.of("../testdata");
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("test vectors not found under " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** @return examples/ */
    public static Path examples() {
        return testdata().toAbsolutePath().getParent().resolve("examples");
    }

    static SigningKey clusterKey(String name) {
        return load(examples().resolve("cluster/" + name + ".pem"), examples().resolve("cluster/" + name + ".key"));
    }

    static SigningKey vectorKey(String name) {
        Path c = testdata().resolve("vectors/certutils/certs");
        return load(c.resolve(name + ".crt.pem"), c.resolve(name + ".key.pem"));
    }

    private static SigningKey load(Path cert, Path key) {
        try {
            return KeyLoader.defaults().pem(cert, key, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + cert, e);
        }
    }

    static ItlFile build(SigningKey signer, List<Entry> entries) {
        try {
            ItlSigner s = ItlSigner.builder(signer)
                    .digest(DigestAlgorithm.SHA1)
                    .clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .build();
            TrustListBuilder b = TrustListBuilder.builder(s)
                    .fileName("ITLFile.tlv")
                    .timestamp(T0)
                    .tvsAsHash(true)
                    .requireSignerRecord(false);
            entries.forEach(b::add);
            return ItlReader.defaults().readTrustList(b.build().encoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return A8: SAST{CM_A}, TFTP{CM_A}, TVS#{tvs-pub}, signed by CM_A */
    public static ItlFile a8() {
        SigningKey cm = clusterKey("test10pub");
        return build(
                cm,
                List.of(
                        Entry.of(cm.certificate(), Role.SAST),
                        Entry.of(cm.certificate(), Role.TFTP),
                        Entry.of(clusterKey("tvs-pub").certificate(), Role.TVS)));
    }

    /** @return A8x: SAST{CM_A'}, TFTP{CM_A'}, TVS#{TVS_A'}, signed by CM_A' (node05; TVS node09) */
    public static ItlFile a8x() {
        SigningKey cm = vectorKey("node05-rsa2048");
        return build(
                cm,
                List.of(
                        Entry.of(cm.certificate(), Role.SAST),
                        Entry.of(cm.certificate(), Role.TFTP),
                        Entry.of(vectorKey("node09-rsa2048").certificate(), Role.TVS)));
    }

    /** @return A1r: examples/ITLFile-reset.tlv */
    public static ItlFile a1r() {
        try {
            return ItlReader.defaults().readTrustList(examples().resolve("ITLFile-reset.tlv"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
