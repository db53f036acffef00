package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.VerificationResult;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link EncryptedConfigDecryptor#decrypt}: the plaintext, the encryption fields, the signature check
 * (unless skipped) and every finding. Immutable.
 *
 * @since 0.1.0
 */
public final class DecryptedConfig {
    private final Bytes plaintext;
    private final EncryptionInfo info;
    private final VerificationResult verification;
    private final List<EncryptedConfigProblem> problems;

    DecryptedConfig(
            Bytes plaintext,
            EncryptionInfo info,
            VerificationResult verification,
            List<EncryptedConfigProblem> problems) {
        this.plaintext = plaintext;
        this.info = info;
        this.verification = verification;
        this.problems = List.copyOf(problems);
    }

    /**
     * The plaintext, only when nothing is wrong.
     *
     * @return the configuration's bytes, padding stripped
     * @throws EncryptedConfigException with the first error's code (e.g. {@code ENC_DIGEST_MISMATCH}) if there is one
     */
    public Bytes plaintext() throws EncryptedConfigException {
        for (EncryptedConfigProblem p : problems) {
            if (p.isError()) {
                throw new EncryptedConfigException(p.code(), p.message());
            }
        }
        return plaintext;
    }

    /**
     * The decrypted bytes whatever the findings, for forensics: with an error (a digest mismatch) they are not what
     * the signer encrypted.
     *
     * @return the decrypted bytes, padding stripped as PADCOUNT says
     */
    public Bytes plaintextUnchecked() {
        return plaintext;
    }

    /** @return the encryption fields of the header */
    public EncryptionInfo info() {
        return info;
    }

    /** @return the signature check; empty when verification was skipped */
    public Optional<VerificationResult> verification() {
        return Optional.ofNullable(verification);
    }

    /** @return every finding, errors and warnings, in the order found */
    public List<EncryptedConfigProblem> problems() {
        return problems;
    }

    /** @return whether there is no error (warnings allowed) */
    public boolean isValid() {
        return problems.stream().noneMatch(EncryptedConfigProblem::isError);
    }

    /**
     * @param code a code
     * @return whether a finding has it
     */
    public boolean has(EncryptedConfigCode code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }

    @Override
    public String toString() {
        return "DecryptedConfig[" + plaintext.size() + " bytes, " + info + ", " + problems + "]";
    }
}
