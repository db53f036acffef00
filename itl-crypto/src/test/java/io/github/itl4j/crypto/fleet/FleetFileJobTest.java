package io.github.itl4j.crypto.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one source of a fleet run: whole, bounded, in one array. */
class FleetFileJobTest {
    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void aSourceIsReadWholeWhateverTheSizeItHadWhenExamined() throws Exception {
        for (int n : new int[] {0, 1, 2_500, 8_191, 8_192, 8_193, 70_000}) {
            byte[] content = random(n);
            Path p = Files.write(dir.resolve("s" + n), content);
            for (long hint : new long[] {n, 0, n / 3, n + 10, -1}) {
                assertArrayEquals(
                        content,
                        FleetFileJob.readBounded(p, ItlLimits.defaults(), false, hint)
                                .toByteArray(),
                        n + " bytes, examined as " + hint); // a source that grew (or shrank) is read as it is now
            }
        }
    }

    @Test
    void aSourceOverTheLimitFailsEvenWhenItWasSmallWhenExamined() throws Exception {
        ItlLimits limits = ItlLimits.builder().maxPayloadSize(1_000).build();
        Path p = Files.write(dir.resolve("grown"), random(1_001));
        ItlLimitException e =
                assertThrows(ItlLimitException.class, () -> FleetFileJob.readBounded(p, limits, false, 10));
        assertEquals(1_001, e.actual());
        Path exact = Files.write(dir.resolve("exact"), random(1_000));
        assertEquals(
                1_000, FleetFileJob.readBounded(exact, limits, false, 1_000).size());
    }
}
