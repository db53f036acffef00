package io.github.itl4j.audit;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.trust.FileKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of the known-file catalogue (docs/audit.md): its label, kind, whole-file digests, record digest (SHA-1
 * of the bytes after the header, shared by a file and its reset or re-signed twin) and parsed model, or only the
 * digests a {@code show itl} capture or {@code --known-hash} gave. Immutable.
 *
 * @since 0.1.0
 */
public final class KnownFile {
    private final KnownLabel label;
    private final String name;
    private final FileKind kind;
    private final String mac;
    private final long size;
    private final Map<Checksums.Algorithm, String> digests;
    private final String recordDigest;
    private final ItlFile parsed;
    private final String parseError;

    KnownFile(
            KnownLabel label,
            String name,
            FileKind kind,
            String mac,
            long size,
            Map<Checksums.Algorithm, String> digests,
            String recordDigest,
            ItlFile parsed,
            String parseError) {
        this.label = Objects.requireNonNull(label, "label");
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.mac = mac;
        this.size = size;
        EnumMap<Checksums.Algorithm, String> d = new EnumMap<>(Checksums.Algorithm.class);
        d.putAll(digests);
        this.digests = Collections.unmodifiableMap(d);
        this.recordDigest = recordDigest;
        this.parsed = parsed;
        this.parseError = parseError;
    }

    /**
     * A file with its bytes: every digest and, when it parses as a trust list, the record digest and model.
     *
     * @param label the label
     * @param name its name (the path relative to the known directory, or as given)
     * @param kind ITL or CTL (docs/trust.md §3.1), decided by the caller
     * @param mac the MAC of a per-device file {@code ITLSEP<MAC>.tlv} (upper case), or null
     * @param data the bytes
     * @param parsed the trust list read from them, or null if they do not parse
     * @param parseError why they do not parse, or null
     * @return the known file
     */
    static KnownFile of(
            KnownLabel label, String name, FileKind kind, String mac, Bytes data, ItlFile parsed, String parseError) {
        Checksums c = Checksums.of(data);
        Map<Checksums.Algorithm, String> d = new EnumMap<>(Checksums.Algorithm.class);
        for (Checksums.Algorithm a : Checksums.Algorithm.values()) {
            d.put(a, c.get(a).toHex());
        }
        String rec = null;
        if (parsed != null) {
            int h = parsed.header().length();
            rec = Checksums.of(data.slice(h, data.size() - h), java.util.EnumSet.of(Checksums.Algorithm.SHA1))
                    .sha1()
                    .toHex();
        }
        return new KnownFile(label, name, kind, mac, data.size(), d, rec, parsed, parseError);
    }

    /** @return the label */
    public KnownLabel label() {
        return label;
    }

    /** @return the name (relative path, file name or the hash's origin) */
    public String name() {
        return name;
    }

    /** @return ITL or CTL */
    public FileKind kind() {
        return kind;
    }

    /** @return the MAC of a per-device file, matched only for that phone */
    public Optional<String> mac() {
        return Optional.ofNullable(mac);
    }

    /** @return the size in bytes, or -1 when only digests are known */
    public long size() {
        return size;
    }

    /** @return the whole-file digests known, lower-case hex by algorithm */
    public Map<Checksums.Algorithm, String> digests() {
        return digests;
    }

    /** @return SHA-1 of the bytes from HEADERLENGTH to the end, when the file was given and parses */
    public Optional<String> recordDigest() {
        return Optional.ofNullable(recordDigest);
    }

    /** @return the trust list, when the file was given and parses */
    public Optional<ItlFile> parsed() {
        return Optional.ofNullable(parsed);
    }

    /** @return why the file does not parse, if it was given and does not */
    public Optional<String> parseError() {
        return Optional.ofNullable(parseError);
    }

    @Override
    public String toString() {
        return label + " " + kind + " " + name;
    }
}
