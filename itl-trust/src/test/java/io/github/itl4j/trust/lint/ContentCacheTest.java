package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.itl4j.Bytes;
import org.junit.jupiter.api.Test;

/** The one bound and key of lint's caches: equal bytes find a value, other bytes miss, the bounds hold. */
class ContentCacheTest {
    @Test
    void equalBytesInAnotherArrayFindTheValueAndOtherBytesMiss() {
        ContentCache<String> c = new ContentCache<>();
        byte[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        c.put(Bytes.wrapOwned(a.clone()), "v");
        byte[] inFile = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0}; // the same bytes as a slice of a larger array
        assertSame("v", c.get(Bytes.wrapOwned(inFile).slice(1, 9)));
        assertEquals(0, c.misses());
        byte[] b = a.clone();
        b[0] = 2; // same length and last eight bytes: same hash, different content
        assertNull(c.get(Bytes.wrapOwned(b)));
        assertNull(c.get(Bytes.wrapOwned(new byte[] {1, 2, 3})));
        assertEquals(2, c.misses());
        assertEquals(1, c.size());
        assertEquals(9, c.bytes());
    }

    @Test
    void aValueLargerThanTheByteBoundIsNotKeptAndAFullCacheStartsAgain() {
        ContentCache<Integer> c = new ContentCache<>();
        c.put(Bytes.wrapOwned(new byte[(int) ContentCache.MAX_BYTES + 1]), 1);
        assertEquals(0, c.size());
        for (int i = 0; i < ContentCache.MAX_ENTRIES + 1; i++) {
            c.put(Bytes.wrapOwned(new byte[] {(byte) i, (byte) (i >> 8), 7}), i);
        }
        assertEquals(1, c.size(), "emptied when the entry after the bound came");
        assertEquals(3, c.bytes());
    }
}
