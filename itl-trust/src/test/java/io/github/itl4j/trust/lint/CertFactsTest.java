package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.TrustLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The certificate facts lint keeps: the same values as the JDK's certificate, each certificate decoded once. */
class CertFactsTest {
    private static List<ItlFile> vectors() throws IOException {
        List<ItlFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.testdata().resolve("vectors/certutils/itl"))) {
            s.filter(p -> p.toString().endsWith(".tlv")).sorted().forEach(p -> out.add(Fixtures.read(p)));
        }
        return out;
    }

    @Test
    void factsAreTheCertificatesOwn() throws IOException {
        int n = 0;
        for (ItlFile f : vectors()) {
            for (ItlRecord r : f.records()) {
                Optional<Bytes> der = r.certificate();
                if (der.isEmpty()) {
                    continue;
                }
                X509Certificate c = TrustLists.certificate(r).orElseThrow();
                CertFacts x = CertFacts.of(der.get()).orElseThrow();
                assertEquals(c.getNotBefore().toInstant(), x.notBefore);
                assertEquals(c.getNotAfter().toInstant(), x.notAfter);
                assertEquals(c.getSubjectX500Principal().getName(), x.subject());
                assertEquals(c.getPublicKey(), x.key());
                assertEquals(
                        c.getPublicKey() instanceof RSAPublicKey k
                                ? k.getModulus().bitLength()
                                : -1,
                        x.rsaBits);
                assertEquals(TrustLists.identity(r).orElseThrow(), x.identity());
                r.subjectName()
                        .ifPresent(sn -> assertEquals(
                                TrustLists.sameName(
                                        sn, c.getSubjectX500Principal().getName()),
                                x.hasSubject(sn),
                                sn));
                assertTrue(x.hasSubject(c.getSubjectX500Principal().getName()));
                n++;
            }
        }
        assertTrue(n > 50, "certificates compared: " + n);
    }

    @Test
    void aCertificateIsDecodedOncePerJvmNotPerFile() {
        ItlFile f = Fixtures.a1();
        Linter l = Linter.of(LintTableTest.opts());
        l.lint("ITLFile.tlv", f.encoded());
        long before = CertFacts.decodes();
        LintReport again = l.lint("ITLFile.tlv", f.encoded());
        assertEquals(before, CertFacts.decodes(), "the second lint decodes no certificate");
        assertEquals(l.lint("ITLFile.tlv", f.encoded()).findings(), again.findings());
        assertTrue(CertFacts.cached() <= ContentCache.MAX_ENTRIES);
        assertTrue(CertFacts.cachedBytes() <= ContentCache.MAX_BYTES);
    }

    @Test
    void aRecordSeenAgainIsNotLookedAtAgainAndAChangedOneIs() throws Exception {
        ItlFile f = Fixtures.a1();
        Linter l = Linter.of(LintTableTest.opts());
        LintReport first = l.lint("ITLFile.tlv", f.encoded());
        long derived = RecordFacts.derived();
        assertEquals(first.findings(), l.lint("ITLFile.tlv", f.encoded()).findings());
        assertEquals(derived, RecordFacts.derived(), "the second lint derives no record");
        assertTrue(RecordFacts.cached() <= ContentCache.MAX_ENTRIES);
        assertTrue(RecordFacts.cachedBytes() <= ContentCache.MAX_BYTES);
        assertTrue(HeaderFacts.cached() > 0);

        // one letter of a record's SUBJECTNAME changed: a record not seen before, whose name is not its subject
        int record = 0;
        ItlRecord r = f.records().get(record);
        int field = 0;
        while (r.fieldTag(field) != io.github.itl4j.RecordTags.SUBJECT_NAME) {
            field++;
        }
        long at = f.header().length() + r.fieldOffset(field) + 3 + 3; // past "CN="
        byte[] changed = f.encoded().toByteArray();
        changed[(int) at] = (byte) (changed[(int) at] == '7' ? '8' : '7');
        LintReport other = l.lint("ITLFile.tlv", Bytes.wrapOwned(changed));
        assertEquals(derived + 1, RecordFacts.derived());
        assertTrue(
                other.findings().stream()
                        .anyMatch(x -> x.code().equals("SUBJECT_NAME_MISMATCH") && x.recordIndex() == record),
                other.toString());
        assertFalse(first.has("SUBJECT_NAME_MISMATCH"), first.toString());
        assertEquals(first.findings(), l.lint("ITLFile.tlv", f.encoded()).findings());
    }

    @Test
    void bytesThatAreNotACertificateAreNotKept() {
        int before = CertFacts.cached();
        assertTrue(CertFacts.of(Bytes.wrapOwned(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isEmpty());
        assertTrue(CertFacts.of(Bytes.wrapOwned(new byte[0])).isEmpty());
        assertEquals(before, CertFacts.cached());
    }
}
