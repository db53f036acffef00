package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShowCommandTest {
    /**
     * One row of the vectors' MANIFEST.md.
     *
     * @param path relative to testdata/vectors/certutils
     * @param roles roles in file order (empty for .sgn)
     * @param size file size
     * @param sha1 whole-file SHA-1
     * @param md5 whole-file MD5
     * @param signerCert for .sgn: the signer's certificate name under certs/ (without extension), else null
     */
    record Vector(String path, List<String> roles, long size, String sha1, String md5, String signerCert) {
        Path file() {
            return certutils().resolve(path);
        }

        String name() {
            return Path.of(path).getFileName().toString();
        }
    }

    static Path certutils() {
        return CliRun.testdata().resolve("certutils");
    }

    /** Every ITL and .sgn row of MANIFEST.md, in manifest order. */
    static List<Vector> manifest() throws IOException {
        Pattern itl =
                Pattern.compile("^\\| `(itl/[^`]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\| (\\d+) \\| ([^|]+) \\| (\\d+) \\| "
                        + "`(\\p{XDigit}{40})` \\| `(\\p{XDigit}{32})` \\|");
        Pattern sgn = Pattern.compile("^\\| `(sgn/[^`]+)` \\|[^|]*\\| `certs/([^`]+)\\.pem` \\|(?:[^|]*\\|){4}[^|]*\\| "
                + "(\\d+) \\| `(\\p{XDigit}{40})` \\| `(\\p{XDigit}{32})` \\|");
        Map<String, Vector> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(certutils().resolve("MANIFEST.md"))) {
            Matcher m = itl.matcher(line);
            if (m.find()) {
                List<String> roles = Arrays.asList(m.group(3).trim().split(", "));
                assertEquals(Integer.parseInt(m.group(2)), roles.size(), line);
                out.put(
                        m.group(1),
                        new Vector(m.group(1), roles, Long.parseLong(m.group(4)), m.group(5), m.group(6), null));
                continue;
            }
            m = sgn.matcher(line);
            if (m.find()) {
                out.put(
                        m.group(1),
                        new Vector(
                                m.group(1), List.of(), Long.parseLong(m.group(3)), m.group(4), m.group(5), m.group(2)));
            }
        }
        assertEquals(43, out.size(), "ITL and .sgn rows in MANIFEST.md");
        return new ArrayList<>(out.values());
    }

    static Stream<Vector> itlVectors() throws IOException {
        return manifest().stream().filter(v -> !v.roles().isEmpty());
    }

    static Stream<Vector> sgnVectors() throws IOException {
        return manifest().stream().filter(v -> v.roles().isEmpty());
    }

    /** A copy of {@code src} in {@code dir} with one byte flipped at {@code offset}. */
    static Path tampered(Path src, Path dir, int offset) throws IOException {
        byte[] b = Files.readAllBytes(src);
        b[offset] ^= 0x01;
        Path p = dir.resolve("tampered-" + src.getFileName());
        Files.write(p, b);
        return p;
    }

    /**
     * A copy of a trust list with the last byte of its header TIMESTAMP flipped: signed bytes, no other check, so
     * the only problem is SIGNATURE_INVALID.
     */
    static Path tamperedTimestamp(Path src, Path dir) throws IOException {
        FileWalk w = FileWalk.of(Bytes.wrapOwned(Files.readAllBytes(src)));
        FileWalk.Element ts = w.header.stream()
                .filter(e -> e.tag() == io.github.itl4j.HeaderTags.TIMESTAMP)
                .findFirst()
                .orElseThrow();
        return tampered(src, dir, (int) ts.offset() + 3 + 3);
    }

    /** The file offset of record {@code index}'s field {@code field} value (0-based, RECORDLENGTH not counted). */
    static int fieldValueOffset(ItlFile f, int index, int field) {
        int pos = f.header().length();
        for (int i = 0; i < index; i++) {
            pos += f.records().get(i).length();
        }
        return pos + f.records().get(index).fieldOffset(field) + 3;
    }

    static int field(ItlRecord r, int tag) {
        for (int i = 0; i < r.fieldCount(); i++) {
            if (r.fieldTag(i) == tag) {
                return i;
            }
        }
        throw new AssertionError("no tag " + tag);
    }

    /** The text of each record block ("ITL Record #:n" up to the next one or the verdict). */
    static List<String> recordBlocks(String out, String word) {
        List<String> blocks = new ArrayList<>();
        String[] parts = out.split("(?m)^(?=" + word + " Record #:\\d+$)");
        for (int i = 1; i < parts.length; i++) {
            blocks.add(parts[i]);
        }
        return blocks;
    }

    @ParameterizedTest
    @MethodSource("itlVectors")
    void showsEveryTrustListLikeShowItl(Vector v) throws IOException {
        CliRun r = CliRun.run("show", v.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        String out = r.stdout();
        ItlFile f = ItlReader.defaults().readTrustList(v.file());
        String word = f.header().fileName().orElseThrow().startsWith("CTL") ? "CTL" : "ITL";
        assertTrue(
                out.startsWith("The checksum value of the " + word + " file:\n" + v.md5() + " (MD5)\n" + v.sha1()
                        + " (SHA1)\n"),
                out);
        assertTrue(out.contains("\nLength of " + word + " file: " + v.size() + "\n"), out);
        assertTrue(out.contains("\nThe " + word + " File was last modified on "), out);
        assertTrue(out.contains("\nParse " + word + " File\n"), out);
        assertTrue(out.contains("\nVersion: 1.2\n"), out);
        assertTrue(out.contains("\nHeaderLength: " + f.header().length() + " (BYTES)\n"), out);
        // header table: containers print LENGTH 2 and their length; SIGNATURE in 8-byte lines
        int sigLen = f.header().signatureLength();
        assertTrue(out.contains("\n7       SIGNATUREINFO         2       15\n"), out);
        assertTrue(out.contains("\n9       SIGNATUREALGOINFO     2       8\n"), out);
        assertTrue(out.contains("\n8       DIGESTALGORTITHM      1\n"), out);
        assertTrue(out.contains("\n12      SIGNATURE             " + sigLen + "\n"), out);
        Matcher sigLines = Pattern.compile("(?m)^ {38}(\\p{XDigit}{1,2}( \\p{XDigit}{1,2}){7})$")
                .matcher(out);
        int n = 0;
        while (sigLines.find()) {
            n++;
        }
        assertEquals(sigLen / 8, n, "signature lines");
        // one block per record, with the roles of the manifest
        List<String> blocks = recordBlocks(out, word);
        assertEquals(v.roles().size(), blocks.size(), out);
        int used = 0;
        for (int i = 0; i < blocks.size(); i++) {
            String b = blocks.get(i);
            ItlRecord rec = f.records().get(i);
            assertTrue(b.startsWith(word + " Record #:" + (i + 1) + "\n----\nBYTEPOS "), b);
            assertTrue(b.contains("\n1       RECORDLENGTH          2       " + rec.length() + "\n"), b);
            String role = v.roles().get(i);
            String text = role.equals("SAST") ? "System Administrator Security Token" : role;
            assertTrue(b.contains("\n4       FUNCTION              2       " + text + "\n"), b);
            if (rec.certificate().isPresent()) {
                assertTrue(
                        Pattern.compile("\n9 +CERTIFICATE +"
                                        + rec.certificate().get().size()
                                        + " +(\\p{XDigit}{2} ){20}\\(SHA1 Hash HEX\\)\n")
                                .matcher(b)
                                .find(),
                        b);
            }
            boolean isUsed = b.contains("\nThis etoken was used to sign the " + word + " file.\n");
            boolean notUsed = b.contains("\nThis etoken was not used to sign the " + word + " file.\n");
            assertEquals(role.equals("SAST"), isUsed || notUsed, b);
            if (isUsed) {
                used++;
                // the signer: serial equals the header's
                assertEquals(
                        f.header().serialNumber().orElseThrow(),
                        rec.serialNumber().orElseThrow());
            }
        }
        assertEquals(1, used);
        assertTrue(out.endsWith("\nThe " + word + " file was verified successfully.\n"), out);
    }

    @Test
    void saysWhichOfTwoSastRecordsSigned() {
        for (String name : List.of("itl-rsa2048-sha1-v1.0-2sast.tlv", "itl-rsa2048-sha512-v1.1-2sast.tlv")) {
            CliRun r = CliRun.run("show", certutils().resolve("itl/" + name).toString());
            assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
            List<String> blocks = recordBlocks(r.stdout(), "ITL");
            assertTrue(blocks.get(0).contains("This etoken was used to sign the ITL file."));
            assertTrue(blocks.get(1).contains("This etoken was not used to sign the ITL file."));
        }
        CliRun r = CliRun.run(
                "show",
                certutils()
                        .resolve("itl/itl-rsa2048-sha1-v1.0-signer-not-first.tlv")
                        .toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        List<String> blocks = recordBlocks(r.stdout(), "ITL");
        assertEquals(4, blocks.size());
        assertTrue(blocks.get(2).contains("This etoken was used to sign the ITL file."), blocks.get(2));
        assertFalse(r.stdout().contains("was not used"));
    }

    @Test
    void ctlWording() {
        CliRun r = CliRun.run(
                "show",
                certutils().resolve("itl/ctl-rsa2048-sha1-v1.0-ctlfile.tlv").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.startsWith("The checksum value of the CTL file:\n"), out);
        assertTrue(out.contains("\nCTL Record #:4\n"), out);
        assertFalse(out.contains("ITL Record") || out.contains("ITL file") || out.contains("ITL File"), out);
        assertTrue(out.contains("This etoken was used to sign the CTL file."), out);
        assertTrue(out.endsWith("The CTL file was verified successfully.\n"), out);
    }

    @ParameterizedTest
    @MethodSource("sgnVectors")
    void showsSignedFilesAndVerifiesThemOnlyWithTrust(Vector v) throws IOException {
        CliRun r = CliRun.run("show", v.file().toString());
        // not verified without --trust: show exits as verify does (issue 9)
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        String out = r.stdout();
        long payload = Files.size(certutils().resolve(v.path().replaceFirst("\\.sgn$", "")));
        assertTrue(
                out.startsWith(
                        "The checksum value of the signed file:\n" + v.md5() + " (MD5)\n" + v.sha1() + " (SHA1)\n"),
                out);
        assertTrue(out.contains("\nLength of signed file: " + v.size() + "\n"), out);
        assertTrue(
                out.contains(
                        "\nPayload: " + payload + " bytes (offset " + (v.size() - payload) + " to " + v.size() + ")\n"),
                out);
        assertTrue(out.contains("\nThe signed file was not verified: "), out);
        assertFalse(out.contains("Record #:"), out);

        r = CliRun.run(
                "show",
                "--trust",
                certutils().resolve("certs/" + v.signerCert() + ".crt.pem").toString(),
                v.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(
                r.stdout().contains("\nThe signed file was verified successfully.\nTrust anchor: certificate "),
                r.stdout());

        r = CliRun.run(
                "show",
                "--trust",
                certutils().resolve("certs/ccm-rsa2048.crt.pem").toString(),
                v.file().toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\nThe signed file was NOT verified: "), r.stdout());
    }

    @Test
    void tamperedFileShowsTheFailureAndExits1(@TempDir Path dir) throws IOException {
        Path src = certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n02.tlv");
        Path bad = tamperedTimestamp(src, dir);
        CliRun r = CliRun.run("show", bad.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(
                r.stdout().contains("\nThe ITL file was NOT verified: SIGNATURE_INVALID\n  error SIGNATURE_INVALID: "),
                r.stdout());
    }

    @Test
    void unknownRolesAndTagsArePrintedNotFatal(@TempDir Path dir) throws IOException {
        Path src = certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n02.tlv");
        ItlFile f = ItlReader.defaults().readTrustList(src);
        byte[] b = Files.readAllBytes(src);
        ItlRecord rec = f.records().get(1);
        int function = fieldValueOffset(f, 1, field(rec, RecordTags.FUNCTION));
        b[function] = 0;
        b[function + 1] = 77;
        int sig = fieldValueOffset(f, 1, field(rec, RecordTags.SIGNATURE)) - 3;
        assertEquals(RecordTags.SIGNATURE, b[sig]);
        b[sig] = 99;
        Path p = dir.resolve("odd.tlv");
        Files.write(p, b);
        CliRun r = CliRun.run("show", p.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr()); // the signature no longer matches
        String out = r.stdout();
        assertTrue(out.contains("\n4       FUNCTION              2       Unknown role 77\n"), out);
        assertTrue(
                Pattern.compile("\n99 +UNKNOWN\\(99\\) +256 +\\p{XDigit}{64}\u2026 \\(256 bytes\\)\n")
                        .matcher(out)
                        .find(),
                out);
        assertTrue(out.contains("SIGNATURE_INVALID"), out);
    }

    @Test
    void verboseAddsTheValuesCiscoLeavesOut() {
        CliRun r = CliRun.run(
                "show",
                "--verbose",
                certutils().resolve("itl/itl-rsa1024-sha512-v1.0-allroles.tlv").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.contains("\n8       DIGESTALGORTITHM      1       SHA-512\n"), out);
        assertTrue(out.contains("\n11      SIGNATUREMODULUS      1       1024-bit\n"), out);
        assertTrue(out.contains("\n14      FILENAME              12      ITLFile.tlv\n"), out);
        assertTrue(out.contains("(1795735026)\n"), out);
    }

    @Test
    void jsonHasOneObjectPerFile() throws IOException {
        Path itl = certutils().resolve("itl/itl-rsa2048-sha1-v1.0-2sast.tlv");
        Path sgn = certutils().resolve("sgn/dialplan.xml.sgn");
        CliRun r = CliRun.run("show", "--json", itl.toString(), sgn.toString(), "missing.tlv");
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        JsonTree.Obj doc = (JsonTree.Obj) JsonTree.parse(Bytes.wrapOwned(r.stdoutBytes()));
        assertEquals("itl4j-show", ((JsonTree.Str) doc.fields().get("format")).value());
        List<JsonTree.Node> files = ((JsonTree.Arr) doc.fields().get("files")).items();
        assertEquals(3, files.size());
        JsonTree.Obj a = (JsonTree.Obj) files.get(0);
        assertEquals("ITL", str(a, "kind"));
        assertEquals("437d1d83ea505f2423c31a324c0fe7692856b754", str(a, "sha1"));
        assertEquals("55867610fea4175dc3337c056bf39a84", str(a, "md5"));
        List<JsonTree.Node> records = ((JsonTree.Arr) a.fields().get("records")).items();
        assertEquals(5, records.size());
        JsonTree.Obj r1 = (JsonTree.Obj) records.get(0);
        JsonTree.Obj r2 = (JsonTree.Obj) records.get(1);
        assertEquals(Role.SAST.name(), str(r1, "role"));
        assertTrue(((JsonTree.Bool) r1.fields().get("signedTheFile")).value());
        assertFalse(((JsonTree.Bool) r2.fields().get("signedTheFile")).value());
        assertEquals("0d082d4ed7aebf2cdaf9326c7d5ef20953013357", str(r1, "certificateSha1"));
        JsonTree.Obj ver = (JsonTree.Obj) a.fields().get("verification");
        assertTrue(((JsonTree.Bool) ver.fields().get("verified")).value());
        JsonTree.Obj b = (JsonTree.Obj) files.get(1);
        assertEquals("signed", str(b, "kind"));
        assertInstanceOf(JsonTree.Obj.class, b.fields().get("payload"));
        assertFalse(((JsonTree.Bool)
                        ((JsonTree.Obj) b.fields().get("verification")).fields().get("checked"))
                .value());
        JsonTree.Obj c = (JsonTree.Obj) files.get(2);
        assertInstanceOf(JsonTree.Obj.class, c.fields().get("error"));
    }

    @Test
    void malformedInputExits3() {
        CliRun r = CliRun.run("not an ITL".getBytes(), "show", "-");
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertTrue(r.stderr().startsWith("itl: <stdin>: "), r.stderr());
    }

    static String str(JsonTree.Obj o, String field) {
        return ((JsonTree.Str) o.fields().get(field)).value();
    }
}
