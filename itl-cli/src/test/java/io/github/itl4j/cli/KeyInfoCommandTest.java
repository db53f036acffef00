package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code itl key-info}: facts, the fingerprint {@code show itl} prints, and the SAST/TFTP lookup. */
class KeyInfoCommandTest {
    private static final String ITL =
            CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv").toString();

    @Test
    void showsFactsAndFindsTheSastRecord() {
        CliRun r = CliRun.run(
                "key-info", "--key", CERTUTILS.resolve("certs/sast-rsa2048.pem").toString(), "--trust", ITL);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("key type:    RSA 2048 bits"), r.stdout());
        assertTrue(r.stdout().contains(": record 1, SAST"), r.stdout());
        assertTrue(r.stdout().contains("verdict:     a SAST record"), r.stdout());
        // the fingerprint is the one show prints for that record
        String fp = r.stdout()
                .lines()
                .filter(l -> l.startsWith("SHA-1:"))
                .findFirst()
                .orElseThrow()
                .substring(13)
                .replace(" (SHA1 Hash HEX)", "");
        CliRun show = CliRun.run("show", ITL);
        assertTrue(show.stdout().contains(fp), fp + " in " + show.stdout());
    }

    @Test
    void aTftpKeyIsNotSastAndJsonSaysSo() {
        CliRun r = CliRun.run(
                "key-info", "--key", CERTUTILS.resolve("certs/tftp-rsa2048.pem").toString(), "--trust", ITL, "--json");
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\"role\" : \"TFTP\""), r.stdout());
        assertTrue(r.stdout().contains("\"sast\" : false"), r.stdout());
        assertTrue(r.stdout().contains("\"tftp\" : true"), r.stdout());
        assertTrue(r.stdout().contains("\"keySize\" : 2048"), r.stdout());
        CliRun none = CliRun.run(
                "key-info",
                "--key",
                CERTUTILS.resolve("certs/node01-rsa2048.pem").toString(),
                "--trust",
                ITL);
        assertEquals(ExitCodes.CHECK_FAILED, none.exitCode());
        assertTrue(none.stdout().contains("no record"), none.stdout());
        CliRun plain = CliRun.run(
                "key-info", "--key", CERTUTILS.resolve("certs/node02-ec256.pem").toString());
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertTrue(plain.stdout().contains("EC 256 bits (cannot sign"), plain.stdout());
    }
}
