package io.github.itl4j;

import java.util.List;
import java.util.Objects;

/**
 * An ITL or CTL trust list: header plus ordered records. Immutable and thread-safe. Two files are equal when their
 * headers and records are equal (where the bytes came from does not matter).
 *
 * <p>A file that was read keeps the bytes it was read from, so {@link #encoded()} and {@link #signedParts()} are the
 * original bytes, never a re-encoding.
 *
 * @since 0.1.0
 */
public final class ItlFile implements SignedFile {
    private final ItlHeader header;
    private final List<ItlRecord> records;
    private final List<ItlWarning> warnings;
    private volatile Bytes encoded;

    ItlFile(ItlHeader header, List<ItlRecord> records, List<ItlWarning> warnings, Bytes source) {
        this.header = Objects.requireNonNull(header, "header");
        this.records = List.copyOf(records);
        this.warnings = warnings.isEmpty() ? List.of() : List.copyOf(warnings);
        this.encoded = source;
    }

    /**
     * A new trust list from its parts.
     *
     * @param header the header
     * @param records the records in order
     * @return the file
     */
    public static ItlFile of(ItlHeader header, List<ItlRecord> records) {
        return new ItlFile(header, records, List.of(), null);
    }

    @Override
    public ItlHeader header() {
        return header;
    }

    /** @return the records in file order */
    public List<ItlRecord> records() {
        return records;
    }

    @Override
    public List<ItlWarning> warnings() {
        return warnings;
    }

    @Override
    public Bytes encoded() {
        Bytes b = encoded;
        if (b == null) {
            b = ItlWriter.encode(this);
            encoded = b;
        }
        return b;
    }

    /** @return the file size in bytes */
    public long size() {
        long n = header.length();
        for (ItlRecord r : records) {
            n += r.length();
        }
        return n;
    }

    @Override
    public ItlFile withSignature(Bytes signature) {
        return new ItlFile(header.withSignature(signature), records, List.of(), null);
    }

    /**
     * @param newHeader a header
     * @return a copy with that header and the same records
     */
    public ItlFile withHeader(ItlHeader newHeader) {
        return new ItlFile(newHeader, records, List.of(), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItlFile f && f.header.equals(header) && f.records.equals(records);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + records.hashCode();
    }

    @Override
    public String toString() {
        return "ItlFile[" + header.fileName().orElse("?") + ", " + records.size() + " records, " + size() + " bytes]";
    }
}
