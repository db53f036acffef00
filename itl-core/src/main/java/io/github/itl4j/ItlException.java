package io.github.itl4j;

import java.io.IOException;

/**
 * Base of every failure caused by the input: malformed bytes, a limit that was hit. Reading any bytes with this
 * library ends in a value or an {@code ItlException}, never another exception.
 *
 * <p>{@link #getMessage()} is the problem, then the location when one is known, then a {@link #hint()} when the input
 * looks like another kind of file; {@link #getOriginalMessage()} is the same without the location.
 *
 * @since 0.1.0
 */
public class ItlException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Offset used when no byte position applies. */
    public static final long NO_OFFSET = -1;
    /** Tag used when no tag applies. */
    public static final int NO_TAG = -1;

    private final String originalMessage;
    private final String hint;
    private final long offset;
    private final int tag;

    /**
     * @param message what was wrong, expected versus found
     * @param offset byte offset in the file, or {@link #NO_OFFSET}
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param cause the underlying cause, may be null
     */
    public ItlException(String message, long offset, int tag, Throwable cause) {
        this(message, offset, tag, cause, "");
    }

    /**
     * @param message what was wrong, expected versus found
     * @param offset byte offset in the file, or {@link #NO_OFFSET}
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param cause the underlying cause, may be null
     * @param hint what the input looks like instead (e.g. {@code "; this looks like a PEM certificate ..."}), put
     *     after the location so that it does not read as if it were at that offset; {@code ""} for none
     */
    ItlException(String message, long offset, int tag, Throwable cause, String hint) {
        super(locate(message, offset, tag) + hint, cause);
        this.originalMessage = message + hint;
        this.hint = hint;
        this.offset = offset;
        this.tag = tag;
    }

    private static String locate(String message, long offset, int tag) {
        StringBuilder sb = new StringBuilder(message);
        if (tag >= 0) {
            sb.append(" (tag ").append(tag).append(')');
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

    /** @return the message without the location (the hint included) */
    public String getOriginalMessage() {
        return originalMessage;
    }

    /**
     * @return what the input looks like instead, as the end of both messages (e.g. {@code "; this looks like DER
     *     data (a certificate or a key), not a trust list or signed file"}), or {@code ""}
     * @since 0.1.0
     */
    public String hint() {
        return hint;
    }

    /** @return the byte offset in the file where the problem is, or {@link #NO_OFFSET} */
    public long offset() {
        return offset;
    }

    /** @return the tag involved, or {@link #NO_TAG} */
    public int tag() {
        return tag;
    }
}
