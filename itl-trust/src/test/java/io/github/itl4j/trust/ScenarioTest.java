package io.github.itl4j.trust;

import static io.github.itl4j.trust.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlResetter;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario table of the trust engine (docs/trust.md §6): every row asserts the verdict, the rule chain up to the
 * decisive rule and the first fix code.
 */
class ScenarioTest {
    private static final String NO_FIX = null;

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ helpers

    static TrustSimulator sim(PhoneState p, TvsEnvironment e, SimulationPolicy pol) {
        return TrustSimulator.builder().phone(p).tvs(e).policy(pol).build();
    }

    static TrustSimulator sim(PhoneState p, TvsEnvironment e) {
        return sim(p, e, SimulationPolicy.defaults());
    }

    static PhoneState holding(ItlFile itl) {
        return PhoneState.holding(itl).at(NOW);
    }

    static SimulationResult offerItl(TrustSimulator s, ItlFile f) {
        return s.offer(f, "ITLFile.tlv");
    }

    static SimulationResult offerCtl(TrustSimulator s, ItlFile f) {
        return s.offer(f, "CTLFile.tlv");
    }

    static SimulationResult offerPath(TrustSimulator s, Path p) throws IOException {
        return s.offer(OfferedFile.read(
                p.getFileName().toString(), Bytes.wrapOwned(Files.readAllBytes(p)), ItlLimits.defaults()));
    }

    static void expect(SimulationResult r, Verdict v, String fix, String... chain) {
        assertEquals(
                Arrays.asList(chain), r.chain().stream().map(RuleResult::key).toList(), r::toString);
        assertEquals(v, r.verdict(), r::toString);
        assertEquals(fix, r.firstFix().map(f -> f.code().code()).orElse(null), r::toString);
    }

    static boolean hasFix(SimulationResult r, String code) {
        return r.fixes().stream().anyMatch(f -> f.code().code().equals(code));
    }

    static boolean hasWarning(SimulationResult r, String code) {
        return r.warnings().stream().anyMatch(w -> w.code().equals(code));
    }

    static TvsEnvironment env(TvsInstance... t) {
        return TvsEnvironment.of(List.of(t));
    }

    /** TVS-A: server tvs-pub, own CM_A and CM_A', plus the given stores. */
    static TvsInstance tvsAWith(List<X509Certificate> phoneSast, List<X509Certificate> cmTrust) {
        return tvsA("clusterA", tvsPub(), List.of(cmA(), cmA2()), phoneSast, cmTrust);
    }

    static ItlFile flipByte(ItlFile f, int offset) {
        byte[] b = f.encoded().toByteArray();
        b[offset] ^= 0x01;
        try {
            return ItlReader.defaults().readTrustList(Bytes.wrapOwned(b));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ S01 - S14: one cluster

    @Test
    void s01FirstItlIsTrustedOnFirstUse() {
        SimulationResult r = offerItl(sim(PhoneState.none().at(NOW), TvsEnvironment.none()), a1());
        expect(r, Verdict.ACCEPT, NO_FIX, "R1:PASS");
        assertEquals(a1(), r.phoneAfter().itl().orElseThrow());
        assertTrue(r.assumptions().stream().anyMatch(a -> a.key().equals("policy.tofuRequiresSelfSignature")));
    }

    @Test
    void s02BadSelfSignatureIsAcceptedWithWarningOrRejectedWhenStrict() {
        ItlFile bad = flipByte(a1(), a1().header().signatureOffset() + 3 + 10);
        SimulationResult r = offerItl(sim(PhoneState.none().at(NOW), TvsEnvironment.none()), bad);
        expect(r, Verdict.ACCEPT, NO_FIX, "R1:PASS");
        assertTrue(hasWarning(r, "SELF_SIGNATURE_INVALID"));
        SimulationResult strict = offerItl(
                sim(
                        PhoneState.none().at(NOW),
                        TvsEnvironment.none(),
                        SimulationPolicy.defaults().tofuRequiresSelfSignature(true)),
                bad);
        expect(strict, Verdict.REJECT, NO_FIX, "R1:INFO", "SIG:FAIL");
        assertTrue(strict.phoneAfter().isEmpty());
    }

    @Test
    void s03SameItlAgain() {
        expect(offerItl(sim(holding(a1()), TvsEnvironment.none()), a1()), Verdict.ACCEPT, NO_FIX, "R3:PASS");
    }

    @Test
    void s04ResetSignedByItlRecoveryIsAccepted() {
        SimulationResult r = offerItl(sim(holding(a1()), TvsEnvironment.none()), a1r());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:PASS");
        assertTrue(
                r.chain().get(0).detail().contains("record 5 (SAST)"),
                r.chain().get(0).detail());
    }

    @Test
    void s05BackToCallManagerSignedAfterReset() {
        expect(offerItl(sim(holding(a1r()), TvsEnvironment.none()), a1()), Verdict.ACCEPT, NO_FIX, "R3:PASS");
    }

    @Test
    void s06CallManagerRegeneratedOn12xIsSignedByItlRecovery() {
        expect(offerItl(sim(holding(a1()), TvsEnvironment.none()), a2b()), Verdict.ACCEPT, NO_FIX, "R3:PASS");
    }

    @Test
    void s07CallManagerRegeneratedPre12IsVouchedForByTvs() {
        SimulationResult r = offerItl(sim(holding(a1()), env(tvsAWith(List.of(), List.of()))), a2());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:FAIL", "R7:PASS", "R8:PASS", "SIG:PASS");
        assertEquals(1, r.phoneAfter().cache().size());
        assertEquals(cmA2(), r.phoneAfter().cache().get(0).certificate());
        assertTrue(r.assumptions().stream()
                .anyMatch(a -> a.key().equals("tvsRoleMap.own:CallManager") && a.confidence() == Confidence.L));
    }

    @Test
    void s08CallManagerRegeneratedWithoutTvsIsRejected() {
        SimulationResult r = offerItl(sim(holding(a1()), TvsEnvironment.none()), a2());
        expect(r, Verdict.REJECT, "F-RESIGN-OTHER-SAST", "R3:FAIL", "R7:FAIL");
        assertTrue(hasFix(r, "F-TVS-REACH"));
        assertEquals(a1(), r.phoneAfter().itl().orElseThrow());
    }

    @Test
    void s09CallManagerAndTvsRegeneratedTogetherOn8xIsUnrecoverable() {
        TvsInstance tvs = tvsA("clusterA", tvsA2(), List.of(cmA2()), List.of(), List.of());
        SimulationResult r = offerItl(sim(holding(a8()), env(tvs)), a8x());
        expect(r, Verdict.REJECT, "F-RESTORE-KEY", "R3:FAIL", "R7:FAIL");
        assertTrue(hasFix(r, "F-DELETE-ITL"));
        assertTrue(r.chain().get(1).detail().contains("R15"));
    }

    @Test
    void s10CallManagerAndTvsRegeneratedTogetherOn11xIsRejected() {
        TvsInstance tvs = tvsA("pub", tvsA2(), List.of(cmA2()), List.of(), List.of());
        SimulationResult r = offerItl(sim(holding(a1()), env(tvs)), a4());
        expect(r, Verdict.REJECT, "F-RESIGN-OTHER-SAST", "R3:FAIL", "R7:FAIL");
        assertTrue(hasFix(r, "F-TVS-CERT-CHANGED"));
    }

    @Test
    void s10bAnUnchangedSubscriberTvsVouchesForTheNewCallManager() {
        TvsInstance pub = tvsA("pub", tvsA2(), List.of(cmA2()), List.of(), List.of());
        TvsInstance sub = tvsA("sub", tvsSub(), List.of(cmA2()), List.of(), List.of());
        SimulationResult r = offerItl(sim(holding(a1()), env(pub, sub)), a4());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:FAIL", "R7:PASS", "R8:PASS", "SIG:PASS");
        assertTrue(
                r.chain().get(1).detail().contains("\"sub\""), r.chain().get(1).detail());
    }

    @Test
    void s11ResetOfA4IsAccepted() {
        TvsInstance tvs = tvsA("pub", tvsA2(), List.of(cmA2()), List.of(), List.of());
        expect(offerItl(sim(holding(a1()), env(tvs)), a4r()), Verdict.ACCEPT, NO_FIX, "R3:PASS");
    }

    @Test
    void s12TvsRegeneratedAloneIsAcceptedWithWarning() {
        SimulationResult r = offerItl(sim(holding(a1()), env(tvsAWith(List.of(), List.of()))), a3());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:PASS");
        assertTrue(hasWarning(r, "TVS_CHANGED"));
    }

    @Test
    void s13ItlRecoveryRegeneratedAndTftpRestartedDirectlyIsRejected() {
        expect(
                offerItl(sim(holding(a1()), TvsEnvironment.none()), a5()),
                Verdict.REJECT,
                "F-RESIGN-OTHER-SAST",
                "R3:FAIL",
                "R7:FAIL");
    }

    @Test
    void s14ItlRecoveryRotationInTwoPhasesIsAccepted() {
        List<SimulationResult> rs = sim(holding(a1()), TvsEnvironment.none())
                .sequence(
                        List.of(
                                new TrustSimulator.Step(OfferedFile.of(a5l(), "ITLFile.tlv"), Duration.ZERO),
                                new TrustSimulator.Step(OfferedFile.of(a5(), "ITLFile.tlv"), Duration.ofMinutes(10))),
                        false);
        assertEquals(2, rs.size());
        expect(rs.get(0), Verdict.ACCEPT, NO_FIX, "R3:PASS");
        expect(rs.get(1), Verdict.ACCEPT, NO_FIX, "R3:PASS");
        assertEquals(a5(), rs.get(1).phoneAfter().itl().orElseThrow());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), rs.get(1).phoneAfter().now());
    }

    // ------------------------------------------------------------------ S15 - S22: migrations

    /** Writes a TVS directory export (docs/trust.md §7.2, format 1) and loads it. */
    TvsEnvironment dirExport(
            String name, X509Certificate server, Map<String, List<X509Certificate>> stores, String props)
            throws IOException {
        Path d = tmp.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("tvs.pem"), pem(server));
        for (Map.Entry<String, List<X509Certificate>> e : stores.entrySet()) {
            Path s = d.resolve(e.getKey());
            Files.createDirectories(s);
            int i = 0;
            for (X509Certificate c : e.getValue()) {
                String file = e.getKey().equals("own") ? ownName(c) : "cert" + (i++) + ".pem";
                Files.writeString(s.resolve(file), pem(c));
            }
        }
        if (props != null) {
            Files.writeString(d.resolve("tvs.properties"), props);
        }
        return TvsEnvironment.fromDirectory(d);
    }

    private static String ownName(X509Certificate c) {
        if (c.equals(recA())) {
            return "ITLRecovery.pem";
        }
        if (c.equals(tvsPub())) {
            return "TVS.pem";
        }
        return "CallManager-" + c.getSerialNumber().toString(16) + ".pem";
    }

    static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Map<String, List<X509Certificate>> storesA(List<X509Certificate> phoneSast, List<X509Certificate> cmTrust) {
        Map<String, List<X509Certificate>> m = new LinkedHashMap<>();
        m.put("own", List.of(cmA(), recA(), tvsPub()));
        if (!phoneSast.isEmpty()) {
            m.put("Phone-SAST-trust", phoneSast);
        }
        if (!cmTrust.isEmpty()) {
            m.put("CallManager-trust", cmTrust);
        }
        return m;
    }

    @Test
    void s15MigrationAcceptedAfterBulkImport() throws IOException {
        TvsEnvironment e = dirExport("tvs-clusterA", tvsPub(), storesA(List.of(cmB()), List.of(cmB())), null);
        SimulationResult r = offerItl(sim(holding(a1()), e), b1());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:FAIL", "R7:PASS", "R8:PASS", "SIG:PASS");
        assertEquals(
                java.util.Set.of(Role.SAST, Role.TFTP),
                r.phoneAfter().cache().get(0).roles());
        assertTrue(
                r.chain().get(1).detail().contains("tvs-clusterA"),
                r.chain().get(1).detail());
    }

    @Test
    void s16MigrationRejectedWithCallManagerTrustOnly() throws IOException {
        TvsEnvironment e = dirExport("tvs-clusterA", tvsPub(), storesA(List.of(), List.of(cmB())), null);
        expect(
                offerItl(sim(holding(a1()), e), b1()),
                Verdict.REJECT,
                "F-IMPORT-PHONE-SAST",
                "R3:FAIL",
                "R7:PASS",
                "R8-ROLE:FAIL");
        // lenient role check accepts
        expect(
                offerItl(
                        sim(
                                holding(a1()),
                                e,
                                SimulationPolicy.defaults().tvsRoleCheck(SimulationPolicy.RoleCheck.LENIENT)),
                        b1()),
                Verdict.ACCEPT,
                NO_FIX,
                "R3:FAIL",
                "R7:PASS",
                "R8:PASS",
                "SIG:PASS");
    }

    @Test
    void s17DestinationItlRecoveryMissingFromTheStore() {
        SimulationResult r = offerItl(sim(holding(a1()), env(tvsAWith(List.of(cmB()), List.of()))), b1r());
        expect(r, Verdict.REJECT, "F-IMPORT-ITLRECOVERY", "R3:FAIL", "R7:PASS", "R8:FAIL");
    }

    @Test
    void s18RollbackItlAcceptsAnyNewItl() {
        assertTrue(holding(aRb()).hasRollbackItl());
        expect(offerItl(sim(holding(aRb()), TvsEnvironment.none()), b1()), Verdict.ACCEPT, NO_FIX, "R11:PASS");
    }

    @Test
    void s19SecureMigrationCtlThenItl() {
        PhoneState p = holding(a1()).withCtl(ctlA());
        List<SimulationResult> rs = sim(p, env(tvsAWith(List.of(cmB()), List.of())))
                .sequence(
                        List.of(
                                new TrustSimulator.Step(OfferedFile.of(ctlB(), "CTLFile.tlv"), Duration.ZERO),
                                new TrustSimulator.Step(OfferedFile.of(b1(), "ITLFile.tlv"), Duration.ZERO)),
                        false);
        expect(rs.get(0), Verdict.ACCEPT, NO_FIX, "R19:FAIL", "R7:PASS", "R8:PASS", "SIG:PASS");
        assertEquals(ctlB(), rs.get(0).phoneAfter().ctl().orElseThrow());
        assertEquals(a1(), rs.get(0).phoneAfter().itl().orElseThrow());
        expect(rs.get(1), Verdict.ACCEPT, NO_FIX, "R2:PASS");
    }

    @Test
    void s20SecureClusterCannotUseTheRollbackItl() {
        PhoneState p = holding(aRb()).withCtl(ctlA());
        SimulationResult r = offerCtl(sim(p, env(tvsAWith(List.of(cmB()), List.of()))), ctlB());
        expect(r, Verdict.REJECT, "F-IMPORT-PHONE-SAST", "R19:FAIL", "R10:FAIL");
        assertTrue(hasFix(r, "F-UPDATE-CTL"));
    }

    @Test
    void s21CtlUpdatedWithTheDestinationSastNeedsNoTvs() {
        PhoneState p = holding(a1()).withCtl(ctlA2());
        expect(offerCtl(sim(p, TvsEnvironment.none()), ctlB()), Verdict.ACCEPT, NO_FIX, "R2:PASS");
    }

    @Test
    void s22SecondSastOfATwoSastList() {
        expect(offerItl(sim(holding(b1()), TvsEnvironment.none()), b1r()), Verdict.ACCEPT, NO_FIX, "R3:PASS");
    }

    // ------------------------------------------------------------------ S23 - S40: roles, configs, limits

    @Test
    void s23TftpOnlySignerRejectedByDefaultAcceptedByPolicy() throws Exception {
        ItlFile byTftp = reread(ItlResetter.builder(signer(vectorKey("tftp-rsa2048")))
                .force(true)
                .build()
                .reset(all()));
        expect(
                offerItl(sim(holding(all()), TvsEnvironment.none()), byTftp),
                Verdict.REJECT,
                "F-RESIGN-OTHER-SAST",
                "R3:FAIL",
                "R7:FAIL");
        SimulationResult ok = offerItl(
                sim(
                        holding(all()),
                        TvsEnvironment.none(),
                        SimulationPolicy.defaults().acceptTftpRoleSigner(true)),
                byTftp);
        expect(ok, Verdict.ACCEPT, NO_FIX, "R3:PASS");
        assertEquals(Confidence.P, ok.chain().get(0).confidence());
    }

    @Test
    void s24ConfigSignedByTftp() throws IOException {
        SimulationResult r = offerPath(sim(holding(all()), TvsEnvironment.none()), cfg1());
        expect(r, Verdict.ACCEPT, NO_FIX, "R6:PASS");
        assertEquals("SEP001122334455.cnf.xml.sgn", r.requested().orElseThrow());
    }

    @Test
    void s25Sha512ConfigOnA7975() throws IOException {
        expect(
                offerPath(sim(holding(all()).model("CP-7975"), TvsEnvironment.none()), cfg512()),
                Verdict.REJECT,
                "F-DIGEST-SHA1",
                "R16:FAIL");
    }

    @Test
    void s26Sha512ConfigOnAn8865() throws IOException {
        expect(
                offerPath(sim(holding(all()).model("CP-8865"), TvsEnvironment.none()), cfg512()),
                Verdict.ACCEPT,
                NO_FIX,
                "R6:PASS");
    }

    @Test
    void s27ConfigSignedBySastOnly() throws IOException {
        expect(
                offerPath(sim(holding(all1024()), TvsEnvironment.none()), cfgS()),
                Verdict.REJECT,
                "F-SIGN-CONFIG",
                "R6:FAIL",
                "R7:FAIL");
        // a TVS whose Phone-SAST-trust holds the signer vouches for it with the default tvsConfigRoles
        Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
        stores.put("Phone-SAST-trust", List.of(vectorKey("sast-rsa1024").certificate()));
        TvsInstance t = TvsInstance.of("ucm", tvsB(), stores);
        expect(
                offerPath(sim(holding(all1024()), env(t)), cfgS()),
                Verdict.ACCEPT,
                NO_FIX,
                "R6:FAIL",
                "R7:PASS",
                "R8:PASS",
                "SIG:PASS");
    }

    @Test
    void s28PhoneWithoutListRequestsPlainConfig() throws IOException {
        SimulationResult r = offerPath(sim(PhoneState.none().at(NOW), TvsEnvironment.none()), cfg1());
        expect(r, Verdict.NOT_REQUESTED, NO_FIX, "R17:FAIL");
        assertEquals("SEP001122334455.cnf.xml", r.requested().orElseThrow());
    }

    @Test
    void s29RollbackItlAcceptsUnsignedConfig() throws IOException {
        expect(
                offerPath(sim(holding(aRb()), TvsEnvironment.none()), plainCfg()),
                Verdict.ACCEPT_UNSIGNED,
                NO_FIX,
                "R11:INFO",
                "R18:PASS");
    }

    @Test
    void s30PlainConfigToAPhoneThatWantsSgn() throws IOException {
        SimulationResult r = offerPath(sim(holding(all()), TvsEnvironment.none()), plainCfg());
        expect(r, Verdict.NOT_REQUESTED, "F-SIGN-CONFIG", "R17:FAIL");
        assertEquals("SEP001122334455.cnf.xml.sgn", r.requested().orElseThrow());
    }

    @Test
    void s31NonSecureCtlWithPlaceholdersAsksForPlainConfig() throws IOException {
        PhoneState p = PhoneState.none().withCtl(ctlNonSecure()).at(NOW);
        expect(offerPath(sim(p, TvsEnvironment.none()), plainCfg()), Verdict.ACCEPT_UNSIGNED, NO_FIX, "R18:PASS");
    }

    @Test
    void s32ChangedRecordBreaksTheSignature() {
        ItlFile bad = flipByte(all(), (int) all().size() - 1);
        expect(
                offerItl(sim(holding(all()), TvsEnvironment.none()), bad),
                Verdict.REJECT,
                NO_FIX,
                "R3:PASS",
                "SIG:FAIL");
    }

    @Test
    void s33UnknownHeaderTagAndNewerVersionAreTolerated() throws Exception {
        List<TlvElement> els = new ArrayList<>(all().header().elements());
        els.set(0, new Tlv(HeaderTags.VERSION, Bytes.copyOf(new byte[] {1, 3})));
        int at = 2;
        for (int i = 0; i < els.size(); i++) {
            if (els.get(i).tag() == HeaderTags.TIMESTAMP) {
                at = i + 1;
            }
        }
        els.add(at, new Tlv(0x30, Bytes.copyOf(new byte[] {1, 2, 3, 4})));
        ItlFile f = ItlFile.of(io.github.itl4j.ItlHeader.of(els), all().records());
        ItlFile signed = reread(signer(vectorKey("sast-rsa2048")).sign(f));
        SimulationResult r = offerItl(sim(holding(all()), TvsEnvironment.none()), signed);
        expect(r, Verdict.ACCEPT, NO_FIX, "R12:INFO", "R3:PASS");
    }

    @Test
    void s34EncryptedConfigWithoutPhoneKeyChecksTheSignature() throws IOException {
        Path enc = Path.of("src/test/resources/enccnf/SEP001122334455.cnf.xml.enc.sgn");
        SimulationResult r = offerPath(sim(holding(all()).encryptedConfig(true), TvsEnvironment.none()), enc);
        expect(r, Verdict.ACCEPT, NO_FIX, "R6:PASS", "ENC:INFO");
        // the phone configured for encryption does not ask for the plain .sgn
        expect(
                offerPath(sim(holding(all()).encryptedConfig(true), TvsEnvironment.none()), cfg1()),
                Verdict.NOT_REQUESTED,
                NO_FIX,
                "R17:FAIL");
    }

    @Test
    void s34EncryptedConfigDecryptsWithThePhoneKey() throws IOException {
        Path enc = Path.of("src/test/resources/enccnf/SEP001122334455.cnf.xml.enc.sgn");
        PhoneState p = holding(all())
                .encryptedConfig(true)
                .withPhoneKey(vectorKey("node01-rsa2048").privateKey());
        expect(offerPath(sim(p, TvsEnvironment.none()), enc), Verdict.ACCEPT, NO_FIX, "R6:PASS", "ENC:PASS");
    }

    @Test
    void s35EncryptedConfigForAnotherDeviceIsRejected() throws IOException {
        Path enc = Path.of("src/test/resources/enccnf/SEP001122334455.cnf.xml.enc.sgn");
        PhoneState p = holding(all())
                .encryptedConfig(true)
                .withPhoneKey(vectorKey("node05-rsa2048").privateKey());
        expect(offerPath(sim(p, TvsEnvironment.none()), enc), Verdict.REJECT, "F-REENCRYPT", "R6:PASS", "ENC:FAIL");
    }

    @Test
    void s36UsecallmanagerTvsdCannotVouchForAFileSigner() throws IOException {
        TvsEnvironment e = dirExport("tvsd", tvsPub(), storesA(List.of(cmB()), List.of()), "impl=USECALLMANAGER\n");
        expect(offerItl(sim(holding(a1()), e), b1()), Verdict.REJECT, "F-RESIGN-OTHER-SAST", "R3:FAIL", "R7:FAIL");
    }

    @Test
    void s37TvsCacheHitWithin24HoursAndMissAfter() throws IOException {
        TvsEnvironment e = env(tvsAWith(List.of(cmB()), List.of(cmB())));
        SimulationResult s15 = offerItl(sim(holding(a1()), e), b1());
        assertEquals(Verdict.ACCEPT, s15.verdict());
        // the phone kept A1 in this variant: the config comes from cluster B while the phone still holds A1
        PhoneState cached = holding(a1()).withCache(s15.phoneAfter().cache());
        TvsEnvironment down = e.withUnreachable("clusterA");
        OfferedFile cfg = OfferedFile.of(cfgByCmB(), "SEP001122334455.cnf.xml.sgn");
        SimulationResult hit = sim(cached.advance(Duration.ofHours(23)), down).offer(cfg);
        expect(hit, Verdict.ACCEPT, NO_FIX, "R6:FAIL", "R9:PASS");
        SimulationResult miss = sim(cached.advance(Duration.ofHours(25)), down).offer(cfg);
        expect(miss, Verdict.REJECT, "F-TVS-REACH", "R6:FAIL", "R9:FAIL", "R7:FAIL");
    }

    @Test
    void s38TooLargeForPhones() {
        List<TrustListBuilder.Entry> es = new ArrayList<>(itlA(cmA(), recA(), tvsPub(), tvsSub()));
        while (es.size() < 62) {
            es.add(e(capfA(), Role.CAPF));
        }
        ItlFile big = build(clusterKey("test10pub"), "ITLFile.tlv", es);
        assertTrue(big.size() > 65_536 && big.size() < 70_000, "size " + big.size());
        expect(offerItl(sim(holding(a1()), TvsEnvironment.none()), big), Verdict.REJECT, "F-REDUCE-SIZE", "SIZE:FAIL");
    }

    @Test
    void s39ExpiredAnchorWarnsOrRejectsWhenStrict() {
        PhoneState late = holding(a1()).at(Instant.parse("2045-06-01T00:00:00Z"));
        SimulationResult r = offerItl(sim(late, TvsEnvironment.none()), a1());
        expect(r, Verdict.ACCEPT, NO_FIX, "R3:PASS", "R20:INFO");
        assertTrue(hasWarning(r, "CERT_EXPIRED"));
        expect(
                offerItl(
                        sim(
                                late,
                                TvsEnvironment.none(),
                                SimulationPolicy.defaults().validity(SimulationPolicy.Strictness.STRICT)),
                        a1()),
                Verdict.REJECT,
                "F-RENEW-CERT",
                "R3:PASS",
                "R20:FAIL");
    }

    @Test
    void s40A6911DoesNotRequestTheItl() {
        expect(
                offerItl(sim(PhoneState.none().model("CP-6911").at(NOW), TvsEnvironment.none()), a1()),
                Verdict.NOT_REQUESTED,
                NO_FIX,
                "MODEL:FAIL");
    }

    // ------------------------------------------------------------------ hostile input

    @Test
    void malformedOfferedFileIsARejectWithAParseRule() {
        byte[] b = a1().encoded().toByteArray();
        OfferedFile cut = OfferedFile.read("ITLFile.tlv", Bytes.copyOf(b, 0, 900), ItlLimits.defaults());
        assertTrue(cut.parseError().isPresent());
        expect(sim(holding(a1()), TvsEnvironment.none()).offer(cut), Verdict.REJECT, NO_FIX, "PARSE:FAIL");
        OfferedFile empty = OfferedFile.read("ITLFile.tlv", Bytes.EMPTY, ItlLimits.defaults());
        expect(sim(holding(a1()), TvsEnvironment.none()).offer(empty), Verdict.REJECT, NO_FIX, "PARSE:FAIL");
        OfferedFile over = OfferedFile.read(
                "ITLFile.tlv",
                a1().encoded(),
                ItlLimits.builder().maxFileSize(1000).build());
        expect(sim(holding(a1()), TvsEnvironment.none()).offer(over), Verdict.REJECT, "F-REDUCE-SIZE", "SIZE:FAIL");
    }
}
