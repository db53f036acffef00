package io.github.itl4j.cli;

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

/** {@code itl decrypt-config}: checks E01 (device key not RSA) and E08 (stub) of SPEC-trust.md 6.8. */
class DecryptConfigCommandTest {
    private static final String ENC = "SEP001122334455.cnf.xml.enc.sgn";
    private static final String STUB = "SEP001122334455.cnf.xml.sgn";

    @TempDir
    Path tmp;

    /** {@code itl decrypt-config ENC --device-key KEY --cert tftp-rsa2048 -o OUT} and more. */
    private static CliRun decrypt(Path enc, String deviceKey, Path out, String... more) {
        return CliRun.run(concat(
                new String[] {
                    "decrypt-config",
                    enc.toString(),
                    "--device-key",
                    cert(deviceKey),
                    "--cert",
                    cert("tftp-rsa2048.crt.pem"),
                    "-o",
                    out.toString()
                },
                more));
    }

    /** {@link #decrypt} with node01's key, {@code --device-cert CERT} and more. */
    private static CliRun asNode01(Path enc, Path out, String deviceCert, String... more) {
        return decrypt(
                enc, "node01-rsa2048.key.pem", out, concat(new String[] {"--device-cert", cert(deviceCert)}, more));
    }

    /** The run succeeded and wrote the golden plain text. */
    private static void assertDecrypted(CliRun r, Path out) throws Exception {
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ENCCNF.resolve("plain.cnf.xml")), Files.readAllBytes(out));
    }

    /** The golden file alone in a temporary directory, with the golden stub beside it when asked. */
    private Path golden(boolean withStub) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(withStub ? "with" : "without"));
        Files.copy(ENCCNF.resolve(ENC), dir.resolve(ENC));
        if (withStub) {
            Files.copy(ENCCNF.resolve(STUB), dir.resolve(STUB));
        }
        return dir.resolve(ENC);
    }

    @Test
    void e01AnEcPhoneKeyIsRefusedWithACodedError() throws Exception {
        Path out = tmp.resolve("never.xml");
        CliRun r = decrypt(ENCCNF.resolve(ENC), "node02-ec256.key.pem", out);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_DEVICE_KEY_NOT_RSA (E01)"), r.stderr());
        assertTrue(r.stderr().contains("not RSA"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void e01EncryptingForAnEcDeviceCertificateSaysE01() throws Exception {
        Path src = tmp.resolve("SEP001122334455.cnf.xml");
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), src);
        CliRun r = CliRun.run(
                "encrypt-config",
                src.toString(),
                "--key",
                cert("tftp-rsa2048.pem"),
                "--device-cert",
                cert("node02-ec256.crt.pem"),
                "-o",
                tmp.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_DEVICE_KEY_NOT_RSA (E01)"), r.stderr());
        assertTrue(r.stderr().contains("EC key"), r.stderr());
        assertFalse(Files.exists(tmp.resolve(ENC)));
    }

    @Test
    void e08TheStubBesideTheFileNamesTheDeviceCertificate() throws Exception {
        Path out = tmp.resolve("plain.xml");
        CliRun r = asNode01(golden(true), out, "node01-rsa2048.crt.pem");
        assertDecrypted(r, out);
        assertFalse(r.stderr().contains("E08"), r.stderr());
    }

    @Test
    void e08AMissingStubIsAWarning() throws Exception {
        Path out = tmp.resolve("plain.xml");
        CliRun r = asNode01(golden(false), out, "node01-rsa2048.crt.pem");
        assertDecrypted(r, out);
        assertTrue(r.stderr().contains("warning ENC_STUB_MISMATCH (E08): no stub"), r.stderr());
    }

    @Test
    void e08AStubForAnotherCertificateIsAWarning() throws Exception {
        Path out = tmp.resolve("plain.xml");
        // the golden stub holds node01's MD5; the phone certificate given is node05's
        CliRun r = asNode01(golden(true), out, "node05-rsa2048.crt.pem");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_STUB_MISMATCH (E08)"), r.stderr());
        assertTrue(r.stderr().contains("d1eed68818f32a3d41dc4211da6e087c"), r.stderr());
        // an explicit --stub: vector 2's stub (node03) beside vector 1
        r = asNode01(
                ENCCNF.resolve(ENC),
                tmp.resolve("p2.xml"),
                "node01-rsa2048.crt.pem",
                "--stub",
                ENCCNF.resolve("v2/SEP00112233AAFF.cnf.xml.sgn").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ENC_STUB_MISMATCH (E08)"), r.stderr());
        // and the right one given explicitly
        r = asNode01(
                ENCCNF.resolve(ENC),
                tmp.resolve("p3.xml"),
                "node01-rsa2048.crt.pem",
                "--stub",
                ENCCNF.resolve(STUB).toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("E08"), r.stderr());
    }

    @Test
    void stubUsageErrors() throws Exception {
        Path out = tmp.resolve("p.xml");
        CliRun r = decrypt(
                ENCCNF.resolve(ENC),
                "node01-rsa2048.key.pem",
                out,
                "--stub",
                ENCCNF.resolve(STUB).toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--stub needs --device-cert"), r.stderr());
        // a name the stub's cannot be derived from
        Path odd = tmp.resolve("odd.bin");
        Files.copy(ENCCNF.resolve(ENC), odd);
        r = asNode01(odd, out, "node01-rsa2048.crt.pem");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("give --stub"), r.stderr());
        // an explicit stub that is not there is an I/O error, not a missing-stub warning
        r = asNode01(
                ENCCNF.resolve(ENC),
                out,
                "node01-rsa2048.crt.pem",
                "--stub",
                tmp.resolve("nope.sgn").toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        // a stub that is not a signed file
        Path junk = tmp.resolve("junk.sgn");
        Files.write(junk, new byte[] {1, 2, 3});
        r = asNode01(ENCCNF.resolve(ENC), out, "node01-rsa2048.crt.pem", "--stub", junk.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--stub"), r.stderr());
        assertFalse(Files.exists(out));
    }
}
