package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.TrustAnchors.CertInfo;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19: the certificate cache holds a real cluster's list, decodes each certificate once, and stays bounded. */
class CertCacheTest {
    private static ItlFile n50() throws Exception {
        return ItlReader.defaults()
                .readTrustList(SigningTestSupport.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n50.tlv"));
    }

    private static int distinctCertificates(ItlFile f) {
        Set<Bytes> s = new HashSet<>();
        for (ItlRecord r : f.records()) {
            r.certificate().ifPresent(s::add);
        }
        return s.size();
    }

    @Test
    void aFiftyRecordListIsDecodedOnceAndThenNeverAgain() throws Exception {
        ItlFile f = n50();
        int distinct = distinctCertificates(f);
        assertTrue(distinct > 40 && distinct < 50, "n50 repeats a few certificates: " + distinct);
        ItlVerifier v = ItlVerifier.builder().build();
        CertCache c = v.certificateCache();
        assertTrue(v.verify(f).isVerified());
        assertEquals(distinct, c.decodes(), "one verification decodes each distinct certificate once");
        // each distinct certificate, and each record (all 50 differ) found consistent with its certificate
        assertEquals(distinct + f.records().size(), c.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(v.verify(f).isVerified());
            // the same list read again (other Bytes instances) hits the cache too
            ItlFile again = ItlReader.defaults()
                    .readTrustList(Bytes.wrapOwned(f.encoded().toByteArray()));
            assertTrue(v.verify(again).isVerified());
        }
        assertEquals(distinct, c.decodes(), "repeated verifications decode nothing");
    }

    @Test
    void aVerificationNeverDecodesTwiceEvenWhenTheCacheIsEmptiedMeanwhile() throws Exception {
        ItlFile f = n50();
        CertCache c = new CertCache();
        CertCache.Memo memo = new CertCache.Memo();
        Bytes first = f.records().get(1).certificate().orElseThrow();
        CertInfo a = c.decode(first, TrustAnchors.NONE, memo);
        assertNotNull(a);
        fill(c, CertCache.MAX_ENTRIES + 1, a); // empties it on the way
        assertSame(a, c.decode(Bytes.wrapOwned(first.toByteArray()), TrustAnchors.NONE, memo));
        assertEquals(1, c.decodes());
        // bytes that do not decode are not parsed twice by one verification either
        Bytes junk = Bytes.fromHex("3003020105");
        c.decode(junk, TrustAnchors.NONE, memo);
        c.decode(Bytes.fromHex("3003020105"), TrustAnchors.NONE, memo);
        assertEquals(2, c.decodes());
    }

    /** Puts {@code n} distinct fake entries (random DER of 1 KB, the fields of {@code like}). */
    private static void fill(CertCache c, int n, CertInfo like) {
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            byte[] der = new byte[1024];
            rnd.nextBytes(der);
            c.put(new CertInfo(Bytes.wrapOwned(der), like.cert, false));
            assertTrue(c.size() <= CertCache.MAX_ENTRIES, "entries " + c.size());
            assertTrue(c.derBytes() <= CertCache.MAX_DER_BYTES, "bytes " + c.derBytes());
        }
    }

    @Test
    void aFloodOfDistinctCertificatesStaysBounded() throws Exception {
        CertCache c = new CertCache();
        CertInfo like =
                c.decode(n50().records().get(0).certificate().orElseThrow(), TrustAnchors.NONE, new CertCache.Memo());
        fill(c, 5 * CertCache.MAX_ENTRIES, like);
        // big certificates: the byte bound applies first
        Random rnd = new Random(2);
        for (int i = 0; i < 200; i++) {
            byte[] der = new byte[60_000];
            rnd.nextBytes(der);
            c.put(new CertInfo(Bytes.wrapOwned(der), like.cert, false));
            assertTrue(c.derBytes() <= CertCache.MAX_DER_BYTES, "bytes " + c.derBytes());
        }
    }
}
