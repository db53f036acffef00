package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.TrustAnchors.CertInfo;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 */
final class CertCache {
    /** The most certificates kept: the default record limit of a trust list. */
    static final int MAX_ENTRIES = 1024;
    /** The most DER bytes kept: the default size limit of a trust list. */
    static final long MAX_DER_BYTES = 2L * 1024 * 1024;

    private final ConcurrentHashMap<Key, CertInfo> map = new ConcurrentHashMap<>();
    private final AtomicLong derBytes = new AtomicLong();
    /** Certificates decoded (parsed) through this cache, for tests. */
    private final AtomicLong decodes = new AtomicLong();

    /**
     * A certificate's DER as a map key. The hash takes the length and the last 16 bytes (the certificate's signature:
     * as good as random, and much cheaper than hashing it all); equality compares every byte.
     */
    static final class Key {
        final Bytes der;
        private final int hash;

        Key(Bytes der) {
            this.der = der;
            int n = der.size();
            int h = n;
            for (int i = Math.max(0, n - 16); i < n; i++) {
                h = 31 * h + der.get(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.der.equals(der);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * @param key a certificate's DER
     * @return the certificate decoded earlier, or null
     */
    CertInfo get(Key key) {
        return map.get(key);
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
        if (map.size() >= MAX_ENTRIES || derBytes.get() + size > MAX_DER_BYTES) {
            clear(size);
        }
        if (map.putIfAbsent(new Key(ci.der), ci) == null) {
            derBytes.addAndGet(size);
        }
    }

    private synchronized void clear(int size) {
        if (map.size() >= MAX_ENTRIES || derBytes.get() + size > MAX_DER_BYTES) { // not done by another thread
            map.clear();
            derBytes.set(0);
        }
    }

    /** @return how many certificates are kept (for tests) */
    int size() {
        return map.size();
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
        private HashMap<Key, Object> decoded;

        /** @return true if {@code key} was decoded (or failed to) by this verification; then {@link #get} has it */
        boolean has(Key key) {
            return decoded != null && decoded.containsKey(key);
        }

        /** @return the certificate, or null if it did not decode */
        CertInfo get(Key key) {
            Object o = decoded == null ? null : decoded.get(key);
            return o instanceof CertInfo ci ? ci : null;
        }

        /** @param ci the certificate, or null if it did not decode */
        void put(Key key, CertInfo ci) {
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
        Key k = new Key(der);
        ci = map.get(k);
        if (ci != null) {
            return ci;
        }
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
