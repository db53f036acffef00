package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static io.github.itl4j.cli.CliFixtures.concat;
import static io.github.itl4j.cli.CliFixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.fleet.FleetSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignConfigCommandTest {
    @TempDir
    Path tmp;

    /** MANIFEST.md's sgnfile command lines and timestamps. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SEP001122334455.cnf.xml, sha1, tftp-rsa2048, 1795735033",
        "SEP0011223344AA.cnf.xml, sha512, tftp-rsa2048, 1795735033",
        "SEP0011223344BB.cnf.xml, sha1, sast-rsa1024, 1795735034",
        "dialplan.xml, sha512, sast-rsa4096, 1795735034",
    })
    void reproducesTheCertutilsSgnVectors(String name, String digest, String signer, String time) throws Exception {
        Path src = tmp.resolve(name);
        Files.copy(CERTUTILS.resolve("sgn").resolve(name), src);
        CliRun r = CliRun.run(
                "sign-config",
                src.toString(),
                "--key",
                CERTUTILS.resolve("certs/" + signer + ".pem").toString(),
                "--digest",
                digest,
                "--timestamp",
                time,
                "--layout",
                "certutils");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        Path out = tmp.resolve(name + ".sgn"); // the default output: FILE.sgn
        assertArrayEquals(Files.readAllBytes(CERTUTILS.resolve("sgn").resolve(name + ".sgn")), Files.readAllBytes(out));
        assertTrue(r.stdout().startsWith("signed " + src + " -> " + out + ": FILENAME " + name + ".sgn, "), r.stdout());
    }

    @Test
    void signsStandardInputToStandardOutput() throws Exception {
        byte[] xml = Files.readAllBytes(CERTUTILS.resolve("sgn/SEP001122334455.cnf.xml"));
        CliRun r = CliRun.run(
                xml,
                "sign-config",
                "-",
                "-o",
                "-",
                "--file-name",
                "SEP001122334455.cnf.xml.sgn",
                "--key",
                CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString(),
                "--timestamp",
                "1795735033",
                "--layout",
                "certutils");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(CERTUTILS.resolve("sgn/SEP001122334455.cnf.xml.sgn")), r.stdoutBytes());
        CliRun noName = CliRun.run(
                xml,
                "sign-config",
                "-",
                "-o",
                "-",
                "--key",
                CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString());
        assertEquals(ExitCodes.USAGE, noName.exitCode(), noName.stderr());
    }

    @Test
    void singleFileErrors() throws Exception {
        Path src = Files.writeString(tmp.resolve("a.cnf.xml"), "<device/>");
        String k = CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString();
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", src.toString(), "-o", src.toString(), "--key", k)
                        .exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", src.toString(), "--threads", "2", "--key", k)
                        .exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run("sign-config", "--key", k).exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run("sign-config", src.toString()).exitCode());
        assertEquals(
                ExitCodes.IO,
                CliRun.run("sign-config", tmp.resolve("nope").toString(), "--key", k)
                        .exitCode());
        CliRun ec = CliRun.run(
                "sign-config",
                src.toString(),
                "--key",
                CERTUTILS.resolve("certs/tftp-ec256.pem").toString());
        assertEquals(ExitCodes.INPUT, ec.exitCode(), ec.stderr());
        assertEquals(1, ec.errLines().length, ec.stderr());
        assertEquals(List.of("a.cnf.xml"), names(tmp));
    }

    @Test
    void refusesToSignASignedFileAgain() throws Exception {
        // a .sgn whose payload was changed after signing: re-signing it would wrap content nobody verified
        byte[] sgn = Files.readAllBytes(CERTUTILS.resolve("sgn/SEP001122334455.cnf.xml.sgn"));
        sgn[sgn.length - 3] ^= 1;
        Path src = Files.write(tmp.resolve("SEP001122334455.cnf.xml.sgn"), sgn);
        Path out = tmp.resolve("again.sgn");
        CliRun r = CliRun.run(
                "sign-config",
                src.toString(),
                "-o",
                out.toString(),
                "--key",
                CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("already a signed file"), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void fleetSignsFiftyFilesThenSkipsThemAll() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("tftp"));
        for (int i = 0; i < 50; i++) {
            String mac = String.format("SEP0011223344%02X", i);
            Files.writeString(dir.resolve(mac + ".cnf.xml"), "<device><name>" + mac + "</name></device>\n");
        }
        Files.writeString(dir.resolve("dialplan.xml"), "<dialplan/>"); // not matched by the default glob
        Path pw = Files.writeString(tmp.resolve("pw"), "changeit");
        String[] args = {
            "sign-config",
            "--fleet",
            dir.toString(),
            "--threads",
            "3",
            "--p12",
            key("itlrecovery.p12").toString(),
            "--password-file",
            pw.toString(),
            "--digest",
            "sha256"
        };

        CliRun first = CliRun.run(args);
        assertEquals(ExitCodes.OK, first.exitCode(), first.stderr());
        // no progress bar without a terminal; only the warning about --digest sha256
        assertEquals("", first.stderr().replaceFirst("itl: warning: --digest SHA-256: [^\n]*\n", ""));
        assertTrue(
                first.stdout()
                        .matches("50 files: 50 signed, 0 up to date, 0 failed in [0-9.]+ s \\([0-9.]+ "
                                + "files/s\\)\\n"),
                first.stdout());
        X509Certificate cert =
                KeyLoader.defaults().readCertificates(key("itlrecovery.pem")).get(0);
        ItlVerifier verifier = ItlVerifier.builder().build();
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path sgn : s.filter(p -> p.toString().endsWith(".sgn")).toList()) {
                SgnFile f = ItlReader.defaults().readSigned(sgn);
                String source = sgn.getFileName().toString().replaceAll("\\.sgn$", "");
                assertEquals(source + ".sgn", f.header().fileName().orElseThrow());
                assertArrayEquals(
                        Files.readAllBytes(dir.resolve(source)), f.payload().toByteArray());
                assertTrue(verifier.verifySigned(f, cert).isVerified(), sgn.toString());
                n++;
            }
        }
        assertEquals(50, n);
        assertFalse(Files.exists(dir.resolve("dialplan.xml.sgn")));

        CliRun second = CliRun.run(args);
        assertEquals(ExitCodes.OK, second.exitCode(), second.stderr());
        assertTrue(second.stdout().startsWith("50 files: 0 signed, 50 up to date, 0 failed in "), second.stdout());

        CliRun forced = CliRun.run(concat(args, "--force"));
        assertTrue(forced.stdout().startsWith("50 files: 50 signed, 0 up to date, 0 failed in "), forced.stdout());
    }

    @Test
    void aDirectoryArgumentIsAFleetRun() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cfg"));
        Files.writeString(dir.resolve("SEP001122334455.cnf.xml"), "<device/>\n");
        Files.writeString(dir.resolve("SEP0011223344AA.cnf.xml"), "<device/>\n");
        Path pw = Files.writeString(tmp.resolve("pw"), "changeit");
        CliRun r = CliRun.run(
                "sign-config",
                "--p12",
                key("itlrecovery.p12").toString(),
                "--password-file",
                pw.toString(),
                dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 2 signed, 0 up to date, 0 failed in "), r.stdout());
        assertTrue(Files.exists(dir.resolve("SEP001122334455.cnf.xml.sgn")));
        assertTrue(Files.exists(dir.resolve("SEP0011223344AA.cnf.xml.sgn")));
    }

    @Test
    void fleetWithGlobAndOutputDirectoryReportsFailuresWithExitOne() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("in"));
        Path outDir = tmp.resolve("out");
        Files.writeString(dir.resolve("a.xml"), "<a/>");
        Files.writeString(dir.resolve("b.xml"), "<b/>");
        Files.createSymbolicLink(dir.resolve("broken.xml"), dir.resolve("missing-target"));
        String k = CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString();
        CliRun r = CliRun.run(
                "sign-config",
                "--fleet",
                dir.toString(),
                "--glob",
                "*.xml",
                "--out-dir",
                outDir.toString(),
                "--key",
                k);
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("3 files: 2 signed, 0 up to date, 1 failed in "), r.stdout());
        String[] err = r.errLines();
        assertEquals(1, err.length, r.stderr());
        assertTrue(err[0].startsWith("itl: " + dir.resolve("broken.xml") + ": "), err[0]);
        assertTrue(err[0].endsWith("[SOURCE_UNREADABLE]"), err[0]);
        assertEquals(List.of(".itl-fleet.lock", "a.xml.sgn", "b.xml.sgn"), names(outDir));

        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", "--fleet", dir.toString(), "--glob", "[", "--key", k)
                        .exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", "--fleet", dir.toString(), "--threads", "0", "--key", k)
                        .exitCode());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", "--fleet", dir.toString(), "-o", "x", "--key", k)
                        .exitCode());
        assertEquals(
                ExitCodes.IO,
                CliRun.run("sign-config", "--fleet", tmp.resolve("nope").toString(), "--key", k)
                        .exitCode());
    }

    @Test
    void progressBarText() {
        assertEquals("[------------------------------]    0/400    0%", ProgressBar.render(0, 400, 0, 30));
        assertEquals(
                "[###############---------------]  200/400   50%  812 files/s",
                ProgressBar.render(200, 400, 812.4, 30));
        assertEquals("[##########]  7/7  100%  3 files/s", ProgressBar.render(7, 7, 3.2, 10));
        // more files than counted (files added during the run): never above 100 %
        assertEquals("[####]  5/5  100%", ProgressBar.render(5, 4, 0, 4));
        assertEquals("[####]  0/0  100%", ProgressBar.render(0, 0, 0, 4));
    }

    @Test
    void summaryLine() {
        FleetSigner.Result r = new FleetSigner.Result(40, 9, 1, 1000, 2000, Duration.ofMillis(2500), List.of());
        assertEquals(
                "50 files: 40 signed, 9 up to date, 1 failed in 2.500 s (20.0 files/s)", FleetRun.summary(r, "signed"));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** SPEC 7.7: {@code --fleet DIR --recursive} keeps the path relative to DIR (the TFTP root) in FILENAME. */
    @Test
    void recursiveFleetKeepsThePathRelativeToTheRootInFilename() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("tftp"));
        Path sub = Files.createDirectories(dir.resolve("Desktops/320x196x4"));
        Files.writeString(sub.resolve("List.xml"), "<CIPPhoneImageList/>");
        Files.writeString(dir.resolve("top.xml"), "<top/>");
        String k = CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString();
        CliRun r = CliRun.run("sign-config", "--fleet", dir.toString(), "--glob", "*.xml", "--recursive", "--key", k);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("2 files: 2 signed"), r.stdout());
        io.github.itl4j.SgnFile f = io.github.itl4j.ItlReader.defaults().readSigned(sub.resolve("List.xml.sgn"));
        assertEquals("Desktops/320x196x4/List.xml.sgn", f.header().fileName().orElseThrow());
        assertEquals(
                "top.xml.sgn",
                io.github.itl4j.ItlReader.defaults()
                        .readSigned(dir.resolve("top.xml.sgn"))
                        .header()
                        .fileName()
                        .orElseThrow());
        assertEquals(
                ExitCodes.USAGE,
                CliRun.run("sign-config", dir.resolve("top.xml").toString(), "--recursive", "--key", k)
                        .exitCode());
    }
}
