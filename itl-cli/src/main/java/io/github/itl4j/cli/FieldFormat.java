package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.CodeSet;
import io.github.itl4j.HeaderTag;
import io.github.itl4j.RecordTag;
import io.github.itl4j.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the value of each header and record tag is shown to people ({@code itl dump}) and, for {@code itl assemble},
 * read back from its decoded form. What each tag is (name, value type, fixed size, code set) comes from core's
 * vocabulary tables {@link HeaderTag} and {@link RecordTag}; nothing about a tag is written here. A value is decoded only when the decoded form gives back exactly the same bytes
 * (a string with one trailing NUL and valid UTF-8, an integer of the tag's fixed size); anything else is hex.
 */
final class FieldFormat {
    /** Where a TLV sits; the same tag number means different things in the header and in a record. */
    enum Scope {
        /** the file header (and its containers) */
        HEADER,
        /** an ITL/CTL record */
        RECORD
    }

    /**
     * A decoded value.
     *
     * @param value a {@link String} or {@link Long}, or null when the value is shown as hex only
     * @param meaning what a code means ({@code SHA-1}, {@code SAST}, a date), or null
     */
    record Decoded(Object value, String meaning) {}

    private FieldFormat() {}

    static String name(Scope scope, int tag) {
        return scope == Scope.HEADER ? HeaderTag.nameOf(tag) : RecordTag.nameOf(tag);
    }

    /** The value type from core's vocabulary tables; unknown tags are binary. */
    static ValueType type(Scope scope, int tag) {
        if (scope == Scope.HEADER) {
            HeaderTag t = HeaderTag.byCode(tag);
            return t == null || t.isContainer() || t.type() == ValueType.PADDING_BYTE ? ValueType.BINARY : t.type();
        }
        RecordTag t = RecordTag.byCode(tag);
        return t == null ? ValueType.BINARY : t.type();
    }

    private static CodeSet codeSet(Scope scope, int tag) {
        if (scope == Scope.HEADER) {
            HeaderTag t = HeaderTag.byCode(tag);
            return t == null ? CodeSet.NONE : t.codeSet();
        }
        RecordTag t = RecordTag.byCode(tag);
        return t == null ? CodeSet.NONE : t.codeSet();
    }

    /**
     * @param scope header or record
     * @param tag the tag
     * @param v the value bytes
     * @return the decoded value; {@code value()} is null when only hex represents the bytes faithfully
     */
    static Decoded decode(Scope scope, int tag, Bytes v) {
        ValueType type = type(scope, tag);
        if (type.size() >= 0 && v.size() != type.size()) {
            return new Decoded(null, null);
        }
        switch (type) {
            case STRING: {
                String s = strictString(v);
                return new Decoded(s, null);
            }
            case VERSION:
                return new Decoded(v.getUnsigned(0) + "." + v.getUnsigned(1), null);
            case IPV4:
                return new Decoded(
                        v.getUnsigned(0) + "." + v.getUnsigned(1) + "." + v.getUnsigned(2) + "." + v.getUnsigned(3),
                        null);
            case U8:
            case U16:
            case U32: {
                long n = type == ValueType.U8 ? v.getUnsigned(0) : type == ValueType.U16 ? v.getU16(0) : v.getU32(0);
                return new Decoded(n, codeSet(scope, tag).describe(n));
            }
            default:
                return new Decoded(null, null);
        }
    }

    /** The text of a NUL-terminated string, or null unless it is valid UTF-8 with exactly one NUL, at the end. */
    static String strictString(Bytes v) {
        int n = v.size();
        if (n == 0 || v.get(n - 1) != 0) {
            return null;
        }
        for (int i = 0; i < n - 1; i++) {
            if (v.get(i) == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(v.slice(0, n - 1).asByteBuffer())
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Encodes a decoded value back into bytes (for {@code itl assemble}).
     *
     * @param scope header or record
     * @param tag the tag
     * @param value a String or a Number, as {@link #decode} produces
     * @return the bytes
     * @throws IllegalArgumentException with a message for the user if the value does not fit the tag
     */
    static Bytes encode(Scope scope, int tag, Object value) {
        ValueType type = type(scope, tag);
        switch (type) {
            case STRING: {
                String s = requireString(value, "a string");
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("a string value may not contain NUL; use 'hex'");
                }
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                ByteBuffer buf = ByteBuffer.allocate(b.length + 1).put(b);
                return Bytes.wrapOwned(buf.array());
            }
            case VERSION: {
                String s = requireString(value, "a version such as \"1.2\"");
                String[] parts = s.split("\\.", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected a version such as \"1.2\", found \"" + s + "\"");
                }
                return Bytes.wrapOwned(new byte[] {(byte) number(parts[0], 255, s), (byte) number(parts[1], 255, s)});
            }
            case IPV4: {
                String s = requireString(value, "an IPv4 address such as \"10.0.0.1\"");
                String[] parts = s.split("\\.", -1);
                if (parts.length != 4) {
                    throw new IllegalArgumentException(
                            "expected an IPv4 address such as \"10.0.0.1\", found \"" + s + "\"");
                }
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    b[i] = (byte) number(parts[i], 255, s);
                }
                return Bytes.wrapOwned(b);
            }
            case U8:
            case U16:
            case U32: {
                long max = type == ValueType.U8 ? 0xFF : type == ValueType.U16 ? 0xFFFF : 0xFFFFFFFFL;
                if (!(value instanceof Long n)) {
                    throw new IllegalArgumentException("expected an integer 0.." + max);
                }
                if (n < 0 || n > max) {
                    throw new IllegalArgumentException("value " + n + " is out of range 0.." + max);
                }
                byte[] b = new byte[type.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (n >>> (8 * (b.length - 1 - i)));
                }
                return Bytes.wrapOwned(b);
            }
            default:
                throw new IllegalArgumentException(name(scope, tag) + " is binary: give its bytes as 'hex'");
        }
    }

    private static String requireString(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected " + what);
    }

    private static int number(String s, int max, String whole) {
        try {
            if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9') && s.length() <= 5) {
                int n = Integer.parseInt(s);
                if (n <= max) {
                    return n;
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("\"" + whole + "\": each part must be a number 0.." + max);
    }

    /**
     * A string for a terminal: printable text as is, quotes, backslashes and control characters escaped.
     *
     * @param s text
     * @return the quoted text
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }
}
