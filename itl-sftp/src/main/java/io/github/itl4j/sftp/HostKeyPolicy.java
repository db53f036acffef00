package io.github.itl4j.sftp;

/**
 * What to do with a server host key that known_hosts does not know yet.
 *
 * <p>Whatever the policy, a key marked {@code @revoked} is refused, and so is any key known_hosts does not hold for a
 * host that has a key of <em>any</em> type recorded (hashed or plain, {@code host} or {@code [host]:22} for port 22)
 * or a {@code @cert-authority} line: {@link RemoteKeyException.Reason#CHANGED_HOST_KEY}. A server that offers only an
 * RSA key where its ed25519 key is known is therefore refused, never recorded as new (a key type downgrade). The
 * policy decides only about hosts with no key at all.
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
     * Accept the host key of a host that known_hosts holds no key for, and append it to known_hosts, as
     * {@code ssh -o StrictHostKeyChecking=accept-new}. Later connections then check it strictly.
     */
    ACCEPT_NEW
}
