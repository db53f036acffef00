package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.testkit.TestKey;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.TrustLists;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The light certificate reading ({@link CertDer}) against the JDK's {@link X509Certificate}: for every certificate of
 * the test data, generated ones (names with escapes, multi-valued RDNs, IA5 and UTF8 values, other attribute types,
 * RSA and EC keys, UTCTime and GeneralizedTime, critical extensions) and mutations of them (every byte changed three
 * ways, every truncation, random changes), a certificate the light reading accepts is one the JDK decodes, with the
 * same validity, key size, curve, subject name key, serial, key and name comparisons; malformed bytes are refused
 * without an exception.
 */
class CertDerTest {
    private static final List<String> NAME_TYPES = List.of("CN", "OU", "O", "L", "ST", "C");

    /** Every certificate of the test data (trust-list records and PEM files) and of the test kit. */
    static List<byte[]> testDataCertificates() throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Path v = Fixtures.testdata().resolve("vectors");
        try (Stream<Path> s = Files.walk(v)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tlv")) {
                    try {
                        for (ItlRecord r : Fixtures.read(p).records()) {
                            r.certificate().ifPresent(c -> out.putIfAbsent(c.toHex(), c.toByteArray()));
                        }
                    } catch (RuntimeException e) {
                        // a negative vector: its records are not read here
                    }
                } else if (n.endsWith(".pem") && Files.readString(p).contains("BEGIN CERTIFICATE")) {
                    CertificateFactory cf = CertificateFactory.getInstance("X.509");
                    try {
                        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(p)))) {
                            out.putIfAbsent(Bytes.wrapOwned(c.getEncoded()).toHex(), c.getEncoded());
                        }
                    } catch (java.security.cert.CertificateException e) {
                        // a deliberately broken certificate: the mutations cover such bytes
                    }
                }
            }
        }
        for (X509Certificate c : TestKey.recordCertificates()) {
            out.putIfAbsent(Bytes.wrapOwned(c.getEncoded()).toHex(), c.getEncoded());
        }
        return new ArrayList<>(out.values());
    }

    /** Certificates made here to reach the corners of the subset and what lies just outside it. */
    static List<byte[]> generatedCertificates() throws Exception {
        List<byte[]> out = new ArrayList<>();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair rsa1024 = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = ec.generateKeyPair();
        ec.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair p521 = ec.generateKeyPair();
        List<X500Name> names = List.of(
                new X500Name("CN=plain,OU=Unit,O=Org,L=Town,ST=State,C=US"),
                new X500Name("CN=  spaced  ,O=a\\,b,OU=x\\+y,L=q\\=r"),
                new X500Name("CN=a+OU=b,O=multi"),
                new X500Name("CN=\\#hash,OU=semi\\;colon,O=quote\\\",L=back\\\\slash"),
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.DC, new DERIA5String("example"))
                        .addRDN(BCStyle.UID, new DERUTF8String("user1"))
                        .addRDN(BCStyle.CN, new DERIA5String("ia5 cn"))
                        .build(),
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.CN, new DERPrintableString("ITLRECOVERY_node"))
                        .addRDN(BCStyle.STREET, new DERUTF8String("1 Main St"))
                        .build(),
                new X500Name("CN=with serial,SERIALNUMBER=1234"),
                new X500Name("CN=with mail,E=a@b.test"),
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.CN, new DERUTF8String("caf\u00e9"))
                        .build(),
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.O, new DERUTF8String("x".repeat(300)))
                        .build());
        Date[][] validity = {
            {Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2049-12-31T23:59:59Z"))},
            {Date.from(Instant.parse("1999-02-28T12:34:56Z")), Date.from(Instant.parse("2050-01-01T00:00:00Z"))},
            {Date.from(Instant.parse("2024-02-29T00:00:00Z")), Date.from(Instant.parse("9999-12-31T23:59:59Z"))},
        };
        KeyPair[] keys = {TestKeyPairs.RSA2048, rsa1024, p384, p521, TestKeyPairs.P256};
        int i = 0;
        for (X500Name subject : names) {
            for (int k = 0; k < keys.length; k++) {
                Date[] v = validity[(i + k) % validity.length];
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        new X500Name("CN=issuer,O=Org"),
                        BigInteger.valueOf(1000 + i * 7L + k),
                        new Time(v[0]),
                        new Time(v[1]),
                        subject,
                        keys[k].getPublic());
                if ((i + k) % 2 == 0) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(k % 2 == 0));
                    b.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
                    b.addExtension(
                            Extension.extendedKeyUsage,
                            (i + k) % 4 == 0,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "host.example.test")));
                }
                if ((i + k) % 3 == 0) {
                    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.9.99.1"), true, new byte[] {5, 0});
                }
                String alg = keys[k].getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                X509Certificate c = new JcaX509CertificateConverter()
                        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(keys[k].getPrivate())));
                out.add(c.getEncoded());
            }
            i++;
        }
        return out;
    }

    /** Key pairs made once. */
    private static final class TestKeyPairs {
        static final KeyPair RSA2048 = pair("RSA", 2048, null);
        static final KeyPair P256 = pair("EC", 0, "secp256r1");

        static KeyPair pair(String alg, int bits, String curve) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
                if (curve != null) {
                    g.initialize(new ECGenParameterSpec(curve));
                } else {
                    g.initialize(bits);
                }
                return g.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Checks the light reading of some bytes against the JDK's.
     *
     * @return true if the light reading accepted them
     */
    static boolean agrees(byte[] der) {
        CertDer d = CertDer.read(der.clone());
        if (d == null) {
            return false;
        }
        String hex = Bytes.wrapOwned(der).toHex();
        Optional<X509Certificate> jdk = Certificates.parse(der.clone());
        assertTrue(jdk.isPresent(), () -> "accepted by the light reading, refused by the JDK: " + hex);
        X509Certificate c = jdk.get();
        assertEquals(c.getNotBefore().toInstant(), d.notBefore, hex);
        assertEquals(c.getNotAfter().toInstant(), d.notAfter, hex);
        PublicKey k = c.getPublicKey();
        assertEquals(k instanceof RSAPublicKey r ? r.getModulus().bitLength() : -1, d.rsaBits, hex);
        assertEquals(k instanceof ECPublicKey e ? CertFacts.curve(e) : null, d.curve, hex);
        assertEquals(
                c.getSerialNumber(), new BigInteger(Arrays.copyOfRange(der, d.serialOff, d.serialOff + d.serialLen)));
        String subject = c.getSubjectX500Principal().getName();
        assertEquals(TrustLists.nameKey(subject), d.subjectKey(), hex);
        assertArrayEquals(
                c.getSubjectX500Principal().getEncoded(),
                Arrays.copyOfRange(der, d.subjectOff, d.subjectOff + d.subjectLen));
        CertFacts f = CertFacts.get(Bytes.wrapOwned(der.clone()));
        assertNotNull(f, hex);
        assertTrue(!f.decodedByJdk(), hex);
        assertEquals(subject, f.subject(), hex);
        assertEquals(k, f.key(), hex);
        // read in place (a slice of a larger array, as lint reads a record's certificate with its caches off): the
        // same facts, with no copy of the certificate for the common case (a name spelled as the subject)
        byte[] padded = new byte[der.length + 7];
        System.arraycopy(der, 0, padded, 3, der.length);
        Arrays.fill(padded, 0, 3, (byte) 0x30);
        Arrays.fill(padded, 3 + der.length, padded.length, (byte) 0x30);
        CertDer p = CertDer.read(Bytes.wrapOwned(padded).slice(3, der.length));
        assertNotNull(p, hex);
        assertEquals(d.notBefore, p.notBefore, hex);
        assertEquals(d.notAfter, p.notAfter, hex);
        assertEquals(d.rsaBits, p.rsaBits, hex);
        assertEquals(d.curve, p.curve, hex);
        assertTrue(p.sameKey(d) && d.sameKey(p), hex);
        assertArrayEquals(c.getSubjectX500Principal().getEncoded(), p.subject(), hex);
        assertArrayEquals(c.getSubjectX500Principal().getEncoded(), d.subject(), hex);
        assertEquals(d.serialOff, p.serialOff, hex);
        assertEquals(d.serialLen, p.serialLen, hex);
        assertArrayEquals(d.spki(), p.spki(), hex);
        assertTrue(d.hasCopy(), hex);
        String rfcName = c.getSubjectX500Principal().getName();
        byte[] rfcBytes = rfcName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int rfcSpelled = p.spelled(rfcBytes, 0, rfcBytes.length);
        assertEquals(d.spelled(rfcBytes, 0, rfcBytes.length), rfcSpelled, hex);
        assertEquals(d.spell(rfcBytes, 0, rfcBytes.length).cn, p.spell(rfcBytes, 0, rfcBytes.length).cn, hex);
        assertTrue(!p.hasCopy(), hex);
        assertEquals(d.subjectKey(), p.subjectKey(), hex);
        assertTrue(p.hasCopy(), hex); // made for the subject's key
        CertDer q = CertDer.read(Bytes.wrapOwned(padded).slice(3, der.length));
        assertTrue(q.sameKey(p) && p.sameKey(q) && !q.hasCopy(), hex); // in place both, and one copied
        p = CertDer.read(Bytes.wrapOwned(padded).slice(3, der.length));
        CertFacts inPlace = CertFacts.derive(Bytes.wrapOwned(padded).slice(3, der.length), false);
        assertNotNull(inPlace, hex);
        assertEquals(f.rsaBits, inPlace.rsaBits, hex);
        assertEquals(f.curve, inPlace.curve, hex);
        assertEquals(f.notBefore, inPlace.notBefore, hex);
        assertEquals(f.notAfter, inPlace.notAfter, hex);
        assertEquals(subject, inPlace.subject(), hex);
        assertEquals(k, inPlace.key(), hex);
        assertEquals(f.identity(), inPlace.identity(), hex);
        assertEquals(f.keyText(), inPlace.keyText(), hex);
        assertEquals(f.subjectKey(), inPlace.subjectKey(), hex);
        assertTrue(f.sameKey(inPlace) && inPlace.sameKey(f), hex);
        for (String name : nameVariants(c)) {
            byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean ascii = utf8.length == name.length();
            Boolean light = ascii ? d.names(utf8, 0, utf8.length) : null;
            boolean expected = TrustLists.sameName(name, subject);
            if (light != null) {
                assertEquals(expected, light, () -> name + " vs " + subject);
                assertEquals(light, p.names(utf8, 0, utf8.length), () -> name + " vs " + subject);
            }
            // the exact spelling (the fast path): only for names that name the subject, with the CN of the text
            int spelled = d.spelled(utf8, 0, utf8.length);
            assertEquals(spelled, p.spelled(utf8, 0, utf8.length), () -> name + " vs " + subject);
            if (spelled >= 0) {
                assertTrue(expected && ascii, () -> name + " vs " + subject);
                assertEquals(Boolean.TRUE, light, () -> name + " vs " + subject);
                String cn = d.spell(utf8, 0, utf8.length).cn;
                assertEquals(spelled < d.avaCount() ? LintContext.cn(name) : null, cn, () -> name);
                assertEquals(cn, p.spell(utf8, 0, utf8.length).cn, () -> name);
            }
            assertEquals(expected, f.hasSubject(name), () -> name + " vs " + subject);
            // a record's SUBJECTNAME as stored (NUL-terminated), read as bytes: the CN and the match of its text
            byte[] stored = Arrays.copyOf(utf8, utf8.length + 1);
            CertFacts.Named n = f.named(Bytes.wrapOwned(stored));
            String text = Bytes.wrapOwned(stored).toNulTerminatedString();
            assertEquals(LintContext.cn(text), n.cn, () -> name);
            assertEquals(TrustLists.sameName(text, subject), n.sameSubject, () -> name + " vs " + subject);
            CertFacts.Named m = inPlace.named(Bytes.wrapOwned(stored));
            assertEquals(n.cn, m.cn, () -> name);
            assertEquals(n.sameSubject, m.sameSubject, () -> name + " vs " + subject);
            assertEquals(n.recovery, m.recovery, () -> name);
        }
        return true;
    }

    @Test
    void theCnOfAnAsciiNameAsBytesIsTheCnOfItsText() {
        List<String> names = List.of(
                "",
                "CN=a",
                "cn=a",
                "Cn = x",
                "CN=",
                "CN",
                " CN=  spaced value  ,O=x",
                "O=x;CN=y;OU=z",
                "O=x,OU=y",
                ";;,",
                "CN=a\\,b,O=c",
                "CN=x\u0000trailing",
                "\u0001CN=ctl\u001f",
                "O=a name without any common name that is over forty characters long",
                "O=exactly forty characters long text!!!!",
                "ON=x,CN=second",
                "C=NZ,CNX=1,CN=real");
        for (String t : names) {
            byte[] b = t.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] padded = new byte[b.length + 4];
            System.arraycopy(b, 0, padded, 2, b.length);
            padded[0] = 'C';
            padded[1] = ',';
            padded[padded.length - 2] = ';';
            padded[padded.length - 1] = 'x';
            assertEquals(LintContext.cn(t), LintContext.cn(padded, 2, 2 + b.length), t);
        }
    }

    /** SUBJECTNAME texts to compare with a certificate's subject: equal ones in several forms, and near misses. */
    static List<String> nameVariants(X509Certificate c) {
        String rfc = c.getSubjectX500Principal().getName();
        List<String> out = new ArrayList<>(List.of(rfc, "", ";", rfc + ";", " " + rfc + " ", rfc + ",CN=extra"));
        out.add(c.getSubjectX500Principal().getName(X500Principal.RFC1779));
        out.add(rfc.toLowerCase(Locale.ROOT));
        out.add(rfc.replace(",", ";"));
        out.add(rfc.replace(",", " ; "));
        out.add(rfc.replace("=", " = "));
        out.add(rfc.replace("ST=", "S="));
        out.add(rfc.replace("ST=", "s="));
        out.add(rfc.replace("CN=", "\u0131CN="));
        out.add(rfc + "\u0000trailing");
        out.add(rfc.replace("CN=", "CN=\\ "));
        List<String> parts = new ArrayList<>(Arrays.asList(rfc.split(",")));
        java.util.Collections.reverse(parts);
        out.add(String.join(";", parts));
        out.add(String.join(",", parts));
        out.add(String.join(",", parts) + ";");
        out.add(String.join(",", parts).replace("=", "= "));
        out.add(rfc.substring(0, rfc.length() - 1));
        out.add(rfc + " ");
        out.add(rfc + "\u0000");
        if (!parts.isEmpty()) {
            out.add(String.join(";", parts.subList(1, parts.size())));
            List<String> twice = new ArrayList<>(parts);
            twice.add(parts.get(0));
            out.add(String.join(";", twice));
            String p0 = parts.get(0);
            out.add(String.join(";", parts).replace(p0, p0 + "x"));
            out.add(String.join(";", parts).replace(p0, p0.toUpperCase(Locale.ROOT)));
        }
        for (String t : NAME_TYPES) {
            out.add(rfc.replace(t + "=", t.toLowerCase(Locale.ROOT) + "="));
        }
        return out;
    }

    @Test
    void aNameSpellingTheSubjectIsMatchedAtOnce() throws Exception {
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                new X500Name("CN=issuer"),
                                BigInteger.ONE,
                                new Time(Date.from(Instant.parse("2020-01-01T00:00:00Z"))),
                                new Time(Date.from(Instant.parse("2030-01-01T00:00:00Z"))),
                                new X500Name("C=NZ,ST=Wellington,L=Wellington,O=Example Org,OU=Voice,CN=ccm.example"),
                                TestKeyPairs.P256.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(TestKeyPairs.P256.getPrivate())));
        CertDer d = CertDer.read(c.getEncoded());
        assertNotNull(d);
        assertTrue(agrees(c.getEncoded()));
        // CUCM's form (reverse DER order, ';'), RFC 2253's (','), and DER order: the CN is the sixth DER attribute
        for (String n : List.of(
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                "CN=ccm.example,OU=Voice,O=Example Org,L=Wellington,ST=Wellington,C=NZ",
                "C=NZ,ST=Wellington,L=Wellington,O=Example Org,OU=Voice,CN=ccm.example",
                "C=NZ;ST=Wellington,L=Wellington;O=Example Org;OU=Voice;CN=ccm.example")) {
            byte[] b = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(5, d.spelled(b, 0, b.length), n);
            assertEquals("ccm.example", d.spell(b, 0, b.length).cn, n);
        }
        // the same attributes written otherwise are for the general comparison (which says they match)
        for (String n : List.of(
                "cn=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;S=Wellington;C=NZ",
                "CN=ccm.example; OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                "OU=Voice;CN=ccm.example;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ;")) {
            byte[] b = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(-1, d.spelled(b, 0, b.length), n);
            assertEquals(Boolean.TRUE, d.names(b, 0, b.length), n);
        }
        // near misses
        for (String n : List.of(
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington",
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ;C=NZ",
                "CN=ccm.exampl;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZX",
                "CN=ccm.example;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;CN=NZ")) {
            byte[] b = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(-1, d.spelled(b, 0, b.length), n);
            assertEquals(Boolean.FALSE, d.names(b, 0, b.length), n);
        }
        // a value holding a separator: the spelling is not the attributes' split, left to the general comparison
        X509Certificate comma = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                new X500Name("CN=issuer"),
                                BigInteger.ONE,
                                new Time(Date.from(Instant.parse("2020-01-01T00:00:00Z"))),
                                new Time(Date.from(Instant.parse("2030-01-01T00:00:00Z"))),
                                new X500Name("O=Example\\, Inc.,CN=x"),
                                TestKeyPairs.P256.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(TestKeyPairs.P256.getPrivate())));
        CertDer e = CertDer.read(comma.getEncoded());
        assertNotNull(e);
        byte[] b = "CN=x,O=Example, Inc.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(-1, e.spelled(b, 0, b.length));
    }

    @Test
    void everyCertificateOfTheTestDataIsReadAsTheJdkReadsIt() throws Exception {
        List<byte[]> all = testDataCertificates();
        int light = 0;
        for (byte[] der : all) {
            if (agrees(der)) {
                light++;
            }
        }
        assertTrue(all.size() > 40, "certificates: " + all.size());
        // the common case is the light one: most test certificates lie in the subset
        assertTrue(light * 10 >= all.size() * 8, "read lightly: " + light + " of " + all.size());
    }

    @Test
    void generatedCertificatesAgreeOrAreLeftToTheJdk() throws Exception {
        List<byte[]> all = generatedCertificates();
        int light = 0;
        for (byte[] der : all) {
            if (agrees(der)) {
                light++;
            }
        }
        assertTrue(light >= all.size() / 2, "read lightly: " + light + " of " + all.size());
        // outside the subset: a subject attribute without an RFC 2253 keyword, a non-ASCII value, P-521 is in it
        for (byte[] der : all) {
            Optional<X509Certificate> c = Certificates.parse(der);
            String s = c.orElseThrow().getSubjectX500Principal().getName();
            if (s.contains("1.2.840.113549.1.9.1") || s.contains("2.5.4.5") || s.contains("caf")) {
                assertEquals(null, CertDer.read(der), s);
                CertFacts f = CertFacts.get(Bytes.wrapOwned(der));
                assertTrue(f.decodedByJdk(), s);
                assertEquals(s, f.subject());
            }
        }
    }

    @Test
    void mutatedCertificatesAreRefusedOrAgree() throws Exception {
        List<byte[]> bases = new ArrayList<>();
        List<byte[]> data = testDataCertificates();
        for (int i = 0; i < data.size(); i += Math.max(1, data.size() / 6)) {
            bases.add(data.get(i));
        }
        List<byte[]> gen = generatedCertificates();
        for (int i = 0; i < gen.size(); i += 7) {
            bases.add(gen.get(i));
        }
        Random rnd = new Random(12);
        int tried = 0;
        int accepted = 0;
        for (byte[] base : bases) {
            for (int at = 0; at < base.length; at++) {
                for (int how = 0; how < 3; how++) {
                    byte[] m = base.clone();
                    m[at] = (byte) (how == 0 ? m[at] ^ 0x01 : how == 1 ? m[at] ^ 0x80 : m[at] + 1);
                    tried++;
                    accepted += agrees(m) ? 1 : 0;
                }
                tried++;
                accepted += agrees(Arrays.copyOf(base, at)) ? 1 : 0;
            }
            for (int n = 0; n < 300; n++) {
                byte[] m = base.clone();
                for (int j = 0; j <= rnd.nextInt(3); j++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
                tried++;
                accepted += agrees(m) ? 1 : 0;
            }
        }
        // a changed signature or key byte keeps a certificate readable: the comparison ran on accepted bytes too
        assertTrue(accepted > tried / 20, "accepted " + accepted + " of " + tried);
    }

    @Test
    void aDuplicateExtensionIsLeftToTheJdk() throws Exception {
        int made = 0;
        for (byte[] base : generatedCertificates()) {
            List<Integer> at = new ArrayList<>(); // where "06 03 55 1D xx" (an id-ce extension's OID) ends
            for (int i = 0; i + 5 <= base.length; i++) {
                if (base[i] == 0x06 && base[i + 1] == 0x03 && base[i + 2] == 0x55 && base[i + 3] == 0x1d) {
                    at.add(i + 4);
                }
            }
            for (int i : at) {
                for (int j : at) {
                    if (base[i] == base[j]) {
                        continue;
                    }
                    byte[] m = base.clone();
                    m[i] = base[j]; // the extension at i now has the OID of the one at j
                    made++;
                    assertEquals(null, CertDer.read(m), () -> Bytes.wrapOwned(m).toHex());
                    // the JDK refuses most duplicates, but not all (a non-critical one it cannot decode is set
                    // aside): left to it, the certificate gets the JDK's answer either way
                }
            }
        }
        assertTrue(made > 10, "duplicates made: " + made);
    }

    @Test
    void aDuplicateExtensionOutsideIdCeIsLeftToTheJdk() throws Exception {
        // id-ce extensions of three bytes are told apart by their last byte; any other OID is compared with every
        // earlier extension's: two private extensions, after and between id-ce ones, the second made a duplicate
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500Name("CN=dup,O=Org"),
                BigInteger.valueOf(77),
                new Time(Date.from(Instant.parse("2020-01-01T00:00:00Z"))),
                new Time(Date.from(Instant.parse("2030-01-01T00:00:00Z"))),
                new X500Name("CN=dup,O=Org"),
                TestKeyPairs.P256.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.9.99.1"), false, new byte[] {5, 0});
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.9.99.2"), false, new byte[] {5, 0});
        byte[] der = new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(TestKeyPairs.P256.getPrivate())))
                .getEncoded();
        assertTrue(agrees(der), "the certificate is in the subset");
        byte[] oid2 = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x09, 0x63, 0x02};
        int at = -1;
        for (int i = 0; i + oid2.length <= der.length && at < 0; i++) {
            if (Arrays.equals(der, i, i + oid2.length, oid2, 0, oid2.length)) {
                at = i + oid2.length - 1;
            }
        }
        assertTrue(at > 0);
        byte[] m = der.clone();
        m[at] = 0x01; // 1.3.6.1.4.1.9.99.2 becomes 1.3.6.1.4.1.9.99.1, a duplicate
        assertEquals(null, CertDer.read(m));
        m[at] = 0x03; // 1.3.6.1.4.1.9.99.3: no duplicate
        assertNotNull(CertDer.read(m));
    }

    @Test
    void epochDaysAreLocalDates() {
        for (java.time.LocalDate d = java.time.LocalDate.of(1949, 12, 1); d.getYear() < 2101; d = d.plusDays(1)) {
            assertEquals(
                    d.toEpochDay(), CertDer.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
        assertEquals(java.time.LocalDate.of(9999, 12, 31).toEpochDay(), CertDer.epochDay(9999, 12, 31));
        for (java.time.LocalDate d = java.time.LocalDate.of(1, 1, 1); d.getYear() < 10000; d = d.plusDays(13)) {
            assertEquals(
                    d.toEpochDay(), CertDer.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
        for (int year : new int[] {1, 4, 100, 400, 1600, 1900, 2000, 2100, 2400}) {
            for (int month = 1; month <= 12; month++) {
                java.time.LocalDate d = java.time.LocalDate.of(year, month, 1);
                java.time.LocalDate last = d.withDayOfMonth(d.lengthOfMonth());
                assertEquals(d.toEpochDay(), CertDer.epochDay(year, month, 1), d::toString);
                assertEquals(last.toEpochDay(), CertDer.epochDay(year, month, last.getDayOfMonth()), last::toString);
            }
        }
    }

    @Test
    void malformedBytesAreRefusedWithoutAnException() {
        byte[][] bad = {
            {},
            {0x30},
            {0x30, (byte) 0x80, 0, 0},
            {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            {0x30, (byte) 0x81, 0x05, 0x02, 0x01, 0x01, 0x02, 0x01},
            {0x30, 0x03, 0x02, 0x01, 0x01},
        };
        for (byte[] b : bad) {
            assertEquals(null, CertDer.read(b));
        }
        byte[] deep = new byte[20_000];
        for (int i = 0; i + 1 < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80;
        }
        assertEquals(null, CertDer.read(deep));
    }
}
