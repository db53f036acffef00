package io.github.itl4j.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A file cannot be signed, built or reset as asked, because of the input (not because of a bug): the header reserves
 * a signature of another size, the new signer is not a SAST record of the file, a record would exceed 65535 bytes,
 * and so on, or because the signing provider failed ({@link Reason#SIGNATURE_FAILED}). {@link #reason()} says which.
 *
 * <p>It is a {@link GeneralSecurityException}, as {@link KeyLoadException} is, not an
 * {@link io.github.itl4j.ItlException}: nothing was wrong with the bytes read (those fail earlier, in the reader), and
 * a failure of the provider (a token removed, an HSM unreachable) is not malformed input. Callers tell refusals caused
 * by the request from provider failures with {@link #isProviderFailure()}.
 *
 * @since 0.1.0
 */
public class ItlSigningException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** Tag used when no tag applies. */
    public static final int NO_TAG = -1;

    /** Why the operation was refused. */
    public enum Reason {
        /** The header has no SIGNATURE slot, or reserves one whose size differs from the key's. */
        SIGNATURE_SIZE,
        /** The header's DIGESTALGORITHM is missing or unknown. */
        UNKNOWN_DIGEST,
        /** The header names another signer (SERIALNUMBER differs from the key's certificate). */
        SIGNER_MISMATCH,
        /** The signing certificate is not a SAST record of the trust list (phones would reject the file). */
        SIGNER_NOT_SAST,
        /** A record, the header or a field would exceed the format's 16-bit lengths. */
        TOO_LARGE,
        /** A certificate cannot be encoded into a record (unsupported key type, bad encoding). */
        BAD_CERTIFICATE,
        /** The JCA provider failed to sign. */
        SIGNATURE_FAILED
    }

    private final Reason reason;
    private final String originalMessage;
    private final int tag;

    /**
     * @param reason why
     * @param message what was expected and what was found
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param cause the underlying failure, may be null
     */
    public ItlSigningException(Reason reason, String message, int tag, Throwable cause) {
        super(tag >= 0 ? message + " (tag " + tag + ")" : message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.originalMessage = message;
        this.tag = tag;
    }

    /** @return the message without the tag */
    public String getOriginalMessage() {
        return originalMessage;
    }

    /** @return the tag involved, or {@link #NO_TAG} */
    public int tag() {
        return tag;
    }

    /**
     * @return true if the signing provider failed ({@link Reason#SIGNATURE_FAILED}): the request was acceptable, the
     *     environment was not; false if the request itself was refused
     */
    public boolean isProviderFailure() {
        return reason == Reason.SIGNATURE_FAILED;
    }

    /** @return why the operation was refused */
    public Reason reason() {
        return reason;
    }
}
