package io.github.itl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlWriter;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The signed generators: what they make reads back equal and verifies, the configuration is honoured, and the
 * distribution TrustListArbitrary documents holds (jqwik statistics coverage).
 */
class SignedGeneratorProperties {
    private static final ItlReader READER = ItlReader.defaults();
    private static final List<X509Certificate> SIGNERS =
            Arrays.stream(TestKey.values()).map(TestKey::certificate).collect(Collectors.toList());
    private static final ItlVerifier SELF = ItlVerifier.builder().build();
    private static final ItlVerifier ANCHORED =
            ItlVerifier.builder().trustCertificates(SIGNERS).build();

    /** No @Provide: the testkit's ArbitraryProvider (META-INF/services) supplies ItlFile. */
    @Property
    void defaultTrustListsRoundTripAndVerify(@ForAll ItlFile file) throws ItlException {
        assertEquals(file, READER.readTrustList(ItlWriter.encode(file)));
        VerificationResult self = SELF.verify(file);
        assertTrue(self.isVerified(), self::toString);
        VerificationResult anchored = ANCHORED.verify(file);
        assertTrue(anchored.isVerified(), anchored::toString);

        List<ItlRecord> records = file.records();
        int n = records.size();
        long sast = records.stream()
                .filter(r -> r.role().orElseThrow().equals(Role.SAST))
                .count();
        boolean ctl = file.header().fileName().orElseThrow().startsWith("CTL");
        Statistics.label("records").collect(n == 1 ? "1" : ((n - 1) / 10 * 10 + 1) + "-" + ((n - 1) / 10 * 10 + 10));
        Statistics.label("kind").collect(ctl ? "CTL" : "ITL");
        Statistics.label("2 SAST").collect(sast == 2);
        Statistics.label("signer not first").collect(self.signerRecordIndex().orElseThrow() != 0);
        Statistics.label("IPADDRESS")
                .collect(ctl
                        && records.stream()
                                .anyMatch(r -> r.value(RecordTags.IP_ADDRESS).isPresent()));
        Statistics.label("hash record")
                .collect(records.stream().anyMatch(r -> r.certHash().isPresent()));
        Statistics.label("digest").collect(file.header().digestAlgorithm().orElseThrow());

        Statistics.label("records").coverage(c -> {
            c.check("1").percentage(p -> p < 7);
            for (int lo = 1; lo < 50; lo += 10) {
                String bucket = lo + "-" + (lo + 9);
                // 1-10 lacks the "1" bucket: about 18 %; the others about 20 %
                c.check(bucket).percentage(p -> p >= 8 && p <= 32);
            }
        });
        Statistics.label("kind").coverage(c -> c.check("CTL").percentage(p -> p >= 25 && p <= 55));
        Statistics.label("2 SAST").coverage(c -> c.check(true).percentage(p -> p >= 12));
        Statistics.label("signer not first").coverage(c -> c.check(true).percentage(p -> p >= 12));
        Statistics.label("IPADDRESS").coverage(c -> c.check(true).percentage(p -> p >= 25));
        Statistics.label("hash record").coverage(c -> c.check(true).percentage(p -> p >= 35));
        Statistics.label("digest").coverage(c -> {
            for (DigestAlgorithm d :
                    new DigestAlgorithm[] {DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512}) {
                c.check(d).percentage(p -> p >= 20);
            }
        });
    }

    @Property
    void defaultSignedFilesRoundTripAndVerify(@ForAll SgnFile file) throws ItlException {
        assertEquals(file, READER.read(ItlWriter.encode(file).toByteArray()));
        VerificationResult r = ANCHORED.verify(file);
        assertTrue(r.isVerified(), r::toString);
        Statistics.label("signature").collect(file.header().signatureLength());
        Statistics.label("signature").coverage(c -> {
            for (int len : new int[] {128, 256, 512}) {
                c.check(len).count(k -> k > 0);
            }
        });
    }

    @Provide
    Arbitrary<ItlFile> smallCtlsBy1024() {
        return ItlArbitraries.trustLists()
                .withRecords(2, 3)
                .signedBy(TestKey.RSA_1024)
                .ctlsOnly()
                .digests(DigestAlgorithm.SHA256);
    }

    @Property(tries = 50)
    void configurationIsHonoured(@ForAll("smallCtlsBy1024") ItlFile file) {
        assertTrue(file.records().size() >= 2 && file.records().size() <= 3);
        assertEquals(128, file.header().signatureLength());
        assertEquals("CTLFile.tlv", file.header().fileName().orElseThrow());
        assertEquals(DigestAlgorithm.SHA256, file.header().digestAlgorithm().orElseThrow());
        assertTrue(SELF.verify(file).isVerified());
    }

    @Provide
    Arbitrary<ItlFile> hostile() {
        return ItlArbitraries.trustLists().withRecords(1, 5).withHostileDigests();
    }

    @Property
    void hostileDigestsParseButNeverVerify(@ForAll("hostile") ItlFile file) throws ItlException {
        assertEquals(file, READER.readTrustList(ItlWriter.encode(file)));
        boolean known = file.header().digestAlgorithm().orElseThrow().isKnown();
        Statistics.label("digest").collect(known ? "signable" : "unknown");
        Statistics.label("digest").coverage(c -> c.check("unknown").percentage(p -> p >= 10 && p <= 45));
        assertEquals(known, SELF.verify(file).isVerified());
    }

    @Provide
    Arbitrary<Object[]> truncated() {
        return ItlArbitraries.trustLists().withRecords(1, 4).flatMap(f -> ItlArbitraries.truncations(f)
                .map(b -> new Object[] {f, b}));
    }

    @Property(tries = 100)
    void truncationsAreShorterAndRejected(@ForAll("truncated") Object[] pair) {
        ItlFile file = (ItlFile) pair[0];
        byte[] bytes = (byte[]) pair[1];
        assertTrue(bytes.length < file.size(), "a truncation is shorter than its file");
        // a list has no record count: cut at a record boundary, it is the list of the records before the cut;
        // cut anywhere else, it is not a trust list and the reader says so with an ItlException
        int boundary = file.header().length();
        int kept = -1;
        for (int i = 0; i <= file.records().size(); i++) {
            if (boundary == bytes.length) {
                kept = i;
                break;
            }
            if (i < file.records().size()) {
                boundary += file.records().get(i).encoded().size();
            }
        }
        Statistics.label("cut").collect(kept >= 0 ? "at a record boundary" : "inside an element");
        if (kept < 0) {
            assertThrows(ItlException.class, () -> READER.readTrustList(io.github.itl4j.Bytes.copyOf(bytes)));
        } else {
            ItlFile prefix = assertDoesNotThrow(() -> READER.readTrustList(io.github.itl4j.Bytes.copyOf(bytes)));
            assertEquals(file.records().subList(0, kept), prefix.records());
        }
    }

    @Example
    void aCutAtARecordBoundaryIsTheListOfTheRecordsBeforeIt() throws ItlException {
        ItlFile file = ItlArbitraries.trustLists().withRecords(2, 2).sample();
        int cut = file.header().length() + file.records().get(0).encoded().size();
        byte[] bytes = Arrays.copyOf(file.encoded().toByteArray(), cut);
        assertEquals(
                List.of(file.records().get(0)),
                READER.readTrustList(io.github.itl4j.Bytes.copyOf(bytes)).records());
        assertThrows(
                ItlException.class,
                () -> READER.readTrustList(io.github.itl4j.Bytes.copyOf(Arrays.copyOf(bytes, cut - 1))));
    }

    @Provide
    Arbitrary<byte[][]> flipped() {
        return ItlArbitraries.signedFiles().flatMap(f -> ItlArbitraries.bitFlips(f)
                .map(b -> new byte[][] {f.encoded().toByteArray(), b}));
    }

    @Property(tries = 100)
    void bitFlipsChangeOneOrTwoBits(@ForAll("flipped") byte[][] pair) {
        assertEquals(pair[0].length, pair[1].length);
        int bits = 0;
        for (int i = 0; i < pair[0].length; i++) {
            bits += Integer.bitCount((pair[0][i] ^ pair[1][i]) & 0xFF);
        }
        assertTrue(bits == 1 || bits == 2 || bits == 0, "bits " + bits); // two flips of one bit cancel out
    }

    @Provide
    Arbitrary<byte[]> hostileBytes() {
        return ItlArbitraries.hostileBytes(ItlArbitraries.trustLists().withRecords(1, 3));
    }

    @Property(tries = 100)
    void hostileBytesEndInAValueOrAnItlException(@ForAll("hostileBytes") byte[] bytes) {
        try {
            ItlFile f = READER.readTrustList(io.github.itl4j.Bytes.copyOf(bytes));
            assertFalse(f.records().isEmpty() && bytes.length == 0);
        } catch (ItlException e) {
            Support.checkException(e, bytes.length);
        }
    }

    @Example
    void testKeysAreLabelledTestOnly() {
        for (X509Certificate c : TestKey.recordCertificates()) {
            assertTrue(c.getSubjectX500Principal().getName().contains("DO NOT TRUST"));
        }
        assertEquals(12, TestKey.recordCertificates().size());
        assertArrayEquals(
                new int[] {1024, 2048, 2048, 4096},
                Arrays.stream(TestKey.values())
                        .mapToInt(k -> k.signingKey().rsaBits())
                        .toArray());
        assertThrows(IllegalArgumentException.class, () -> ItlArbitraries.trustLists()
                .withRecords(0, 3));
        assertThrows(IllegalArgumentException.class, () -> ItlArbitraries.trustLists()
                .digests(DigestAlgorithm.of(9)));
    }
}
