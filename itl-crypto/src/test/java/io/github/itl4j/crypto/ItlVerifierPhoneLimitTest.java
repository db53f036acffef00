package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Trust lists over 64 KB fail to load on phones (docs/trust.md §9): the verifier warns, in memory and streaming. */
class ItlVerifierPhoneLimitTest {
    private static final ItlVerifier VERIFIER = ItlVerifier.builder().build();

    @Test
    void theLargestVectorIsJustUnderTheLimit() throws Exception {
        byte[] n50 = ItlVerifierTest.raw("itl/itl-rsa2048-sha1-v1.0-n50.tlv"); // 62,974 bytes
        assertFalse(VERIFIER.verify(ItlVerifierTest.itl(n50)).has(ProblemCode.TOO_LARGE_FOR_PHONES));
        assertFalse(VERIFIER.verify(new ByteArrayInputStream(n50)).has(ProblemCode.TOO_LARGE_FOR_PHONES));
    }

    @Test
    void moreRecordsCrossIt() throws Exception {
        byte[] n50 = ItlVerifierTest.raw("itl/itl-rsa2048-sha1-v1.0-n50.tlv");
        ItlFile f = ItlVerifierTest.itl(n50);
        byte[] bigger = n50;
        for (int i = f.records().size() - 1; bigger.length <= 64 * 1024; i--) { // a few more records
            ItlRecord r = f.records().get(i);
            int at = bigger.length;
            bigger = Arrays.copyOf(bigger, at + r.length());
            r.encoded().copyTo(bigger, at);
        }
        assertTrue(VERIFIER.verify(ItlVerifierTest.itl(bigger)).has(ProblemCode.TOO_LARGE_FOR_PHONES));
        assertTrue(VERIFIER.verify(new ByteArrayInputStream(bigger)).has(ProblemCode.TOO_LARGE_FOR_PHONES));
    }
}
