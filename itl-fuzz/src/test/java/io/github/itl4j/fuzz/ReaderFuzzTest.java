package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes every reader entry point ({@code ItlReader.read}, {@code readTrustList}, {@code readSigned}, the
 * {@code InputStream} variants and the streaming reader) with one input, checking {@link ReaderContract}.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code ReaderFuzzTestInputs/} (vectors and past findings) as a plain
 * test. To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=ReaderFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void read(byte[] data) throws IOException {
        ReaderContract.check(data);
    }
}
