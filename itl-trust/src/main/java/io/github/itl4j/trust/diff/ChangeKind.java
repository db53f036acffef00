package io.github.itl4j.trust.diff;

/**
 * How a certificate's records changed between two versions of a trust list (docs/lint.md).
 *
 * @since 0.1.0
 */
public enum ChangeKind {
    /** Same certificate, record bytes equal (in the roles it has in both). */
    UNCHANGED,
    /**
     * Same certificate, different record bytes: DNSNAME/IPADDRESS, name formatting, CERTIFICATE/CERTHASH, tag order.
     */
    REENCODED,
    /** Another certificate in the same role (same subject, or the only one of that role set that changed). */
    ROTATED,
    /** Only in the new list. */
    ADDED,
    /** Only in the old list. */
    REMOVED
}
