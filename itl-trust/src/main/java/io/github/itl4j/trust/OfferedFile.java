package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.FileType;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A file offered to the phone: an ITL, a CTL, a signed file, an encrypted signed file or a plain payload, parsed
 * within the reader's limits. Reading never throws for bad content: a malformed file is kept with its
 * {@linkplain #parseError() parse error}, and simulating it gives a REJECT with a {@code PARSE} rule. Immutable.
 *
 * @since 0.1.0
 */
public final class OfferedFile {
    private final String name;
    private final FileKind kind;
    private final Bytes data;
    private final SignedFile signed;
    private final String parseError;
    private final boolean overLimit;

    private OfferedFile(String name, FileKind kind, Bytes data, SignedFile signed, String parseError) {
        this(name, kind, data, signed, parseError, false);
    }

    private OfferedFile(
            String name, FileKind kind, Bytes data, SignedFile signed, String parseError, boolean overLimit) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.data = Objects.requireNonNull(data, "data");
        this.signed = signed;
        this.parseError = parseError;
        this.overLimit = overLimit;
    }

    /**
     * Reads a file's bytes, deciding its kind (docs/trust.md §3.1, §3.2): bytes that start like a signed header are
     * read as a trust list or a signed file (FILENAME header), trust lists are ITL or CTL by FILENAME, file name, then
     * content; a {@code .enc.sgn} name makes an encrypted signed file; anything else that looks like text (XML) is a
     * plain payload.
     *
     * @param name the file name (used for the kind and in reports)
     * @param data the bytes; not copied
     * @param limits the reader limits
     * @return the offered file, parsed or with its parse error
     */
    public static OfferedFile read(String name, Bytes data, ItlLimits limits) {
        return read(name, data, limits, null);
    }

    /**
     * As {@link #read(String, Bytes, ItlLimits)}, with the kind given ({@code --kind}); null to detect it.
     *
     * @param name the file name
     * @param data the bytes; not copied
     * @param limits the reader limits
     * @param kind the kind, or null
     * @return the offered file
     */
    public static OfferedFile read(String name, Bytes data, ItlLimits limits, FileKind kind) {
        Objects.requireNonNull(data, "data");
        String lower = name.toLowerCase(Locale.ROOT);
        if (kind == FileKind.PLAIN) {
            return new OfferedFile(name, FileKind.PLAIN, data, null, null);
        }
        boolean looksSigned = data.size() >= 3 && data.get(0) == 1 && data.getU16(1) == 2;
        if (!looksSigned) {
            FileKind guess = kind != null ? kind : guessByName(lower).orElse(null);
            if (guess == null && looksLikeText(data)) {
                return new OfferedFile(name, FileKind.PLAIN, data, null, null);
            }
            return new OfferedFile(
                    name,
                    guess == null ? FileKind.PLAIN : guess,
                    data,
                    null,
                    data.isEmpty()
                            ? "the file is empty (0 bytes); phones ignore it"
                            : "the file does not start with a signed header (tag 1 VERSION, length 2) and is not "
                                    + "a text payload" + FileType.hint(data));
        }
        try {
            ItlReader r = ItlReader.withLimits(limits);
            SignedFile f;
            if (kind == FileKind.ITL || kind == FileKind.CTL) {
                f = r.readTrustList(data);
            } else if (kind == FileKind.SGN || kind == FileKind.ENC_SGN) {
                limits.checkFileSize(data.size());
                f = r.readSigned(data);
            } else {
                limits.checkFileSize(data.size());
                f = r.read(data);
            }
            FileKind k = kind;
            if (k == null) {
                if (f instanceof ItlFile itl) {
                    k = InstalledList.kindOf(itl, name);
                } else {
                    String fn = f.header().fileName().orElse("").toLowerCase(Locale.ROOT);
                    k = lower.endsWith(".enc.sgn") || fn.endsWith(".enc.sgn") ? FileKind.ENC_SGN : FileKind.SGN;
                }
            }
            return new OfferedFile(name, k, data, f, null);
        } catch (ItlLimitException e) {
            return new OfferedFile(
                    name,
                    kind != null ? kind : guessByName(lower).orElse(FileKind.ITL),
                    data,
                    null,
                    e.getMessage(),
                    true);
        } catch (ItlException e) {
            return new OfferedFile(
                    name, kind != null ? kind : guessByName(lower).orElse(FileKind.ITL), data, null, e.getMessage());
        } catch (RuntimeException e) {
            return new OfferedFile(
                    name,
                    kind != null ? kind : guessByName(lower).orElse(FileKind.ITL),
                    data,
                    null,
                    "unreadable: " + e);
        }
    }

    /**
     * @param file a trust list already read
     * @param name its file name (for the kind and reports)
     * @return the offered file
     */
    public static OfferedFile of(ItlFile file, String name) {
        return new OfferedFile(name, InstalledList.kindOf(file, name), file.encoded(), file, null);
    }

    /**
     * @param file a signed file already read
     * @param name its file name
     * @return the offered file ({@link FileKind#ENC_SGN} if the name or FILENAME ends in {@code .enc.sgn})
     */
    public static OfferedFile of(SgnFile file, String name) {
        String fn = file.header().fileName().orElse("").toLowerCase(Locale.ROOT);
        boolean enc = name.toLowerCase(Locale.ROOT).endsWith(".enc.sgn") || fn.endsWith(".enc.sgn");
        return new OfferedFile(name, enc ? FileKind.ENC_SGN : FileKind.SGN, file.encoded(), file, null);
    }

    /**
     * @param name the file name, e.g. {@code SEP001122334455.cnf.xml}
     * @param data the payload
     * @return a plain (unsigned) offered file
     */
    public static OfferedFile plain(String name, Bytes data) {
        return new OfferedFile(name, FileKind.PLAIN, data, null, null);
    }

    private static Optional<FileKind> guessByName(String lower) {
        if (lower.endsWith(".enc.sgn")) {
            return Optional.of(FileKind.ENC_SGN);
        }
        if (lower.endsWith(".sgn")) {
            return Optional.of(FileKind.SGN);
        }
        if (lower.endsWith(".tlv")) {
            return InstalledList.kindOfName(lower).or(() -> Optional.of(FileKind.ITL));
        }
        return Optional.empty();
    }

    private static boolean looksLikeText(Bytes d) {
        int n = Math.min(d.size(), 512);
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = d.getUnsigned(i);
            if (c == '<') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** @return the file name */
    public String name() {
        return name;
    }

    /** @return the kind */
    public FileKind kind() {
        return kind;
    }

    /** @return the bytes */
    public Bytes data() {
        return data;
    }

    /** @return the size in bytes */
    public long size() {
        return data.size();
    }

    /** @return the parsed file, for ITL, CTL, SGN and ENC_SGN that parsed */
    public Optional<SignedFile> signed() {
        return Optional.ofNullable(signed);
    }

    /** @return true if the file could not be read because it exceeds the reader's limits (size, records) */
    public boolean isOverLimit() {
        return overLimit;
    }

    /** @return why the file could not be read, if it could not */
    public Optional<String> parseError() {
        return Optional.ofNullable(parseError);
    }

    @Override
    public String toString() {
        return "OfferedFile[" + name + ", " + kind + ", " + data.size() + " bytes"
                + (parseError != null ? ", malformed" : "") + "]";
    }
}
