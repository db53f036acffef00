package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void copyOfIsIsolatedFromTheSource() {
        byte[] src = {1, 2, 3};
        Bytes b = Bytes.copyOf(src);
        src[0] = 9;
        assertEquals(1, b.get(0));
        Bytes part = Bytes.copyOf(src, 1, 2);
        assertEquals(Bytes.fromHex("0203"), part);
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.copyOf(src, 2, 2));
    }

    @Test
    void toByteArrayCopies() {
        Bytes b = Bytes.fromHex("0a0b");
        byte[] out = b.toByteArray();
        out[0] = 0;
        assertEquals(0x0a, b.get(0));
    }

    @Test
    void sliceSharesAndChecksBounds() {
        Bytes b = Bytes.fromHex("00112233445566");
        Bytes s = b.slice(2, 3);
        assertEquals(Bytes.fromHex("223344"), s);
        assertEquals(Bytes.fromHex("33"), s.slice(1, 1));
        assertSame(b, b.slice(0, b.size()));
        assertEquals(Bytes.EMPTY, b.slice(7, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(5, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(-1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.getU16(2));
        assertThrows(IndexOutOfBoundsException.class, () -> s.getU32(0));
    }

    @Test
    void unsignedReads() {
        Bytes b = Bytes.fromHex("ff fe 80 01 7f");
        assertEquals(0xFF, b.getUnsigned(0));
        assertEquals(0xFFFE, b.getU16(0));
        assertEquals(0xFFFE8001L, b.getU32(0));
        assertEquals(0x80017FL, b.slice(1, 4).getU32(0) & 0xFFFFFF);
        assertEquals(-2, b.get(1));
    }

    @Test
    void equalityIsByContentWhateverTheBackingArray() {
        Bytes a = Bytes.fromHex("00aabb00").slice(1, 2);
        Bytes b = Bytes.fromHex("aabb");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Bytes.fromHex("aabc"));
        assertNotEquals(a, "aabb");
        assertTrue(a.contentEquals(new byte[] {(byte) 0xaa, (byte) 0xbb}));
        assertFalse(a.contentEquals(new byte[] {(byte) 0xaa}));
    }

    @Test
    void orderIsUnsignedLexicographic() {
        assertTrue(Bytes.fromHex("7f").compareTo(Bytes.fromHex("80")) < 0);
        assertTrue(Bytes.fromHex("01").compareTo(Bytes.fromHex("0100")) < 0);
        assertEquals(0, Bytes.fromHex("ff").compareTo(Bytes.fromHex("00ff").slice(1, 1)));
    }

    @Test
    void hex() {
        assertEquals("00ff10", Bytes.fromHex("00:FF:10").toHex());
        assertEquals("00ff10", Bytes.fromHex("00 ff 10").toHex());
        assertEquals("", Bytes.EMPTY.toHex());
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("zz"));
    }

    @Test
    void nulTerminatedStrings() {
        assertEquals("ab", Bytes.fromHex("616200").toNulTerminatedString());
        assertEquals("ab", Bytes.fromHex("61620000").toNulTerminatedString());
        assertEquals("ab", Bytes.fromHex("6162").toNulTerminatedString());
        assertEquals("", Bytes.fromHex("00").toNulTerminatedString());
        assertEquals("é", Bytes.utf8("é").toNulTerminatedString());
        assertEquals("\uFFFD", Bytes.fromHex("ff00").toNulTerminatedString());
    }

    @Test
    void byteBufferIsReadOnlyAndPositioned() {
        Bytes b = Bytes.fromHex("00112233").slice(1, 2);
        ByteBuffer bb = b.asByteBuffer();
        assertTrue(bb.isReadOnly());
        assertEquals(0, bb.position());
        assertEquals(2, bb.limit());
        assertEquals(0x11, bb.get(0));
        assertThrows(ReadOnlyBufferException.class, () -> bb.put(0, (byte) 1));
    }

    @Test
    void feedHandsTheSliceRangeOnce() throws IOException {
        Bytes b = Bytes.fromHex("0011223344").slice(1, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] calls = {0};
        b.<IOException>feed((array, offset, length) -> {
            calls[0]++;
            assertEquals(1, offset);
            assertEquals(3, length);
            out.write(array, offset, length);
        });
        assertEquals(1, calls[0]);
        assertArrayEquals(b.toByteArray(), out.toByteArray());
        IOException thrown = assertThrows(
                IOException.class,
                () -> b.<IOException>feed((a, o, l) -> {
                    throw new IOException("sink");
                }));
        assertEquals("sink", thrown.getMessage());
    }

    @Test
    void copyToAndWriteTo() throws IOException {
        Bytes b = Bytes.fromHex("00112233").slice(1, 2);
        byte[] dst = new byte[4];
        b.copyTo(dst, 1);
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0}, dst);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertArrayEquals(new byte[] {0x11, 0x22}, out.toByteArray());
    }

    @Test
    void toStringShowsAtMost32Bytes() {
        assertEquals("Bytes[2]0102", Bytes.fromHex("0102").toString());
        String s = Bytes.wrapOwned(new byte[40]).toString();
        assertTrue(s.startsWith("Bytes[40]"));
        assertEquals("Bytes[40]".length() + 64 + 1, s.length());
    }

    @Test
    void emptyAndSize() {
        assertTrue(Bytes.EMPTY.isEmpty());
        assertEquals(0, Bytes.EMPTY.size());
        assertFalse(Bytes.utf8("x").isEmpty());
        assertThrows(NullPointerException.class, () -> Bytes.wrapOwned(null));
    }
}
