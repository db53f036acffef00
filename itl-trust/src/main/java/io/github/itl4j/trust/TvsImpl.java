package io.github.itl4j.trust;

/**
 * Which TVS implementation answers (docs/trust.md §7).
 *
 * @since 0.1.0
 */
public enum TvsImpl {
    /** Cisco CUCM's TVS: answers QUERY_CERT requests for file signers (MIGSEC). */
    CUCM,
    /** usecallmanager's {@code tvsd}: answers only VERIFY (TLS certificates), so it cannot vouch for a file signer. */
    USECALLMANAGER
}
