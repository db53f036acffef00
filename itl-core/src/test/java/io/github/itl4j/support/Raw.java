package io.github.itl4j.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes bytes by hand, lengths included as given, so that fixtures can be wrong on purpose. {@link #pos()} tells
 * where the next item starts, for asserting offsets.
 */
public final class Raw {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public int pos() {
        return out.size();
    }

    public Raw bytes(int... bs) {
        for (int b : bs) {
            out.write(b);
        }
        return this;
    }

    public Raw bytes(byte[] bs) {
        out.write(bs, 0, bs.length);
        return this;
    }

    /** Tag and a 2-byte length, nothing else (for containers or wrong lengths). */
    public Raw head(int tag, int length) {
        return bytes(tag, length >>> 8 & 0xFF, length & 0xFF);
    }

    public Raw tlv(int tag, byte[] value) {
        return head(tag, value.length).bytes(value);
    }

    public Raw tlv(int tag, int... value) {
        return head(tag, value.length).bytes(value);
    }

    public Raw u16(int tag, int v) {
        return tlv(tag, v >>> 8 & 0xFF, v & 0xFF);
    }

    public Raw str(int tag, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return tlv(tag, z);
    }

    public Raw zeros(int tag, int n) {
        return tlv(tag, new byte[n]);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }
}
