package io.github.itl4j.sftp;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed SFTP fetch or upload, with a one-line message that names the host and, where one exists, the remote path.
 *
 * <p>{@link #reason()} says what went wrong as a stable code; callers and tests branch on it, never on the message.
 * Messages never contain a password or passphrase.
 *
 * @since 0.1.0
 */
public final class RemoteKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Why a remote operation failed.
     *
     * @since 0.1.0
     */
    public enum Reason {
        /** The host name does not resolve to an address. */
        HOST_NOT_FOUND,
        /** Nothing listens on the port (TCP connection refused). */
        CONNECTION_REFUSED,
        /** The connection, the key exchange, authentication or an SFTP request took longer than its timeout. */
        TIMEOUT,
        /** known_hosts holds no key for the host and the policy is {@link HostKeyPolicy#STRICT}. */
        UNKNOWN_HOST_KEY,
        /**
         * known_hosts holds keys for this host (of the same or another type, or a {@code @cert-authority}) but not
         * the one the server offered: possible man-in-the-middle or key type downgrade.
         */
        CHANGED_HOST_KEY,
        /** The server's host key is marked {@code @revoked} in known_hosts. */
        REVOKED_HOST_KEY,
        /** The known_hosts file cannot be read, or a new key cannot be recorded in it. */
        KNOWN_HOSTS_FILE,
        /** The server rejected every credential offered (wrong password, key not authorized). */
        AUTHENTICATION_FAILED,
        /** The client credential cannot be obtained: private key file missing, unreadable, wrong passphrase,
         *  or the password source failed. */
        CLIENT_CREDENTIALS,
        /** The remote file or directory does not exist. */
        NO_SUCH_FILE,
        /** The server refused access to the remote file or directory. */
        PERMISSION_DENIED,
        /** The remote path is a directory where a file was expected, or a file where a directory was expected. */
        WRONG_FILE_TYPE,
        /** The remote file is larger than the configured fetch limit; it was not read (or not read past the limit). */
        TOO_LARGE,
        /** An upload target already exists with different content; it was left untouched. */
        ALREADY_EXISTS,
        /** The file read back after an upload does not have the SHA-256 of the data sent. */
        DIGEST_MISMATCH,
        /** Any other SSH or SFTP failure (protocol error, connection closed by the server, server-side I/O error). */
        SSH
    }

    private final Reason reason;
    private final String host;

    /**
     * Creates an exception.
     *
     * @param reason what went wrong
     * @param host the {@code host:port} or {@code user@host:port} the operation talked to, for logs
     * @param message a one-line message without secrets
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException if {@code reason}, {@code host} or {@code message} is null
     */
    public RemoteKeyException(Reason reason, String host, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Returns why the operation failed.
     *
     * @return the reason code, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the endpoint the failed operation talked to, as {@code user@host:port}.
     *
     * @return the endpoint, never null
     */
    public String host() {
        return host;
    }
}
