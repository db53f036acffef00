package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.support.TestData;
import io.github.itl4j.support.ThrottledInputStream;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItlStreamReaderTest {
    static List<Path> itlVectors() {
        return TestData.itlVectors();
    }

    private static byte[] concat(List<Bytes> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes b : parts) {
            out.writeBytes(b.toByteArray());
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itlVectors")
    void signedBytesEqualSignedParts(Path path) throws IOException {
        byte[] data = TestData.bytes(path);
        ItlFile file = ItlReader.defaults().readTrustList(Bytes.copyOf(data));
        byte[] expected = concat(file.signedParts());
        for (InputStream in : List.of(
                new ByteArrayInputStream(data),
                ThrottledInputStream.oneByte(data),
                new ThrottledInputStream(data, 97, 42L))) {
            List<Bytes> fed = new ArrayList<>();
            List<ItlRecord> records = new ArrayList<>();
            try (ItlStreamReader r = ItlReader.defaults().stream(in)) {
                assertEquals(file.header(), r.header());
                r.signedBytesTo(fed::add);
                for (ItlRecord rec; (rec = r.nextRecord()) != null; ) {
                    records.add(rec);
                }
                assertNull(r.nextRecord());
                assertEquals(data.length, r.offset());
                assertEquals(file.records().size(), r.recordCount());
                assertEquals(file.warnings(), r.warnings());
            }
            assertEquals(file.records(), records);
            assertArrayEquals(expected, concat(fed));
        }
    }

    @Test
    void withoutSignatureTheWholeHeaderIsSigned() throws IOException {
        ItlHeader full = ItlReader.defaults()
                .readTrustList(Bytes.copyOf(Fixture.valid()))
                .header();
        List<TlvElement> els = new ArrayList<>(full.elements());
        els.removeIf(e -> e.tag() == HeaderTags.SIGNATURE || e instanceof Padding);
        ItlHeader h = ItlHeader.of(els);
        assertEquals(-1, h.signatureOffset());
        ItlFile f = ItlFile.of(h, List.of());
        byte[] data = f.encoded().toByteArray();
        List<Bytes> fed = new ArrayList<>();
        try (ItlStreamReader r = ItlReader.defaults().stream(new ByteArrayInputStream(data))) {
            r.signedBytesTo(fed::add);
            assertNull(r.nextRecord());
        }
        assertArrayEquals(data, concat(fed));
        assertEquals(List.of(f.encoded()), f.signedParts());
    }

    @Test
    void sinkMustBeSetOnceBeforeRecords() throws IOException {
        try (ItlStreamReader r = ItlReader.defaults().stream(new ByteArrayInputStream(Fixture.valid()))) {
            r.signedBytesTo(b -> {});
            assertThrows(IllegalStateException.class, () -> r.signedBytesTo(b -> {}));
        }
        try (ItlStreamReader r = ItlReader.defaults().stream(new ByteArrayInputStream(Fixture.valid()))) {
            r.nextRecord();
            assertThrows(IllegalStateException.class, () -> r.signedBytesTo(b -> {}));
        }
    }

    @Test
    void closeClosesTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(Fixture.valid()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ItlReader.defaults().stream(in).close();
        assertTrue(closed[0]);
    }

    // ----------------------------------------------------------------------------------- many records, one at a time

    private static final int MANY = 2000;

    /** Header then the same record {@code count} times, produced on demand; counts what was consumed. */
    private static final class GeneratedItl extends InputStream {
        private final byte[] header;
        private final byte[] record;
        private final long size;
        private long pos;

        GeneratedItl(byte[] header, byte[] record, int count) {
            this.header = header;
            this.record = record;
            this.size = header.length + (long) record.length * count;
        }

        @Override
        public int read() {
            if (pos >= size) {
                return -1;
            }
            long p = pos++;
            return (p < header.length ? header[(int) p] : record[(int) ((p - header.length) % record.length)]) & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            for (int c; n < len && (c = read()) >= 0; n++) {
                b[off + n] = (byte) c;
            }
            return n == 0 ? -1 : n;
        }
    }

    private static ItlRecord bigRecord() {
        return ItlRecord.of(List.of(
                new Tlv(RecordTags.SUBJECT_NAME, TlvWriter.nulTerminated("CN=node")),
                new Tlv(RecordTags.FUNCTION, Bytes.fromHex("0002")),
                new Tlv(RecordTags.CERTIFICATE, Bytes.wrapOwned(new byte[900]))));
    }

    @Test
    void twoThousandRecordsOneAtATime() throws IOException {
        byte[] header = Fixture.header();
        byte[] record = bigRecord().encoded().toByteArray();
        ItlLimits raised =
                ItlLimits.builder().maxRecords(MANY).maxFileSize(8L << 20).build();
        GeneratedItl in = new GeneratedItl(header, record, MANY);
        assertTrue(in.size > ItlLimits.DEFAULT_MAX_FILE_SIZE / 2);
        try (ItlStreamReader r = ItlReader.withLimits(raised).stream(in)) {
            assertEquals(header.length, in.pos); // nothing read ahead of the header
            for (int i = 0; i < MANY; i++) {
                ItlRecord rec = r.nextRecord();
                assertEquals(record.length, rec.length());
                // the reader holds one record: it has consumed exactly up to the end of the record it returned
                assertEquals(r.offset(), in.pos);
            }
            assertNull(r.nextRecord());
            assertEquals(MANY, r.recordCount());
            assertEquals(in.size, r.offset());
        }
    }

    @Test
    void twoThousandRecordsFailWithTheDefaultRecordLimit() throws IOException {
        byte[] header = Fixture.header();
        byte[] record = bigRecord().encoded().toByteArray();
        try (ItlStreamReader r = ItlReader.defaults().stream(new GeneratedItl(header, record, MANY))) {
            ItlLimitException x = assertThrows(ItlLimitException.class, () -> {
                while (r.nextRecord() != null) {
                    // read until the limit
                }
            });
            assertEquals("maxRecords", x.limitName());
            assertEquals(ItlLimits.DEFAULT_MAX_RECORDS, x.limit());
            assertEquals(ItlLimits.DEFAULT_MAX_RECORDS + 1L, x.actual());
            assertEquals(header.length + (long) record.length * ItlLimits.DEFAULT_MAX_RECORDS, x.offset());
            assertEquals(ItlLimits.DEFAULT_MAX_RECORDS, r.recordCount());
        }
    }
}
