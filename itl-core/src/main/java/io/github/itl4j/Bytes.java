package io.github.itl4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable sequence of bytes: a read-only view of a slice of an array that nobody else writes to.
 *
 * <p>The model never exposes a live array: {@link #toByteArray()} copies, {@link #asByteBuffer()} is read-only.
 * Slicing shares the backing array, so parsing a file does not copy the values it indexes. {@code equals} and
 * {@code hashCode} compare content.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Bytes implements Comparable<Bytes> {
    private static final HexFormat HEX = HexFormat.of();
    /** The empty sequence. */
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Copies {@code src}; later changes to {@code src} do not show.
     *
     * @param src the bytes to copy
     * @return a new instance
     */
    public static Bytes copyOf(byte[] src) {
        return new Bytes(src.clone(), 0, src.length);
    }

    /**
     * Copies {@code len} bytes of {@code src} from {@code off}.
     *
     * @param src the array
     * @param off first byte
     * @param len number of bytes
     * @return a new instance
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static Bytes copyOf(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        return new Bytes(Arrays.copyOfRange(src, off, off + len), 0, len);
    }

    /**
     * Takes ownership of {@code src} without copying. The caller must never modify the array afterwards; use this
     * for arrays that were just read or built and are not shared.
     *
     * @param src an array nobody else writes to
     * @return a view of the whole array
     */
    public static Bytes wrapOwned(byte[] src) {
        return new Bytes(Objects.requireNonNull(src, "src"), 0, src.length);
    }

    /**
     * Parses hexadecimal text (upper or lower case; spaces and colons are ignored).
     *
     * @param hex the text
     * @return the bytes
     * @throws IllegalArgumentException if the text is not hexadecimal or has an odd number of digits
     */
    public static Bytes fromHex(String hex) {
        String clean = hex.replace(" ", "").replace(":", "");
        return wrapOwned(HEX.parseHex(clean));
    }

    /**
     * The bytes of {@code s} in UTF-8.
     *
     * @param s text
     * @return its UTF-8 encoding
     */
    public static Bytes utf8(String s) {
        return wrapOwned(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The backing array, for the model's own walks over bytes it has checked (a record's field index): never handed
     * out, never written.
     *
     * @return the array this view reads
     */
    byte[] array() {
        return array;
    }

    /** @return where this view starts in {@link #array()} */
    int offset() {
        return offset;
    }

    /** @return the number of bytes */
    public int size() {
        return length;
    }

    /** @return whether there are no bytes */
    public boolean isEmpty() {
        return length == 0;
    }

    /**
     * @param index position, 0-based
     * @return the byte at {@code index}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    public byte get(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /**
     * @param index position, 0-based
     * @return the byte at {@code index} as an unsigned value 0..255
     */
    public int getUnsigned(int index) {
        return get(index) & 0xFF;
    }

    /**
     * Reads an unsigned big-endian 16-bit value.
     *
     * @param index position of the high byte
     * @return the value 0..65535
     */
    public int getU16(int index) {
        Objects.checkFromIndexSize(index, 2, length);
        int p = offset + index;
        return ((array[p] & 0xFF) << 8) | (array[p + 1] & 0xFF);
    }

    /**
     * Reads an unsigned big-endian 32-bit value.
     *
     * @param index position of the high byte
     * @return the value 0..2^32-1
     */
    public long getU32(int index) {
        Objects.checkFromIndexSize(index, 4, length);
        int p = offset + index;
        return ((long) (array[p] & 0xFF) << 24)
                | ((array[p + 1] & 0xFF) << 16)
                | ((array[p + 2] & 0xFF) << 8)
                | (array[p + 3] & 0xFF);
    }

    /**
     * A view of {@code len} bytes from {@code off}; shares this instance's storage.
     *
     * @param off first byte
     * @param len number of bytes
     * @return the slice
     * @throws IndexOutOfBoundsException if the range is outside this sequence
     */
    public Bytes slice(int off, int len) {
        Objects.checkFromIndexSize(off, len, length);
        if (off == 0 && len == length) {
            return this;
        }
        return new Bytes(array, offset + off, len);
    }

    /** @return a fresh copy of the bytes */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /**
     * Copies the bytes into {@code dst} at {@code dstOff}.
     *
     * @param dst destination
     * @param dstOff where the first byte goes
     */
    public void copyTo(byte[] dst, int dstOff) {
        System.arraycopy(array, offset, dst, dstOff, length);
    }

    /** @return a read-only buffer over the bytes, position 0, limit {@link #size()} */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /**
     * Hands the bytes to {@code sink} in one call, without copying: the sink sees this instance's backing array
     * with the offset and length of this sequence. For consumers that only read a range, such as
     * {@code MessageDigest::update} and {@code Signature::update} ({@link #asByteBuffer()} is read-only, so their
     * {@code ByteBuffer} overloads copy through a temporary array).
     *
     * @param sink reads {@code array[offset .. offset + length)}; it must neither write to the array nor read
     *     outside that range, nor keep a reference to the array after it returns
     * @param <E> what the sink may throw
     * @throws E from the sink
     */
    public <E extends Exception> void feed(Sink<E> sink) throws E {
        sink.write(array, offset, length);
    }

    /**
     * Receives a range of a backing array from {@link #feed(Sink)}. The array is shared and must only be read,
     * within the given range, while the call lasts.
     *
     * @param <E> what the sink may throw
     */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        /**
         * @param array the backing array (read only the given range, never write)
         * @param offset the first byte
         * @param length the number of bytes
         * @throws E as the sink chooses
         */
        void write(byte[] array, int offset, int length) throws E;
    }

    /**
     * Writes the bytes to {@code out}.
     *
     * @param out the stream
     * @throws IOException from the stream
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(array, offset, length);
    }

    /** @return lower-case hexadecimal, no separators */
    public String toHex() {
        return HEX.formatHex(array, offset, offset + length);
    }

    /**
     * Decodes the bytes as UTF-8 after dropping trailing NUL bytes (the strings of this format are NUL-terminated).
     * Malformed sequences become U+FFFD.
     *
     * @return the text
     */
    public String toNulTerminatedString() {
        int end = length;
        while (end > 0 && array[offset + end - 1] == 0) {
            end--;
        }
        return new String(array, offset, end, StandardCharsets.UTF_8);
    }

    /**
     * @param other another sequence
     * @return whether both hold the same bytes
     */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(array, offset, offset + length, other, 0, other.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    /** Unsigned lexicographic order. */
    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(array, offset, offset + length, o.array, o.offset, o.offset + o.length);
    }

    /** @return {@code Bytes[n]} followed by at most 32 bytes of hex */
    @Override
    public String toString() {
        int shown = Math.min(length, 32);
        return "Bytes[" + length + "]" + HEX.formatHex(array, offset, offset + shown) + (shown < length ? "…" : "");
    }
}
