package io.github.itl4j.crypto;

import io.github.itl4j.ItlFile;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which trust anchor vouched for a file's signer (docs/trust.md §5 R2, R3, R6): a trusted certificate, a record of a
 * trust list the device already holds, or none (the file was only checked against itself). Immutable.
 *
 * @since 0.1.0
 */
public final class AnchorMatch {
    /** Kinds of anchor. */
    public enum Kind {
        /** No anchor: no anchor was configured, or none matched (then the result has a SIGNER_NOT_TRUSTED error). */
        NONE,
        /** A certificate the caller trusts: given to the builder, or to {@code verifySigned}. */
        CERTIFICATE,
        /** A record of a trust list (installed ITL/CTL, or the list given to {@code verifySigned}). */
        TRUST_LIST_RECORD
    }

    private static final AnchorMatch NONE = new AnchorMatch(Kind.NONE, null, null, -1);

    private final Kind kind;
    private final X509Certificate certificate;
    private final ItlFile trustList;
    private final int recordIndex;

    private AnchorMatch(Kind kind, X509Certificate certificate, ItlFile trustList, int recordIndex) {
        this.kind = kind;
        this.certificate = certificate;
        this.trustList = trustList;
        this.recordIndex = recordIndex;
    }

    static AnchorMatch none() {
        return NONE;
    }

    static AnchorMatch certificate(X509Certificate cert) {
        return new AnchorMatch(Kind.CERTIFICATE, Objects.requireNonNull(cert), null, -1);
    }

    static AnchorMatch trustListRecord(ItlFile list, int index) {
        return new AnchorMatch(Kind.TRUST_LIST_RECORD, null, Objects.requireNonNull(list), index);
    }

    /** @return the kind of anchor */
    public Kind kind() {
        return kind;
    }

    /** @return true unless the kind is {@link Kind#NONE} */
    public boolean isAnchored() {
        return kind != Kind.NONE;
    }

    /** @return the trusted certificate, for {@link Kind#CERTIFICATE} */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** @return the trust list holding the anchor record, for {@link Kind#TRUST_LIST_RECORD} */
    public Optional<ItlFile> trustList() {
        return Optional.ofNullable(trustList);
    }

    /** @return the 0-based index of the anchor record in {@link #trustList()}, or -1 */
    public int recordIndex() {
        return recordIndex;
    }

    @Override
    public String toString() {
        switch (kind) {
            case CERTIFICATE:
                return "AnchorMatch[certificate "
                        + certificate.getSubjectX500Principal().getName() + "]";
            case TRUST_LIST_RECORD:
                return "AnchorMatch[record " + (recordIndex + 1) + " of " + trustList + "]";
            default:
                return "AnchorMatch[none]";
        }
    }
}
