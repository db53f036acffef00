package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.EXAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A key store or key passed where a certificate or trust list belongs gets the hint of what the file looks like, after
 * the location of the error (so that it does not read as if it were at that offset).
 */
class InputHintTest {
    private static final String ITL = EXAMPLES.resolve("ITLFile.tlv").toString();

    @Test
    void trustGivenAKeyStoreOrKeySaysSo() {
        String p12 = CliFixtures.CLUSTER.resolve("ITLRecovery.p12").toString();
        CliRun r = CliRun.run("verify", "--trust", p12, ITL);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr()
                        .contains("; this looks like a PKCS#12 key store (.p12/.pfx), not a certificate: pass its "
                                + "certificate or the ITL the phones hold"),
                r.stderr());
        String key = CliFixtures.CLUSTER.resolve("test10pub.key").toString();
        CliRun k = CliRun.run("verify", "--trust", key, ITL);
        assertEquals(ExitCodes.INPUT, k.exitCode(), k.stderr());
        assertTrue(k.stderr().contains("; this looks like a PEM private key"), k.stderr());
        assertTrue(k.stderr().contains("pass its certificate or the ITL the phones hold"), k.stderr());
        // a certificate is taken, and gets no hint
        CliRun c = CliRun.run(
                "verify",
                "--trust",
                CliFixtures.CLUSTER.resolve("test10pub.pem").toString(),
                ITL);
        assertTrue(!c.stderr().contains("looks like"), c.stderr());
    }

    @Test
    void theHintComesAfterTheOffset() {
        String pem = CliFixtures.CLUSTER.resolve("test10pub.pem").toString();
        CliRun r = CliRun.run("show", pem);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("(tag 1) at offset 0x0 (0); this looks like a PEM certificate"), r.stderr());
    }

    @Test
    void simulateOfferedAPemSaysWhatItLooksLike() {
        String pem = CliFixtures.CLUSTER.resolve("test10pub.pem").toString();
        CliRun r = CliRun.run("simulate", "--phone-itl", ITL, pem);
        String all = r.stdout() + r.stderr();
        assertTrue(all.contains("this looks like a PEM certificate"), all);
    }
}
