package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.TrustAnchors.CertInfo;
import io.github.itl4j.crypto.internal.BytesKey;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The record certificates one verifier has decoded, by DER content: a trust list is verified again and again with the
 * same records, and a CUCM cluster's list holds 25 to 50 distinct certificates (phones take up to about 39), so every
 * one of them is kept, and a repeated verification decodes none. Thread-safe.
 *
 * <p>Bounded, so that hostile files cannot grow it: at most {@link #MAX_ENTRIES} certificates and
 * {@link #MAX_DER_BYTES} bytes of DER (each entry holds a compact copy of its DER, never a slice of a file). When a new
 * certificate does not fit, the cache is emptied and starts again: a flood of distinct certificates costs what it
 * would without a cache, and the next list verified twice is cached again. One verification never decodes a
 * certificate twice whatever the cache holds: {@link Memo} remembers what the verification decoded itself.
 *
 * <p>It also remembers records found consistent with their certificate ({@link #checkedRecord}): a record whose
 * bytes are those of a record already checked without a problem needs no comparison, and its lookup allocates nothing.
 * Those copies count in the same bounds.
 */
final class CertCache {
    /** The most certificates kept: the default record limit of a trust list. */
    static final int MAX_ENTRIES = 1024;
    /** The most DER bytes kept: the default size limit of a trust list. */
    static final long MAX_DER_BYTES = 2L * 1024 * 1024;

    /** Open addressing, linear probing, twice {@link #MAX_ENTRIES} slots: a lookup allocates nothing. */
    private static final int SLOTS = 2 * MAX_ENTRIES;

    /** The two tables, replaced together by empty ones when full; readers of the old ones are not disturbed. */
    private static final class Tables {
        /** Certificates by DER. */
        final AtomicReferenceArray<CertInfo> certs = new AtomicReferenceArray<>(SLOTS);
        /** Records (exact bytes) found consistent with their certificate. */
        final AtomicReferenceArray<CheckedRecord> records = new AtomicReferenceArray<>(SLOTS);
    }

    /** A record's bytes (a compact copy) that were checked without a problem against {@code cert}. */
    private record CheckedRecord(Bytes record, CertInfo cert) {}

    private volatile Tables tables = new Tables();
    private final AtomicInteger entries = new AtomicInteger();
    private final AtomicLong derBytes = new AtomicLong();
    /** Certificates decoded (parsed) through this cache, for tests. */
    private final AtomicLong decodes = new AtomicLong();

    /** {@link BytesKey#hash}: the length and the last 8 bytes of a certificate (its signature: as good as random). */
    static int hash(Bytes der) {
        return BytesKey.hash(der);
    }

    /**
     * @param der a certificate's DER
     * @return the certificate decoded earlier, or null
     */
    CertInfo get(Bytes der) {
        AtomicReferenceArray<CertInfo> t = tables.certs;
        int i = hash(der) & (SLOTS - 1);
        for (int probes = 0; probes < SLOTS; probes++) {
            CertInfo c = t.get(i);
            if (c == null) {
                return null;
            }
            if (c.der.equals(der)) {
                return c;
            }
            i = (i + 1) & (SLOTS - 1);
        }
        return null;
    }

    /**
     * Keeps a decoded certificate; empties the cache first when it would exceed its bounds.
     *
     * @param ci the certificate, whose {@code der} is a compact copy
     */
    void put(CertInfo ci) {
        int size = ci.der.size();
        if (size > MAX_DER_BYTES) {
            return;
        }
        if (entries.get() >= MAX_ENTRIES || derBytes.get() + size > MAX_DER_BYTES) {
            clear(size);
        }
        AtomicReferenceArray<CertInfo> t = tables.certs;
        int i = hash(ci.der) & (SLOTS - 1);
        for (int probes = 0; probes < SLOTS; probes++) {
            CertInfo c = t.get(i);
            if (c == null) {
                if (t.compareAndSet(i, null, ci)) {
                    entries.incrementAndGet();
                    derBytes.addAndGet(size);
                    return;
                }
                continue; // another thread took the slot: look at it again
            }
            if (c.der.equals(ci.der)) {
                return;
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }

    /**
     * @param record a record's exact bytes
     * @return the certificate it was found consistent with by an earlier check, or null
     */
    CertInfo checkedRecord(Bytes record) {
        AtomicReferenceArray<CheckedRecord> t = tables.records;
        int i = hash(record) & (SLOTS - 1);
        for (int probes = 0; probes < SLOTS; probes++) {
            CheckedRecord c = t.get(i);
            if (c == null) {
                return null;
            }
            if (c.record().equals(record)) {
                return c.cert();
            }
            i = (i + 1) & (SLOTS - 1);
        }
        return null;
    }

    /**
     * Remembers a record found consistent with its certificate (a compact copy of its bytes is kept).
     *
     * @param record the record's exact bytes
     * @param ci its certificate
     */
    void putCheckedRecord(Bytes record, CertInfo ci) {
        int size = record.size();
        if (entries.get() >= MAX_ENTRIES || derBytes.get() + size > MAX_DER_BYTES) {
            clear(size);
        }
        AtomicReferenceArray<CheckedRecord> t = tables.records;
        int i = hash(record) & (SLOTS - 1);
        CheckedRecord entry = null;
        for (int probes = 0; probes < SLOTS; probes++) {
            CheckedRecord c = t.get(i);
            if (c == null) {
                if (entry == null) {
                    entry = new CheckedRecord(Bytes.wrapOwned(record.toByteArray()), ci);
                }
                if (t.compareAndSet(i, null, entry)) {
                    entries.incrementAndGet();
                    derBytes.addAndGet(size);
                    return;
                }
                continue;
            }
            if (c.record().equals(record)) {
                return;
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }

    private synchronized void clear(int size) {
        if (entries.get() >= MAX_ENTRIES || derBytes.get() + size > MAX_DER_BYTES) { // not done by another thread
            tables = new Tables();
            entries.set(0);
            derBytes.set(0);
        }
    }

    /** @return how many certificates and checked records are kept (for tests) */
    int size() {
        return entries.get();
    }

    /** @return how many certificates were decoded through this cache (for tests) */
    long decodes() {
        return decodes.get();
    }

    /** @return how many DER bytes are kept (for tests) */
    long derBytes() {
        return derBytes.get();
    }

    /**
     * What one verification decoded, so that it never decodes a certificate twice even if the shared cache was
     * emptied meanwhile. Its map is created on the first certificate a verification decodes (none when every one was
     * cached). Single-threaded.
     */
    static final class Memo {
        /** Stands for bytes that did not decode. */
        private static final Object FAILED = new Object();
        /** Null until the verification decodes a certificate itself. */
        private HashMap<BytesKey, Object> decoded;

        /** @return true if {@code key} was decoded (or failed to) by this verification; then {@link #get} has it */
        boolean has(BytesKey key) {
            return decoded != null && decoded.containsKey(key);
        }

        /** @return the certificate, or null if it did not decode */
        CertInfo get(BytesKey key) {
            Object o = decoded == null ? null : decoded.get(key);
            return o instanceof CertInfo ci ? ci : null;
        }

        /** @param ci the certificate, or null if it did not decode */
        void put(BytesKey key, CertInfo ci) {
            if (decoded == null) {
                decoded = new HashMap<>();
            }
            decoded.put(key, ci == null ? FAILED : ci);
        }
    }

    /**
     * A record's certificate, decoded once: from the anchors (decoded at build time), else from this cache, else from
     * what this verification decoded already, else decoded now (and kept).
     *
     * @param der the record's CERTIFICATE (a slice of the file; copied only when kept)
     * @param anchors the verifier's anchors
     * @param memo what this verification decoded
     * @return the certificate, or null if the bytes are not one certificate
     */
    CertInfo decode(Bytes der, TrustAnchors anchors, Memo memo) {
        CertInfo ci = anchors.known(der);
        if (ci != null) {
            return ci;
        }
        ci = get(der);
        if (ci != null) {
            return ci;
        }
        BytesKey k = new BytesKey(der);
        if (memo.has(k)) {
            return memo.get(k);
        }
        decodes.incrementAndGet();
        ci = CertInfo.parse(Bytes.wrapOwned(der.toByteArray())).orElse(null);
        memo.put(k, ci);
        if (ci != null) {
            put(ci);
        }
        return ci;
    }
}
