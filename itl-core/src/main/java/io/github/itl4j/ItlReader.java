package io.github.itl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        int h = HeaderParser.headerLength(data, data.size());
        List<ItlWarning> warnings = new ArrayList<>();
        ItlHeader header = HeaderParser.parse(data.slice(0, h), warnings);
        if (isTrustListName(header.fileName().orElse(null))) {
            return trustList(data, header, warnings);
        }
        return signed(data, header, warnings);
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
        int h = HeaderParser.headerLength(data, data.size());
        List<ItlWarning> warnings = new ArrayList<>();
        return trustList(data, HeaderParser.parse(data.slice(0, h), warnings), warnings);
    }

    /**
     * Reads a signed file (.sgn): header plus opaque payload.
     *
     * @param data the whole file; not copied
     * @return the file
     * @throws ItlException if malformed or over a limit
     */
    public SgnFile readSigned(Bytes data) throws ItlException {
        int h = HeaderParser.headerLength(data, data.size());
        List<ItlWarning> warnings = new ArrayList<>();
        return signed(data, HeaderParser.parse(data.slice(0, h), warnings), warnings);
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
        return read(load(path, anyFileBound(), anyFileLimitName()));
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
        return readTrustList(load(path, limits.maxFileSize(), "maxFileSize"));
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
        return readSigned(load(path, signedFileBound(), "maxPayloadSize"));
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
        return read(readBounded(in, anyFileBound(), anyFileLimitName()));
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
        return readTrustList(readBounded(in, limits.maxFileSize(), "maxFileSize"));
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
        return limits.maxPayloadSize() + 0xFFFF;
    }

    /** Before the header says which kind of file it is, the larger of both bounds applies. */
    private long anyFileBound() {
        return Math.max(limits.maxFileSize(), signedFileBound());
    }

    /** The setting that {@link #anyFileBound()} comes from, for the exception to name. */
    private String anyFileLimitName() {
        return limits.maxFileSize() >= signedFileBound() ? "maxFileSize" : "maxPayloadSize";
    }

    private static Bytes load(Path path, long max, String limitName) throws IOException {
        long size = Files.size(path);
        if (size > max) {
            throw new ItlLimitException(limitName, max, size, ItlException.NO_OFFSET);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in, max, limitName);
        }
    }

    static Bytes readBounded(InputStream in, long max, String limitName) throws IOException {
        byte[] buf = new byte[8192];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > max) {
                    break;
                }
                long grow = Math.min((long) buf.length * 2, Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (grow <= n) {
                    break;
                }
                buf = java.util.Arrays.copyOf(buf, (int) grow);
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Bytes.wrapOwned(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
            }
            n += r;
            if (n > max) {
                break;
            }
        }
        throw new ItlLimitException(limitName, max, n, ItlException.NO_OFFSET);
    }

    private ItlFile trustList(Bytes data, ItlHeader header, List<ItlWarning> warnings) throws ItlException {
        limits.checkFileSize(data.size());
        versionWarning(header, Version.V1_2, warnings);
        List<ItlRecord> records = new ArrayList<>(8);
        int size = data.size();
        int pos = header.length();
        boolean orderWarned = false;
        while (pos < size) {
            int index = records.size();
            if (index >= limits.maxRecords()) {
                throw new ItlLimitException("maxRecords", limits.maxRecords(), index + 1L, pos);
            }
            int rl = recordLength(data.slice(pos, Math.min(5, size - pos)), pos, index);
            if (rl > size - pos) {
                throw new ItlFormatException(String.format("Record %d declares RECORDLENGTH %d, but only %d bytes "
                        + "remain in the file", index + 1, rl, size - pos), pos, RecordTags.RECORD_LENGTH);
            }
            ItlRecord rec = ItlRecord.parse(data.slice(pos, rl), pos, index, warnings);
            if (!orderWarned && rec.layout().isEmpty()) {
                orderWarned = true;
                warnings.add(new ItlWarning(ItlWarning.Code.RECORD_TAG_ORDER,
                        "Record fields follow neither CUCM's nor certutils' order", pos, ItlException.NO_TAG, index));
            }
            records.add(rec);
            pos += rl;
        }
        return new ItlFile(header, records, warnings, data);
    }

    /** Checks the 5-byte RECORDLENGTH TLV at the start of a record and returns its value. */
    static int recordLength(Bytes prefix, long offset, int index) throws ItlFormatException {
        if (prefix.size() < 5) {
            throw new ItlFormatException(String.format("Truncated record %d: RECORDLENGTH needs 5 bytes, only %d "
                    + "remain", index + 1, prefix.size()), offset, RecordTags.RECORD_LENGTH);
        }
        if (prefix.getUnsigned(0) != RecordTags.RECORD_LENGTH || prefix.getU16(1) != 2) {
            throw new ItlFormatException(String.format("Record %d must start with RECORDLENGTH (tag 1, length 2); "
                    + "found tag %d, length %d", index + 1, prefix.getUnsigned(0), prefix.getU16(1)), offset,
                    prefix.getUnsigned(0));
        }
        int rl = prefix.getU16(3);
        if (rl < 5) {
            throw new ItlFormatException("Record " + (index + 1) + " declares RECORDLENGTH " + rl
                    + ", less than the 5 bytes of RECORDLENGTH itself", offset, RecordTags.RECORD_LENGTH);
        }
        return rl;
    }

    private SgnFile signed(Bytes data, ItlHeader header, List<ItlWarning> warnings) throws ItlException {
        long payload = (long) data.size() - header.length();
        if (payload > limits.maxPayloadSize()) {
            throw new ItlLimitException("maxPayloadSize", limits.maxPayloadSize(), payload, header.length());
        }
        versionWarning(header, Version.V2_0, warnings);
        return new SgnFile(header, data.slice(header.length(), (int) payload), warnings, data);
    }

    static void versionWarning(ItlHeader header, Version newest, List<ItlWarning> warnings) {
        Version v = header.version();
        if (v.compareTo(newest) > 0) {
            warnings.add(new ItlWarning(ItlWarning.Code.NEWER_VERSION, "Header version " + v
                    + " is newer than the " + newest + " this library knows; read as " + newest, 0,
                    HeaderTags.VERSION, -1));
        }
    }
}
