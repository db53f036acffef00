package io.github.itl4j;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a trust list from a stream: the header when opened, then one record per {@link #nextRecord()}, holding at
 * most one record in memory. Optionally feeds every signed byte (the whole file except the SIGNATURE TLV, FORMAT.md
 * section 5) to a sink as it goes, so a verifier can digest a file of any size in one pass.
 *
 * <p>Single-threaded. Obtain one from {@link ItlReader#stream(InputStream)}.
 *
 * <pre>{@code
 * try (ItlStreamReader r = ItlReader.defaults().stream(in)) {
 *     MessageDigest md = MessageDigest.getInstance("SHA-1");
 *     r.signedBytesTo(b -> b.feed(md::update));
 *     for (ItlRecord rec; (rec = r.nextRecord()) != null; ) { ... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ItlStreamReader implements Closeable {
    private final InputStream in;
    private final ItlLimits limits;
    private final ItlHeader header;
    private final Bytes headerBytes;
    private final List<ItlWarning> warnings = new ArrayList<>();
    private Consumer<Bytes> sink;
    private long offset;
    private int index;
    private boolean done;
    private boolean orderWarned;

    ItlStreamReader(InputStream in, ItlLimits limits) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        this.limits = limits;
        byte[] prefix = new byte[HeaderParser.PREFIX];
        int n = in.readNBytes(prefix, 0, prefix.length);
        int h = HeaderParser.headerLength(Bytes.wrapOwned(prefix).slice(0, n), -1);
        byte[] hb = new byte[h];
        System.arraycopy(prefix, 0, hb, 0, HeaderParser.PREFIX);
        int got = in.readNBytes(hb, HeaderParser.PREFIX, h - HeaderParser.PREFIX);
        if (got != h - HeaderParser.PREFIX) {
            // same offset and tag as HeaderParser.headerLength reports when the file size is known
            throw new ItlFormatException("HEADERLENGTH " + h + " exceeds the file size " + (HeaderParser.PREFIX + got),
                    8, HeaderTags.HEADER_LENGTH);
        }
        headerBytes = Bytes.wrapOwned(hb);
        header = HeaderParser.parse(headerBytes, warnings);
        ItlReader.versionWarning(header, Version.V1_2, warnings);
        offset = h;
    }

    /** @return the header */
    public ItlHeader header() {
        return header;
    }

    /**
     * Sends the signed bytes to {@code sink}: the header's signed bytes at once, then each record's bytes as it is
     * read. Call before the first {@link #nextRecord()}.
     *
     * @param sink receives views of the signed bytes, in file order
     * @throws IllegalStateException if records were already read or a sink is set
     */
    public void signedBytesTo(Consumer<Bytes> sink) {
        if (index > 0 || this.sink != null) {
            throw new IllegalStateException("set the sink once, before reading records");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        int off = header.signatureOffset();
        if (off < 0) {
            sink.accept(headerBytes);
        } else {
            int end = off + 3 + header.signatureLength();
            sink.accept(headerBytes.slice(0, off));
            sink.accept(headerBytes.slice(end, headerBytes.size() - end));
        }
    }

    /**
     * @return the next record, or null at the end of the file
     * @throws ItlException if the record is malformed, truncated, or over a limit
     * @throws IOException from the stream
     */
    public ItlRecord nextRecord() throws IOException {
        if (done) {
            return null;
        }
        byte[] prefix = new byte[5];
        int n = in.readNBytes(prefix, 0, 5);
        if (n == 0) {
            done = true;
            return null;
        }
        if (index >= limits.maxRecords()) {
            throw new ItlLimitException("maxRecords", limits.maxRecords(), index + 1L, offset);
        }
        int rl = ItlReader.recordLength(Bytes.wrapOwned(prefix).slice(0, n), offset, index);
        if (offset + rl > limits.maxFileSize()) {
            throw new ItlLimitException("maxFileSize", limits.maxFileSize(), offset + rl, offset);
        }
        byte[] rec = new byte[rl];
        System.arraycopy(prefix, 0, rec, 0, 5);
        int got = in.readNBytes(rec, 5, rl - 5);
        if (got != rl - 5) {
            throw new ItlFormatException(String.format("Record %d declares RECORDLENGTH %d, but the file ends "
                    + "after %d of its bytes", index + 1, rl, got + 5), offset, RecordTags.RECORD_LENGTH);
        }
        Bytes b = Bytes.wrapOwned(rec);
        ItlRecord r = ItlRecord.parse(b, offset, index, warnings);
        if (!orderWarned && r.layout().isEmpty()) {
            orderWarned = true;
            warnings.add(new ItlWarning(ItlWarning.Code.RECORD_TAG_ORDER,
                    "Record fields follow neither CUCM's nor certutils' order", offset, ItlException.NO_TAG, index));
        }
        if (sink != null) {
            sink.accept(b);
        }
        offset += rl;
        index++;
        return r;
    }

    /** @return bytes consumed so far */
    public long offset() {
        return offset;
    }

    /** @return records read so far */
    public int recordCount() {
        return index;
    }

    /** @return warnings so far (header, and records read so far) */
    public List<ItlWarning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
