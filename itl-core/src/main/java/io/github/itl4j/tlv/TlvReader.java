package io.github.itl4j.tlv;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTag;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.RecordTag;

/**
 * A cursor over TLV-encoded bytes. Short-lived and single-threaded; create one per walk.
 *
 * <p>In header mode a 0x0D byte at the top level is one {@link Event#PADDING} byte, and the container tags of
 * {@link HeaderTags#isContainer(int)} open a nesting level: the cursor reports {@link Event#CONTAINER_START}, then the
 * children, then {@link Event#CONTAINER_END}. In record mode every item is a plain TLV.
 *
 * <p>Every length is checked against the end of its container (or of the input) before the cursor moves, so a
 * malformed input ends in {@link ItlFormatException} with the offset and tag, never in an index exception.
 *
 * <pre>{@code
 * TlvReader r = TlvReader.header(bytes, 0);
 * for (TlvReader.Event e; (e = r.next()) != null; ) {
 *     System.out.println(r.offset() + " " + r.tag() + " " + r.length());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TlvReader {
    /** What the cursor is on after {@link #next()}. */
    public enum Event {
        /** a plain TLV; {@link #value()} gives its value */
        VALUE,
        /** a single 0x0D padding byte */
        PADDING,
        /** the tag and length of a container; its children follow */
        CONTAINER_START,
        /** the end of the container opened last; {@link #tag()} is that container's tag */
        CONTAINER_END
    }

    private static final int MAX_DEPTH = 8;

    private Bytes data;
    private long base;
    private final boolean headerMode;
    /**
     * Open containers, two ints each: where it ends, its tag (header mode only; record mode never nests, so it
     * allocates nothing here).
     */
    private final int[] open;

    private int depth;
    private int pos;
    private int tag = -1;
    private int length;
    private int start;
    private Event event;

    private TlvReader(Bytes data, long base, boolean headerMode) {
        this.data = data;
        this.base = base;
        this.headerMode = headerMode;
        this.open = headerMode ? new int[2 * MAX_DEPTH] : null;
    }

    /**
     * A cursor in header mode (padding bytes and containers recognised).
     *
     * @param data the header bytes
     * @param baseOffset file offset of {@code data}'s first byte, for error messages and {@link #offset()}
     * @return the cursor, before the first element
     */
    public static TlvReader header(Bytes data, long baseOffset) {
        return new TlvReader(data, baseOffset, true);
    }

    /**
     * A cursor in record mode (every item a plain TLV).
     *
     * @param data the record bytes
     * @param baseOffset file offset of {@code data}'s first byte
     * @return the cursor, before the first element
     */
    public static TlvReader record(Bytes data, long baseOffset) {
        return new TlvReader(data, baseOffset, false);
    }

    /**
     * A cursor in record mode over {@code data} from position {@code from} to its end, without slicing: positions
     * ({@link #position()}, {@link #consumed()}) stay relative to {@code data}.
     *
     * @param data the bytes
     * @param from position of the first element
     * @param baseOffset file offset of {@code data}'s first byte
     * @return the cursor, before the first element
     * @throws IndexOutOfBoundsException if {@code from} is outside {@code [0, data.size()]}
     */
    public static TlvReader record(Bytes data, int from, long baseOffset) {
        java.util.Objects.checkIndex(from, data.size() + 1);
        TlvReader r = new TlvReader(data, baseOffset, false);
        r.pos = from;
        return r;
    }

    /**
     * Points this record-mode cursor at another record, as {@link #record(Bytes, int, long)} would, so that a reader
     * of many records reuses one cursor.
     *
     * @param newData the bytes
     * @param from position of the first element
     * @param baseOffset file offset of {@code newData}'s first byte
     * @return this cursor, before the first element
     * @throws IllegalStateException if this is a header-mode cursor
     */
    public TlvReader resetRecord(Bytes newData, int from, long baseOffset) {
        if (headerMode) {
            throw new IllegalStateException("resetRecord on a header-mode cursor");
        }
        java.util.Objects.checkIndex(from, newData.size() + 1);
        data = newData;
        base = baseOffset;
        pos = from;
        depth = 0;
        tag = -1;
        length = 0;
        start = 0;
        event = null;
        return this;
    }

    /**
     * Moves to the next element.
     *
     * @return the event, or {@code null} at the end of the input
     * @throws ItlFormatException if a length crosses the end of its container or of the input
     */
    public Event next() throws ItlFormatException {
        if (depth > 0 && pos == open[2 * depth - 2]) {
            depth--;
            tag = open[2 * depth + 1];
            start = pos;
            length = 0;
            return event = Event.CONTAINER_END;
        }
        int limit = depth > 0 ? open[2 * depth - 2] : data.size();
        if (pos >= limit) {
            return event = null;
        }
        start = pos;
        int t = data.getUnsigned(pos);
        if (headerMode && depth == 0 && t == Padding.TAG) {
            tag = t;
            length = 0;
            pos++;
            return event = Event.PADDING;
        }
        if (limit - pos < Tlv.HEADER_SIZE) {
            throw new ItlFormatException(
                    String.format(
                            "Truncated TLV: tag and length need %d bytes, only %d remain%s",
                            Tlv.HEADER_SIZE, limit - pos, where()),
                    base + pos,
                    t);
        }
        int len = data.getU16(pos + 1);
        if (len > limit - pos - Tlv.HEADER_SIZE) {
            throw new ItlFormatException(
                    String.format(
                            "%s declares length %d, but only %d bytes remain%s",
                            name(t), len, limit - pos - Tlv.HEADER_SIZE, where()),
                    base + pos,
                    t);
        }
        tag = t;
        length = len;
        if (headerMode && HeaderTags.isContainer(t)) {
            if (depth == MAX_DEPTH) {
                throw new ItlFormatException("Containers nested deeper than " + MAX_DEPTH, base + pos, t);
            }
            open[2 * depth] = pos + Tlv.HEADER_SIZE + len;
            open[2 * depth + 1] = t;
            depth++;
            pos += Tlv.HEADER_SIZE;
            return event = Event.CONTAINER_START;
        }
        pos += Tlv.HEADER_SIZE + len;
        return event = Event.VALUE;
    }

    private String name(int t) {
        return (headerMode ? HeaderTag.nameOf(t) : RecordTag.nameOf(t)) + " (tag " + t + ")";
    }

    private String where() {
        return depth > 0
                ? " in " + HeaderTags.name(open[2 * depth - 1])
                : (headerMode ? " in the header" : " in the record");
    }

    /** @return the current event, or null before the first call or at the end */
    public Event event() {
        return event;
    }

    /** @return the current element's tag (for {@link Event#CONTAINER_END}, the closed container's) */
    public int tag() {
        return tag;
    }

    /** @return the current element's length field (0 for padding and container ends) */
    public int length() {
        return length;
    }

    /** @return file offset of the current element's tag byte */
    public long offset() {
        return base + start;
    }

    /** @return position of the current element's tag byte within the input */
    public int position() {
        return start;
    }

    /** @return position just past what has been consumed, within the input */
    public int consumed() {
        return pos;
    }

    /** @return the current nesting depth: 0 at the top level, 1 inside one container, ... */
    public int depth() {
        return depth;
    }

    /** @return the value of the current {@link Event#VALUE}, a view (no copy) */
    public Bytes value() {
        if (event != Event.VALUE) {
            throw new IllegalStateException("not on a value: " + event);
        }
        return data.slice(start + Tlv.HEADER_SIZE, length);
    }

    /**
     * @return the tag of the innermost open container, or -1 at the top level
     */
    public int containerTag() {
        return depth > 0 ? open[2 * depth - 1] : -1;
    }
}
