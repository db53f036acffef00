package io.github.itl4j.trust.lint;

import static io.github.itl4j.trust.Fixtures.build;
import static io.github.itl4j.trust.Fixtures.clusterKey;
import static io.github.itl4j.trust.Fixtures.e;
import static io.github.itl4j.trust.Fixtures.vectorKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.trust.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rows of the lint test table (docs/lint.md) built by the library (fixtures), and rules checked one by one: a list
 * that fires the rule and one where it must not.
 */
class LintRulesTest {
    private static final LintOptions OPTS = LintTableTest.opts();

    private static LintReport lint(ItlFile f, String name, LintOptions o) {
        LintReport r = Linter.of(o).lint(name, f.encoded());
        LintPreconditionsTest.assertEachRuleAloneFinds(r, f, name, o); // the rules' preconditions in Rules.runAll
        return r;
    }

    private static LintReport lint(ItlFile f) {
        return lint(f, "ITLFile.tlv", OPTS);
    }

    private static Optional<Finding> finding(LintReport r, String rule) {
        return r.findings().stream().filter(f -> f.rule().equals(rule)).findFirst();
    }

    private static void fires(LintReport r, String rule, LintSeverity s) {
        Optional<Finding> f = finding(r, rule);
        assertTrue(f.isPresent(), rule + " expected: " + r);
        assertEquals(s, f.get().severity(), f.get().text());
    }

    private static void silent(LintReport r, String rule) {
        assertFalse(finding(r, rule).isPresent(), rule + " not expected: " + r);
    }

    private static X509Certificate vcert(String n) {
        return vectorKey(n).certificate();
    }

    // ------------------------------------------------------------------ the rest of the 4.3 table

    @Test
    void rsa1024WithFips() throws IOException {
        Path p = LintTableTest.itl("itl-rsa1024-sha1-v1.0-noappserver.tlv");
        LintReport r = LintTableTest.lint(p, OPTS.fips(true));
        assertEquals(java.util.Set.of("L06", "L11"), LintTableTest.warnOrError(r), r.toString());
        fires(r, "L11", LintSeverity.ERROR);
        fires(LintTableTest.lint(p, OPTS), "L11", LintSeverity.INFO);
    }

    @Test
    void listingA() {
        LintReport r = lint(Fixtures.a1());
        assertEquals(java.util.Set.of(), LintTableTest.warnOrError(r), r.toString());
        fires(r, "L11", LintSeverity.INFO);
        silent(r, "L08");
        LintReport f = lint(Fixtures.a1(), "ITLFile.tlv", OPTS.fips(true));
        assertEquals(java.util.Set.of("L11"), LintTableTest.warnOrError(f), f.toString());
        fires(f, "L11", LintSeverity.ERROR);
    }

    @Test
    void listingB() {
        LintReport r = lint(Fixtures.a1r());
        assertEquals(java.util.Set.of(), LintTableTest.warnOrError(r), r.toString());
        Finding f = finding(r, "L08").orElseThrow();
        assertEquals(LintSeverity.INFO, f.severity());
        assertEquals(4, f.recordIndex(), "signer is record 5");
        assertTrue(f.offset() > 0);
    }

    @Test
    void recoveryShorterThanCallManager() {
        ItlFile v = build(
                vectorKey("node05-rsa2048"),
                "ITLFile.tlv",
                List.of(e(Fixtures.cmA2(), Role.SAST), e(Fixtures.cmA2(), Role.TFTP), e(Fixtures.recA(), Role.SAST)));
        LintReport r = lint(v);
        fires(r, "L09", LintSeverity.WARN);
        assertEquals(2, finding(r, "L09").get().recordIndex());
        silent(lint(Fixtures.a1()), "L09");
        silent(lint(Fixtures.b1()), "L09");
    }

    @Test
    void sha512WithLegacyModel() throws IOException {
        Path p = LintTableTest.itl("itl-rsa2048-sha512-v1.1-2sast.tlv");
        fires(LintTableTest.lint(p, OPTS), "L13", LintSeverity.WARN);
        fires(LintTableTest.lint(p, OPTS.models(List.of("CP-7975"))), "L13", LintSeverity.ERROR);
        fires(LintTableTest.lint(p, OPTS.models(List.of("CP-8865"))), "L13", LintSeverity.WARN);
        silent(lint(Fixtures.b1(), "ITLFile.tlv", OPTS.models(List.of("CP-7975"))), "L13");
    }

    @Test
    void over64k() throws IOException {
        List<TrustListBuilder.Entry> l = new ArrayList<>(
                List.of(e(Fixtures.cmA(), Role.SAST), e(Fixtures.recA(), Role.SAST), e(Fixtures.cmA(), Role.TFTP)));
        List<String> names = Fixtures.nodeCertificateNames();
        ItlFile f = null;
        for (Role role : List.of(Role.CCM, Role.APP_SERVER, Role.SRST)) {
            for (int i = 0; i < names.size() && (f == null || f.size() <= 66_000); i++) {
                l.add(e(vcert(names.get(i)), role));
                if (i % 4 == 3) {
                    f = build(clusterKey("test10pub"), "ITLFile.tlv", l);
                }
            }
        }
        assertTrue(f.size() > 65_536, "size " + f.size());
        LintReport r = lint(f);
        fires(r, "L01", LintSeverity.ERROR);
        fires(r, "L02", LintSeverity.WARN);
        silent(r, "L03");
        silent(lint(Fixtures.a1()), "L01");
        assertTrue(r.failed(false));
    }

    @Test
    void rollback() {
        LintReport r = lint(Fixtures.aRb());
        fires(r, "L27", LintSeverity.WARN);
        silent(lint(Fixtures.a1()), "L27");
        // an ITL that simply has no TFTP/TVS records is not a rollback ITL
        silent(lint(build(vectorKey("sast-rsa2048"), "ITLFile.tlv", List.of(e(Fixtures.cmB(), Role.SAST)))), "L27");
    }

    @Test
    void negativeVectorIsMalformed() throws IOException {
        Path p = Fixtures.testdata().resolve("vectors/negative/rsp2k-itlbuilder/ITLFile.tlv");
        LintReport r = LintTableTest.lint(p, OPTS);
        assertTrue(r.malformed().isPresent(), r.toString());
        assertTrue(r.findings().isEmpty(), r.toString());
        assertTrue(r.failed(false));
        assertTrue(Linter.of(OPTS)
                .lint("ITLFile.tlv", Bytes.EMPTY)
                .malformed()
                .get()
                .contains("empty"));
    }

    // ------------------------------------------------------------------ rule by rule

    @Test
    void noSastAndBadSignature() {
        ItlFile noSast = build(clusterKey("test10pub"), "ITLFile.tlv", List.of(e(Fixtures.cmA(), Role.TFTP)));
        LintReport r = lint(noSast);
        fires(r, "L05", LintSeverity.ERROR);
        assertTrue(r.has("SIGNER_WRONG_ROLE"), r.toString());
        fires(r, "L07", LintSeverity.ERROR);
        silent(lint(Fixtures.a1()), "L05");
        silent(lint(Fixtures.a1()), "L07");
        byte[] b = Fixtures.a1().encoded().toByteArray();
        b[b.length - 10] ^= 1;
        LintReport bad = Linter.of(OPTS).lint("ITLFile.tlv", Bytes.wrapOwned(b));
        assertTrue(bad.has("SIGNATURE_INVALID"), bad.toString());
        assertEquals(
                "L07",
                bad.findings().stream()
                        .filter(f -> f.code().equals("SIGNATURE_INVALID"))
                        .findFirst()
                        .orElseThrow()
                        .rule());
    }

    @Test
    void sastCount() {
        LintReport one = lint(Fixtures.a8());
        fires(one, "L06", LintSeverity.WARN);
        fires(lint(Fixtures.a8(), "ITLFile.tlv", OPTS.profile(Profile.USECALLMANAGER)), "L06", LintSeverity.INFO);
        silent(lint(Fixtures.a1()), "L06");
        LintReport four = lint(Fixtures.ctlA2(), "CTLFile.tlv", OPTS);
        fires(four, "L04", LintSeverity.INFO);
        fires(lint(Fixtures.ctlA2(), "CTLFile.tlv", OPTS.profile(Profile.USECALLMANAGER)), "L04", LintSeverity.WARN);
        silent(lint(Fixtures.a1()), "L04");
    }

    @Test
    void keySizes() {
        LintReport big = lint(build(
                vectorKey("sast-rsa4096"),
                "ITLFile.tlv",
                List.of(e(vcert("sast-rsa4096"), Role.SAST), e(vcert("sast2-rsa2048"), Role.SAST))));
        fires(big, "L10", LintSeverity.WARN);
        silent(lint(Fixtures.b1()), "L10");
        silent(lint(Fixtures.b1()), "L11");
        silent(lint(Fixtures.b1()), "L12");
    }

    @Test
    void sha256() throws Exception {
        TrustListBuilder b = TrustListBuilder.builder(
                        Fixtures.signer(vectorKey("sast-rsa2048"), DigestAlgorithm.SHA256))
                .fileName("ITLFile.tlv");
        b.add(e(Fixtures.cmB(), Role.SAST)).add(e(Fixtures.recB(), Role.SAST));
        ItlFile f = Fixtures.reread(b.build());
        fires(lint(f), "L14", LintSeverity.WARN);
        silent(lint(Fixtures.b1()), "L14");
        silent(lint(f), "L13");
    }

    @Test
    void validity() {
        ItlFile f = Fixtures.b1();
        Instant end = Fixtures.cmB().getNotAfter().toInstant();
        LintReport expired = lint(f, "ITLFile.tlv", OPTS.now(end.plusSeconds(86_400)));
        Finding signer = expired.findings().stream()
                .filter(x -> x.rule().equals("L20") && x.recordIndex() == 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError(expired.toString()));
        assertEquals(LintSeverity.ERROR, signer.severity(), "the signer expired");
        assertTrue(expired.failed(false));
        silent(lint(f), "L20");
        LintReport near = lint(f, "ITLFile.tlv", OPTS.now(end.minus(Duration.ofDays(30))));
        fires(near, "L21", LintSeverity.WARN);
        fires(near, "L41", LintSeverity.WARN);
        silent(lint(f, "ITLFile.tlv", OPTS.now(end.minus(Duration.ofDays(30))).nearExpiry(Duration.ofDays(10))), "L41");
        silent(lint(f), "L21");
        LintReport early = lint(
                f,
                "ITLFile.tlv",
                OPTS.now(Fixtures.cmB().getNotBefore().toInstant().minusSeconds(86_400)));
        fires(early, "L22", LintSeverity.WARN);
        silent(lint(f), "L22");
    }

    @Test
    void tvsAndTftpRecords() {
        LintReport ctlWithTvs = lint(
                build(
                        vectorKey("sast-rsa2048"),
                        "CTLFile.tlv",
                        List.of(
                                e(Fixtures.cmB(), Role.SAST),
                                e(Fixtures.recB(), Role.SAST),
                                e(Fixtures.tvsB(), Role.TVS))),
                "CTLFile.tlv",
                OPTS);
        fires(ctlWithTvs, "L26", LintSeverity.WARN);
        silent(lint(Fixtures.ctlB(), "CTLFile.tlv", OPTS), "L26");
        fires(lint(Fixtures.ctlB(), "CTLFile.tlv", OPTS), "L37", LintSeverity.INFO);
        LintReport noTftp = lint(build(
                vectorKey("sast-rsa2048"),
                "ITLFile.tlv",
                List.of(e(Fixtures.cmB(), Role.SAST), e(Fixtures.recB(), Role.SAST))));
        fires(noTftp, "L24", LintSeverity.WARN);
        fires(noTftp, "L25", LintSeverity.WARN);
        fires(noTftp, "L39", LintSeverity.INFO);
        LintReport ucm = lint(
                build(
                        vectorKey("sast-rsa2048"),
                        "ITLFile.tlv",
                        List.of(e(Fixtures.cmB(), Role.SAST), e(Fixtures.recB(), Role.SAST))),
                "ITLFile.tlv",
                OPTS.profile(Profile.USECALLMANAGER));
        fires(ucm, "L24", LintSeverity.INFO);
        fires(ucm, "L25", LintSeverity.INFO);
        silent(ucm, "L39");
        silent(lint(Fixtures.a1()), "L24");
        silent(lint(Fixtures.a1()), "L25");
        silent(lint(Fixtures.a1()), "L39");
    }

    @Test
    void duplicatesAndSharedKeys() {
        LintReport dup = lint(build(
                vectorKey("sast-rsa2048"),
                "ITLFile.tlv",
                List.of(e(Fixtures.cmB(), Role.SAST), e(Fixtures.cmB(), Role.SAST), e(Fixtures.cmB(), Role.TFTP))));
        fires(dup, "L28", LintSeverity.WARN);
        fires(dup, "L30", LintSeverity.WARN);
        fires(dup, "L29", LintSeverity.INFO);
        silent(lint(Fixtures.b1()), "L28");
        silent(lint(Fixtures.b1()), "L30");
        fires(lint(Fixtures.a1()), "L29", LintSeverity.INFO);
    }

    @Test
    void fileNameModeAndHeader() {
        ItlFile perDevice = build(
                vectorKey("sast-rsa2048"),
                "ITLSEP001122334455.tlv",
                List.of(e(Fixtures.cmB(), Role.SAST), e(Fixtures.recB(), Role.SAST)));
        fires(lint(perDevice), "L33", LintSeverity.WARN);
        silent(lint(Fixtures.a1()), "L33");
        fires(lint(Fixtures.a1(), "ITLFile.tlv", OPTS.mode(LintOptions.Mode.MIXED)), "L38", LintSeverity.WARN);
        silent(lint(Fixtures.a1(), "ITLFile.tlv", OPTS.mode(LintOptions.Mode.NON_SECURE)), "L38");
        silent(lint(Fixtures.a1()), "L34");
        // listing A's TIMESTAMP (2014) is before the regenerated example certificates' notBefore
        assertTrue(finding(lint(Fixtures.a1()), "L36").orElseThrow().message().contains("notBefore"));
        fires(
                lint(Fixtures.a1(), "ITLFile.tlv", OPTS.now(Instant.parse("2010-01-01T00:00:00Z"))),
                "L36",
                LintSeverity.INFO);
        TrustListBuilder b = TrustListBuilder.builder(Fixtures.signer(vectorKey("sast-rsa2048")))
                .fileName("ITLFile.tlv")
                .timestamp(Fixtures.cmB().getNotBefore().toInstant().plusSeconds(3600));
        b.add(e(Fixtures.cmB(), Role.SAST)).add(e(Fixtures.recB(), Role.SAST));
        try {
            silent(lint(Fixtures.reread(b.build())), "L36");
        } catch (io.github.itl4j.crypto.ItlSigningException x) {
            throw new AssertionError(x);
        }
    }

    @Test
    void ecRecords() throws IOException {
        LintReport r = LintTableTest.lint(LintTableTest.itl("itl-rsa2048-sha1-v1.0-allroles-ec.tlv"), OPTS);
        fires(r, "L16", LintSeverity.WARN);
        silent(r, "L18");
        silent(r, "L19");
        silent(LintTableTest.lint(LintTableTest.itl("itl-rsa2048-sha1-v1.1-noappserver-ec.tlv"), OPTS), "L16");
    }

    @Test
    void disableAndOverride() {
        LintReport r = lint(Fixtures.a8(), "ITLFile.tlv", OPTS.disable(List.of("L06")));
        silent(r, "L06");
        fires(
                lint(Fixtures.a8(), "ITLFile.tlv", OPTS.severity("SINGLE_SAST", LintSeverity.ERROR)),
                "L06",
                LintSeverity.ERROR);
        silent(lint(Fixtures.a8(), "ITLFile.tlv", OPTS.severity("L06", LintSeverity.OFF)), "L06");
        assertThrows(IllegalArgumentException.class, () -> OPTS.disable(List.of("L99")));
        assertTrue(lint(Fixtures.a8(), "ITLFile.tlv", OPTS).failed(true));
        assertFalse(lint(Fixtures.a8(), "ITLFile.tlv", OPTS).failed(false));
    }

    @Test
    void everyRuleIsListedOnceInOrder() {
        List<LintRule> rules = Linter.rules();
        assertEquals(41, rules.size());
        for (int i = 0; i < rules.size(); i++) {
            assertEquals(String.format("L%02d", i + 1), rules.get(i).id());
            assertFalse(rules.get(i).source().isEmpty());
        }
        assertEquals(rules.stream().map(LintRule::code).distinct().count(), rules.size());
        // one rule alone
        List<Finding> f = Linter.rule("L06")
                .orElseThrow()
                .check(Fixtures.a8(), "ITLFile.tlv", Fixtures.a8().size(), OPTS);
        assertEquals(1, f.size());
        assertEquals(0, f.get(0).recordIndex());
    }

    @Test
    void recordWithUnknownTagIsInfo() throws Exception {
        List<ItlRecord> rs = new ArrayList<>(Fixtures.b1().records());
        List<io.github.itl4j.tlv.Tlv> fields = new ArrayList<>(rs.get(1).fields());
        fields.add(new io.github.itl4j.tlv.Tlv(0x30, Bytes.utf8("x")));
        rs.set(1, ItlRecord.of(fields));
        ItlFile f = Fixtures.reread(Fixtures.signer(vectorKey("sast-rsa2048"))
                .sign(ItlFile.of(Fixtures.b1().header(), rs)));
        LintReport r = lint(f);
        fires(r, "L35", LintSeverity.INFO);
        assertEquals(java.util.Set.of(), LintTableTest.warnOrError(r), r.toString());
        silent(lint(Fixtures.b1()), "L35");
        assertTrue(Files.exists(Fixtures.testdata()));
    }

    private static ItlFile edit(int record, int tag, Bytes value) throws Exception {
        List<ItlRecord> rs = new ArrayList<>(Fixtures.b1().records());
        List<io.github.itl4j.tlv.Tlv> fields = new ArrayList<>();
        for (io.github.itl4j.tlv.Tlv t : rs.get(record).fields()) {
            fields.add(t.tag() == tag ? new io.github.itl4j.tlv.Tlv(tag, value) : t);
        }
        rs.set(record, ItlRecord.of(fields));
        return Fixtures.reread(Fixtures.signer(vectorKey("sast-rsa2048"))
                .sign(ItlFile.of(Fixtures.b1().header(), rs)));
    }

    @Test
    void recordFieldRules() throws Exception {
        ItlRecord r3 = Fixtures.b1().records().get(2);
        Bytes serial = r3.serialNumber().orElseThrow();
        byte[] padded = new byte[serial.size() + 1];
        serial.copyTo(padded, 1);
        LintReport zero = lint(edit(2, io.github.itl4j.RecordTags.SERIAL_NUMBER, Bytes.wrapOwned(padded)));
        fires(zero, "L40", LintSeverity.INFO);
        assertEquals(2, finding(zero, "L40").get().recordIndex());
        silent(zero, "L32"); // the same serial: a magnitude, the leading zero does not count (docs/format.md 4.4)
        silent(lint(Fixtures.b1()), "L40");
        LintReport subject = lint(edit(
                2,
                io.github.itl4j.RecordTags.SUBJECT_NAME,
                Bytes.utf8("CN=someone.else\0").slice(0, 15)));
        assertTrue(subject.has("SUBJECT_NAME_MISMATCH"), subject.toString());
        fires(subject, "L32", LintSeverity.WARN);
        silent(lint(Fixtures.b1()), "L32");
        silent(lint(Fixtures.b1()), "L31");
    }

    @Test
    void overTwoMegabytes() throws Exception {
        List<ItlRecord> rs = new ArrayList<>(Fixtures.b1().records());
        for (int i = 0; i < 33; i++) {
            rs.add(ItlRecord.of(List.of(
                    new io.github.itl4j.tlv.Tlv(io.github.itl4j.RecordTags.FUNCTION, Bytes.copyOf(new byte[] {0, 7})),
                    new io.github.itl4j.tlv.Tlv(0x30, Bytes.wrapOwned(new byte[65_000])))));
        }
        io.github.itl4j.ItlLimits big =
                io.github.itl4j.ItlLimits.builder().maxFileSize(8L << 20).build();
        ItlFile f = ItlFile.of(Fixtures.b1().header(), rs);
        f = io.github.itl4j.ItlReader.withLimits(big)
                .readTrustList(
                        Fixtures.signer(vectorKey("sast-rsa2048")).sign(f).encoded());
        assertTrue(f.size() > 2L * 1024 * 1024, "size " + f.size());
        LintReport r = Linter.of(OPTS.limits(big)).lint("ITLFile.tlv", f.encoded());
        assertTrue(r.malformed().isEmpty(), r.toString());
        fires(r, "L03", LintSeverity.ERROR);
        fires(r, "L01", LintSeverity.ERROR);
        // over the default reader limit: not parsed (exit 3), but the size rules still say why
        LintReport cut = Linter.of(OPTS).lint("ITLFile.tlv", f.encoded());
        assertTrue(cut.malformed().isPresent());
        fires(cut, "L03", LintSeverity.ERROR);
        silent(lint(Fixtures.b1()), "L03");
    }

    // ------------------------------------------------------------------ rules without a fire test elsewhere

    private static ItlFile v11(List<TrustListBuilder.Entry> entries) throws Exception {
        TrustListBuilder b = TrustListBuilder.builder(Fixtures.signer(clusterKey("test10pub")))
                .signerVersion(io.github.itl4j.Version.V1_1);
        entries.forEach(b::add);
        return b.build();
    }

    @Test
    void ecTftpWithoutRsaTftp() throws Exception {
        ItlFile ecOnly = v11(List.of(
                e(Fixtures.cmA(), Role.SAST), e(Fixtures.recA(), Role.SAST), e(vcert("tftp-ec256"), Role.TFTP)));
        fires(lint(ecOnly), "L17", LintSeverity.WARN);
        // an RSA TFTP certificate beside it: silent
        ItlFile both = v11(List.of(
                e(Fixtures.cmA(), Role.SAST),
                e(Fixtures.recA(), Role.SAST),
                e(vcert("tftp-ec256"), Role.TFTP),
                e(vcert("tftp-rsa2048"), Role.TFTP)));
        silent(lint(both), "L17");
        // no SIGNERVERSION 1.1: the rule does not apply
        silent(
                lint(build(
                        clusterKey("test10pub"),
                        "ITLFile.tlv",
                        List.of(
                                e(Fixtures.cmA(), Role.SAST),
                                e(Fixtures.recA(), Role.SAST),
                                e(vcert("tftp-ec256"), Role.TFTP)))),
                "L17");
    }

    /** A self-signed certificate made with Bouncy Castle, for the key sizes, curves and periods no vector has. */
    private static X509Certificate selfSigned(String cn, java.security.KeyPair kp, String alg, Instant nb, Instant na)
            throws Exception {
        org.bouncycastle.asn1.x500.X500Name n = new org.bouncycastle.asn1.x500.X500Name("CN=" + cn + ",O=Example Org");
        var b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                n,
                java.math.BigInteger.valueOf(nb.getEpochSecond()),
                java.util.Date.from(nb),
                java.util.Date.from(na),
                n,
                kp.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(alg)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .build(kp.getPrivate());
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new java.io.ByteArrayInputStream(b.build(signer).getEncoded()));
    }

    private static java.security.KeyPair rsa(int bits) throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static ItlFile withRecord(X509Certificate c, Role role) throws Exception {
        return build(
                clusterKey("test10pub"),
                "ITLFile.tlv",
                List.of(
                        e(Fixtures.cmA(), Role.SAST),
                        e(Fixtures.recA(), Role.SAST),
                        e(Fixtures.cmA(), Role.TFTP),
                        e(c, role)));
    }

    @Test
    void itlRecoveryShortValidity() throws Exception {
        Instant nb = Instant.parse("2025-01-01T00:00:00Z");
        X509Certificate shortRec =
                selfSigned("ITLRECOVERY_short", rsa(2048), "SHA256withRSA", nb, Instant.parse("2027-01-01T00:00:00Z"));
        fires(lint(withRecord(shortRec, Role.SAST)), "L23", LintSeverity.INFO);
        // the cluster's ITLRecovery is valid for 20 years; a short-lived certificate not named ITLRecovery is not
        // this rule's business
        silent(lint(Fixtures.a1()), "L23");
        silent(
                lint(withRecord(
                        selfSigned("cucm-short", rsa(2048), "SHA256withRSA", nb, Instant.parse("2027-01-01T00:00:00Z")),
                        Role.CCM)),
                "L23");
    }

    @Test
    void rsa512() throws Exception {
        java.security.KeyPair kp = rsa(512);
        X509Certificate weak = selfSigned(
                "weak512",
                kp,
                "SHA256withRSA",
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2035-01-01T00:00:00Z"));
        // a 512-bit record key
        LintReport r = lint(withRecord(weak, Role.CCM));
        fires(r, "L12", LintSeverity.WARN);
        assertEquals(3, finding(r, "L12").get().recordIndex());
        // a list signed with it: SIGNATUREMODULUS 0
        ItlFile signed = build(
                io.github.itl4j.crypto.SigningKey.of(kp.getPrivate(), weak, List.of()),
                "ITLFile.tlv",
                List.of(e(weak, Role.SAST), e(Fixtures.recA(), Role.SAST), e(Fixtures.cmA(), Role.TFTP)));
        assertEquals(0, signed.header().signatureModulus().orElseThrow().code());
        assertTrue(finding(lint(signed), "L12").isPresent());
        silent(lint(withRecord(vcert("ccm-rsa2048"), Role.CCM)), "L12");
    }

    @Test
    void headerLengthNotAligned() throws Exception {
        // the library's signer always pads the header to 4 bytes, so the fixture is aligned; dropping its PADDING
        // (ItlHeader.of keeps the elements as given) makes the closest reachable unaligned header (its signature no
        // longer verifies, which L34 does not look at)
        ItlFile f = Fixtures.a1();
        assertEquals(0, f.header().length() % 4);
        silent(lint(f), "L34");
        assertTrue(f.header().paddingCount() > 0, "the fixture's header is padded");
        io.github.itl4j.ItlHeader h = io.github.itl4j.ItlHeader.of(f.header().elements().stream()
                .filter(x -> !(x instanceof io.github.itl4j.tlv.Padding))
                .toList());
        assertTrue(h.length() % 4 != 0, "length " + h.length());
        ItlFile u = ItlFile.of(h, f.records());
        LintReport r = lint(u);
        fires(r, "L34", LintSeverity.WARN);
    }

    @Test
    void hashAlgorithmNotSha1() throws Exception {
        ItlFile f = build(
                clusterKey("test10pub"),
                "ITLFile.tlv",
                List.of(
                        e(Fixtures.cmA(), Role.SAST),
                        e(Fixtures.recA(), Role.SAST),
                        e(Fixtures.cmA(), Role.TFTP),
                        Fixtures.hash(Fixtures.tvsPub(), Role.TVS)));
        silent(lint(f), "L31");
        List<ItlRecord> recs = new ArrayList<>(f.records());
        ItlRecord h = recs.get(3);
        io.github.itl4j.tlv.Tlv ha = h.fields().stream()
                .filter(t -> t.tag() == io.github.itl4j.RecordTags.HASH_ALGORITHM)
                .findFirst()
                .orElseThrow();
        assertEquals(1, ha.value().toByteArray()[0], "the library writes HASH ALGORITHM 1");
        List<io.github.itl4j.tlv.Tlv> fields = new ArrayList<>();
        for (io.github.itl4j.tlv.Tlv t : h.fields()) {
            byte[] two = new byte[t.length()];
            two[two.length - 1] = 2;
            fields.add(
                    t.tag() == io.github.itl4j.RecordTags.HASH_ALGORITHM
                            ? new io.github.itl4j.tlv.Tlv(t.tag(), Bytes.wrapOwned(two))
                            : t);
        }
        recs.set(3, ItlRecord.of(fields));
        ItlFile sha256 = Fixtures.signer(clusterKey("test10pub")).sign(ItlFile.of(f.header(), recs));
        LintReport r = lint(sha256);
        fires(r, "L31", LintSeverity.WARN);
        assertEquals(3, finding(r, "L31").get().recordIndex());
    }

    /**
     * Listing B with one header field's value replaced, wherever it is nested (DIGESTALGORITHM and SIGNATUREALGORITHM
     * sit inside the SIGNERINFO container); the signature no longer verifies.
     */
    private static ItlFile header(int tag, int value) {
        return header(Fixtures.b1(), tag, Bytes.copyOf(new byte[] {(byte) value}));
    }

    private static ItlFile header(ItlFile f, int tag, Bytes value) {
        int[] found = {0};
        ItlFile out = ItlFile.of(
                io.github.itl4j.ItlHeader.of(replace(f.header().elements(), tag, value, found)), f.records());
        assertEquals(1, found[0], "tag " + tag);
        return out;
    }

    private static List<io.github.itl4j.tlv.TlvElement> replace(
            List<io.github.itl4j.tlv.TlvElement> elements, int tag, Bytes value, int[] found) {
        List<io.github.itl4j.tlv.TlvElement> l = new ArrayList<>();
        for (io.github.itl4j.tlv.TlvElement x : elements) {
            if (x instanceof io.github.itl4j.tlv.Tlv t && t.tag() == tag) {
                l.add(new io.github.itl4j.tlv.Tlv(tag, value));
                found[0]++;
            } else if (x instanceof io.github.itl4j.tlv.Container c) {
                l.add(new io.github.itl4j.tlv.Container(c.tag(), replace(c.children(), tag, value, found)));
            } else {
                l.add(x);
            }
        }
        return l;
    }

    @Test
    void unknownDigestAlgorithm() {
        // DIGESTALGORITHM sits in the SIGNERINFO container: an edit of the top-level elements alone changes nothing
        LintReport r = lint(header(io.github.itl4j.HeaderTags.DIGEST_ALGORITHM, 9));
        fires(r, "L15", LintSeverity.ERROR);
        assertTrue(r.has("UNKNOWN_DIGEST_ALGORITHM"), r.toString());
        assertTrue(finding(r, "L15").get().message().contains("9"), r.toString());
        // SHA-1, SHA-256, SHA-512: known
        silent(lint(Fixtures.b1()), "L15");
        silent(lint(header(io.github.itl4j.HeaderTags.DIGEST_ALGORITHM, 2)), "L15");
        silent(lint(header(io.github.itl4j.HeaderTags.DIGEST_ALGORITHM, 3)), "L15");
    }

    @Test
    void signatureAlgorithmNotRsa() {
        LintReport r = lint(header(io.github.itl4j.HeaderTags.SIGNATURE_ALGORITHM, 1));
        fires(r, "L19", LintSeverity.ERROR);
        assertTrue(r.has("UNSUPPORTED_SIGNATURE_ALGORITHM"), r.toString());
        silent(lint(Fixtures.b1()), "L19");
        silent(lint(header(io.github.itl4j.HeaderTags.SIGNATURE_ALGORITHM, 0)), "L19");
    }

    @Test
    void signerKeyNotRsa() throws Exception {
        // the header's SERIALNUMBER, SIGNERNAME and CANAME pointed at an EC SAST record: the verifier takes it for the
        // signer and cannot make the RSA operation with its key
        X509Certificate ec = vcert("tftp-ec256");
        ItlFile f = build(
                clusterKey("test10pub"),
                "ITLFile.tlv",
                List.of(e(Fixtures.cmA(), Role.SAST), e(ec, Role.SAST), e(Fixtures.cmA(), Role.TFTP)));
        ItlRecord rec = f.records().get(1);
        ItlFile g = header(
                f, io.github.itl4j.HeaderTags.SERIAL_NUMBER, rec.serialNumber().orElseThrow());
        g = header(
                g,
                io.github.itl4j.HeaderTags.SIGNER_NAME,
                rec.value(io.github.itl4j.RecordTags.SUBJECT_NAME).orElseThrow());
        g = header(
                g,
                io.github.itl4j.HeaderTags.CA_NAME,
                rec.value(io.github.itl4j.RecordTags.ISSUER_NAME).orElseThrow());
        LintReport r = lint(g);
        fires(r, "L19", LintSeverity.ERROR);
        assertEquals(1, finding(r, "L19").get().recordIndex(), r.toString());
        assertTrue(r.has("SIGNER_KEY_UNSUPPORTED"), r.toString());
        // the same EC record, not the signer: silent
        silent(lint(f), "L19");
    }

    @Test
    void ecCurveNotRecommended() throws Exception {
        X509Certificate bp = ecCert(
                "tftp-brainpool",
                java.security.KeyPairGenerator.getInstance(
                        "EC", new org.bouncycastle.jce.provider.BouncyCastleProvider()),
                "brainpoolP256r1",
                "SHA256withECDSA");
        LintReport r = lint(withRecord(bp, Role.TFTP));
        fires(r, "L18", LintSeverity.WARN);
        assertEquals(3, finding(r, "L18").get().recordIndex());
        assertEquals("brainpoolp256r1", finding(r, "L18").get().params().get("curve"), r.toString());
        // P-256 and P-384: recommended
        silent(lint(withRecord(vcert("tftp-ec256"), Role.TFTP)), "L18");
        X509Certificate c384 =
                ecCert("tftp-p384", java.security.KeyPairGenerator.getInstance("EC"), "secp384r1", "SHA384withECDSA");
        silent(lint(withRecord(c384, Role.TFTP)), "L18");
    }

    /** A self-signed EC certificate on {@code curve}, valid 2025 to 2035. */
    private static X509Certificate ecCert(String cn, java.security.KeyPairGenerator g, String curve, String alg)
            throws Exception {
        g.initialize(new java.security.spec.ECGenParameterSpec(curve));
        return selfSigned(
                cn,
                g.generateKeyPair(),
                alg,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2035-01-01T00:00:00Z"));
    }

    @Test
    void ctlRecordsWithAddresses() throws Exception {
        // the CCM+TFTP record of a CTL with IPADDRESS and DNSNAME: silent; without IPADDRESS: fires
        TrustListBuilder.Entry ccmTftp = e(Fixtures.cmA(), Role.CCM_TFTP)
                .withIpAddress((java.net.Inet4Address) java.net.InetAddress.getByName("10.0.0.5"))
                .withDnsName("cucm-a");
        ItlFile ctl = build(
                clusterKey("test10pub"),
                "CTLFile.tlv",
                List.of(e(Fixtures.cmA(), Role.SAST), e(Fixtures.recA(), Role.SAST), ccmTftp));
        assertTrue(ctl.records().get(2).ipAddress().isPresent());
        silent(lint(ctl, "CTLFile.tlv", OPTS), "L37");
        ItlFile noIp = ccmTftpWithoutAddress("CTLFile.tlv");
        LintReport r = lint(noIp, "CTLFile.tlv", OPTS);
        fires(r, "L37", LintSeverity.INFO);
        assertTrue(finding(r, "L37").get().message().contains("IPADDRESS"), r.toString());
        // the same record in an ITL: not this rule's business
        silent(lint(ccmTftpWithoutAddress("ITLFile.tlv")), "L37");
    }

    /** Two SAST and a CCM+TFTP record with a DNSNAME but no IPADDRESS, signed by test10pub. */
    private static ItlFile ccmTftpWithoutAddress(String name) throws Exception {
        return build(
                clusterKey("test10pub"),
                name,
                List.of(
                        e(Fixtures.cmA(), Role.SAST),
                        e(Fixtures.recA(), Role.SAST),
                        e(Fixtures.cmA(), Role.CCM_TFTP).withDnsName("cucm-a")));
    }

    @Test
    void rulesWithoutANegativeElsewhere() throws IOException {
        // L02: 25 certificates are within Cisco's 39
        silent(LintTableTest.lint(LintTableTest.itl("itl-rsa2048-sha1-v1.0-n25.tlv"), OPTS), "L02");
        // L29: every certificate in one role
        silent(
                lint(build(
                        vectorKey("sast-rsa2048"),
                        "ITLFile.tlv",
                        List.of(e(Fixtures.cmB(), Role.SAST), e(Fixtures.recB(), Role.SAST)))),
                "L29");
        // L08: the signer is record 1
        silent(lint(Fixtures.b1()), "L08");
        fires(lint(Fixtures.a1r()), "L08", LintSeverity.INFO);
        // L20: the signer expired (ERROR)
        Instant end = Fixtures.cmB().getNotAfter().toInstant();
        fires(lint(Fixtures.b1(), "ITLFile.tlv", OPTS.now(end.plusSeconds(86_400))), "L20", LintSeverity.ERROR);
    }
}
