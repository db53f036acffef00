package io.github.itl4j.audit;

import io.github.itl4j.crypto.Checksums;
import java.util.Locale;
import java.util.Objects;

/**
 * A trust-list hash as a phone or tool reported it, normalised (docs/audit.md): the DeviceTLInfo alarm form
 * ({@code "1B A1 C9 ... 4D 6D "}, upper case, spaces, a trailing space), plain or colon-separated hex, {@code show
 * itl}'s {@code <md5>(MD5)} / {@code <sha1>(SHA1)}, {@code 0x} prefixes; {@code Not Installed}, {@code N/A},
 * {@code none}, {@code -} or nothing for no list. Immutable.
 *
 * @param raw the value as reported (never null; empty when absent)
 * @param status what the value is
 * @param hex the digest, lower-case hex without separators, when {@link Status#DIGEST}; else empty
 * @param algorithm the algorithm the length gives (32 MD5, 40 SHA-1, 64 SHA-256, 128 SHA-512), or null
 * @param detail why the value is {@link Status#MALFORMED}; empty otherwise
 * @since 0.1.0
 */
public record ReportedValue(String raw, Status status, String hex, Checksums.Algorithm algorithm, String detail) {
    /** What a reported value is. */
    public enum Status {
        /** A digest of a known length. */
        DIGEST,
        /** The phone holds no list of this kind ({@code Not Installed}, {@code N/A}, empty). */
        NOT_INSTALLED,
        /** Not hex, a length no algorithm has, or a label that contradicts the length. */
        MALFORMED
    }

    /** The longest value normalised; longer values are MALFORMED without being scanned further. */
    static final int MAX_LENGTH = 1024;

    /**
     * Validates the arguments.
     *
     * @param raw the value
     * @param status the status
     * @param hex the digest
     * @param algorithm the algorithm or null
     * @param detail the detail
     */
    public ReportedValue {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(detail, "detail");
        if (status == Status.DIGEST && algorithm == null) {
            throw new IllegalArgumentException("a digest needs its algorithm");
        }
    }

    /**
     * Normalises a reported value (docs/audit.md). Never throws for any text.
     *
     * @param reported the value, or null for absent
     * @return the normalised value
     */
    public static ReportedValue normalise(String reported) {
        String raw = reported == null ? "" : reported;
        String v = raw.strip();
        if (v.isEmpty()
                || v.equalsIgnoreCase("Not Installed")
                || v.equalsIgnoreCase("N/A")
                || v.equalsIgnoreCase("none")
                || v.equals("-")) {
            return new ReportedValue(raw, Status.NOT_INSTALLED, "", null, "");
        }
        if (v.length() > MAX_LENGTH) {
            return malformed(raw, "longer than " + MAX_LENGTH + " characters");
        }
        Checksums.Algorithm label = null;
        String labelText = null;
        int open = v.lastIndexOf('(');
        if (open >= 0 && v.endsWith(")")) {
            labelText = v.substring(open + 1, v.length() - 1).strip();
            String l = labelText.toUpperCase(Locale.ROOT);
            label = switch (l) {
                case "MD5" -> Checksums.Algorithm.MD5;
                case "SHA1", "SHA-1" -> Checksums.Algorithm.SHA1;
                case "SHA256", "SHA-256" -> Checksums.Algorithm.SHA256;
                case "SHA512", "SHA-512" -> Checksums.Algorithm.SHA512;
                default -> null;
            };
            if (label == null) {
                return malformed(raw, "unknown algorithm label (" + labelText + ")");
            }
            v = v.substring(0, open);
        }
        String hex = isLowerHex(v) ? v : null; // the common plain form: no copy
        return hex != null ? digest(raw, hex, label, labelText) : parse(raw, v, label, labelText);
    }

    private static boolean isLowerHex(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static ReportedValue parse(String raw, String v, Checksums.Algorithm label, String labelText) {
        char[] out = new char[v.length()];
        int len = 0;
        int i = 0;
        int n = v.length();
        while (i < n) {
            char c = v.charAt(i);
            if (c == '0'
                    && i + 1 < n
                    && (v.charAt(i + 1) == 'x' || v.charAt(i + 1) == 'X')
                    && (len == 0 || isSeparator(v.charAt(i - 1)))) {
                i += 2; // a 0x prefix, of the whole value or of one byte
                continue;
            }
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                return malformed(raw, "not hex: '" + printable(c) + "' at character " + (i + 1));
            }
            out[len++] = Character.toLowerCase(c);
            i++;
        }
        return digest(raw, new String(out, 0, len), label, labelText);
    }

    private static ReportedValue digest(String raw, String hex, Checksums.Algorithm label, String labelText) {
        Checksums.Algorithm byLength =
                switch (hex.length()) {
                    case 32 -> Checksums.Algorithm.MD5;
                    case 40 -> Checksums.Algorithm.SHA1;
                    case 64 -> Checksums.Algorithm.SHA256;
                    case 128 -> Checksums.Algorithm.SHA512;
                    default -> null;
                };
        if (byLength == null) {
            return malformed(
                    raw,
                    hex.length() + " hex digits: expected 32 (MD5), 40 (SHA-1), 64 (SHA-256) or 128 " + "(SHA-512)");
        }
        if (label != null && label != byLength) {
            return malformed(
                    raw,
                    "the label (" + labelText + ") contradicts the length: " + hex.length() + " hex digits are "
                            + name(byLength));
        }
        return new ReportedValue(raw, Status.DIGEST, hex, byLength, "");
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ':' || c == '-' || c == '\t' || c == '\u00a0';
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static ReportedValue malformed(String raw, String why) {
        return new ReportedValue(raw, Status.MALFORMED, "", null, why);
    }

    /**
     * @param a an algorithm
     * @return its usual name: MD5, SHA-1, SHA-256, SHA-512
     */
    public static String name(Checksums.Algorithm a) {
        return a == null ? "" : a.jcaName();
    }

    /** @return whether this is a digest */
    public boolean isDigest() {
        return status == Status.DIGEST;
    }
}
