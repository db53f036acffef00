package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.tlv.Tlv;
import java.util.Optional;

/**
 * What a verification needs from a header, checked once: the SIGNATURE, the signer's SERIALNUMBER, CANAME and
 * SIGNERNAME, DIGESTALGORITHM (known), SIGNATUREALGORITHM (0, RSA) and SIGNATUREMODULUS (matching the SIGNATURE's
 * length). Each missing, malformed or unsupported field is reported when this is built. Immutable.
 */
final class SignerHeader {
    final ItlHeader header;
    /** Null if absent. */
    final Bytes signature;
    /** Null if absent or malformed; may be unknown. */
    final DigestAlgorithm digest;
    /** False if the signature cannot be checked: no SIGNATURE, digest or RSA signature algorithm. */
    final boolean usable;
    /** The signer's SERIALNUMBER, or null. */
    final Bytes serial;
    /** CANAME, or null. */
    final String caName;
    /** SIGNERNAME, or null. */
    final String signerName;

    SignerHeader(ItlHeader header, ProblemList problems) {
        this.header = header;
        boolean ok = true;
        Optional<Bytes> sig = header.signature();
        if (sig.isEmpty()) {
            problems.error(ProblemCode.MISSING_HEADER_FIELD, HeaderTags.name(HeaderTags.SIGNATURE));
            ok = false;
        }
        this.signature = sig.orElse(null);
        this.serial = header.serialNumber().orElse(null);
        this.signerName = header.signerName().orElse(null);
        this.caName = header.caName().orElse(null);
        if (signerName == null) {
            problems.error(ProblemCode.MISSING_HEADER_FIELD, HeaderTags.name(HeaderTags.SIGNER_NAME));
        }
        if (serial == null) {
            problems.error(ProblemCode.MISSING_HEADER_FIELD, HeaderTags.name(HeaderTags.SERIAL_NUMBER));
        }
        if (caName == null) {
            problems.error(ProblemCode.MISSING_HEADER_FIELD, HeaderTags.name(HeaderTags.CA_NAME));
        }
        int d = byteField(header, HeaderTags.DIGEST_ALGORITHM, problems);
        DigestAlgorithm alg = null;
        if (d < 0) {
            ok = false;
        } else {
            alg = DigestAlgorithm.of(d);
            if (!alg.isKnown()) {
                problems.error(ProblemCode.UNKNOWN_DIGEST_ALGORITHM, d);
                ok = false;
            }
        }
        this.digest = alg;
        int a = byteField(header, HeaderTags.SIGNATURE_ALGORITHM, problems);
        if (a != 0) {
            if (a > 0) {
                problems.error(ProblemCode.UNSUPPORTED_SIGNATURE_ALGORITHM, a);
            }
            ok = false;
        }
        int m = byteField(header, HeaderTags.SIGNATURE_MODULUS, problems);
        if (m >= 0 && signature != null) {
            SignatureModulus sm = SignatureModulus.of(m);
            if (sm.signatureLength() != signature.size()) {
                problems.add(
                        ProblemCode.SIGNATURE_MODULUS_MISMATCH,
                        Severity.ERROR,
                        -1,
                        header.signatureOffset(),
                        m,
                        sm.signatureLength(),
                        signature.size());
            }
        }
        this.usable = ok;
    }

    /** @return the one-byte value, or -1 after reporting it missing or malformed */
    private static int byteField(ItlHeader header, int tag, ProblemList problems) {
        Optional<Tlv> t = header.find(tag);
        if (t.isEmpty()) {
            problems.error(ProblemCode.MISSING_HEADER_FIELD, HeaderTags.name(tag));
            return -1;
        }
        if (t.get().length() != 1) {
            problems.error(
                    ProblemCode.MALFORMED_HEADER_FIELD,
                    HeaderTags.name(tag),
                    t.get().length(),
                    1);
            return -1;
        }
        return t.get().value().getUnsigned(0);
    }

    /** @return true if DIGESTALGORITHM is present and known */
    boolean digestUsable() {
        return digest != null && digest.isKnown();
    }
}
