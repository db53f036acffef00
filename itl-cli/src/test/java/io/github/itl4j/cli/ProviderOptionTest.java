package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.nativecrypto.NativeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --provider jdk|native|bc}: the same bytes and verdicts from each; {@code --version} names the one in use. */
class ProviderOptionTest {
    @TempDir
    Path tmp;

    private static void assumeNative() {
        Assumptions.assumeTrue(
                NativeProvider.isAvailable(),
                () -> "native provider not loadable here: "
                        + NativeProvider.unavailableReason().orElse("?"));
    }

    @Test
    void versionNamesTheProviderInUse() {
        CliRun jdk = CliRun.run("--provider", "jdk", "--version");
        assertEquals(0, jdk.exitCode(), jdk.stderr());
        assertTrue(jdk.stdout().contains("Crypto provider: SunRsaSign (JDK) (--provider jdk)"), jdk.stdout());
        CliRun bc = CliRun.run("--provider", "bc", "--version");
        assertTrue(bc.stdout().contains("Crypto provider: BC "), bc.stdout());
        CliRun auto = CliRun.run("--version");
        assertEquals(0, auto.exitCode(), auto.stderr());
        if (NativeProvider.isAvailable()) {
            assertTrue(
                    auto.stdout()
                            .contains("Crypto provider: AmazonCorrettoCryptoProvider 2.5.0 (native, "
                                    + "--provider auto; SunRsaSign (JDK) for commands on fewer than 32 files"),
                    auto.stdout());
        } else {
            assertTrue(auto.stdout().contains("(native not available: "), auto.stdout());
        }
    }

    @Test
    void anUnknownProviderIsAUsageError() {
        CliRun r = CliRun.run("--provider", "openssl", "--version");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("expected jdk, native, bc or auto"), r.stderr());
    }

    @Test
    void everyProviderSignsTheSameBytesAndVerifiesThem() throws Exception {
        assumeNative();
        Path src = Files.copy(CERTUTILS.resolve("sgn/SEP001122334455.cnf.xml"), tmp.resolve("SEP001122334455.cnf.xml"));
        byte[] first = null;
        for (String p : new String[] {"jdk", "native", "bc"}) {
            Path out = tmp.resolve(p + ".sgn");
            CliRun r = CliRun.run(
                    "sign-config",
                    src.toString(),
                    "-o",
                    out.toString(),
                    "--provider",
                    p,
                    "--timestamp",
                    "1795735034",
                    "--key",
                    CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString());
            assertEquals(0, r.exitCode(), p + ": " + r.stderr());
            byte[] b = Files.readAllBytes(out);
            if (first == null) {
                first = b.clone();
            } else {
                assertArrayEquals(first, b, p + " signs other bytes than jdk");
            }
            CliRun v = CliRun.run(
                    "verify",
                    "--provider",
                    p,
                    "--trust",
                    CERTUTILS.resolve("certs/tftp-rsa2048.crt.pem").toString(),
                    out.toString());
            assertEquals(0, v.exitCode(), p + ": " + v.stdout() + v.stderr());
            b[b.length - 1] ^= 1;
            Path bad = Files.write(tmp.resolve(p + "-tampered.sgn"), b);
            v = CliRun.run(
                    "verify",
                    "--provider",
                    p,
                    "--trust",
                    CERTUTILS.resolve("certs/tftp-rsa2048.crt.pem").toString(),
                    bad.toString());
            assertEquals(ExitCodes.CHECK_FAILED, v.exitCode(), p + ": " + v.stdout() + v.stderr());
        }
    }
}
