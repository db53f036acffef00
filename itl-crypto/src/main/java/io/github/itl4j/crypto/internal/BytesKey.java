package io.github.itl4j.crypto.internal;

import io.github.itl4j.Bytes;

/**
 * Bytes as a hash key that is cheap to make for long values: the hash covers the length and the last 8 bytes (of a
 * certificate, its signature: as good as random), equality compares every byte. For the caches that keep what was
 * decoded from a certificate, a record or a header by its content (the verifier's certificate cache, lint's caches).
 * Not API.
 */
public final class BytesKey {
    private final Bytes bytes;
    private final int hash;

    /** @param bytes the content (kept as given: a compact copy for a key that is stored, a slice for a look-up) */
    public BytesKey(Bytes bytes) {
        this.bytes = bytes;
        this.hash = hash(bytes);
    }

    /** @return the content */
    public Bytes bytes() {
        return bytes;
    }

    /**
     * @param b some bytes
     * @return the hash of {@link BytesKey}: the length and the last 8 bytes, mixed
     */
    public static int hash(Bytes b) {
        int n = b.size();
        long last = 0;
        if (n >= 8) {
            last = b.getU32(n - 8) << 32 | b.getU32(n - 4);
        } else {
            for (int i = 0; i < n; i++) {
                last = last << 8 | b.getUnsigned(i);
            }
        }
        int h = 31 * n + Long.hashCode(last);
        return h ^ (h >>> 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesKey k && k.hash == hash && k.bytes.equals(bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
