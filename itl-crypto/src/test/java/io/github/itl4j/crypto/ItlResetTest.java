package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.TlvElement;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code utils itl reset} on an ITL shaped like Cisco's {@code show itl} listing A (docs/format.md §8.1, §9), built
 * from the throwaway cluster in examples/cluster (CallManager, CAPF and TVS certificates with the listing's name and
 * DER sizes) and an ITLRecovery certificate generated here with the listing's 66-byte names and 692-byte DER (the
 * cluster's own ITLRecovery certificate has 69-byte names in CUCM form), plus refusals and the certutils layout.
 */
class ItlResetTest {
    private static final long BEFORE = 1_393_439_067L; // Wed Feb 26 10:24:27 PST 2014
    private static final long AFTER = BEFORE + 3600;

    private static Path cluster(String name) {
        return SigningTestSupport.cluster().resolve(name);
    }

    private static X509Certificate cert(String name) throws Exception {
        return SigningTestSupport.cert(cluster(name + ".der"));
    }

    private static SigningKey callManager() throws Exception {
        return KeyLoader.defaults().pem(cluster("test10pub.pem"), cluster("test10pub.key"), null);
    }

    private static SigningKey recovery;

    /** ITLRecovery: RSA-1024, a 65-character CUCM name (66 bytes with the NUL), serial 6E3F..., DER 692 bytes. */
    static synchronized SigningKey itlRecovery() throws Exception {
        if (recovery == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "ITLRECOVERY_test10pub.joe2.lab")
                    .addRDN(BCStyle.OU, "tac")
                    .addRDN(BCStyle.O, "cisco")
                    .addRDN(BCStyle.L, "rtp")
                    .addRDN(BCStyle.ST, "nc")
                    .addRDN(BCStyle.C, "US")
                    .build();
            for (int pad = 0; pad < 64 && recovery == null; pad++) {
                X509CertificateHolder h = new JcaX509v3CertificateBuilder(
                                name,
                                new BigInteger("6E3F65C297B3E01FE74281AB52CC55DC", 16),
                                Date.from(Instant.parse("2025-01-01T00:00:00Z")),
                                Date.from(Instant.parse("2045-01-01T00:00:00Z")),
                                name,
                                kp.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(
                                new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.1"),
                                false,
                                new DEROctetString(new byte[pad]))
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
                if (h.getEncoded().length == 692) {
                    X509Certificate c = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(h.getEncoded()));
                    recovery = SigningKey.of(kp.getPrivate(), c, List.of());
                }
            }
            if (recovery == null) {
                throw new AssertionError("could not size the ITLRecovery certificate to 692 bytes");
            }
        }
        return recovery;
    }

    /** Listing A: signed by the CallManager key, CUCM layout, SHA-1, six records. */
    static ItlFile listingA() throws Exception {
        ItlSigner cm = ItlSigner.builder(callManager())
                .clock(SigningTestSupport.fixedClock(BEFORE))
                .build();
        X509Certificate pub = cm.key().certificate();
        return TrustListBuilder.builder(cm)
                .tvsAsHash(true)
                .add(pub, Role.SAST)
                .add(pub, Role.TFTP)
                .add(TrustListBuilder.Entry.of(cert("capf"), Role.CAPF).asHash())
                .add(cert("tvs-pub"), Role.TVS)
                .add(itlRecovery().certificate(), Role.SAST)
                .add(cert("tvs-sub"), Role.TVS)
                .build();
    }

    private static int signerIdLength(ItlHeader h) {
        for (TlvElement e : h.elements()) {
            if (e instanceof Container c && c.tag() == HeaderTags.SIGNER_ID) {
                return c.length();
            }
        }
        throw new AssertionError("no SIGNERID");
    }

    @Test
    void listingAHasCiscosNumbers() throws Exception {
        ItlFile a = listingA();
        assertEquals(684, cert("test10pub").getEncoded().length);
        assertEquals(692, itlRecovery().certificate().getEncoded().length);
        assertEquals(
                66,
                a.records().get(4).value(RecordTags.SUBJECT_NAME).orElseThrow().size());
        assertEquals(324, a.header().length());
        assertEquals(139, signerIdLength(a.header()));
        assertEquals(57, a.header().find(HeaderTags.SIGNER_NAME).orElseThrow().length());
        assertEquals(
                "CN=test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US",
                a.header().signerName().orElseThrow());
        assertEquals(16, a.header().serialNumber().orElseThrow().size());
        assertEquals(
                List.of(1115, 1115, 439, 455, 1141, 713),
                a.records().stream().map(r -> r.length()).toList());
        assertEquals(5302, a.size());
        assertEquals(5302, a.encoded().size());
        // record-size formula of docs/format.md §8.1: 5+5+(3+57)+5+(3+57)+19+143+131+(3+DER)
        assertEquals(
                5 + 5 + 60 + 5 + 60 + 19 + 143 + 131 + 3 + 684,
                a.records().get(0).length());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(a));
    }

    @Test
    void resetWithItlRecoveryGivesListingB() throws Exception {
        ItlFile a = ItlReader.defaults().readTrustList(listingA().encoded());
        ItlSigner rec = ItlSigner.builder(itlRecovery())
                .clock(SigningTestSupport.fixedClock(AFTER))
                .build();
        ItlFile b = ItlResetter.builder(rec).build().reset(a);

        assertEquals(344, b.header().length());
        assertEquals(157, signerIdLength(b.header()));
        assertEquals(a.size() + 20, b.size());
        assertEquals(5322, b.encoded().size());
        assertEquals(a.records(), b.records());
        // names byte-identical to ITLRecovery's record (record 5)
        assertEquals(
                a.records().get(4).value(RecordTags.SUBJECT_NAME).orElseThrow(),
                b.header().find(HeaderTags.SIGNER_NAME).orElseThrow().value());
        assertEquals(
                a.records().get(4).value(RecordTags.ISSUER_NAME).orElseThrow(),
                b.header().find(HeaderTags.CA_NAME).orElseThrow().value());
        assertEquals(
                a.records().get(4).serialNumber().orElseThrow(),
                b.header().serialNumber().orElseThrow());
        assertEquals(3, b.header().paddingCount());
        assertEquals(AFTER, b.header().timestampSeconds().orElseThrow());
        assertEquals(DigestAlgorithm.SHA1, b.header().digestAlgorithm().orElseThrow());
        assertEquals(Layout.CUCM, b.header().layout().orElseThrow());

        ItlFile reread = ItlReader.defaults().readTrustList(b.encoded());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(reread));
        assertTrue(SigningTestSupport.jcaVerify(reread, rec.key().certificate().getPublicKey()));

        // localkey back to the CallManager key: Cisco's 324-byte header again, same records
        ItlSigner cm = ItlSigner.builder(callManager())
                .clock(SigningTestSupport.fixedClock(AFTER + 1))
                .build();
        ItlFile back = ItlResetter.builder(cm).build().reset(reread);
        assertEquals(324, back.header().length());
        assertEquals(a.records(), back.records());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(back));
    }

    @Test
    void resetKeepsTheDigestUnlessAsked() throws Exception {
        ItlSigner rec = ItlSigner.builder(itlRecovery())
                .digest(DigestAlgorithm.SHA512)
                .clock(SigningTestSupport.fixedClock(AFTER))
                .build();
        ItlFile kept = ItlResetter.builder(rec).build().reset(listingA());
        assertEquals(DigestAlgorithm.SHA1, kept.header().digestAlgorithm().orElseThrow());
        ItlFile changed =
                ItlResetter.builder(rec).digest(DigestAlgorithm.SHA512).build().reset(listingA());
        assertEquals(DigestAlgorithm.SHA512, changed.header().digestAlgorithm().orElseThrow());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(changed));
    }

    @Test
    void refusesASignerThatIsNotASastRecordUnlessForced() throws Exception {
        SigningKey stranger = KeyLoader.defaults()
                .pem(SigningTestSupport.keys("signer.pem"), SigningTestSupport.keys("signer-pkcs8.key"), null);
        ItlSigner s = ItlSigner.builder(stranger)
                .clock(SigningTestSupport.fixedClock(AFTER))
                .build();
        ItlFile a = listingA();
        ItlSigningException e = assertThrows(
                ItlSigningException.class, () -> ItlResetter.builder(s).build().reset(a));
        assertEquals(ItlSigningException.Reason.SIGNER_NOT_SAST, e.reason());

        ItlFile forced = ItlResetter.builder(s).force(true).build().reset(a);
        assertEquals(a.records(), forced.records());
        assertEquals(
                NameFormat.CUCM.format(stranger.certificate().getSubjectX500Principal()),
                forced.header().signerName().orElseThrow());
        assertTrue(SigningTestSupport.jcaVerify(forced, stranger.certificate().getPublicKey()));
    }

    @Test
    void refusesASignerListedWithAnotherRole() throws Exception {
        ItlFile allRoles = ItlReader.defaults()
                .readTrustList(SigningTestSupport.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv"));
        ItlSigner ccmTftp = ItlSigner.builder(SigningTestSupport.certutilsKey("ccm-tftp-rsa2048"))
                .build();
        assertEquals(
                ItlSigningException.Reason.SIGNER_NOT_SAST,
                assertThrows(
                                ItlSigningException.class,
                                () -> ItlResetter.builder(ccmTftp).build().reset(allRoles))
                        .reason());
    }

    @Test
    void certutilsFileResetWithItsSecondSast() throws Exception {
        ItlFile f = ItlReader.defaults()
                .readTrustList(SigningTestSupport.certutils().resolve("itl/itl-rsa2048-sha512-v1.1-2sast.tlv"));
        ItlSigner sast2 = ItlSigner.builder(SigningTestSupport.certutilsKey("sast2-rsa2048"))
                .clock(SigningTestSupport.fixedClock(1_800_000_000L))
                .build();
        ItlFile r = ItlResetter.builder(sast2).build().reset(f);
        assertEquals(f.records(), r.records());
        assertEquals(Layout.CERTUTILS, r.header().layout().orElseThrow());
        assertEquals(f.header().signerVersion(), r.header().signerVersion());
        assertEquals(DigestAlgorithm.SHA512, r.header().digestAlgorithm().orElseThrow());
        assertEquals(
                "CN=ITLRECOVERY_cucm-pub.example.test,O=Example Org,OU=Voice",
                r.header().signerName().orElseThrow());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(ItlReader.defaults().readTrustList(r.encoded())));
        assertTrue(ItlResetter.findSastRecord(f, sast2.key().certificate()).isPresent());
    }

    @Test
    void findsTheRecordBySerialAndIssuerOrPublicKeyWhenThereIsNoCertificate() throws Exception {
        // a hash record stands for the certificate without carrying it
        ItlSigner cm = ItlSigner.builder(callManager())
                .clock(SigningTestSupport.fixedClock(BEFORE))
                .build();
        ItlFile f = TrustListBuilder.builder(cm)
                .requireSignerRecord(false)
                .add(TrustListBuilder.Entry.of(cm.key().certificate(), Role.SAST)
                        .asHash())
                .build();
        assertTrue(ItlResetter.findSastRecord(f, cm.key().certificate()).isPresent());
        assertTrue(ItlResetter.findSastRecord(f, cert("itlrecovery")).isEmpty());
        Bytes before = f.records().get(0).encoded();
        ItlFile r = ItlResetter.builder(cm).build().reset(f);
        assertEquals(before, r.records().get(0).encoded());
    }

    /** Listing A with its TFTP record (record 2) replaced by one for a foreign certificate; the header is A's. */
    private static ItlFile foreignTftp() throws Exception {
        ItlFile a = listingA();
        SigningKey stranger = KeyLoader.defaults()
                .pem(SigningTestSupport.keys("signer.pem"), SigningTestSupport.keys("signer-pkcs8.key"), null);
        ItlFile other = TrustListBuilder.builder(ItlSigner.builder(stranger).build())
                .requireSignerRecord(false)
                .add(stranger.certificate(), Role.TFTP)
                .build();
        List<io.github.itl4j.ItlRecord> rs = new java.util.ArrayList<>(a.records());
        rs.set(1, other.records().get(0));
        return ItlReader.defaults().readTrustList(ItlFile.of(a.header(), rs).encoded());
    }

    @Test
    void refusesToLaunderAListWhoseSignatureDoesNotVerify() throws Exception {
        ItlFile tampered = foreignTftp();
        assertTrue(!ItlVerifier.builder().build().verify(tampered).isVerified());
        ItlSigner rec = ItlSigner.builder(itlRecovery())
                .clock(SigningTestSupport.fixedClock(AFTER))
                .build();
        ItlVerificationException e = assertThrows(
                ItlVerificationException.class,
                () -> ItlResetter.builder(rec).build().reset(tampered));
        assertTrue(e.problems().stream().anyMatch(p -> p.code() == ProblemCode.SIGNATURE_INVALID), e.getMessage());
        assertTrue(e.getMessage().contains("SIGNATURE_INVALID"), e.getMessage());
        assertTrue(e instanceof io.github.itl4j.ItlException);

        // the explicit override re-signs it (forensics), and the result then verifies: which is why it is not default
        ItlFile laundered =
                ItlResetter.builder(rec).allowUnverifiedInput(true).build().reset(tampered);
        assertTrue(ItlVerifier.builder().build().verify(laundered).isVerified());
    }

    @Test
    void checksTheInputAgainstTheGivenAnchors() throws Exception {
        ItlFile a = listingA(); // signed by the CallManager key, verifies against itself
        ItlSigner rec = ItlSigner.builder(itlRecovery())
                .clock(SigningTestSupport.fixedClock(AFTER))
                .build();
        ItlVerifier onlyRecovery = ItlVerifier.builder()
                .trustCertificates(List.of(itlRecovery().certificate()))
                .build();
        ItlVerificationException e = assertThrows(
                ItlVerificationException.class,
                () -> ItlResetter.builder(rec).verifier(onlyRecovery).build().reset(a));
        assertEquals(
                List.of(ProblemCode.SIGNER_NOT_TRUSTED),
                e.problems().stream().map(Problem::code).toList());
        ItlVerifier callManager = ItlVerifier.builder()
                .trustCertificates(List.of(callManager().certificate()))
                .build();
        assertEquals(
                a.records(),
                ItlResetter.builder(rec).verifier(callManager).build().reset(a).records());
    }
}
