package io.github.itl4j.audit;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.OfferedFile;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The known-file catalogue (docs/audit.md): every ITL/CTL CUCM served (or a {@code show itl} capture of it),
 * labelled {@code node:generation[:cluster]}, indexed by MD5, SHA-1, SHA-256 and SHA-512 of the whole file and by the
 * diagnostic forms of docs/audit.md (MD5 and SHA-1 of the SIGNATURE value, its first 16 and 20 bytes). A lookup
 * is one hash-map access. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * KnownCatalogue c = KnownCatalogue.builder()
 *         .addFile(KnownLabel.parse("pub:current"), Path.of("ITLFile-reset.tlv"))
 *         .addFile(KnownLabel.parse("pub:previous"), Path.of("ITLFile.tlv"))
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KnownCatalogue {
    /** Files under a known directory read at most (hostile directories). */
    public static final int MAX_DIRECTORY_FILES = 10_000;

    private static final Pattern PER_DEVICE = Pattern.compile("(?i)(?:ITL|CTL)SEP([0-9A-F]{12})\\.tlv");
    private static final Pattern SHOW_ITL_SUM = Pattern.compile(
            "(?i)\\b([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})\\s*\\((MD5|SHA-?1|SHA-?256|SHA-?512)\\)");

    /**
     * How a reported value matched a known file.
     *
     * @param file the known file
     * @param algorithm the algorithm of the reported value
     * @param form {@code file} for a whole-file digest; else the diagnostic form, e.g. {@code SHA-1(SIGNATURE)}
     * @since 0.1.0
     */
    public record Hit(KnownFile file, Checksums.Algorithm algorithm, String form) {
        /** The form of a whole-file digest. */
        public static final String FILE = "file";

        /**
         * Validates the arguments.
         *
         * @param file the file
         * @param algorithm the algorithm
         * @param form the form
         */
        public Hit {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(form, "form");
        }

        /** @return whether the match is a diagnostic form (never CURRENT) */
        public boolean isDiagnostic() {
            return !form.equals(FILE);
        }
    }

    private final List<KnownFile> files;
    private final Map<String, List<Hit>> index;
    private final List<String> problems;

    private KnownCatalogue(List<KnownFile> files, Map<String, List<Hit>> index, List<String> problems) {
        this.files = List.copyOf(files);
        this.index = index;
        this.problems = List.copyOf(problems);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the known files, in the order added */
    public List<KnownFile> files() {
        return files;
    }

    /** @return what could not be read while building (skipped files), one line each */
    public List<String> problems() {
        return problems;
    }

    /**
     * @param value a normalised value
     * @return the files it matches, whole-file digests first; empty when it is not a digest or matches nothing
     */
    public List<Hit> lookup(ReportedValue value) {
        if (!value.isDigest()) {
            return List.of();
        }
        return index.getOrDefault(value.hex(), List.of());
    }

    /**
     * @param kind ITL or CTL
     * @return the current files of the audited cluster of that kind
     */
    public List<KnownFile> current(FileKind kind) {
        List<KnownFile> out = new ArrayList<>();
        for (KnownFile f : files) {
            if (f.kind() == kind && f.label().isCurrent() && !f.label().isForeign()) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Builds a {@link KnownCatalogue}. Mutable, not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final List<KnownFile> files = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private ItlLimits limits = ItlLimits.defaults();

        private Builder() {}

        /**
         * @param l the limits files are read within (file size, records)
         * @return this builder
         */
        public Builder limits(ItlLimits l) {
            limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /**
         * Adds a file from its bytes.
         *
         * @param label its label
         * @param name its name (the kind and a per-device MAC come from it when the header does not say)
         * @param data its bytes
         * @return this builder
         */
        public Builder addFile(KnownLabel label, String name, Bytes data) {
            OfferedFile o = OfferedFile.read(name, data, limits);
            FileKind kind = o.kind() == FileKind.CTL ? FileKind.CTL : FileKind.ITL;
            ItlFile parsed = o.signed().orElse(null) instanceof ItlFile f ? f : null;
            String error = o.parseError().orElse(parsed == null && o.signed().isPresent() ? "not a trust list" : null);
            String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            Matcher m = PER_DEVICE.matcher(base);
            String mac = m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : null;
            files.add(KnownFile.of(label, name, kind, mac, data, parsed, error));
            return this;
        }

        /**
         * Adds a file from disk, read within the file-size limit.
         *
         * @param label its label
         * @param file the path
         * @return this builder
         * @throws IOException if it cannot be read or is larger than the limit
         */
        public Builder addFile(KnownLabel label, Path file) throws IOException {
            Bytes data = BoundedReader.read(file, limits.maxFileSize(), ItlLimits.Limit.MAX_FILE_SIZE);
            return addFile(label, file.toString(), data);
        }

        /**
         * Adds every regular file of a directory laid out as labels: {@code NODE/GENERATION/FILE} for the audited
         * cluster, {@code NODE/GENERATION/CLUSTER/FILE} for another cluster (e.g. {@code pub/current/ITLFile.tlv},
         * {@code pub/previous/ITLFile.tlv}, {@code pub/current/clusterB/ITLFile.tlv}). Symbolic links are not
         * followed; files at other depths, unreadable or too large are skipped and listed in {@link #problems()}.
         *
         * @param dir the directory
         * @return this builder
         * @throws IOException if the directory cannot be listed
         */
        public Builder addDirectory(Path dir) throws IOException {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.NotDirectoryException(dir.toString());
            }
            List<Path> found = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir, 4, new FileVisitOption[0])) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .sorted()
                        .forEach(p -> {
                            if (found.size() <= MAX_DIRECTORY_FILES) {
                                found.add(p);
                            }
                        });
            }
            if (found.size() > MAX_DIRECTORY_FILES) {
                throw new IOException(dir + ": more than " + MAX_DIRECTORY_FILES + " files");
            }
            for (Path p : found) {
                Path rel = dir.relativize(p);
                int n = rel.getNameCount();
                String relText = rel.toString().replace('\\', '/');
                if (n != 3 && n != 4) {
                    problems.add(relText + ": skipped: expected NODE/GENERATION/FILE or NODE/GENERATION/CLUSTER/FILE");
                    continue;
                }
                KnownLabel label = new KnownLabel(
                        rel.getName(0).toString(),
                        rel.getName(1).toString().toLowerCase(Locale.ROOT),
                        n == 4 ? rel.getName(2).toString() : "");
                try {
                    Bytes data = BoundedReader.read(p, limits.maxFileSize(), ItlLimits.Limit.MAX_FILE_SIZE);
                    addFile(label, relText, data);
                } catch (IOException e) {
                    problems.add(relText + ": skipped: " + e.getMessage());
                }
            }
            return this;
        }

        /**
         * Adds a hash without its file ({@code --known-hash LABEL=HEX}).
         *
         * @param label its label
         * @param kind ITL or CTL
         * @param value the hash in any reported form
         * @param origin where it came from, for reports
         * @return this builder
         * @throws IllegalArgumentException if the value is not a digest
         */
        public Builder addHash(KnownLabel label, FileKind kind, String value, String origin) {
            ReportedValue v = ReportedValue.normalise(value);
            if (!v.isDigest()) {
                throw new IllegalArgumentException(
                        "'" + value + "' is not a digest" + (v.detail().isEmpty() ? "" : ": " + v.detail()));
            }
            Map<Checksums.Algorithm, String> d = new EnumMap<>(Checksums.Algorithm.class);
            d.put(v.algorithm(), v.hex());
            mergeHashes(label, kind, origin, d);
            return this;
        }

        /**
         * Adds the checksums of a {@code show itl} / {@code show ctl} capture ({@code The checksum value of the ITL
         * file: <md5>(MD5) <sha1>(SHA1)}) as one known file without bytes. A capture holding several listings gives
         * the first one's checksums.
         *
         * @param label its label
         * @param text the captured text (at most a few hundred KiB are expected)
         * @param origin the capture's name
         * @return this builder
         * @throws IllegalArgumentException if the text holds no labelled checksum
         */
        public Builder addShowItl(KnownLabel label, CharSequence text, String origin) {
            Matcher m = SHOW_ITL_SUM.matcher(text);
            Map<Checksums.Algorithm, String> d = new EnumMap<>(Checksums.Algorithm.class);
            while (m.find()) {
                ReportedValue v = ReportedValue.normalise(m.group(1) + "(" + m.group(2) + ")");
                if (v.isDigest()) {
                    d.putIfAbsent(v.algorithm(), v.hex()); // the first listing of a capture
                }
            }
            if (d.isEmpty()) {
                throw new IllegalArgumentException(origin + ": no checksum line (\"<hex>(MD5) <hex>(SHA1)\") found");
            }
            String t = text.toString();
            FileKind kind = t.contains("CTL file") && !t.contains("ITL file") ? FileKind.CTL : FileKind.ITL;
            mergeHashes(label, kind, origin, d);
            return this;
        }

        private void mergeHashes(KnownLabel label, FileKind kind, String origin, Map<Checksums.Algorithm, String> d) {
            for (int i = 0; i < files.size(); i++) {
                KnownFile f = files.get(i);
                if (f.size() < 0
                        && f.label().equals(label)
                        && f.kind() == kind
                        && f.name().equals(origin)) {
                    Map<Checksums.Algorithm, String> all = new EnumMap<>(f.digests());
                    all.putAll(d);
                    files.set(i, new KnownFile(label, origin, kind, null, -1, all, null, null, null));
                    return;
                }
            }
            files.add(new KnownFile(label, origin, kind, null, -1, d, null, null, null));
        }

        /** @return what could not be read so far */
        public List<String> problems() {
            return Collections.unmodifiableList(problems);
        }

        /** @return the catalogue */
        public KnownCatalogue build() {
            Map<String, List<Hit>> index = new HashMap<>();
            for (KnownFile f : files) {
                for (Map.Entry<Checksums.Algorithm, String> e : f.digests().entrySet()) {
                    index.computeIfAbsent(e.getValue(), k -> new ArrayList<>(1)).add(new Hit(f, e.getKey(), Hit.FILE));
                }
            }
            for (KnownFile f : files) {
                Optional<Bytes> sig = f.parsed().flatMap(p -> p.header().signature());
                if (sig.isEmpty()) {
                    continue;
                }
                byte[] s = sig.get().toByteArray();
                put(index, f, Checksums.Algorithm.SHA1, hex(digest("SHA-1", s)), "SHA-1(SIGNATURE)");
                put(index, f, Checksums.Algorithm.MD5, hex(digest("MD5", s)), "MD5(SIGNATURE)");
                if (s.length >= 20) {
                    put(index, f, Checksums.Algorithm.SHA1, hex(java.util.Arrays.copyOf(s, 20)), "SIGNATURE[0..20)");
                }
                if (s.length >= 16) {
                    put(index, f, Checksums.Algorithm.MD5, hex(java.util.Arrays.copyOf(s, 16)), "SIGNATURE[0..16)");
                }
            }
            Map<String, List<Hit>> frozen = new HashMap<>(index.size() * 2);
            for (Map.Entry<String, List<Hit>> e : index.entrySet()) {
                frozen.put(e.getKey(), List.copyOf(e.getValue()));
            }
            return new KnownCatalogue(files, frozen, problems);
        }

        private static void put(
                Map<String, List<Hit>> index, KnownFile f, Checksums.Algorithm a, String hex, String form) {
            index.computeIfAbsent(hex, k -> new ArrayList<>(1)).add(new Hit(f, a, form));
        }

        private static byte[] digest(String alg, byte[] b) {
            try {
                return MessageDigest.getInstance(alg).digest(b);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(alg + " missing from the JDK", e);
            }
        }

        private static String hex(byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
