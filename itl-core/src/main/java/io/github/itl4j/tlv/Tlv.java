package io.github.itl4j.tlv;

import io.github.itl4j.Bytes;
import java.util.Objects;

/**
 * A plain tag-length-value item: 1-byte tag, 2-byte big-endian length, value. Unknown tags are kept as {@code Tlv}s
 * too, so rewriting a file gives back its bytes.
 *
 * @param tag 0..255
 * @param value at most 65535 bytes
 * @since 0.1.0
 */
public record Tlv(int tag, Bytes value) implements TlvElement {
    /** Size of a TLV's tag and length fields: 1-byte tag, 2-byte big-endian length. */
    public static final int HEADER_SIZE = 3;

    /** Largest value a 16-bit length can describe. */
    public static final int MAX_VALUE_LENGTH = 0xFFFF;

    /** Validates tag and length. */
    public Tlv {
        Objects.requireNonNull(value, "value");
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("tag must be 0..255: " + tag);
        }
        if (value.size() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "value of tag " + tag + " is " + value.size() + " bytes; a TLV holds at most 65535");
        }
    }

    /** @return the value length */
    public int length() {
        return value.size();
    }

    @Override
    public int encodedSize() {
        return HEADER_SIZE + value.size();
    }
}
