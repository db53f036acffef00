package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.Version;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustListBuilderTest {
    private static SigningKey signerKey() throws Exception {
        return KeyLoader.defaults()
                .pem(SigningTestSupport.keys("signer.pem"), SigningTestSupport.keys("signer-pkcs8.key"), null);
    }

    private static ItlSigner signer() throws Exception {
        return ItlSigner.builder(signerKey())
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
    }

    private static X509Certificate cert(String name) throws Exception {
        return KeyLoader.defaults()
                .readCertificates(SigningTestSupport.certutils().resolve("certs/" + name + ".crt.pem"))
                .get(0);
    }

    private static List<Integer> tags(ItlRecord r) {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < r.fieldCount(); i++) {
            t.add(r.fieldTag(i));
        }
        return t;
    }

    @Test
    void cucmLayoutHeaderRecordsAndNames() throws Exception {
        ItlSigner s = signer();
        ItlFile f = TrustListBuilder.builder(s)
                .add(s.key().certificate(), Role.SAST)
                .add(cert("ccm-tftp-rsa2048"), Role.CCM_TFTP)
                .add(cert("capf-ec256"), Role.CAPF)
                .build();
        ItlFile r = ItlReader.defaults().readTrustList(f.encoded());
        assertEquals(Layout.CUCM, r.header().layout().orElseThrow());
        assertTrue(r.header().signerVersion().isEmpty());
        assertEquals(Version.V1_2, r.header().version());
        assertEquals("ITLFile.tlv", r.header().fileName().orElseThrow());
        assertEquals(DigestAlgorithm.SHA1, r.header().digestAlgorithm().orElseThrow());
        assertEquals(0, r.header().length() % 4);
        // DER order CN,OU,O,L,ST,C
        String signerName = "CN=cucm-pub.example.test;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ";
        assertEquals(signerName, r.header().signerName().orElseThrow());
        assertEquals(signerName, r.header().caName().orElseThrow());
        // DER order CN,O,OU is still written CN;OU;O
        assertEquals(
                "CN=ccm-tftp.example.test;OU=Voice;O=Example Org",
                r.records().get(1).subjectName().orElseThrow());
        for (ItlRecord rec : r.records()) {
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), tags(rec));
            assertEquals(
                    Bytes.wrapOwned(new byte[2]), rec.value(RecordTags.DNS_NAME).orElseThrow());
        }
        assertEquals(Role.CAPF, r.records().get(2).role().orElseThrow());
        assertEquals(65, r.records().get(2).publicKey().orElseThrow().size()); // X9.62 uncompressed P-256 point
        assertEquals(270, r.records().get(1).publicKey().orElseThrow().size()); // PKCS#1 RSA-2048
        assertTrue(SigningTestSupport.jcaVerifyTrustList(r));
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void serialIsTheMagnitudeWithoutSignByte() throws Exception {
        X509Certificate c = cert("sast-rsa2048"); // serial d231..., top bit set
        ItlFile f = TrustListBuilder.builder(signer())
                .requireSignerRecord(false)
                .add(c, Role.SAST)
                .build();
        Bytes serial = f.records().get(0).serialNumber().orElseThrow();
        assertEquals(16, serial.size());
        assertEquals("d23143bb518e658e029e00183dce8a9e", serial.toHex());
    }

    @Test
    void hashRecordsForTvsAndOnRequest() throws Exception {
        ItlSigner s = signer();
        X509Certificate tvs = cert("tvs-rsa2048");
        X509Certificate capf = cert("capf-rsa2048");
        ItlFile f = TrustListBuilder.builder(s)
                .tvsAsHash(true)
                .add(s.key().certificate(), Role.SAST)
                .add(tvs, Role.TVS)
                .add(TrustListBuilder.Entry.of(capf, Role.CAPF).asHash())
                .build();
        for (int i = 1; i < 3; i++) {
            ItlRecord r = f.records().get(i);
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 11, 12), tags(r));
            assertFalse(r.certificate().isPresent());
            assertEquals(20, r.certHash().orElseThrow().size());
            assertEquals(DigestAlgorithm.SHA1, r.hashAlgorithm().orElseThrow());
        }
        assertEquals(
                Checksums.CertHashCheck.MATCH,
                Checksums.checkCertHash(f.records().get(1), tvs));
        assertEquals(
                Checksums.CertHashCheck.MISMATCH,
                Checksums.checkCertHash(f.records().get(1), capf));
        assertEquals(
                Checksums.CertHashCheck.NO_CERTHASH,
                Checksums.checkCertHash(f.records().get(0), tvs));
        // the hash record carries the certificate's own SIGNATURE and key
        assertEquals(
                Bytes.wrapOwned(tvs.getSignature()),
                f.records().get(1).signature().orElseThrow());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(f));
    }

    @Test
    void dnsNameChoicesAndIpAddressForCtlRecords() throws Exception {
        ItlSigner s = signer();
        Inet4Address ip = (Inet4Address) InetAddress.getByAddress(new byte[] {10, 35, 48, 106});
        ItlFile f = TrustListBuilder.builder(s)
                .fileName("CTLFile.tlv")
                .dnsName(TrustListBuilder.DnsName.CN_HOST)
                .add(s.key().certificate(), Role.SAST)
                .add(TrustListBuilder.Entry.of(s.key().certificate(), Role.CCM_TFTP)
                        .withIpAddress(ip))
                .add(TrustListBuilder.Entry.of(cert("capf-rsa2048"), Role.CAPF).withDnsName("10.48.47.153"))
                .build();
        assertEquals("cucm-pub", f.records().get(0).dnsName().orElseThrow());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), tags(f.records().get(1)));
        assertEquals(ip, f.records().get(1).ipAddress().orElseThrow());
        assertEquals("10.48.47.153", f.records().get(2).dnsName().orElseThrow());
        assertEquals("CTLFile.tlv", f.header().fileName().orElseThrow());

        ItlFile omit = TrustListBuilder.builder(s)
                .dnsName(TrustListBuilder.DnsName.OMIT)
                .add(s.key().certificate(), Role.SAST)
                .build();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), tags(omit.records().get(0)));
        ItlFile empty = TrustListBuilder.builder(s)
                .dnsName(TrustListBuilder.DnsName.EMPTY)
                .add(s.key().certificate(), Role.SAST)
                .build();
        assertEquals(
                1,
                empty.records().get(0).value(RecordTags.DNS_NAME).orElseThrow().size());
    }

    @Test
    void certutilsLayoutHasNoDnsNameAndCertutilsOrder() throws Exception {
        ItlSigner s = signer();
        ItlFile f = TrustListBuilder.builder(s)
                .layout(Layout.CERTUTILS)
                .signerVersion(Version.V1_1)
                .add(s.key().certificate(), Role.SAST)
                .build();
        assertEquals(Layout.CERTUTILS, f.header().layout().orElseThrow());
        assertEquals(Version.V1_1, f.header().signerVersion().orElseThrow());
        assertEquals(List.of(3, 5, 6, 4, 7, 8, 9), tags(f.records().get(0)));
        assertEquals(
                "CN=cucm-pub.example.test,OU=Voice,O=Example Org,L=Wellington,ST=Wellington,C=NZ",
                f.records().get(0).subjectName().orElseThrow());
    }

    @Test
    void refusesAFileTheSignerIsNotASastOf() throws Exception {
        ItlSigner s = signer();
        TrustListBuilder b = TrustListBuilder.builder(s).add(s.key().certificate(), Role.TFTP);
        assertEquals(
                ItlSigningException.Reason.SIGNER_NOT_SAST,
                assertThrows(ItlSigningException.class, b::build).reason());
        assertTrue(SigningTestSupport.jcaVerify(
                b.requireSignerRecord(false).build(), s.key().certificate().getPublicKey()));
    }

    @Test
    void deterministicAndTimestampOverride() throws Exception {
        ItlSigner s = signer();
        TrustListBuilder b = TrustListBuilder.builder(s).add(s.key().certificate(), Role.SAST);
        assertEquals(b.build().encoded(), b.build().encoded());
        ItlFile t = b.timestamp(java.time.Instant.ofEpochSecond(1_234_567_890L)).build();
        assertEquals(1_234_567_890L, t.header().timestampSeconds().orElseThrow());
    }

    @Test
    void nameFormatsEscapeAndOrder() throws Exception {
        X509Certificate escaped = cert("sast-escaped-rsa2048");
        assertEquals(
                "CN=cucm\\+pub.example.test,O=Example\\, Inc.,OU=Voice=Ops",
                NameFormat.CERTUTILS.format(escaped.getSubjectX500Principal()));
        assertEquals(
                "CN=cucm+pub.example.test;OU=Voice=Ops;O=Example, Inc.",
                NameFormat.CUCM.format(escaped.getSubjectX500Principal()));
        assertEquals(NameFormat.CUCM, NameFormat.forLayout(Layout.CUCM));
        assertEquals(NameFormat.CERTUTILS, NameFormat.forLayout(Layout.CERTUTILS));
    }
}
