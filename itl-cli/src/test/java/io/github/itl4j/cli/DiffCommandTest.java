package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl diff}: the diff table rows (docs/lint.md) that have files in the repository, JSON validated by the schema.
 */
class DiffCommandTest {

    @TempDir
    Path tmp;

    static JsonNode json(CliRun r) throws IOException {
        return JsonSchemas.DIFF.parse(r);
    }

    private static JsonNode only(JsonNode n) {
        return n.get("data").get("diffs").get(0);
    }

    @Test
    void listingAtoB() throws IOException {
        String a = LintCommandTest.example("ITLFile.tlv");
        String b = LintCommandTest.example("ITLFile-reset.tlv");
        CliRun t = CliRun.run("diff", a, b);
        assertEquals(0, t.exitCode(), t.stderr());
        assertTrue(t.stdout().contains("records  6 unchanged (record bytes identical)"), t.stdout());
        assertTrue(
                t.stdout()
                        .contains("header   signer  test10pub.joemar2.lab  ->  ITLRECOVERY_test10pub.joe2.lab "
                                + "(the new signer is SAST record 5 of the old list)"),
                t.stdout());
        assertTrue(t.stdout().contains("HEADERLENGTH 324 -> 344"), t.stdout());
        assertTrue(t.stdout().contains("verdict  CONTINUOUS (R3: "), t.stdout());
        assertTrue(t.stdout().contains("TVS not considered"), t.stdout());
        JsonNode d = only(json(CliRun.run("diff", "--json", a, b)));
        assertTrue(d.get("facts").get("recordsIdentical").get("value").asBoolean());
        assertTrue(d.get("facts").get("signerChanged").get("value").asBoolean());
        assertTrue(d.get("facts").get("signerWasSastInOld").get("value").asBoolean());
        assertEquals("CONTINUOUS", d.get("continuity").get("verdict").asText());
        assertEquals(2, d.get("anchors").get("kept").size());
    }

    /** Change rows count records and keep one subject column, however wide the widest role (APP-SERVER). */
    @Test
    void changeRowsAlignPastTheWidestRole() throws IOException {
        CliRun t = CliRun.run(
                "diff",
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv"),
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-n06.tlv"));
        assertTrue(t.stdout().contains("records  1 unchanged, 5 rotated, 1 removed"), t.stdout());
        assertTrue(t.stdout().contains("  REMOVED    APP-SERVER app-server-ec.example.test"), t.stdout());
        java.util.Set<Integer> subjectColumns = new java.util.HashSet<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^  (ROTATED|REMOVED) +\\S+ +(\\S)");
        for (String line : t.stdout().split("\\n")) {
            java.util.regex.Matcher m = row.matcher(line);
            if (m.find()) {
                subjectColumns.add(m.start(2));
            }
        }
        assertEquals(1, subjectColumns.size(), t.stdout());
    }

    @Test
    void signerVersionAndAdded() throws IOException {
        JsonNode v = json(CliRun.run(
                "diff",
                "--json",
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv"),
                LintCommandTest.itl("itl-rsa2048-sha1-v1.1-allroles.tlv")));
        assertEquals("CONTINUOUS", v.get("verdict").asText());
        boolean sv = false;
        for (JsonNode h : only(v).get("header")) {
            sv |= h.get("field").asText().equals("SIGNERVERSION")
                    && h.get("new").asText().equals("1.1");
        }
        assertTrue(sv, only(v).get("header").toString());
        JsonNode n = json(CliRun.run(
                "diff",
                "--json",
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-n06.tlv"),
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-n12.tlv")));
        int added = 0;
        for (JsonNode r : only(n).get("records")) {
            added += r.get("kind").asText().equals("ADDED") ? 1 : 0;
        }
        assertEquals(6, added);
    }

    @Test
    void digestDependsOnModel() throws IOException {
        String a = LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv");
        String b = LintCommandTest.itl("itl-rsa2048-sha512-v1.0-allroles.tlv");
        CliRun ok = CliRun.run("diff", "--model", "CP-8865", a, b);
        assertEquals(0, ok.exitCode(), ok.stdout());
        assertTrue(ok.stdout().contains("digestChanged"), ok.stdout());
        CliRun legacy = CliRun.run("diff", "--json", "--model", "CP-7975", a, b);
        assertEquals(1, legacy.exitCode());
        JsonNode n = json(legacy);
        assertEquals("BROKEN", n.get("verdict").asText());
        assertEquals(
                "F-DIGEST-SHA1",
                only(n).get("continuity").get("fixes").get(0).get("code").asText());
    }

    @Test
    void brokenAcrossClusters() throws IOException {
        CliRun r = CliRun.run(
                "diff", LintCommandTest.itl("itl-rsa2048-sha1-v1.0-2sast.tlv"), LintCommandTest.example("ITLFile.tlv"));
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().contains("verdict  BROKEN"), r.stdout());
        assertTrue(r.stdout().contains("none kept"), r.stdout());
        assertTrue(r.stdout().contains("  fix F-"), r.stdout());
    }

    @Test
    void directoriesAndErrors() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("old"));
        Path n = Files.createDirectories(tmp.resolve("new"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLFile.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile-reset.tlv")), n.resolve("ITLFile.tlv"));
        Files.copy(Path.of(LintCommandTest.itl("itl-rsa2048-sha1-v1.0-n06.tlv")), o.resolve("ITLSEP1.tlv"));
        Files.copy(Path.of(LintCommandTest.itl("itl-rsa2048-sha1-v1.0-n12.tlv")), n.resolve("ITLSEP1.tlv"));
        CliRun r = CliRun.run("diff", o.toString(), n.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("diff: 2 pairs, 0 broken"), r.stdout());
        JsonNode j = json(CliRun.run("diff", "--json", o.toString(), n.toString()));
        assertEquals(2, j.get("data").get("diffs").size());
        String neg = CliRun.testdata()
                .resolve("negative/rsp2k-itlbuilder/ITLFile.tlv")
                .toString();
        assertEquals(
                3,
                CliRun.run("diff", neg, LintCommandTest.example("ITLFile.tlv")).exitCode());
        assertEquals(
                2,
                CliRun.run("diff", o.toString(), LintCommandTest.example("ITLFile.tlv"))
                        .exitCode());
        assertEquals(
                4,
                CliRun.run("diff", tmp.resolve("missing.tlv").toString(), LintCommandTest.example("ITLFile.tlv"))
                        .exitCode());
    }
}
