package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl rollback}: build, check, refusals; an empty .tlv's message. */
class RollbackCommandTest {

    @TempDir
    Path tmp;

    @Test
    void buildsAndDetectsARollbackItl() throws Exception {
        Path in = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = CliRun.run(
                "rollback",
                in.toString(),
                "-o",
                out.toString(),
                "--key",
                CERTUTILS.resolve("certs/sast-rsa2048.pem").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("7 records (3 emptied)"), r.stdout());
        CliRun c = CliRun.run("rollback", "--check", out.toString());
        assertEquals(0, c.exitCode(), c.stderr());
        assertTrue(c.stdout().contains("rollback ITL (3 TFTP/CCM+TFTP/TVS records"), c.stdout());
        assertEquals(
                ExitCodes.CHECK_FAILED,
                CliRun.run("rollback", "--check", in.toString()).exitCode());
        CliRun v = CliRun.run("verify", out.toString());
        assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
        // dump --json | assemble round-trips the new file
        CliRun dump = CliRun.run("dump", "--json", out.toString());
        CliRun back =
                CliRun.run(dump.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8), "assemble", "-", "-o", "-");
        assertEquals(0, back.exitCode(), back.stderr());
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(out), back.stdoutBytes());
    }

    @Test
    void refusesANonSastSignerAndMissingOutput() throws Exception {
        Path in = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
        CliRun r = CliRun.run(
                "rollback",
                in.toString(),
                "-o",
                tmp.resolve("x.tlv").toString(),
                "--key",
                CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--force"), r.stderr());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run(
                                "rollback",
                                in.toString(),
                                "--key",
                                CERTUTILS.resolve("certs/sast-rsa2048.pem").toString())
                        .exitCode());
    }

    @Test
    void anEmptyTlvHasItsOwnMessage() throws Exception {
        Path empty = Files.createFile(tmp.resolve("ITLFile.tlv"));
        CliRun r = CliRun.run("rollback", "--check", empty.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("The file is empty (0 bytes)"), r.stderr());
        CliRun s = CliRun.run("show", empty.toString());
        assertTrue(s.stderr().contains("The file is empty (0 bytes)"), s.stderr());
    }
}
