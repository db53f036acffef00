package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl diff --json} writes one document (the envelope, {@code schemas/diff.schema.json}) whenever it read its
 * arguments: a pair that cannot be read is in {@code data.unreadable} (paths, code, message, no comparison), even when
 * it is the only one, with the exit code of the text mode (3 malformed, 4 I/O) and the text's summary counts.
 */
class DiffJsonUnreadableTest {
    @TempDir
    Path tmp;

    private static byte[] listingA() throws IOException {
        return Files.readAllBytes(Path.of(LintCommandTest.example("ITLFile.tlv")));
    }

    private static JsonNode onlyUnreadable(JsonNode j) {
        assertEquals(1, j.get("data").get("unreadable").size(), j.toString());
        return j.get("data").get("unreadable").get(0);
    }

    private static void summary(JsonNode j, int pairs, int broken, int unreadable) {
        JsonNode s = j.get("data").get("summary");
        assertEquals(pairs, s.get("pairs").asInt(), s.toString());
        assertEquals(broken, s.get("broken").asInt(), s.toString());
        assertEquals(unreadable, s.get("unreadable").asInt(), s.toString());
    }

    private static boolean problem(JsonNode j, String code, String text) {
        for (JsonNode p : j.get("problems")) {
            if (p.get("code").asText().equals(code) && p.get("message").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Two directories whose only pair cannot be read: the new list is cut in half. */
    @Test
    void theOnlyPairOfTwoDirectoriesIsMalformed() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("old"));
        Path n = Files.createDirectories(tmp.resolve("new"));
        Files.write(o.resolve("ITLFile.tlv"), listingA());
        Files.write(n.resolve("ITLFile.tlv"), Arrays.copyOf(listingA(), listingA().length / 2));
        CliRun r = CliRun.run("diff", "--json", o.toString(), n.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stdout() + r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        assertEquals("UNKNOWN", j.get("verdict").asText());
        assertEquals(0, j.get("data").get("diffs").size());
        JsonNode u = onlyUnreadable(j);
        assertEquals(o.resolve("ITLFile.tlv").toString(), u.get("old").asText());
        assertEquals(n.resolve("ITLFile.tlv").toString(), u.get("new").asText());
        assertEquals("MALFORMED_INPUT", u.get("code").asText());
        assertEquals(ExitCodes.INPUT, u.get("exitCode").asInt());
        assertTrue(u.get("message").asText().contains("not a trust list"), u.toString());
        summary(j, 1, 0, 1);
        assertTrue(problem(j, "MALFORMED_INPUT", n.resolve("ITLFile.tlv").toString()), j.toString());
        assertEquals(1, r.errLines().length, r.stderr()); // and the one-line error, as show --json and lint --json
    }

    /** Of two pairs one cannot be read: the other is compared, and the summary counts both as the text does. */
    @Test
    void oneOfTwoPairsIsMalformed() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("old"));
        Path n = Files.createDirectories(tmp.resolve("new"));
        Files.write(o.resolve("ITLFile.tlv"), listingA());
        Files.copy(Path.of(LintCommandTest.example("ITLFile-reset.tlv")), n.resolve("ITLFile.tlv"));
        Files.write(o.resolve("ITLSEP001122334455.tlv"), listingA());
        Files.write(n.resolve("ITLSEP001122334455.tlv"), new byte[] {1, 2, 3});
        CliRun text = CliRun.run("diff", o.toString(), n.toString());
        assertTrue(text.stdout().contains("diff: 2 pairs, 0 broken, 1 unreadable"), text.stdout());
        CliRun r = CliRun.run("diff", "--json", o.toString(), n.toString());
        assertEquals(text.exitCode(), r.exitCode(), r.stderr());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        assertEquals(1, j.get("data").get("diffs").size());
        assertTrue(onlyUnreadable(j).get("new").asText().endsWith("ITLSEP001122334455.tlv"), j.toString());
        summary(j, 2, 0, 1);
    }

    /** Two files, the old one not a trust list: exit 3 and the document, as for a pair of two directories. */
    @Test
    void aSinglePairWhoseOldFileIsMalformed() throws IOException {
        Path bad = Files.write(tmp.resolve("ITLFile.tlv"), "not a trust list\n".getBytes());
        CliRun text = CliRun.run("diff", bad.toString(), LintCommandTest.example("ITLFile.tlv"));
        assertEquals(ExitCodes.INPUT, text.exitCode(), text.stderr());
        CliRun r = CliRun.run("diff", "--json", bad.toString(), LintCommandTest.example("ITLFile.tlv"));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stdout() + r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        assertEquals("UNKNOWN", j.get("verdict").asText());
        assertEquals(0, j.get("data").get("diffs").size());
        JsonNode u = onlyUnreadable(j);
        assertEquals(bad.toString(), u.get("old").asText());
        assertEquals("MALFORMED_INPUT", u.get("code").asText());
        summary(j, 1, 0, 1);
        assertEquals(2, j.get("inputs").size(), j.get("inputs").toString());
    }

    /** Two files, the new one missing: an I/O error, exit 4, and the document. */
    @Test
    void aSinglePairWhoseNewFileIsMissing() throws IOException {
        Path missing = tmp.resolve("nothing-here.tlv");
        CliRun r = CliRun.run("diff", "--json", LintCommandTest.example("ITLFile.tlv"), missing.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stdout() + r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        JsonNode u = onlyUnreadable(j);
        assertEquals(missing.toString(), u.get("new").asText());
        assertEquals("IO_ERROR", u.get("code").asText());
        assertEquals(ExitCodes.IO, u.get("exitCode").asInt());
        assertTrue(problem(j, "IO_ERROR", "no such file"), j.toString());
        summary(j, 1, 0, 1);
    }

    /** A readable pair has the new fields too: nothing unreadable, one pair, none broken. */
    @Test
    void aReadablePairHasAnEmptyUnreadableListAndASummary() throws IOException {
        CliRun r = CliRun.run(
                "diff", "--json", LintCommandTest.example("ITLFile.tlv"), LintCommandTest.example("ITLFile-reset.tlv"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        assertEquals(0, j.get("data").get("unreadable").size());
        summary(j, 1, 0, 0);
        assertEquals("", r.stderr());
    }
}
