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
 * most one record in memory. Optionally feeds every signed byte (the whole file except the SIGNATURE TLV,
 * docs/format.md §5.1) to a sink as it goes, so a verifier can digest a file of any size in one pass.
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
    private final ByteSource src;
    private final ItlHeader header;
    private final Bytes headerBytes;
    private final List<ItlWarning> warnings = new ArrayList<>();
    private final RecordParser records;
    private Consumer<Bytes> sink;
    private boolean done;

    ItlStreamReader(InputStream in, ItlLimits limits) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        this.src = ByteSource.of(in);
        header = HeaderParser.read(src, warnings);
        headerBytes = header.encode(); // the bytes it was read from
        ItlReader.versionWarning(header, Version.V1_2, warnings);
        records = new RecordParser(limits, warnings);
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
        if (records.count() > 0 || this.sink != null) {
            throw new IllegalStateException("set the sink once, before reading records");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        HeaderParser.signedParts(headerBytes, header).forEach(sink);
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
        ItlRecord r = records.next(src);
        if (r == null) {
            done = true;
            return null;
        }
        if (sink != null) {
            sink.accept(r.encoded());
        }
        return r;
    }

    /** @return bytes consumed so far */
    public long offset() {
        return src.offset();
    }

    /** @return records read so far */
    public int recordCount() {
        return records.count();
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
