package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second acceptance pass of the {@code itl lint} options (SPEC-trust §4.1): a bad option value is a usage error (exit
 * 2) that names the option and what it takes; many files and directories in one run, one summary line.
 */
class LintOptionsAcceptanceTest {
    @TempDir
    Path tmp;

    /** {@code --near-expiry} takes a duration; a wrong one is named as {@code --near-expiry}, not another option. */
    @Test
    void aBadNearExpiryNamesTheOption() throws Exception {
        for (String v : new String[] {"abc", "60", "-5d", "PT-5H"}) {
            CliRun r = CliRun.run("lint", "--near-expiry", v, LintCommandTest.example("ITLFile.tlv"));
            assertEquals(ExitCodes.USAGE, r.exitCode(), v + ": " + r.stderr());
            assertTrue(r.stderr().contains("--near-expiry"), v + ": " + r.stderr());
            assertFalse(r.stderr().contains("--advance"), v + ": " + r.stderr());
            assertEquals("", r.stdout(), v);
        }
        CliRun ok = CliRun.run(
                "lint",
                "--near-expiry",
                "7000d",
                "--now",
                "2026-11-29",
                "--json",
                LintCommandTest.example("ITLFile.tlv"));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
        JsonNode n = JsonSchemas.LINT.parse(ok);
        assertEquals(7000, n.get("data").get("options").get("nearExpiryDays").asInt());
        // the example's certificates expire on 2045-01-01, within 7000 days of 2026-11-29
        assertTrue(LintCommandTest.rules(n, false).contains("L21"), ok.stdout());
    }

    /** {@code --severity RULE=LEVEL} with an unknown level says which levels there are (no Java enum text). */
    @Test
    void aBadSeverityLevelSaysTheLevels() {
        CliRun r = CliRun.run("lint", "--severity", "L10=bad", LintCommandTest.example("ITLFile.tlv"));
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--severity L10=bad"), r.stderr());
        assertTrue(r.stderr().contains("error, warn, info or off"), r.stderr());
        assertFalse(r.stderr().contains("enum"), r.stderr());
        assertFalse(r.stderr().contains("io.github"), r.stderr());
    }

    /**
     * Many files and directories in one run: a directory without a trust list is one unreadable input (exit 4, its
     * reason on standard error), like a missing file, and the other inputs are still linted and counted in the summary
     * line (text and JSON).
     */
    @Test
    void anEmptyDirectoryIsOneUnreadableInputAndTheRunGoesOn() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("README.txt"), "no lists here");
        Path dir = Files.createDirectories(tmp.resolve("tftp"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), dir.resolve("ITLFile.tlv"));
        String a = LintCommandTest.example("ITLFile-reset.tlv");
        CliRun r = CliRun.run("lint", "--now", "2026-11-29", a, empty.toString(), dir.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr() + r.stdout());
        assertTrue(r.stderr().contains("no .tlv or .enc.sgn file"), r.stderr());
        assertTrue(r.stdout().contains("ITLFile-reset.tlv: L08 INFO"), r.stdout());
        assertTrue(r.stdout().contains(dir.resolve("ITLFile.tlv") + ": L11 INFO"), r.stdout());
        String[] lines = r.stdout().split("\\R");
        assertTrue(
                lines[lines.length - 1].startsWith("lint: 3 files, 0 errors, 0 warnings, 15 info, 1 unreadable"),
                r.stdout());
        CliRun j = CliRun.run("lint", "--json", "--now", "2026-11-29", a, empty.toString(), dir.toString());
        assertEquals(ExitCodes.IO, j.exitCode(), j.stderr());
        JsonNode n = JsonSchemas.LINT.parse(j);
        assertEquals("UNREADABLE", n.get("verdict").asText());
        assertEquals(2, n.get("data").get("files").size());
        assertEquals(3, n.get("data").get("summary").get("files").asInt());
        assertEquals(1, n.get("data").get("summary").get("unreadable").asInt());
        assertEquals("IO", n.get("problems").get(0).get("code").asText());
        assertTrue(n.get("problems").get(0).get("message").asText().contains("no .tlv or .enc.sgn file"));
    }

    /**
     * A signed configuration ({@code .sgn}, certutils' {@code dialplan.xml.sgn}) given to lint is not a trust list
     * (exit 3, SPEC §4.1), and the report says what it is and what checks it, not only the parser's record error.
     */
    @Test
    void aSignedConfigurationSaysWhatItIs() throws Exception {
        String sgn = CliRun.testdata().resolve("certutils/sgn/dialplan.xml.sgn").toString();
        CliRun r = CliRun.run("lint", "--now", "2026-11-29", sgn);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr() + r.stdout());
        assertTrue(r.stdout().contains("a signed file (.sgn), not a trust list"), r.stdout());
        assertTrue(r.stdout().contains("itl verify"), r.stdout());
        JsonNode n = JsonSchemas.LINT.parse(CliRun.run("lint", "--json", "--now", "2026-11-29", sgn));
        assertTrue(
                n.get("data").get("files").get(0).get("malformed").asText().contains("a signed file (.sgn)"),
                n.toString());
        // a trust list that does not parse gets no such hint
        CliRun neg = CliRun.run(
                "lint",
                CliRun.testdata()
                        .resolve("negative/rsp2k-itlbuilder/ITLFile.tlv")
                        .toString());
        assertEquals(ExitCodes.INPUT, neg.exitCode());
        assertFalse(neg.stdout().contains("signed file"), neg.stdout());
    }
}
