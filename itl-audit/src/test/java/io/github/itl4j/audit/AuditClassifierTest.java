package io.github.itl4j.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.TrustSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The classification table and the precedence of the classes (docs/audit.md, Classes). */
class AuditClassifierTest {
    static final Path EXAMPLES = AuditFixtures.examples();
    static final Path VECTOR =
            AuditFixtures.testdata().resolve("vectors/certutils/itl/itl-rsa2048-sha1-v1.0-2sast.tlv");

    static Bytes bytes(Path p) throws IOException {
        return Bytes.wrapOwned(Files.readAllBytes(p));
    }

    static String sha1(Bytes b) {
        return Checksums.of(b).sha1().toHex();
    }

    static String md5(Bytes b) {
        return Checksums.of(b).md5().toHex();
    }

    static PhoneReport phone(String device, String itl, String tftp) {
        return new PhoneReport(device, "", "", "", itl, tftp, null, "", "test", 1);
    }

    /** {pub:current = ITLFile-reset.tlv, pub:previous = ITLFile.tlv, B:current = 2sast vector of cluster B}. */
    static KnownCatalogue specCatalogue() throws IOException {
        return KnownCatalogue.builder()
                .addFile(KnownLabel.parse("pub:current"), EXAMPLES.resolve("ITLFile-reset.tlv"))
                .addFile(KnownLabel.parse("pub:previous"), EXAMPLES.resolve("ITLFile.tlv"))
                .addFile(KnownLabel.parse("pubB:current:B"), VECTOR)
                .build();
    }

    static AuditClassifier classifier(KnownCatalogue c) {
        return new AuditClassifier(c, TrustSimulator.builder().build(), AuditFixtures.NOW);
    }

    @Test
    void specTable() throws IOException {
        AuditClassifier a = classifier(specCatalogue());
        Bytes reset = bytes(EXAMPLES.resolve("ITLFile-reset.tlv"));
        Bytes orig = bytes(EXAMPLES.resolve("ITLFile.tlv"));
        assertEquals("10818e3a94544e74ad3f2b31c2b4c4c62a16cbe6", sha1(orig));
        assertEquals("e2ff7cd523dce15f8ae03a632a724aacbf5ca159", sha1(reset));

        Classification cur = a.classify(phone("SEP000000000001", sha1(reset), "pub"), FileKind.ITL);
        assertEquals(AuditClass.CURRENT, cur.auditClass());
        assertEquals("pub:current", cur.matchedLabel().orElseThrow().toString());

        Classification eq = a.classify(phone("SEP000000000002", sha1(orig), "pub"), FileKind.ITL);
        assertEquals(AuditClass.EQUIVALENT, eq.auditClass());
        // and recoverable by simulation: R3 via REC_A (the reset twin is signed by ITLRecovery, a SAST of listing A)
        assertTrue(eq.chain().contains("R3:PASS"), eq.chain().toString());

        Classification md5 = a.classify(phone("SEP000000000003", md5(orig) + "(MD5)", ""), FileKind.ITL);
        assertEquals(AuditClass.EQUIVALENT, md5.auditClass());
        assertEquals(Checksums.Algorithm.MD5, md5.value().algorithm());

        Classification foreign = a.classify(phone("SEP000000000004", sha1(bytes(VECTOR)), "pub"), FileKind.ITL);
        assertEquals(AuditClass.FOREIGN, foreign.auditClass());

        Classification unknown = a.classify(
                phone(
                        "SEPC80084AA8743",
                        "1B A1 C9 07 E9 9E 4D 3C 53 9D C8 14 24 AF 6C 9F 7D CE 4D 6D ",
                        "cucm-115.home.lab"),
                FileKind.ITL);
        assertEquals(AuditClass.UNKNOWN, unknown.auditClass());

        assertEquals(
                AuditClass.NOT_INSTALLED,
                a.classify(phone("SEP5", "Not Installed", ""), FileKind.ITL).auditClass());
        assertEquals(
                AuditClass.MALFORMED,
                a.classify(phone("SEP6", md5(orig) + "(SHA1)", ""), FileKind.ITL)
                        .auditClass());
    }

    @Test
    void staleStrandedA8WithCurrentA8x() {
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(
                        KnownLabel.parse("pub:current"),
                        "ITLFile.tlv",
                        AuditFixtures.a8x().encoded())
                .addFile(
                        KnownLabel.parse("pub:previous"),
                        "ITLFile.tlv",
                        AuditFixtures.a8().encoded())
                .build();
        Classification r =
                classifier(c).classify(phone("SEP1", sha1(AuditFixtures.a8().encoded()), "pub"), FileKind.ITL);
        assertEquals(AuditClass.STALE_STRANDED, r.auditClass());
        assertTrue(r.chain().contains("R3:FAIL"), r.chain().toString());
        assertTrue(
                r.chain().stream().anyMatch(k -> k.startsWith("R7:FAIL") || k.startsWith("R10:FAIL")),
                r.chain().toString());
        assertTrue(!r.advice().isEmpty());
    }

    @Test
    void staleRecoverableByResetKey() {
        // a phone holding listing A (A1) offered A2 (CM regenerated, signed by CM_A'): R3 fails, no TVS: stranded;
        // offered A1r (signed by REC_A, in A1): recoverable, though not equivalent when the records differ
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(
                        KnownLabel.parse("pub:current"),
                        "ITLFile.tlv",
                        AuditFixtures.a1r().encoded())
                .addFile(
                        KnownLabel.parse("pub:old"),
                        "ITLFile.tlv",
                        AuditFixtures.a8().encoded())
                .build();
        Classification r =
                classifier(c).classify(phone("SEP1", sha1(AuditFixtures.a8().encoded()), ""), FileKind.ITL);
        // A8 holds CM_A as SAST; A1r is signed by REC_A, which A8 does not hold: stranded without TVS
        assertEquals(AuditClass.STALE_STRANDED, r.auditClass(), r.chain().toString());
    }

    @Test
    void staleRecoverableBySimulation() {
        // the phone holds SAST{CM_A', ITLRecovery}; the current file (listing B) is signed by ITLRecovery: R3 passes
        io.github.itl4j.crypto.SigningKey cm2 = AuditFixtures.vectorKey("node05-rsa2048");
        ItlFile old = AuditFixtures.build(
                cm2,
                java.util.List.of(
                        io.github.itl4j.crypto.TrustListBuilder.Entry.of(cm2.certificate(), io.github.itl4j.Role.SAST),
                        io.github.itl4j.crypto.TrustListBuilder.Entry.of(cm2.certificate(), io.github.itl4j.Role.TFTP),
                        io.github.itl4j.crypto.TrustListBuilder.Entry.of(
                                AuditFixtures.clusterKey("itlrecovery").certificate(), io.github.itl4j.Role.SAST)));
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(
                        KnownLabel.parse("pub:current"),
                        "ITLFile.tlv",
                        AuditFixtures.a1r().encoded())
                .addFile(KnownLabel.parse("pub:old"), "ITLFile.tlv", old.encoded())
                .build();
        Classification r = classifier(c).classify(phone("SEP1", sha1(old.encoded()), "pub"), FileKind.ITL);
        assertEquals(AuditClass.STALE_RECOVERABLE, r.auditClass(), r.chain().toString());
        assertTrue(r.chain().contains("R3:PASS"), r.chain().toString());
        assertTrue(r.advice().startsWith("reset the phone"), r.advice());
    }

    @Test
    void currentOtherNode() throws IOException {
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(KnownLabel.parse("pub:current"), EXAMPLES.resolve("ITLFile-reset.tlv"))
                .addFile(KnownLabel.parse("sub:current"), EXAMPLES.resolve("ITLFile.tlv"))
                .build();
        AuditClassifier a = classifier(c);
        String subHash = sha1(bytes(EXAMPLES.resolve("ITLFile.tlv")));
        assertEquals(
                AuditClass.CURRENT_OTHER_NODE,
                a.classify(phone("SEP1", subHash, "pub.example.com"), FileKind.ITL)
                        .auditClass());
        assertEquals(
                AuditClass.CURRENT,
                a.classify(phone("SEP1", subHash, "sub"), FileKind.ITL).auditClass());
        // a TFTP server no known node is named after (an IP address): any current file is CURRENT
        assertEquals(
                AuditClass.CURRENT,
                a.classify(phone("SEP1", subHash, "10.0.0.9"), FileKind.ITL).auditClass());
        assertEquals(
                AuditClass.CURRENT,
                a.classify(phone("SEP1", subHash, ""), FileKind.ITL).auditClass());
    }

    @Test
    void precedenceCurrentWinsOverEveryOtherLabel() throws IOException {
        Bytes orig = bytes(EXAMPLES.resolve("ITLFile.tlv"));
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(KnownLabel.parse("pub:old:B"), "ITLFile.tlv", orig)
                .addFile(KnownLabel.parse("pub:previous"), "ITLFile.tlv", orig)
                .addFile(KnownLabel.parse("pub:current"), "ITLFile.tlv", orig)
                .build();
        assertEquals(
                AuditClass.CURRENT,
                classifier(c)
                        .classify(phone("SEP1", sha1(orig), "pub"), FileKind.ITL)
                        .auditClass());
        KnownCatalogue c2 = KnownCatalogue.builder()
                .addFile(KnownLabel.parse("pub:old:B"), "ITLFile.tlv", orig)
                .addFile(KnownLabel.parse("pub:current"), EXAMPLES.resolve("ITLFile-reset.tlv"))
                .addFile(KnownLabel.parse("pub:previous"), "ITLFile.tlv", orig)
                .build();
        // the same bytes known as a previous file of this cluster and as a file of cluster B: EQUIVALENT > FOREIGN
        assertEquals(
                AuditClass.EQUIVALENT,
                classifier(c2)
                        .classify(phone("SEP1", sha1(orig), "pub"), FileKind.ITL)
                        .auditClass());
    }

    @Test
    void diagnosticFormsNeverCurrent() throws Exception {
        KnownCatalogue c = specCatalogue();
        ItlFile f = c.files().get(0).parsed().orElseThrow();
        byte[] sig = f.header().signature().orElseThrow().toByteArray();
        String sha1Sig =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(sig));
        Classification r = classifier(c).classify(phone("SEP1", sha1Sig, "pub"), FileKind.ITL);
        assertEquals(AuditClass.DIAGNOSTIC_FORM, r.auditClass());
        assertEquals("SHA-1(SIGNATURE)", r.hit().form());
        String first16 = HexFormat.of().formatHex(sig, 0, 16);
        assertEquals(
                AuditClass.DIAGNOSTIC_FORM,
                classifier(c)
                        .classify(phone("SEP1", first16, "pub"), FileKind.ITL)
                        .auditClass());
    }

    @Test
    void recordDigestSharedByResetTwin() throws IOException {
        KnownCatalogue c = specCatalogue();
        assertEquals(c.files().get(0).recordDigest(), c.files().get(1).recordDigest());
        assertTrue(!c.files().get(0).recordDigest().equals(c.files().get(2).recordDigest()));
        assertEquals(5322, c.files().get(0).size());
        assertEquals(4, c.files().get(0).digests().size());
    }

    @Test
    void perDeviceFileOnlyForItsMac() throws IOException {
        Bytes orig = bytes(EXAMPLES.resolve("ITLFile.tlv"));
        KnownCatalogue c = KnownCatalogue.builder()
                .addFile(KnownLabel.parse("pub:current"), "ITLSEP001122334455.tlv", orig)
                .build();
        AuditClassifier a = classifier(c);
        assertEquals(
                AuditClass.CURRENT,
                a.classify(phone("SEP001122334455", sha1(orig), "pub"), FileKind.ITL)
                        .auditClass());
        assertEquals(
                AuditClass.UNKNOWN,
                a.classify(phone("SEP00112233AAAA", sha1(orig), "pub"), FileKind.ITL)
                        .auditClass());
    }

    @Test
    void knownHashesAndShowItl() throws IOException {
        String show = Files.readString(AuditFixtures.testdata().resolve("reference/show-itl-seed.txt"));
        KnownCatalogue c = KnownCatalogue.builder()
                .addShowItl(KnownLabel.parse("pub:previous"), show, "show-itl-seed.txt")
                .addHash(
                        KnownLabel.parse("pub:current"),
                        FileKind.ITL,
                        "E2 FF 7C D5 23 DC E1 5F 8A E0 3A 63 2A 72 4A AC BF 5C A1 59 ",
                        "--known-hash")
                .build();
        AuditClassifier a = classifier(c);
        assertEquals(
                AuditClass.CURRENT,
                a.classify(phone("SEP1", "e2ff7cd523dce15f8ae03a632a724aacbf5ca159", ""), FileKind.ITL)
                        .auditClass());
        // listing A's SHA-1 from the seed: a previous file known only by its hash: stale, not simulated
        Classification r =
                a.classify(phone("SEP1", "9d7da73d16c1501b4d27dc1ed79211f390659982(SHA1)", ""), FileKind.ITL);
        assertEquals(AuditClass.STALE_STRANDED, r.auditClass());
        assertTrue(r.advice().contains("only the hash"), r.advice());
    }

    @Test
    void knownDirectoryLabelsFromPaths(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("pub/current"));
        Files.createDirectories(dir.resolve("pub/previous"));
        Files.createDirectories(dir.resolve("pub/current/B"));
        Files.copy(EXAMPLES.resolve("ITLFile-reset.tlv"), dir.resolve("pub/current/ITLFile.tlv"));
        Files.copy(EXAMPLES.resolve("ITLFile.tlv"), dir.resolve("pub/previous/ITLFile.tlv"));
        Files.copy(VECTOR, dir.resolve("pub/current/B/ITLFile.tlv"));
        Files.writeString(dir.resolve("stray.txt"), "x");
        KnownCatalogue c = KnownCatalogue.builder().addDirectory(dir).build();
        assertEquals(3, c.files().size());
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertEquals(
                AuditClass.FOREIGN,
                classifier(c)
                        .classify(phone("SEP1", sha1(bytes(VECTOR)), ""), FileKind.ITL)
                        .auditClass());
    }
}
