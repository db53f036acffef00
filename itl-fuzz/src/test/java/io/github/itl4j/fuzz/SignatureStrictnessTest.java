package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Signature strictness: files re-signed with the vectors' own keys (plain JCA over {@code signedParts()}) but bent
 * in one way each must be rejected, as a format error or as a failed verification with a specific problem code.
 * A control re-signs without bending anything and must verify, so the negative cases are not vacuous.
 */
class SignatureStrictnessTest {
    /** One SAST record, RSA-2048, SHA-1, signed by {@code sast-rsa2048}. */
    private static final Path N01 = Vectors.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
    /** SAST + six other roles, including TFTP ({@code tftp-rsa2048}). */
    private static final Path ALLROLES = Vectors.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv");
    /** A .sgn signed by {@code tftp-rsa2048} with SHA-1. */
    private static final Path SGN = Vectors.certutils().resolve("sgn/SEP001122334455.cnf.xml.sgn");

    private static final ItlVerifier SELF = ItlVerifier.builder().build();
    private static final PrivateKey SAST_KEY = Sweeps.privateKey("sast-rsa2048");
    private static final PrivateKey TFTP_KEY = Sweeps.privateKey("tftp-rsa2048");

    private static ItlFile read(Path p) throws ItlException {
        return ItlReader.defaults().readTrustList(Bytes.wrapOwned(Vectors.bytes(p)));
    }

    private static VerificationResult verify(byte[] data) throws ItlException {
        return SELF.verify(ItlReader.defaults().read(Bytes.wrapOwned(data)));
    }

    /** Fills in the reserved SIGNATURE of {@code f} with a JCA signature over its signed parts. */
    private static byte[] signed(SignedFile f, PrivateKey key, String digest) {
        byte[] sig = Sweeps.sign(f.signedParts(), key, digest);
        return f.withSignature(Bytes.wrapOwned(sig)).encoded().toByteArray();
    }

    /** Replaces every plain TLV with {@code tag} (inside containers too). */
    private static List<TlvElement> replace(List<TlvElement> els, int tag, UnaryOperator<Tlv> op) {
        List<TlvElement> out = new ArrayList<>();
        for (TlvElement e : els) {
            if (e instanceof Container c) {
                out.add(new Container(c.tag(), replace(c.children(), tag, op)));
            } else if (e instanceof Tlv t && t.tag() == tag) {
                out.add(op.apply(t));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static ItlHeader withValue(ItlHeader h, int tag, Bytes value) {
        return ItlHeader.of(replace(h.elements(), tag, t -> new Tlv(tag, value)));
    }

    private static Bytes u8(int v) {
        return Bytes.wrapOwned(new byte[] {(byte) v});
    }

    private static Bytes u32(long v) {
        return Bytes.wrapOwned(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static void assertRejected(VerificationResult r, ProblemCode code) {
        assertFalse(r.isVerified(), () -> "verified: " + r.problems());
        assertTrue(
                r.errors().stream().anyMatch(p -> p.code() == code), () -> "no error " + code + " in " + r.problems());
    }

    @Test
    void controlReSigningWithTheSameKeyVerifies() throws Exception {
        ItlFile f = read(N01);
        ItlFile retimed = f.withHeader(withValue(f.header(), HeaderTags.TIMESTAMP, u32(1_800_000_000L)));
        assertTrue(verify(signed(retimed, SAST_KEY, "SHA1")).isVerified());
        SgnFile s = ItlReader.defaults().readSigned(Bytes.wrapOwned(Vectors.bytes(SGN)));
        byte[] sgn = signed(SgnFile.of(s.header(), s.payload()), TFTP_KEY, "SHA1");
        assertTrue(ItlVerifier.builder()
                .build()
                .verifySigned(
                        ItlReader.defaults().readSigned(Bytes.wrapOwned(sgn)),
                        Sweeps.certificate(Vectors.cert("tftp-rsa2048.crt.pem")))
                .isVerified());
    }

    @Test
    void aSignatureShortByALeadingZeroByteIsRejected() throws Exception {
        // Find a timestamp whose signature starts with 0x00, and store it without that byte: numerically the same
        // RSA value, so a verifier that converts the signature to an integer would accept it.
        ItlFile f = read(N01);
        for (long ts = 1_800_000_000L; ; ts++) {
            ItlHeader h = withValue(
                    withValue(f.header(), HeaderTags.TIMESTAMP, u32(ts)),
                    HeaderTags.SIGNATURE,
                    Bytes.wrapOwned(new byte[255]));
            ItlFile candidate = f.withHeader(h);
            byte[] sig = Sweeps.sign(candidate.signedParts(), SAST_KEY, "SHA1");
            if (sig[0] != 0) {
                continue;
            }
            Bytes short255 = Bytes.copyOf(sig, 1, 255);
            byte[] file = candidate.withSignature(short255).encoded().toByteArray();
            Signature jca = Signature.getInstance("SHA1withRSA");
            jca.initVerify(Sweeps.signerCertificate(N01).getPublicKey());
            for (Bytes b : candidate.signedParts()) {
                jca.update(b.asByteBuffer());
            }
            assertTrue(jca.verify(sig), "the 256-byte form is a valid signature");
            assertRejected(verify(file), ProblemCode.SIGNATURE_MODULUS_MISMATCH);
            return;
        }
    }

    @Test
    void aSignatureLongerThanTheModulusIsRejected() throws Exception {
        ItlFile f = read(N01);
        ItlFile h257 = f.withHeader(withValue(f.header(), HeaderTags.SIGNATURE, Bytes.wrapOwned(new byte[257])));
        byte[] sig = Sweeps.sign(h257.signedParts(), SAST_KEY, "SHA1");
        byte[] padded = new byte[257];
        System.arraycopy(sig, 0, padded, 1, 256);
        assertRejected(
                verify(h257.withSignature(Bytes.wrapOwned(padded)).encoded().toByteArray()),
                ProblemCode.SIGNATURE_MODULUS_MISMATCH);
    }

    @Test
    void aSignatureOfTheWrongSizeForTheKeyIsRejectedEvenIfTheModulusCodeAgrees() throws Exception {
        // Header says 1024-bit (code 1, 128 bytes), the SAST key is 2048-bit: signed by a 1024-bit key.
        ItlFile f = read(N01);
        ItlHeader h = withValue(
                withValue(f.header(), HeaderTags.SIGNATURE_MODULUS, u8(1)),
                HeaderTags.SIGNATURE,
                Bytes.wrapOwned(new byte[128]));
        byte[] file = signed(f.withHeader(h), Sweeps.privateKey("sast-rsa1024"), "SHA1");
        assertRejected(verify(file), ProblemCode.SIGNATURE_LENGTH_MISMATCH);
    }

    @Test
    void theDigestCodeMustBeTheDigestThatWasSigned() throws Exception {
        ItlFile f = read(N01);
        String[][] cases = {{"3", "SHA1"}, {"1", "SHA512"}, {"2", "SHA1"}, {"1", "SHA256"}, {"3", "SHA256"}};
        for (String[] c : cases) {
            ItlFile g = f.withHeader(withValue(f.header(), HeaderTags.DIGEST_ALGORITHM, u8(Integer.parseInt(c[0]))));
            assertRejected(verify(signed(g, SAST_KEY, c[1])), ProblemCode.SIGNATURE_INVALID);
        }
        // control: code 3 signed with SHA-512 verifies
        ItlFile g = f.withHeader(withValue(f.header(), HeaderTags.DIGEST_ALGORITHM, u8(3)));
        assertTrue(verify(signed(g, SAST_KEY, "SHA512")).isVerified());
        for (int unknown : new int[] {0, 4, 255}) {
            ItlFile u = f.withHeader(withValue(f.header(), HeaderTags.DIGEST_ALGORITHM, u8(unknown)));
            assertRejected(verify(signed(u, SAST_KEY, "SHA1")), ProblemCode.UNKNOWN_DIGEST_ALGORITHM);
        }
    }

    @Test
    void theSignatureAlgorithmMustBeRsa() throws Exception {
        ItlFile f = read(N01);
        ItlFile g = f.withHeader(withValue(f.header(), HeaderTags.SIGNATURE_ALGORITHM, u8(1)));
        assertRejected(verify(signed(g, SAST_KEY, "SHA1")), ProblemCode.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }

    @Test
    void aSignerThatIsNotSastIsRejected() throws Exception {
        // (a) the header names the TFTP record and the TFTP key signs
        ItlFile f = read(ALLROLES);
        ItlRecord tftp = f.records().stream()
                .filter(r -> r.role().filter(Role.TFTP::equals).isPresent())
                .findFirst()
                .orElseThrow();
        ItlHeader h = f.header()
                .withSigner(new ItlHeader.Signer(
                        tftp.value(RecordTags.SUBJECT_NAME).orElseThrow(),
                        tftp.serialNumber().orElseThrow(),
                        tftp.value(RecordTags.ISSUER_NAME).orElseThrow(),
                        256,
                        null,
                        null));
        byte[] byTftp = signed(f.withHeader(h), TFTP_KEY, "SHA1");
        assertRejected(verify(byTftp), ProblemCode.SIGNER_WRONG_ROLE);
        X509Certificate tftpCert = Sweeps.certificate(Vectors.cert("tftp-rsa2048.crt.pem"));
        VerificationResult anchored = ItlVerifier.builder()
                .trustCertificates(List.of(tftpCert))
                .build()
                .verify(ItlReader.defaults().read(byTftp));
        assertRejected(anchored, ProblemCode.SIGNER_WRONG_ROLE);

        // (b) the signer's own record loses its SAST role (FUNCTION 0 -> 2, CCM+TFTP), re-signed by the same key
        ItlFile n01 = read(N01);
        List<ItlRecord> records = new ArrayList<>();
        for (ItlRecord r : n01.records()) {
            List<Tlv> fields = new ArrayList<>();
            for (Tlv t : r.fields()) {
                fields.add(t.tag() == RecordTags.FUNCTION ? new Tlv(t.tag(), Bytes.wrapOwned(new byte[] {0, 2})) : t);
            }
            records.add(ItlRecord.of(fields));
        }
        assertRejected(
                verify(signed(ItlFile.of(n01.header(), records), SAST_KEY, "SHA1")), ProblemCode.SIGNER_WRONG_ROLE);
    }

    /** Inserts {@code insert} at {@code at} and adds its size to HEADERLENGTH (offset 8). */
    private static byte[] insertIntoHeader(byte[] data, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, at);
        out.writeBytes(insert);
        out.write(data, at, data.length - at);
        byte[] r = out.toByteArray();
        int h = ((r[8] & 0xFF) << 8 | (r[9] & 0xFF)) + insert.length;
        r[8] = (byte) (h >>> 8);
        r[9] = (byte) h;
        return r;
    }

    private static byte[] signatureTlv(SignedFile f) {
        int off = f.header().signatureOffset();
        return f.encoded().slice(off, 3 + f.header().signatureLength()).toByteArray();
    }

    @Test
    void moreThanOneSignatureIsAFormatError() throws Exception {
        for (Path p : List.of(N01, SGN)) {
            byte[] data = Vectors.bytes(p);
            SignedFile f = ItlReader.defaults().read(data);
            int off = f.header().signatureOffset();
            byte[] sig = signatureTlv(f);
            // a second copy right after the first, and one at the end of the header
            for (int at : new int[] {off + sig.length, f.header().length()}) {
                byte[] twice = insertIntoHeader(data, at, sig);
                ItlFormatException e = assertThrows(
                        ItlFormatException.class, () -> ItlReader.defaults().read(twice));
                assertEquals(HeaderTags.SIGNATURE, e.tag(), e::getMessage);
            }
        }
    }

    @Test
    void aSignatureInsideAContainerIsAFormatError() throws Exception {
        byte[] data = Vectors.bytes(N01);
        ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(data));
        byte[] sig = signatureTlv(f);
        int sigOff = f.header().signatureOffset();
        // remove the SIGNATURE TLV, then put it as the last child of SIGNERID or SIGNATUREINFO
        for (int container : new int[] {HeaderTags.SIGNER_ID, HeaderTags.SIGNATURE_INFO}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(data, 0, sigOff);
            out.write(data, sigOff + sig.length, data.length - sigOff - sig.length);
            byte[] without = out.toByteArray();
            int cOff = indexOfTopLevel(without, container);
            int cLen = (without[cOff + 1] & 0xFF) << 8 | (without[cOff + 2] & 0xFF);
            byte[] moved = insertIntoHeader(without, cOff + 3 + cLen, sig);
            moved[cOff + 1] = (byte) ((cLen + sig.length) >>> 8);
            moved[cOff + 2] = (byte) (cLen + sig.length);
            ItlFormatException e = assertThrows(
                    ItlFormatException.class, () -> ItlReader.defaults().read(moved));
            assertEquals(HeaderTags.SIGNATURE, e.tag(), e::getMessage);
        }
    }

    /** Offset of the top-level header element with {@code tag} (containers are 3-byte markers when walking). */
    private static int indexOfTopLevel(byte[] d, int tag) {
        int pos = 0;
        while (true) {
            int t = d[pos] & 0xFF;
            if (t == tag) {
                return pos;
            }
            int len = (d[pos + 1] & 0xFF) << 8 | (d[pos + 2] & 0xFF);
            pos += 3 + len;
        }
    }

    @Test
    void aSignatureOutsideTheHeaderIsNotASignature() throws Exception {
        // .sgn: the SIGNATURE TLV moved from the header to the start of the payload
        byte[] data = Vectors.bytes(SGN);
        SgnFile s = ItlReader.defaults().readSigned(Bytes.wrapOwned(data));
        byte[] sig = signatureTlv(s);
        int off = s.header().signatureOffset();
        int h = s.header().length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, off);
        out.write(data, off + sig.length, h - off - sig.length);
        out.writeBytes(sig);
        out.write(data, h, data.length - h);
        byte[] moved = out.toByteArray();
        int newH = h - sig.length;
        moved[8] = (byte) (newH >>> 8);
        moved[9] = (byte) newH;
        SgnFile m = ItlReader.defaults().readSigned(Bytes.wrapOwned(moved));
        assertEquals(-1, m.header().signatureOffset());
        VerificationResult r =
                ItlVerifier.builder().build().verifySigned(m, Sweeps.certificate(Vectors.cert("tftp-rsa2048.crt.pem")));
        assertRejected(r, ProblemCode.MISSING_HEADER_FIELD);

        // ITL: the SIGNATURE TLV moved between the header and the first record
        byte[] itl = Vectors.bytes(N01);
        ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(itl));
        byte[] isig = signatureTlv(f);
        int ioff = f.header().signatureOffset();
        int ih = f.header().length();
        out.reset();
        out.write(itl, 0, ioff);
        out.write(itl, ioff + isig.length, ih - ioff - isig.length);
        out.writeBytes(isig);
        out.write(itl, ih, itl.length - ih);
        byte[] imoved = out.toByteArray();
        imoved[8] = (byte) ((ih - isig.length) >>> 8);
        imoved[9] = (byte) (ih - isig.length);
        ItlFormatException e = assertThrows(
                ItlFormatException.class, () -> ItlReader.defaults().read(imoved));
        assertEquals(ih - isig.length, e.offset());
    }

    /** Appends {@code junk} inside the last record (RECORDLENGTH grows by its size), then re-signs if readable. */
    private static byte[] junkInLastRecord(Path p, byte[] junk) throws ItlException {
        byte[] data = Vectors.bytes(p);
        ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(data));
        int last = data.length - f.records().get(f.records().size() - 1).length();
        byte[] out = new byte[data.length + junk.length];
        System.arraycopy(data, 0, out, 0, data.length);
        System.arraycopy(junk, 0, out, data.length, junk.length);
        int rl = ((out[last + 3] & 0xFF) << 8 | (out[last + 4] & 0xFF)) + junk.length;
        out[last + 3] = (byte) (rl >>> 8);
        out[last + 4] = (byte) rl;
        return out;
    }

    @Test
    void bytesLeftOverInsideARecordAreAFormatError() throws Exception {
        for (byte[] junk : new byte[][] {{0}, {9}, {0, 0}, {(byte) 0xFF, 0x7F}, {9, 0, 1}}) {
            byte[] bad = junkInLastRecord(N01, junk);
            ItlFormatException e = assertThrows(
                    ItlFormatException.class, () -> ItlReader.defaults().read(bad));
            assertTrue(e.offset() >= bad.length - junk.length - 3 && e.offset() < bad.length, e::getMessage);
            assertThrows(ItlFormatException.class, () -> SELF.verify(new ByteArrayInputStream(bad)));
        }
        // A RECORDLENGTH that ends inside the record's last field
        byte[] data = Vectors.bytes(N01);
        int h = ItlReader.defaults().read(data).header().length();
        byte[] shorter = data.clone();
        int rl = ((shorter[h + 3] & 0xFF) << 8 | (shorter[h + 4] & 0xFF)) - 1;
        shorter[h + 3] = (byte) (rl >>> 8);
        shorter[h + 4] = (byte) rl;
        assertThrows(ItlFormatException.class, () -> ItlReader.defaults().read(shorter));
    }

    @Test
    void leftOverBytesThatFormAnUnknownFieldAreKeptAndReported() throws Exception {
        // Three or more left-over bytes can parse as a field with an unknown tag. Phones skip unknown TLVs
        // (docs/trust.md §5 R12), so a file a SAST key signed this way is authentic: it verifies, with a reader
        // warning, and fails under treatWarningsAsErrors.
        byte[] bad = Sweeps.resign(junkInLastRecord(N01, new byte[] {(byte) 0xEE, 0, 0}), SAST_KEY);
        ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(bad));
        assertTrue(f.warnings().stream().anyMatch(w -> w.code() == ItlWarning.Code.UNKNOWN_RECORD_TAG));
        VerificationResult r = SELF.verify(f);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertTrue(r.has(ProblemCode.READER_WARNING));
        assertFalse(ItlVerifier.builder()
                .treatWarningsAsErrors(true)
                .build()
                .verify(f)
                .isVerified());
        // without re-signing, the same bytes do not verify
        assertRejected(verify(junkInLastRecord(N01, new byte[] {(byte) 0xEE, 0, 0})), ProblemCode.SIGNATURE_INVALID);
    }

    @Test
    void leftOverBytesInsideAHeaderContainerAreAFormatError() throws Exception {
        byte[] data = Vectors.bytes(N01);
        int c = indexOfTopLevel(data, HeaderTags.SIGNER_ID);
        int len = (data[c + 1] & 0xFF) << 8 | (data[c + 2] & 0xFF);
        for (byte[] junk : new byte[][] {{0}, {4, 0}}) {
            byte[] bad = insertIntoHeader(data, c + 3 + len, junk);
            bad[c + 1] = (byte) ((len + junk.length) >>> 8);
            bad[c + 2] = (byte) (len + junk.length);
            assertThrows(ItlFormatException.class, () -> ItlReader.defaults().read(bad));
        }
    }
}
