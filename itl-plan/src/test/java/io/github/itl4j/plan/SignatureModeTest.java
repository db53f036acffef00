package io.github.itl4j.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.trust.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * E1 and E2 in signature mode with the {@code examples/cluster} keys (docs/plan.md, Identity mode and signature mode):
 * the files the plan produces are real (built with TrustListBuilder and the cluster's keys, signatures checked by the
 * trust engine), and each step's simulation matches itl-trust's ScenarioTest (regenerated certificates: CM_A' = node05,
 * TVS_A' = node09, REC_A' = node13 of testdata/vectors/certutils/certs, as the simulate fixtures).
 */
class SignatureModeTest {
    static Path cluster() {
        return RecipeTest.examples().resolve("cluster");
    }

    static Path vectors() {
        return RecipeTest.examples().getParent().resolve("testdata/vectors/certutils/certs");
    }

    static String pair(Path dir, String cert, String key) {
        return "{cert: " + dir.resolve(cert) + ", key: " + dir.resolve(key) + "}";
    }

    static String clusterA(String version, boolean subTvs) {
        Path c = cluster();
        return "cluster:\n  name: A\n  version: \"" + version + "\"\n  nodes:\n"
                + "    - {name: test10pub, tftp: true, tvs: true, capf: true,\n"
                + "       callmanager: " + pair(c, "test10pub.pem", "test10pub.key") + ",\n"
                + "       tvsCert: " + pair(c, "tvs-pub.pem", "tvs-pub.key") + ",\n"
                + "       itlRecovery: " + pair(c, "itlrecovery.pem", "itlrecovery.key") + ",\n"
                + "       capfCert: " + pair(c, "capf.pem", "capf.key") + "}\n"
                + (subTvs
                        ? "    - {name: test10sub, tftp: false, tvs: true, tvsCert: "
                                + pair(c, "tvs-sub.pem", "tvs-sub.key") + "}\n"
                        : "")
                + "fleet: {phones: 100}\n";
    }

    static String next(String node, String name) {
        return "{" + node + ": " + pair(vectors(), name + ".crt.pem", name + ".key.pem") + "}";
    }

    static String e1(boolean subTvs) {
        return clusterA("11.5", subTvs) + "change:\n"
                + "  - regenerate: {what: CallManager, nodes: [test10pub], next: " + next("test10pub", "node05-rsa2048")
                + "}\n  - regenerate: {what: TVS, nodes: [test10pub], next: " + next("test10pub", "node09-rsa2048")
                + "}\n";
    }

    @Test
    void e1ProducesRealFilesAndMatchesS12ThenS07() throws Exception {
        Plan p = RecipeTest.plan(e1(true));
        assertTrue(p.signatureMode());
        assertEquals(PlanVerdict.SAFE, p.verdict());
        // the file served before the change is the listing-A ITL of examples/: same records, byte for byte
        ItlFile served = p.initial().get(0).file();
        ItlFile a1 = ItlReader.defaults().readTrustList(RecipeTest.examples().resolve("ITLFile.tlv"));
        assertEquals(a1.records(), served.records());
        PlanStep tvs = p.steps().get(2);
        PlanStep cm = p.steps().get(4);
        assertTrue(tvs.title().contains("TVS") && cm.title().contains("CallManager"));
        for (PlanStep s : List.of(tvs, cm)) {
            ProducedFile f = s.produced().get(0);
            assertTrue(f.real(), f.toString());
            // a real signature: the file verifies against its own signer record
            assertTrue(ItlVerifier.builder().build().verify(f.file()).isSignatureValid(), f.toString());
        }
        // S12: TVS regenerated only, signed by CM_A: R3 PASS
        assertEquals(List.of("R3 PASS"), RecipeTest.chain(tvs.classes().get(0)));
        // S07 shape: CM regenerated, the phone holds the ITL with TVS_A': R3 FAIL -> R7 PASS -> R8 (own CM) -> SIG
        assertEquals(Verdict.ACCEPT, cm.classes().get(0).verdict());
        assertEquals(
                List.of("R3 FAIL", "R7 PASS", "R8 PASS", "SIG PASS"),
                RecipeTest.chain(cm.classes().get(0)));
        assertTrue(
                Planner.cn(cm.produced().get(0).signer()).startsWith("node05"),
                cm.produced().get(0).signer());
        // as given with test10sub's TVS unchanged: S10b, accepted through the other TVS
        Plan given = p.alternative();
        assertTrue(given.stranded().isEmpty(), given.stranded().toString());
        assertEquals(
                List.of("R3 FAIL", "R7 PASS", "R8 PASS", "SIG PASS"),
                RecipeTest.chain(given.steps().get(1).classes().get(0)));
    }

    @Test
    void e1AsGivenWithOnlyThePublishersTvsIsS10() throws Exception {
        Plan given = RecipeTest.plan(e1(false)).alternative();
        assertTrue(given.signatureMode());
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        ClassResult r = given.stranded().get(0);
        assertEquals(Verdict.REJECT, r.verdict());
        assertEquals(List.of("R3 FAIL", "R7 FAIL"), RecipeTest.chain(r));
        assertEquals("F-RESIGN-OTHER-SAST", r.fix());
    }

    @Test
    void e2ItlRecoveryInSignatureModeMatchesS14AndS13() throws Exception {
        Plan p = RecipeTest.plan(clusterA("12.5", true) + "change:\n  - regenerate: {what: ITLRecovery, nodes: "
                + "[test10pub], next: " + next("test10pub", "node13-rsa2048") + "}\n");
        assertTrue(p.signatureMode());
        assertEquals(PlanVerdict.SAFE, p.verdict());
        PlanStep local = p.steps().get(3);
        PlanStep restart = p.steps().get(5);
        assertEquals("itl-reset-localkey", local.action());
        assertEquals("restart-tftp", restart.action());
        // S14: A5L signed by CM_A (R3 PASS), then A5 signed by REC_A', now a SAST of the installed list (R3 PASS)
        assertEquals(List.of("R3 PASS"), RecipeTest.chain(local.classes().get(0)));
        assertTrue(Planner.cn(local.produced().get(0).signer()).contains("test10pub"));
        assertEquals(List.of("R3 PASS"), RecipeTest.chain(restart.classes().get(0)));
        assertTrue(
                Planner.cn(restart.produced().get(0).signer()).startsWith("node13"),
                restart.produced().get(0).signer());
        assertTrue(restart.produced().get(0).real());
        // S13: regenerate and restart TFTP directly: R3 FAIL (REC_A' unknown), no TVS vouches for it
        Plan given = p.alternative();
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(Verdict.REJECT, given.stranded().get(0).verdict());
        assertEquals("R3 FAIL", RecipeTest.chain(given.stranded().get(0)).get(0));
    }
}
