package io.github.itl4j.tlv;

import java.util.List;
import java.util.Objects;

/**
 * A container TLV (header tags 3, 7, 9 and the .enc.sgn tags 16, 17, 21): tag, 2-byte length, then its children
 * directly. The length is always the sum of the children's encoded sizes, so it is derived, not stored.
 *
 * @param tag 0..255
 * @param children the child elements in file order
 * @since 0.1.0
 */
public record Container(int tag, List<TlvElement> children) implements TlvElement {
    /** Copies the children and validates the size. */
    public Container {
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("tag must be 0..255: " + tag);
        }
        children = List.copyOf(Objects.requireNonNull(children, "children"));
        int len = contentLength(children);
        if (len > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("container " + tag + " holds " + len + " bytes; at most 65535");
        }
    }

    private static int contentLength(List<TlvElement> children) {
        long sum = 0;
        for (int i = 0, n = children.size(); i < n; i++) { // indexed: no iterator on the parse path
            sum += children.get(i).encodedSize();
        }
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** @return the container's length field: the total size of its children */
    public int length() {
        return contentLength(children);
    }

    @Override
    public int encodedSize() {
        return Tlv.HEADER_SIZE + length();
    }
}
