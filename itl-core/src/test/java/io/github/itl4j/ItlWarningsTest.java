package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlWarning.Code;
import io.github.itl4j.support.Fixture;
import io.github.itl4j.support.Raw;
import io.github.itl4j.tlv.Tlv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Oddities phones accept: kept, reported as {@link ItlWarning}s (asserted by code), and written back unchanged. */
class ItlWarningsTest {
    private static final ItlReader READER = ItlReader.defaults();

    private static Raw headerUpToTimestamp(int headerLength) {
        return Fixture.fileNameAndTime(
                Fixture.signature(Fixture.signatureInfo(Fixture.signerId(Fixture.prefix(new Raw(), headerLength)))));
    }

    /** Reads through the array and the streaming reader; both must give the same warnings. */
    private static ItlFile readBothWays(byte[] data) throws IOException {
        ItlFile f = READER.readTrustList(Bytes.copyOf(data));
        List<ItlWarning> streamed;
        List<ItlRecord> records = new ArrayList<>();
        try (ItlStreamReader r = READER.stream(new ByteArrayInputStream(data))) {
            for (ItlRecord rec; (rec = r.nextRecord()) != null; ) {
                records.add(rec);
            }
            streamed = r.warnings();
            assertEquals(f.header(), r.header());
        }
        assertEquals(f.records(), records);
        assertEquals(f.warnings(), streamed);
        // kept data is written back identically, from the model
        assertArrayEquals(data, ItlWriter.encode(f).toByteArray());
        return f;
    }

    private static List<Code> codes(SignedFile f) {
        return f.warnings().stream().map(ItlWarning::code).toList();
    }

    private static ItlWarning only(SignedFile f, Code code) {
        assertEquals(List.of(code), codes(f), f.warnings()::toString);
        return f.warnings().get(0);
    }

    @Test
    void unknownHeaderTagIsKept() throws IOException {
        byte[] data = Fixture.record(headerUpToTimestamp(136).tlv(0x30, 7, 8, 9).bytes(0x0D), 0)
                .toByteArray();
        ItlFile f = readBothWays(data);
        ItlWarning w = only(f, Code.UNKNOWN_HEADER_TAG);
        assertEquals(129, w.offset());
        assertEquals(0x30, w.tag());
        assertEquals(-1, w.recordIndex());
        assertEquals(
                Bytes.fromHex("070809"), f.header().find(0x30).orElseThrow().value());
        assertEquals(Layout.CUCM, f.header().layout().orElseThrow());
    }

    @Test
    void unknownHeaderTagInsideAContainerIsKept() throws IOException {
        Raw h = Fixture.prefix(new Raw(), 136)
                .head(3, 18)
                .str(4, "a")
                .tlv(0x40, 1)
                .tlv(5, 1)
                .str(6, "b");
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))));
        ItlFile f = readBothWays(Fixture.record(h, 0).toByteArray());
        ItlWarning w = only(f, Code.UNKNOWN_HEADER_TAG);
        assertEquals(18, w.offset());
        assertEquals(0x40, w.tag());
        assertEquals("a", f.header().signerName().orElseThrow());
        assertEquals(Bytes.fromHex("01"), f.header().serialNumber().orElseThrow());
    }

    @Test
    void unknownRecordTagIsKept() throws IOException {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH + 5)
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0)
                .tlv(0x99, 0xAA, 0xBB);
        ItlFile f = readBothWays(r.toByteArray());
        ItlWarning w = only(f, Code.UNKNOWN_RECORD_TAG);
        assertEquals(Fixture.RECORD1 + 30, w.offset());
        assertEquals(0x99, w.tag());
        assertEquals(0, w.recordIndex());
        ItlRecord rec = f.records().get(0);
        assertEquals(new Tlv(0x99, Bytes.fromHex("aabb")), rec.fields().get(rec.fieldCount() - 1));
        assertEquals(Layout.CUCM, rec.layout().orElseThrow());
    }

    @Test
    void unknownRoleIsKept() throws IOException {
        ItlFile f =
                readBothWays(Fixture.record(Fixture.header(new Raw()), 0x1234).toByteArray());
        ItlWarning w = only(f, Code.UNKNOWN_ROLE);
        assertEquals(Fixture.RECORD1 + 10, w.offset());
        assertEquals(RecordTags.FUNCTION, w.tag());
        Role role = f.records().get(0).role().orElseThrow();
        assertEquals(0x1234, role.code());
        assertFalse(role.isKnown());
    }

    @Test
    void headerLengthNotAlignedToFour() throws IOException {
        ItlFile f = readBothWays(Fixture.record(headerUpToTimestamp(129), 0).toByteArray());
        ItlWarning w = only(f, Code.HEADER_LENGTH_NOT_ALIGNED);
        assertEquals(8, w.offset());
        assertEquals(HeaderTags.HEADER_LENGTH, w.tag());
        assertEquals(129, f.header().length());
        assertEquals(0, f.header().paddingCount());
    }

    @Test
    void newerTrustListVersion() throws IOException {
        byte[] data = Fixture.valid();
        data[4] = 3; // 1.3
        ItlFile f = readBothWays(data);
        ItlWarning w = only(f, Code.NEWER_VERSION);
        assertEquals(0, w.offset());
        assertEquals(HeaderTags.VERSION, w.tag());
        assertEquals(new Version(1, 3), f.header().version());
    }

    @Test
    void newerSignedFileVersion() throws IOException {
        byte[] data = Fixture.header();
        data[3] = 2;
        data[4] = 0; // 2.0: the newest a signed file may have
        assertEquals(List.of(), READER.readSigned(Bytes.copyOf(data)).warnings());
        data[4] = 1; // 2.1
        SgnFile s = READER.readSigned(Bytes.copyOf(data));
        only(s, Code.NEWER_VERSION);
        assertArrayEquals(data, ItlWriter.encode(s).toByteArray());
    }

    @Test
    void nonstandardHeaderOrder() throws IOException {
        // TIMESTAMP before FILENAME
        Raw h = Fixture.signature(
                        Fixture.signatureInfo(Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))))
                .tlv(15, 0, 0, 0, 1)
                .str(14, "ab.tlv");
        ItlFile f = readBothWays(Fixture.record(Fixture.padding(h), 0).toByteArray());
        only(f, Code.HEADER_TAG_ORDER);
        assertTrue(f.header().layout().isEmpty());
        assertEquals("ab.tlv", f.header().fileName().orElseThrow());
    }

    @Test
    void nonstandardRecordOrderIsReportedOnce() throws IOException {
        Raw r = Fixture.header(new Raw());
        for (int i = 0; i < 2; i++) {
            r.u16(1, Fixture.RECORD_LENGTH)
                    .tlv(9, 0x30, 1, 0)
                    .str(3, "s")
                    .u16(4, 0)
                    .str(5, "i")
                    .tlv(6, 1);
        }
        ItlFile f = readBothWays(r.toByteArray());
        ItlWarning w = only(f, Code.RECORD_TAG_ORDER);
        assertEquals(0, w.recordIndex());
        assertEquals(Fixture.RECORD1, w.offset());
        assertTrue(f.records().get(1).layout().isEmpty());
    }

    @Test
    void certutilsOrderIsNotReported() throws IOException {
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH + 4)
                .tlv(28, 1, 1)
                .head(3, 14)
                .str(4, "a")
                .str(6, "b")
                .tlv(5, 1);
        h = Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))).bytes(0x0D, 0x0D);
        h.u16(1, Fixture.RECORD_LENGTH)
                .str(3, "s")
                .str(5, "i")
                .tlv(6, 1)
                .u16(4, 0)
                .tlv(9, 0x30, 1, 0);
        ItlFile f = readBothWays(h.toByteArray());
        assertEquals(List.of(), f.warnings());
        assertEquals(Layout.CERTUTILS, f.header().layout().orElseThrow());
        assertEquals(Layout.CERTUTILS, f.records().get(0).layout().orElseThrow());
        assertEquals(Version.V1_1, f.header().signerVersion().orElseThrow());
    }

    @Test
    void zeroLengthValue() throws IOException {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH - 2)
                .tlv(3)
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        ItlFile f = readBothWays(r.toByteArray());
        ItlWarning w = only(f, Code.ZERO_LENGTH_VALUE);
        assertEquals(Fixture.RECORD1 + 5, w.offset());
        assertEquals(RecordTags.SUBJECT_NAME, w.tag());
        assertEquals("", f.records().get(0).subjectName().orElseThrow());
    }

    @Test
    void warningsOfSeveralKindsAreAllReported() throws IOException {
        byte[] data = Fixture.record(Fixture.record(headerUpToTimestamp(135).tlv(0x30, 7, 8, 9), 0x1234), 7)
                .toByteArray();
        data[4] = 9; // version 1.9
        ItlFile f = readBothWays(data);
        assertEquals(
                List.of(Code.UNKNOWN_HEADER_TAG, Code.HEADER_LENGTH_NOT_ALIGNED, Code.NEWER_VERSION, Code.UNKNOWN_ROLE),
                codes(f));
        assertEquals(Role.APP_SERVER, f.records().get(1).role().orElseThrow());
    }
}
