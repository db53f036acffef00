package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlStreamReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader limit just under (accepted) and just over (rejected with {@link ItlLimitException} naming the
 * setting), at its default and at a small custom value, through every entry point that applies.
 */
class LimitsTest {
    /** The header of a real trust list (FILENAME ITLFile.tlv), 312 bytes. */
    private static final byte[] ITL_HEADER = header("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
    /** The header of a real .sgn (FILENAME SEP001122334455.cnf.xml.sgn). */
    private static final byte[] SGN_HEADER = header("sgn/SEP001122334455.cnf.xml.sgn");

    @TempDir
    Path tmp;

    private static byte[] header(String vector) {
        byte[] data = Vectors.bytes(Vectors.certutils().resolve(vector));
        int h = (data[8] & 0xFF) << 8 | (data[9] & 0xFF);
        return java.util.Arrays.copyOf(data, h);
    }

    /** A record of exactly {@code size} bytes: RECORDLENGTH, then (if size > 5) one CERTIFICATE of filler. */
    private static void record(ByteArrayOutputStream out, int size) {
        out.write(1);
        out.write(0);
        out.write(2);
        out.write(size >>> 8);
        out.write(size);
        if (size > 5) {
            int v = size - 8;
            out.write(9);
            out.write(v >>> 8);
            out.write(v);
            out.write(new byte[v], 0, v);
        }
    }

    /** A trust list of exactly {@code total} bytes, in records as large as possible. */
    static byte[] trustListOfSize(long total) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        out.writeBytes(ITL_HEADER);
        long rest = total - ITL_HEADER.length;
        int n = (int) ((rest + 0xFFFE) / 0xFFFF);
        for (int i = 0; i < n; i++) {
            int size = (int) (rest / n + (i < rest % n ? 1 : 0));
            record(out, size);
        }
        assertEquals(total, out.size());
        return out.toByteArray();
    }

    /** A trust list of {@code n} minimal (5-byte) records. */
    static byte[] trustListWithRecords(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ITL_HEADER);
        for (int i = 0; i < n; i++) {
            record(out, 5);
        }
        return out.toByteArray();
    }

    static byte[] sgnWithPayload(long payload) {
        byte[] out = new byte[SGN_HEADER.length + (int) payload];
        System.arraycopy(SGN_HEADER, 0, out, 0, SGN_HEADER.length);
        return out;
    }

    private static void assertLimit(String name, long limit, Executable e) {
        ItlLimitException x = assertThrows(ItlLimitException.class, e);
        assertEquals(name, x.limitName());
        assertEquals(limit, x.limit());
        assertTrue(x.actual() > limit, x::getMessage);
        assertTrue(x.getMessage().contains("ItlLimits.builder()." + name + "("), x::getMessage);
    }

    private static int streamAll(ItlReader reader, byte[] data) throws IOException {
        try (ItlStreamReader r = reader.stream(new ByteArrayInputStream(data))) {
            while (r.nextRecord() != null) {
                // count
            }
            return r.recordCount();
        }
    }

    @Test
    void maxFileSizeDefaultJustUnderAndJustOver() throws Exception {
        long max = ItlLimits.DEFAULT_MAX_FILE_SIZE;
        assertEquals(2L * 1024 * 1024, max);
        ItlReader r = ItlReader.defaults();
        byte[] under = trustListOfSize(max);
        assertEquals(max, r.readTrustList(Bytes.wrapOwned(under)).size());
        assertEquals(max, ((ItlFile) r.read(new ByteArrayInputStream(under))).size());
        assertEquals(max, r.readTrustList(new ByteArrayInputStream(under)).size());
        streamAll(r, under);
        Path f = Files.write(tmp.resolve("under.tlv"), under);
        assertEquals(max, r.readTrustList(f).size());

        byte[] over = trustListOfSize(max + 1);
        assertLimit("maxFileSize", max, () -> r.readTrustList(Bytes.wrapOwned(over)));
        assertLimit("maxFileSize", max, () -> r.read(over));
        assertLimit("maxFileSize", max, () -> r.read(new ByteArrayInputStream(over)));
        assertLimit("maxFileSize", max, () -> r.readTrustList(new ByteArrayInputStream(over)));
        assertLimit("maxFileSize", max, () -> streamAll(r, over));
        Path g = Files.write(tmp.resolve("over.tlv"), over);
        assertLimit("maxFileSize", max, () -> r.readTrustList(g));
        assertLimit("maxFileSize", max, () -> ItlVerifier.builder().build().verify(new ByteArrayInputStream(over)));
    }

    @Test
    void maxFileSizeCustom() throws Exception {
        long max = ITL_HEADER.length + 100;
        ItlReader r = ItlReader.withLimits(ItlLimits.builder().maxFileSize(max).build());
        byte[] under = trustListOfSize(max);
        assertEquals(max, r.readTrustList(Bytes.wrapOwned(under)).size());
        streamAll(r, under);
        byte[] over = trustListOfSize(max + 1);
        assertLimit("maxFileSize", max, () -> r.read(over));
        assertLimit("maxFileSize", max, () -> streamAll(r, over));
        ItlVerifier v = ItlVerifier.builder().limits(r.limits()).build();
        assertLimit("maxFileSize", max, () -> v.verify(new ByteArrayInputStream(over)));
    }

    @Test
    void maxRecordsDefaultJustUnderAndJustOver() throws Exception {
        int max = ItlLimits.DEFAULT_MAX_RECORDS;
        assertEquals(1024, max);
        ItlReader r = ItlReader.defaults();
        byte[] under = trustListWithRecords(max);
        assertEquals(max, r.readTrustList(Bytes.wrapOwned(under)).records().size());
        assertEquals(max, streamAll(r, under));
        byte[] over = trustListWithRecords(max + 1);
        assertLimit("maxRecords", max, () -> r.read(over));
        assertLimit("maxRecords", max, () -> r.readTrustList(new ByteArrayInputStream(over)));
        assertLimit("maxRecords", max, () -> streamAll(r, over));
        assertLimit("maxRecords", max, () -> ItlVerifier.builder().build().verify(new ByteArrayInputStream(over)));
    }

    @Test
    void maxRecordsCustom() throws Exception {
        ItlReader r = ItlReader.withLimits(ItlLimits.builder().maxRecords(3).build());
        assertEquals(
                3,
                r.readTrustList(Bytes.wrapOwned(trustListWithRecords(3)))
                        .records()
                        .size());
        assertEquals(3, streamAll(r, trustListWithRecords(3)));
        assertLimit("maxRecords", 3, () -> r.read(trustListWithRecords(4)));
        assertLimit("maxRecords", 3, () -> streamAll(r, trustListWithRecords(4)));
        ItlVerifier v = ItlVerifier.builder().limits(r.limits()).build();
        assertLimit("maxRecords", 3, () -> v.verify(new ByteArrayInputStream(trustListWithRecords(4))));
    }

    @Test
    void maxPayloadSizeDefaultJustUnderAndJustOver() throws Exception {
        long max = ItlLimits.DEFAULT_MAX_PAYLOAD_SIZE;
        assertEquals(64L * 1024 * 1024, max);
        ItlReader r = ItlReader.defaults();
        byte[] under = sgnWithPayload(max);
        assertEquals(max, r.readSigned(Bytes.wrapOwned(under)).payload().size());
        assertEquals(max, ((SgnFile) r.read(Bytes.wrapOwned(under))).payload().size());
        Path f = Files.write(tmp.resolve("under.sgn"), under);
        assertEquals(max, r.readSigned(f).payload().size());
        byte[] over = sgnWithPayload(max + 1);
        assertLimit("maxPayloadSize", max, () -> r.readSigned(Bytes.wrapOwned(over)));
        assertLimit("maxPayloadSize", max, () -> r.read(over));
        Files.write(f, over);
        assertLimit("maxPayloadSize", max, () -> r.readSigned(f));
        assertLimit("maxPayloadSize", max, () -> r.read(new ByteArrayInputStream(over)));
    }

    @Test
    void maxPayloadSizeCustom() throws Exception {
        ItlReader r =
                ItlReader.withLimits(ItlLimits.builder().maxPayloadSize(10).build());
        assertEquals(
                10, r.readSigned(Bytes.wrapOwned(sgnWithPayload(10))).payload().size());
        assertLimit("maxPayloadSize", 10, () -> r.readSigned(Bytes.wrapOwned(sgnWithPayload(11))));
        assertLimit("maxPayloadSize", 10, () -> r.read(sgnWithPayload(11)));
    }

    @Test
    void theRealVectorsAreFarBelowTheDefaults() throws Exception {
        // The largest vector (50 records, 62974 bytes) is just under the 64 KB phones load; the defaults leave
        // a margin of 30x in size and 20x in records.
        long largest = 0;
        int most = 0;
        for (Path p : Vectors.itlFiles()) {
            ItlFile f = ItlReader.defaults().readTrustList(p);
            largest = Math.max(largest, f.size());
            most = Math.max(most, f.records().size());
        }
        assertEquals(62974, largest);
        assertEquals(50, most);
        assertTrue(largest * 30 < ItlLimits.DEFAULT_MAX_FILE_SIZE && most * 20 < ItlLimits.DEFAULT_MAX_RECORDS);
    }
}
