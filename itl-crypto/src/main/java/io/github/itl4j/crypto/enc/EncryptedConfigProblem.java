package io.github.itl4j.crypto.enc;

import java.util.Objects;

/**
 * One finding of a decryption: a warning (the plaintext is usable) or an error (it is not trustworthy).
 *
 * @param code what
 * @param message what was expected and what was found; never key material or plaintext
 * @since 0.1.0
 */
public record EncryptedConfigProblem(EncryptedConfigCode code, String message) {
    /** Validates the arguments. */
    public EncryptedConfigProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** @return whether this is an error */
    public boolean isError() {
        return code.isError();
    }

    @Override
    public String toString() {
        return (isError() ? "ERROR " : "WARN ") + code.label() + ": " + message;
    }
}
