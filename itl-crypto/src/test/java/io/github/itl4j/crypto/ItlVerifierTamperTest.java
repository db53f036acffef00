package io.github.itl4j.crypto;

import static io.github.itl4j.crypto.ItlVerifierTest.SELF;
import static io.github.itl4j.crypto.ItlVerifierTest.codes;
import static io.github.itl4j.crypto.ItlVerifierTest.errorCodes;
import static io.github.itl4j.crypto.ItlVerifierTest.itl;
import static io.github.itl4j.crypto.ItlVerifierTest.key;
import static io.github.itl4j.crypto.ItlVerifierTest.raw;
import static io.github.itl4j.crypto.ItlVerifierTest.resign;
import static io.github.itl4j.crypto.ItlVerifierTest.role;
import static io.github.itl4j.crypto.ItlVerifierTest.stream;
import static io.github.itl4j.crypto.ItlVerifierTest.withField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.tlv.TlvElement;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tampered, re-signed and hand-built trust lists: each defect gives its code, never an exception. */
class ItlVerifierTamperTest {
    private static final String ALLROLES = "itl-rsa2048-sha1-v1.0-allroles.tlv";

    private static byte[] vector() {
        return raw("itl/" + ALLROLES);
    }

    private static PrivateKey sastKey() throws Exception {
        return key("sast-rsa2048");
    }

    /** Offset of the value of the first record field with {@code tag} in record {@code index}. */
    private static int recordValueOffset(ItlFile f, int index, int tag) {
        int off = f.header().length();
        for (int i = 0; i < index; i++) {
            off += f.records().get(i).length();
        }
        ItlRecord r = f.records().get(index);
        for (int i = 0; i < r.fieldCount(); i++) {
            if (r.fieldTag(i) == tag) {
                return off + r.fieldOffset(i) + 3;
            }
        }
        throw new AssertionError("no tag " + tag);
    }

    /** Offset of the first byte of {@code pattern} in the header. */
    private static int find(byte[] b, int limit, int... pattern) {
        outer:
        for (int i = 0; i + pattern.length <= limit; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if ((b[i + k] & 0xFF) != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    /**
     * Streaming over the file's bytes gives the codes of an in-memory verification of the same bytes as read (a
     * built file has no reader warnings; read back, its bytes may have some), and those are {@code mem}'s codes
     * plus reader warnings only.
     */
    private static void assertSameCodesStreaming(ItlVerifier v, ItlFile f, VerificationResult mem) throws Exception {
        VerificationResult reread = v.verify(itl(f.encoded().toByteArray()));
        assertEquals(codes(reread), codes(stream(v, f.encoded())));
        List<String> withoutReader = new ArrayList<>(codes(reread));
        withoutReader.removeIf(c -> c.endsWith(" " + ProblemCode.READER_WARNING));
        assertEquals(codes(mem), withoutReader);
    }

    @Test
    void resignedUntouchedFileVerifies() throws Exception {
        ItlFile f = resign(itl(vector()), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(f);
        assertTrue(r.isVerified(), () -> r.problems().toString());
    }

    @Test
    void flippedByteInARecord() throws Exception {
        byte[] b = vector();
        ItlFile f = itl(b);
        b[recordValueOffset(f, 4, RecordTags.SUBJECT_NAME) + 3] ^= 0x01;
        ItlFile t = itl(b);
        VerificationResult r = SELF.verify(t);
        assertFalse(r.isVerified());
        assertEquals(List.of(ProblemCode.SIGNATURE_INVALID), errorCodes(r));
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void flippedByteInTheFileName() throws Exception {
        byte[] b = vector();
        int h = itl(b).header().length();
        int name = find(b, h, 14, 0, 12, 'I', 'T', 'L');
        b[name + 4] ^= 0x20; // "ItlFile.tlv"
        ItlFile t = itl(b);
        VerificationResult r = SELF.verify(t);
        assertEquals(List.of(ProblemCode.SIGNATURE_INVALID), errorCodes(r));
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void flippedByteInTheSignature() throws Exception {
        byte[] b = vector();
        ItlFile f = itl(b);
        b[f.header().signatureOffset() + 3 + 100] ^= 0x40;
        ItlFile t = itl(b);
        VerificationResult r = SELF.verify(t);
        assertFalse(r.isSignatureValid());
        assertEquals(List.of(ProblemCode.SIGNATURE_INVALID), errorCodes(r));
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void wrongSignatureModulus() throws Exception {
        byte[] b = vector();
        int h = itl(b).header().length();
        int m = find(b, h, 10, 0, 1, 0, 11, 0, 1, 2); // SIGNATUREALGORITHM 0, SIGNATUREMODULUS 2 (2048)
        b[m + 7] = 1; // claims 1024 bits
        ItlFile t = resign(itl(b), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertFalse(r.isVerified());
        assertTrue(r.isSignatureValid(), "re-signed: only the modulus field is wrong");
        assertEquals(List.of(ProblemCode.SIGNATURE_MODULUS_MISMATCH), errorCodes(r));
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void unknownDigestCodeNine() throws Exception {
        byte[] b = vector();
        int h = itl(b).header().length();
        int d = find(b, h, 7, 0, 15, 8, 0, 1);
        b[d + 6] = 9;
        ItlFile t = resign(itl(b), sastKey(), "SHA1withRSA");
        CountingProvider p = new CountingProvider();
        VerificationResult r = ItlVerifier.builder().provider(p).build().verify(t);
        assertFalse(r.isVerified());
        assertEquals(List.of(ProblemCode.UNKNOWN_DIGEST_ALGORITHM), errorCodes(r));
        assertEquals(9, r.digestAlgorithm().orElseThrow().code());
        assertEquals(0, p.instances.get(), "no RSA operation without a known digest");
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void headerWithoutSignature() throws Exception {
        ItlFile f = itl(vector());
        List<TlvElement> els = new ArrayList<>(f.header().elements());
        els.removeIf(e -> e.tag() == HeaderTags.SIGNATURE);
        ItlFile t = ItlFile.of(ItlHeader.of(els), f.records());
        VerificationResult r = SELF.verify(t);
        assertFalse(r.isVerified());
        assertTrue(r.errors().stream()
                .anyMatch(p -> p.code() == ProblemCode.MISSING_HEADER_FIELD
                        && p.params().equals(List.of(HeaderTags.name(HeaderTags.SIGNATURE)))));
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void headerSerialMatchingNoRecord() throws Exception {
        byte[] b = vector();
        ItlFile f = itl(b);
        int h = f.header().length();
        byte[] serial = f.header().serialNumber().orElseThrow().toByteArray();
        int s = find(b, h, 5, 0, serial.length, serial[0] & 0xFF, serial[1] & 0xFF);
        b[s + 3 + serial.length - 1] ^= 0x01;
        ItlFile t = itl(b);
        VerificationResult r = SELF.verify(t);
        assertEquals(List.of(ProblemCode.NO_SIGNER), errorCodes(r));
        assertFalse(r.signerRecordIndex().isPresent());
        assertSameCodesStreaming(SELF, t, r);
    }

    private static ItlFile replaceRecord(ItlFile f, int index, ItlRecord r) {
        List<ItlRecord> rs = new ArrayList<>(f.records());
        rs.set(index, r);
        return ItlFile.of(f.header(), rs);
    }

    /** {@code 30 80} nested {@code levels} times, closed by as many end-of-contents: 4 bytes a level. */
    static Bytes nestedIndefinite(int levels) {
        byte[] b = new byte[levels * 4];
        for (int i = 0; i < levels; i++) {
            b[2 * i] = 0x30;
            b[2 * i + 1] = (byte) 0x80;
        }
        return Bytes.wrapOwned(b);
    }

    /** {@code 30 82 LL LL} nested {@code levels} times (definite lengths), around one NULL. */
    static Bytes nestedDefinite(int levels) {
        byte[] b = new byte[levels * 4 + 2];
        for (int i = 0; i < levels; i++) {
            int len = b.length - 4 * (i + 1);
            b[4 * i] = 0x30;
            b[4 * i + 1] = (byte) 0x82;
            b[4 * i + 2] = (byte) (len >> 8);
            b[4 * i + 3] = (byte) len;
        }
        b[b.length - 2] = 0x05;
        return Bytes.wrapOwned(b);
    }

    /** Issue 9 item 5: a 16 KB CERTIFICATE of 4,000 nested levels in the signer's record overflowed the parser. */
    @Test
    void deeplyNestedSignerCertificateIsACodedErrorNotAStackOverflow() throws Exception {
        ItlFile f = itl(vector());
        for (Bytes hostile : List.of(nestedIndefinite(4000), nestedDefinite(4000))) {
            assertTrue(hostile.size() >= 16_000);
            ItlFile t = replaceRecord(f, 0, withField(f.records().get(0), RecordTags.CERTIFICATE, hostile));
            for (ItlVerifier v :
                    List.of(SELF, ItlVerifier.builder().checkRecords(false).build())) {
                VerificationResult r = v.verify(t);
                assertFalse(r.isVerified());
                assertEquals(List.of(ProblemCode.CERTIFICATE_ENCODING_REFUSED), errorCodes(r), r.toString());
                assertEquals(0, r.errors().get(0).recordIndex());
                assertSameCodesStreaming(v, t, r);
            }
            // in another record it is a warning, and the file still verifies
            ItlFile other = resign(
                    replaceRecord(f, 1, withField(f.records().get(1), RecordTags.CERTIFICATE, hostile)),
                    sastKey(),
                    "SHA1withRSA");
            VerificationResult r = SELF.verify(other);
            assertTrue(r.isVerified(), r.toString());
            assertEquals(List.of("WARNING CERTIFICATE_ENCODING_REFUSED"), codes(r));
            assertSameCodesStreaming(SELF, other, r);
            // as an anchor's installed list: its records are decoded at build time
            ItlVerifier anchored = ItlVerifier.builder()
                    .trustInstalled(t)
                    .trustInstalled(other)
                    .build();
            assertFalse(anchored.verify(t).isVerified());
        }
    }

    @Test
    void signerPublicKeyMismatchIsAnError() throws Exception {
        ItlFile f = itl(vector());
        Bytes otherKey = f.records().get(1).publicKey().orElseThrow();
        ItlFile t = resign(
                replaceRecord(f, 0, withField(f.records().get(0), RecordTags.PUBLIC_KEY, otherKey)),
                sastKey(),
                "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertFalse(r.isVerified());
        assertTrue(r.isSignatureValid());
        assertEquals(List.of(ProblemCode.PUBLIC_KEY_MISMATCH), errorCodes(r));
        assertEquals(0, r.errors().get(0).recordIndex());
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void signerSerialOrSignatureFieldMismatchIsAnError() throws Exception {
        ItlFile f = itl(vector());
        Bytes otherSig = f.records().get(1).signature().orElseThrow();
        ItlFile t = resign(
                replaceRecord(f, 0, withField(f.records().get(0), RecordTags.SIGNATURE, otherSig)),
                sastKey(),
                "SHA1withRSA");
        assertEquals(List.of(ProblemCode.CERTIFICATE_SIGNATURE_MISMATCH), errorCodes(SELF.verify(t)));
    }

    /** A SERIALNUMBER is a magnitude (FORMAT 4.4): a leading zero byte names the same serial, for any record. */
    @Test
    void serialWithLeadingZeroIsTheSameSerial() throws Exception {
        ItlFile f = itl(vector());
        ItlRecord ccm = f.records().get(1);
        Bytes padded = zeroPadded(ccm.serialNumber().orElseThrow());
        ItlFile t =
                resign(replaceRecord(f, 1, withField(ccm, RecordTags.SERIAL_NUMBER, padded)), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(List.of(), r.problems());
        assertSameCodesStreaming(SELF, t, r);
    }

    /** The signer is found by its serial's magnitude: a zero byte before the record's serial does not hide it. */
    @Test
    void signerSerialWithLeadingZeroStillNamesTheSigner() throws Exception {
        ItlFile f = itl(vector());
        ItlRecord sast = f.records().get(0);
        Bytes padded = zeroPadded(sast.serialNumber().orElseThrow());
        ItlFile t = resign(
                replaceRecord(f, 0, withField(sast, RecordTags.SERIAL_NUMBER, padded)), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(List.of(), r.problems());
        assertEquals(0, r.signerRecordIndex().orElse(-1));
        assertSameCodesStreaming(SELF, t, r);
    }

    private static Bytes zeroPadded(Bytes serial) {
        byte[] b = new byte[serial.size() + 1];
        serial.copyTo(b, 1);
        return Bytes.wrapOwned(b);
    }

    @Test
    void otherRecordInconsistenciesAreWarnings() throws Exception {
        ItlFile f = itl(vector());
        ItlRecord ccm = f.records().get(1);
        ItlRecord bad = withField(
                withField(
                        ccm,
                        RecordTags.PUBLIC_KEY,
                        f.records().get(2).publicKey().orElseThrow()),
                RecordTags.SERIAL_NUMBER,
                Bytes.fromHex("0102030405"));
        ItlFile t = resign(replaceRecord(f, 1, bad), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertTrue(r.has(ProblemCode.PUBLIC_KEY_MISMATCH));
        assertTrue(r.has(ProblemCode.SERIAL_NUMBER_MISMATCH));
        assertTrue(r.warnings().stream().allMatch(p -> p.recordIndex() == 1));
        assertSameCodesStreaming(SELF, t, r);
        assertFalse(ItlVerifier.builder()
                .treatWarningsAsErrors(true)
                .build()
                .verify(t)
                .isVerified());
        VerificationResult cheap =
                ItlVerifier.builder().checkRecords(false).build().verify(t);
        assertTrue(cheap.isVerified());
        assertEquals(List.of(), cheap.problems(), "the cheap path does not decode other records");
    }

    @Test
    void malformedCertificateInAnotherRecordIsAWarningInTheSignerAnError() throws Exception {
        ItlFile f = itl(vector());
        Bytes junk = Bytes.fromHex("3082ffff0102030405");
        ItlFile other = resign(
                replaceRecord(f, 3, withField(f.records().get(3), RecordTags.CERTIFICATE, junk)),
                sastKey(),
                "SHA1withRSA");
        VerificationResult r = SELF.verify(other);
        assertTrue(r.isVerified());
        assertEquals(
                List.of(ProblemCode.CERTIFICATE_MALFORMED),
                r.warnings().stream().map(Problem::code).toList());

        ItlFile signer = resign(
                replaceRecord(f, 0, withField(f.records().get(0), RecordTags.CERTIFICATE, junk)),
                sastKey(),
                "SHA1withRSA");
        VerificationResult s = SELF.verify(signer);
        assertFalse(s.isVerified());
        assertFalse(s.isSignatureValid(), "no key, no RSA operation");
        assertEquals(List.of(ProblemCode.CERTIFICATE_MALFORMED), errorCodes(s));
        assertSameCodesStreaming(SELF, signer, s);
    }

    @Test
    void signerWithoutCertificateUsesItsPublicKeyField() throws Exception {
        ItlFile f = itl(vector());
        ItlFile t = resign(
                replaceRecord(f, 0, withField(f.records().get(0), RecordTags.CERTIFICATE, null)),
                sastKey(),
                "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(
                List.of(ProblemCode.SIGNER_KEY_FROM_PUBLIC_KEY_FIELD),
                r.warnings().stream().map(Problem::code).toList());
        assertFalse(r.signerCertificate().isPresent());
        assertSameCodesStreaming(SELF, t, r);
        // the key alone still matches a trusted certificate's key
        VerificationResult anchored = ItlVerifier.builder()
                .trustCertificates(List.of(ItlVerifierTest.cert("sast-rsa2048")))
                .build()
                .verify(t);
        assertTrue(anchored.isVerified(), () -> anchored.problems().toString());

        ItlFile none = resign(
                replaceRecord(
                        f,
                        0,
                        withField(
                                withField(f.records().get(0), RecordTags.CERTIFICATE, null),
                                RecordTags.PUBLIC_KEY,
                                null)),
                sastKey(),
                "SHA1withRSA");
        assertEquals(List.of(ProblemCode.SIGNER_HAS_NO_KEY), errorCodes(SELF.verify(none)));
    }

    @Test
    void hashRecordsNeedNoCertificate() throws Exception {
        ItlFile f = itl(vector());
        int tvs = 6;
        ItlRecord r = f.records().get(tvs);
        Bytes der = r.certificate().orElseThrow();
        Bytes sha1 =
                Bytes.wrapOwned(java.security.MessageDigest.getInstance("SHA-1").digest(der.toByteArray()));
        ItlRecord hashOnly = withField(
                withField(withField(r, RecordTags.CERTIFICATE, null), RecordTags.CERT_HASH, sha1),
                RecordTags.HASH_ALGORITHM,
                Bytes.fromHex("01"));
        ItlFile t = resign(replaceRecord(f, tvs, hashOnly), sastKey(), "SHA1withRSA");
        VerificationResult ok = SELF.verify(t);
        assertTrue(ok.isVerified(), () -> ok.problems().toString());
        assertEquals(List.of(), ok.problems());

        // both CERTIFICATE and a CERTHASH that does not match it: a warning outside the signer
        ItlRecord both = withField(
                withField(r, RecordTags.CERT_HASH, Bytes.wrapOwned(new byte[20])),
                RecordTags.HASH_ALGORITHM,
                Bytes.fromHex("01"));
        VerificationResult w = SELF.verify(resign(replaceRecord(f, tvs, both), sastKey(), "SHA1withRSA"));
        assertTrue(w.isVerified());
        assertEquals(
                List.of(ProblemCode.CERT_HASH_MISMATCH),
                w.warnings().stream().map(Problem::code).toList());
    }

    @Test
    void signerMatchedBySerialOnlyWarns() throws Exception {
        ItlFile f = itl(vector());
        ItlFile t = resign(
                replaceRecord(
                        f,
                        0,
                        withField(
                                f.records().get(0),
                                RecordTags.ISSUER_NAME,
                                Bytes.wrapOwned(
                                        "CN=someone else\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))),
                sastKey(),
                "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(
                List.of(ProblemCode.SIGNER_ISSUER_MISMATCH),
                r.warnings().stream().map(Problem::code).toList());
    }

    @Test
    void threeSastRecordsAndAnUnknownRoleWarn() throws Exception {
        ItlFile f = itl("itl-rsa2048-sha1-v1.0-2sast.tlv"); // SAST, SAST, CCM+TFTP, CAPF, TVS
        List<ItlRecord> rs = new ArrayList<>(f.records());
        rs.set(2, withField(rs.get(2), RecordTags.FUNCTION, role(0)));
        rs.set(3, withField(rs.get(3), RecordTags.FUNCTION, role(99)));
        ItlFile t = resign(ItlFile.of(f.header(), rs), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(
                List.of(ProblemCode.UNKNOWN_ROLE, ProblemCode.TOO_MANY_SAST),
                r.warnings().stream().map(Problem::code).toList());
        // streaming reads the bytes: the reader's own UNKNOWN_ROLE warning is not doubled
        assertSameCodesStreaming(SELF, t, r);
    }

    @Test
    void duplicateSignerRecordsWarn() throws Exception {
        ItlFile f = itl(vector());
        List<ItlRecord> rs = new ArrayList<>(f.records());
        rs.add(rs.get(0));
        ItlFile t = resign(ItlFile.of(f.header(), rs), sastKey(), "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(
                List.of(ProblemCode.SEVERAL_SIGNER_CANDIDATES),
                r.warnings().stream().map(Problem::code).toList());
        assertEquals(0, r.signerRecordIndex().getAsInt());
    }

    @Test
    void signerWithAnotherRoleIsAnError() throws Exception {
        ItlFile f = itl(vector());
        ItlFile t = resign(
                replaceRecord(f, 0, withField(f.records().get(0), RecordTags.FUNCTION, role(3))),
                sastKey(),
                "SHA1withRSA");
        VerificationResult r = SELF.verify(t);
        assertTrue(r.isSignatureValid());
        assertEquals(List.of(ProblemCode.SIGNER_WRONG_ROLE), errorCodes(r));
    }

    @Test
    void aConfiguredProvidersSignatureObjectServesTheNextVerifications() throws Exception {
        // issue 17: with a configured provider the verifier reuses its Signature objects (verify resets them); the
        // verdicts stay right when good and tampered files alternate, and concurrent verifications share no object
        byte[] b = vector();
        ItlFile good = itl(b.clone());
        b[recordValueOffset(good, 4, RecordTags.SUBJECT_NAME) + 3] ^= 0x01;
        ItlFile bad = itl(b);
        CountingProvider p = new CountingProvider();
        ItlVerifier v = ItlVerifier.builder().provider(p).build();
        for (int i = 0; i < 5; i++) {
            assertTrue(v.verify(good).isVerified(), "good, round " + i);
            VerificationResult r = v.verify(bad);
            assertEquals(List.of(ProblemCode.SIGNATURE_INVALID), errorCodes(r), "tampered, round " + i);
        }
        assertEquals(10, p.verifies.get());
        assertEquals(1, p.instances.get(), "one object for ten sequential verifications");

        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> verdicts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ItlFile f = i % 3 == 0 ? bad : good;
                verdicts.add(pool.submit(() -> v.verify(f).isVerified()));
            }
            for (int i = 0; i < verdicts.size(); i++) {
                assertEquals(i % 3 != 0, verdicts.get(i).get(), "verification " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(p.instances.get() <= 1 + threads, "at most one object per concurrent verification");
    }

    @Test
    void exactlyOneRsaOperationPerVerification() throws Exception {
        ItlFile big = itl("itl-rsa2048-sha1-v1.0-n50.tlv");
        for (ItlFile f : List.of(big, itl(ALLROLES))) {
            CountingProvider p = new CountingProvider();
            ItlVerifier v = ItlVerifier.builder().provider(p).build();
            assertTrue(v.verify(f).isVerified());
            assertEquals(1, p.instances.get());
            assertEquals(1, p.verifies.get());
            assertTrue(stream(v, f.encoded()).isVerified());
            assertEquals(2, p.verifies.get());
        }
        // a file whose every record claims to be the signer still costs one operation
        List<ItlRecord> rs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rs.add(big.records().get(0));
        }
        ItlFile hostile = resign(ItlFile.of(big.header(), rs), sastKey(), "SHA1withRSA");
        CountingProvider p = new CountingProvider();
        assertTrue(ItlVerifier.builder().provider(p).build().verify(hostile).has(ProblemCode.TOO_MANY_SAST));
        assertEquals(1, p.verifies.get());
    }

    /** A provider whose RSA signatures count their instances and verify calls, delegating to the JDK. */
    static final class CountingProvider extends Provider {
        private static final long serialVersionUID = 1L;
        final AtomicInteger instances = new AtomicInteger();
        final AtomicInteger verifies = new AtomicInteger();

        CountingProvider() {
            super("Counting", "1", "counts RSA verifications");
            for (String alg : List.of("SHA1withRSA", "SHA256withRSA", "SHA512withRSA", "NONEwithRSA")) {
                putService(
                        new Service(
                                this,
                                "Signature",
                                alg,
                                CountingSpi.class.getName(),
                                null,
                                Map.of("SupportedKeyClasses", "java.security.interfaces.RSAPublicKey")) {
                            @Override
                            public Object newInstance(Object param) {
                                instances.incrementAndGet();
                                try {
                                    return new CountingSpi(Signature.getInstance(alg), verifies);
                                } catch (java.security.NoSuchAlgorithmException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
            }
        }
    }

    static final class CountingSpi extends SignatureSpi {
        private final Signature delegate;
        private final AtomicInteger verifies;

        CountingSpi(Signature delegate, AtomicInteger verifies) {
            this.delegate = delegate;
            this.verifies = verifies;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            verifies.incrementAndGet();
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) throws InvalidParameterException {
            throw new InvalidParameterException("unsupported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) throws InvalidParameterException {
            throw new InvalidParameterException("unsupported");
        }
    }
}
