package io.github.itl4j;

/**
 * The bytes do not follow the ITL/CTL/.sgn format: a length crossing its container or the end of the file, a missing
 * mandatory field, a fixed-size field of the wrong size, and so on. The message says what was expected and what was
 * found; {@link #offset()} and {@link #tag()} say where.
 *
 * @since 0.1.0
 */
public class ItlFormatException extends ItlException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, expected versus found
     * @param offset byte offset in the file, or {@link #NO_OFFSET}
     * @param tag the tag involved, or {@link #NO_TAG}
     */
    public ItlFormatException(String message, long offset, int tag) {
        super(message, offset, tag, null);
    }

    /**
     * @param message what was wrong
     * @param offset byte offset in the file, or {@link #NO_OFFSET}
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param cause the underlying cause
     */
    public ItlFormatException(String message, long offset, int tag, Throwable cause) {
        super(message, offset, tag, cause);
    }

    /**
     * @param message what was wrong
     * @param offset byte offset in the file, or {@link #NO_OFFSET}
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param hint what the input looks like instead ({@link FileType#hint(Bytes)}), after the location
     */
    ItlFormatException(String message, long offset, int tag, String hint) {
        super(message, offset, tag, null, hint);
    }
}
