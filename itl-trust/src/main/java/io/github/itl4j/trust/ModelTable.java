package io.github.itl4j.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The phone model capability table (docs/trust.md §8) as data: the defaults ship as {@code models.properties} in
 * this package, and a user file in the same format overrides lines without a release. Immutable.
 *
 * @since 0.1.0
 */
public final class ModelTable {
    /** The largest user table read. */
    public static final long MAX_FILE_SIZE = 256 * 1024;

    /** A capability: supported, not supported, or not known. */
    public enum Support {
        /** Supported. */
        YES,
        /** Not supported. */
        NO,
        /** Not known. */
        UNKNOWN
    }

    /**
     * One line of the table.
     *
     * @param pattern the model name or prefix ({@code CP-79*})
     * @param requestsItl whether the phone requests the ITL at all
     * @param sha512 whether it verifies SHA-2 TFTP file signatures
     * @param ec EC certificates / SIGNERVERSION 1.1
     * @param rsa4096 4096-bit RSA
     * @param confidence how well the line is backed
     * @param source short names of the sources
     */
    public record Entry(
            String pattern,
            boolean requestsItl,
            Support sha512,
            Support ec,
            Support rsa4096,
            Confidence confidence,
            List<String> source) {
        /**
         * Copies the sources.
         *
         * @param pattern the pattern
         * @param requestsItl whether the ITL is requested
         * @param sha512 SHA-2 support
         * @param ec EC support
         * @param rsa4096 RSA 4096 support
         * @param confidence the confidence
         * @param source the sources
         */
        public Entry {
            source = List.copyOf(source);
        }
    }

    private static final ModelTable DEFAULTS = loadDefaults();

    private final List<Entry> entries;

    private ModelTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    private static ModelTable loadDefaults() {
        try (InputStream in = ModelTable.class.getResourceAsStream("models.properties")) {
            if (in == null) {
                throw new IllegalStateException("models.properties is missing from the itl-trust jar");
            }
            return new ModelTable(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "models.properties"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read models.properties", e);
        }
    }

    /** @return the table shipped with itl4j */
    public static ModelTable defaults() {
        return DEFAULTS;
    }

    /**
     * @param file a table in the {@code models.properties} format
     * @return this table with the file's lines taking precedence
     * @throws IOException if unreadable, over {@link #MAX_FILE_SIZE}, or malformed (the message names the line)
     */
    public ModelTable withOverrides(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            throw new IOException(file + ": larger than " + MAX_FILE_SIZE + " bytes");
        }
        return withOverrides(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param text lines in the {@code models.properties} format
     * @param name the text's name, for messages
     * @return this table with these lines taking precedence
     * @throws IOException if a line is malformed
     */
    public ModelTable withOverrides(String text, String name) throws IOException {
        List<Entry> mine = parse(text, name);
        List<Entry> out = new ArrayList<>(mine);
        for (Entry e : entries) {
            if (mine.stream().noneMatch(m -> m.pattern().equalsIgnoreCase(e.pattern()))) {
                out.add(e);
            }
        }
        return new ModelTable(out);
    }

    private static List<Entry> parse(String text, String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        List<String> keys = new ArrayList<>(p.stringPropertyNames());
        keys.sort(null);
        for (String k : keys) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String part : p.getProperty(k).split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IOException(name + ": " + k + ": expected field=value, found \"" + part.trim() + "\"");
                }
                f.put(
                        part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).trim());
            }
            try {
                out.add(new Entry(
                        k.trim(),
                        !"no".equalsIgnoreCase(f.getOrDefault("itl", "yes")),
                        support(f.get("sha512")),
                        support(f.get("ec")),
                        support(f.get("rsa4096")),
                        Confidence.valueOf(f.getOrDefault("confidence", "P").toUpperCase(Locale.ROOT)),
                        Arrays.asList(f.getOrDefault("source", "user table").split(","))));
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": " + k + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Support support(String v) {
        if (v == null) {
            return Support.UNKNOWN;
        }
        return Support.valueOf(v.toUpperCase(Locale.ROOT));
    }

    /** @return the lines */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Normalises a model name: upper case, {@code "7975"} becomes {@code "CP-7975"}, a {@code "Cisco "} prefix is
     * dropped.
     *
     * @param model a model as users write it
     * @return the normalised name
     */
    public static String normalise(String model) {
        String m = model.trim().toUpperCase(Locale.ROOT);
        if (m.startsWith("CISCO ")) {
            m = m.substring(6).trim();
        }
        if (!m.isEmpty() && Character.isDigit(m.charAt(0))) {
            m = "CP-" + m;
        }
        return m;
    }

    /**
     * @param model a model
     * @return the entry whose pattern matches it best (the longest), or empty for an unknown model
     */
    public Optional<Entry> lookup(String model) {
        String m = normalise(model);
        Entry best = null;
        int bestLen = -1;
        for (Entry e : entries) {
            String p = e.pattern().toUpperCase(Locale.ROOT);
            boolean match = p.endsWith("*") ? m.startsWith(p.substring(0, p.length() - 1)) : m.equals(p);
            int len = p.length() + (p.endsWith("*") ? 0 : 1000);
            if (match && len > bestLen) {
                best = e;
                bestLen = len;
            }
        }
        return Optional.ofNullable(best);
    }
}
