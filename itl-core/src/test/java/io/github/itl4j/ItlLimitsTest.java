package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.support.Raw;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Each limit just under (accepted) and just over (rejected, naming the setting to raise). */
class ItlLimitsTest {
    @TempDir
    Path tmp;

    private static ItlReader with(ItlLimits.Builder b) {
        return ItlReader.withLimits(b.build());
    }

    private static ItlLimitException assertLimit(String name, long limit, long actual, Executable e) {
        ItlLimitException x = assertThrows(ItlLimitException.class, e);
        assertEquals(name, x.limitName());
        assertEquals(limit, x.limit());
        assertEquals(actual, x.actual());
        assertEquals(ItlException.NO_TAG, x.tag());
        assertTrue(x.getMessage().contains("ItlLimits.builder()." + name + "("), x::getMessage);
        return x;
    }

    private static int streamAll(ItlReader reader, byte[] data) throws IOException {
        try (ItlStreamReader r = reader.stream(new ByteArrayInputStream(data))) {
            while (r.nextRecord() != null) {
                // read all
            }
            return r.recordCount();
        }
    }

    @Test
    void defaults() {
        ItlLimits d = ItlLimits.defaults();
        assertEquals(ItlLimits.DEFAULT_MAX_FILE_SIZE, d.maxFileSize());
        assertEquals(ItlLimits.DEFAULT_MAX_RECORDS, d.maxRecords());
        assertEquals(ItlLimits.DEFAULT_MAX_PAYLOAD_SIZE, d.maxPayloadSize());
        assertEquals(d, ItlLimits.builder().build());
        assertEquals(d, ItlReader.defaults().limits());
        ItlLimits custom = d.toBuilder().maxRecords(3).build();
        assertEquals(3, custom.maxRecords());
        assertEquals(d.maxFileSize(), custom.maxFileSize());
    }

    @Test
    void negativeLimitsAreProgrammerErrors() {
        assertThrows(IllegalArgumentException.class, () -> ItlLimits.builder().maxFileSize(-1));
        assertThrows(IllegalArgumentException.class, () -> ItlLimits.builder().maxRecords(-1));
        assertThrows(IllegalArgumentException.class, () -> ItlLimits.builder().maxPayloadSize(-1));
        assertThrows(IllegalArgumentException.class, () -> new ItlLimits(0, -1, 0));
    }

    @Test
    void maxFileSize() throws IOException {
        byte[] data = Fixture.valid();
        Path p = Files.write(tmp.resolve("ITLFile.tlv"), data);
        ItlReader under = with(ItlLimits.builder().maxFileSize(Fixture.SIZE));
        assertEquals(2, under.readTrustList(Bytes.copyOf(data)).records().size());
        assertEquals(2, under.readTrustList(p).records().size());
        assertEquals(
                2, under.readTrustList(new ByteArrayInputStream(data)).records().size());
        assertEquals(2, ((ItlFile) under.read(data)).records().size());
        assertEquals(2, streamAll(under, data));

        ItlReader over = with(ItlLimits.builder().maxFileSize(Fixture.SIZE - 1));
        long max = Fixture.SIZE - 1;
        assertLimit("maxFileSize", max, Fixture.SIZE, () -> over.readTrustList(Bytes.copyOf(data)));
        assertLimit("maxFileSize", max, Fixture.SIZE, () -> over.readTrustList(p));
        assertLimit("maxFileSize", max, Fixture.SIZE, () -> over.read(data));
        // a stream stops reading as soon as the limit is passed
        ItlLimitException x =
                assertLimit("maxFileSize", max, max + 1, () -> over.readTrustList(new ByteArrayInputStream(data)));
        assertEquals(ItlException.NO_OFFSET, x.offset());
        // the streaming reader checks each record's end before reading it
        x = assertLimit("maxFileSize", max, Fixture.SIZE, () -> streamAll(over, data));
        assertEquals(Fixture.RECORD2, x.offset());
    }

    @Test
    void maxRecords() throws IOException {
        byte[] data = Fixture.valid();
        ItlReader under = with(ItlLimits.builder().maxRecords(2));
        assertEquals(2, under.readTrustList(Bytes.copyOf(data)).records().size());
        assertEquals(2, streamAll(under, data));

        ItlReader over = with(ItlLimits.builder().maxRecords(1));
        ItlLimitException x = assertLimit("maxRecords", 1, 2, () -> over.readTrustList(Bytes.copyOf(data)));
        assertEquals(Fixture.RECORD2, x.offset());
        x = assertLimit("maxRecords", 1, 2, () -> over.read(data));
        assertEquals(Fixture.RECORD2, x.offset());
        x = assertLimit("maxRecords", 1, 2, () -> streamAll(over, data));
        assertEquals(Fixture.RECORD2, x.offset());
        // a file of exactly one record is fine with that limit
        byte[] one = java.util.Arrays.copyOf(data, Fixture.RECORD2);
        assertEquals(1, over.readTrustList(Bytes.copyOf(one)).records().size());
    }

    @Test
    void maxRecordsZeroAllowsOnlyAnEmptyList() throws IOException {
        ItlReader none = with(ItlLimits.builder().maxRecords(0));
        assertEquals(
                0, none.readTrustList(Bytes.copyOf(Fixture.header())).records().size());
        assertLimit("maxRecords", 0, 1, () -> none.readTrustList(Bytes.copyOf(Fixture.valid())));
    }

    @Test
    void maxPayloadSize() throws IOException {
        byte[] data = Raw.concat(Fixture.header(), new byte[100]);
        Path p = Files.write(tmp.resolve("x.sgn"), data);
        ItlReader under = with(ItlLimits.builder().maxPayloadSize(100));
        assertEquals(100, under.readSigned(Bytes.copyOf(data)).payload().size());
        assertEquals(100, under.readSigned(p).payload().size());

        ItlReader over = with(ItlLimits.builder().maxPayloadSize(99));
        ItlLimitException x = assertLimit("maxPayloadSize", 99, 100, () -> over.readSigned(Bytes.copyOf(data)));
        assertEquals(Fixture.HEADER_LENGTH, x.offset());
        assertLimit("maxPayloadSize", 99, 100, () -> over.readSigned(p));
    }

    @Test
    void signedFileOnDiskBeyondAnyPossibleSizeNamesThePayloadLimit() throws IOException {
        // a header is at most 65535 bytes, so a .sgn larger than maxPayloadSize + 65535 is refused before loading
        byte[] data = Raw.concat(Fixture.header(), new byte[10 + 0xFFFF - Fixture.HEADER_LENGTH + 1]);
        Path p = Files.write(tmp.resolve("big.sgn"), data);
        ItlReader r = with(ItlLimits.builder().maxPayloadSize(10).maxFileSize(1000));
        assertLimit("maxPayloadSize", 10 + 0xFFFF, data.length, () -> r.readSigned(p));
        assertLimit("maxPayloadSize", 10 + 0xFFFF, data.length, () -> r.read(p));
        assertLimit("maxPayloadSize", 10 + 0xFFFF, 10 + 0xFFFF + 1, () -> r.read(new ByteArrayInputStream(data)));
    }

    @Test
    void payloadLimitDoesNotApplyToTrustListsAndViceVersa() throws IOException {
        byte[] data = Fixture.valid();
        ItlReader tiny = with(ItlLimits.builder().maxPayloadSize(0));
        assertEquals(2, tiny.readTrustList(Bytes.copyOf(data)).records().size());
        ItlReader tinyFile = with(ItlLimits.builder().maxFileSize(0));
        assertEquals(
                Fixture.SIZE - Fixture.HEADER_LENGTH,
                tinyFile.readSigned(Bytes.copyOf(data)).payload().size());
    }
}
