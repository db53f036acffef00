package io.github.itl4j.trust.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.TrustSimulator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs of lists built the way the acceptance check builds them (fresh and altered lists). */
class DiffAcceptanceTest {
    private static TrustListDiff diff(ItlFile a, ItlFile b) {
        return TrustListDiff.compare(
                a,
                "ITLFile.tlv",
                b,
                "ITLFile.tlv",
                TrustSimulator.builder()
                        .phone(PhoneState.none().at(Fixtures.NOW))
                        .build());
    }

    /** {@code f} with one byte of record {@code index}'s CERTIFICATE flipped (near its end: the signature value). */
    private static ItlFile flipCertificateByte(ItlFile f, int index) throws IOException {
        byte[] all = f.encoded().toByteArray();
        byte[] cert = f.records().get(index).certificate().orElseThrow().toByteArray();
        int at = indexOf(all, cert);
        all[at + cert.length - 5] ^= 0x01;
        return ItlReader.defaults().readTrustList(Bytes.wrapOwned(all));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("certificate not found in the file");
    }

    /**
     * SPEC identity (docs/trust.md §3.5): a record with a CERTIFICATE is known by the certificate's SHA-1; serial and
     * issuer identify a record only when it has neither CERTIFICATE nor CERTHASH. Two certificates with the same
     * serial and issuer but other bytes (a re-issued or altered certificate) are not the same certificate re-encoded:
     * the record is ROTATED (same role and subject), with the SHA-1 change in its details.
     */
    @Test
    void otherCertificateWithSameSerialIsRotatedNotReencoded() throws IOException {
        ItlFile a = Fixtures.a1();
        ItlFile b = flipCertificateByte(a, 4); // record 5: SAST ITLRecovery
        TrustListDiff d = diff(a, b);
        assertEquals(List.of(), d.records(ChangeKind.REENCODED), d.toString());
        List<RecordChange> rotated = d.records(ChangeKind.ROTATED);
        assertEquals(1, rotated.size(), d.toString());
        assertEquals(List.of("SAST"), rotated.get(0).rolesNew());
        assertTrue(rotated.get(0).details().stream().anyMatch(x -> x.startsWith("sha1: ")), rotated.toString());
        assertEquals(ContinuityVerdict.BROKEN, d.continuity(), "the altered list's signature does not verify");
    }

    /** The diff table's row SHA-1 -> SHA-512: "digest SHA-1 -> SHA-512 (+ note L13)". */
    @Test
    void sha512DigestChangeNotesL13() {
        ItlFile a =
                Fixtures.read(Fixtures.testdata().resolve("vectors/certutils/itl/itl-rsa2048-sha1-v1.0-allroles.tlv"));
        ItlFile b = Fixtures.read(
                Fixtures.testdata().resolve("vectors/certutils/itl/itl-rsa2048-sha512-v1.0-allroles.tlv"));
        Fact f = diff(a, b).facts().stream()
                .filter(x -> x.name().equals("digestChanged"))
                .findFirst()
                .orElseThrow();
        assertTrue(f.value());
        assertTrue(f.explanation().startsWith("SHA-1 -> SHA-512"), f.explanation());
        assertTrue(f.explanation().contains("L13"), f.explanation());
        Fact back = diff(b, a).facts().stream()
                .filter(x -> x.name().equals("digestChanged"))
                .findFirst()
                .orElseThrow();
        assertTrue(!back.explanation().contains("L13"), back.explanation());
    }
}
