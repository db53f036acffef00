package io.github.itl4j.trust;

/**
 * The verdict of an identity-mode decision ({@link IdentityMode}).
 *
 * @since 0.1.0
 */
public enum IdentityVerdict {
    /** The signer is a record the phone trusts for this file (the signature itself was not checked). */
    ACCEPT,
    /** The phone rejects the file. */
    REJECT,
    /** The phone does not request this form of the file. */
    NOT_REQUESTED,
    /** Not decidable without the bytes a capture lacks (the decisive rule says which). */
    UNKNOWN;

    /** @return true for ACCEPT */
    public boolean isAccepted() {
        return this == ACCEPT;
    }
}
