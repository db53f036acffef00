package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl plan}: text output as in docs/plan.md, exit codes (0 SAFE, 1 UNSAFE/BLOCKED, 2 usage, 3 malformed
 * plan), the JSON envelope validated against schemas/plan.schema.json for every example plan in both orders, and the
 * HTML page.
 */
class PlanCommandTest {
    static final String NOW = "2026-11-29T12:00:00Z";

    static Path plans() {
        return CliRun.testdata().toAbsolutePath().getParent().getParent().resolve("examples/plan");
    }

    static List<Path> examplePlans() throws IOException {
        try (Stream<Path> s = Files.list(plans())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static JsonNode validJson(CliRun r) throws IOException {
        return JsonSchemas.PLAN.parse(r);
    }

    @Test
    void theResetNotesOwnExampleAsGivenIsUnsafeWithTheTvsGateAsFix() {
        CliRun r = CliRun.run(
                "plan", plans().resolve("callmanager-tvs-11.5.yaml").toString(), "--order", "as-given", "--now", NOW);
        assertEquals(1, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.startsWith("itl plan: UNSAFE (as-given order, 0 gates)"), out);
        assertTrue(out.contains("stranded: CP-8865(3900) stop at step 2: REJECT R3 FAIL, R7 FAIL"), out);
        assertTrue(
                out.contains(
                        "fix: insert a gate between 'regenerate CallManager on pub' and 'regenerate TVS on " + "pub'"),
                out);
        assertTrue(out.contains("P2 VIOLATED"), out);
        assertTrue(out.contains(" safe order: SAFE\n   its steps (2 gates):\n"), out);
        assertTrue(out.lastIndexOf("$ set cert regen TVS") > out.indexOf("its steps"), "the safe order is printed");
        assertTrue(out.contains(" G2 gate: wait at least 5 min"), "with its gates");
    }

    @Test
    void safeOrderPrintsStepsCommandsServicesAndGates() {
        CliRun r =
                CliRun.run("plan", plans().resolve("callmanager-tvs-11.5.yaml").toString(), "--now", NOW);
        assertEquals(0, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(
                out.startsWith("itl plan: SAFE (safe order, 2 gates)   cluster A 11.5 non-secure   fleet 4320 "
                        + "phones in 3 classes, 120 offline"),
                out);
        assertTrue(out.contains("$ set cert regen TVS"), out);
        assertTrue(
                out.contains("restart: Cisco CallManager, Cisco CTIManager, Cisco Trust Verification Service, "
                        + "Cisco TFTP"),
                out);
        assertTrue(out.contains(" G1 gate: wait at least 5 min"), out);
        assertTrue(out.contains("expect A/pub/ITLFile.tlv SHA-1 "), out);
        assertTrue(out.contains("at risk: offline(120)"), out);
        assertTrue(out.contains(" as-given order: UNSAFE, strands 4200 phones in 2 classes (R3 FAIL, R7 FAIL)"), out);
    }

    @Test
    void everyExamplePlanInBothOrdersMatchesTheSchema() throws IOException {
        List<Path> plans = examplePlans();
        assertTrue(plans.size() >= 5, plans.toString());
        for (Path p : plans) {
            for (String order : new String[] {"safe", "as-given"}) {
                CliRun r = CliRun.run("plan", p.toString(), "--order", order, "--json", "--now", NOW);
                JsonNode n = validJson(r);
                assertEquals(n.get("verdict").asText().equals("SAFE") ? 0 : 1, r.exitCode(), p + " " + order);
                assertEquals("plan", n.get("command").asText());
                assertEquals(order, n.get("data").get("order").asText());
                assertEquals(1, n.get("data").get("alternatives").size());
            }
        }
    }

    @Test
    void jsonCarriesTheChainOfEveryStrandedClass() throws IOException {
        CliRun r = CliRun.run(
                "plan",
                plans().resolve("migration-11.5-to-14.yaml").toString(),
                "--order",
                "as-given",
                "--json",
                "--now",
                NOW);
        JsonNode d = validJson(r).get("data");
        assertEquals("UNSAFE", d.get("verdict").asText());
        JsonNode s = d.get("stranded").get(0);
        assertEquals("F-IMPORT-ITLRECOVERY", s.get("fix").asText());
        assertEquals(
                "R8", s.get("chain").get(s.get("chain").size() - 1).get("rule").asText());
        assertEquals("VIOLATED", d.get("invariants").get(9).get("status").asText());
        assertEquals("SAFE", d.get("alternatives").get(0).get("verdict").asText());
    }

    @Test
    void blockedExitsOne(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("sha512.yaml");
        Files.writeString(
                p,
                "cluster: {name: A, version: \"14\", nodes: [{name: pub}]}\n"
                        + "fleet: {models: {CP-7975: 1}}\nchange: [{setTftpSignatureAlgorithm: SHA-512}]\n");
        CliRun r = CliRun.run("plan", p.toString(), "--now", NOW);
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().startsWith("itl plan: BLOCKED"), r.stdout());
        assertTrue(r.stdout().contains("P7 VIOLATED"), r.stdout());
    }

    @Test
    void jsonPlanOnStandardInput() throws IOException {
        byte[] plan = ("{\"cluster\": {\"name\": \"A\", \"version\": \"11.5\", \"nodes\": [{\"name\": \"pub\"}]},"
                        + " \"change\": [{\"regenerate\": {\"what\": \"TVS\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        CliRun r = CliRun.run(plan, "plan", "-", "--json", "--now", NOW);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("<stdin>", validJson(r).get("inputs").get(0).get("path").asText());
    }

    @Test
    void malformedPlanExitsThreeNamingTheField(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(
                p,
                "cluster: {name: A, version: \"11.5\", nodes: [{name: pub}]}\n"
                        + "change: [{regenerate: {what: TSV}}]\n");
        CliRun r = CliRun.run("plan", p.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("change[0].regenerate.what"), r.stderr());
        assertTrue(r.stdout().isEmpty());
        Files.writeString(p, "cluster: [unclosed\n");
        r = CliRun.run("plan", p.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("line"), r.stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        String plan = plans().resolve("tvs-11.5.yaml").toString();
        assertEquals(2, CliRun.run("plan", plan, "--order", "fast").exitCode());
        assertEquals(2, CliRun.run("plan", plan, "--min-hold", "five").exitCode());
        assertEquals(2, CliRun.run("plan", plan, "--gate", "ping").exitCode());
        assertEquals(2, CliRun.run("plan").exitCode());
    }

    @Test
    void missingPlanFileExitsFour(@TempDir Path dir) {
        CliRun r = CliRun.run("plan", dir.resolve("nope.yaml").toString());
        assertEquals(4, r.exitCode(), r.stderr());
    }

    @Test
    void htmlIsOneSelfContainedFile(@TempDir Path dir) throws IOException {
        Path html = dir.resolve("timeline.html");
        CliRun r = CliRun.run(
                "plan",
                plans().resolve("callmanager-tvs-11.5.yaml").toString(),
                "--html",
                html.toString(),
                "--now",
                NOW);
        assertEquals(0, r.exitCode(), r.stderr());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<svg"), page);
        assertFalse(
                page.contains("http://")
                        && page.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no external references");
        assertFalse(page.contains("https://"), "no external references");
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("<link"), "no linked resources");
        for (String id : new String[] {"1", "2", "3", "G1", "4", "G2", "5"}) {
            assertTrue(page.contains("id=\"step-" + id + "\""), id);
            assertTrue(page.contains("data-step=\"" + id + "\""), id);
        }
        assertTrue(r.stdout().startsWith("itl plan: SAFE"), "text is still printed");
    }
}
