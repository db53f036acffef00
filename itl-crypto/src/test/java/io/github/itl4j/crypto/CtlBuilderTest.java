package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Tokenless and non-secure CTLs built with {@link TrustListBuilder#ctlBuilder}: the record and header lengths of the
 * two Cisco CTL listings of docs/format.md §8.3 (118893 and 118892), reproduced from RSA-1024 certificates generated
 * here with the sizes those records imply (names, serial, DER), and CUCM's CTL record layout.
 */
class CtlBuilderTest {
    private static final String SUFFIX = ";OU=tac;O=cisco;L=rtp;ST=nc;C=US";

    /**
     * A key and certificate with the subject {@code subject}, the issuer {@code issuer} (self-signed when
     * null), the serial {@code serialHex} and a DER of exactly {@code der} bytes (padded with a private extension).
     */
    static SigningKey sized(String subject, String issuer, String serialHex, int der) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair kp = g.generateKeyPair();
        X500Name s = new X500Name(subject);
        X500Name i = issuer == null ? s : new X500Name(issuer);
        for (int pad = 0; pad < 400; pad++) {
            X509CertificateHolder h = new JcaX509v3CertificateBuilder(
                            i,
                            new BigInteger(serialHex, 16),
                            Date.from(Instant.parse("2025-01-01T00:00:00Z")),
                            Date.from(Instant.parse("2045-01-01T00:00:00Z")),
                            s,
                            kp.getPublic())
                    .addExtension(
                            new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.1"), false, new DEROctetString(new byte[pad]))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
            if (h.getEncoded().length == der) {
                X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(h.getEncoded()));
                return SigningKey.of(kp.getPrivate(), c, List.of());
            }
        }
        throw new AssertionError("could not size " + subject + " to " + der + " bytes");
    }

    /** An X.500 name (written most-significant RDN last) whose CUCM form is {@code CN=host;OU=tac;...;C=US}. */
    static String cucmName(String host) {
        return "C=US,ST=nc,L=rtp,O=cisco,OU=tac,CN=" + host;
    }

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    private static List<Integer> lengths(ItlFile f) {
        return f.records().stream().map(ItlRecord::length).toList();
    }

    /**
     * 118893: a tokenless CTL signed by the publisher's CallManager key: SAST and CCM+TFTP for the publisher (names 62
     * bytes, serial 16, DER 694, DNSNAME {@code cucm-1051-a-pub}), CAPF (names 50, DER 700) and CCM+TFTP for the
     * subscriber (names 62, DER 699). Which roles the last two records have is not printed with the lengths; these
     * are the roles a tokenless CTL of a two-node cluster has.
     */
    static ItlFile tokenless() throws Exception {
        SigningKey pub = sized(cucmName("cucm-1051-a-pub.labs.local"), null, "6E3F65C297B3E01FE74281AB52CC55DC", 694);
        SigningKey capf = sized(cucmName("CAPF-0a1b2c3d4"), null, "4E3F65C297B3E01FE74281AB52CC55DD", 700);
        SigningKey sub = sized(cucmName("cucm-1051-a-sub.labs.local"), null, "5E3F65C297B3E01FE74281AB52CC55DE", 699);
        ItlSigner signer = ItlSigner.builder(pub)
                .clock(SigningTestSupport.fixedClock(1_400_000_000L))
                .build();
        Inet4Address pubIp = ip("10.48.47.153");
        return TrustListBuilder.ctlBuilder(signer)
                .add(TrustListBuilder.Entry.of(pub.certificate(), Role.SAST).withIpAddress(pubIp))
                .add(TrustListBuilder.Entry.of(pub.certificate(), Role.CCM_TFTP).withIpAddress(pubIp))
                .add(TrustListBuilder.Entry.of(capf.certificate(), Role.CAPF)
                        .withIpAddress(pubIp)
                        .withDnsName("cucm-1051-a-pub"))
                .add(TrustListBuilder.Entry.of(sub.certificate(), Role.CCM_TFTP).withIpAddress(ip("10.48.47.154")))
                .build();
    }

    @Test
    void tokenlessCtlHasTheLengthsOf118893() throws Exception {
        ItlFile ctl = tokenless();
        assertEquals(336, ctl.header().length());
        assertEquals(List.of(1156, 1156, 1138, 1161), lengths(ctl));
        assertEquals(4947, ctl.encoded().size());
        assertEquals("CTLFile.tlv", ctl.header().fileName().orElseThrow());
        ItlRecord first = ctl.records().get(0);
        // CUCM's CTL record order 1,2,...,10 (fields() leaves out RECORDLENGTH) and the short host name as DNSNAME
        assertEquals(
                List.of(2, 3, 4, 5, 6, 7, 8, 9, 10),
                first.fields().stream().map(t -> t.tag()).toList());
        assertEquals("cucm-1051-a-pub", first.dnsName().orElseThrow());
        assertEquals(
                "10.48.47.154", ctl.records().get(3).ipAddress().orElseThrow().getHostAddress());
        ItlFile reread = ItlReader.defaults().readTrustList(ctl.encoded());
        assertEquals(ctl.encoded(), reread.encoded());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(reread));
    }

    /**
     * 118892: a CTL after {@code utils ctl set-cluster non-secure-mode}: two SAST records (names 56 and 42 bytes,
     * serial 10, DER 771, DNSNAME empty), a 33-byte CCM+TFTP placeholder (DNSNAME the IP string), CAPF (names 50,
     * DER 572), another
     * placeholder. Signed by the first SAST (SIGNERID 117 = 59 + 13 + 45). Cisco's SAST records were eToken records
     * without SIGNATURE; these carry one, so their certificates are 131 bytes smaller than the eTokens' were.
     */
    @Test
    void nonSecureCtlHasTheLengthsOf118892() throws Exception {
        String ca = "O=Cisco Systems,CN=Cisco Manufacturing CA";
        SigningKey sast1 = sized(cucmName("SAST-ADN0054f509.lab"), ca, "1A2B3C4D5E6F70819203", 771);
        SigningKey sast2 = sized(cucmName("SAST-ADN008580ef.lab"), ca, "1A2B3C4D5E6F70819204", 771);
        SigningKey capf = sized(
                "CN=CAPF-5e6f7a8b.cucmpub10.cluster-on.example.org", null, "4E3F65C297B3E01FE74281AB52CC55DF", 572);
        ItlSigner signer = ItlSigner.builder(sast1)
                .clock(SigningTestSupport.fixedClock(1_400_000_000L))
                .build();
        ItlFile ctl = TrustListBuilder.ctlBuilder(signer)
                .add(TrustListBuilder.Entry.of(sast1.certificate(), Role.SAST)
                        .withDnsName("")
                        .withIpAddress(ip("10.48.47.153")))
                .add(TrustListBuilder.Entry.of(sast2.certificate(), Role.SAST)
                        .withDnsName("")
                        .withIpAddress(ip("10.48.47.153")))
                .addPlaceholder(new TrustListBuilder.Placeholder(Role.CCM_TFTP, ip("10.48.47.153"), "10.48.47.153"))
                .add(TrustListBuilder.Entry.of(capf.certificate(), Role.CAPF)
                        .withDnsName("cucmpub10")
                        .withIpAddress(ip("10.48.47.153")))
                .addPlaceholder(new TrustListBuilder.Placeholder(Role.CCM_TFTP, ip("10.48.47.154"), "10.48.47.154"))
                .build();
        assertEquals(304, ctl.header().length());
        assertEquals(List.of(1186, 1186, 33, 1004, 33), lengths(ctl));
        assertEquals(3746, ctl.encoded().size());
        ItlRecord p = ctl.records().get(2);
        assertEquals(
                List.of(RecordTags.DNS_NAME, RecordTags.FUNCTION, RecordTags.IP_ADDRESS),
                p.fields().stream().map(t -> t.tag()).toList());
        assertEquals(Role.CCM_TFTP, p.role().orElseThrow());
        assertFalse(p.certificate().isPresent());
        ItlFile reread = ItlReader.defaults().readTrustList(ctl.encoded());
        assertEquals(ctl.encoded(), reread.encoded());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(reread));
    }
}
