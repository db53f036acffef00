package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.internal.Certificates;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-signs an existing trust list with another key, as CUCM's {@code utils itl reset localkey|remotekey} does
 * (docs/format.md §9): every record is kept byte for byte; SIGNERNAME, SERIALNUMBER and CANAME are copied from the SAST
 * record that matches the new key's certificate (so they are byte-identical to the record's); SIGNATUREMODULUS, the
 * SIGNATURE, padding and HEADERLENGTH are recomputed ({@link ItlHeader#withSigner}); TIMESTAMP comes from the signer's
 * clock; DIGESTALGORITHM is kept unless {@link Builder#digest(DigestAlgorithm)} is set. Other header elements (unknown
 * tags, SIGNERVERSION) stay in place.
 *
 * <p>A record matches the key's certificate when its CERTIFICATE bytes are equal, else when SERIALNUMBER and
 * ISSUERNAME (in either name format) are, else when PUBLICKEY is. Immutable and thread-safe.
 *
 * <p><b>The input must verify first.</b> A reset signs every record as it is: resetting a list whose signature does
 * not verify would turn records an attacker changed (a foreign TFTP certificate, say) into a list that verifies with
 * the new key. So {@link #reset(ItlFile)} first verifies the file, by default against itself (its signature with its
 * own signer record), or with the {@linkplain Builder#verifier(ItlVerifier) verifier given} (e.g. one with trust
 * anchors), and refuses a file that fails with {@link ItlVerificationException}, which lists the problems. Only
 * {@link Builder#allowUnverifiedInput(boolean)} skips this check, for forensics.
 *
 * @since 0.1.0
 */
public final class ItlResetter {
    private final ItlSigner signer;
    private final boolean force;
    /** Verifies the input before it is signed; null if {@link Builder#allowUnverifiedInput(boolean)}. */
    private final ItlVerifier inputVerifier;

    private final DigestAlgorithm digest;
    /** The new signer's certificate and its derived values (names in both formats, serial, DER, PUBLICKEY). */
    private final X509Certificate cert;

    private final CertFields fields;

    private ItlResetter(Builder b) {
        this.signer = b.signer;
        this.force = b.force;
        this.digest = b.digest;
        // the default needs only the errors: record checks (warnings about other records) are left out
        this.inputVerifier = b.allowUnverified
                ? null
                : b.verifier != null
                        ? b.verifier
                        : ItlVerifier.builder()
                                .checkRecords(false)
                                .provider(b.signer.provider())
                                .build();
        this.cert = signer.key().certificate();
        this.fields = CertFields.of(cert);
    }

    /**
     * @param signer the new signer (e.g. the ITLRecovery key, or the CallManager key); its clock gives the TIMESTAMP
     * @return a builder: the input must verify against itself, no force, digest kept
     */
    public static Builder builder(ItlSigner signer) {
        return new Builder(Objects.requireNonNull(signer, "signer"));
    }

    /**
     * Finds the SAST record of {@code file} that stands for {@code certificate}.
     *
     * @param file a trust list
     * @param certificate a certificate
     * @return the first matching SAST record (by CERTIFICATE, then serial + issuer, then PUBLICKEY)
     */
    public static Optional<ItlRecord> findSastRecord(ItlFile file, X509Certificate certificate) {
        return find(file, certificate, CertFields.of(certificate), true);
    }

    private static Optional<ItlRecord> find(ItlFile file, X509Certificate c, CertFields m, boolean sastOnly) {
        Bytes der = m.der;
        if (der == null) {
            return Optional.empty();
        }
        Bytes serial = m.serial;
        Bytes issuerCucm = m.issuer(NameFormat.CUCM, c);
        Bytes issuerCertutils = m.issuer(NameFormat.CERTUTILS, c);
        Bytes publicKey = m.publicKey;
        for (int pass = 0; pass < 3; pass++) {
            for (ItlRecord r : file.records()) {
                if (sastOnly && !r.role().map(Role.SAST::equals).orElse(false)) {
                    continue;
                }
                boolean match =
                        switch (pass) {
                            case 0 -> r.certificate().map(der::equals).orElse(false);
                            case 1 -> r.serialNumber()
                                            .map(s -> Certificates.sameSerial(s, serial))
                                            .orElse(false)
                                    && r.value(RecordTags.ISSUER_NAME)
                                            .map(v -> v.equals(issuerCucm) || v.equals(issuerCertutils))
                                            .orElse(false);
                            default -> publicKey != null
                                    && r.publicKey().map(publicKey::equals).orElse(false);
                        };
                if (match) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Resets (re-signs) a trust list.
     *
     * @param file the current file (as read)
     * @return the re-signed file: the same records, the new signer's header
     * @throws ItlVerificationException if the file does not verify (see the class comment), unless
     *     {@link Builder#allowUnverifiedInput(boolean)}; nothing is signed then
     * @throws ItlSigningException {@code SIGNER_NOT_SAST} if the new key's certificate is not a SAST record of the
     *     file and force is off (phones would reject the file), or as {@link ItlSigner#signature}
     * @throws ItlFormatException if the header lacks a field to replace
     */
    public ItlFile reset(ItlFile file) throws ItlVerificationException, ItlSigningException, ItlFormatException {
        Objects.requireNonNull(file, "file");
        if (inputVerifier != null) {
            VerificationResult v = inputVerifier.verify(file);
            if (!v.isVerified()) {
                throw new ItlVerificationException(
                        "The trust list to reset does not verify, so it is not re-signed "
                                + "(re-signing would make its unverified records trusted)",
                        v);
            }
        }
        Optional<ItlRecord> rec = find(file, cert, fields, true);
        Bytes name;
        Bytes serial;
        Bytes caName;
        if (rec.isPresent()
                && rec.get().value(RecordTags.SUBJECT_NAME).isPresent()
                && rec.get().serialNumber().isPresent()
                && rec.get().value(RecordTags.ISSUER_NAME).isPresent()) {
            ItlRecord r = rec.get();
            name = r.value(RecordTags.SUBJECT_NAME).get();
            serial = r.serialNumber().get();
            caName = r.value(RecordTags.ISSUER_NAME).get();
        } else if (rec.isPresent() || force) {
            NameFormat f = NameFormat.forLayout(file.header().layout().orElse(Layout.CUCM));
            name = fields.subject(f, cert);
            serial = fields.serial;
            caName = fields.issuer(f, cert);
        } else {
            String other = find(file, cert, fields, false)
                    .flatMap(ItlRecord::role)
                    .map(r -> " (it is listed with role " + r.name() + ", not SAST)")
                    .orElse(" (it is not listed)");
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNER_NOT_SAST,
                    "The new signer "
                            + cert.getSubjectX500Principal().getName() + " is not a SAST record of the file" + other
                            + "; phones would reject the reset file. Use force(true) to sign anyway",
                    RecordTags.FUNCTION,
                    null);
        }
        ItlHeader h = file.header()
                .withSigner(new ItlHeader.Signer(
                        name, serial, caName, signer.key().signatureLength(), digest, signer.nowSeconds()));
        ItlFile prepared = file.withHeader(h);
        // no serial check: the names are the matched record's, whose serial form is what phones compare
        return prepared.withSignature(signer.signature(prepared, false));
    }

    /** Configures an {@link ItlResetter}. Mutable, not thread-safe. */
    public static final class Builder {
        private final ItlSigner signer;
        private boolean force;
        private DigestAlgorithm digest;
        private ItlVerifier verifier;
        private boolean allowUnverified;

        private Builder(ItlSigner signer) {
            this.signer = signer;
        }

        /**
         * The verifier the input must pass before it is re-signed: e.g. one with the trust anchors the list should
         * chain to ({@link ItlVerifier.Builder#trustCertificates}, {@link ItlVerifier.Builder#trustInstalled}). By
         * default the list is verified against itself (its signature, with its own signer record).
         *
         * @param v the verifier, or null for the default
         * @return this builder
         */
        public Builder verifier(ItlVerifier v) {
            verifier = v;
            return this;
        }

        /**
         * <b>Dangerous</b>: re-sign the input even when it does not verify, which makes whatever it holds (records
         * an attacker may have changed) verify with the new key. Meant for forensics on files that will not be
         * published; false by default.
         *
         * @param b true to skip the verification of the input
         * @return this builder
         */
        public Builder allowUnverifiedInput(boolean b) {
            allowUnverified = b;
            return this;
        }

        /**
         * @param b sign even when the new key's certificate is not a SAST record of the file (names then come from
         *     the certificate, written in the file's detected layout); false by default
         * @return this builder
         */
        public Builder force(boolean b) {
            force = b;
            return this;
        }

        /**
         * @param d a new DIGESTALGORITHM, or null to keep the file's (the default)
         * @return this builder
         * @throws IllegalArgumentException for an unknown code
         */
        public Builder digest(DigestAlgorithm d) {
            if (d != null && !d.isKnown()) {
                throw new IllegalArgumentException("Cannot sign with unknown digest " + d);
            }
            digest = d;
            return this;
        }

        /** @return the resetter */
        public ItlResetter build() {
            return new ItlResetter(this);
        }
    }
}
