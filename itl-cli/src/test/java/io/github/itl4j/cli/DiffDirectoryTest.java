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
 * {@code itl diff OLD/ NEW/} over many pairs in one run: a pair that cannot be read is reported, the other pairs are
 * still compared, and the summary line counts it (as {@code itl lint} does for a file that is not a trust list).
 */
class DiffDirectoryTest {

    @TempDir
    Path tmp;

    private Path[] dirs() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("old"));
        Path n = Files.createDirectories(tmp.resolve("new"));
        // a good pair: listing A -> listing B (a pure re-sign, CONTINUOUS)
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLFile.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile-reset.tlv")), n.resolve("ITLFile.tlv"));
        // a bad pair: the new per-device list is cut in half (a truncated download)
        byte[] whole = Files.readAllBytes(Path.of(LintCommandTest.example("ITLFile.tlv")));
        Files.write(o.resolve("ITLSEP001122334455.tlv"), whole);
        Files.write(n.resolve("ITLSEP001122334455.tlv"), Arrays.copyOf(whole, whole.length / 2));
        return new Path[] {o, n};
    }

    @Test
    void unreadablePairIsReportedAndTheOthersCompared() throws IOException {
        Path[] d = dirs();
        CliRun r = CliRun.run("diff", d[0].toString(), d[1].toString());
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("verdict  CONTINUOUS (R3: "), r.stdout());
        assertTrue(r.stdout().contains("ITLSEP001122334455.tlv"), r.stdout());
        assertTrue(r.stdout().contains("error    "), r.stdout());
        assertTrue(r.stdout().contains("diff: 2 pairs, 0 broken, 1 unreadable"), r.stdout());
    }

    /** A file that cannot be opened (no read permission) is one unreadable pair too, exit 4; the others are compared. */
    @Test
    void aPairThatCannotBeOpenedIsReportedAndTheOthersCompared() throws IOException {
        Path[] d = dirs();
        Path locked = d[1].resolve("ITLSEP001122334455.tlv");
        Files.write(locked, Files.readAllBytes(d[0].resolve("ITLSEP001122334455.tlv")));
        try {
            Files.setPosixFilePermissions(locked, java.util.Set.of());
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no POSIX permissions here");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "this user reads any file (root)");
        CliRun r = CliRun.run("diff", d[0].toString(), d[1].toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("verdict  CONTINUOUS (R3: "), r.stdout());
        assertTrue(r.stdout().contains("permission denied"), r.stdout());
        assertTrue(r.stdout().contains("diff: 2 pairs, 0 broken, 1 unreadable"), r.stdout());
    }

    @Test
    void unreadablePairInJson() throws IOException {
        Path[] d = dirs();
        CliRun r = CliRun.run("diff", "--json", d[0].toString(), d[1].toString());
        assertEquals(3, r.exitCode(), r.stderr());
        JsonNode j = DiffCommandTest.json(r);
        assertEquals(1, j.get("data").get("diffs").size());
        assertEquals(
                "CONTINUOUS",
                j.get("data")
                        .get("diffs")
                        .get(0)
                        .get("continuity")
                        .get("verdict")
                        .asText());
        assertEquals("UNKNOWN", j.get("verdict").asText());
        boolean malformed = false;
        for (JsonNode p : j.get("problems")) {
            malformed |= p.get("code").asText().equals("MALFORMED_INPUT")
                    && p.get("message").asText().contains("ITLSEP001122334455.tlv");
        }
        assertTrue(malformed, j.get("problems").toString());
    }

    /** A SAST added beside the kept ones shows in the anchors line (not only "kept"). */
    @Test
    void addedAnchorIsShown() throws IOException {
        CliRun r = CliRun.run(
                "diff",
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv"),
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-2sast.tlv"));
        assertTrue(r.stdout().contains("anchors  SAST {cucm-pub.example.test} -> {"), r.stdout());
    }

    /** SHA-1 -> SHA-512 says what lint says about it (L13), with or without --model. */
    @Test
    void sha512NotesL13() {
        CliRun r = CliRun.run(
                "diff",
                LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv"),
                LintCommandTest.itl("itl-rsa2048-sha512-v1.0-allroles.tlv"));
        assertTrue(r.stdout().contains("\nnote     digest SHA-1 -> SHA-512 (L13: "), r.stdout());
    }
    /**
     * A list in one directory only (a phone's per-device ITL added or removed) is named and counted, not compared,
     * in text and JSON; it does not change the exit code.
     */
    @Test
    void listsInOneDirectoryOnlyAreNamed() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("o1"));
        Path n = Files.createDirectories(tmp.resolve("n1"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLFile.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile-reset.tlv")), n.resolve("ITLFile.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLSEPAAAAAAAAAAAA.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), n.resolve("ITLSEPBBBBBBBBBBBB.tlv"));
        Files.writeString(n.resolve("SEPBBBBBBBBBBBB.cnf.xml"), "<device/>"); // not a list: not named
        CliRun r = CliRun.run("diff", o.toString(), n.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("verdict  CONTINUOUS (R3: "), r.stdout());
        assertTrue(
                r.stdout().contains("only     " + o.resolve("ITLSEPAAAAAAAAAAAA.tlv") + " (no namesake in "),
                r.stdout());
        assertTrue(
                r.stdout().contains("only     " + n.resolve("ITLSEPBBBBBBBBBBBB.tlv") + " (no namesake in "),
                r.stdout());
        assertTrue(r.stdout().contains("diff: 1 pairs, 0 broken, 1 only in OLD, 1 only in NEW"), r.stdout());
        assertTrue(!r.stdout().contains("cnf.xml"), r.stdout());

        CliRun j = CliRun.run("diff", "--json", o.toString(), n.toString());
        assertEquals(0, j.exitCode(), j.stderr());
        JsonNode d = DiffCommandTest.json(j).get("data");
        assertEquals(
                o.resolve("ITLSEPAAAAAAAAAAAA.tlv").toString(),
                d.get("onlyInOld").get(0).asText());
        assertEquals(
                n.resolve("ITLSEPBBBBBBBBBBBB.tlv").toString(),
                d.get("onlyInNew").get(0).asText());
        assertEquals(1, d.get("summary").get("onlyInOld").asInt());
        assertEquals(1, d.get("summary").get("onlyInNew").asInt());
        assertEquals(1, d.get("summary").get("pairs").asInt());
    }

    /** Every pair unreadable: each is reported and the summary still printed (text), exit as the first one's. */
    @Test
    void everyPairUnreadableStillSummarised() throws IOException {
        Path[] d = dirs();
        byte[] whole = Files.readAllBytes(d[0].resolve("ITLFile.tlv"));
        Files.write(d[1].resolve("ITLFile.tlv"), Arrays.copyOf(whole, 10));
        CliRun r = CliRun.run("diff", d[0].toString(), d[1].toString());
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(2, r.stdout().split("\nerror    ", -1).length - 1, r.stdout());
        assertTrue(r.stdout().contains("diff: 2 pairs, 0 broken, 2 unreadable"), r.stdout());
    }

    /**
     * Two directories whose only common name is an unreadable pair (OLD's a.tlv is garbage), with a list in OLD only:
     * the pair is reported, the list of OLD only named and the summary printed, exit 3 (before, the error was thrown at
     * once, as for two files: no {@code only} line, no summary). Two plain files still fail with the error alone.
     */
    @Test
    void theOnlyCommonPairUnreadableStillNamesTheRest() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("o2"));
        Path n = Files.createDirectories(tmp.resolve("n2"));
        Files.writeString(o.resolve("a.tlv"), "not a trust list\n");
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), n.resolve("a.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("b.tlv"));
        CliRun r = CliRun.run("diff", o.toString(), n.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("itl diff " + o.resolve("a.tlv") + " " + n.resolve("a.tlv")), r.stdout());
        assertTrue(r.stdout().contains("\nerror    "), r.stdout());
        assertTrue(r.stdout().contains("only     " + o.resolve("b.tlv") + " (no namesake in "), r.stdout());
        assertTrue(r.stdout().endsWith("diff: 1 pairs, 0 broken, 1 unreadable, 1 only in OLD\n"), r.stdout());
        assertEquals("", r.stderr());
        // two plain files: the error alone, as before
        CliRun f = CliRun.run(
                "diff", o.resolve("a.tlv").toString(), n.resolve("a.tlv").toString());
        assertEquals(ExitCodes.INPUT, f.exitCode(), f.stdout() + f.stderr());
        assertEquals("", f.stdout());
        assertEquals(1, f.errLines().length, f.stderr());
    }

    /**
     * Two directories without a .tlv file of the same name: the lists of each are named and the summary printed, then
     * the failure (exit 4: nothing was compared); with --json the document is written (before: the error alone, and
     * the lists never named).
     */
    @Test
    void noCommonNameNamesTheListsAndFails() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("o3"));
        Path n = Files.createDirectories(tmp.resolve("n3"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLSEPAAAAAAAAAAAA.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), o.resolve("ITLSEPCCCCCCCCCCCC.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), n.resolve("ITLSEPBBBBBBBBBBBB.tlv"));
        String message = "no .tlv file of " + o + " has a namesake in " + n;
        CliRun r = CliRun.run("diff", o.toString(), n.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(
                r.stdout().contains("only     " + o.resolve("ITLSEPAAAAAAAAAAAA.tlv") + " (no namesake in "),
                r.stdout());
        assertTrue(
                r.stdout().contains("only     " + o.resolve("ITLSEPCCCCCCCCCCCC.tlv") + " (no namesake in "),
                r.stdout());
        assertTrue(
                r.stdout().contains("only     " + n.resolve("ITLSEPBBBBBBBBBBBB.tlv") + " (no namesake in "),
                r.stdout());
        assertTrue(r.stdout().endsWith("diff: 0 pairs, 0 broken, 2 only in OLD, 1 only in NEW\n"), r.stdout());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains(message), r.stderr());

        CliRun j = CliRun.run("diff", "--json", o.toString(), n.toString());
        assertEquals(ExitCodes.IO, j.exitCode(), j.stdout() + j.stderr());
        JsonNode doc = DiffCommandTest.json(j);
        assertEquals("UNKNOWN", doc.get("verdict").asText());
        JsonNode d = doc.get("data");
        assertEquals(0, d.get("diffs").size());
        assertEquals(0, d.get("unreadable").size());
        assertEquals(2, d.get("onlyInOld").size());
        assertEquals(
                n.resolve("ITLSEPBBBBBBBBBBBB.tlv").toString(),
                d.get("onlyInNew").get(0).asText());
        assertEquals(0, d.get("summary").get("pairs").asInt());
        assertEquals(2, d.get("summary").get("onlyInOld").asInt());
        assertEquals(1, d.get("summary").get("onlyInNew").asInt());
        assertEquals(1, doc.get("problems").size(), doc.toString());
        assertEquals("IO_ERROR", doc.get("problems").get(0).get("code").asText());
        assertEquals(message, doc.get("problems").get(0).get("message").asText());
        assertTrue(j.stderr().contains(message), j.stderr());
    }

    /** Directories without any .tlv file on either side: 0 pairs, nothing only in one, exit 4 with the message. */
    @Test
    void noListsAtAllFails() throws IOException {
        Path o = Files.createDirectories(tmp.resolve("o4"));
        Path n = Files.createDirectories(tmp.resolve("n4"));
        Files.writeString(n.resolve("SEPBBBBBBBBBBBB.cnf.xml"), "<device/>");
        String message = "no .tlv file of " + o + " has a namesake in " + n;
        CliRun r = CliRun.run("diff", o.toString(), n.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("diff: 0 pairs, 0 broken\n", r.stdout());
        assertTrue(r.stderr().contains(message), r.stderr());
        CliRun j = CliRun.run("diff", "--json", o.toString(), n.toString());
        assertEquals(ExitCodes.IO, j.exitCode(), j.stderr());
        JsonNode doc = DiffCommandTest.json(j);
        assertEquals(0, doc.get("data").get("summary").get("pairs").asInt());
        assertEquals(0, doc.get("data").get("onlyInOld").size());
        assertEquals("IO_ERROR", doc.get("problems").get(0).get("code").asText());
    }
}
