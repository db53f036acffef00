package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.support.Raw;
import io.github.itl4j.support.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small hand-made fixture per defect ({@link Fixture} is the valid base). Every defect is checked through every
 * read path: {@code read}, {@code readTrustList}, the streaming reader (plain and one byte per read) and, for header
 * defects, {@code readSigned}; each must throw {@link ItlFormatException} with the same offset and tag.
 */
class ItlMalformedTest {
    private static final ItlReader READER = ItlReader.defaults();

    private static Raw headerUpToTimestamp(int headerLength) {
        return Fixture.fileNameAndTime(
                Fixture.signature(Fixture.signatureInfo(Fixture.signerId(Fixture.prefix(new Raw(), headerLength)))));
    }

    private static byte[] withRecords(Raw header) {
        return Fixture.record(Fixture.record(header, 0), 2).toByteArray();
    }

    /** Asserts every read path rejects {@code data} at {@code offset} with {@code tag}. */
    private static ItlFormatException assertRejected(byte[] data, long offset, int tag, boolean headerDefect) {
        List<ThrowingCall> calls = new ArrayList<>();
        calls.add(() -> READER.read(data));
        calls.add(() -> READER.readTrustList(Bytes.copyOf(data)));
        calls.add(() -> READER.readTrustList(new ByteArrayInputStream(data)));
        calls.add(() -> streamAll(new ByteArrayInputStream(data)));
        calls.add(() -> streamAll(ThrottledInputStream.oneByte(data)));
        if (headerDefect) {
            calls.add(() -> READER.readSigned(Bytes.copyOf(data)));
        }
        ItlFormatException first = null;
        for (ThrowingCall c : calls) {
            ItlException e = assertThrows(ItlException.class, c::call);
            ItlFormatException f = assertInstanceOf(ItlFormatException.class, e);
            assertEquals(offset, f.offset(), () -> "offset: " + f.getMessage());
            assertEquals(tag, f.tag(), () -> "tag: " + f.getMessage());
            String problem = f.getOriginalMessage()
                    .substring(0, f.getOriginalMessage().length() - f.hint().length());
            assertTrue(f.getMessage().startsWith(problem) && f.getMessage().endsWith(f.hint()), f::getMessage);
            first = first == null ? f : first;
        }
        return first;
    }

    private static void streamAll(java.io.InputStream in) throws java.io.IOException {
        try (ItlStreamReader r = READER.stream(in)) {
            while (r.nextRecord() != null) {
                // read all
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void call() throws Exception;
    }

    @Test
    void fixtureIsValid() throws Exception {
        ItlFile f = READER.readTrustList(Bytes.copyOf(Fixture.valid()));
        assertEquals(Fixture.HEADER_LENGTH, f.header().length());
        assertEquals(Fixture.SIGNATURE, f.header().signatureOffset());
        assertEquals(3, f.header().paddingCount());
        assertEquals(2, f.records().size());
        assertEquals(Fixture.SIZE, f.size());
        assertEquals(List.of(), f.warnings());
        assertEquals(Layout.CUCM, f.header().layout().orElseThrow());
        assertEquals(
                List.of(Role.SAST, Role.CCM_TFTP),
                f.records().stream().map(r -> r.role().orElseThrow()).toList());
    }

    /** A DER start (30 02) gets a hint after its location; both messages keep the problem first, the hint last. */
    @Test
    void aHintComesAfterTheLocationInBothMessages() {
        ItlFormatException f = assertThrows(ItlFormatException.class, () -> READER.read(new byte[] {0x30, 0x02}));
        assertTrue(f.hint().contains("looks like DER data"), f::getMessage);
        assertTrue(f.getOriginalMessage().endsWith(f.hint()), f::getOriginalMessage);
        assertTrue(f.getMessage().endsWith(f.hint()), f::getMessage);
        assertTrue(f.getMessage().contains(" at offset 0x0 (0); this looks like DER"), f::getMessage);
        assertEquals("", new ItlFormatException("plain", 3, 1).hint());
    }

    // ------------------------------------------------------------------------------------------ TLV structure

    @Test
    void truncatedTlvAtTheEndOfTheHeader() {
        // two bytes (an unknown tag 0x20 and half a length) where a TLV needs at least three
        Raw h = headerUpToTimestamp(131).bytes(0x20, 0x00);
        assertRejected(withRecords(h), 129, 0x20, true);
    }

    @Test
    void fileTruncatedInsideTheRecordLengthPrefix() {
        byte[] data = java.util.Arrays.copyOf(Fixture.valid(), Fixture.RECORD2 + 3);
        assertRejected(data, Fixture.RECORD2, RecordTags.RECORD_LENGTH, false);
    }

    @Test
    void lengthCrossingItsContainer() {
        // SIGNERNAME declares 20 bytes; SIGNERID (14) has only 11 left
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH)
                .head(3, 14)
                .head(4, 20)
                .bytes('a', 0)
                .tlv(5, 1)
                .str(6, "b");
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))));
        assertRejected(withRecords(h), 13, HeaderTags.SIGNER_NAME, true);
    }

    @Test
    void containerShorterThanItsChildren() {
        // SIGNATUREALGOINFO says 7 but its children take 8: SIGNATUREMODULUS crosses the container's end
        Raw h = Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))
                .head(7, 15)
                .tlv(8, 1)
                .head(9, 7)
                .tlv(10, 0)
                .tlv(11, 0);
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(h)));
        assertRejected(withRecords(h), 41, HeaderTags.SIGNATURE_MODULUS, true);
    }

    @Test
    void containerLongerThanItsParent() {
        // SIGNATUREALGOINFO says 9: it would end past SIGNATUREINFO (15)
        Raw h = Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))
                .head(7, 15)
                .tlv(8, 1)
                .head(9, 9)
                .tlv(10, 0)
                .tlv(11, 0);
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(h)));
        assertRejected(withRecords(h), Fixture.SIGNATURE_ALGO_INFO, HeaderTags.SIGNATURE_ALGO_INFO, true);
    }

    @Test
    void containerLongerThanItsChildrenSwallowsTheNextItem() {
        // SIGNERID says 18: SIGNATUREINFO (15 bytes of children) starts inside it and crosses its end
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH)
                .head(3, 18)
                .str(4, "a")
                .tlv(5, 1)
                .str(6, "b");
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))));
        assertRejected(withRecords(h), Fixture.SIGNATURE_INFO, HeaderTags.SIGNATURE_INFO, true);
    }

    @Test
    void containerShorterThanItsChildrenTruncatesTheLastChild() {
        // SIGNERID says 10: CANAME at 22 has one byte left before the container ends
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH)
                .head(3, 10)
                .str(4, "a")
                .tlv(5, 1)
                .str(6, "b");
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))));
        assertRejected(withRecords(h), 22, HeaderTags.CA_NAME, true);
    }

    // ------------------------------------------------------------------------------------------- HEADERLENGTH

    @Test
    void headerLengthBelowTen() {
        byte[] data = Fixture.valid();
        data[9] = 9;
        assertRejected(data, 8, HeaderTags.HEADER_LENGTH, true);
    }

    @Test
    void headerLengthBeyondTheFile() {
        byte[] data = Fixture.valid();
        data[8] = (byte) 0x13;
        data[9] = (byte) 0x88; // 5000
        assertRejected(data, 8, HeaderTags.HEADER_LENGTH, true);
    }

    @Test
    void headerLengthCrossingAnItem() {
        // HEADERLENGTH 125 ends inside TIMESTAMP (122..128)
        byte[] data = Fixture.valid();
        data[9] = (byte) 125;
        assertRejected(data, Fixture.TIMESTAMP, HeaderTags.TIMESTAMP, true);
    }

    // ------------------------------------------------------------------------------------- header field rules

    @Test
    void versionOfWrongLength() {
        byte[] data = Raw.concat(
                new Raw().tlv(1, 1, 2, 0).toByteArray(),
                java.util.Arrays.copyOfRange(Fixture.valid(), 5, Fixture.SIZE));
        assertRejected(data, 0, HeaderTags.VERSION, true);
    }

    @Test
    void versionMissing() {
        byte[] data = java.util.Arrays.copyOfRange(Fixture.valid(), 5, Fixture.SIZE);
        assertRejected(data, 0, HeaderTags.VERSION, true);
    }

    @Test
    void headerLengthOfWrongLength() {
        byte[] data = Raw.concat(
                new Raw().tlv(1, 1, 2).tlv(2, 0, 0, 0, 132).toByteArray(),
                java.util.Arrays.copyOfRange(Fixture.valid(), 10, Fixture.SIZE));
        assertRejected(data, 5, HeaderTags.HEADER_LENGTH, true);
    }

    @Test
    void duplicateSignature() {
        Raw h = Fixture.signature(Fixture.signature(
                Fixture.signatureInfo(Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH + 67)))));
        h = Fixture.padding(Fixture.fileNameAndTime(h));
        assertRejected(withRecords(h), Fixture.FILE_NAME, HeaderTags.SIGNATURE, true);
    }

    @Test
    void signatureInsideSignerId() {
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH + 4)
                .head(3, 18)
                .str(4, "a")
                .tlv(5, 1)
                .str(6, "b")
                .zeros(12, 1);
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))));
        assertRejected(withRecords(h), 27, HeaderTags.SIGNATURE, true);
    }

    @Test
    void paddingInsideAContainer() {
        // a 0x0D byte is padding only at the top level; inside SIGNERID it is read as a TLV tag
        Raw h = Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH)
                .head(3, 15)
                .str(4, "a")
                .bytes(0x0D)
                .tlv(5, 1)
                .str(6, "b");
        h = Fixture.fileNameAndTime(Fixture.signature(Fixture.signatureInfo(h))).bytes(0x0D, 0x0D);
        assertRejected(withRecords(h), 18, HeaderTags.PADDING, true);
    }

    @Test
    void knownHeaderTagAtTheWrongLevel() {
        // DIGESTALGORITHM at the top level instead of inside SIGNATUREINFO
        Raw h = Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))
                .tlv(8, 1)
                .head(7, 11)
                .head(9, 8)
                .tlv(10, 0)
                .tlv(11, 0);
        h = Fixture.padding(Fixture.fileNameAndTime(Fixture.signature(h)));
        assertRejected(withRecords(h), Fixture.SIGNATURE_INFO, HeaderTags.DIGEST_ALGORITHM, true);
    }

    @Test
    void digestAlgorithmOfWrongLength() {
        Raw h = Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))
                .head(7, 16)
                .tlv(8, 0, 1)
                .head(9, 8)
                .tlv(10, 0)
                .tlv(11, 0);
        h = Fixture.fileNameAndTime(Fixture.signature(h)).bytes(0x0D, 0x0D);
        assertRejected(withRecords(h), 30, HeaderTags.DIGEST_ALGORITHM, true);
    }

    @Test
    void timestampOfWrongLength() {
        Raw h = Fixture.signature(
                        Fixture.signatureInfo(Fixture.signerId(Fixture.prefix(new Raw(), Fixture.HEADER_LENGTH))))
                .str(14, "ab.tlv")
                .tlv(15, 0, 0, 1)
                .bytes(0x0D, 0x0D, 0x0D, 0x0D);
        assertRejected(withRecords(h), Fixture.TIMESTAMP, HeaderTags.TIMESTAMP, true);
    }

    // ------------------------------------------------------------------------------------------------ records

    @Test
    void recordWithoutRecordLength() {
        Raw r = Fixture.header(new Raw())
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1, RecordTags.SUBJECT_NAME, false);
    }

    @Test
    void recordLengthOfWrongSize() {
        Raw r = Fixture.header(new Raw())
                .tlv(1, 0, 0, 25)
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1, RecordTags.RECORD_LENGTH, false);
    }

    @Test
    void recordLengthBelowFive() {
        Raw r = Fixture.header(new Raw())
                .u16(1, 4)
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1, RecordTags.RECORD_LENGTH, false);
    }

    @Test
    void recordLengthBeyondTheEndOfTheFile() {
        Raw r = Fixture.record(Fixture.header(new Raw()), 0)
                .u16(1, Fixture.RECORD_LENGTH + 1)
                .str(3, "s")
                .u16(4, 2)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD2, RecordTags.RECORD_LENGTH, false);
    }

    @Test
    void trailingBytesInsideARecordThatDoNotFormATlv() {
        Raw r = Fixture.record(Fixture.header(new Raw()), 0)
                .u16(1, Fixture.RECORD_LENGTH + 2)
                .str(3, "s")
                .u16(4, 2)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0)
                .bytes(0x03, 0x00);
        assertRejected(r.toByteArray(), Fixture.SIZE, RecordTags.SUBJECT_NAME, false);
    }

    @Test
    void fieldCrossingTheEndOfItsRecord() {
        // CERTIFICATE declares 4 bytes, the record (RECORDLENGTH 30) leaves 3
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH)
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .head(9, 4)
                .bytes(0x30, 1, 0);
        r = Fixture.record(r, 2);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 24, RecordTags.CERTIFICATE, false);
    }

    @Test
    void duplicateRecordTag() {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH + 5)
                .str(3, "s")
                .str(3, "t")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 10, RecordTags.SUBJECT_NAME, false);
    }

    @Test
    void recordLengthRepeatedInsideTheRecord() {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH + 5)
                .str(3, "s")
                .u16(1, 35)
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 10, RecordTags.RECORD_LENGTH, false);
    }

    @Test
    void functionOfWrongSize() {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH - 1)
                .str(3, "s")
                .tlv(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 10, RecordTags.FUNCTION, false);
    }

    @Test
    void ipAddressOfWrongSize() {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH + 8)
                .str(3, "s")
                .u16(4, 0)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0)
                .tlv(10, 10, 0, 0, 1, 2);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 30, RecordTags.IP_ADDRESS, false);
    }

    @Test
    void hashAlgorithmOfWrongSize() {
        Raw r = Fixture.header(new Raw())
                .u16(1, Fixture.RECORD_LENGTH + 5)
                .str(3, "s")
                .u16(4, 21)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0)
                .tlv(12, 0, 1);
        assertRejected(r.toByteArray(), Fixture.RECORD1 + 30, RecordTags.HASH_ALGORITHM, false);
    }

    @Test
    void recordDefectsDoNotConcernSignedFiles() throws Exception {
        // the body of a .sgn is opaque: the same bytes read as a signed file keep the "record" as payload
        Raw r = Fixture.header(new Raw()).u16(1, 4);
        SgnFile s = READER.readSigned(Bytes.copyOf(r.toByteArray()));
        assertEquals(5, s.payload().size());
    }
}
