package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.tlv.Tlv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verification of the certutils vectors: self-contained, anchored, .sgn, and streaming. Tampering is in
 * {@link ItlVerifierTamperTest}.
 */
class ItlVerifierTest {
    static final ItlVerifier SELF = ItlVerifier.builder().build();

    // ---- helpers shared with ItlVerifierTamperTest ----

    static Path vectors() {
        String p = System.getProperty("itl.testdata");
        Path base = p != null ? Path.of(p) : Path.of("../testdata");
        return base.resolve("vectors");
    }

    static Path certutils(String rel) {
        return vectors().resolve("certutils").resolve(rel);
    }

    static byte[] raw(String rel) {
        try {
            return Files.readAllBytes(certutils(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ItlFile itl(String name) throws ItlException {
        return ItlReader.defaults().readTrustList(Bytes.wrapOwned(raw("itl/" + name)));
    }

    static ItlFile itl(byte[] bytes) throws ItlException {
        return ItlReader.defaults().readTrustList(Bytes.wrapOwned(bytes));
    }

    static SgnFile sgn(String name) throws ItlException {
        return ItlReader.defaults().readSigned(Bytes.wrapOwned(raw("sgn/" + name)));
    }

    static X509Certificate cert(String name) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(raw("certs/" + name + ".crt.pem")));
    }

    static PrivateKey key(String name) throws GeneralSecurityException {
        String pem = new String(raw("certs/" + name + ".key.pem"), StandardCharsets.US_ASCII);
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    /** Signs the file's signed parts with plain JCA and fills in the signature. */
    @SuppressWarnings("unchecked")
    static <T extends SignedFile> T resign(T file, PrivateKey key, String alg) throws GeneralSecurityException {
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        for (Bytes b : file.signedParts()) {
            s.update(b.asByteBuffer());
        }
        return (T) file.withSignature(Bytes.wrapOwned(s.sign()));
    }

    static List<String> codes(VerificationResult r) {
        return r.problems().stream()
                .map(p -> p.severity() + " " + p.code())
                .sorted()
                .collect(Collectors.toList());
    }

    static List<ProblemCode> errorCodes(VerificationResult r) {
        return r.errors().stream().map(Problem::code).collect(Collectors.toList());
    }

    static VerificationResult stream(ItlVerifier v, Bytes bytes) throws IOException {
        try (InputStream in = new ByteArrayInputStream(bytes.toByteArray())) {
            return v.verify(in);
        }
    }

    static ItlRecord withField(ItlRecord r, int tag, Bytes value) {
        List<Tlv> out = new ArrayList<>();
        boolean done = false;
        for (Tlv t : r.fields()) {
            if (t.tag() == tag) {
                if (value != null) {
                    out.add(new Tlv(tag, value));
                }
                done = true;
            } else {
                out.add(t);
            }
        }
        if (!done && value != null) {
            out.add(new Tlv(tag, value));
        }
        return ItlRecord.of(out);
    }

    static Bytes role(int code) {
        return Bytes.wrapOwned(new byte[] {(byte) (code >>> 8), (byte) code});
    }

    static Stream<String> itlVectors() throws IOException {
        try (Stream<Path> s = Files.list(certutils("itl"))) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tlv"))
                    .sorted()
                    .collect(Collectors.toList());
            assertTrue(names.size() >= 30, "vectors found: " + names.size());
            return names.stream();
        }
    }

    // ---- self-contained ----

    @ParameterizedTest
    @MethodSource("itlVectors")
    void everyItlVectorVerifiesSelfContained(String name) throws Exception {
        ItlFile f = itl(name);
        VerificationResult r = SELF.verify(f);
        assertTrue(r.isVerified(), () -> name + ": " + r.problems());
        assertTrue(r.isSignatureValid());
        assertEquals(List.of(), r.problems(), name);
        assertEquals(AnchorMatch.Kind.NONE, r.anchor().kind());
        assertTrue(r.signerRecordIndex().isPresent());
        assertTrue(r.signerCertificate().isPresent());
        assertEquals(
                name.contains("sha512") ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA1,
                r.digestAlgorithm().orElseThrow());
        // the cheap path and warnings-as-errors agree on the clean vectors
        assertTrue(ItlVerifier.builder()
                .checkRecords(false)
                .treatWarningsAsErrors(true)
                .build()
                .verify(f)
                .isVerified());
    }

    @ParameterizedTest
    @MethodSource("itlVectors")
    void streamingGivesTheSameCodesAsInMemory(String name) throws Exception {
        ItlFile f = itl(name);
        VerificationResult mem = SELF.verify(f);
        VerificationResult str = stream(SELF, f.encoded());
        assertEquals(codes(mem), codes(str));
        assertEquals(mem.isVerified(), str.isVerified());
        assertEquals(mem.signerRecordIndex(), str.signerRecordIndex());
        assertEquals(mem.signerCertificate(), str.signerCertificate());
    }

    @Test
    void signerFactsMatchTheManifest() throws Exception {
        record Fact(String file, int index, String cert, String serial) {}
        List<Fact> facts = List.of(
                new Fact("itl-rsa1024-sha1-v1.0-allroles.tlv", 0, "sast-rsa1024", "8e9bb15d33b3621553faf72ca6e873ee"),
                new Fact(
                        "itl-rsa2048-sha1-v1.0-signer-not-first.tlv",
                        2,
                        "sast-rsa2048",
                        "d23143bb518e658e029e00183dce8a9e"),
                new Fact("itl-rsa2048-sha512-v1.1-2sast.tlv", 0, "sast-rsa2048", "d23143bb518e658e029e00183dce8a9e"),
                new Fact("ctl-rsa2048-sha1-v1.0-ctlfile.tlv", 0, "sast-rsa2048", "d23143bb518e658e029e00183dce8a9e"),
                new Fact(
                        "itl-rsa4096-sha512-v1.1-allroles.tlv", 0, "sast-rsa4096", "9fb67c7889538aaa9666d0a74878147c"));
        for (Fact fact : facts) {
            VerificationResult r = SELF.verify(itl(fact.file()));
            assertTrue(r.isVerified(), fact.file());
            assertEquals(fact.index(), r.signerRecordIndex().getAsInt(), fact.file());
            X509Certificate c = r.signerCertificate().orElseThrow();
            assertEquals(new BigInteger(fact.serial(), 16), c.getSerialNumber(), fact.file());
            assertEquals(cert(fact.cert()), c, fact.file());
            assertTrue(c.getSubjectX500Principal().getName().contains("CN=cucm-pub.example.test"));
        }
    }

    @Test
    void negativeVectorIsUnreadable() throws IOException {
        byte[] bad = Files.readAllBytes(vectors().resolve("negative/rsp2k-itlbuilder/ITLFile.tlv"));
        assertThrows(ItlFormatException.class, () -> ItlReader.defaults().readTrustList(Bytes.wrapOwned(bad)));
        assertThrows(ItlException.class, () -> SELF.verify(new ByteArrayInputStream(bad)));
    }

    @Test
    void streamingHonoursTheLimits() throws Exception {
        ItlVerifier v = ItlVerifier.builder()
                .limits(ItlLimits.builder().maxRecords(3).build())
                .build();
        ItlFile f = itl("itl-rsa2048-sha1-v1.0-allroles.tlv");
        assertThrows(ItlLimitException.class, () -> stream(v, f.encoded()));
        // a stream cut inside a record is unreadable, not a verification problem
        Bytes cut = f.encoded().slice(0, f.encoded().size() - 10);
        assertThrows(ItlFormatException.class, () -> stream(SELF, cut));
    }

    // ---- anchored trust lists ----

    @Test
    void trustedCertificateAnchorsTheSigner() throws Exception {
        X509Certificate sast = cert("sast-rsa2048");
        ItlVerifier v = ItlVerifier.builder()
                .trustCertificates(List.of(cert("tvs-rsa2048"), sast))
                .build();
        VerificationResult r = v.verify(itl("itl-rsa2048-sha1-v1.0-allroles.tlv"));
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(AnchorMatch.Kind.CERTIFICATE, r.anchor().kind());
        assertEquals(sast, r.anchor().certificate().orElseThrow());
        assertEquals(sast, r.signerCertificate().orElseThrow());
        assertEquals(
                codes(r),
                codes(stream(v, itl("itl-rsa2048-sha1-v1.0-allroles.tlv").encoded())));
        assertEquals(
                AnchorMatch.Kind.CERTIFICATE,
                stream(v, itl("itl-rsa2048-sha1-v1.0-allroles.tlv").encoded())
                        .anchor()
                        .kind());
    }

    @Test
    void otherCertificateIsNotTrusted() throws Exception {
        ItlVerifier v = ItlVerifier.builder()
                .trustCertificates(List.of(cert("sast2-rsa2048")))
                .build();
        VerificationResult r = v.verify(itl("itl-rsa2048-sha1-v1.0-allroles.tlv"));
        assertFalse(r.isVerified());
        assertTrue(r.isSignatureValid(), "the file itself is intact");
        assertEquals(List.of(ProblemCode.SIGNER_NOT_TRUSTED), errorCodes(r));
        assertEquals(AnchorMatch.Kind.NONE, r.anchor().kind());
        assertEquals(
                codes(r),
                codes(stream(v, itl("itl-rsa2048-sha1-v1.0-allroles.tlv").encoded())));
    }

    @Test
    void installedTrustListHoldingTheSignerAsSastAnchorsIt() throws Exception {
        ItlFile installed = itl("itl-rsa2048-sha1-v1.0-2sast.tlv"); // SAST sast-rsa2048 (record 0) + sast2
        ItlVerifier v = ItlVerifier.builder().trustInstalled(installed).build();
        VerificationResult r = v.verify(itl("itl-rsa2048-sha512-v1.1-allroles.tlv"));
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(AnchorMatch.Kind.TRUST_LIST_RECORD, r.anchor().kind());
        assertSame(installed, r.anchor().trustList().orElseThrow());
        assertEquals(0, r.anchor().recordIndex());
    }

    @Test
    void installedTrustListWithoutTheSignerDoesNotAnchorIt() throws Exception {
        ItlVerifier v = ItlVerifier.builder()
                .trustInstalled(itl("itl-rsa1024-sha1-v1.0-allroles.tlv"))
                .build();
        VerificationResult r = v.verify(itl("itl-rsa2048-sha512-v1.1-allroles.tlv"));
        assertFalse(r.isVerified());
        assertEquals(List.of(ProblemCode.SIGNER_NOT_TRUSTED), errorCodes(r));
    }

    @Test
    void signerKnownOnlyInAnotherRoleIsNotTrusted() throws Exception {
        // the installed list holds the signer certificate, but as CCM+TFTP, not SAST (docs/trust.md §5 R3)
        ItlFile base = itl("itl-rsa2048-sha1-v1.0-n01.tlv");
        ItlRecord demoted = withField(base.records().get(0), RecordTags.FUNCTION, role(2));
        ItlFile installed = ItlFile.of(base.header(), List.of(demoted));
        VerificationResult r = ItlVerifier.builder()
                .trustInstalled(installed)
                .build()
                .verify(itl("itl-rsa2048-sha1-v1.0-allroles.tlv"));
        assertEquals(List.of(ProblemCode.SIGNER_NOT_TRUSTED), errorCodes(r));
    }

    @Test
    void installedHashOnlySastRecordAnchorsByCertHash() throws Exception {
        ItlFile base = itl("itl-rsa2048-sha1-v1.0-n01.tlv");
        ItlRecord sast = base.records().get(0);
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest(sast.certificate().orElseThrow().toByteArray());
        ItlRecord hashOnly = withField(
                withField(withField(sast, RecordTags.CERTIFICATE, null), RecordTags.CERT_HASH, Bytes.wrapOwned(sha1)),
                RecordTags.HASH_ALGORITHM,
                Bytes.fromHex("01"));
        ItlFile installed = ItlFile.of(base.header(), List.of(hashOnly));
        VerificationResult r = ItlVerifier.builder()
                .trustInstalled(installed)
                .build()
                .verify(itl("itl-rsa2048-sha1-v1.0-signer-not-first.tlv"));
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(AnchorMatch.Kind.TRUST_LIST_RECORD, r.anchor().kind());
        assertEquals(2, r.signerRecordIndex().getAsInt());

        sha1[0] ^= 1;
        ItlFile wrongHash =
                ItlFile.of(base.header(), List.of(withField(hashOnly, RecordTags.CERT_HASH, Bytes.wrapOwned(sha1))));
        assertEquals(
                List.of(ProblemCode.SIGNER_NOT_TRUSTED),
                errorCodes(ItlVerifier.builder()
                        .trustInstalled(wrongHash)
                        .build()
                        .verify(itl("itl-rsa2048-sha1-v1.0-signer-not-first.tlv"))));
    }

    // ---- .sgn ----

    static Stream<String[]> sgnVectors() {
        return Stream.of(
                new String[] {"SEP001122334455.cnf.xml.sgn", "tftp-rsa2048", "ccm-rsa2048"},
                new String[] {"SEP0011223344AA.cnf.xml.sgn", "tftp-rsa2048", "ccm-tftp-rsa2048"},
                new String[] {"SEP0011223344BB.cnf.xml.sgn", "sast-rsa1024", "node03-rsa1024"},
                new String[] {"dialplan.xml.sgn", "sast-rsa4096", "node07-rsa4096"});
    }

    @ParameterizedTest
    @MethodSource("sgnVectors")
    void sgnVerifiesAgainstItsSignerAndNotAnother(String file, String signer, String other) throws Exception {
        SgnFile f = sgn(file);
        X509Certificate c = cert(signer);
        VerificationResult ok = SELF.verifySigned(f, c);
        assertTrue(ok.isVerified(), () -> ok.problems().toString());
        assertEquals(List.of(), ok.problems());
        assertEquals(AnchorMatch.Kind.CERTIFICATE, ok.anchor().kind());
        assertEquals(c, ok.signerCertificate().orElseThrow());

        VerificationResult bad = SELF.verifySigned(f, cert(other));
        assertFalse(bad.isVerified());
        assertFalse(bad.isSignatureValid());
        assertEquals(List.of(ProblemCode.SIGNATURE_INVALID), errorCodes(bad));
        assertTrue(bad.has(ProblemCode.SIGNER_ID_MISMATCH));

        // a key of another size is refused before any RSA operation
        VerificationResult size =
                SELF.verifySigned(f, cert(signer.equals("sast-rsa4096") ? "sast-rsa2048" : "sast-rsa4096"));
        assertEquals(List.of(ProblemCode.SIGNATURE_LENGTH_MISMATCH), errorCodes(size));
    }

    @Test
    void sgnVerifiesAgainstTheTftpRecordOfATrustList() throws Exception {
        ItlFile list = itl("itl-rsa2048-sha1-v1.0-allroles.tlv"); // SAST, CCM, CCM+TFTP, TFTP, ...
        VerificationResult r = SELF.verifySigned(sgn("SEP001122334455.cnf.xml.sgn"), list);
        assertTrue(r.isVerified(), () -> r.problems().toString());
        assertEquals(AnchorMatch.Kind.TRUST_LIST_RECORD, r.anchor().kind());
        assertEquals(3, r.anchor().recordIndex());
        assertEquals(3, r.signerRecordIndex().getAsInt());
        assertEquals(cert("tftp-rsa2048"), r.signerCertificate().orElseThrow());
    }

    @Test
    void sgnSignerMissingFromTheTrustList() throws Exception {
        VerificationResult r =
                SELF.verifySigned(sgn("SEP001122334455.cnf.xml.sgn"), itl("itl-rsa2048-sha1-v1.0-n01.tlv"));
        assertFalse(r.isVerified());
        assertEquals(List.of(ProblemCode.NO_SIGNER), errorCodes(r));
        assertEquals(AnchorMatch.Kind.NONE, r.anchor().kind());
    }

    @Test
    void sgnSignedBySastOnlyHasTheWrongRole() throws Exception {
        // SEP0011223344BB is signed by sast-rsa1024, which that ITL holds as SAST only (docs/trust.md §5 R6)
        VerificationResult r =
                SELF.verifySigned(sgn("SEP0011223344BB.cnf.xml.sgn"), itl("itl-rsa1024-sha1-v1.0-allroles.tlv"));
        assertFalse(r.isVerified());
        assertTrue(r.isSignatureValid());
        assertEquals(List.of(ProblemCode.SIGNER_WRONG_ROLE), errorCodes(r));
    }

    @Test
    void sgnThroughConfiguredAnchors() throws Exception {
        SgnFile f = sgn("SEP0011223344AA.cnf.xml.sgn");
        VerificationResult byCert = ItlVerifier.builder()
                .trustCertificates(List.of(cert("sast-rsa2048"), cert("tftp-rsa2048")))
                .build()
                .verify(f);
        assertTrue(byCert.isVerified(), () -> byCert.problems().toString());
        assertEquals(AnchorMatch.Kind.CERTIFICATE, byCert.anchor().kind());

        VerificationResult byList = ItlVerifier.builder()
                .trustInstalled(itl("itl-rsa2048-sha1-v1.0-n01.tlv"))
                .trustInstalled(itl("itl-rsa4096-sha1-v1.0-allroles.tlv"))
                .build()
                .verify(f);
        assertTrue(byList.isVerified(), () -> byList.problems().toString());
        assertEquals(AnchorMatch.Kind.TRUST_LIST_RECORD, byList.anchor().kind());
        assertEquals(3, byList.anchor().recordIndex());

        VerificationResult none = SELF.verify(f);
        assertEquals(List.of(ProblemCode.NO_SIGNER), errorCodes(none));
        assertFalse(none.isVerified());
    }
}
