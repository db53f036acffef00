package io.github.itl4j;

import io.github.itl4j.tlv.Tlv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads ITL/CTL trust lists and signed (.sgn) files. Immutable and thread-safe: configure once, share everywhere.
 *
 * <p>For any input, every method ends in a value or an {@link ItlException} ({@link ItlFormatException} for
 * malformed bytes, {@link ItlLimitException} for a limit); plain {@link IOException}s come only from the underlying
 * stream or file system. Parsing is strict about structure (lengths, containers, duplicates, fixed-size fields) and
 * lenient where phones are (unknown tags and roles, newer versions, unusual order: kept and reported as
 * {@link ItlWarning}s). Certificates are never decoded.
 *
 * <pre>{@code
 * ItlFile itl = ItlReader.defaults().readTrustList(Path.of("ITLFile.tlv"));
 * itl.records().forEach(r -> System.out.println(r.role() + " " + r.subjectName()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ItlReader {
    private static final ItlReader DEFAULT = new ItlReader(ItlLimits.defaults());

    private final ItlLimits limits;

    private ItlReader(ItlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return a reader with {@link ItlLimits#defaults()} */
    public static ItlReader defaults() {
        return DEFAULT;
    }

    /**
     * @param limits the limits to apply
     * @return a reader with those limits
     */
    public static ItlReader withLimits(ItlLimits limits) {
        return new ItlReader(limits);
    }

    /** @return the limits in force */
    public ItlLimits limits() {
        return limits;
    }

    /**
     * Whether a header FILENAME names a trust list: it ends in {@code .tlv} (ITLFile.tlv, CTLFile.tlv,
     * ITLSEP&lt;MAC&gt;.tlv), or there is no FILENAME. Anything else ({@code .sgn}, {@code .enc.sgn}, {@code .sha512})
     * has an opaque payload.
     *
     * @param fileName the header's FILENAME, or null
     * @return true for a trust list
     */
    public static boolean isTrustListName(String fileName) {
        return fileName == null || fileName.toLowerCase(Locale.ROOT).endsWith(".tlv");
    }

    /**
     * Reads a trust list or a signed file, chosen by the header's FILENAME ({@link #isTrustListName(String)}).
     *
     * @param data the whole file; not copied (its slices become the model's values)
     * @return an {@link ItlFile} or an {@link SgnFile}
     * @throws ItlException if malformed or over a limit
     */
    public SignedFile read(Bytes data) throws ItlException {
        ByteSource src = ByteSource.of(data);
        List<ItlWarning> warnings = new ArrayList<>();
        ItlHeader header = header(src, warnings);
        if (isTrustListName(header.fileName().orElse(null))) {
            limits.checkFileSize(data.size());
            return trustList(src, data, header, warnings);
        }
        return signed(data, header, warnings);
    }

    /** Reads the header of an in-memory file (whose source never throws a plain IOException). */
    private static ItlHeader header(ByteSource src, List<ItlWarning> warnings) throws ItlException {
        try {
            return HeaderParser.read(src, warnings);
        } catch (ItlException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an array source does not fail", e);
        }
    }

    /**
     * Reads a trust list (ITL/CTL).
     *
     * @param data the whole file; not copied
     * @return the file
     * @throws ItlException if malformed or over a limit
     */
    public ItlFile readTrustList(Bytes data) throws ItlException {
        limits.checkFileSize(data.size());
        ByteSource src = ByteSource.of(data);
        List<ItlWarning> warnings = new ArrayList<>();
        return trustList(src, data, header(src, warnings), warnings);
    }

    /**
     * Reads a signed file (.sgn): header plus opaque payload.
     *
     * @param data the whole file; not copied
     * @return the file
     * @throws ItlException if malformed or over a limit
     */
    public SgnFile readSigned(Bytes data) throws ItlException {
        List<ItlWarning> warnings = new ArrayList<>();
        return signed(data, header(ByteSource.of(data), warnings), warnings);
    }

    /**
     * Copies {@code data}, then {@link #read(Bytes)}.
     *
     * @param data the whole file
     * @return the file
     * @throws ItlException if malformed or over a limit
     */
    public SignedFile read(byte[] data) throws ItlException {
        return read(Bytes.copyOf(data));
    }

    /**
     * Reads a file from disk; its size is checked against the limits before it is loaded.
     *
     * @param path the file
     * @return the file
     * @throws ItlException if malformed or over a limit
     * @throws IOException if it cannot be read
     */
    public SignedFile read(Path path) throws IOException {
        return read(readBytes(path));
    }

    /**
     * Reads a trust list from disk.
     *
     * @param path the file
     * @return the file
     * @throws ItlException if malformed or over a limit
     * @throws IOException if it cannot be read
     */
    public ItlFile readTrustList(Path path) throws IOException {
        return readTrustList(BoundedReader.read(path, limits.maxFileSize(), ItlLimits.Limit.MAX_FILE_SIZE));
    }

    /**
     * Reads a signed file from disk.
     *
     * @param path the file
     * @return the file
     * @throws ItlException if malformed or over a limit
     * @throws IOException if it cannot be read
     */
    public SgnFile readSigned(Path path) throws IOException {
        return readSigned(BoundedReader.read(path, signedFileBound(), ItlLimits.Limit.MAX_PAYLOAD_SIZE));
    }

    /**
     * Reads a whole stream (not closed), at most the limits' worth, then {@link #read(Bytes)}.
     *
     * @param in the stream
     * @return the file
     * @throws ItlException if malformed or over a limit
     * @throws IOException from the stream
     */
    public SignedFile read(InputStream in) throws IOException {
        return read(BoundedReader.read(in, anyFileBound(), anyFileLimit()));
    }

    /**
     * Reads the bytes of one ITL/CTL/.sgn file from a stream (not closed) within these limits, parsing only the
     * header: for callers that need the raw bytes too (checksums, stripping, the CLI). The header says which limit
     * applies, so reading stops as soon as it is exceeded: {@link ItlLimits#maxFileSize()} for a trust list,
     * {@link ItlLimits#maxPayloadSize()} after the header for a signed file. Bytes that do not start with a readable
     * header are read up to the larger of both bounds (their parse then reports what is wrong).
     *
     * @param in the stream
     * @return the bytes
     * @throws ItlLimitException if the stream holds more than the limits allow
     * @throws IOException from the stream
     */
    public Bytes readBytes(InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(HeaderParser.PREFIX);
        Bytes head = Bytes.wrapOwned(prefix);
        ItlHeader header = null;
        try {
            int h = HeaderParser.headerLength(head, -1);
            byte[] hb = new byte[h];
            System.arraycopy(prefix, 0, hb, 0, prefix.length);
            int got = in.readNBytes(hb, prefix.length, h - prefix.length);
            head = Bytes.wrapOwned(hb).slice(0, prefix.length + got);
            if (head.size() == h) {
                header = HeaderParser.parse(head, new ArrayList<>());
            }
        } catch (ItlFormatException e) {
            header = null; // not a readable header: bound by the larger limit; the parse will say what is wrong
        }
        InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head.toByteArray()), in);
        if (header == null) {
            return BoundedReader.read(all, anyFileBound(), anyFileLimit());
        }
        if (isTrustListName(header.fileName().orElse(null))) {
            return BoundedReader.read(all, limits.maxFileSize(), ItlLimits.Limit.MAX_FILE_SIZE);
        }
        long h = header.length();
        try {
            return BoundedReader.read(all, h + limits.maxPayloadSize(), ItlLimits.Limit.MAX_PAYLOAD_SIZE);
        } catch (ItlLimitException e) {
            throw new ItlLimitException(ItlLimits.Limit.MAX_PAYLOAD_SIZE, limits.maxPayloadSize(), e.actual() - h, h);
        }
    }

    /**
     * Reads the bytes of one ITL/CTL/.sgn file from disk within the limits, as {@link #readBytes(InputStream)}; the
     * size is checked before anything is allocated, and the file is read in one copy.
     *
     * @param path the file
     * @return the bytes
     * @throws ItlLimitException if the file is larger
     * @throws IOException if it cannot be read
     */
    public Bytes readBytes(Path path) throws IOException {
        return BoundedReader.read(path, anyFileBound(), anyFileLimit());
    }

    /**
     * Reads a whole stream (not closed) as a trust list.
     *
     * @param in the stream
     * @return the file
     * @throws ItlException if malformed or over a limit
     * @throws IOException from the stream
     */
    public ItlFile readTrustList(InputStream in) throws IOException {
        return readTrustList(BoundedReader.read(in, limits.maxFileSize(), ItlLimits.Limit.MAX_FILE_SIZE));
    }

    /**
     * Opens a streaming reader: header first, then one record at a time, holding at most one record in memory.
     *
     * @param in the stream; closed when the reader is closed
     * @return the reader, with the header already read
     * @throws ItlException if the header is malformed
     * @throws IOException from the stream
     */
    public ItlStreamReader stream(InputStream in) throws IOException {
        return new ItlStreamReader(in, limits);
    }

    /** A signed file is at most a 65535-byte header plus maxPayloadSize. */
    private long signedFileBound() {
        return limits.maxPayloadSize() + Tlv.MAX_VALUE_LENGTH;
    }

    /** Before the header says which kind of file it is, the larger of both bounds applies. */
    private long anyFileBound() {
        return Math.max(limits.maxFileSize(), signedFileBound());
    }

    /** The setting that {@link #anyFileBound()} comes from, for the exception to name. */
    private ItlLimits.Limit anyFileLimit() {
        return limits.maxFileSize() >= signedFileBound()
                ? ItlLimits.Limit.MAX_FILE_SIZE
                : ItlLimits.Limit.MAX_PAYLOAD_SIZE;
    }

    private ItlFile trustList(ByteSource src, Bytes data, ItlHeader header, List<ItlWarning> warnings)
            throws ItlException {
        versionWarning(header, Version.V1_2, warnings);
        RecordParser parser = new RecordParser(limits, warnings);
        ItlRecord[] records = new ItlRecord[recordCount(data, header.length())];
        int n = 0;
        try {
            for (ItlRecord r; (r = parser.next(src)) != null; ) {
                if (n == records.length) { // more than counted: cannot happen, as the count frames like the parser
                    records = Arrays.copyOf(records, n + 1 + n / 2);
                }
                records[n++] = r;
            }
        } catch (ItlException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an array source does not fail", e);
        }
        return new ItlFile(header, List.of(n == records.length ? records : Arrays.copyOf(records, n)), warnings, data);
    }

    /**
     * Counts the records of an in-memory trust list by their RECORDLENGTH alone, so the list of records is made at
     * its size: at most {@link ItlLimits#maxRecords()}, and no further than a RECORDLENGTH that the parser rejects.
     */
    private int recordCount(Bytes data, int from) {
        int n = 0;
        int max = limits.maxRecords();
        for (int pos = from, size = data.size(); n < max && size - pos >= RecordTags.RECORD_LENGTH_SIZE; n++) {
            int rl = data.getU16(pos + Tlv.HEADER_SIZE);
            if (rl < RecordTags.RECORD_LENGTH_SIZE) {
                break;
            }
            pos += rl;
        }
        return n;
    }

    private SgnFile signed(Bytes data, ItlHeader header, List<ItlWarning> warnings) throws ItlException {
        long payload = (long) data.size() - header.length();
        limits.checkPayloadSize(payload, header.length());
        versionWarning(header, Version.V2_0, warnings);
        return new SgnFile(header, data.slice(header.length(), (int) payload), warnings, data);
    }

    static void versionWarning(ItlHeader header, Version newest, List<ItlWarning> warnings) {
        Version v = header.version();
        if (v.compareTo(newest) > 0) {
            warnings.add(new ItlWarning(
                    ItlWarning.Code.NEWER_VERSION,
                    "Header version " + v + " is newer than the " + newest + " this library knows; read as " + newest,
                    0,
                    HeaderTags.VERSION,
                    -1));
        }
    }
}
