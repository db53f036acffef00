package io.github.itl4j.audit;

/**
 * Bounds on reading phone reports, in the style of {@code ItlLimits}: whatever the input, memory stays within them
 * and reading goes on (a line or alarm over a bound is reported as a problem and skipped). Immutable.
 *
 * @param maxLineChars the longest physical line kept (longer lines are skipped, reported once each)
 * @param maxRecordChars the longest CSV record (a quoted field over several lines) or DeviceTLInfo alarm kept
 * @param maxProblems the most problems kept; later ones are counted only
 * @since 0.1.0
 */
public record AuditLimits(int maxLineChars, int maxRecordChars, int maxProblems) {
    /** 64 KiB characters per line. */
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;
    /** 256 KiB characters per record or alarm. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 256 * 1024;
    /** 1000 problems kept. */
    public static final int DEFAULT_MAX_PROBLEMS = 1000;

    /**
     * Validates the bounds.
     *
     * @param maxLineChars the line bound
     * @param maxRecordChars the record bound
     * @param maxProblems the problem bound
     */
    public AuditLimits {
        if (maxLineChars < 80 || maxRecordChars < maxLineChars || maxProblems < 0) {
            throw new IllegalArgumentException(
                    "limits: maxLineChars >= 80, maxRecordChars >= maxLineChars, " + "maxProblems >= 0");
        }
    }

    /** @return the defaults */
    public static AuditLimits defaults() {
        return new AuditLimits(DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_RECORD_CHARS, DEFAULT_MAX_PROBLEMS);
    }
}
