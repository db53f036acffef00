package io.github.itl4j.tlv;

/**
 * One PADDING byte (0x0D, tag 13) with no length field. CUCM puts 0..3 of them at the end of the header so that
 * HEADERLENGTH is a multiple of 4. All instances are equal.
 *
 * @since 0.1.0
 */
public record Padding() implements TlvElement {
    /** The padding byte and tag. */
    public static final int TAG = 13;
    /** A shared instance. */
    public static final Padding INSTANCE = new Padding();

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public int encodedSize() {
        return 1;
    }
}
