package io.github.itl4j.sftp;

import java.io.IOException;

/**
 * Supplies a password or passphrase when a connection needs it, so that it is read (prompted for, read from a file
 * or an environment variable) only when used.
 *
 * <p>Each call returns a fresh array that the caller owns and wipes after use. Implementations must not log the
 * password.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PasswordSource {

    /**
     * Returns the password.
     *
     * @return a new array holding the password; the caller fills it with zeros after use
     * @throws IOException if the password cannot be obtained (no console, unreadable file, unset variable)
     */
    char[] password() throws IOException;

    /**
     * Returns a source that hands out copies of {@code password}. The array is copied now, so the caller may wipe
     * its own array as soon as this returns; the copy lives as long as the source.
     *
     * @param password the password, not null
     * @return a source returning a new copy on every call
     * @throws NullPointerException if {@code password} is null
     */
    static PasswordSource of(char[] password) {
        char[] copy = password.clone();
        return copy::clone;
    }
}
