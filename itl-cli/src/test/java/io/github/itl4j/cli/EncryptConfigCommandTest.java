package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS_CERTS;
import static io.github.itl4j.cli.CliFixtures.ENCCNF;
import static io.github.itl4j.cli.CliFixtures.cert;
import static io.github.itl4j.cli.CliFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl encrypt-config} and {@code itl decrypt-config} against the certutils enccnf vectors. */
class EncryptConfigCommandTest {
    @TempDir
    Path tmp;

    @Test
    void encryptsWritesTheExactStubAndDecryptsBack() throws Exception {
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.run(
                "encrypt-config",
                src.toString(),
                "--key",
                cert("tftp-rsa2048.pem"),
                "--device-cert",
                cert("node01-rsa2048.crt.pem"),
                "--timestamp",
                "1795957982",
                "-o",
                out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("1088 bytes"), r.stdout());
        assertArrayEquals(
                Files.readAllBytes(ENCCNF.resolve("SEP001122334455.cnf.xml.sgn")),
                Files.readAllBytes(out.resolve("SEP001122334455.cnf.xml.sgn")));
        assertTrue(Files.exists(src), "the clear file is kept");

        Path plain = tmp.resolve("plain.xml");
        r = CliRun.run(
                "decrypt-config",
                out.resolve("SEP001122334455.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node01-rsa2048.key.pem"),
                "--cert",
                cert("tftp-rsa2048.crt.pem"),
                "-o",
                plain.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("signature verified"), r.stdout());
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(plain));
        assertFalse(r.stdout().contains("sshPassword"), "the plaintext is not printed");
    }

    @Test
    void decryptsTheGoldenFilesAndRefusesAWrongKey() throws Exception {
        CliRun r = CliRun.run(
                "decrypt-config",
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node01-rsa2048.pem"),
                "--cert",
                cert("tftp-rsa2048.crt.pem"),
                "-o",
                "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("plain.cnf.xml")), r.stdoutBytes());

        r = CliRun.run(
                "decrypt-config",
                ENCCNF.resolve("v2/SEP00112233AAFF.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node03-rsa1024.key.pem"),
                "--no-verify",
                "-o",
                "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("v2/plain.cnf.xml")), r.stdoutBytes());
        assertTrue(r.stderr().contains("ENC_SHA512"), r.stderr());
        assertTrue(r.stderr().contains("NOT checked"), r.stderr());

        Path out = tmp.resolve("never.xml");
        r = CliRun.run(
                "decrypt-config",
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node05-rsa2048.key.pem"),
                "--cert",
                cert("tftp-rsa2048.crt.pem"),
                "-o",
                out.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_UNWRAP_FAILED"), r.stderr());
        assertFalse(Files.exists(out));

        // signed by another key than --cert says
        r = CliRun.run(
                "decrypt-config",
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node01-rsa2048.key.pem"),
                "--cert",
                cert("sast-rsa2048.crt.pem"),
                "-o",
                out.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_SIGNATURE_INVALID"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void flippedCiphertextFailsAndWritesNothing() throws Exception {
        byte[] b = Files.readAllBytes(ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"));
        b[900] ^= 4;
        Path f = tmp.resolve("SEP001122334455.cnf.xml.enc.sgn");
        Files.write(f, b);
        Path out = tmp.resolve("p.xml");
        CliRun r = CliRun.run(
                "decrypt-config",
                f.toString(),
                "--device-key",
                cert("node01-rsa2048.key.pem"),
                "--no-verify",
                "-o",
                out.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_DIGEST_MISMATCH"), r.stderr());
        assertFalse(Files.exists(out));
        r = CliRun.run(
                "decrypt-config",
                ENCCNF.resolve("SEP001122334455.cnf.xml.sgn").toString(),
                "--device-key",
                cert("node01-rsa2048.key.pem"),
                "--no-verify",
                "-o",
                out.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("not an encrypted configuration"), r.stderr());
    }

    @Test
    void ecDeviceCertificateAndUsageErrors() throws Exception {
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        CliRun r = CliRun.run(
                "encrypt-config",
                src.toString(),
                "--key",
                cert("tftp-rsa2048.pem"),
                "--device-cert",
                cert("node02-ec256.crt.pem"));
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_DEVICE_KEY_NOT_RSA"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("SEP001122334455.cnf.xml.enc.sgn")));
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("encrypt-config", src.toString(), "--key", cert("tftp-rsa2048.pem"))
                        .exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("decrypt-config", "x.enc.sgn", "--device-key", "k", "-o", "-")
                        .exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("decrypt-config", "x.enc.sgn", "--device-key", "k", "--no-verify", "--cert", "c", "-o", "-")
                        .exitCode());
    }

    @Test
    void fleetEncryptsThenSkipsAndRemovesPlainWhenAsked() throws Exception {
        Path tftp = Files.createDirectories(tmp.resolve("tftp"));
        Path certs = Files.createDirectories(tmp.resolve("lsc"));
        for (String[] p :
                new String[][] {{"SEP0000000000A1", "node01-rsa2048"}, {"SEP0000000000A2", "node07-rsa4096"}}) {
            Files.copy(ENCCNF.resolve("plain.cnf.xml"), tftp.resolve(p[0] + ".cnf.xml"));
            Files.copy(CERTUTILS_CERTS.resolve(p[1] + ".crt.pem"), certs.resolve(p[0] + ".pem"));
        }
        String[] args = {
            "encrypt-config",
            "--fleet",
            tftp.toString(),
            "--device-certs",
            certs.toString(),
            "--key",
            cert("tftp-rsa2048.pem"),
            "--threads",
            "2"
        };
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 2 encrypted, 0 up to date, 0 failed"), r.stdout());
        r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 0 encrypted, 2 up to date, 0 failed"), r.stdout());
        r = CliRun.run(
                "decrypt-config",
                tftp.resolve("SEP0000000000A2.cnf.xml.enc.sgn").toString(),
                "--device-key",
                cert("node07-rsa4096.key.pem"),
                "--cert",
                cert("tftp-rsa2048.crt.pem"),
                "-o",
                "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("plain.cnf.xml")), r.stdoutBytes());
        r = CliRun.run(concat(args, "--force", "--remove-plain"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(Files.exists(tftp.resolve("SEP0000000000A1.cnf.xml")));
        assertTrue(Files.exists(tftp.resolve("SEP0000000000A1.cnf.xml.enc.sgn")));
        r = CliRun.run("encrypt-config", "--fleet", tftp.toString(), "--key", cert("tftp-rsa2048.pem"));
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
    }

    @Test
    void encSgnRoundTripsThroughDumpJsonAndAssembleAndShowNamesTheTags() throws Exception {
        for (String name : new String[] {"SEP001122334455.cnf.xml.enc.sgn", "v2/SEP00112233AAFF.cnf.xml.enc.sgn"}) {
            Path f = ENCCNF.resolve(name);
            CliRun dump = CliRun.run("dump", "--json", f.toString());
            assertEquals(0, dump.exitCode(), dump.stderr());
            for (String tag : new String[] {
                "ENCRYPTIONINFO",
                "IVINFO",
                "PADCOUNT",
                "KEYINFO",
                "KEYSIZE",
                "ENCRYPTEDKEY",
                "PLAINDIGESTALGORITHM",
                "PLAINDIGEST"
            }) {
                assertTrue(dump.stdout().contains(tag), tag + " in " + dump.stdout());
            }
            CliRun back = CliRun.run(
                    dump.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8), "assemble", "-", "-o", "-");
            assertEquals(0, back.exitCode(), back.stderr());
            assertArrayEquals(Files.readAllBytes(f), back.stdoutBytes(), name);
            CliRun show = CliRun.run("show", f.toString(), "--trust", cert("tftp-rsa2048.crt.pem"));
            assertEquals(0, show.exitCode(), show.stdout() + show.stderr());
            assertTrue(show.stdout().contains("PADCOUNT"), show.stdout());
            CliRun verify = CliRun.run("verify", f.toString(), "--trust", cert("tftp-rsa2048.crt.pem"));
            assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        }
    }
}
