package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl per-device}: ITLSEP/CTLSEP copies, byte-identical, MACs normalised. */
class PerDeviceCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesByteIdenticalCopiesNamedByMac() throws Exception {
        Path itl = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-n02.tlv");
        Path macs = tmp.resolve("macs.txt");
        Files.writeString(macs, "# phones\n00:11:22:33:44:55\nsep0011223344aa\n\n0011.2233.4455\n");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.run(
                "per-device",
                itl.toString(),
                "--macs",
                macs.toString(),
                "--mac",
                "00-11-22-33-44-BB",
                "-o",
                out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("3 per-device copies"), r.stdout());
        for (String n : new String[] {"ITLSEP001122334455.tlv", "ITLSEP0011223344AA.tlv", "ITLSEP0011223344BB.tlv"}) {
            assertArrayEquals(Files.readAllBytes(itl), Files.readAllBytes(out.resolve(n)), n);
        }
        CliRun ctl = CliRun.run(
                "per-device",
                CERTUTILS.resolve("itl/ctl-rsa2048-sha1-v1.0-ctlfile.tlv").toString(),
                "--mac",
                "001122334455",
                "-o",
                out.toString());
        assertEquals(0, ctl.exitCode(), ctl.stderr());
        assertTrue(Files.exists(out.resolve("CTLSEP001122334455.tlv")));
    }

    @Test
    void aMalformedMacWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.run(
                "per-device",
                CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-n02.tlv").toString(),
                "--mac",
                "001122334455",
                "--mac",
                "not-a-mac",
                "-o",
                out.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("not-a-mac"), r.stderr());
        assertFalse(Files.exists(out.resolve("ITLSEP001122334455.tlv")));
    }
}
