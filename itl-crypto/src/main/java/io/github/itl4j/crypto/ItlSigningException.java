package io.github.itl4j.crypto;

import io.github.itl4j.ItlException;
import java.util.Objects;

/**
 * A file cannot be signed, built or reset as asked, because of the input (not because of a bug): the header reserves
 * a signature of another size, the new signer is not a SAST record of the file, a record would exceed 65535 bytes,
 * and so on. {@link #reason()} says which.
 *
 * @since 0.1.0
 */
public class ItlSigningException extends ItlException {
    private static final long serialVersionUID = 1L;

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

    /**
     * @param reason why
     * @param message what was expected and what was found
     * @param tag the tag involved, or {@link #NO_TAG}
     * @param cause the underlying failure, may be null
     */
    public ItlSigningException(Reason reason, String message, int tag, Throwable cause) {
        super(message, NO_OFFSET, tag, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the operation was refused */
    public Reason reason() {
        return reason;
    }
}
