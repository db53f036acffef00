package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second acceptance pass of {@code itl diff}'s text (SPEC-trust §4.4): the {@code records} line counts records as a
 * listing shows them, so the old list's records and the new list's each add up.
 */
class DiffTextAcceptanceTest {
    @TempDir
    Path tmp;

    private static final Pattern COUNT = Pattern.compile(
            "(\\d+) (unchanged|reencoded|rotated|added|removed|" + "role added|role removed)(?=,|$| \\()");

    /**
     * Listing A -> its rollback ITL (SPEC §7.2: TFTP and TVS records emptied, SAST records kept): CallManager's TFTP
     * record is gone (its certificate stays as SAST), so it is not counted as unchanged; the old list's 6 records are 3
     * unchanged + 1 role removed + 2 removed, the new list's 6 are 3 unchanged + 3 added (the placeholders).
     */
    @Test
    void rollbackRecordsAddUpOnBothSides() {
        String a = LintCommandTest.example("ITLFile.tlv");
        Path cluster = Path.of(LintCommandTest.example("cluster"));
        String rb = tmp.resolve("ITLFile-rollback.tlv").toString();
        CliRun b = CliRun.run(
                "rollback",
                "-o",
                rb,
                "--key",
                cluster.resolve("test10pub.key").toString(),
                "--cert",
                cluster.resolve("test10pub.pem").toString(),
                a);
        assertEquals(ExitCodes.OK, b.exitCode(), b.stderr());
        CliRun t = CliRun.run("diff", "--now", "2026-11-29", a, rb);
        assertEquals(ExitCodes.OK, t.exitCode(), t.stderr());
        assertTrue(t.stdout().contains("verdict  CONTINUOUS (R3: "), t.stdout());
        String line = t.stdout()
                .lines()
                .filter(l -> l.startsWith("records  "))
                .findFirst()
                .orElseThrow();
        assertEquals("records  3 unchanged, 3 added, 2 removed, 1 role removed", line, t.stdout());
        assertTrue(t.stdout().contains("ROLE_REMOVED TFTP"), t.stdout());
        int[] sides = sides(line);
        assertEquals(6, sides[0], line);
        assertEquals(6, sides[1], line);
        // and back: the placeholders removed, the certificates added, CallManager's TFTP role added
        CliRun back = CliRun.run("diff", "--now", "2026-11-29", rb, a);
        assertTrue(back.stdout().contains("CONTINUOUS_ROLLBACK"), back.stdout());
        String bl = back.stdout()
                .lines()
                .filter(l -> l.startsWith("records  "))
                .findFirst()
                .orElseThrow();
        assertEquals("records  3 unchanged, 2 added, 3 removed, 1 role added", bl, back.stdout());
    }

    /**
     * {@code itl diff OLD/ NEW/} compares the directories' {@code .tlv} files of the same name (docs/lint.md): the
     * encrypted configurations beside them in a TFTP directory ({@code SEP<MAC>.cnf.xml.enc.sgn}, which {@code lint}
     * also reads there) are not trust lists, so they are not paired (before, each was an unreadable pair: exit 3).
     */
    @Test
    void directoriesPairTrustListsOnly() throws Exception {
        Path enc = CliRun.testdata().resolve("enccnf/SEP001122334455.cnf.xml.enc.sgn");
        Path oldDir = java.nio.file.Files.createDirectories(tmp.resolve("old"));
        Path newDir = java.nio.file.Files.createDirectories(tmp.resolve("new"));
        java.nio.file.Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), oldDir.resolve("ITLFile.tlv"));
        java.nio.file.Files.copy(Path.of(LintCommandTest.example("ITLFile-reset.tlv")), newDir.resolve("ITLFile.tlv"));
        java.nio.file.Files.copy(
                Path.of(LintCommandTest.example("ITLFile.tlv")), oldDir.resolve("ITLSEP001122334455.TLV"));
        java.nio.file.Files.copy(
                Path.of(LintCommandTest.example("ITLFile.tlv")), newDir.resolve("ITLSEP001122334455.TLV"));
        for (Path d : new Path[] {oldDir, newDir}) {
            java.nio.file.Files.copy(enc, d.resolve("SEP001122334455.cnf.xml.enc.sgn"));
        }
        CliRun t = CliRun.run("diff", "--now", "2026-11-29", oldDir.toString(), newDir.toString());
        assertEquals(ExitCodes.OK, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().contains("diff: 2 pairs, 0 broken\n"), t.stdout());
        assertTrue(!t.stdout().contains("enc.sgn"), t.stdout());
        CliRun j = CliRun.run("diff", "--json", "--now", "2026-11-29", oldDir.toString(), newDir.toString());
        assertEquals(ExitCodes.OK, j.exitCode(), j.stderr());
        com.fasterxml.jackson.databind.JsonNode n = JsonSchemas.DIFF.parse(j);
        assertEquals(2, n.get("data").get("diffs").size());
        assertEquals(0, n.get("problems").size(), n.toString());
        assertEquals("CONTINUOUS", n.get("verdict").asText());
    }

    /**
     * A {@code show itl} capture of a rollback ITL against itself (identity mode): the emptied records are paired by
     * role, length and subject, so nothing changed and the records are identical as far as a capture shows.
     */
    @Test
    void rollbackCaptureAgainstItselfIsIdentical() throws Exception {
        Path cluster = Path.of(LintCommandTest.example("cluster"));
        String rb = tmp.resolve("ITLFile.tlv").toString();
        CliRun b = CliRun.run(
                "rollback",
                "-o",
                rb,
                "--key",
                cluster.resolve("test10pub.key").toString(),
                "--cert",
                cluster.resolve("test10pub.pem").toString(),
                LintCommandTest.example("ITLFile.tlv"));
        assertEquals(ExitCodes.OK, b.exitCode(), b.stderr());
        CliRun show = CliRun.run("show", rb);
        assertEquals(ExitCodes.OK, show.exitCode(), show.stderr());
        Path capture = tmp.resolve("show-itl.txt");
        java.nio.file.Files.writeString(capture, show.stdout());
        CliRun t = CliRun.run("diff", "--now", "2026-11-29", capture.toString(), capture.toString());
        assertEquals(ExitCodes.OK, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().contains("records  6 unchanged (same certificates, roles and lengths)\n"), t.stdout());
        assertTrue(t.stdout().contains("CONTINUOUS_ROLLBACK"), t.stdout());
    }

    /**
     * A CallManager certificate regenerated keeps its CN: the header line tells the old signer from the new by serial
     * when their CNs are equal ({@code tvs-pub} has test10pub's subject with another key and serial), instead of
     * {@code test10pub.joemar2.lab -> test10pub.joemar2.lab}.
     */
    @Test
    void signerChangeWithTheSameCnShowsTheSerials() {
        Path c = Path.of(LintCommandTest.example("cluster"));
        String b = tmp.resolve("ITLFile.tlv").toString();
        CliRun built = CliRun.run(
                "build",
                "-o",
                b,
                "--key",
                c.resolve("tvs-pub.key").toString(),
                "--cert",
                c.resolve("tvs-pub.pem").toString(),
                "--sast",
                c.resolve("tvs-pub.pem").toString(),
                "--tftp",
                c.resolve("tvs-pub.pem").toString(),
                "--sast",
                c.resolve("itlrecovery.pem").toString(),
                "--timestamp",
                "2026-01-01T00:00:00Z");
        assertEquals(ExitCodes.OK, built.exitCode(), built.stderr());
        CliRun t = CliRun.run("diff", "--now", "2026-11-29", LintCommandTest.example("ITLFile.tlv"), b);
        assertEquals(ExitCodes.CHECK_FAILED, t.exitCode(), t.stderr() + t.stdout());
        String header = t.stdout()
                .lines()
                .filter(l -> l.startsWith("header   signer  "))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "header   signer  test10pub.joemar2.lab (serial 61:40:52:E9:1E:E9:7C:77:9B:7B:5E:81:0A:B1:46:A5)  ->  "
                        + "test10pub.joemar2.lab (serial 76:59:84:D8:B7:30:60:63:36:E5:C7:B6:A7:DD:B9:D6) (the new "
                        + "signer is not a SAST record of the old list)",
                header,
                t.stdout());
        // signers of other CNs are told apart by their CNs alone (SPEC §4.4's example)
        CliRun ab = CliRun.run(
                "diff", LintCommandTest.example("ITLFile.tlv"), LintCommandTest.example("ITLFile-reset.tlv"));
        assertTrue(
                ab.stdout()
                        .contains(
                                "header   signer  test10pub.joemar2.lab  ->  ITLRECOVERY_test10pub.joe2.lab (the new"),
                ab.stdout());
    }

    /** Builds a 6-record ITL signed by test10pub whose last record is tvs-sub's certificate in {@code lastRole}. */
    private String sixRecords(String name, String lastRole) {
        Path c = Path.of(LintCommandTest.example("cluster"));
        String out = tmp.resolve(name).toString();
        CliRun built = CliRun.run(
                "build",
                "-o",
                out,
                "--key",
                c.resolve("test10pub.key").toString(),
                "--cert",
                c.resolve("test10pub.pem").toString(),
                "--sast",
                c.resolve("test10pub.pem").toString(),
                "--tftp",
                c.resolve("test10pub.pem").toString(),
                "--capf",
                c.resolve("capf.pem").toString(),
                "--tvs",
                c.resolve("tvs-pub.pem").toString(),
                "--sast",
                c.resolve("itlrecovery.pem").toString(),
                lastRole,
                c.resolve("tvs-sub.pem").toString(),
                "--timestamp",
                "2026-01-01T00:00:00Z",
                "--force");
        assertEquals(ExitCodes.OK, built.exitCode(), built.stderr());
        return out;
    }

    /**
     * A certificate whose every record changed role (record 6, tvs-sub's certificate: CCM -> CAPF) counts as its role
     * changes only: {@code 5 unchanged, 1 role added, 1 role removed}, each list's 6 records adding up (before, it also
     * counted as unchanged: 6 unchanged, so the old list added up to 7).
     */
    @Test
    void aCertificateWhoseRolesAllChangedIsNotAlsoUnchanged() {
        String a = sixRecords("old.tlv", "--ccm");
        String b = sixRecords("new.tlv", "--capf");
        CliRun t = CliRun.run("diff", "--now", "2026-11-29", a, b);
        String line = t.stdout()
                .lines()
                .filter(l -> l.startsWith("records  "))
                .findFirst()
                .orElseThrow();
        assertEquals("records  5 unchanged, 1 role added, 1 role removed", line, t.stdout());
        int[] sides = sides(line);
        assertEquals(6, sides[0], line);
        assertEquals(6, sides[1], line);
        assertTrue(t.stdout().contains("ROLE_REMOVED CCM"), t.stdout());
        // and back
        CliRun back = CliRun.run("diff", "--now", "2026-11-29", b, a);
        int[] backSides = sides(back.stdout()
                .lines()
                .filter(l -> l.startsWith("records  "))
                .findFirst()
                .orElseThrow());
        assertEquals(6, backSides[0], back.stdout());
        assertEquals(6, backSides[1], back.stdout());
    }

    /** @return the records the counts give the old list and the new list */
    private static int[] sides(String line) {
        int[] s = new int[2];
        Matcher m = COUNT.matcher(line);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            switch (m.group(2)) {
                case "added", "role added" -> s[1] += n;
                case "removed", "role removed" -> s[0] += n;
                default -> {
                    s[0] += n;
                    s[1] += n;
                }
            }
        }
        return s;
    }
}
