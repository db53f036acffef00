package io.github.itl4j;

import io.github.itl4j.tlv.TlvReader;
import java.io.IOException;
import java.util.List;

/**
 * Reads the records of a trust list, one at a time, from a {@link ByteSource} (docs/format.md §4): RECORDLENGTH
 * framing, the record-count and file-size limits, the record's own checks ({@link ItlRecord#parse}) and the
 * field-order warning. Beside {@link HeaderParser}; used by {@link ItlReader} and {@link ItlStreamReader} alike.
 */
final class RecordParser implements ByteSource.Framing {
    private final ItlLimits limits;
    private final List<ItlWarning> warnings;
    private int index;
    private boolean orderWarned;
    private boolean stream;
    /** One cursor for the fields of every record. */
    private final TlvReader cursor = TlvReader.record(Bytes.EMPTY, 0);

    RecordParser(ItlLimits limits, List<ItlWarning> warnings) {
        this.limits = limits;
        this.warnings = warnings;
    }

    /** @return records read so far */
    int count() {
        return index;
    }

    /**
     * @return the next record, or null at the end of the file
     * @throws ItlException if the record is malformed, truncated, or over a limit
     * @throws IOException from a stream
     */
    ItlRecord next(ByteSource src) throws IOException {
        long offset = src.offset();
        stream = src.size() < 0;
        Bytes rec = src.frame(this);
        if (rec == null) {
            return null;
        }
        int rl = rec.getU16(io.github.itl4j.tlv.Tlv.HEADER_SIZE); // checked by frameSize
        if (rec.size() < rl) {
            throw new ItlFormatException(
                    String.format(
                            "Record %d declares RECORDLENGTH %d, but only %d bytes " + "remain in the file",
                            index + 1, rl, rec.size()),
                    offset,
                    RecordTags.RECORD_LENGTH);
        }
        ItlRecord r = ItlRecord.parse(rec, offset, index, warnings, cursor);
        if (!orderWarned && !r.followsALayout()) {
            orderWarned = true;
            warnings.add(new ItlWarning(
                    ItlWarning.Code.RECORD_TAG_ORDER,
                    "Record fields follow neither CUCM's nor certutils' order",
                    offset,
                    ItlException.NO_TAG,
                    index));
        }
        index++;
        return r;
    }

    @Override
    public int prefixSize() {
        return RecordTags.RECORD_LENGTH_SIZE;
    }

    /** The record-count limit, RECORDLENGTH, and for a stream (whose size is learned as it is read) the file size. */
    @Override
    public int frameSize(Bytes buf, int at, int available, long offset) throws ItlException {
        limits.checkRecordCount(index + 1L, offset);
        int rl = recordLength(buf, at, available, offset, index);
        if (stream) {
            limits.checkFileSize(offset + rl, offset);
        }
        return rl;
    }

    /** Checks the RECORDLENGTH TLV at {@code at} (of which {@code available} bytes exist) and returns its value. */
    private static int recordLength(Bytes b, int at, int available, long offset, int index) throws ItlFormatException {
        int size = RecordTags.RECORD_LENGTH_SIZE;
        if (available < size) {
            throw new ItlFormatException(
                    String.format(
                            "Truncated record %d: RECORDLENGTH needs %d bytes, only %d " + "remain",
                            index + 1, size, available),
                    offset,
                    RecordTags.RECORD_LENGTH);
        }
        if (b.getUnsigned(at) != RecordTags.RECORD_LENGTH || b.getU16(at + 1) != 2) {
            throw new ItlFormatException(
                    String.format(
                            "Record %d must start with RECORDLENGTH (tag 1, length 2); " + "found tag %d, length %d",
                            index + 1, b.getUnsigned(at), b.getU16(at + 1)),
                    offset,
                    b.getUnsigned(at));
        }
        int rl = b.getU16(at + io.github.itl4j.tlv.Tlv.HEADER_SIZE);
        if (rl < size) {
            throw new ItlFormatException(
                    "Record " + (index + 1) + " declares RECORDLENGTH " + rl + ", less than the " + size
                            + " bytes of RECORDLENGTH itself",
                    offset,
                    RecordTags.RECORD_LENGTH);
        }
        return rl;
    }
}
