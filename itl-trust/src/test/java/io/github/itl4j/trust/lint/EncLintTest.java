package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.enc.EncryptionInfo;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The .enc.sgn checks that need only the file (E02, E05, E06, E07, E09) on the golden vectors and mutated copies. */
class EncLintTest {
    private static final String V1 = "SEP001122334455.cnf.xml.enc.sgn";
    private static final String V2 = "SEP00112233AAFF.cnf.xml.enc.sgn";

    private static byte[] vector(String name) throws Exception {
        Path dir = Fixtures.testdata().resolve("vectors/enccnf");
        return Files.readAllBytes(name.equals(V2) ? dir.resolve("v2").resolve(name) : dir.resolve(name));
    }

    private static LintReport lint(String name, byte[] data, LintOptions o) {
        return Linter.of(o).lint(name, Bytes.wrapOwned(data));
    }

    private static LintReport lint(String name, byte[] data) {
        return lint(name, data, LintTableTest.opts());
    }

    private static Set<String> ids(LintReport r) {
        Set<String> s = new TreeSet<>();
        r.findings().forEach(f -> s.add(f.rule()));
        return s;
    }

    private static Optional<Finding> finding(LintReport r, String id) {
        return r.findings().stream().filter(f -> f.rule().equals(id)).findFirst();
    }

    private static int offsetOf(byte[] data, int tag) throws Exception {
        return (int) EncryptionInfo.of(ItlReader.defaults().readSigned(Bytes.wrapOwned(data)))
                .offsetOf(tag);
    }

    @Test
    void goldenVectorIsClean() throws Exception {
        LintReport r = lint(V1, vector(V1));
        assertTrue(r.malformed().isEmpty(), r.toString());
        assertEquals(Optional.of(FileKind.ENC_SGN), r.kind());
        assertEquals(Set.of(), ids(r), r.toString());
        assertFalse(r.failed(true));
        // the name decides nothing: the header's encryption fields do
        assertEquals(
                Optional.of(FileKind.ENC_SGN), lint("upload.bin", vector(V1)).kind());
    }

    @Test
    void sha512() throws Exception {
        LintReport r = lint(V2, vector(V2));
        assertEquals(Set.of("E09"), ids(r), r.toString());
        Finding f = finding(r, "E09").orElseThrow();
        assertEquals("ENC_SHA512", f.code());
        assertEquals(LintSeverity.WARN, f.severity());
        assertTrue(f.offset() > 0, f.toString());
        LintReport legacy = lint(V2, vector(V2), LintTableTest.opts().models(List.of("CP-7975")));
        assertEquals(LintSeverity.ERROR, finding(legacy, "E09").orElseThrow().severity());
        assertTrue(finding(lint(V2, vector(V2), LintTableTest.opts().disable(List.of("E09"))), "E09")
                .isEmpty());
        assertTrue(finding(lint(V1, vector(V1), LintTableTest.opts().models(List.of("CP-7975"))), "E09")
                .isEmpty());
    }

    @Test
    void fileName() throws Exception {
        // FILENAME says SEP001122334455.cnf.xml.enc.sgn: a copy under another phone's name is wrong
        LintReport r = lint("/tftpboot/SEP0011223344FF.cnf.xml.enc.sgn", vector(V1));
        assertEquals(Set.of("E06"), ids(r), r.toString());
        assertEquals("ENC_FILENAME_UNEXPECTED", finding(r, "E06").get().code());
        assertEquals(LintSeverity.WARN, finding(r, "E06").get().severity());
        assertTrue(finding(lint("/tftpboot/" + V1, vector(V1)), "E06").isEmpty());
    }

    @Test
    void version() throws Exception {
        byte[] b = vector(V1);
        assertEquals(HeaderTags.VERSION, b[0]);
        b[3] = 1; // VERSION 2.0 -> 2.1
        LintReport r = lint(V1, b);
        assertEquals(Set.of("E07"), ids(r), r.toString());
        assertEquals(LintSeverity.WARN, finding(r, "E07").get().severity());
    }

    @Test
    void bodyNotWholeBlocks() throws Exception {
        byte[] b = vector(V1);
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 5);
        LintReport r = lint(V1, cut);
        assertTrue(r.malformed().isEmpty(), r.toString());
        Finding f = finding(r, "E05").orElseThrow(() -> new AssertionError(r.toString()));
        assertEquals("ENC_BODY_NOT_BLOCKS", f.code());
        assertEquals(LintSeverity.ERROR, f.severity());
        assertTrue(r.failed(false));
        assertEquals("body", f.where());
    }

    @Test
    void keySize() throws Exception {
        byte[] b = vector(V1);
        int at = offsetOf(b, HeaderTags.KEY_SIZE);
        assertTrue(at > 0);
        // KEYSIZE is a 2-byte value after the 3-byte tag and length: 0x0800 = 2048 -> 0x0400 = 1024
        int ks = ((b[at + 3] & 0xFF) << 8) | (b[at + 4] & 0xFF);
        assertTrue(ks == 128 || ks == 2048, "KEYSIZE " + ks);
        assertTrue(lint(V1, vector(V1)).findings().isEmpty());
        b[at + 3] = 0x04;
        b[at + 4] = 0;
        LintReport r = lint(V1, b);
        assertEquals(Set.of("E02"), ids(r), r.toString());
        assertEquals("ENC_KEYSIZE_UNEXPECTED", finding(r, "E02").get().code());
        assertEquals(at, finding(r, "E02").get().offset());
    }

    @Test
    void plainSgnIsStillNotATrustList() {
        LintReport r = Linter.of(LintTableTest.opts())
                .lint(
                        "SEP001122334455.cnf.xml.sgn",
                        Bytes.wrapOwned(io.github.itl4j.trust.Fixtures.readSgn(Fixtures.cfg1())
                                .encoded()
                                .toByteArray()));
        assertTrue(r.malformed().isPresent(), r.toString());
    }
}
