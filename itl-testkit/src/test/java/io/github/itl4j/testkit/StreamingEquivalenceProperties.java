package io.github.itl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Reading through a stream that hands out one byte per read, or a random few, gives the same header, records,
 * warnings and signed bytes as reading the byte array (Jackson's input modes, to catch buffer-boundary bugs).
 */
class StreamingEquivalenceProperties {
    private static final ItlReader READER = ItlReader.defaults();

    @Provide
    Arbitrary<ItlFile> files() {
        return ItlArbitraries.itlFiles();
    }

    private static void assertSameAsArray(byte[] data, long seed, int maxChunk) throws IOException {
        ItlFile expected = READER.readTrustList(Bytes.copyOf(data));
        List<InputStream> inputs = List.of(
                new Support.Throttled(data, 1, null),
                new Support.Throttled(data, maxChunk, seed),
                new ByteArrayInputStream(data));
        for (InputStream in : inputs) {
            List<Bytes> signed = new ArrayList<>();
            List<io.github.itl4j.ItlRecord> records = new ArrayList<>();
            try (ItlStreamReader r = READER.stream(in)) {
                assertEquals(expected.header(), r.header());
                r.signedBytesTo(signed::add);
                for (io.github.itl4j.ItlRecord rec; (rec = r.nextRecord()) != null; ) {
                    records.add(rec);
                }
                assertEquals(expected.warnings(), r.warnings());
                assertEquals(data.length, r.offset());
            }
            assertEquals(expected.records(), records);
            assertEquals(Support.concat(expected.signedParts()), Support.concat(signed));
            // the whole-stream read path too
            assertEquals(expected, READER.readTrustList(new Support.Throttled(data, maxChunk, seed)));
        }
    }

    @Property(tries = 100)
    void generatedFiles(
            @ForAll("files") ItlFile file, @ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int maxChunk)
            throws IOException {
        assertSameAsArray(file.encoded().toByteArray(), seed, maxChunk);
    }

    @Example
    void everyVector() throws IOException {
        long seed = 1;
        for (Path p : Support.itlVectors()) {
            assertSameAsArray(Support.bytes(p), seed++, 37);
        }
    }
}
