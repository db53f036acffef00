package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show itl} captures as inputs of {@code itl diff} and {@code itl simulate} (identity mode, docs/trust.md
 * "Captures"): detected by content, aligned by certificate identity, decided without guessing what needs bytes.
 */
class CaptureCommandsTest {
    private static final Path REF = CliRun.testdata().getParent().resolve("reference");
    private static final String A = REF.resolve("show-itl-A.txt").toString();
    private static final String B = REF.resolve("show-itl-B.txt").toString();

    @TempDir
    Path tmp;

    @Test
    void diffOfTheResetNoteListings() throws IOException {
        CliRun t = CliRun.run("diff", A, B);
        assertEquals(0, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().contains("mode     identity: "), t.stdout());
        assertTrue(t.stdout().contains("records  6 unchanged (same certificates, roles and lengths)"), t.stdout());
        assertTrue(
                t.stdout()
                        .contains("header   signer  test10pub.joemar2.lab  ->  ITLRECOVERY_test10pub.joemar2.lab"
                                + " (the new signer is SAST record 5 of the old list"),
                t.stdout());
        assertTrue(t.stdout().contains("HEADERLENGTH 324 -> 344"), t.stdout());
        assertTrue(t.stdout().contains("verdict  CONTINUOUS (R3: "), t.stdout());
        assertTrue(t.stdout().contains("warning SIGNATURE_NOT_CHECKED"), t.stdout());
        JsonNode n = DiffCommandTest.json(CliRun.run("diff", "--json", A, B));
        assertEquals("CONTINUOUS", n.get("verdict").asText());
        JsonNode d = n.get("data").get("diffs").get(0);
        assertTrue(d.get("facts").get("recordsIdentical").get("value").asBoolean());
        assertTrue(d.get("facts").get("signerChanged").get("value").asBoolean());
        assertTrue(d.get("facts").get("signerWasSastInOld").get("value").asBoolean());
        assertEquals("identity", d.get("continuity").get("mode").asText());
        assertEquals(
                "SIGNATURE_NOT_CHECKED",
                d.get("continuity").get("warnings").get(0).get("code").asText());
        assertTrue(d.get("old").get("capture").asBoolean());
        assertEquals(
                "9d7da73d16c1501b4d27dc1ed79211f390659982",
                d.get("old").get("sha1").asText());
        assertEquals(5322, d.get("new").get("size").asInt());
    }

    @Test
    void diffOfACaptureAgainstTheShippedExamples() throws IOException {
        // the examples copy listing A's names, serials and lengths with other keys: aligned by identity (ROTATED:
        // same serial and issuer, another certificate), and whether the phone's key verifies cannot be known
        CliRun t = CliRun.run("diff", A, LintCommandTest.example("ITLFile.tlv"));
        assertEquals(1, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().contains("ROTATED"), t.stdout());
        assertTrue(t.stdout().contains("same serial and issuer, different certificate SHA-1"), t.stdout());
        assertTrue(t.stdout().contains("verdict  UNKNOWN (SIG: unknown: "), t.stdout());
        JsonNode n = DiffCommandTest.json(CliRun.run("diff", "--json", A, LintCommandTest.example("ITLFile.tlv")));
        assertEquals("UNKNOWN", n.get("verdict").asText());
        JsonNode d = n.get("data").get("diffs").get(0);
        assertFalse(d.get("old").get("sha1").isNull());
        assertFalse(d.get("new").get("capture").asBoolean());
        CliRun r = CliRun.run("diff", A, LintCommandTest.example("ITLFile-reset.tlv"));
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("SIGNER_ISSUER_MISMATCH"), r.stdout());
        // what itl show prints of the example is a capture whose certificates are the example's
        Path shown = showOf(LintCommandTest.example("ITLFile.tlv"));
        CliRun same = CliRun.run("diff", shown.toString(), LintCommandTest.example("ITLFile-reset.tlv"));
        assertEquals(0, same.exitCode(), same.stdout());
        assertTrue(same.stdout().contains("records  6 unchanged"), same.stdout());
        assertTrue(same.stdout().contains("verdict  CONTINUOUS (R3: "), same.stdout());
        CliRun back = CliRun.run("diff", LintCommandTest.example("ITLFile-reset.tlv"), shown.toString());
        assertEquals(0, back.exitCode(), back.stdout());
    }

    private Path showOf(String file) throws IOException {
        CliRun s = CliRun.run("show", file);
        assertEquals(0, s.exitCode(), s.stderr());
        return Files.writeString(tmp.resolve("show-itl.txt"), s.stdout());
    }

    @Test
    void diffErrorsSayWhatACaptureLacks() throws IOException {
        CliRun m = CliRun.run("diff", "--model", "CP-7975", A, B);
        assertEquals(3, m.exitCode());
        assertTrue(m.stderr().contains("does not print the digest algorithm"), m.stderr());
        Path junk = Files.writeString(tmp.resolve("notes.txt"), "hello\nworld\n");
        CliRun j = CliRun.run("diff", junk.toString(), B);
        assertEquals(3, j.exitCode());
        assertTrue(j.stderr().contains("nor a show itl/show ctl capture"), j.stderr());
    }

    @Test
    void simulateWithACaptureAsTheInstalledItl() throws IOException {
        Path shown = showOf(LintCommandTest.example("ITLFile.tlv"));
        String reset = LintCommandTest.example("ITLFile-reset.tlv");
        CliRun t = CliRun.run("simulate", "--phone-itl", shown.toString(), reset);
        assertEquals(0, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().startsWith("itl simulate: ACCEPT (signature not checked)"), t.stdout());
        assertTrue(t.stdout().contains("[identity mode]"), t.stdout());
        assertTrue(t.stdout().contains("[PASS] R3"), t.stdout());
        assertTrue(t.stdout().contains("[SKIP] SIG"), t.stdout());
        JsonNode n = SimulateCommandTest.json(CliRun.run(
                "simulate", "--json", "--now", "2026-11-29T12:00:00Z", "--phone-itl", shown.toString(), reset));
        assertEquals("ACCEPT", n.get("verdict").asText());
        JsonNode r = n.get("data").get("results").get(0);
        assertEquals("identity", r.get("mode").asText());
        assertEquals("R3", r.get("decisiveRule").asText());
        assertTrue(r.get("phone").get("itl").get("capture").asBoolean());
        assertEquals(2, r.get("phone").get("itl").get("sast").size());
        assertEquals("2026-11-29T12:00:00Z", r.get("phone").get("now").asText());
        assertEquals(reset, r.get("phoneAfter").get("itl").get("path").asText());
        // Cisco's listing A names the same serials with other certificates: not decidable without the keys
        CliRun u = CliRun.run("simulate", "--phone-itl", A, reset);
        assertEquals(1, u.exitCode(), u.stdout());
        assertTrue(u.stdout().startsWith("itl simulate: UNKNOWN"), u.stdout());
        SimulateCommandTest.json(CliRun.run("simulate", "--json", "--phone-itl", A, reset));
        // a signer the capture does not hold: rejected without TVS
        String other = LintCommandTest.itl("itl-rsa2048-sha1-v1.0-allroles.tlv");
        CliRun no = CliRun.run("simulate", "--phone-itl", A, other);
        assertEquals(1, no.exitCode(), no.stdout());
        assertTrue(no.stdout().startsWith("itl simulate: REJECT"), no.stdout());
        assertTrue(no.stdout().contains("[FAIL] R7"), no.stdout());
        SimulateCommandTest.json(CliRun.run("simulate", "--json", "--phone-itl", A, other));
    }

    @Test
    void simulateRefusesWhatIdentityModeCannotDecide() throws IOException {
        String itl = LintCommandTest.example("ITLFile.tlv");
        CliRun then = CliRun.run("simulate", "--phone-itl", A, itl, "--then", itl);
        assertEquals(3, then.exitCode());
        assertTrue(then.stderr().contains("--then (sequence mode) needs the installed list as a file"), then.stderr());
        CliRun offered = CliRun.run("simulate", "--phone-itl", itl, B);
        assertEquals(3, offered.exitCode(), offered.stdout());
        CliRun offeredCapture = CliRun.run("simulate", "--phone-itl", A, B);
        assertEquals(3, offeredCapture.exitCode());
        assertTrue(offeredCapture.stderr().contains("offer the file itself"), offeredCapture.stderr());
        assertTrue(offered.stderr().contains("a show itl capture cannot be offered"), offered.stderr());
    }
}
