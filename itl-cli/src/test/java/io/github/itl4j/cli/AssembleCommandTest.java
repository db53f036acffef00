package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AssembleCommandTest {
    private static final Path BENCH = CliRun.testdata().resolve("certutils/itl/bench-typical6-rsa2048-sha1-v1.0.tlv");
    private static final Path SGN = CliRun.testdata().resolve("certutils/sgn/SEP001122334455.cnf.xml.sgn");

    @TempDir
    Path tmp;

    static Stream<Path> allVectors() throws IOException {
        return Stream.concat(DumpCommandTest.itlVectors(), DumpCommandTest.sgnVectors());
    }

    private static String json(Path file) {
        CliRun r = CliRun.run("dump", "--json", file.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        return r.stdout();
    }

    private static CliRun assemble(String json, String... more) {
        List<String> args = new ArrayList<>(List.of("assemble", "-"));
        args.addAll(List.of(more.length == 0 ? new String[] {"-o", "-"} : more));
        return CliRun.run(json.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("allVectors")
    void dumpJsonThenAssembleGivesTheSameBytes(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        CliRun r = assemble(json(file));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        assertArrayEquals(original, r.stdoutBytes());
    }

    @Test
    void jsonDescribesEveryElement() {
        String j = json(BENCH);
        assertTrue(j.contains("\"kind\" : \"trust-list\""), j);
        assertTrue(j.contains("\"name\" : \"SIGNERID\",\n    \"length\" : 185,\n    \"children\" : [ {"), j);
        assertTrue(j.contains("{\n    \"offset\" : 502,\n    \"padding\" : true\n  }"), j);
        assertTrue(j.contains("\"value\" : 21,\n      \"meaning\" : \"TVS\""), j);
        assertTrue(j.contains("\"value\" : 1,\n      \"meaning\" : \"SHA-1\""), j);
        assertEquals(
                6, Pattern.compile("\"record\" : \\d+").matcher(j).results().count());
        String s = json(SGN);
        assertTrue(s.contains("\"kind\" : \"signed\""), s);
        assertTrue(s.contains("\"payload\" : {\n    \"offset\" : 444,\n    \"length\" : 354,\n    \"hex\" : \"3c"), s);
    }

    @ParameterizedTest
    @MethodSource("allVectors")
    void propertyOrderDoesNotMatter(Path file) throws IOException {
        String reversed = reverseKeys(json(file));
        CliRun r = assemble(reversed);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(file), r.stdoutBytes());
    }

    @Test
    void editedRecordValueGetsANewRecordLength() throws IOException {
        String j = replaceValue(json(BENCH), "SUBJECTNAME", "CN=ccm-tftp-ec", "CN=renamed.example.test,O=Edit");
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = assemble(j, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        ItlFile itl = ItlReader.defaults().readTrustList(out);
        ItlRecord rec = itl.records().get(1);
        assertEquals("CN=renamed.example.test,O=Edit", rec.subjectName().orElseThrow());
        assertEquals(
                "CN=ccm-tftp-ec.example.test,O=Example Org,OU=Voice",
                rec.issuerName().orElseThrow());
        assertEquals(830 - 51 + 31, rec.length());
        assertEquals(Files.size(BENCH) - 51 + 31, Files.size(out));
        assertEquals(6, itl.records().size());
    }

    @Test
    void valueAndHexThatDisagreeAreRefused() {
        String j = json(BENCH).replaceFirst("\"value\" : \"ITLFile.tlv\"", "\"value\" : \"CTLFile.tlv\"");
        CliRun r = assemble(j, "-o", tmp.resolve("x.tlv").toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(
                r.stderr()
                        .matches("itl: <stdin>: header\\[6]: 'value' and 'hex' of FILENAME disagree .*"
                                + "\\(JSON line \\d+, column \\d+\\)\\R"),
                r.stderr());
        assertFalse(Files.exists(tmp.resolve("x.tlv")));
    }

    @Test
    void removedContainerChildShrinksTheContainerAndHeader() throws IOException {
        String j = json(BENCH);
        String without =
                j.replaceFirst("\\{\\s*\"offset\" : \\d+,\\s*\"tag\" : 6,\\s*\"name\" : \"CANAME\",[^}]*},\\s*", "");
        assertNotEquals(j, without);
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = assemble(without, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile itl = ItlReader.defaults().readTrustList(out);
        assertTrue(itl.header().caName().isEmpty());
        assertEquals(504 - 83, itl.header().length());
        assertEquals(Files.size(BENCH) - 83, Files.size(out));
        assertEquals(ItlReader.defaults().readTrustList(BENCH).records(), itl.records());
    }

    @Test
    void decodedValueWithoutHexIsEncoded() throws IOException {
        // FUNCTION of record 2 becomes TFTP (3), written as a decoded value only
        String j = json(BENCH).replaceFirst("\"hex\" : \"0002\",\\s*\"value\" : 2,", "\"value\" : 3,");
        CliRun r = assemble(j);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile itl = (ItlFile) ItlReader.defaults().read(r.stdoutBytes());
        assertEquals("TFTP", itl.records().get(1).role().orElseThrow().name());
        assertEquals(Files.size(BENCH), r.stdoutBytes().length);
    }

    @Test
    void assembledFileTheLibraryRejectsIsNotWritten() {
        String j = json(BENCH)
                .replaceFirst("\\{\\s*\"offset\" : 5,\\s*\"tag\" : 2,\\s*\"name\" : \"HEADERLENGTH\",[^}]*},\\s*", "");
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = assemble(j, "-o", out.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(
                r.stderr()
                        .startsWith("itl: <stdin>: the assembled file would not be valid: Expected " + "HEADERLENGTH"),
                r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void kindMustMatchWhatReadersSee() {
        String j = replaceValue(json(BENCH), "FILENAME", "ITLFile.tlv", "SEP001122334455.cnf.xml.sgn");
        CliRun r = assemble(j);
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertTrue(r.stderr().contains("'kind' is \"trust-list\""), r.stderr());
        assertEquals(0, r.stdoutBytes().length);
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String j = json(SGN);
        int cut = j.indexOf("\"kind\"");
        String broken = j.substring(0, cut) + "\"kind\" ; " + j.substring(cut + 8);
        CliRun r = assemble(broken, "-o", tmp.resolve("x.sgn").toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().matches("itl: <stdin>: invalid JSON: .* at line 5, column 10\\R"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("x.sgn")));

        CliRun empty = assemble("", "-o", "-");
        assertEquals(ExitCodes.INPUT, empty.exitCode());
        assertEquals(1, empty.errLines().length, empty.stderr());
        CliRun dup = assemble("{\"kind\": \"signed\",\n \"kind\": \"signed\"}");
        assertEquals(ExitCodes.INPUT, dup.exitCode());
        assertTrue(dup.stderr().contains("line 2, column"), dup.stderr());
        CliRun notDump = assemble("[1, 2]");
        assertEquals(ExitCodes.INPUT, notDump.exitCode());
        assertTrue(
                notDump.stderr().contains("the document must be a JSON object (JSON line 1, column 1)"),
                notDump.stderr());
    }

    @Test
    void missingOutputDirectoryIsAnIoErrorAndLeavesNothing() throws IOException {
        Path out = tmp.resolve("no-such-dir/ITLFile.tlv");
        CliRun r = assemble(json(SGN), "-o", out.toString());
        assertEquals(ExitCodes.IO, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        // the message is about the output, not the input, and never names the hidden temporary file
        assertTrue(r.stderr().startsWith("itl: " + out + ": cannot write: its directory does not exist"), r.stderr());
        assertFalse(r.stderr().contains(".tmp"), r.stderr());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun r2 = assemble(json(SGN), "-o", file.resolve("x.sgn").toString());
        assertEquals(ExitCodes.IO, r2.exitCode(), r2.stderr());
        assertEquals(1, r2.errLines().length, r2.stderr());
    }

    @Test
    void readOnlyDirectoryIsAnIoErrorAndLeavesNothing() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "running as root: permissions are not enforced");
            CliRun r = assemble(json(SGN), "-o", dir.resolve("x.sgn").toString());
            assertEquals(ExitCodes.IO, r.exitCode());
            assertEquals(1, r.errLines().length, r.stderr());
            assertTrue(r.stderr().contains("permission denied"), r.stderr());
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void existingOutputIsReplacedWholeAndKeepsItsPermissions() throws IOException {
        Path out = Files.writeString(tmp.resolve("SEP.cnf.xml.sgn"), "old content that is longer than nothing");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        CliRun r = assemble(json(SGN), "-o", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(SGN), Files.readAllBytes(out));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temporary file left");
        }
        SignedFile f = ItlReader.defaults().read(out);
        assertTrue(f instanceof SgnFile);
    }

    @Test
    void theInputIsNeverOverwritten() throws IOException {
        Path in = Files.writeString(tmp.resolve("dump.json"), json(SGN));
        CliRun r = CliRun.run(
                "assemble",
                in.toString(),
                "-o",
                tmp.resolve(".").resolve("dump.json").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertEquals(json(SGN), Files.readString(in));
        CliRun ok = CliRun.run(
                "assemble", in.toString(), "-o", tmp.resolve("out.sgn").toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
        assertArrayEquals(Files.readAllBytes(SGN), Files.readAllBytes(tmp.resolve("out.sgn")));
    }

    @Test
    void missingInputFileIsAnIoError() {
        CliRun r = CliRun.run("assemble", tmp.resolve("nope.json").toString(), "-o", "-");
        assertEquals(ExitCodes.IO, r.exitCode());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().endsWith("nope.json: no such file or directory\n"), r.stderr());
    }

    // ---------------------------------------------------------------- helpers

    /** Replaces hex + value of the first NAME element whose value starts with OLD by a decoded value only. */
    private static String replaceValue(String json, String name, String oldPrefix, String newValue) {
        Pattern p = Pattern.compile("(\"name\" : \"" + name + "\",\\s*\"length\" : \\d+,\\s*)\"hex\" : \"[0-9a-f]*\","
                + "\\s*\"value\" : \"" + Pattern.quote(oldPrefix) + "[^\"]*\"");
        Matcher m = p.matcher(json);
        assertTrue(m.find(), name + " " + oldPrefix);
        return json.substring(0, m.start()) + m.group(1) + "\"value\" : \"" + newValue + "\"" + json.substring(m.end());
    }

    /** Writes the same document with every object's keys in reverse order. */
    private static String reverseKeys(String json) throws IOException {
        JsonTree.Node root = JsonTree.parse(Bytes.utf8(json));
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            write(g, root);
        }
        return sw.toString();
    }

    private static void write(JsonGenerator g, JsonTree.Node n) throws IOException {
        if (n instanceof JsonTree.Obj o) {
            g.writeStartObject();
            List<Map.Entry<String, JsonTree.Node>> entries =
                    new ArrayList<>(o.fields().entrySet());
            for (int i = entries.size() - 1; i >= 0; i--) {
                g.writeFieldName(entries.get(i).getKey());
                write(g, entries.get(i).getValue());
            }
            g.writeEndObject();
        } else if (n instanceof JsonTree.Arr a) {
            g.writeStartArray();
            for (JsonTree.Node x : a.items()) {
                write(g, x);
            }
            g.writeEndArray();
        } else if (n instanceof JsonTree.Str s) {
            g.writeString(s.value());
        } else if (n instanceof JsonTree.Num x) {
            g.writeNumber(x.value().toString());
        } else if (n instanceof JsonTree.Bool b) {
            g.writeBoolean(b.value());
        } else {
            g.writeNull();
        }
    }
}
