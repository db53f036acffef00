package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.cli.ShowCommandTest.Vector;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.tlv.Tlv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static Path v(String rel) {
        return ShowCommandTest.certutils().resolve(rel);
    }

    private static String[] lines(CliRun r) {
        return r.stdout().split("\n");
    }

    @Test
    void everyTrustListVectorVerifiesInOneRun() throws IOException {
        List<Vector> itls = ShowCommandTest.itlVectors().toList();
        List<String> args = new ArrayList<>(List.of("verify"));
        itls.forEach(x -> args.add(x.file().toString()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stderr());
        String[] lines = lines(r);
        assertEquals(itls.size(), lines.length, r.stdout()); // one line each: no problem at all
        for (int i = 0; i < itls.size(); i++) {
            String kind = itls.get(i).name().startsWith("ctl") ? "CTL" : "ITL";
            assertTrue(lines[i].startsWith(itls.get(i).file() + ": OK - " + kind + ", signer \""), lines[i]);
            assertTrue(lines[i].contains("(record "), lines[i]);
            assertTrue(lines[i].endsWith(", anchor: none (no --trust: checked against itself only)"), lines[i]);
        }
    }

    @Test
    void tamperedCopiesFailWithTheirCode(@TempDir Path dir) throws IOException {
        Path src = v("itl/itl-rsa1024-sha1-v1.0-allroles.tlv");
        ItlFile f = ItlReader.defaults().readTrustList(src);
        Path inHeader = ShowCommandTest.tamperedTimestamp(src, dir);
        CliRun r = CliRun.run("verify", src.toString(), inHeader.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        String[] lines = lines(r);
        assertEquals(3, lines.length, r.stdout());
        assertTrue(lines[0].startsWith(src + ": OK"), lines[0]);
        assertTrue(lines[1].startsWith(inHeader + ": FAILED SIGNATURE_INVALID - ITL"), lines[1]);
        assertTrue(lines[2].startsWith("  error SIGNATURE_INVALID: "), lines[2]);

        // a flipped bit in the last record's certificate: the signature fails, and the record's fields no longer
        // match its certificate
        Path inRecord = ShowCommandTest.tampered(src, dir, (int) Files.size(src) - 1);
        r = CliRun.run("verify", inRecord.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        assertTrue(r.stdout().startsWith(inRecord + ": FAILED SIGNATURE_INVALID - ITL"), r.stdout());
        assertTrue(r.stdout().contains("\n  error SIGNATURE_INVALID: "), r.stdout());

        // a flipped bit in the signature itself
        Path inSig = ShowCommandTest.tampered(src, dir, f.header().signatureOffset() + 3 + 10);
        r = CliRun.run("verify", inSig.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        assertTrue(r.stdout().startsWith(inSig + ": FAILED SIGNATURE_INVALID"), r.stdout());
    }

    @Test
    void signerValidityIsAWarningOrWithStrictValidityAnError() {
        // the vector's signer certificate is valid from 2026-11-26 to 2036-11-26
        String src = v("itl/itl-rsa1024-sha1-v1.0-allroles.tlv").toString();
        CliRun r = CliRun.run("verify", "--now", "2030-01-01", src);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertFalse(r.stdout().contains("SIGNER_EXPIRED"), r.stdout());

        r = CliRun.run("verify", "--now", "2100-01-01", src);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("\n  warning SIGNER_EXPIRED: "), r.stdout());
        assertTrue(r.stdout().contains("2036-11-26T00:00:00Z (checked at 2100-01-01T00:00:00Z)"), r.stdout());

        r = CliRun.run("verify", "--strict-validity", "--now", "2100-01-01", src);
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith(src + ": FAILED SIGNER_EXPIRED"), r.stdout());

        r = CliRun.run("verify", "--now", "2000-01-01T00:00:00Z", src);
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("\n  warning SIGNER_NOT_YET_VALID: "), r.stdout());
        r = CliRun.run("verify", "--strict-validity", "--now", "2000-01-01", src);
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith(src + ": FAILED SIGNER_NOT_YET_VALID"), r.stdout());

        // show shares the verdict
        r = CliRun.run("show", "--strict-validity", "--now", "2100-01-01", src);
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("SIGNER_EXPIRED"), r.stdout());

        r = CliRun.run("verify", "--now", "yesterday", src);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stdout() + r.stderr());
    }

    @Test
    void sgnSignerValidity() throws IOException {
        Vector s = ShowCommandTest.sgnVectors().findFirst().orElseThrow();
        String cert = v("certs/" + s.signerCert() + ".crt.pem").toString();
        CliRun r = CliRun.run(
                "verify", "--trust", cert, "--now", "2100-01-01", s.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("\n  warning SIGNER_EXPIRED: "), r.stdout());
        r = CliRun.run(
                "verify",
                "--trust",
                cert,
                "--strict-validity",
                "--now",
                "2000-01-01",
                s.file().toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith(s.file() + ": FAILED SIGNER_NOT_YET_VALID"), r.stdout());
    }

    @Test
    void sgnNeedsATrustSource() throws IOException {
        for (Vector s : ShowCommandTest.sgnVectors().toList()) {
            CliRun r = CliRun.run("verify", s.file().toString());
            assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), s.path());
            assertTrue(r.stdout().startsWith(s.file() + ": FAILED NO_SIGNER - signed file"), r.stdout());

            r = CliRun.run(
                    "verify",
                    "--trust",
                    v("certs/" + s.signerCert() + ".crt.pem").toString(),
                    s.file().toString());
            assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().startsWith(s.file() + ": OK - signed file, signer \""), r.stdout());
            assertTrue(r.stdout().contains(", anchor: certificate \""), r.stdout());

            r = CliRun.run(
                    "verify",
                    "--trust",
                    v("certs/ccm-rsa2048.crt.pem").toString(),
                    s.file().toString());
            assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), s.path());
            assertTrue(r.stdout().startsWith(s.file() + ": FAILED "), r.stdout());
        }
    }

    @Test
    void aPemWithSeveralCertificatesAnchorsEach(@TempDir Path dir) throws IOException {
        Path both = dir.resolve("both.pem");
        Files.writeString(
                both,
                Files.readString(v("certs/ccm-rsa2048.crt.pem"))
                        + Files.readString(v("certs/tftp-rsa2048.crt.pem"))
                        + Files.readString(v("certs/sast-rsa1024.crt.pem")));
        CliRun r = CliRun.run(
                "verify",
                "--trust",
                both.toString(),
                v("sgn/SEP001122334455.cnf.xml.sgn").toString(),
                v("sgn/SEP0011223344BB.cnf.xml.sgn").toString(),
                v("itl/itl-rsa1024-sha1-v1.0-allroles.tlv").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        for (String line : lines(r)) {
            assertTrue(line.contains(": OK - "), line);
            assertTrue(line.contains(", anchor: certificate \"") && line.endsWith(" from " + both), line);
        }
    }

    @Test
    void aTrustListAsAnchor() {
        Path anchor = v("itl/itl-rsa2048-sha1-v1.0-allroles.tlv"); // SAST sast-rsa2048, TFTP tftp-rsa2048
        // an ITL signed by the same SAST
        CliRun r = CliRun.run(
                "verify",
                "--trust",
                anchor.toString(),
                v("itl/itl-rsa2048-sha1-v1.0-n02.tlv").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().endsWith(", anchor: record 1 (SAST) of " + anchor + "\n"), r.stdout());
        // a .sgn signed by its TFTP record
        r = CliRun.run(
                "verify",
                "--trust",
                anchor.toString(),
                v("sgn/SEP0011223344AA.cnf.xml.sgn").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().endsWith(", anchor: record 4 (TFTP) of " + anchor + "\n"), r.stdout());
        // an ITL whose SAST is another key
        Path other = v("itl/itl-rsa1024-sha1-v1.0-allroles.tlv");
        r = CliRun.run("verify", "--trust", anchor.toString(), other.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        assertTrue(r.stdout().startsWith(other + ": FAILED SIGNER_NOT_TRUSTED - ITL"), r.stdout());
        assertTrue(r.stdout().contains(", anchor: none matched\n"), r.stdout());
        // a .sgn whose signer is not a TFTP record of the list (signed by a SAST key)
        r = CliRun.run(
                "verify",
                "--trust",
                anchor.toString(),
                v("sgn/dialplan.xml.sgn").toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout());
    }

    @Test
    void aTrustListThatDoesNotVerifyIsNotUsed(@TempDir Path dir) throws IOException {
        Path src = v("itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
        Path bad = ShowCommandTest.tamperedTimestamp(src, dir);
        CliRun r = CliRun.run(
                "verify",
                "--trust",
                bad.toString(),
                v("itl/itl-rsa2048-sha1-v1.0-n02.tlv").toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        assertTrue(
                r.stderr()
                        .startsWith("itl: --trust " + bad + ": the trust list itself does not verify "
                                + "(SIGNATURE_INVALID); no file is checked against it"),
                r.stderr());
        assertEquals("", r.stdout()); // fail closed: no file passes for lack of its anchor
        // show, too
        r = CliRun.run(
                "show",
                "--trust",
                bad.toString(),
                v("itl/itl-rsa2048-sha1-v1.0-n02.tlv").toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        assertEquals("", r.stdout());
        // JSON: the trust source says it was not used
        r = CliRun.run(
                "verify",
                "--json",
                "--trust",
                bad.toString(),
                v("itl/itl-rsa2048-sha1-v1.0-n02.tlv").toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode());
        JsonTree.Obj doc = (JsonTree.Obj) JsonTree.parse(Bytes.wrapOwned(r.stdoutBytes()));
        JsonTree.Obj source = (JsonTree.Obj)
                ((JsonTree.Arr) doc.fields().get("trust")).items().get(0);
        assertFalse(((JsonTree.Bool) source.fields().get("used")).value());
        assertTrue(((JsonTree.Arr) doc.fields().get("files")).items().isEmpty());
    }

    @Test
    void badTrustArgumentsAreRefused(@TempDir Path dir) throws IOException {
        Path itl = v("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        CliRun r = CliRun.run("verify", "--trust", v("sgn/dialplan.xml.sgn").toString(), itl.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("", r.stdout());
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
        r = CliRun.run("verify", "--trust", junk.toString(), itl.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("itl: --trust " + junk + ": "), r.stderr());
        r = CliRun.run("verify", "--trust", dir.resolve("missing.pem").toString(), itl.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        r = CliRun.run("verify", "--trust", "-", itl.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
    }

    @Test
    void warningsAsErrors(@TempDir Path dir) throws Exception {
        // re-sign n02 with its own key after changing record 2's SERIALNUMBER: signed and authentic, but
        // inconsistent, so the verifier warns
        Path src = v("itl/itl-rsa2048-sha1-v1.0-n02.tlv");
        ItlFile f = ItlReader.defaults().readTrustList(src);
        ItlRecord r2 = f.records().get(1);
        List<Tlv> fields = new ArrayList<>();
        for (Tlv t : r2.fields()) {
            if (t.tag() == RecordTags.SERIAL_NUMBER) {
                byte[] s = t.value().toByteArray();
                s[s.length - 1] ^= 1;
                t = new Tlv(t.tag(), Bytes.wrapOwned(s));
            }
            fields.add(t);
        }
        ItlFile changed = ItlFile.of(f.header(), List.of(f.records().get(0), ItlRecord.of(fields)));
        ItlSigner signer = ItlSigner.builder(KeyLoader.defaults().pem(v("certs/sast-rsa2048.pem"), null))
                .build();
        Path p = dir.resolve("warned.tlv");
        Files.write(p, signer.sign(changed).encoded().toByteArray());

        CliRun r = CliRun.run("verify", p.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(
                Pattern.compile("(?m)^  warning SERIAL_NUMBER_MISMATCH: .*\\(record 2\\)")
                        .matcher(r.stdout())
                        .find(),
                r.stdout());
        r = CliRun.run("verify", "--warnings-as-errors", p.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stdout());
        assertTrue(r.stdout().startsWith(p + ": FAILED SERIAL_NUMBER_MISMATCH - ITL"), r.stdout());
    }

    @Test
    void json(@TempDir Path dir) throws IOException {
        Path ok = v("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        Path sgn = v("sgn/SEP001122334455.cnf.xml.sgn");
        CliRun r = CliRun.run(
                "verify",
                "--json",
                "--trust",
                v("certs/sast-rsa2048.crt.pem").toString(),
                ok.toString(),
                sgn.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        JsonTree.Obj doc = (JsonTree.Obj) JsonTree.parse(Bytes.wrapOwned(r.stdoutBytes()));
        assertEquals("itl4j-verify", ShowCommandTest.str(doc, "format"));
        assertFalse(((JsonTree.Bool) doc.fields().get("verified")).value());
        List<JsonTree.Node> trust = ((JsonTree.Arr) doc.fields().get("trust")).items();
        assertEquals("certificates", ShowCommandTest.str((JsonTree.Obj) trust.get(0), "kind"));
        List<JsonTree.Node> files = ((JsonTree.Arr) doc.fields().get("files")).items();
        JsonTree.Obj a = (JsonTree.Obj) ((JsonTree.Obj) files.get(0)).fields().get("verification");
        assertTrue(((JsonTree.Bool) a.fields().get("verified")).value());
        assertEquals(
                "CERTIFICATE", ShowCommandTest.str((JsonTree.Obj) a.fields().get("anchor"), "kind"));
        JsonTree.Obj b = (JsonTree.Obj) ((JsonTree.Obj) files.get(1)).fields().get("verification");
        assertFalse(((JsonTree.Bool) b.fields().get("verified")).value());
        List<JsonTree.Node> errors = ((JsonTree.Arr) b.fields().get("errors")).items();
        assertEquals("NO_SIGNER", ShowCommandTest.str((JsonTree.Obj) errors.get(0), "code"));
    }

    /** Issue 9 item 5: the signer's CERTIFICATE as 4,000 nested {@code 30 80} levels (16 KB). */
    static Path deeplyNestedSignerCertificate(Path dir) throws IOException {
        ItlFile f = ItlReader.defaults().readTrustList(v("itl/itl-rsa1024-sha1-v1.0-allroles.tlv"));
        byte[] deep = new byte[4000 * 4];
        for (int i = 0; i < 4000; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = (byte) 0x80;
        }
        List<Tlv> fields = new ArrayList<>();
        for (Tlv t : f.records().get(0).fields()) {
            fields.add(t.tag() == RecordTags.CERTIFICATE ? new Tlv(t.tag(), Bytes.wrapOwned(deep)) : t);
        }
        List<ItlRecord> rs = new ArrayList<>(f.records());
        rs.set(0, ItlRecord.of(fields));
        return Files.write(
                dir.resolve("deep.tlv"), ItlFile.of(f.header(), rs).encoded().toByteArray());
    }

    @Test
    void deeplyNestedCertificateIsOneCodedLineAndTheBatchGoesOn(@TempDir Path dir) throws IOException {
        Path deep = deeplyNestedSignerCertificate(dir);
        Path ok = v("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        CliRun r = CliRun.run("verify", deep.toString(), ok.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        String[] lines = lines(r);
        assertTrue(lines[0].startsWith(deep + ": FAILED CERTIFICATE_ENCODING_REFUSED - ITL"), r.stdout());
        assertTrue(lines[1].startsWith("  error CERTIFICATE_ENCODING_REFUSED: "), r.stdout());
        assertTrue(lines[lines.length - 1].startsWith(ok + ": OK"), r.stdout());

        CliRun show = CliRun.run("show", deep.toString(), ok.toString());
        assertEquals("", show.stderr());
        assertTrue(show.stdout().contains("CERTIFICATE_ENCODING_REFUSED"), show.stdout());
        assertTrue(show.stdout().contains(ok.toString()), show.stdout());

        CliRun json = CliRun.run("verify", "--json", deep.toString(), ok.toString());
        assertEquals(ExitCodes.CHECK_FAILED, json.exitCode(), json.stderr());
        JsonTree.Obj doc = (JsonTree.Obj) JsonTree.parse(Bytes.wrapOwned(json.stdoutBytes()));
        List<JsonTree.Node> files = ((JsonTree.Arr) doc.fields().get("files")).items();
        assertEquals(2, files.size());
        JsonTree.Obj a = (JsonTree.Obj) ((JsonTree.Obj) files.get(0)).fields().get("verification");
        List<JsonTree.Node> errors = ((JsonTree.Arr) a.fields().get("errors")).items();
        assertEquals("CERTIFICATE_ENCODING_REFUSED", ShowCommandTest.str((JsonTree.Obj) errors.get(0), "code"));
        CliRun showJson = CliRun.run("show", "--json", deep.toString(), ok.toString());
        assertEquals("", showJson.stderr());
        assertTrue(showJson.stdout().contains("CERTIFICATE_ENCODING_REFUSED"), showJson.stdout());
    }
}
