package io.github.itl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A file cut anywhere is rejected with an {@link ItlFormatException} located at or before the cut, except where the
 * cut leaves a complete file: at a record boundary of a trust list (fewer records), or anywhere in the payload of a
 * signed file (shorter payload).
 */
class TruncationProperties {
    private static final ItlReader READER = ItlReader.defaults();

    /** Record boundaries of a trust list, mapped to the number of records before them. */
    private static Map<Integer, Integer> boundaries(ItlFile f) {
        Map<Integer, Integer> out = new HashMap<>();
        int pos = f.header().length();
        out.put(pos, 0);
        int i = 0;
        for (ItlRecord r : f.records()) {
            pos += r.length();
            out.put(pos, ++i);
        }
        return out;
    }

    private static void assertCutTrustList(
            ItlFile whole, byte[] data, int cut, Map<Integer, Integer> bounds, boolean streaming) throws IOException {
        Integer complete = bounds.get(cut);
        try {
            ItlFile f = READER.readTrustList(Bytes.wrapOwned(data).slice(0, cut));
            assertEquals(complete, f.records().size(), () -> "cut " + cut);
            assertEquals(whole.records().subList(0, complete), f.records());
        } catch (ItlFormatException e) {
            assertEquals(null, complete, () -> "cut " + cut + " at a record boundary: " + e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= cut, () -> "cut " + cut + ": " + e.getMessage());
        }
        if (streaming) {
            try {
                Support.Streamed s = Support.streamAll(READER, new ByteArrayInputStream(data, 0, cut));
                assertEquals(complete, s.records().size(), () -> "streamed cut " + cut);
            } catch (ItlFormatException e) {
                assertEquals(null, complete, () -> "streamed cut " + cut + ": " + e.getMessage());
                assertTrue(e.offset() >= 0 && e.offset() <= cut, () -> "streamed cut " + cut + ": " + e);
            }
        }
    }

    @Example
    void everyTrustListVectorCutAtEveryOffset() throws IOException {
        for (Path p : Support.itlVectors()) {
            byte[] data = Support.bytes(p);
            ItlFile whole = READER.readTrustList(Bytes.wrapOwned(data));
            Map<Integer, Integer> bounds = boundaries(whole);
            for (int cut = 0; cut < data.length; cut++) {
                assertCutTrustList(whole, data, cut, bounds, false);
            }
        }
    }

    @Example
    void everyTrustListVectorStreamedAndCutAtEveryOffset() throws IOException {
        for (Path p : Support.itlVectors()) {
            byte[] data = Support.bytes(p);
            ItlFile whole = READER.readTrustList(Bytes.wrapOwned(data));
            Map<Integer, Integer> bounds = boundaries(whole);
            // every offset of the header and the first record, then every 29th and both sides of each boundary
            // (the array test above covers every offset; this keeps the streamed copies affordable)
            int dense = whole.header().length() + whole.records().get(0).length();
            for (int cut = 0; cut < data.length; cut++) {
                if (cut <= dense
                        || cut % 29 == 0
                        || bounds.containsKey(cut)
                        || bounds.containsKey(cut + 1)
                        || bounds.containsKey(cut - 1)) {
                    assertCutTrustList(whole, data, cut, bounds, true);
                }
            }
        }
    }

    @Example
    void everySignedVectorCutAtEveryOffset() throws IOException {
        for (Path p : Support.sgnVectors()) {
            byte[] data = Support.bytes(p);
            SgnFile whole = READER.readSigned(Bytes.wrapOwned(data));
            int h = whole.header().length();
            for (int cut = 0; cut < data.length; cut++) {
                final int c = cut;
                try {
                    SignedFile f = READER.read(Bytes.wrapOwned(data).slice(0, cut));
                    assertTrue(cut >= h, () -> "cut " + c + " inside the header was accepted");
                    assertEquals(whole.payload().slice(0, cut - h), ((SgnFile) f).payload());
                } catch (ItlFormatException e) {
                    assertTrue(cut < h, () -> "cut " + c + " in the payload: " + e.getMessage());
                    assertTrue(e.offset() >= 0 && e.offset() <= cut, () -> "cut " + c + ": " + e.getMessage());
                }
            }
        }
    }

    @Provide
    Arbitrary<ItlFile> files() {
        return ItlArbitraries.itlFiles(1, 4);
    }

    @Property
    void generatedFilesCutAnywhere(@ForAll("files") ItlFile file, @ForAll @IntRange(min = 0, max = 1_000_000) int where)
            throws IOException {
        byte[] data = file.encoded().toByteArray();
        int cut = where % data.length;
        assertCutTrustList(file, data, cut, boundaries(file), true);
    }

    @Example
    void cutInsideTheFirstTenBytes() throws ItlException {
        byte[] data = Support.bytes(Support.itlVectors().get(0));
        for (int cut = 0; cut < 10; cut++) {
            final int c = cut;
            ItlFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ItlFormatException.class,
                    () -> READER.read(Bytes.wrapOwned(data).slice(0, c)));
            assertEquals(cut < 5 ? 0 : 5, e.offset());
            assertEquals(cut < 5 ? 1 : 2, e.tag());
        }
    }
}
