package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl simulate}: the three README stories with the shipped example (examples/ITLFile.tlv, cluster A), the
 * JSON envelope validated against the checked-in schema, sequence mode and exit codes.
 */
class SimulateCommandTest {
    private static final Path EXAMPLES =
            CliRun.testdata().getParent().getParent().resolve("examples");
    private static final Path C = EXAMPLES.resolve("cluster");
    private static final Path N = CliRun.testdata().resolve("certutils/certs");
    private static final Path ITL = EXAMPLES.resolve("ITLFile.tlv");
    private static final Path RESET = EXAMPLES.resolve("ITLFile-reset.tlv");
    private static final Path B1 = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-2sast.tlv");
    private static final String NOW = "2026-11-29T12:00:00Z";

    @TempDir
    Path tmp;

    static JsonNode json(CliRun r) throws IOException {
        return JsonSchemas.SIMULATE.parse(r);
    }

    static List<String> chain(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("chain")
                .forEach(c ->
                        out.add(c.get("rule").asText() + ":" + c.get("outcome").asText()));
        return out;
    }

    static String s(Path p) {
        return p.toString();
    }

    /** Builds A4: CallManager (node05) and the publisher's TVS (node09) regenerated together, signed by node05. */
    Path buildA4() {
        Path out = tmp.resolve("ITLFile-A4.tlv");
        CliRun r = CliRun.run(
                "build",
                "-o",
                s(out),
                "--key",
                s(N.resolve("node05-rsa2048.key.pem")),
                "--cert",
                s(N.resolve("node05-rsa2048.crt.pem")),
                "--sast",
                s(N.resolve("node05-rsa2048.crt.pem")),
                "--tftp",
                s(N.resolve("node05-rsa2048.crt.pem")),
                "--capf",
                s(C.resolve("capf.pem")),
                "--tvs",
                s(N.resolve("node09-rsa2048.crt.pem")),
                "--sast",
                s(C.resolve("itlrecovery.pem")),
                "--tvs",
                s(C.resolve("tvs-sub.pem")),
                "--hash",
                "CAPF",
                "--hash",
                "TVS",
                "--timestamp",
                "2026-11-29T10:00:00Z");
        assertEquals(0, r.exitCode(), r.stderr());
        return out;
    }

    /** A TVS directory export: tvs.pem and own/ certificates. */
    Path tvsDir(String name, Path server, Path... own) throws IOException {
        Path d = tmp.resolve(name);
        Files.createDirectories(d.resolve("own"));
        Files.copy(server, d.resolve("tvs.pem"));
        for (Path o : own) {
            String n = o.getFileName().toString().startsWith("itlrecovery")
                    ? "ITLRecovery.pem"
                    : "CallManager-" + o.getFileName();
            Files.copy(o, d.resolve("own").resolve(n));
        }
        return d;
    }

    // ------------------------------------------------------------------ the README stories

    @Test
    void story1ResetFromListingAToBIsAccepted() throws IOException {
        CliRun r = CliRun.run("simulate", "--now", NOW, "--phone-itl", s(ITL), s(RESET));
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\\R");
        assertTrue(lines[0].startsWith("itl simulate: ACCEPT  offered " + RESET), lines[0]);
        assertTrue(
                lines[1].contains("[PASS] R3") && lines[1].contains("record 5 (SAST) of the installed ITL"), lines[1]);
        assertTrue(lines[1].contains("the signature (SHA-1) verifies with its key"), lines[1]);
        JsonNode j = json(CliRun.run("simulate", "--json", "--now", NOW, "--phone-itl", s(ITL), s(RESET)));
        assertEquals("ACCEPT", j.get("verdict").asText());
        assertEquals(List.of("R3:PASS"), chain(j.get("data").get("results").get(0)));
    }

    @Test
    void story2CallManagerAndTvsRegeneratedTogetherIsRejectedWithTheFix() throws IOException {
        Path a4 = buildA4();
        Path tvs = tvsDir(
                "tvs-pub",
                N.resolve("node09-rsa2048.crt.pem"),
                N.resolve("node05-rsa2048.crt.pem"),
                C.resolve("itlrecovery.pem"));
        CliRun r = CliRun.run("simulate", "--now", NOW, "--phone-itl", s(ITL), "--tvs", s(tvs), s(a4));
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("itl simulate: REJECT"), r.stdout());
        assertTrue(r.stdout().contains("[FAIL] R7") && r.stdout().contains("R15"), r.stdout());
        assertTrue(r.stdout().contains("  fix F-RESIGN-OTHER-SAST:"), r.stdout());
        JsonNode j =
                json(CliRun.run("simulate", "--json", "--now", NOW, "--phone-itl", s(ITL), "--tvs", s(tvs), s(a4)));
        JsonNode res = j.get("data").get("results").get(0);
        assertEquals("REJECT", j.get("verdict").asText());
        assertEquals(List.of("R3:FAIL", "R7:FAIL"), chain(res));
        assertEquals("F-RESIGN-OTHER-SAST", res.get("fixes").get(0).get("code").asText());
        assertTrue(j.get("problems").toString().contains("TVS_SERVER_CERT_UNKNOWN"), j.toString());
        // the fix: reset A4 with ITLRecovery (itl reset), which the phone accepts
        Path a4r = tmp.resolve("ITLFile-A4r.tlv");
        CliRun reset = CliRun.run(
                "reset",
                s(a4),
                "-o",
                s(a4r),
                "--p12",
                s(C.resolve("ITLRecovery.p12")),
                "--password-file",
                s(C.resolve("ITLRecovery.pass")),
                "--timestamp",
                "2026-11-29T10:05:00Z");
        assertEquals(0, reset.exitCode(), reset.stderr());
        CliRun ok = CliRun.run("simulate", "--now", NOW, "--phone-itl", s(ITL), "--tvs", s(tvs), s(a4r));
        assertEquals(0, ok.exitCode(), ok.stdout());
        assertTrue(ok.stdout().contains("[PASS] R3"), ok.stdout());
    }

    @Test
    void story3MigrationAcceptedOnlyAfterImportIntoPhoneSastTrust() throws IOException {
        Path tvs = tvsDir(
                "tvs-clusterA", C.resolve("tvs-pub.pem"), C.resolve("test10pub.pem"), C.resolve("itlrecovery.pem"));
        CliRun before = CliRun.run("simulate", "--json", "--now", NOW, "--phone-itl", s(ITL), "--tvs", s(tvs), s(B1));
        assertEquals(1, before.exitCode(), before.stderr());
        JsonNode res = json(before).get("data").get("results").get(0);
        assertEquals(List.of("R3:FAIL", "R7:PASS", "R8:FAIL"), chain(res));
        assertEquals("F-IMPORT-PHONE-SAST", res.get("fixes").get(0).get("code").asText());
        // import cluster B's CallManager certificate into cluster A's Phone-SAST-trust and CallManager-trust
        for (String store : List.of("Phone-SAST-trust", "CallManager-trust")) {
            Files.createDirectories(tvs.resolve(store));
            Files.copy(N.resolve("sast-rsa2048.crt.pem"), tvs.resolve(store).resolve("clusterB-CallManager.pem"));
        }
        CliRun after = CliRun.run("simulate", "--now", NOW, "--phone-itl", s(ITL), "--tvs", s(tvs), s(B1));
        assertEquals(0, after.exitCode(), after.stdout() + after.stderr());
        assertTrue(
                after.stdout().contains("[PASS] R8") && after.stdout().contains("Phone-SAST-trust=SAST"),
                after.stdout());
        assertTrue(after.stdout().contains("tvsRoleMap.Phone-SAST-trust=SAST [M]"), after.stdout());
        assertTrue(after.stdout().contains("phone after: ITL " + B1), after.stdout());
    }

    // ------------------------------------------------------------------ sequence mode, configs, errors

    @Test
    void sequenceModeKeepsTheTvsCacheAcrossSteps() throws IOException {
        Path tvs = tvsDir("tvs-clusterA", C.resolve("tvs-pub.pem"), C.resolve("test10pub.pem"));
        for (String store : List.of("Phone-SAST-trust", "CallManager-trust")) {
            Files.createDirectories(tvs.resolve(store));
            Files.copy(N.resolve("sast-rsa2048.crt.pem"), tvs.resolve(store).resolve("b.pem"));
        }
        // A1 -> A1r (accepted) -> B1 via TVS (accepted, cached) -> A1 signed by cluster A: rejected by B1
        CliRun r = CliRun.run(
                "simulate",
                "--json",
                "--now",
                NOW,
                "--phone-itl",
                s(ITL),
                "--tvs",
                s(tvs),
                s(RESET),
                "--then",
                s(B1),
                "--advance",
                "23h",
                "--then",
                s(ITL));
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode j = json(r);
        JsonNode rs = j.get("data").get("results");
        assertEquals(3, rs.size());
        assertEquals("ACCEPT", rs.get(0).get("verdict").asText());
        assertEquals("ACCEPT", rs.get(1).get("verdict").asText());
        assertEquals(1, rs.get(1).get("phoneAfter").get("cache").size());
        assertEquals("REJECT", rs.get(2).get("verdict").asText());
        assertEquals("2026-11-30T11:00:00Z", rs.get(2).get("phone").get("now").asText());
        assertEquals("REJECT", j.get("verdict").asText());
        CliRun stop =
                CliRun.run("simulate", "--now", NOW, "--phone-itl", s(B1), "--stop-on-reject", s(ITL), "--then", s(B1));
        assertEquals(1, stop.exitCode());
        assertTrue(!stop.stdout().contains("[2/2]"), stop.stdout());
    }

    @Test
    void configs() throws IOException {
        Path all = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
        Path sgn = CliRun.testdata().resolve("certutils/sgn/SEP0011223344AA.cnf.xml.sgn");
        CliRun r = CliRun.run("simulate", "--json", "--now", NOW, "--phone-itl", s(all), "--model", "7975", s(sgn));
        assertEquals(1, r.exitCode());
        JsonNode res = json(r).get("data").get("results").get(0);
        assertEquals(List.of("R16:FAIL"), chain(res));
        assertEquals("F-DIGEST-SHA1", res.get("fixes").get(0).get("code").asText());
        Path plain = CliRun.testdata().resolve("certutils/sgn/SEP001122334455.cnf.xml");
        CliRun none = CliRun.run("simulate", "--json", "--now", NOW, s(plain));
        assertEquals(0, none.exitCode());
        assertEquals("ACCEPT_UNSIGNED", json(none).get("verdict").asText());
        CliRun wants = CliRun.run("simulate", "--now", NOW, "--phone-itl", s(all), s(plain));
        assertEquals(1, wants.exitCode());
        assertTrue(wants.stdout().contains("the phone requests SEP001122334455.cnf.xml.sgn instead"), wants.stdout());
    }

    @Test
    void encryptedConfigWithThePhoneKey() throws IOException {
        Path all = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
        Path enc = CliRun.testdata().resolve("enccnf/SEP001122334455.cnf.xml.enc.sgn");
        CliRun ok = CliRun.run(
                "simulate",
                "--json",
                "--now",
                NOW,
                "--phone-itl",
                s(all),
                "--encrypted",
                "--phone-key",
                s(N.resolve("node01-rsa2048.key.pem")),
                s(enc));
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals(
                List.of("R6:PASS", "ENC:PASS"),
                chain(json(ok).get("data").get("results").get(0)));
        CliRun other = CliRun.run(
                "simulate",
                "--json",
                "--now",
                NOW,
                "--phone-itl",
                s(all),
                "--encrypted",
                "--phone-key",
                s(N.resolve("node05-rsa2048.key.pem")),
                s(enc));
        assertEquals(1, other.exitCode(), other.stderr());
        JsonNode res = json(other).get("data").get("results").get(0);
        assertEquals(List.of("R6:PASS", "ENC:FAIL"), chain(res));
        assertEquals("F-REENCRYPT", res.get("fixes").get(0).get("code").asText());
    }

    @Test
    void malformedOfferedFileIsARejectWithParseAndExit3() throws IOException {
        Path bad = tmp.resolve("ITLFile.tlv");
        byte[] b = Files.readAllBytes(ITL);
        Files.write(bad, java.util.Arrays.copyOf(b, 700));
        CliRun r = CliRun.run("simulate", "--json", "--now", NOW, "--phone-itl", s(ITL), s(bad));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        JsonNode j = json(r);
        assertEquals("REJECT", j.get("verdict").asText());
        assertEquals(List.of("PARSE:FAIL"), chain(j.get("data").get("results").get(0)));
        CliRun installed = CliRun.run("simulate", "--phone-itl", s(bad), s(ITL));
        assertEquals(ExitCodes.INPUT, installed.exitCode());
        assertTrue(installed.stderr().startsWith("itl: --phone-itl "), installed.stderr());
        CliRun tvs = CliRun.run("simulate", "--phone-itl", s(ITL), "--tvs", s(tmp), s(ITL));
        assertEquals(ExitCodes.INPUT, tvs.exitCode());
        assertTrue(tvs.stderr().contains("tvs.pem"), tvs.stderr());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("simulate", "--now", "yesterday", s(ITL)).exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("simulate", "--advance", "1h", s(ITL)).exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("simulate", "--advance", "soon", "--then", s(ITL), s(ITL))
                        .exitCode());
        assertEquals(
                ExitCodes.IO,
                CliRun.run("simulate", s(tmp.resolve("missing.tlv"))).exitCode());
    }

    @Test
    void verifyTrustPointsToSimulate() {
        CliRun r = CliRun.run("verify", "--trust", s(ITL), s(RESET));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("hint: ") && r.stderr().contains("itl simulate --phone-itl"), r.stderr());
    }
}
