package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-device trust lists (SPEC-trust.md 7.3): phones request {@code CTLSEP<MAC>.tlv} and {@code ITLSEP<MAC>.tlv}
 * before the cluster-wide names, so a copy under that name gives one phone its own list. The copy's bytes are the
 * template's: FILENAME inside stays the cluster-wide name ({@code ITLFile.tlv}), as usecallmanager's per-device files
 * do.
 *
 * @since 0.1.0
 */
public final class PerDeviceLists {
    private static final Pattern MAC = Pattern.compile("(?i)(?:SEP)?([0-9A-F]{12})");

    private PerDeviceLists() {}

    /**
     * Normalises a MAC as a phone names itself: 12 upper-case hex digits, separators ({@code :}, {@code -}, {@code .})
     * and a leading {@code SEP} removed.
     *
     * @param mac e.g. {@code 00:11:22:33:44:55}, {@code SEP001122334455}, {@code 0011.2233.4455}
     * @return e.g. {@code 001122334455}
     * @throws IllegalArgumentException if it is not 12 hex digits after that
     */
    public static String normaliseMac(String mac) {
        String m = mac.strip().replaceAll("[:.\\-]", "");
        var matcher = MAC.matcher(m);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a MAC address: '" + mac + "' (expected 12 hex digits, e.g. "
                    + "001122334455 or SEP001122334455)");
        }
        return matcher.group(1).toUpperCase(Locale.ROOT);
    }

    /**
     * @param list the template (its FILENAME says ITL or CTL: a name starting with {@code CTL} is a CTL)
     * @param mac a normalised MAC
     * @return {@code ITLSEP<MAC>.tlv} or {@code CTLSEP<MAC>.tlv}
     */
    public static String fileName(ItlFile list, String mac) {
        String name = list.header().fileName().orElse("ITLFile.tlv");
        String prefix = name.toUpperCase(Locale.ROOT).startsWith("CTL") ? "CTL" : "ITL";
        return prefix + "SEP" + normaliseMac(mac) + ".tlv";
    }

    /**
     * Writes one copy of {@code list} per MAC into {@code directory}, atomically, byte-identical to the template.
     *
     * @param list the template
     * @param macs the MACs (duplicates written once)
     * @param directory the output directory (created if missing)
     * @return the files written, in MAC order
     * @throws IllegalArgumentException if a MAC is malformed (nothing is written then)
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(ItlFile list, List<String> macs, Path directory) throws IOException {
        Objects.requireNonNull(list, "list");
        Set<String> names = new LinkedHashSet<>();
        for (String m : macs) {
            names.add(fileName(list, m));
        }
        Files.createDirectories(directory);
        Bytes bytes = list.encoded();
        AtomicFileWriter w = AtomicFileWriter.defaults();
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            Path p = directory.resolve(n);
            w.write(p, bytes);
            out.add(p);
        }
        return out;
    }
}
