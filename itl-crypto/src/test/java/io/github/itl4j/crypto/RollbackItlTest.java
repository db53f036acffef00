package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.listing.ShowListingParser;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@link RollbackItl}: build (SAST unchanged, TFTP/CCM+TFTP/TVS emptied, re-signed) and detection. */
class RollbackItlTest {
    private static ItlFile vector(String name) throws Exception {
        return ItlReader.defaults()
                .readTrustList(Bytes.wrapOwned(Files.readAllBytes(
                        SigningTestSupport.certutils().resolve("itl").resolve(name))));
    }

    @Test
    void buildsARollbackItlThatVerifiesAndIsDetected() throws Exception {
        ItlFile itl = vector("itl-rsa2048-sha1-v1.0-allroles.tlv");
        assertFalse(RollbackItl.isRollback(itl));
        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey("sast-rsa2048"))
                .clock(SigningTestSupport.fixedClock(1_800_000_000L))
                .build();
        ItlFile rb = RollbackItl.build(itl, signer, false);
        ItlFile read = ItlReader.defaults().readTrustList(rb.encoded());
        assertTrue(RollbackItl.isRollback(read));
        assertEquals(itl.records().size(), read.records().size());
        int emptied = 0;
        for (int i = 0; i < itl.records().size(); i++) {
            ItlRecord before = itl.records().get(i);
            ItlRecord after = read.records().get(i);
            assertEquals(before.role(), after.role());
            if (RollbackItl.isEmptiedRole(before.role().orElseThrow())) {
                emptied++;
                assertTrue(after.certificate().isEmpty()
                        && after.publicKey().isEmpty()
                        && after.certHash().isEmpty());
                assertEquals(2, after.fieldCount()); // DNSNAME, FUNCTION after RECORDLENGTH
                assertEquals(RecordTags.DNS_NAME, after.fieldTag(0));
            } else {
                assertEquals(before.encoded(), after.encoded(), "record " + i + " is byte-identical");
            }
        }
        assertEquals(3, emptied); // CCM+TFTP, TFTP, TVS
        VerificationResult v = ItlVerifier.builder().build().verify(read);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(1_800_000_000L, read.header().timestampSeconds().orElseThrow());
        // the rollback of a rollback is the same records
        assertEquals(
                read.records(),
                ItlReader.defaults()
                        .readTrustList(RollbackItl.build(read, signer, false).encoded())
                        .records());
    }

    @Test
    void refusesASignerThatIsNotSastUnlessForced() throws Exception {
        ItlFile itl = vector("itl-rsa2048-sha1-v1.0-allroles.tlv");
        ItlSigner tftp = ItlSigner.builder(SigningTestSupport.certutilsKey("tftp-rsa2048"))
                .build();
        ItlSigningException e = assertThrows(ItlSigningException.class, () -> RollbackItl.build(itl, tftp, false));
        assertEquals(ItlSigningException.Reason.SIGNER_NOT_SAST, e.reason());
        assertTrue(RollbackItl.isRollback(RollbackItl.build(itl, tftp, true)));
    }

    @Test
    void aShowItlCaptureIsJudgedByTheSameRule() throws Exception {
        String head = "Version: 1.2\nHeaderLength: 324 (BYTES)\nITL Record #:1\n1 RECORDLENGTH 2 1115\n"
                + "3 SUBJECTNAME 5 CN=a\n4 FUNCTION 2 System Administrator Security Token\n6 SERIALNUMBER 1 01\n"
                + "7 PUBLICKEY 140\n";
        String emptied = "ITL Record #:2\n1 RECORDLENGTH 2 12\n2 DNSNAME 2\n4 FUNCTION 2 TFTP\n"
                + "ITL Record #:3\n1 RECORDLENGTH 2 12\n2 DNSNAME 2\n4 FUNCTION 2 TVS\n";
        String fullTvs = "ITL Record #:3\n1 RECORDLENGTH 2 455\n4 FUNCTION 2 TVS\n7 PUBLICKEY 140\n"
                + "11 CERTHASH 20 7A BF CE B6 BE E2 06 02 74 D9 EB AE 58 48 52 93 7A 1E A5 55\n";
        assertTrue(RollbackItl.isRollback(ShowListingParser.parse(head + emptied)));
        assertFalse(RollbackItl.isRollback(ShowListingParser.parse(head)), "no TFTP/TVS record at all");
        assertFalse(
                RollbackItl.isRollback(ShowListingParser.parse(
                        head + "ITL Record #:2\n1 RECORDLENGTH 2 12\n2 DNSNAME 2\n4 FUNCTION 2 TFTP\n" + fullTvs)),
                "one TVS record still carries its hash");
    }

    @Test
    void anItlWithoutTftpOrTvsRecordsIsNotARollbackItl() throws Exception {
        ItlFile n01 = vector("itl-rsa2048-sha1-v1.0-n01.tlv");
        assertFalse(RollbackItl.isRollback(n01));
        assertEquals(Role.SAST, n01.records().get(0).role().orElseThrow());
        ItlFile same = RollbackItl.build(
                n01,
                ItlSigner.builder(SigningTestSupport.certutilsKey("sast-rsa2048"))
                        .build(),
                false);
        assertFalse(RollbackItl.isRollback(same));
        // one emptied record among full ones: not a rollback ITL (a full TFTP record remains)
        ItlFile all = vector("itl-rsa2048-sha1-v1.0-allroles.tlv");
        java.util.List<ItlRecord> mixed = new java.util.ArrayList<>(all.records());
        for (int i = 0; i < mixed.size(); i++) {
            if (mixed.get(i).role().orElseThrow().equals(Role.TVS)) {
                mixed.set(i, RollbackItl.placeholder(mixed.get(i)));
            }
        }
        assertFalse(RollbackItl.isRollback(ItlFile.of(all.header(), mixed)));
    }

    @Test
    void refusesAnItlThatDoesNotVerify() throws Exception {
        byte[] b = Files.readAllBytes(SigningTestSupport.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv"));
        b[b.length - 20] ^= 1;
        ItlFile bad = ItlReader.defaults().readTrustList(Bytes.wrapOwned(b));
        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey("sast-rsa2048"))
                .build();
        assertThrows(ItlVerificationException.class, () -> RollbackItl.build(bad, signer, true));
    }
}
