package io.github.itl4j.tlv;

import io.github.itl4j.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes TLV elements into a growing buffer. Container lengths are patched when the container is closed.
 * Short-lived and single-threaded.
 *
 * @since 0.1.0
 */
public final class TlvWriter {
    private byte[] buf;
    private int size;
    private final int[] open = new int[8];
    private int depth;

    /** A writer with a small initial buffer. */
    public TlvWriter() {
        this(256);
    }

    /**
     * @param capacity initial buffer size
     */
    public TlvWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("output too large");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private void header(int tag, int length) {
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("tag must be 0..255: " + tag);
        }
        if (length < 0 || length > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("length must be 0..65535: " + length);
        }
        ensure(Tlv.HEADER_SIZE);
        buf[size++] = (byte) tag;
        buf[size++] = (byte) (length >>> 8);
        buf[size++] = (byte) length;
    }

    /**
     * @param tag tag
     * @param value value, at most 65535 bytes
     * @return this writer
     */
    public TlvWriter tlv(int tag, Bytes value) {
        header(tag, value.size());
        ensure(value.size());
        value.copyTo(buf, size);
        size += value.size();
        return this;
    }

    /**
     * @param tag tag
     * @param v 0..255
     * @return this writer
     */
    public TlvWriter u8(int tag, int v) {
        header(tag, 1);
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /**
     * @param tag tag
     * @param v 0..65535, written big-endian
     * @return this writer
     */
    public TlvWriter u16(int tag, int v) {
        header(tag, 2);
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /**
     * @param tag tag
     * @param v 0..2^32-1, written big-endian
     * @return this writer
     */
    public TlvWriter u32(int tag, long v) {
        header(tag, 4);
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /**
     * Writes {@code s} in UTF-8 followed by a NUL byte, as the format stores names.
     *
     * @param tag tag
     * @param s text
     * @return this writer
     */
    public TlvWriter string(int tag, String s) {
        return tlv(tag, nulTerminated(s));
    }

    /**
     * @param s text
     * @return its UTF-8 bytes followed by one NUL
     */
    public static Bytes nulTerminated(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrapOwned(Arrays.copyOf(b, b.length + 1));
    }

    /** @return this writer, after one 0x0D padding byte */
    public TlvWriter padding() {
        ensure(1);
        buf[size++] = Padding.TAG;
        return this;
    }

    /**
     * Opens a container; its length is filled in by {@link #endContainer()}.
     *
     * @param tag the container tag
     * @return this writer
     */
    public TlvWriter startContainer(int tag) {
        if (depth == open.length) {
            throw new IllegalStateException("containers nested too deep");
        }
        open[depth++] = size;
        header(tag, 0);
        return this;
    }

    /** @return this writer, after closing the container opened last */
    public TlvWriter endContainer() {
        if (depth == 0) {
            throw new IllegalStateException("no open container");
        }
        int at = open[--depth];
        int len = size - at - Tlv.HEADER_SIZE;
        if (len > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("container holds " + len + " bytes; at most 65535");
        }
        buf[at + 1] = (byte) (len >>> 8);
        buf[at + 2] = (byte) len;
        return this;
    }

    /**
     * Writes an element and, for a container, its children.
     *
     * @param e the element
     * @return this writer
     */
    public TlvWriter element(TlvElement e) {
        if (e instanceof Tlv t) {
            tlv(t.tag(), t.value());
        } else if (e instanceof Padding) {
            padding();
        } else {
            Container c = (Container) e;
            startContainer(c.tag());
            elements(c.children());
            endContainer();
        }
        return this;
    }

    /**
     * @param elements elements in order
     * @return this writer
     */
    public TlvWriter elements(List<? extends TlvElement> elements) {
        for (TlvElement e : elements) {
            element(e);
        }
        return this;
    }

    /**
     * Appends raw bytes as they are.
     *
     * @param raw bytes
     * @return this writer
     */
    public TlvWriter raw(Bytes raw) {
        ensure(raw.size());
        raw.copyTo(buf, size);
        size += raw.size();
        return this;
    }

    /** @return bytes written so far */
    public int size() {
        return size;
    }

    /**
     * @return what was written; the writer must not be used afterwards
     * @throws IllegalStateException if a container is still open
     */
    public Bytes toBytes() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " container(s) still open");
        }
        byte[] out = size == buf.length ? buf : Arrays.copyOf(buf, size);
        buf = null;
        return Bytes.wrapOwned(out);
    }
}
