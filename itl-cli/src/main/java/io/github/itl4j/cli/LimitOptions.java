package io.github.itl4j.cli;

import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --limit NAME=VALUE}: raises (or lowers) any of the library's reading limits ({@link ItlLimits.Limit}) for
 * the commands that read trust lists and signed files. Every limit the library has is reachable here without a CLI
 * change: the names come from {@link ItlLimits.Limit#optionName()}.
 *
 * @since 0.1.0
 */
public final class LimitOptions {
    @Option(
            names = "--limit",
            paramLabel = "NAME=VALUE",
            description = {
                "Raise a reading limit (repeatable): max-file-size=BYTES (trust lists, default 2M), "
                        + "max-records=N (default 1024), max-payload-size=BYTES (.sgn payloads, default 64M). Sizes take "
                        + "a K, M or G suffix (powers of 1024)."
            })
    private List<String> specs = new ArrayList<>();

    private ItlLimits limits;

    /** Creates the options; picocli fills them in. */
    public LimitOptions() {}

    /**
     * @return the limits: the library's defaults with every {@code --limit} applied
     * @throws CliException ({@link ExitCodes#USAGE}) for an unknown name or a bad value
     */
    public ItlLimits limits() throws CliException {
        if (limits == null) {
            ItlLimits.Builder b = ItlLimits.builder();
            for (String spec : specs) {
                int eq = spec.indexOf('=');
                ItlLimits.Limit l =
                        eq > 0 ? ItlLimits.Limit.byName(spec.substring(0, eq).trim()) : null;
                if (l == null) {
                    throw CliException.usage("--limit " + spec + ": expected NAME=VALUE with NAME one of " + names());
                }
                long v = parseValue(spec.substring(eq + 1).trim(), l.isByteCount());
                if (v < 0) {
                    throw CliException.usage("--limit " + spec + ": expected a number 0.."
                            + (l == ItlLimits.Limit.MAX_RECORDS ? Integer.MAX_VALUE : Long.MAX_VALUE / 2)
                            + (l.isByteCount() ? " (K, M or G suffix allowed)" : ""));
                }
                try {
                    b.set(l, v);
                } catch (IllegalArgumentException e) {
                    throw CliException.usage("--limit " + spec + ": " + e.getMessage());
                }
            }
            limits = b.build();
        }
        return limits;
    }

    /**
     * @return a reader with {@link #limits()}
     * @throws CliException for a bad {@code --limit}
     */
    public ItlReader reader() throws CliException {
        return ItlReader.withLimits(limits());
    }

    private static String names() {
        StringBuilder sb = new StringBuilder();
        for (ItlLimits.Limit l : ItlLimits.Limit.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(l.optionName());
        }
        return sb.toString();
    }

    /** @return the value, or -1 if it is not a number (with an optional K/M/G suffix for sizes) */
    static long parseValue(String s, boolean sizes) {
        long unit = 1;
        String digits = s;
        if (sizes && !s.isEmpty()) {
            switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit > 1) {
                digits = s.substring(0, s.length() - 1);
            }
        }
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long n = Long.parseLong(digits);
        return n > (Long.MAX_VALUE / 2) / unit ? -1 : n * unit;
    }

    /**
     * The message a command-line user reads when a limit is hit: the problem, and the option that raises it.
     *
     * @param e the failure
     * @return e.g. {@code File size (3000000) exceeds the limit max-file-size (2097152); if the file is genuine,
     *     raise it with --limit max-file-size=N (N >= 3000000)}
     */
    static String message(ItlLimitException e) {
        ItlLimits.Limit l = e.setting();
        if (l == null) {
            return e.getMessage();
        }
        String where = e.offset() >= 0 ? String.format(" at offset 0x%x (%d)", e.offset(), e.offset()) : "";
        return e.problem(l.optionName()) + where + "; if the file is genuine, raise it with --limit "
                + l.optionName().toLowerCase(Locale.ROOT) + "=N (N >= " + e.actual() + ")";
    }
}
