package io.github.itl4j.trust.lint;

import java.util.Locale;

/**
 * How serious a lint finding is (docs/lint.md). {@code itl lint} exits 1 on any {@link #ERROR} (or
 * {@link #WARN} with {@code --werror}).
 *
 * @since 0.1.0
 */
public enum LintSeverity {
    /** Phones will refuse the file, or a future list, because of it. */
    ERROR,
    /** Phones may refuse it, or it weakens recovery. */
    WARN,
    /** Worth knowing; normal in some setups. */
    INFO,
    /** The rule does not apply in this profile (never reported). */
    OFF;

    /**
     * @param s {@code error}, {@code warn} (or {@code warning}), {@code info} or {@code off}, case-insensitive
     * @return the severity
     * @throws IllegalArgumentException for another word
     */
    public static LintSeverity parse(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT);
        return "WARNING".equals(v) ? WARN : valueOf(v);
    }
}
