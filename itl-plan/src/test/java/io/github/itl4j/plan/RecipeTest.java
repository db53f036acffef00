package io.github.itl4j.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.trust.Outcome;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recipes E1-E11 (docs/plan.md, Recipes) as golden tests (identity mode, modelled clusters): step kinds, gate
 * count, verdict, stranded classes and counts; and the 3.9 list.
 */
class RecipeTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static Plan plan(String yaml) throws PlanException {
        return Planner.defaults().plan(PlanInput.parse(yaml, Path.of("."), NOW));
    }

    static Plan example(String name) throws Exception {
        Path p = examples().resolve("plan/" + name);
        return Planner.defaults().plan(PlanInput.parse(Files.readString(p), p.getParent(), NOW));
    }

    static Path examples() {
        String t = System.getProperty("itl.testdata");
        return (t != null ? Path.of(t) : Path.of("../testdata"))
                .toAbsolutePath()
                .getParent()
                .resolve("examples");
    }

    static List<String> chain(ClassResult r) {
        return r.chain().stream()
                .filter(x -> x.outcome() != Outcome.INFO)
                .map(x -> x.rule() + " " + x.outcome())
                .toList();
    }

    static String cluster(String version, String mode, String nodes) {
        return "cluster:\n  name: A\n  version: \"" + version + "\"\n  mode: " + mode + "\n  nodes:\n" + nodes;
    }

    static final String PUB = "    - {name: pub, tftp: true, tvs: true, capf: true}\n";
    static final String SUB = "    - {name: sub1, tftp: true, tvs: true}\n";

    @Test
    void e1SafeOrderTvsThenCallManagerWithTwoGates() throws Exception {
        Plan p = example("callmanager-tvs-11.5.yaml");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(List.of("backup", "check", "regenerate", "gate", "regenerate", "gate", "backup"), p.stepKinds());
        assertEquals(2, p.gateCount());
        assertTrue(p.steps().get(2).title().contains("TVS"), p.steps().get(2).title());
        assertTrue(
                p.steps().get(4).title().contains("CallManager"),
                p.steps().get(4).title());
        // the CallManager step is accepted through the TVS the phones got at G1 (S07 shape)
        ClassResult cm = p.steps().get(4).classes().get(0);
        assertEquals(Verdict.ACCEPT, cm.verdict());
        assertEquals(List.of("R3 FAIL", "R7 PASS", "R8 PASS", "SIG PASS"), chain(cm));
        // single TVS: the 120 offline phones are stranded
        assertEquals(1, p.atRisk().size());
        assertEquals("offline", p.atRisk().get(0).className());
        assertEquals(120, p.atRisk().get(0).count());
        assertEquals(List.of("R3 FAIL", "R7 FAIL"), chain(p.atRisk().get(0)));
        for (InvariantCheck i : p.invariants()) {
            assertTrue(i.status() != InvariantCheck.Status.VIOLATED, i.toString());
        }
    }

    @Test
    void e1AsGivenBackToBackIsUnsafeWithTheTvsGateAsFix() throws Exception {
        Plan safe = example("callmanager-tvs-11.5.yaml");
        Plan given = safe.alternative();
        assertEquals("as-given", given.order());
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(0, given.gateCount());
        assertEquals(List.of("regenerate", "regenerate"), given.stepKinds());
        assertEquals(2, given.stranded().size());
        assertEquals(4200, given.strandedPhones());
        for (ClassResult r : given.stranded()) {
            assertEquals(Verdict.REJECT, r.verdict());
            assertEquals(List.of("R3 FAIL", "R7 FAIL"), chain(r));
        }
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P1").status());
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P2").status());
        assertNotNull(given.fix());
        assertTrue(
                given.fix().contains("between 'regenerate CallManager on pub' and 'regenerate TVS on pub'"),
                given.fix());
        // asking for the as-given order makes it the primary plan
        Plan asked = Planner.defaults()
                .plan(safe.request().withOptions(safe.request().options().asGiven(true)));
        assertEquals(PlanVerdict.UNSAFE, asked.verdict());
        assertEquals(PlanVerdict.SAFE, asked.alternative().verdict());
    }

    @Test
    void e1WithTwoTvsNodesTheOfflineClassRecoversViaTheOtherTvs() throws Exception {
        Plan p = plan(cluster("11.5", "non-secure", PUB + SUB) + "fleet: {phones: 900, offline: 120}\n"
                + "change:\n  - regenerate: {what: CallManager, nodes: [pub]}\n"
                + "  - regenerate: {what: TVS, nodes: [pub]}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(2, p.gateCount());
        assertTrue(p.atRisk().isEmpty(), p.atRisk().toString());
        // the as-given order no longer strands anybody (S10b: sub1's TVS vouches), but still breaks P1
        Plan given = p.alternative();
        assertTrue(given.stranded().isEmpty(), given.stranded().toString());
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P1").status());
        assertEquals(InvariantCheck.Status.OK, given.invariant("P2").status());
    }

    @Test
    void e2ItlRecoveryTwoPhase() throws Exception {
        Plan p = example("itlrecovery-12.5.yaml");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(
                List.of(
                        "backup",
                        "check",
                        "regenerate",
                        "itl-reset-localkey",
                        "gate",
                        "restart-tftp",
                        "gate",
                        "backup"),
                p.stepKinds());
        Plan given = p.alternative();
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(2500, given.strandedPhones());
        assertEquals("R3 FAIL", chain(given.stranded().get(0)).get(0));
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P3").status());
    }

    @Test
    void e3MixedItlRecoveryThroughCtlResetLocalkey() throws Exception {
        Plan p = plan(cluster("14", "mixed", PUB + SUB) + "fleet: {phones: 500}\n"
                + "change:\n  - regenerate: {what: ITLRecovery}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(
                List.of("backup", "check", "regenerate", "ctl-reset-localkey", "gate", "ctl-update", "gate", "backup"),
                p.stepKinds());
        assertEquals(InvariantCheck.Status.OK, p.invariant("P4").status());
    }

    @Test
    void e4CallManagerOnEveryTftpNodeOneGateEach() throws Exception {
        Plan p = example("callmanager-14.yaml");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(
                List.of("backup", "check", "regenerate", "gate", "backup", "regenerate", "gate", "backup"),
                p.stepKinds());
        Plan given = p.alternative();
        assertTrue(given.stranded().isEmpty(), "each regeneration alone is accepted (ITLRecovery signs)");
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P1").status());
    }

    @Test
    void e5MixedCallManagerNeedsCtlUpdateAndTvs() throws Exception {
        Plan p = plan(cluster("11.5", "mixed", PUB) + "fleet: {phones: 300}\n"
                + "change:\n  - regenerate: {what: CallManager, nodes: [pub]}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(List.of("backup", "check", "regenerate", "ctl-update", "gate", "backup"), p.stepKinds());
        ClassResult r = p.steps().get(3).classes().get(0);
        assertEquals(Verdict.ACCEPT, r.verdict());
        // the as-given order forgets utils ctl update CTLFile (P4)
        assertEquals(
                InvariantCheck.Status.VIOLATED, p.alternative().invariant("P4").status());
        assertEquals(PlanVerdict.UNSAFE, p.alternative().verdict());
    }

    @Test
    void e6MigrationNeedsTheDestinationItlRecovery() throws Exception {
        Plan p = example("migration-11.5-to-14.yaml");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(List.of("backup", "check", "import-certs", "restart-tvs", "move-phones", "gate"), p.stepKinds());
        Plan given = p.alternative();
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        ClassResult r = given.stranded().get(0);
        assertEquals("3", r.stepId());
        assertEquals(List.of("R3 FAIL", "R7 PASS", "R8 FAIL"), chain(r));
        assertEquals("F-IMPORT-ITLRECOVERY", r.fix());
        assertEquals(InvariantCheck.Status.VIOLATED, given.invariant("P10").status());
        // with the import, the as-given order is safe too
        String yaml = Files.readString(examples().resolve("plan/migration-11.5-to-14.yaml"))
                .replace("import: [CallManager]", "import: [CallManager, ITLRecovery]");
        Plan fixed = plan(yaml).alternative();
        assertEquals(PlanVerdict.SAFE, fixed.verdict(), PlanText.render(fixed));
    }

    static final String TARGET_MIXED = "target:\n  cluster:\n    name: B\n    version: \"14\"\n    mode: mixed\n"
            + "    nodes:\n      - {name: bpub, tftp: true, tvs: true}\n";

    @Test
    void e7SecureMigrationUpdatesTheSourceCtlAndNeverUsesRollback() throws Exception {
        String base = cluster("12.5", "mixed", PUB + SUB) + TARGET_MIXED + "fleet: {phones: 700}\n";
        Plan p = plan(base + "change:\n  - migrate: {method: bulk}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(
                List.of("backup", "check", "import-certs", "restart-tvs", "ctl-update", "gate", "move-phones", "gate"),
                p.stepKinds());
        Plan rb = plan(base + "change:\n  - migrate: {method: rollback}\n").alternative();
        assertEquals(InvariantCheck.Status.VIOLATED, rb.invariant("P10").status());
        assertEquals(PlanVerdict.UNSAFE, rb.verdict());
    }

    @Test
    void e8AddNodeThenPointPhonesAtIt() throws Exception {
        Plan p = plan(
                cluster("11.5", "non-secure", PUB) + "change:\n  - addNode: {name: sub2, tftp: true, tvs: true}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(List.of("backup", "check", "add-node", "gate", "note"), p.stepKinds());
        assertTrue(
                p.steps().get(2).produced().get(0).changes().contains("TVS record added"),
                p.steps().get(2).produced().toString());
    }

    @Test
    void e9Sha512IsBlockedWithOne7975() throws Exception {
        String c = cluster("14", "non-secure", PUB);
        Plan blocked = plan(c + "fleet:\n  models: {CP-7975: 1, CP-8865: 300}\n"
                + "change:\n  - setTftpSignatureAlgorithm: SHA-512\n");
        assertEquals(PlanVerdict.BLOCKED, blocked.verdict());
        assertEquals(InvariantCheck.Status.VIOLATED, blocked.invariant("P7").status());
        assertEquals("CP-7975", blocked.stranded().get(0).className());
        assertEquals(List.of("R16 FAIL"), chain(blocked.stranded().get(0)));
        Plan ok = plan(c + "fleet:\n  models: {CP-8865: 300}\nchange:\n  - setTftpSignatureAlgorithm: SHA-512\n");
        assertEquals(PlanVerdict.SAFE, ok.verdict());
        assertEquals(List.of("backup", "check", "set-digest", "gate"), ok.stepKinds());
    }

    @Test
    void e10EverythingExpiringOnCucm15OneAtATime() throws Exception {
        Plan p = plan(cluster("15", "non-secure", PUB + SUB) + "fleet: {phones: 4000}\n"
                + "change:\n  - regenerate: {what: CallManager}\n  - regenerate: {what: TVS}\n"
                + "  - regenerate: {what: ITLRecovery}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(
                List.of(
                        "backup",
                        "check",
                        "regenerate",
                        "gate",
                        "regenerate",
                        "gate",
                        "regenerate",
                        "itl-reset-localkey",
                        "gate",
                        "restart-tftp",
                        "gate",
                        "backup",
                        "regenerate",
                        "gate",
                        "backup",
                        "regenerate",
                        "gate",
                        "backup"),
                p.stepKinds());
        assertEquals(6, p.gateCount());
        assertEquals(PlanVerdict.UNSAFE, p.alternative().verdict());
        assertEquals(4000, p.alternative().strandedPhones());
    }

    @Test
    void e11FipsOnASingleNodeNeedsTheRollbackItlFirst() throws Exception {
        Plan p = plan(cluster("12.5", "non-secure", PUB) + "fleet: {phones: 200}\nchange:\n  - enableFips: {}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(
                List.of("backup", "check", "rollback-on", "gate", "enable-fips", "gate", "rollback-off", "gate"),
                p.stepKinds());
        Plan given = p.alternative();
        assertEquals(PlanVerdict.UNSAFE, given.verdict());
        assertEquals(200, given.strandedPhones());
        // the produced files say which one is the rollback ITL (RollbackItl.isRollback, the one rule)
        String rollback = "rollback ITL (TFTP and TVS entries empty)";
        PlanStep on = p.steps().get(2);
        assertEquals("rollback-on", on.action());
        assertTrue(!on.produced().isEmpty(), PlanText.render(p));
        assertTrue(on.produced().stream().allMatch(f -> f.changes().contains(rollback)), PlanText.render(p));
        assertTrue(p.steps().stream()
                .filter(s -> !s.action().equals("rollback-on"))
                .flatMap(s -> s.produced().stream())
                .noneMatch(f -> f.changes().contains(rollback)));
    }

    @Test
    void e11FipsMultiNodePublisherFirstThroughTheOtherTvs() throws Exception {
        Plan p = plan(cluster("11.5", "non-secure", PUB + SUB) + "fleet: {phones: 200}\n"
                + "change:\n  - enableFips: {nodes: [sub1, pub]}\n");
        assertEquals(PlanVerdict.SAFE, p.verdict(), PlanText.render(p));
        assertEquals(List.of("backup", "check", "enable-fips", "gate", "enable-fips", "gate"), p.stepKinds());
        assertEquals("pub", p.steps().get(2).node());
    }

    @Test
    void errorsNameTheField() {
        PlanException e = org.junit.jupiter.api.Assertions.assertThrows(
                PlanException.class,
                () -> plan(cluster("11.5", "non-secure", PUB) + "change:\n  - regenerate: {what: TSV}\n"));
        assertEquals("change[0].regenerate.what", e.where());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                PlanException.class,
                () -> plan(
                        cluster("11.5", "non-secure", PUB) + "change:\n  - regenerate: {what: TVS, nodes: [sub9]}\n"));
        assertTrue(e.getMessage().contains("sub9"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                PlanException.class, () -> plan(cluster("11.5", "non-secure", PUB) + "chnage: []\n"));
        assertEquals("chnage", e.where());
        e = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class, () -> plan("cluster: [1, 2\n"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void jsonInputIsAccepted() throws Exception {
        Plan p = plan("{\"cluster\": {\"name\": \"A\", \"version\": \"11.5\", \"nodes\": [{\"name\": \"pub\"}]},"
                + " \"change\": [{\"regenerate\": {\"what\": \"TVS\"}}]}");
        assertEquals(PlanVerdict.SAFE, p.verdict());
        assertEquals(1, p.gateCount());
    }

    static List<String> rules(List<RuleResult> chain) {
        return chain.stream().map(RuleResult::rule).toList();
    }
}
