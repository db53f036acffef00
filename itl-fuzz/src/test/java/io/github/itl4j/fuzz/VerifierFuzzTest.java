package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes read-then-verify ({@link VerifierContract}): {@code ItlVerifier} over arbitrary bytes, self-contained and
 * anchored, in memory and in one pass, and the .sgn reader with {@code verifySigned}. Seeds: the signed vectors in
 * {@code VerifierFuzzTestInputs/}. To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=VerifierFuzzTest#trustList
 * -Dsurefire.failIfNoSpecifiedTests=false} (or {@code #signedFile}).
 */
class VerifierFuzzTest {
    @FuzzTest(maxDuration = "4m")
    void trustList(byte[] data) throws IOException {
        VerifierContract.check(data);
    }

    @FuzzTest(maxDuration = "3m")
    void signedFile(byte[] data) {
        VerifierContract.checkSigned(data);
    }
}
