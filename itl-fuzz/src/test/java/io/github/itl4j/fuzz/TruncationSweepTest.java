package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlStreamReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncation at every offset of every signed vector (39 ITL/CTL + 4 .sgn). A cut inside the header or inside a
 * record is an {@link ItlFormatException} whose offset is within the remaining bytes, from the array reader and
 * from the streaming reader alike. A cut exactly between two records of a trust list, or anywhere in a .sgn payload,
 * leaves a well-formed file (the format has no overall length): those must then fail verification.
 */
class TruncationSweepTest {
    private static final LongAdder CUTS = new LongAdder();
    private static final LongAdder FORMAT_ERRORS = new LongAdder();
    private static final LongAdder WELL_FORMED = new LongAdder();

    static Stream<Path> vectors() {
        return Vectors.allSigned().stream();
    }

    @Test
    void theVectorSetIsComplete() {
        assertEquals(39, Vectors.itlFiles().size());
        assertEquals(4, Vectors.sgnFiles().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationIsAFormatErrorOrFailsVerification(Path vector) throws IOException {
        byte[] data = Vectors.bytes(vector);
        boolean trustList = vector.toString().endsWith(".tlv");
        Set<Integer> boundaries = new HashSet<>();
        int headerLength;
        if (trustList) {
            ItlFile f = ItlReader.defaults().readTrustList(Bytes.copyOf(data));
            headerLength = f.header().length();
            int pos = headerLength;
            boundaries.add(pos);
            for (ItlRecord r : f.records()) {
                pos += r.length();
                boundaries.add(pos);
            }
        } else {
            headerLength =
                    ItlReader.defaults().readSigned(Bytes.copyOf(data)).header().length();
        }
        ItlVerifier verifier = Sweeps.anchoredVerifier(vector);
        Bytes whole = Bytes.wrapOwned(data);
        final int h = headerLength;
        IntStream.range(0, data.length).parallel().forEach(cut -> {
            // a view, not a copy: the reader must stay inside the slice it is given
            Bytes prefix = whole.slice(0, cut);
            CUTS.increment();
            boolean wellFormed = trustList ? boundaries.contains(cut) : cut >= h;
            if (wellFormed) {
                WELL_FORMED.increment();
                Sweeps.Outcome o = Sweeps.outcome(verifier, prefix);
                assertEquals(Sweeps.Outcome.NOT_VERIFIED, o, () -> "cut " + cutAt(cut));
                if (trustList) {
                    assertEquals(Sweeps.Outcome.NOT_VERIFIED, Sweeps.streamOutcome(verifier, prefix.toByteArray()));
                } else {
                    assertEquals(cut - h, readSigned(prefix).payload().size());
                }
                return;
            }
            FORMAT_ERRORS.increment();
            ItlFormatException e = assertThrows(
                    ItlFormatException.class, () -> ItlReader.defaults().read(prefix), () -> "cut " + cutAt(cut));
            assertTrue(e.offset() >= 0 && e.offset() <= cut, () -> "offset " + e.offset() + " for cut " + cut);
            if (trustList) {
                assertThrows(
                        ItlFormatException.class, () -> ItlReader.defaults().readTrustList(prefix));
                assertThrows(ItlFormatException.class, () -> drain(data, cut), () -> "stream, cut " + cutAt(cut));
            }
        });
    }

    private static SgnFile readSigned(Bytes b) {
        try {
            return ItlReader.defaults().readSigned(b);
        } catch (ItlException e) {
            throw new AssertionError(e);
        }
    }

    private static String cutAt(int n) {
        return n + " (0x" + Integer.toHexString(n) + ")";
    }

    /** Reads a whole trust list with the streaming reader. */
    private static void drain(byte[] data, int length) throws IOException {
        try (ItlStreamReader r = ItlReader.defaults().stream(new ByteArrayInputStream(data, 0, length))) {
            while (r.nextRecord() != null) {
                // read to the end
            }
        } catch (ItlFormatException e) {
            throw e;
        } catch (ItlException e) {
            fail("not a format error: " + e);
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "truncation sweep: %d cuts, %d format errors, %d well-formed prefixes not verified%n",
                CUTS.sum(), FORMAT_ERRORS.sum(), WELL_FORMED.sum());
    }
}
