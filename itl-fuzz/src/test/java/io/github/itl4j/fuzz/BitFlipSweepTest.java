package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-bit flips over every signed vector (39 ITL/CTL + 4 .sgn), anywhere in the file: padding, file name,
 * timestamp, signer fields, records, the signature itself. Each flipped file must be a format error or fail
 * verification; none may verify.
 *
 * <p>Coverage: every byte of every file gets at least one flip (bit {@code offset % 8}, so each bit position is
 * exercised across neighbouring bytes); every bit of every byte is flipped in the header of every file and in the
 * whole of the small files (the .sgn files and the one-record trust lists, up to {@value #SMALL} bytes). The
 * verifier is anchored on the vector's signer certificate (decoded once), so each flip costs one parse, one digest
 * and one RSA operation; positions run in parallel. For trust lists, one flip per header byte also goes through the
 * one-pass {@code verify(InputStream)}, which must reach the same outcome.
 */
class BitFlipSweepTest {
    /** Files up to this size get all 8 bits of every byte flipped. */
    static final int SMALL = 2400;

    private static final Map<Sweeps.Outcome, Long> TOTALS = new EnumMap<>(Sweeps.Outcome.class);
    private static long files;
    private static long nanos;

    static Stream<Path> vectors() {
        return Vectors.allSigned().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void noSingleBitFlipVerifies(Path vector) throws Exception {
        long t0 = System.nanoTime();
        byte[] data = Vectors.bytes(vector);
        boolean trustList = vector.toString().endsWith(".tlv");
        ItlVerifier verifier = Sweeps.anchoredVerifier(vector);
        assertEquals(Sweeps.Outcome.VERIFIED, Sweeps.outcome(verifier, data.clone()), "the vector itself");
        int headerLength =
                ItlReader.defaults().read(Bytes.copyOf(data)).header().length();
        boolean allBits = data.length <= SMALL;
        Map<Sweeps.Outcome, LongAdder> counts = new ConcurrentHashMap<>();
        // positions in parallel: the verifier is thread-safe, and each flip works on its own copy
        IntStream.range(0, data.length).parallel().forEach(pos -> {
            boolean everyBit = allBits || pos < headerLength;
            byte[] flipped = data.clone();
            for (int bit = 0; bit < 8; bit++) {
                if (!everyBit && bit != pos % 8) {
                    continue;
                }
                flipped[pos] ^= (byte) (1 << bit);
                Sweeps.Outcome o = Sweeps.outcome(verifier, Bytes.wrapOwned(flipped));
                if (o == Sweeps.Outcome.VERIFIED || o == Sweeps.Outcome.LIMIT_ERROR) {
                    fail(Sweeps.describe(vector) + ": flipping bit " + bit + " of byte " + pos + " (0x"
                            + Integer.toHexString(pos) + ") gave " + o);
                }
                if (trustList && pos < headerLength && bit == pos % 8) {
                    Sweeps.Outcome s = Sweeps.streamOutcome(verifier, flipped);
                    if (s != o) {
                        fail(Sweeps.describe(vector) + ": bit " + bit + " of byte " + pos
                                + ": verify(InputStream) gave " + s + ", verify(SignedFile) gave " + o);
                    }
                }
                counts.computeIfAbsent(o, k -> new LongAdder()).increment();
                flipped[pos] = data[pos];
            }
        });
        synchronized (TOTALS) {
            counts.forEach((k, v) -> TOTALS.merge(k, v.sum(), Long::sum));
            files++;
            nanos += System.nanoTime() - t0;
        }
    }

    @AfterAll
    static void report() {
        long total = TOTALS.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("bit-flip sweep: %d files, %d flips %s, %.1f s%n", files, total, TOTALS, nanos / 1e9);
    }
}
