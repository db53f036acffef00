package io.github.itl4j.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One TVS a phone may reach (docs/trust.md §7): its label, the server certificate phones see on port 2445, whether
 * it is reachable, which implementation answers, its trust stores and own certificates, and the TTL of its answers.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class TvsInstance {
    /** The TTL CUCM's TVS gives (86400 s, MIGSEC). */
    public static final long DEFAULT_TTL_SECONDS = 86_400;

    private final String label;
    private final X509Certificate serverCertificate;
    private final boolean reachable;
    private final TvsImpl impl;
    private final Map<String, List<X509Certificate>> stores;
    private final long ttlSeconds;
    private final List<Anchor> entries;

    private TvsInstance(
            String label,
            X509Certificate serverCertificate,
            boolean reachable,
            TvsImpl impl,
            Map<String, List<X509Certificate>> stores,
            long ttlSeconds) {
        this.label = Objects.requireNonNull(label, "label");
        this.serverCertificate = Objects.requireNonNull(serverCertificate, "serverCertificate");
        this.reachable = reachable;
        this.impl = Objects.requireNonNull(impl, "impl");
        Map<String, List<X509Certificate>> m = new LinkedHashMap<>();
        List<Anchor> es = new ArrayList<>();
        for (Map.Entry<String, List<X509Certificate>> e : stores.entrySet()) {
            m.put(e.getKey(), List.copyOf(e.getValue()));
            for (X509Certificate c : e.getValue()) {
                es.add(Anchor.ofCertificate(e.getKey(), java.util.Set.of(), c));
            }
        }
        this.stores = Collections.unmodifiableMap(m);
        if (ttlSeconds <= 0) {
            throw new IllegalArgumentException("ttl must be positive: " + ttlSeconds);
        }
        this.ttlSeconds = ttlSeconds;
        this.entries = List.copyOf(es);
    }

    /**
     * @param label a name for reports (e.g. the cluster or node)
     * @param serverCertificate the TVS server certificate
     * @param stores store name to certificates (e.g. {@code Phone-SAST-trust}, {@code own:CallManager})
     * @return a reachable CUCM TVS with the default TTL
     */
    public static TvsInstance of(
            String label, X509Certificate serverCertificate, Map<String, List<X509Certificate>> stores) {
        return new TvsInstance(label, serverCertificate, true, TvsImpl.CUCM, stores, DEFAULT_TTL_SECONDS);
    }

    /**
     * @param b whether phones can reach it
     * @return a copy
     */
    public TvsInstance reachable(boolean b) {
        return new TvsInstance(label, serverCertificate, b, impl, stores, ttlSeconds);
    }

    /**
     * @param i the implementation
     * @return a copy
     */
    public TvsInstance impl(TvsImpl i) {
        return new TvsInstance(label, serverCertificate, reachable, i, stores, ttlSeconds);
    }

    /**
     * @param seconds the TTL of its answers
     * @return a copy
     */
    public TvsInstance ttlSeconds(long seconds) {
        return new TvsInstance(label, serverCertificate, reachable, impl, stores, seconds);
    }

    /**
     * @param newLabel the label
     * @return a copy
     */
    public TvsInstance label(String newLabel) {
        return new TvsInstance(newLabel, serverCertificate, reachable, impl, stores, ttlSeconds);
    }

    /** @return the label */
    public String label() {
        return label;
    }

    /** @return the server certificate */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** @return whether phones can reach it */
    public boolean isReachable() {
        return reachable;
    }

    /** @return the implementation */
    public TvsImpl impl() {
        return impl;
    }

    /** @return store name to certificates */
    public Map<String, List<X509Certificate>> stores() {
        return stores;
    }

    /** @return the TTL of its answers, in seconds */
    public long ttlSeconds() {
        return ttlSeconds;
    }

    /**
     * The stores that hold a certificate with this serial and issuer (R14: TVS looks up by serial + issuer).
     *
     * @return matching entries; {@link Anchor#where} is the store name
     */
    List<Anchor> lookup(String serialHex, String issuer) {
        List<Anchor> out = new ArrayList<>();
        String key = Certs.nameKey(issuer);
        for (Anchor a : entries) {
            if (a.serialHex.equals(serialHex) && a.issuerKey.equals(key)) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TvsInstance[" + label + ", " + impl + (reachable ? "" : ", unreachable") + ", stores " + stores.keySet()
                + "]";
    }
}
