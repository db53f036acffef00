package io.github.itl4j.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A key or certificate could not be loaded or cannot be used. {@link #reason()} says why, as a code that callers and
 * tests can switch on; the message says what was expected and what was found. Messages never contain passwords or
 * key material.
 *
 * @since 0.1.0
 */
public class KeyLoadException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** Why loading failed. */
    public enum Reason {
        /** The password does not open the file (PKCS#12 integrity check or decryption failed). */
        WRONG_PASSWORD,
        /** The key is encrypted and no password was given. */
        PASSWORD_REQUIRED,
        /** The file holds no private key. */
        NO_KEY,
        /** The file holds several private keys and no alias was given (the message lists the aliases). */
        SEVERAL_KEYS,
        /** The requested alias is not a key entry of the file (the message lists the aliases). */
        ALIAS_NOT_FOUND,
        /** No certificate was found for the key. */
        NO_CERTIFICATE,
        /** The private key does not belong to the certificate. */
        KEY_CERTIFICATE_MISMATCH,
        /** The key type or size cannot be used here (e.g. an EC key for an RSA signature, RSA-3072). */
        UNSUPPORTED_KEY,
        /** A limit protecting against hostile files was exceeded (PBE iteration count, file size). */
        LIMIT_EXCEEDED,
        /** The bytes are not a PKCS#12 file, a PEM key or a certificate. */
        MALFORMED,
        /** The file could not be read. */
        IO_ERROR
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what was expected and what was found
     */
    public KeyLoadException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason why
     * @param message what was expected and what was found
     * @param cause the underlying failure
     */
    public KeyLoadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why loading failed */
    public Reason reason() {
        return reason;
    }
}
