package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.cli.ShowCommandTest.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksumCommandTest {
    static List<Vector> vectors() throws IOException {
        return ShowCommandTest.manifest();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void cucmFormIsWhatShowItlPrints(Vector v) {
        CliRun r = CliRun.run("checksum", v.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals(v.md5() + " (MD5)\n" + v.sha1() + " (SHA1)\n", r.stdout());
    }

    @Test
    void phoneColonAndSumForms() {
        Vector v = vector("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        String f = v.file().toString();
        CliRun r = CliRun.run("checksum", "--format", "phone", f);
        assertEquals(
                v.md5().toUpperCase(Locale.ROOT) + " (MD5)\n" + v.sha1().toUpperCase(Locale.ROOT) + " (SHA1)\n",
                r.stdout());
        r = CliRun.run("checksum", "-f", "colon", "-a", "sha1", f);
        assertEquals(
                HexFormat.ofDelimiter(":")
                                .withUpperCase()
                                .formatHex(HexFormat.of().parseHex(v.sha1())) + " (SHA1)\n",
                r.stdout());
        r = CliRun.run("checksum", "--format", "sum", f);
        assertEquals(v.sha1() + "  " + f + "\n", r.stdout());
        r = CliRun.run("checksum", "--format", "sum", "--algorithm", "md5", f);
        assertEquals(v.md5() + "  " + f + "\n", r.stdout());
    }

    @Test
    void allAlgorithmsAndSeveralFiles() throws Exception {
        Vector a = vector("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        Vector b = vector("sgn/dialplan.xml.sgn");
        CliRun r = CliRun.run(
                "checksum", "-a", "all", a.file().toString(), b.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals(
                a.file() + ":\n" + a.md5() + " (MD5)\n" + a.sha1() + " (SHA1)\n"
                        + hex("SHA-256", a.file()) + " (SHA256)\n" + hex("SHA-512", a.file()) + " (SHA512)\n\n"
                        + b.file() + ":\n" + b.md5() + " (MD5)\n" + b.sha1() + " (SHA1)\n"
                        + hex("SHA-256", b.file()) + " (SHA256)\n" + hex("SHA-512", b.file()) + " (SHA512)\n",
                r.stdout());
        r = CliRun.run("checksum", "-a", "sha-256,sha512", "-f", "sum", a.file().toString());
        assertEquals(
                hex("SHA-256", a.file()) + "  " + a.file() + "\n" + hex("SHA-512", a.file()) + "  " + a.file() + "\n",
                r.stdout());
    }

    @Test
    void standardInput() throws IOException {
        Vector v = vector("sgn/SEP001122334455.cnf.xml.sgn");
        CliRun r = CliRun.run(Files.readAllBytes(v.file()), "checksum", "-f", "sum", "-");
        assertEquals(v.sha1() + "  -\n", r.stdout());
    }

    @Test
    void errors(@org.junit.jupiter.api.io.TempDir Path dir) {
        Vector v = vector("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        CliRun r = CliRun.run("checksum", "-a", "crc32", v.file().toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("", r.stdout());
        r = CliRun.run("checksum", "-f", "upper", v.file().toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        r = CliRun.run("checksum", dir.resolve("missing").toString(), v.file().toString());
        assertEquals(ExitCodes.IO, r.exitCode());
        assertTrue(r.stdout().contains(v.sha1() + " (SHA1)\n"), r.stdout()); // the other file is still done
        r = CliRun.run("checksum", dir.toString());
        assertEquals(ExitCodes.IO, r.exitCode());
    }

    private static Vector vector(String path) {
        try {
            return vectors().stream()
                    .filter(x -> x.path().equals(path))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(String alg, Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(Files.readAllBytes(p)));
    }
}
