package io.github.itl4j.crypto.enc;

import io.github.itl4j.ItlException;
import java.util.Objects;

/**
 * An encrypted configuration cannot be built or decrypted because of its input: {@link #code()} says why (the message
 * starts with its {@link EncryptedConfigCode#label()}, e.g. {@code ENC_DEVICE_KEY_NOT_RSA (E01)}), the message what
 * was expected and what was found, with the byte offset and tag when one applies. Messages never contain key
 * material or plaintext.
 *
 * @since 0.1.0
 */
public class EncryptedConfigException extends ItlException {
    private static final long serialVersionUID = 1L;

    private final EncryptedConfigCode code;

    /**
     * @param code why
     * @param message what was expected and what was found
     * @param offset byte offset in the file, or {@link ItlException#NO_OFFSET}
     * @param tag the tag involved, or {@link ItlException#NO_TAG}
     * @param cause the underlying failure, or null
     */
    public EncryptedConfigException(EncryptedConfigCode code, String message, long offset, int tag, Throwable cause) {
        super(Objects.requireNonNull(code, "code").label() + ": " + message, offset, tag, cause);
        this.code = code;
    }

    /**
     * @param code why
     * @param message what was expected and what was found
     */
    public EncryptedConfigException(EncryptedConfigCode code, String message) {
        this(code, message, NO_OFFSET, NO_TAG, null);
    }

    /** @return why */
    public EncryptedConfigCode code() {
        return code;
    }
}
