package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} is one document in the common envelope (docs/json.md), validated against the
 * checked-in {@code schemas/envelope.schema.json}: {@code tool}, {@code version}, {@code command}, {@code inputs},
 * {@code problems} with codes, and {@code verdict} where the command has one: dump, show, verify, checksum, simulate,
 * audit, lint, diff and plan. The commands with their own schema are checked against it too.
 */
class JsonEnvelopeTest {
    private static final Path ITL = ShowCommandTest.certutils().resolve("itl/itl-rsa1024-sha1-v1.0-allroles.tlv");
    private static final Path SGN = ShowCommandTest.certutils().resolve("sgn/SEP001122334455.cnf.xml.sgn");

    @TempDir
    Path tmp;

    /** Parses standard output, checks it against the envelope schema and the envelope's fixed fields. */
    static JsonNode envelope(CliRun r, String command) throws IOException {
        JsonNode n = JsonSchemas.ENVELOPE.parse(r);
        assertEquals("itl4j", n.get("tool").asText());
        assertEquals(ItlCli.toolVersion(), n.get("version").asText());
        assertEquals(command, n.get("command").asText());
        return n;
    }

    /** {@link #envelope} and the command's own schema. */
    static JsonNode envelope(CliRun r, String command, JsonSchemas own) throws IOException {
        JsonNode n = envelope(r, command);
        own.check(n, r);
        return n;
    }

    private static List<String> inputs(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.get("inputs")
                .forEach(i -> l.add(i.get("role").asText() + ":" + i.get("path").asText()));
        return l;
    }

    private static List<String> codes(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.get("problems").forEach(p -> l.add(p.get("code").asText()));
        return l;
    }

    private static JsonNode problem(JsonNode n, String code) {
        for (JsonNode p : n.get("problems")) {
            if (p.get("code").asText().equals(code)) {
                return p;
            }
        }
        throw new AssertionError(code + " not in " + n.get("problems"));
    }

    @Test
    void verifyWritesTheEnvelopeWithItsVerdictAndEveryFilesProblems() throws IOException {
        String missing = tmp.resolve("missing.tlv").toString();
        CliRun r = CliRun.run("verify", "--json", ITL.toString(), SGN.toString(), missing);
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "verify");
        assertEquals("itl4j-verify", n.get("format").asText()); // the command's own fields stay
        assertFalse(n.get("verified").asBoolean());
        assertEquals("FAILED", n.get("verdict").asText());
        assertEquals(List.of("file:" + ITL, "file:" + SGN, "file:" + missing), inputs(n));
        JsonNode noSigner = problem(n, "NO_SIGNER"); // a .sgn without --trust
        assertEquals(SGN.toString(), noSigner.get("file").asText());
        assertEquals("ERROR", noSigner.get("severity").asText());
        JsonNode io = problem(n, "IO_ERROR");
        assertEquals(missing, io.get("file").asText());
        assertEquals(ExitCodes.IO, io.get("exitCode").asInt());

        JsonNode ok = envelope(CliRun.run("verify", "--json", "--trust", ITL.toString(), ITL.toString()), "verify");
        assertEquals("VERIFIED", ok.get("verdict").asText());
        assertEquals(List.of("trust:" + ITL, "file:" + ITL), inputs(ok));
        assertEquals(List.of(), codes(ok));
    }

    @Test
    void showWritesTheEnvelope() throws IOException {
        CliRun r = CliRun.run("show", "--json", ITL.toString(), SGN.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "show");
        assertEquals("itl4j-show", n.get("format").asText());
        assertEquals(2, n.get("files").size());
        assertEquals("FAILED", n.get("verdict").asText());
        assertEquals(SGN.toString(), problem(n, "NOT_VERIFIED").get("file").asText());

        JsonNode one = envelope(CliRun.run("show", "--json", ITL.toString()), "show");
        assertEquals("VERIFIED", one.get("verdict").asText());
    }

    @Test
    void dumpWritesTheEnvelopeAndAssembleStillRebuildsTheFile() throws IOException {
        CliRun r = CliRun.run("dump", "--json", ITL.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "dump");
        assertEquals("itl4j-dump", n.get("format").asText());
        assertEquals(List.of("file:" + ITL), inputs(n));
        assertFalse(n.has("verdict"));
        Path json = tmp.resolve("dump.json");
        Files.write(json, r.stdoutBytes());
        Path out = tmp.resolve("out.tlv");
        CliRun a = CliRun.run("assemble", json.toString(), "-o", out.toString());
        assertEquals(ExitCodes.OK, a.exitCode(), a.stderr());
        assertArrayEquals(Files.readAllBytes(ITL), Files.readAllBytes(out));

        envelope(CliRun.run("dump", "--json", SGN.toString()), "dump");
    }

    @Test
    void checksumWritesTheEnvelope() throws IOException {
        String missing = tmp.resolve("missing").toString();
        CliRun r = CliRun.run("checksum", "--json", "-a", "all", ITL.toString(), missing);
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "checksum");
        JsonNode f = n.get("files").get(0);
        assertEquals(ITL.toString(), f.get("file").asText());
        CliRun text = CliRun.run("checksum", "-a", "sha256", "--format", "sum", ITL.toString());
        assertEquals(text.stdout().split(" ")[0], f.get("sha256").asText());
        assertEquals(32, f.get("md5").asText().length());
        assertEquals(ExitCodes.IO, problem(n, "IO_ERROR").get("exitCode").asInt());
    }

    @Test
    void simulateWritesTheEnvelopeAndItsOwnSchema() throws IOException {
        CliRun r = CliRun.run(
                "simulate", "--json", "--now", "2026-11-29T12:00:00Z", "--phone-itl", ITL.toString(), ITL.toString());
        JsonNode n = envelope(r, "simulate", JsonSchemas.SIMULATE);
        assertEquals(List.of("installed-itl:" + ITL, "offered:" + ITL), inputs(n));
        assertTrue(n.has("verdict"));
    }

    @Test
    void auditWritesTheEnvelopeAndItsOwnSchema() throws IOException {
        String sha1 = HexFormat.of().formatHex(sha1(Files.readAllBytes(ITL)));
        Path csv = tmp.resolve("fleet.csv");
        Files.writeString(
                csv,
                "devicename;model;itl_hash;itl_tftp_server\nSEP000000000001;CP-8865;" + sha1 + ";pub\n"
                        + "\"SEP000000000002;CP-8865;" + sha1 + ";pub\n");
        CliRun r = CliRun.run(
                "audit", "--json", "--now", "2026-11-29T12:00:00Z", "--known", "pub:current=" + ITL, csv.toString());
        JsonNode n = envelope(r, "audit", JsonSchemas.AUDIT);
        assertEquals("ALL_CURRENT", n.get("verdict").asText(), r.stdout());
        assertEquals(List.of("known:" + ITL, "report:" + csv), inputs(n));
        assertEquals(1, n.get("data").get("phones").asInt(), r.stdout());
        assertEquals(List.of("ROW_SKIPPED"), codes(n), r.stdout()); // the row with an unclosed quote
    }

    @Test
    void lintWritesTheEnvelopeAndItsOwnSchema() throws IOException {
        String missing = tmp.resolve("missing.tlv").toString();
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", ITL.toString(), missing);
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "lint", JsonSchemas.LINT);
        assertEquals("UNREADABLE", n.get("verdict").asText());
        assertEquals(List.of("file:" + ITL, "file:" + missing), inputs(n));
        assertEquals(List.of("IO"), codes(n));

        JsonNode ok =
                envelope(CliRun.run("lint", "--json", "--now", "2026-11-29", ITL.toString()), "lint", JsonSchemas.LINT);
        assertEquals(List.of(), codes(ok));
    }

    @Test
    void diffWritesTheEnvelopeAndItsOwnSchema() throws IOException {
        CliRun r = CliRun.run("diff", "--json", ITL.toString(), ITL.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        JsonNode n = envelope(r, "diff", JsonSchemas.DIFF);
        assertEquals(List.of("old:" + ITL, "new:" + ITL), inputs(n));
        assertTrue(n.get("verdict").asText().startsWith("CONTINUOUS"), r.stdout());
        assertEquals(1, n.get("data").get("diffs").size());
    }

    @Test
    void planWritesTheEnvelopeAndItsOwnSchema() throws IOException {
        Path p = PlanCommandTest.examplePlans().get(0);
        CliRun r = CliRun.run("plan", p.toString(), "--json", "--now", "2026-11-29T12:00:00Z");
        JsonNode n = envelope(r, "plan", JsonSchemas.PLAN);
        assertEquals(List.of("plan:" + p), inputs(n));
        assertTrue(n.get("verdict").asText().matches("SAFE|UNSAFE|BLOCKED"), r.stdout());
        assertEquals(n.get("verdict").asText(), n.get("data").get("verdict").asText());
    }

    private static byte[] sha1(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
