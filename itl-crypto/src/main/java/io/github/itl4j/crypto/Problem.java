package io.github.itl4j.crypto;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One finding of a verification: a code, its severity, where it is, and the parameters of its message (listed in
 * the code's Javadoc). Immutable.
 *
 * @param code what the problem is
 * @param severity error or warning
 * @param recordIndex 0-based index of the record concerned (for a .sgn checked against a trust list: in that list),
 *     or -1 for the header or the file as a whole
 * @param offset file offset of the element concerned (record start, SIGNATURE TLV), or -1 if none
 * @param params message parameters, as listed by the code; never null elements
 * @since 0.1.0
 */
public record Problem(ProblemCode code, Severity severity, int recordIndex, long offset, List<Object> params) {
    /** Offset value when there is none. */
    public static final long NO_OFFSET = -1;

    /**
     * Validates and copies the arguments.
     *
     * @param code what the problem is
     * @param severity error or warning
     * @param recordIndex 0-based record index, or -1
     * @param offset file offset, or {@link #NO_OFFSET}
     * @param params message parameters
     */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        params = List.copyOf(params);
    }

    /** @return true for {@link Severity#ERROR} */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The message: the code's format string filled with the parameters, then the record number (1-based, as
     * {@code show itl} counts) and offset when known.
     *
     * @return human-readable text; do not parse it
     */
    public String message() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, code.format(), params.toArray()));
        if (recordIndex >= 0) {
            sb.append(" (record ").append(recordIndex + 1).append(')');
        }
        if (offset >= 0) {
            sb.append(" at offset 0x")
                    .append(Long.toHexString(offset))
                    .append(" (")
                    .append(offset)
                    .append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return severity + " " + code + ": " + message();
    }
}
