package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl lint DIR}: a directory stands for its {@code *.tlv} and {@code *.enc.sgn} files. */
class LintDirectoryTest {
    private static final Path ENCCNF = CliRun.testdata().resolve("enccnf");

    @TempDir
    Path tmp;

    /** A TFTP directory: an ITL, two encrypted configurations, a stub and other files that are not linted. */
    private Path tftpboot() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tftpboot"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), dir.resolve("ITLFile.tlv"));
        Files.copy(ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"), dir.resolve("SEP001122334455.cnf.xml.enc.sgn"));
        Files.copy(
                ENCCNF.resolve("v2/SEP00112233AAFF.cnf.xml.enc.sgn"), dir.resolve("SEP00112233AAFF.CNF.XML.ENC.SGN"));
        Files.copy(ENCCNF.resolve("SEP001122334455.cnf.xml.sgn"), dir.resolve("SEP001122334455.cnf.xml.sgn"));
        Files.copy(ENCCNF.resolve("plain.cnf.xml"), dir.resolve("SEP001122334455.cnf.xml"));
        Files.writeString(dir.resolve("README.txt"), "not linted");
        Path sub = Files.createDirectories(dir.resolve("sub.tlv"));
        Files.copy(Path.of(LintCommandTest.example("ITLFile.tlv")), sub.resolve("ITLFile.tlv"));
        return dir;
    }

    @Test
    void aDirectoryExpandsToItsTrustListsAndEncryptedConfigurations() throws Exception {
        Path dir = tftpboot();
        assertEquals(
                List.of(
                        dir.resolve("ITLFile.tlv").toString(),
                        dir.resolve("SEP001122334455.cnf.xml.enc.sgn").toString(),
                        dir.resolve("SEP00112233AAFF.CNF.XML.ENC.SGN").toString(),
                        "-"),
                LintCommand.expand(List.of(dir.toString(), "-")));
    }

    @Test
    void lintOfTheDirectoryReportsEveryKind() throws Exception {
        Path dir = tftpboot();
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", "--disable", "E06", dir.toString());
        JsonNode n = LintCommandTest.json(r);
        List<String> kinds = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        n.get("data").get("files").forEach(f -> {
            kinds.add(f.get("kind").asText());
            paths.add(Path.of(f.get("path").asText()).getFileName().toString());
        });
        assertEquals(
                List.of("ITLFile.tlv", "SEP001122334455.cnf.xml.enc.sgn", "SEP00112233AAFF.CNF.XML.ENC.SGN"),
                paths,
                r.stdout());
        assertEquals("ENC_SGN", kinds.get(1));
        assertEquals("ENC_SGN", kinds.get(2));
        assertFalse(kinds.get(0).equals("ENC_SGN"));
        CliRun t = CliRun.run("lint", "--now", "2026-11-29", dir.toString());
        assertTrue(t.stdout().contains("SEP00112233AAFF.CNF.XML.ENC.SGN: E09 WARN"), t.stdout());
        String[] lines = t.stdout().split("\\R");
        assertTrue(lines[lines.length - 1].startsWith("lint: 3 files"), t.stdout());
        assertFalse(t.stdout().contains("README"), t.stdout());
        assertFalse(t.stdout().contains("cnf.xml.sgn:"), t.stdout());
    }

    @Test
    void aDirectoryOfOnlyEncryptedConfigurationsIsLinted() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("enc"));
        Files.copy(ENCCNF.resolve("SEP001122334455.cnf.xml.enc.sgn"), dir.resolve("SEP001122334455.cnf.xml.enc.sgn"));
        CliRun r = CliRun.run("lint", "--now", "2026-11-29", dir.toString());
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        assertTrue(r.stdout().contains("lint: 1 file"), r.stdout());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("SEP001122334455.cnf.xml"), "<device/>");
        CliRun e = CliRun.run("lint", empty.toString());
        assertEquals(ExitCodes.IO, e.exitCode(), e.stderr());
        assertTrue(e.stderr().contains("no .tlv or .enc.sgn file"), e.stderr());
    }
}
