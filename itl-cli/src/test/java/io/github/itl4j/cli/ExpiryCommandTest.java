package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code itl expiry}: sorted notAfter, roles, --within, --json. */
class ExpiryCommandTest {

    @Test
    void listsEveryCertificateSoonestFirst() {
        String itl = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv").toString();
        CliRun r = CliRun.run("expiry", itl, "--now", "2026-11-29T00:00:00Z");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\\R");
        assertEquals(7, lines.length, r.stdout());
        for (int i = 1; i < lines.length; i++) {
            assertTrue(
                    Instant.parse(lines[i - 1].substring(0, lines[i - 1].indexOf(' ')))
                                    .compareTo(Instant.parse(lines[i].substring(0, lines[i].indexOf(' '))))
                            <= 0,
                    r.stdout());
        }
        assertTrue(r.stdout().contains("SAST"), r.stdout());
        assertTrue(r.stdout().contains("TVS"), r.stdout());
        CliRun far = CliRun.run("expiry", itl, "--now", "2100-01-01T00:00:00Z", "--within", "30", "--json");
        assertEquals(ExitCodes.CHECK_FAILED, far.exitCode(), far.stderr());
        assertTrue(far.stdout().contains("\"daysLeft\" : -"), far.stdout());
        assertTrue(far.stdout().contains("\"role\" : \"CAPF\""), far.stdout());
    }
}
