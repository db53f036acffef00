package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.internal.BytesKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What lint derives from some bytes (a certificate's DER, a record, a header), kept by those bytes for the next list
 * that has them: the certificates and records of a cluster recur in every list linted ({@code itl lint
 * /tftpboot/*.tlv}), so each is decoded once per JVM, not once per file. One cache per kind of value ({@link
 * CertFacts}, {@link RecordFacts}, {@link HeaderFacts}); this class is their one bound and key.
 *
 * <p>Bounded, so that hostile files cannot grow it: at most {@link #MAX_ENTRIES} values and {@link #MAX_BYTES} bytes
 * of keys ({@link BytesKey}, each a compact copy, never a slice of a file); when a new value does not fit, the cache is emptied
 * and starts again. The system property {@value #ENTRIES_PROPERTY} sets {@link #MAX_ENTRIES}; 0 turns every lint cache
 * off, so each list is linted as if its certificates, records and header were seen for the first time (what
 * {@code LintBenchmark} reports as the first-sight cost). Thread-safe; the values must be immutable.
 *
 * @param <V> the derived value
 */
final class ContentCache<V> {
    /** The system property that sets {@link #MAX_ENTRIES} (a whole number, 0 for no caching). */
    static final String ENTRIES_PROPERTY = "io.github.itl4j.lint.cacheEntries";
    /** The most values a cache keeps: by default 1,024, the default record limit of a trust list. */
    static final int MAX_ENTRIES = Math.max(0, Integer.getInteger(ENTRIES_PROPERTY, 1024));
    /** The most key bytes a cache keeps: the default size limit of a trust list. */
    static final long MAX_BYTES = 2L * 1024 * 1024;
    /** False when the caches are off ({@link #MAX_ENTRIES} 0): nothing is looked up, copied or kept. */
    static final boolean ENABLED = MAX_ENTRIES > 0;

    private final ConcurrentHashMap<BytesKey, V> map = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param content the bytes a value was derived from (a slice of a file is fine: it is only compared)
     * @return the value kept for equal bytes, or null (a miss, counted)
     */
    V get(Bytes content) {
        V v = map.get(new BytesKey(content));
        if (v == null) {
            misses.incrementAndGet();
        }
        return v;
    }

    /**
     * Keeps a value, unless caching is off or the bytes alone exceed {@link #MAX_BYTES}.
     *
     * @param ownCopy the bytes the value was derived from, as a compact copy that holds no file in memory
     * @param value the value
     */
    void put(Bytes ownCopy, V value) {
        int size = ownCopy.size();
        if (MAX_ENTRIES == 0 || size > MAX_BYTES) {
            return;
        }
        BytesKey k = new BytesKey(ownCopy);
        synchronized (map) {
            if (map.size() >= MAX_ENTRIES || bytes.get() + size > MAX_BYTES) {
                map.clear();
                bytes.set(0);
            }
            if (map.putIfAbsent(k, value) == null) {
                bytes.addAndGet(size);
            }
        }
    }

    /** @return how many values were not found ({@link #get} returned null), for tests */
    long misses() {
        return misses.get();
    }

    /** @return how many values are kept, for tests */
    int size() {
        return map.size();
    }

    /** @return how many key bytes are kept, for tests */
    long bytes() {
        return bytes.get();
    }
}
