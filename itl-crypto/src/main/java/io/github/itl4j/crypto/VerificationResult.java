package io.github.itl4j.crypto;

import io.github.itl4j.DigestAlgorithm;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of {@link ItlVerifier}: every problem found, and what was learnt about the signer. Immutable and
 * thread-safe. Bad signatures, digests, certificates and inconsistent structure are reported here as
 * {@link Problem}s, never thrown.
 *
 * @since 0.1.0
 */
public final class VerificationResult {
    private final List<Problem> problems;
    private final List<Problem> errors;
    private final List<Problem> warnings;
    private final boolean warningsAsErrors;
    private final boolean signatureValid;
    private final int signerRecordIndex;
    private final X509Certificate signerCertificate;
    private final AnchorMatch anchor;
    private final DigestAlgorithm digestAlgorithm;

    VerificationResult(
            List<Problem> problems,
            boolean warningsAsErrors,
            boolean signatureValid,
            int signerRecordIndex,
            X509Certificate signerCertificate,
            AnchorMatch anchor,
            DigestAlgorithm digestAlgorithm) {
        this.problems = List.copyOf(problems);
        List<Problem> e = new ArrayList<>();
        List<Problem> w = new ArrayList<>();
        for (Problem p : this.problems) {
            (p.isError() ? e : w).add(p);
        }
        this.errors = List.copyOf(e);
        this.warnings = List.copyOf(w);
        this.warningsAsErrors = warningsAsErrors;
        this.signatureValid = signatureValid;
        this.signerRecordIndex = signerRecordIndex;
        this.signerCertificate = signerCertificate;
        this.anchor = anchor;
        this.digestAlgorithm = digestAlgorithm;
    }

    /**
     * @return true if there is no error (and, when the verifier treats warnings as errors, no warning either). Only
     *     then did the signature verify with the signer's key, and, if anchors were configured, the signer match one.
     */
    public boolean isVerified() {
        return signatureValid && errors.isEmpty() && (!warningsAsErrors || warnings.isEmpty());
    }

    /**
     * @return true if the one RSA operation was made and the signature verified with the signer's key. Says nothing
     *     about trust or about the consistency of the other fields; use {@link #isVerified()} to decide.
     */
    public boolean isSignatureValid() {
        return signatureValid;
    }

    /** @return the problems of {@link Severity#ERROR} severity, in the order found */
    public List<Problem> errors() {
        return errors;
    }

    /** @return the problems of {@link Severity#WARNING} severity, in the order found */
    public List<Problem> warnings() {
        return warnings;
    }

    /** @return every problem, in the order found */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * @param code a problem code
     * @return true if some problem has that code
     */
    public boolean has(ProblemCode code) {
        for (Problem p : problems) {
            if (p.code() == code) {
                return true;
            }
        }
        return false;
    }

    /**
     * The record whose key was used: for a trust list, its index in the file; for a .sgn checked against a trust
     * list, its index in that list; empty when the signer is a certificate or none was found.
     *
     * @return the 0-based record index
     */
    public OptionalInt signerRecordIndex() {
        return signerRecordIndex < 0 ? OptionalInt.empty() : OptionalInt.of(signerRecordIndex);
    }

    /** @return the signer's certificate, if the signer was found and has a decodable certificate */
    public Optional<X509Certificate> signerCertificate() {
        return Optional.ofNullable(signerCertificate);
    }

    /** @return which trust anchor vouched for the signer ({@link AnchorMatch.Kind#NONE} if none) */
    public AnchorMatch anchor() {
        return anchor;
    }

    /** @return the header's DIGESTALGORITHM, known or not; empty if absent or malformed */
    public Optional<DigestAlgorithm> digestAlgorithm() {
        return Optional.ofNullable(digestAlgorithm);
    }

    @Override
    public String toString() {
        return "VerificationResult[" + (isVerified() ? "verified" : "NOT verified") + ", " + errors.size() + " errors, "
                + warnings.size() + " warnings, anchor " + anchor.kind() + "]";
    }
}
