package io.github.itl4j.trust;

import io.github.itl4j.Role;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A certificate a TVS vouched for, which the phone keeps for the TTL the TVS gave (docs/trust.md §5 R9: "TVS added cert
 * to TVS cache - expires in 24 hours").
 *
 * @param certificate the certificate the TVS returned
 * @param roles the roles it returned
 * @param expires when the phone forgets it
 * @param tvs the label of the TVS that answered
 * @since 0.1.0
 */
public record CacheEntry(X509Certificate certificate, Set<Role> roles, Instant expires, String tvs) {
    /**
     * Validates and copies the arguments.
     *
     * @param certificate the certificate
     * @param roles its roles
     * @param expires its expiry
     * @param tvs the TVS label
     */
    public CacheEntry {
        Objects.requireNonNull(certificate, "certificate");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(tvs, "tvs");
    }
}
