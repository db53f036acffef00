package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.TrustLists;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.diff.ChangeKind;
import io.github.itl4j.trust.diff.ContinuityVerdict;
import io.github.itl4j.trust.diff.TrustListDiff;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * A certificate whose name has {@code ,} or {@code +} inside a value, in a list the library builds in CUCM's layout
 * (values written unescaped, joined with {@code ;}): lint does not call its SUBJECTNAME different (L32), and diff and
 * the simulator see one certificate and one issuer in both layouts.
 */
class CucmNameLintTest {
    private static final Instant NB = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NA = Instant.parse("2040-01-01T00:00:00Z");

    private static SigningKey key(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name n = new X500Name(name);
        var b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                n, BigInteger.valueOf(0x1234567), java.util.Date.from(NB), java.util.Date.from(NA), n, kp.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .build(kp.getPrivate());
        X509Certificate c = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new java.io.ByteArrayInputStream(b.build(signer).getEncoded()));
        return SigningKey.of(kp.getPrivate(), c, List.of());
    }

    private static final class Keys {
        static final SigningKey COMMA;
        static final SigningKey PLUS;
        static final SigningKey TOKEN;

        static {
            try {
                COMMA = key("CN=cucm-comma,O=Example\\, Inc.,L=Town,C=US");
                PLUS = key("CN=cucm-plus,OU=Voice\\+Video,O=Acme,C=US");
                TOKEN = key("CN=SAST-ADN0054f509,OU=IPCBU,O=Cisco Systems");
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** An ITL signed by {@code signer} holding it as SAST and TFTP, and the cluster's ITLRecovery, in a layout. */
    private static ItlFile list(SigningKey signer, Layout layout) throws Exception {
        TrustListBuilder b = TrustListBuilder.builder(Fixtures.signer(signer))
                .fileName("ITLFile.tlv")
                .timestamp(Fixtures.T0)
                .layout(layout)
                .tvsAsHash(true);
        b.add(signer.certificate(), Role.SAST)
                .add(signer.certificate(), Role.TFTP)
                .add(Fixtures.recA(), Role.SAST);
        return Fixtures.reread(b.build());
    }

    private static LintReport lint(ItlFile f) {
        return Linter.of(LintTableTest.opts()).lint("ITLFile.tlv", f.encoded());
    }

    private static boolean fires(LintReport r, String rule) {
        return r.findings().stream().anyMatch(f -> f.rule().equals(rule));
    }

    private static String subjectName(ItlFile f, int record) {
        return f.records().get(record).subjectName().orElseThrow();
    }

    /** The list with record {@code record}'s SUBJECTNAME replaced, signed again. */
    private static ItlFile withSubjectName(ItlFile f, SigningKey signer, int record, String name) throws Exception {
        List<ItlRecord> rs = new ArrayList<>(f.records());
        List<Tlv> fields = new ArrayList<>();
        for (Tlv t : rs.get(record).fields()) {
            fields.add(t.tag() == RecordTags.SUBJECT_NAME ? new Tlv(t.tag(), Bytes.utf8(name + "\0")) : t);
        }
        rs.set(record, ItlRecord.of(fields));
        return Fixtures.reread(Fixtures.signer(signer).sign(ItlFile.of(f.header(), rs)));
    }

    @Test
    void aCommaInACucmSubjectIsNoL32() throws Exception {
        ItlFile f = list(Keys.COMMA, Layout.CUCM);
        assertEquals("CN=cucm-comma;O=Example, Inc.;L=Town;C=US", subjectName(f, 0));
        LintReport r = lint(f);
        assertFalse(fires(r, "L32"), r.toString());
        assertFalse(fires(lint(list(Keys.COMMA, Layout.CERTUTILS)), "L32"));
        // the same attributes in another order, and the RFC 4514 form with the comma escaped
        assertFalse(fires(lint(withSubjectName(f, Keys.COMMA, 0, "C=US;L=Town;O=Example, Inc.;CN=cucm-comma")), "L32"));
        assertFalse(
                fires(lint(withSubjectName(f, Keys.COMMA, 0, "CN=cucm-comma,O=Example\\, Inc.,L=Town,C=US")), "L32"));
    }

    @Test
    void aPlusInACucmSubjectIsNoL32() throws Exception {
        ItlFile f = list(Keys.PLUS, Layout.CUCM);
        assertEquals("CN=cucm-plus;OU=Voice+Video;O=Acme;C=US", subjectName(f, 0));
        LintReport r = lint(f);
        assertFalse(fires(r, "L32"), r.toString());
    }

    @Test
    void aSubjectNameThatReallyDiffersIsStillL32() throws Exception {
        ItlFile f = list(Keys.COMMA, Layout.CUCM);
        for (String other : List.of(
                "CN=cucm-comma;O=Example;L=Town;C=US",
                "CN=cucm-comma;O=Example, Ltd.;L=Town;C=US",
                "CN=cucm-comma;O=Example, Inc.;C=US",
                "CN=cucm-comma,O=Example,Inc.,L=Town,C=US;",
                "CN=other;O=Example, Inc.;L=Town;C=US")) {
            LintReport r = lint(withSubjectName(f, Keys.COMMA, 0, other));
            assertTrue(fires(r, "L32"), other + ": " + r);
        }
        ItlFile p = list(Keys.PLUS, Layout.CUCM);
        assertTrue(fires(lint(withSubjectName(p, Keys.PLUS, 0, "CN=cucm-plus;OU=Voice;O=Acme;C=US")), "L32"));
    }

    @Test
    void diffSeesOneCertificateInBothLayouts() throws Exception {
        ItlFile cucm = list(Keys.COMMA, Layout.CUCM);
        ItlFile certutils = list(Keys.COMMA, Layout.CERTUTILS);
        // the identity of a record without its certificate: SERIALNUMBER and the ISSUERNAME's key
        assertEquals(
                TrustLists.serialIdentity(cucm.records().get(0)),
                TrustLists.serialIdentity(certutils.records().get(0)));
        assertTrue(TrustLists.serialIdentity(cucm.records().get(0)).isPresent());
        TrustSimulator sim = TrustSimulator.builder()
                .phone(PhoneState.none().at(Fixtures.NOW))
                .tvs(TvsEnvironment.of(List.of()))
                .build();
        TrustListDiff d = TrustListDiff.compare(cucm, "ITLFile.tlv", certutils, "ITLFile.tlv", sim);
        assertTrue(d.records(ChangeKind.ADDED).isEmpty(), d.toString());
        assertTrue(d.records(ChangeKind.REMOVED).isEmpty(), d.toString());
        assertTrue(d.records(ChangeKind.ROTATED).isEmpty(), d.toString());
        List<String> details = d.records(ChangeKind.REENCODED).stream()
                .flatMap(c -> c.details().stream())
                .toList();
        assertTrue(details.stream().anyMatch(s -> s.contains("SUBJECTNAME formatting")), details.toString());
        assertFalse(details.stream().anyMatch(s -> s.contains("NAME changed")), details.toString());
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity(), d.chain().toString());
    }

    /**
     * The list a phone holds, offered again in CUCM's layout: the signer's record is found by serial and by an
     * issuer that CANAME (CUCM form, {@code O=Example, Inc.} unescaped) names, not by the serial alone.
     */
    @Test
    void theSimulatorMatchesTheSignerByItsIssuer() throws Exception {
        ItlFile cucm = list(Keys.COMMA, Layout.CUCM);
        assertEquals(
                "CN=cucm-comma;O=Example, Inc.;L=Town;C=US",
                cucm.header().caName().orElseThrow());
        TrustSimulator sim = TrustSimulator.builder()
                .phone(PhoneState.none().at(Fixtures.NOW))
                .tvs(TvsEnvironment.of(List.of()))
                .build();
        TrustListDiff same = TrustListDiff.compare(cucm, "ITLFile.tlv", list(Keys.COMMA, Layout.CUCM), "x", sim);
        assertEquals(
                ContinuityVerdict.CONTINUOUS, same.continuity(), same.chain().toString());
        assertFalse(
                same.simulation().problems().stream().anyMatch(p -> p.code().equals("SIGNER_ISSUER_MISMATCH")),
                same.simulation().problems().toString());
    }

    /**
     * The hardware-eToken CTL client's SUBJECTNAME (docs/format.md §4.3: lower-case types, quoted values, the CN's
     * padding inside the quotes, the last value cut before its closing quote) names its certificate: no L32.
     */
    @Test
    void anETokenQuotedSubjectIsNoL32() throws Exception {
        ItlFile f = list(Keys.TOKEN, Layout.CUCM);
        String token = "cn=\"SAST-ADN0054f509        \";ou=IPCBU;o=\"Cisco Systems";
        LintReport r = lint(withSubjectName(f, Keys.TOKEN, 0, token));
        assertFalse(fires(r, "L32"), r.toString());
        LintReport other = lint(withSubjectName(f, Keys.TOKEN, 0, token.replace("f509", "f508")));
        assertTrue(fires(other, "L32"), other.toString());
    }

    /** Lint's fast name match agrees with the keys where a piece without '=' follows a mismatch (the review's cases). */
    @Test
    void aPieceWithoutEqualsAfterAMismatchIsNoL32() throws Exception {
        for (String[] c : new String[][] {
            {"CN=Example\\, Inc", "CN=Example, Inc"},
            {"CN=x,O=Example\\, Inc.", "CN=x,O=Example, Inc."},
            {"CN=Voice\\+Video,O=Acme", "CN=Voice+Video,O=Acme"},
            {"CN=a,OU=b,O=c", "CN=a;OU=b,O=c"},
            {"CN=a,OU=b,O=c", "CN=a,OU=b;O=c"}
        }) {
            SigningKey k = key(c[0]);
            ItlFile f = list(k, Layout.CUCM);
            assertTrue(TrustLists.sameName(c[1], subjectName(f, 0)), c[1] + " vs " + subjectName(f, 0));
            LintReport r = lint(withSubjectName(f, k, 0, c[1]));
            assertFalse(fires(r, "L32"), c[0] + " / " + c[1] + ": " + r);
        }
    }
}
