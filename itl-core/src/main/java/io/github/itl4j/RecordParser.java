package io.github.itl4j;

import java.io.IOException;
import java.util.List;

/**
 * Reads the records of a trust list, one at a time, from a {@link ByteSource} (FORMAT.md section 4): RECORDLENGTH
 * framing, the record-count and file-size limits, the record's own checks ({@link ItlRecord#parse}) and the
 * field-order warning. Beside {@link HeaderParser}; used by {@link ItlReader} and {@link ItlStreamReader} alike.
 */
final class RecordParser {
    private final ItlLimits limits;
    private final List<ItlWarning> warnings;
    private int index;
    private boolean orderWarned;

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
        Bytes prefix = src.read(RecordTags.RECORD_LENGTH_SIZE);
        if (prefix.isEmpty()) {
            return null;
        }
        limits.checkRecordCount(index + 1L, offset);
        int rl = recordLength(prefix, offset, index);
        if (src.size() < 0) {
            // a stream's size is learned as it is read: bound it before allocating the record
            limits.checkFileSize(offset + rl, offset);
        }
        Bytes rec = src.extend(prefix, rl);
        if (rec.size() < rl) {
            throw new ItlFormatException(String.format("Record %d declares RECORDLENGTH %d, but only %d bytes "
                    + "remain in the file", index + 1, rl, rec.size()), offset, RecordTags.RECORD_LENGTH);
        }
        ItlRecord r = ItlRecord.parse(rec, offset, index, warnings);
        if (!orderWarned && r.layout().isEmpty()) {
            orderWarned = true;
            warnings.add(new ItlWarning(ItlWarning.Code.RECORD_TAG_ORDER,
                    "Record fields follow neither CUCM's nor certutils' order", offset, ItlException.NO_TAG, index));
        }
        index++;
        return r;
    }

    /** Checks the RECORDLENGTH TLV at the start of a record and returns its value. */
    static int recordLength(Bytes prefix, long offset, int index) throws ItlFormatException {
        int size = RecordTags.RECORD_LENGTH_SIZE;
        if (prefix.size() < size) {
            throw new ItlFormatException(String.format("Truncated record %d: RECORDLENGTH needs %d bytes, only %d "
                    + "remain", index + 1, size, prefix.size()), offset, RecordTags.RECORD_LENGTH);
        }
        if (prefix.getUnsigned(0) != RecordTags.RECORD_LENGTH || prefix.getU16(1) != 2) {
            throw new ItlFormatException(String.format("Record %d must start with RECORDLENGTH (tag 1, length 2); "
                    + "found tag %d, length %d", index + 1, prefix.getUnsigned(0), prefix.getU16(1)), offset,
                    prefix.getUnsigned(0));
        }
        int rl = prefix.getU16(io.github.itl4j.tlv.Tlv.HEADER_SIZE);
        if (rl < size) {
            throw new ItlFormatException("Record " + (index + 1) + " declares RECORDLENGTH " + rl
                    + ", less than the " + size + " bytes of RECORDLENGTH itself", offset, RecordTags.RECORD_LENGTH);
        }
        return rl;
    }
}
