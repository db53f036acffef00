package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static io.github.itl4j.cli.CliFixtures.CERTUTILS_CERTS;
import static io.github.itl4j.cli.CliFixtures.CLUSTER;
import static io.github.itl4j.cli.CliFixtures.EXAMPLES;
import static io.github.itl4j.cli.CliFixtures.buildByNode05;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** itl audit: docs/audit.md through the CLI: text, CSV, JSON (schema), exit codes. */
class AuditCommandTest {
    static final Path ITL = EXAMPLES.resolve("ITLFile.tlv");
    static final Path RESET = EXAMPLES.resolve("ITLFile-reset.tlv");
    static final Path C = CLUSTER;
    static final Path N = CERTUTILS_CERTS;
    static final Path B1 = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-2sast.tlv");
    static final String NOW = "2026-11-29T12:00:00Z";

    @TempDir
    static Path tmp;

    static JsonNode json(CliRun r) throws IOException {
        return JsonSchemas.AUDIT.parse(r);
    }

    static String s(Path p) {
        return p.toString();
    }

    static String sha1(Path p) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p)));
    }

    /** A recoverable old list: SAST{node05, ITLRecovery}, signed by node05; ITLRecovery signs the reset twin. */
    static Path buildOldWithRecovery() {
        Path out = tmp.resolve("ITLFile-old.tlv");
        if (Files.exists(out)) {
            return out;
        }
        CliRun r = CliRun.run(
                buildByNode05(out, "--sast", s(C.resolve("itlrecovery.pem")), "--timestamp", "2026-11-29T10:00:00Z"));
        assertEquals(0, r.exitCode(), r.stderr());
        return out;
    }

    /** A stranding old list: SAST{node05} and TVS node09 only, signed by node05 (neither signs the current list). */
    static Path buildOldStranded() {
        Path out = tmp.resolve("ITLFile-A8x.tlv");
        if (Files.exists(out)) {
            return out;
        }
        CliRun r = CliRun.run(buildByNode05(
                out,
                "--tvs",
                s(N.resolve("node09-rsa2048.crt.pem")),
                "--hash",
                "TVS",
                "--timestamp",
                "2026-11-29T10:00:00Z"));
        assertEquals(0, r.exitCode(), r.stderr());
        return out;
    }

    /** Reports covering every class of the ITL. */
    static Path fleetCsv() throws Exception {
        Path csv = tmp.resolve("fleet.csv");
        String other = sha1(B1);
        String rows = String.join(
                "\n",
                "devicename;model;itl_hash;itl_tftp_server",
                "SEP000000000001;CP-8865;" + spaced(sha1(RESET)) + ";pub",
                "SEP000000000002;CP-8865;" + sha1(ITL) + ";pub",
                "SEP000000000003;CP-8865;" + sha1(buildOldWithRecovery()) + ";pub",
                "SEP000000000004;CP-8865;" + sha1(buildOldStranded()) + ";pub",
                "SEP000000000005;CP-8865;" + other + ";pub",
                "SEP000000000006;CP-6901;Not Installed;pub",
                "SEP000000000007;CP-8865;" + "ab".repeat(20) + ";pub",
                "SEP000000000008;CP-8865;xyz;pub",
                ";CP-8865;" + sha1(RESET) + ";pub",
                "SEP000000000009;CP-8865;" + sha1(RESET) + ";sub",
                "");
        Files.writeString(csv, rows);
        return csv;
    }

    static String spaced(String hex) {
        return hex.toUpperCase(java.util.Locale.ROOT).replaceAll("(..)", "$1 ");
    }

    static String[] known() {
        return new String[] {
            "--known",
            "pub:current=" + RESET,
            "--known",
            "pub:previous=" + ITL,
            "--known",
            "pub:old=" + buildOldWithRecovery(),
            "--known",
            "pub:older=" + buildOldStranded(),
            "--known",
            "sub:current=" + B1.getParent().resolve("itl-rsa2048-sha1-v1.0-n02.tlv"),
            "--known",
            "pubB:current:B=" + B1
        };
    }

    static String[] args(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("audit", "--now", NOW));
        a.addAll(List.of(known()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void everyClassThroughCsvOutput() throws Exception {
        Path out = tmp.resolve("out.csv");
        CliRun r = CliRun.run(args("--csv", s(out), s(fleetCsv())));
        assertEquals(1, r.exitCode(), r.stderr());
        Map<String, String> cls = new TreeMap<>();
        List<CSVRecord> recs = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(Files.readString(out)))
                .getRecords();
        for (CSVRecord rec : recs) {
            cls.put(rec.get("device"), rec.get("class"));
        }
        assertEquals("CURRENT", cls.get("SEP000000000001"));
        assertEquals("EQUIVALENT", cls.get("SEP000000000002"));
        assertEquals("STALE_RECOVERABLE", cls.get("SEP000000000003"));
        assertEquals("STALE_STRANDED", cls.get("SEP000000000004"));
        assertEquals("FOREIGN", cls.get("SEP000000000005"));
        assertEquals("NOT_INSTALLED", cls.get("SEP000000000006"));
        assertEquals("UNKNOWN", cls.get("SEP000000000007"));
        assertEquals("MALFORMED", cls.get("SEP000000000008"));
        assertEquals("CURRENT_OTHER_NODE", cls.get("SEP000000000009"));
        assertEquals(9, recs.size());
        CSVRecord stranded = recs.get(3);
        assertTrue(stranded.get("chain").contains("R3:FAIL"), stranded.get("chain"));
        assertFalse(stranded.get("advice").isEmpty());
        assertEquals(AuditCommand.CSV_COLUMNS, recs.get(0).getParser().getHeaderNames());
        // text: the summary per node and class, the phones per class, the skipped row with its line
        assertTrue(r.stdout().contains("pub: 8 phones:"), r.stdout());
        assertTrue(r.stdout().contains("STALE_STRANDED: 1 (11.1%)"), r.stdout());
        assertTrue(r.stdout().contains("fleet.csv:10: no device name: row skipped"), r.stdout());
        assertTrue(r.stdout().endsWith("Verdict: NOT_CURRENT\n"), r.stdout());
    }

    @Test
    void jsonFollowsTheSchema() throws Exception {
        CliRun r = CliRun.run(args("--json", s(fleetCsv())));
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode n = json(r);
        assertEquals("audit", n.get("command").asText());
        assertEquals("NOT_CURRENT", n.get("verdict").asText());
        assertEquals(9, n.get("data").get("phones").asInt());
        assertEquals(1, n.get("problems").size());
        boolean stranded = false;
        for (JsonNode c : n.get("data").get("classes")) {
            if (c.get("class").asText().equals("STALE_STRANDED")) {
                stranded = true;
                assertEquals(
                        "SEP000000000004", c.get("phones").get(0).get("device").asText());
            }
        }
        assertTrue(stranded);
    }

    @Test
    void allCurrentExitsZeroAndTheGateChecksProblems() throws Exception {
        Path csv = tmp.resolve("ok.csv");
        Files.writeString(csv, "device,itl\nSEP1," + sha1(RESET) + "\nSEP2," + sha1(ITL) + "(SHA1)\n");
        CliRun r = CliRun.run(args("--expect-current", s(csv)));
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Verdict: ALL_CURRENT"));
        Files.writeString(csv, "device,itl\nSEP1," + sha1(RESET) + "\n,x\n");
        assertEquals(0, CliRun.run(args(s(csv))).exitCode());
        assertEquals(1, CliRun.run(args("--expect-current", s(csv))).exitCode());
    }

    @Test
    void deviceTlInfoCaptureFromStandardInput() {
        String refer = "Content-Type: application/x-cisco-alarm+xml\n\n<x-cisco-alarm><Alarm Name=\"DeviceTLInfo\">"
                + "<ParameterList><String name=\"DeviceName\">SEPC80084AA8743</String><String name=\"ITL_Signature\">"
                + "1B A1 C9 07 E9 9E 4D 3C 53 9D C8 14 24 AF 6C 9F 7D CE 4D 6D </String><String name="
                + "\"ITL_TFTP_Server\">cucm-115.home.lab</String><String name=\"CTL_Signature\">Not Installed"
                + "</String></ParameterList></Alarm></x-cisco-alarm>\n";
        CliRun r = CliRun.run(refer.getBytes(StandardCharsets.UTF_8), args("-"));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("cucm-115.home.lab: 1 phone: UNKNOWN 1 (100.0%)"), r.stdout());
        assertFalse(r.stdout().contains("CTL"), r.stdout()); // no CTL known, CTL Not Installed: not audited
    }

    @Test
    void errors() throws Exception {
        Path noHeader = tmp.resolve("nohdr.csv");
        Files.writeString(noHeader, "SEP1,abc\n");
        CliRun r = CliRun.run(args(s(noHeader)));
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("names no device column"), r.stderr());
        assertEquals(2, CliRun.run("audit", s(noHeader)).exitCode()); // no known files
        assertEquals(
                2, CliRun.run("audit", "--known", "pub=" + RESET, s(noHeader)).exitCode()); // bad label
        assertEquals(
                2, CliRun.run("audit", "--known", "pub:current", s(noHeader)).exitCode());
        assertEquals(4, CliRun.run(args(s(tmp.resolve("missing.csv")))).exitCode());
        assertEquals(
                3,
                CliRun.run("audit", "--known", "pub:current=" + noHeader, s(noHeader))
                        .exitCode());
        assertEquals(2, CliRun.run(args("--csv", "-", "--json", s(noHeader))).exitCode());
    }

    @Test
    void knownDirAndShowItl() throws Exception {
        Path dir = tmp.resolve("known");
        Files.createDirectories(dir.resolve("pub/current"));
        Files.copy(RESET, dir.resolve("pub/current/ITLFile.tlv"));
        Path show = CliRun.testdata().getParent().resolve("reference/show-itl-seed.txt");
        Path csv = tmp.resolve("seed.csv");
        Files.writeString(
                csv, "name,itl signature\nSEP1,9d7da73d16c1501b4d27dc1ed79211f390659982\nSEP2," + sha1(RESET) + "\n");
        CliRun r = CliRun.run("audit", "--known-dir", s(dir), "--known-show-itl", "pub:previous=" + show, s(csv));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("STALE_STRANDED: 1"), r.stdout());
        assertTrue(r.stdout().contains("only the hash of the file the phone holds (pub:previous)"), r.stdout());
        assertTrue(r.stdout().contains("CURRENT: 1"), r.stdout());
    }

    @Test
    void shippedExample() {
        CliRun r = CliRun.run(
                "audit",
                "--known",
                "pub:current=" + RESET,
                "--known",
                "pub:previous=" + ITL,
                s(EXAMPLES.resolve("audit/phones.csv")));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(
                r.stdout()
                        .contains("pub: 6 phones: CURRENT 1 (16.7%), EQUIVALENT 2 (33.3%), UNKNOWN 1 (16.7%), "
                                + "NOT_INSTALLED 1 (16.7%), MALFORMED 1 (16.7%)"),
                r.stdout());
    }
}
