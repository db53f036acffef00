package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS_CERTS;
import static io.github.itl4j.cli.CliFixtures.ENCCNF;
import static io.github.itl4j.cli.CliFixtures.cert;
import static io.github.itl4j.cli.CliFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl encrypt-config} and {@code itl decrypt-config} against the certutils enccnf vectors. */
class EncryptConfigCommandTest {
    @TempDir
    Path tmp;

    /** {@code itl encrypt-config SRC --key tftp-rsa2048.pem --device-cert DEVICE_CERT} and more. */
    private static String[] encrypt(Path src, String deviceCert, String... more) {
        return concat(
                new String[] {
                    "encrypt-config",
                    src.toString(),
                    "--key",
                    cert("tftp-rsa2048.pem"),
                    "--device-cert",
                    cert(deviceCert)
                },
                more);
    }

    /** {@code itl encrypt-config --fleet TFTP --device-certs CERTS --key tftp-rsa2048.pem} and more. */
    private static String[] fleet(Path tftp, Path certs, String... more) {
        return concat(
                new String[] {
                    "encrypt-config",
                    "--fleet",
                    tftp.toString(),
                    "--device-certs",
                    certs.toString(),
                    "--key",
                    cert("tftp-rsa2048.pem")
                },
                more);
    }

    /**
     * {@code itl decrypt-config ENC --device-key KEY (--cert SIGNER | --no-verify) -o OUT}.
     *
     * @param signer the certificate that signed ENC, or null for {@code --no-verify}
     */
    private static CliRun decrypt(Path enc, String deviceKey, String signer, String out) {
        String[] check = signer != null ? new String[] {"--cert", cert(signer)} : new String[] {"--no-verify"};
        return CliRun.run(concat(
                concat(new String[] {"decrypt-config", enc.toString(), "--device-key", cert(deviceKey)}, check),
                "-o",
                out));
    }

    @Test
    void encryptsWritesTheExactStubAndDecryptsBack() throws Exception {
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        Path out = tmp.resolve("out");
        CliRun r =
                CliRun.run(encrypt(src, "node01-rsa2048.crt.pem", "--timestamp", "1795957982", "-o", out.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("1088 bytes"), r.stdout());
        assertArrayEquals(
                Files.readAllBytes(ENCCNF.resolve("SEP001122334455.cnf.xml.sgn")),
                Files.readAllBytes(out.resolve("SEP001122334455.cnf.xml.sgn")));
        assertTrue(Files.exists(src), "the clear file is kept");

        Path plain = tmp.resolve("plain.xml");
        r = decrypt(
                out.resolve("SEP001122334455.cnf.xml.enc.sgn"),
                "node01-rsa2048.key.pem",
                "tftp-rsa2048.crt.pem",
                plain.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("signature verified"), r.stdout());
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(plain));
        assertFalse(r.stdout().contains("sshPassword"), "the plaintext is not printed");
    }

    @Test
    void decryptsTheGoldenFilesAndRefusesAWrongKey() throws Exception {
        CliRun r = decrypt(
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"), "node01-rsa2048.pem", "tftp-rsa2048.crt.pem", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("plain.cnf.xml")), r.stdoutBytes());

        r = decrypt(ENCCNF.resolve("v2/SEP00112233AAFF.cnf.xml.enc.sgn"), "node03-rsa1024.key.pem", null, "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("v2/plain.cnf.xml")), r.stdoutBytes());
        assertTrue(r.stderr().contains("ENC_SHA512"), r.stderr());
        assertTrue(r.stderr().contains("NOT checked"), r.stderr());

        Path out = tmp.resolve("never.xml");
        r = decrypt(
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"),
                "node05-rsa2048.key.pem",
                "tftp-rsa2048.crt.pem",
                out.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_UNWRAP_FAILED"), r.stderr());
        assertFalse(Files.exists(out));

        // signed by another key than --cert says
        r = decrypt(
                ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"),
                "node01-rsa2048.key.pem",
                "sast-rsa2048.crt.pem",
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
        CliRun r = decrypt(f, "node01-rsa2048.key.pem", null, out.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_DIGEST_MISMATCH"), r.stderr());
        assertFalse(Files.exists(out));
        r = decrypt(ENCCNF.resolve("SEP001122334455.cnf.xml.sgn"), "node01-rsa2048.key.pem", null, out.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("not an encrypted configuration"), r.stderr());
    }

    @Test
    void ecDeviceCertificateAndUsageErrors() throws Exception {
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        CliRun r = CliRun.run(encrypt(src, "node02-ec256.crt.pem"));
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
        String[] args = fleet(tftp, certs, "--threads", "2");
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 2 encrypted, 0 up to date, 0 failed"), r.stdout());
        r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 0 encrypted, 2 up to date, 0 failed"), r.stdout());
        r = decrypt(
                tftp.resolve("SEP0000000000A2.cnf.xml.enc.sgn"), "node07-rsa4096.key.pem", "tftp-rsa2048.crt.pem", "-");
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

    @Test
    void aFleetThatMatchesNothingSaysSoWithTheHintSignConfigGives() throws Exception {
        Path tftp = Files.createDirectories(tmp.resolve("tftp"));
        Path certs = Files.createDirectories(tmp.resolve("lsc"));
        Files.writeString(tftp.resolve("readme.txt"), "x");
        CliRun r = CliRun.run(fleet(tftp, certs));
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertEquals(
                "itl: " + tftp + ": no file matches '*.cnf.xml'; nothing encrypted (check --glob and the directory)",
                r.stderr().strip());
        assertEquals("", r.stdout());
    }

    @Test
    void signingCommandsShareTheKeyDigestAndTimestampOptions() throws Exception {
        for (String command : new String[] {"encrypt-config", "rollback", "sign-config", "build", "reset"}) {
            String help = CliRun.run(command, "--help").stdout();
            for (String option : new String[] {
                "--p12", "--alias", "--key", "--cert", "--password-file", "--password-env", "--digest", "--timestamp"
            }) {
                assertTrue(help.contains(option + " ") || help.contains(option + "="), command + " " + option);
            }
            assertTrue( // the shared text (help wraps at any character of a long word)
                    help.replaceAll("\\s+", "").contains("ISO-8601(2026-01-31T12:00:00Z)"), command + ": " + help);
        }
        // encrypt-config keeps its own rule: sha1 or sha512 (also the plaintext's digest), never sha256
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        String[] args = encrypt(
                src,
                "node01-rsa2048.crt.pem",
                "--timestamp",
                "2026-11-29T12:00:00Z",
                "-o",
                tmp.resolve("out").toString());
        CliRun sha256 = CliRun.run(concat(args, "--digest", "sha256"));
        assertEquals(ExitCodes.USAGE, sha256.exitCode(), sha256.stderr());
        assertTrue(sha256.stderr().contains("enccnf writes sha1 or sha512"), sha256.stderr());
        CliRun sha512 = CliRun.run(concat(args, "--digest", "sha512"));
        assertEquals(ExitCodes.OK, sha512.exitCode(), sha512.stderr());
        assertEquals("", sha512.stderr(), "no --digest warning: sha512 is one of enccnf's digests");
        assertTrue(sha512.stdout().contains(", SHA-512, for "), sha512.stdout());
        SgnFile enc = ItlReader.defaults().readSigned(tmp.resolve("out/SEP001122334455.cnf.xml.enc.sgn"));
        assertEquals(
                java.time.Instant.parse("2026-11-29T12:00:00Z").getEpochSecond(),
                enc.header().timestamp().orElseThrow().getEpochSecond());
    }
}
