package io.github.itl4j.testkit;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * For any bytes, every read path ends in a value or an {@link ItlException}: no IndexOutOfBounds, NPE, IAE,
 * ArithmeticException or OutOfMemoryError (a cheap fuzz contract that runs everywhere).
 */
class ReaderContractProperties {
    private static final ItlReader READER = ItlReader.defaults();
    private static final ItlReader SMALL = ItlReader.withLimits(ItlLimits.builder()
            .maxRecords(3)
            .maxFileSize(4096)
            .maxPayloadSize(1024)
            .build());

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** Random bytes behind a plausible VERSION + HEADERLENGTH prefix, so that parsing goes past the first checks. */
    @Provide
    Arbitrary<byte[]> plausiblePrefix() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(400))
                .as((h, rest) -> {
                    byte[] out = new byte[10 + rest.length];
                    byte[] prefix = {1, 0, 2, 1, 2, 2, 0, 2, (byte) (h >>> 8), h.byteValue()};
                    System.arraycopy(prefix, 0, out, 0, 10);
                    System.arraycopy(rest, 0, out, 10, rest.length);
                    return out;
                });
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return ItlArbitraries.mutatedBytes();
    }

    @FunctionalInterface
    interface Read {
        Object run() throws IOException;
    }

    private static void valueOrItlException(byte[] data, Read read) throws IOException {
        try {
            if (read.run() == null) {
                throw new AssertionError("null result");
            }
        } catch (ItlException e) {
            Support.checkException(e, data.length);
        }
    }

    private static void allPaths(byte[] data) throws IOException {
        for (ItlReader r : new ItlReader[] {READER, SMALL}) {
            valueOrItlException(data, () -> r.read(data));
            valueOrItlException(data, () -> r.readTrustList(Bytes.copyOf(data)));
            valueOrItlException(data, () -> r.readSigned(Bytes.copyOf(data)));
            valueOrItlException(data, () -> r.read(new ByteArrayInputStream(data)));
            valueOrItlException(data, () -> r.readTrustList(new ByteArrayInputStream(data)));
            valueOrItlException(data, () -> Support.streamAll(r, new ByteArrayInputStream(data)));
        }
    }

    @Property
    void anyBytesEndInAValueOrAnItlException(@ForAll("anyBytes") byte[] data) throws IOException {
        allPaths(data);
    }

    @Property
    void bytesWithAPlausiblePrefixEndInAValueOrAnItlException(@ForAll("plausiblePrefix") byte[] data)
            throws IOException {
        allPaths(data);
    }

    @Property(tries = 400)
    void mutatedFilesEndInAValueOrAnItlException(@ForAll("mutated") byte[] data) throws IOException {
        allPaths(data);
        String outcome;
        try {
            READER.read(data);
            outcome = "accepted";
        } catch (ItlException e) {
            outcome = "rejected";
        }
        Statistics.label("outcome").collect(outcome);
        // the generator must mostly produce malformed bytes, and some that still parse
        Statistics.label("outcome").coverage(c -> {
            c.check("rejected").percentage(p -> p >= 40);
            c.check("accepted").percentage(p -> p >= 3);
        });
    }

    @Property(tries = 100)
    void mutatedVectorsEndInAValueOrAnItlException(@ForAll("mutatedVector") byte[] data) throws IOException {
        allPaths(data);
    }

    @Provide
    Arbitrary<byte[]> mutatedVector() {
        return Arbitraries.of(Support.itlVectors()).flatMap(p -> {
            try {
                ItlFile f = READER.readTrustList(Bytes.wrapOwned(Support.bytes(p)));
                return ItlArbitraries.mutatedBytes(f);
            } catch (ItlException e) {
                throw new AssertionError(e);
            }
        });
    }
}
