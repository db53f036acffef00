package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.crypto.TrustAnchors.CertInfo;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.crypto.internal.DerScan;
import java.util.Optional;

/**
 * The consistency checks of a record against its own certificate: PUBLICKEY, SERIALNUMBER, SIGNATURE and CERTHASH
 * (by {@link Checksums#certHashAlgorithm}) against the decoded CERTIFICATE, and the certificate's encoding itself.
 * Certificates come from the verifier's {@link CertCache}; what this verification decoded is remembered, so none is
 * decoded twice. Single-threaded, short-lived (one per verification).
 */
final class RecordChecks {
    private final CertCache certs;
    private final TrustAnchors anchors;
    private final ProblemList problems;
    /** The certificates this verification decoded itself. */
    private final CertCache.Memo memo = new CertCache.Memo();

    RecordChecks(CertCache certs, TrustAnchors anchors, ProblemList problems) {
        this.certs = certs;
        this.anchors = anchors;
        this.problems = problems;
    }

    /**
     * Decodes a record's certificate (or takes it from the anchors, decoded at build time, or from the cache) and
     * compares it with the record's fields, reporting each difference with {@code sev}.
     *
     * @return the certificate, or null if the record has none or it does not decode
     */
    CertInfo check(ItlRecord r, int index, long offset, Severity sev) {
        CertInfo known = certs.checkedRecord(r.encoded());
        if (known != null) {
            return known; // these exact bytes were found consistent before: the same comparisons give the same result
        }
        int before = problems.list().size();
        CertInfo ci = compare(r, index, offset, sev);
        if (ci != null && problems.list().size() == before) {
            certs.putCheckedRecord(r.encoded(), ci);
        }
        return ci;
    }

    private CertInfo compare(ItlRecord r, int index, long offset, Severity sev) {
        // one pass over the fields, the first of each tag (as ItlRecord.value): no Optional per field
        int cert = -1;
        int pk = -1;
        int sn = -1;
        int sg = -1;
        boolean hash = false;
        for (int i = r.fieldCount() - 1; i >= 0; i--) {
            switch (r.fieldTag(i)) {
                case RecordTags.CERTIFICATE -> cert = i;
                case RecordTags.PUBLIC_KEY -> pk = i;
                case RecordTags.SERIAL_NUMBER -> sn = i;
                case RecordTags.SIGNATURE -> sg = i;
                case RecordTags.CERT_HASH -> hash = true;
                default -> {}
            }
        }
        if (cert < 0) {
            return null;
        }
        Bytes der = r.fieldValue(cert);
        CertInfo ci = certs.decode(der, anchors, memo);
        if (ci == null) {
            DerScan.Refusal why = Certificates.refusal(der);
            if (why != null
                    && (why.issue() == DerScan.Issue.TOO_DEEP || why.issue() == DerScan.Issue.INDEFINITE_LENGTH)) {
                problems.add(ProblemCode.CERTIFICATE_ENCODING_REFUSED, sev, index, offset, der.size(), why.describe());
            } else {
                problems.add(ProblemCode.CERTIFICATE_MALFORMED, sev, index, offset, der.size());
            }
            return null;
        }
        if (pk >= 0 && ci.keyField != null && !r.fieldValue(pk).equals(ci.keyField)) {
            problems.add(ProblemCode.PUBLIC_KEY_MISMATCH, sev, index, offset);
        }
        if (sn >= 0 && !Certificates.sameSerial(r.fieldValue(sn), ci.serial)) {
            problems.add(
                    ProblemCode.SERIAL_NUMBER_MISMATCH,
                    sev,
                    index,
                    offset,
                    r.fieldValue(sn).toHex(),
                    ci.serial.toHex());
        }
        if (sg >= 0 && !r.fieldValue(sg).equals(ci.signature)) {
            problems.add(ProblemCode.CERTIFICATE_SIGNATURE_MISMATCH, sev, index, offset);
        }
        if (hash) {
            Optional<DigestAlgorithm> alg = Checksums.certHashAlgorithm(r);
            if (alg.isPresent() && !r.certHash().orElseThrow().equals(ci.digest(alg.get()))) {
                problems.add(
                        ProblemCode.CERT_HASH_MISMATCH,
                        sev,
                        index,
                        offset,
                        alg.get().toString());
            }
        }
        return ci;
    }
}
