package io.github.itl4j.sftp;

/**
 * What to do with a server host key that known_hosts does not know yet.
 *
 * <p>Whatever the policy, a host key that differs from the one recorded for the same host and key type is refused
 * ({@link RemoteKeyException.Reason#CHANGED_HOST_KEY}), and so is a key marked {@code @revoked}.
 *
 * @since 0.1.0
 */
public enum HostKeyPolicy {
    /**
     * Refuse unknown host keys, as {@code ssh -o StrictHostKeyChecking=yes}: the error names the host, the key type
     * and its SHA256 fingerprint so that the user can compare it out of band before adding it.
     */
    STRICT,
    /**
     * Accept an unknown host key and append it to known_hosts, as {@code ssh -o StrictHostKeyChecking=accept-new}.
     * Later connections then check it strictly.
     */
    ACCEPT_NEW
}
