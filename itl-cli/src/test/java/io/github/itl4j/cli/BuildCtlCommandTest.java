package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.cluster;
import static io.github.itl4j.cli.CliFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl build --ctl}: a tokenless CTL from the example cluster (test10pub: RSA-1024, names of 57 bytes, serial 16,
 * DER 684; capf: see its record) with CERT@IP[,HOST] values and non-secure placeholders.
 */
class BuildCtlCommandTest {
    @TempDir
    Path tmp;

    @Test
    void tokenlessCtlInCucmOrderWithHostNamesAndAddresses() throws Exception {
        Path out = tmp.resolve("CTLFile.tlv");
        CliRun r = CliRun.run(
                "build",
                "--ctl",
                "-o",
                out.toString(),
                "--key",
                cluster("test10pub.key"),
                "--cert",
                cluster("test10pub.pem"),
                "--sast",
                cluster("test10pub.pem") + "@10.48.47.153",
                "--ccm-tftp",
                cluster("test10pub.pem") + "@10.48.47.153",
                "--capf",
                cluster("capf.pem") + "@10.48.47.153,test10pub",
                "--placeholder",
                "CCM+TFTP@10.48.47.154,10.48.47.154");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile ctl = ItlReader.defaults().readTrustList(out);
        assertEquals("CTLFile.tlv", ctl.header().fileName().orElseThrow());
        assertEquals(
                List.of(Role.SAST, Role.CCM_TFTP, Role.CAPF, Role.CCM_TFTP),
                ctl.records().stream().map(x -> x.role().orElseThrow()).toList());
        ItlRecord sast = ctl.records().get(0);
        assertEquals(
                List.of(2, 3, 4, 5, 6, 7, 8, 9, 10),
                sast.fields().stream().map(t -> t.tag()).toList());
        assertEquals("test10pub", sast.dnsName().orElseThrow()); // the CN's short host name
        assertEquals("10.48.47.153", sast.ipAddress().orElseThrow().getHostAddress());
        // 5 + DNSNAME (3+10) + SUBJECTNAME (3+57) + FUNCTION 5 + ISSUERNAME (3+57) + SERIAL (3+16) + PUBLICKEY (3+140)
        // + SIGNATURE (3+128) + CERTIFICATE (3+684) + IPADDRESS (3+4): the ITL record of listing A (1115) plus 8 bytes
        // of host name and 7 of IPADDRESS
        assertEquals(1130, sast.length());
        assertEquals(1130, ctl.records().get(1).length());
        assertEquals("test10pub", ctl.records().get(2).dnsName().orElseThrow());
        ItlRecord p = ctl.records().get(3);
        assertEquals(33, p.length());
        assertEquals(
                List.of(RecordTags.DNS_NAME, RecordTags.FUNCTION, RecordTags.IP_ADDRESS),
                p.fields().stream().map(t -> t.tag()).toList());
        assertEquals("10.48.47.154", p.ipAddress().orElseThrow().getHostAddress());
        assertFalse(p.certificate().isPresent());
        CliRun v = CliRun.run("verify", out.toString());
        assertEquals(ExitCodes.OK, v.exitCode(), v.stdout() + v.stderr());
    }

    @Test
    void refusesBadAddressesAndPlaceholdersWithoutCtl() throws Exception {
        Path out = tmp.resolve("CTLFile.tlv");
        String[] common = {
            "build",
            "-o",
            out.toString(),
            "--key",
            cluster("test10pub.key"),
            "--cert",
            cluster("test10pub.pem"),
            "--sast",
            cluster("test10pub.pem") + "@10.48.47.153"
        };
        CliRun bad = CliRun.run(concat(common, "--ctl", "--ccm-tftp", cluster("test10pub.pem") + "@10.48.300.1"));
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("'10.48.300.1' is not an IPv4 address"), bad.stderr());
        CliRun noHost = CliRun.run(concat(common, "--ctl", "--placeholder", "CCM+TFTP@10.0.0.2"));
        assertEquals(ExitCodes.USAGE, noHost.exitCode(), noHost.stderr());
        assertTrue(noHost.stderr().contains("expected ROLE@IP,HOST"), noHost.stderr());
        CliRun badRole = CliRun.run(concat(common, "--ctl", "--placeholder", "NOPE@10.0.0.2,pub"));
        assertEquals(ExitCodes.USAGE, badRole.exitCode(), badRole.stderr());
        CliRun noCtl = CliRun.run(
                "build",
                "-o",
                out.toString(),
                "--key",
                cluster("test10pub.key"),
                "--cert",
                cluster("test10pub.pem"),
                "--sast",
                cluster("test10pub.pem"),
                "--placeholder",
                "CCM+TFTP@10.0.0.2,pub");
        assertEquals(ExitCodes.USAGE, noCtl.exitCode(), noCtl.stderr());
        assertTrue(noCtl.stderr().contains("--placeholder needs --ctl"), noCtl.stderr());
        assertFalse(Files.exists(out));
    }
}
