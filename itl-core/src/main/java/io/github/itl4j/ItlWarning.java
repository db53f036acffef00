package io.github.itl4j;

import java.util.Objects;

/**
 * Something odd about a file that is not an error: phones accept it (docs/format.md §10.3, docs/trust.md §5 R12), so
 * the reader keeps the data and reports it. Tests and callers should look at {@link #code()}, not at the text.
 *
 * @param code what kind of oddity
 * @param message human-readable detail
 * @param offset file offset, or {@link ItlException#NO_OFFSET}
 * @param tag the tag involved, or {@link ItlException#NO_TAG}
 * @param recordIndex 0-based record index, or -1 for the header
 * @since 0.1.0
 */
public record ItlWarning(Code code, String message, long offset, int tag, int recordIndex) {
    /** Kinds of warning. */
    public enum Code {
        /** A header tag this library does not know; kept as it is. */
        UNKNOWN_HEADER_TAG,
        /** A record tag this library does not know; kept as it is. */
        UNKNOWN_RECORD_TAG,
        /** A FUNCTION code this library does not know; kept. */
        UNKNOWN_ROLE,
        /** HEADERLENGTH is not a multiple of 4 (CUCM and certutils always pad to one). */
        HEADER_LENGTH_NOT_ALIGNED,
        /** The header's tags follow neither CUCM's nor certutils' order. */
        HEADER_TAG_ORDER,
        /** A record's tags follow neither CUCM's nor certutils' order (reported once, for the first such record). */
        RECORD_TAG_ORDER,
        /** The header VERSION is newer than this library knows (1.2 for trust lists, 2.0 for signed files). */
        NEWER_VERSION,
        /** A value has length 0 (no real file has one). */
        ZERO_LENGTH_VALUE
    }

    /** Validates the arguments. */
    public ItlWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code.name()).append(": ").append(message);
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
}
