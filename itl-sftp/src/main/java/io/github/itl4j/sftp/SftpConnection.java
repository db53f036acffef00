package io.github.itl4j.sftp;

import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The connection half of {@link SftpKeyStore}: opens one SSH connection per call, checks the host key against
 * known_hosts ({@link KnownHostsVerifier}), authenticates with a private key and/or a password, opens SFTP, runs the
 * store's work and closes everything, and turns every failure into a {@link RemoteKeyException} with a stable
 * {@link Reason}. It never reads {@code ~/.ssh/config} or {@code ~/.ssh/id_*}. Immutable and thread-safe.
 */
final class SftpConnection {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SftpConnection.class);

    private final String host;
    private final int port;
    private final String user;
    private final PasswordSource password;
    private final Path privateKey;
    private final PasswordSource privateKeyPassphrase;
    private final Path knownHosts;
    private final HostKeyPolicy hostKeyPolicy;
    private final Duration connectTimeout;
    private final Duration authTimeout;
    private final Duration ioTimeout;
    private final String endpoint;

    /**
     * Takes the settings of a connection, already checked by {@link SftpKeyStore.Builder}.
     *
     * @param host the host name or address (IPv6 without brackets)
     * @param port the port
     * @param user the user name
     * @param password the password source, or null
     * @param privateKey the private key file, or null
     * @param privateKeyPassphrase the passphrase source of an encrypted key file, or null
     * @param knownHosts the known_hosts file
     * @param hostKeyPolicy what to do with a host that known_hosts does not know
     * @param connectTimeout the TCP connect timeout
     * @param authTimeout the timeout for key exchange plus authentication
     * @param ioTimeout the timeout for each SFTP request
     */
    SftpConnection(
            String host,
            int port,
            String user,
            PasswordSource password,
            Path privateKey,
            PasswordSource privateKeyPassphrase,
            Path knownHosts,
            HostKeyPolicy hostKeyPolicy,
            Duration connectTimeout,
            Duration authTimeout,
            Duration ioTimeout) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.privateKey = privateKey;
        this.privateKeyPassphrase = privateKeyPassphrase;
        this.knownHosts = knownHosts;
        this.hostKeyPolicy = hostKeyPolicy;
        this.connectTimeout = connectTimeout;
        this.authTimeout = authTimeout;
        this.ioTimeout = ioTimeout;
        this.endpoint = user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return {@code user@host:port} ({@code [addr]} for IPv6), as named in every message */
    String endpoint() {
        return endpoint;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    Path knownHosts() {
        return knownHosts;
    }

    HostKeyPolicy hostKeyPolicy() {
        return hostKeyPolicy;
    }

    /** @return {@code key FILE + password}, {@code key FILE} or {@code password}, for {@code toString} */
    String authentication() {
        return privateKey != null ? "key " + privateKey + (password != null ? " + password" : "") : "password";
    }

    /**
     * Work done on an open SFTP session.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface SftpAction<T> {
        /**
         * Runs on the session.
         *
         * @param sftp the open SFTP client, closed after the call
         * @return the result
         * @throws IOException if a request fails; a {@link RemoteKeyException} is passed on as it is, any other
         *         exception is classified by {@link SftpConnection}
         */
        T run(SftpClient sftp) throws IOException;
    }

    /**
     * Connects, checks the host key, authenticates, opens SFTP, runs {@code action}, and closes everything.
     * {@code subject} is the remote path named in SFTP error messages.
     */
    <T> T withSftp(String subject, SftpAction<T> action) throws RemoteKeyException {
        KnownHostsVerifier verifier = KnownHostsVerifier.load(knownHosts, hostKeyPolicy, host, port, endpoint);
        KeyPair keyPair = privateKey != null ? loadPrivateKey() : null;
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // never read ~/.ssh/config
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // never read ~/.ssh/id_*
        client.setSignatureFactories(verifier.preferKnownTypes(client.getSignatureFactories()));
        List<UserAuthFactory> auths = new ArrayList<>();
        if (keyPair != null) {
            auths.add(UserAuthPublicKeyFactory.INSTANCE);
        }
        if (password != null) {
            auths.add(UserAuthPasswordFactory.INSTANCE);
            auths.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
        }
        client.setUserAuthFactories(auths);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, connectTimeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, authTimeout);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, ioTimeout);
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, ioTimeout);
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, ioTimeout);
        client.start();
        try {
            ClientSession session;
            try {
                session =
                        client.connect(user, host, port).verify(connectTimeout).getSession();
            } catch (IOException | RuntimeException e) {
                throw classify(e, verifier, "connecting to");
            }
            try (session) {
                if (keyPair != null) {
                    session.addPublicKeyIdentity(keyPair);
                }
                if (password != null) {
                    char[] pw = obtain(password, "SFTP password");
                    try {
                        // MINA takes a String; it lives as long as the session
                        session.addPasswordIdentity(new String(pw));
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                }
                try {
                    session.auth().verify(authTimeout);
                } catch (IOException | RuntimeException e) {
                    throw classify(e, verifier, "authenticating to");
                }
                LOG.debug("SFTP: authenticated to {}@{}:{} by {}", user, host, port, authentication());
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    return action.run(sftp);
                } catch (RemoteKeyException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    throw classifySftp(e, verifier, subject);
                }
            } catch (IOException e) { // closing the session
                if (e instanceof RemoteKeyException r) {
                    throw r;
                }
                throw classify(e, verifier, "closing the session with");
            }
        } finally {
            client.stop();
        }
    }

    private KeyPair loadPrivateKey() throws RemoteKeyException {
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(privateKey);
        } catch (IOException e) {
            throw new RemoteKeyException(
                    Reason.CLIENT_CREDENTIALS, endpoint, "cannot read private key file " + privateKey + ": " + e, e);
        }
        char[] pass = privateKeyPassphrase != null ? obtain(privateKeyPassphrase, "private key passphrase") : null;
        try {
            FilePasswordProvider provider =
                    pass != null ? FilePasswordProvider.of(new String(pass)) : FilePasswordProvider.EMPTY;
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                    null, NamedResource.ofName(privateKey.toString()), new ByteArrayInputStream(encoded), provider);
            if (pairs != null) {
                for (KeyPair kp : pairs) {
                    return kp;
                }
            }
            throw new RemoteKeyException(
                    Reason.CLIENT_CREDENTIALS,
                    endpoint,
                    "no private key found in " + privateKey + " (expected an OpenSSH or PEM private key)",
                    null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof RemoteKeyException r) {
                throw r;
            }
            throw new RemoteKeyException(
                    Reason.CLIENT_CREDENTIALS,
                    endpoint,
                    "cannot load private key file " + privateKey + " (wrong passphrase or unsupported format): "
                            + e.getClass().getSimpleName(),
                    e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
            if (pass != null) {
                Arrays.fill(pass, '\0');
            }
        }
    }

    private char[] obtain(PasswordSource source, String what) throws RemoteKeyException {
        try {
            char[] pw = source.password();
            if (pw == null) {
                throw new RemoteKeyException(Reason.CLIENT_CREDENTIALS, endpoint, "no " + what + " given", null);
            }
            return pw;
        } catch (RemoteKeyException e) {
            throw e;
        } catch (IOException e) {
            throw new RemoteKeyException(
                    Reason.CLIENT_CREDENTIALS, endpoint, "cannot obtain the " + what + ": " + e.getMessage(), e);
        }
    }

    /** What the server rejected, for the authentication failure message: {@code password and key FILE}. */
    private String credentials() {
        if (password != null && privateKey != null) {
            return "password and key " + privateKey;
        }
        return password != null ? "password" : "key " + privateKey;
    }

    private RemoteKeyException classify(Exception e, KnownHostsVerifier verifier, String doing) {
        if (verifier.failure() != null) {
            return verifier.failure();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof InterruptedByTimeoutException) {
                return new RemoteKeyException(
                        Reason.TIMEOUT,
                        endpoint,
                        "timed out " + doing + " " + endpoint
                                + " (connect timeout " + connectTimeout.toMillis() + " ms, authentication timeout "
                                + authTimeout.toMillis() + " ms)",
                        e);
            }
            if (t instanceof ConnectException && String.valueOf(t.getMessage()).contains("refused")) {
                return new RemoteKeyException(
                        Reason.CONNECTION_REFUSED,
                        endpoint,
                        "connection refused by " + endpoint + " (is an SSH server listening on port " + port + "?)",
                        e);
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new RemoteKeyException(Reason.HOST_NOT_FOUND, endpoint, "unknown host " + host, e);
            }
            if (t instanceof SshException se
                    && se.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                return new RemoteKeyException(
                        Reason.AUTHENTICATION_FAILED,
                        endpoint,
                        "authentication failed for " + endpoint + " (" + credentials() + " rejected)",
                        e);
            }
            if (t instanceof InterruptedIOException) {
                Thread.currentThread().interrupt();
            }
        }
        return new RemoteKeyException(
                Reason.SSH, endpoint, "failed " + doing + " " + endpoint + ": " + e.getMessage(), e);
    }

    private RemoteKeyException classifySftp(Exception e, KnownHostsVerifier verifier, String subject) {
        if (e instanceof SftpException se) {
            switch (se.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE:
                case SftpConstants.SSH_FX_NO_SUCH_PATH:
                    return new RemoteKeyException(
                            Reason.NO_SUCH_FILE,
                            endpoint,
                            "no such remote file or directory " + subject + " on " + endpoint,
                            e);
                case SftpConstants.SSH_FX_PERMISSION_DENIED:
                    return new RemoteKeyException(
                            Reason.PERMISSION_DENIED,
                            endpoint,
                            "permission denied for " + subject + " on " + endpoint,
                            e);
                default:
                    return new RemoteKeyException(
                            Reason.SSH,
                            endpoint,
                            "SFTP request for " + subject + " failed on " + endpoint + ": "
                                    + SftpConstants.getStatusName(se.getStatus()) + " " + se.getMessage(),
                            e);
            }
        }
        if (e instanceof SshException && String.valueOf(e.getMessage()).startsWith("Timeout expired")) {
            return new RemoteKeyException(
                    Reason.TIMEOUT,
                    endpoint,
                    "SFTP request to " + endpoint + " got no answer within " + ioTimeout.toMillis() + " ms",
                    e);
        }
        return classify(e, verifier, "talking SFTP with");
    }
}
