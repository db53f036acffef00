package io.github.itl4j;

/**
 * The shape of a TLV value, as the vocabulary tables ({@link HeaderTag}, {@link RecordTag}) declare it: how a value is
 * decoded for people and JSON, and how many bytes it must have when the size is fixed.
 *
 * @since 0.1.0
 */
public enum ValueType {
    /** NUL-terminated UTF-8 text. */
    STRING(-1),
    /** major.minor, 2 bytes. */
    VERSION(2),
    /** unsigned byte. */
    U8(1),
    /** unsigned 16-bit, big-endian. */
    U16(2),
    /** unsigned 32-bit, big-endian. */
    U32(4),
    /** IPv4 address, 4 bytes. */
    IPV4(4),
    /** opaque bytes, shown as hex. */
    BINARY(-1),
    /** a container: the value is child TLVs. */
    CONTAINER(-1),
    /** a single 0x0D byte with no length field (PADDING). */
    PADDING_BYTE(-1);

    private final int size;

    ValueType(int size) {
        this.size = size;
    }

    /** @return the fixed size in bytes, or -1 when the size varies */
    public int size() {
        return size;
    }

    /** @return whether values of this type are unsigned integers (U8, U16, U32) */
    public boolean isInteger() {
        return this == U8 || this == U16 || this == U32;
    }
}
