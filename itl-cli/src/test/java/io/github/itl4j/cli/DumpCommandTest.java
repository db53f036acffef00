package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DumpCommandTest {
    /** file name -> roles in file order, from MANIFEST.md. */
    private static final Map<String, List<String>> ROLES = new HashMap<>();

    @BeforeAll
    static void readManifest() throws IOException {
        Pattern row = Pattern.compile("^\\| `itl/([^`]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\| (\\d+) \\| ([^|]+) \\|");
        for (String line : Files.readAllLines(CliRun.testdata().resolve("certutils/MANIFEST.md"))) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                List<String> roles = Arrays.asList(m.group(3).trim().split(", "));
                assertEquals(Integer.parseInt(m.group(2)), roles.size(), line);
                ROLES.put(m.group(1), roles);
            }
        }
        assertEquals(39, ROLES.size(), "ITL rows in MANIFEST.md");
    }

    static Stream<Path> itlVectors() throws IOException {
        try (Stream<Path> s = Files.list(CliRun.testdata().resolve("certutils/itl"))) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".tlv")).sorted().toList();
            assertEquals(39, l.size());
            return l.stream();
        }
    }

    static Stream<Path> sgnVectors() throws IOException {
        try (Stream<Path> s = Files.list(CliRun.testdata().resolve("certutils/sgn"))) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".sgn")).sorted().toList();
            assertEquals(4, l.size());
            return l.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("itlVectors")
    void dumpsEveryTrustListWithItsRecordsAndRoles(Path file) {
        CliRun r = CliRun.run("dump", file.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        List<String> roles = ROLES.get(file.getFileName().toString());
        int n = roles.size();
        String out = r.stdout();
        assertTrue(out.contains("trust list (FILENAME \""), out);
        assertTrue(out.contains(", " + n + " record" + (n == 1 ? "" : "s") + "\n"), out);
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Record (\\d+) of (\\d+): (\\S+), ").matcher(out);
        while (m.find()) {
            assertEquals(found.size() + 1, Integer.parseInt(m.group(1)));
            assertEquals(n, Integer.parseInt(m.group(2)));
            found.add(m.group(3));
        }
        assertEquals(roles, found);
        // every record's first line is its RECORDLENGTH, decoded
        assertEquals(
                n,
                Pattern.compile("(?m)^  0x\\p{XDigit}+ +\\d+ +1  RECORDLENGTH +2  \\d+$")
                        .matcher(out)
                        .results()
                        .count());
        // header: decoded version, digest and time; long binary values cut
        assertTrue(out.contains("VERSION                           2  1.2\n"), out);
        assertTrue(out.matches("(?s).*DIGESTALGORTITHM +1  [13] \\(SHA-(1|512)\\).*"), out);
        assertTrue(out.matches("(?s).*TIMESTAMP +4  \\d+ \\(20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z\\).*"), out);
        assertTrue(out.matches("(?s).*CERTIFICATE +\\d+  \\p{XDigit}{64}\u2026 \\(\\d+ bytes\\).*"), out);
    }

    @ParameterizedTest
    @MethodSource("sgnVectors")
    void dumpsSignedFilesWithTheirPayload(Path file) throws IOException {
        byte[] plain = Files.readAllBytes(Path.of(file.toString().replaceAll("\\.sgn$", "")));
        CliRun r = CliRun.run("dump", file.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.contains("signed file (FILENAME \"" + file.getFileName() + "\")"), out);
        assertTrue(out.contains("payload " + plain.length + " bytes\n"), out);
        String first = Bytes.copyOf(plain, 0, Math.min(32, plain.length)).toHex();
        assertTrue(
                out.matches(
                        "(?s).*\nPayload: " + plain.length + " bytes at 0x\\p{XDigit}+ \\(\\d+\\): " + first + ".*"),
                out);
        assertFalse(out.contains("Record "), out);
    }

    @Test
    void showsContainersIndentedAndPaddingBytes() {
        Path f = CliRun.testdata().resolve("certutils/itl/bench-typical6-rsa2048-sha1-v1.0.tlv");
        String out = CliRun.run("dump", f.toString()).stdout();
        assertTrue(
                out.contains("  0x000f     15    3  SIGNERID                        185  container, 3 elements\n"
                        + "  0x0012     18    4    SIGNERNAME                     80  \"CN=cucm-pub.example.test,"),
                out);
        assertTrue(out.contains("  0x00d5    213   10      SIGNATUREALGORTITHM           1  0 (RSA)\n"), out);
        assertTrue(out.contains("SIGNATUREMODULUS              1  2 (2048-bit, 256-byte signature)\n"), out);
        assertTrue(
                out.contains("  0x01f6    502   13  PADDING                           -  0d\n"
                        + "  0x01f7    503   13  PADDING                           -  0d\n"
                        + "Record 1 of 6: SAST, 1778 bytes at 0x1f8 (504)\n"),
                out);
        assertTrue(out.contains("FUNCTION                          2  21 (TVS)\n"), out);
    }

    @Test
    void fullShowsLongValuesWhole() throws IOException {
        Path f = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        String out = CliRun.run("dump", "--full", f.toString()).stdout();
        assertFalse(out.contains("\u2026"), out);
        Bytes sig = ItlReader.defaults().read(f).header().signature().orElseThrow();
        assertEquals(256, sig.size());
        assertTrue(out.contains("SIGNATURE                       256  " + sig.toHex() + "\n"), out);
    }

    @Test
    void readsStandardInput() throws IOException {
        Path f = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-n02.tlv");
        CliRun r = CliRun.run(Files.readAllBytes(f), "dump", "-");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("<stdin>: trust list"), r.stdout());
    }

    @Test
    void negativeVectorFailsWithOneLineAndNoStackTrace() {
        Path f = CliRun.testdata().resolve("negative/rsp2k-itlbuilder/ITLFile.tlv");
        CliRun r = CliRun.run("dump", f.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().startsWith("itl: " + f + ": "), r.stderr());
        assertTrue(r.stderr().contains("at offset 0x5 (5)"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void debugAddsTheStackTrace() {
        Path f = CliRun.testdata().resolve("negative/rsp2k-itlbuilder/ITLFile.tlv");
        CliRun r = CliRun.run("dump", "--debug", f.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertTrue(r.errLines().length > 2, r.stderr());
        assertTrue(r.stderr().contains("ItlFormatException"), r.stderr());
        CliRun before = CliRun.run("--debug", "dump", f.toString());
        assertEquals(
                List.of(r.errLines()).subList(0, 2), List.of(before.errLines()).subList(0, 2));
    }

    @Test
    void missingFileIsAnIoError() {
        CliRun r = CliRun.run("dump", "no/such/ITLFile.tlv");
        assertEquals(ExitCodes.IO, r.exitCode());
        assertArrayEquals(new String[] {"itl: no/such/ITLFile.tlv: no such file or directory"}, r.errLines());
    }

    @Test
    void truncatedFileNamesTheRecordAndOffset() throws IOException {
        Path f = CliRun.testdata().resolve("certutils/itl/bench-typical6-rsa2048-sha1-v1.0.tlv");
        byte[] b = Files.readAllBytes(f);
        CliRun r = CliRun.run(Arrays.copyOf(b, b.length - 100), "dump", "-");
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(
                r.stderr()
                        .startsWith("itl: <stdin>: Record 6 declares RECORDLENGTH 805, but only 705 bytes "
                                + "remain in the file (tag 1) at offset 0x"),
                r.stderr());
    }

    @Test
    void manyFilesReportEachErrorAndDumpTheRest() {
        Path good = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        Path bad = CliRun.testdata().resolve("negative/rsp2k-itlbuilder/ITLFile.tlv");
        CliRun r = CliRun.run("dump", bad.toString(), good.toString(), "missing.tlv");
        assertEquals(ExitCodes.IO, r.exitCode(), "the highest code of all files");
        assertEquals(2, r.errLines().length, r.stderr());
        assertTrue(r.errLines()[0].startsWith("itl: " + bad + ": "), r.stderr());
        assertEquals("itl: missing.tlv: no such file or directory", r.errLines()[1]);
        assertTrue(r.stdout().startsWith(good + ": trust list"), r.stdout());
    }

    @Test
    void jsonTakesOneFile() {
        Path good = CliRun.testdata().resolve("certutils/itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        CliRun r = CliRun.run("dump", "--json", good.toString(), good.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCodes.USAGE, CliRun.run("dump").exitCode());
        assertEquals(
                ExitCodes.USAGE, CliRun.run("dump", "--no-such-option", "x").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run("no-such-command").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run().exitCode());
    }

    @Test
    void helpAndVersion() {
        CliRun v = CliRun.run("--version");
        assertEquals(ExitCodes.OK, v.exitCode());
        assertTrue(v.stdout().startsWith("itl "), v.stdout());
        assertFalse(v.stdout().startsWith("itl unknown"), v.stdout());
        CliRun h = CliRun.run("dump", "--help");
        assertEquals(ExitCodes.OK, h.exitCode());
        assertTrue(h.stdout().contains("--json"), h.stdout());
    }
}
