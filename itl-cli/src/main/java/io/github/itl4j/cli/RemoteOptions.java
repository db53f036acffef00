package io.github.itl4j.cli;

import io.github.itl4j.sftp.HostKeyPolicy;
import io.github.itl4j.sftp.RemoteKeyException;
import io.github.itl4j.sftp.SftpKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * An SFTP server holding a key file, as CUCM's {@code utils itl reset remotekey HOST USER PATH}:
 * {@code --remote HOST[:PORT] USER PATH}, with the server's host key checked against {@code --known-hosts}
 * (default {@code ~/.ssh/known_hosts}; strict unless {@code --accept-new-host-key}), and the login by
 * {@code --identity KEYFILE} (an SSH private key) and/or a password ({@link PasswordOptions.Sftp}: file, environment
 * variable or prompt). Without {@code --identity} the password is used.
 *
 * @since 0.1.0
 */
public final class RemoteOptions {
    @Option(
            names = "--remote",
            arity = "3",
            paramLabel = "HOST[:PORT] USER PATH",
            hideParamSyntax = true,
            description = "The SFTP server (port 22 unless given; IPv6 as [ADDR]:PORT), the user to log in as, and "
                    + "the remote file or directory.")
    private List<String> remote;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description =
                    "The OpenSSH known_hosts file that holds the server's host key (default: " + "~/.ssh/known_hosts).")
    private Path knownHosts;

    @Option(
            names = "--accept-new-host-key",
            description = "Accept the host key of a server that the known_hosts file holds no key for, and record it "
                    + "there (as OpenSSH's StrictHostKeyChecking accept-new). A key that differs from those recorded for "
                    + "the "
                    + "host, of any type, is always refused.")
    private boolean acceptNew;

    @Option(
            names = "--identity",
            paramLabel = "KEYFILE",
            description = "Log in with this SSH private key (OpenSSH or PEM format), as ssh -i.")
    private Path identity;

    @Mixin
    private PasswordOptions.Sftp sftpPassword = new PasswordOptions.Sftp();

    @Mixin
    private PasswordOptions.Identity identityPassphrase = new PasswordOptions.Identity();

    /** Creates the options; picocli fills them in. */
    public RemoteOptions() {}

    /** @return whether {@code --remote} was given */
    public boolean given() {
        return remote != null;
    }

    /** @return the remote path (the third value of {@code --remote}) */
    public String path() {
        return remote.get(2);
    }

    /** @return the user (the second value of {@code --remote}) */
    public String user() {
        return remote.get(1);
    }

    /**
     * A server address: host and port.
     *
     * @param host the host name or address (IPv6 without brackets)
     * @param port the TCP port
     */
    record HostPort(String host, int port) {}

    /**
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPV6]}, {@code [IPV6]:PORT} or a bare IPv6 address.
     *
     * @param s the text
     * @return the host and port (22 when not given)
     * @throws CliException ({@link ExitCodes#USAGE}) if it cannot be parsed
     */
    static HostPort parseHostPort(String s) throws CliException {
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw CliException.usage("--remote: '" + s + "' has '[' without ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw CliException.usage("--remote: expected HOST[:PORT] or [ADDRESS]:PORT, got '" + s + "'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && colon == s.lastIndexOf(':')) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            } else {
                host = s; // no colon, or a bare IPv6 address
            }
        }
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw CliException.usage("--remote: no host name in '" + s + "'");
        }
        int p = SftpKeyStore.DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw CliException.usage("--remote: the port must be 1 to 65535, got '" + port + "'");
            }
        }
        return new HostPort(host, p);
    }

    /**
     * Checks the options and that every secret the connection needs can be obtained, before connecting.
     *
     * @throws CliException ({@link ExitCodes#USAGE}) for a wrong combination, an empty user or path, or a password
     *     that cannot be obtained
     */
    public void check() throws CliException {
        if (remote == null) {
            if (knownHosts != null
                    || acceptNew
                    || identity != null
                    || sftpPassword.given()
                    || identityPassphrase.given()) {
                throw CliException.usage("--known-hosts, --accept-new-host-key, --identity and the SFTP password "
                        + "options go with --remote");
            }
            return;
        }
        if (remote.size() != 3) {
            throw CliException.usage("give --remote once: HOST[:PORT] USER PATH");
        }
        parseHostPort(remote.get(0));
        if (user().isEmpty() || user().chars().anyMatch(Character::isWhitespace)) {
            throw CliException.usage("--remote: the user name is empty or has spaces");
        }
        if (path().isEmpty()) {
            throw CliException.usage("--remote: the remote path is empty");
        }
        if (identityPassphrase.given() && identity == null) {
            throw CliException.usage("--identity-passphrase-file/--identity-passphrase-env go with --identity");
        }
        if (identity == null || sftpPassword.given()) {
            sftpPassword.checkAvailable();
        }
        if (identity != null && (identityPassphrase.given() || encrypted(identity))) {
            identityPassphrase.checkAvailable();
        }
    }

    /**
     * Builds the SFTP client configuration.
     *
     * @return the store
     * @throws CliException ({@link ExitCodes#USAGE}) as {@link #check()}
     * @throws IOException if the identity file cannot be read
     */
    public SftpKeyStore store() throws CliException, IOException {
        check();
        HostPort hp = parseHostPort(remote.get(0));
        SftpKeyStore.Builder b;
        try {
            b = SftpKeyStore.builder(hp.host(), user()).port(hp.port());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--remote: " + e.getMessage());
        }
        if (knownHosts != null) {
            b.knownHosts(knownHosts);
        }
        b.hostKeyPolicy(acceptNew ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT);
        if (identity != null) {
            if (!Files.isRegularFile(identity)) {
                throw new NoSuchFileException(identity.toString(), null, "no such file (--identity)");
            }
            if (!Files.isReadable(identity)) { // an I/O error (exit 4), not a wrong credential (exit 3)
                throw new AccessDeniedException(identity.toString(), null, "cannot read the file (--identity)");
            }
            b.privateKey(
                    identity, identityPassphrase.given() || encrypted(identity) ? identityPassphrase.source() : null);
        }
        if (identity == null || sftpPassword.given()) {
            b.password(sftpPassword.source());
        }
        return b.build();
    }

    /** @return {@code user@host:port:path}, for messages */
    public String display() {
        return endpoint() + ":" + path();
    }

    /** @return {@code user@host:port} ({@code [addr]} for IPv6), for messages */
    public String endpoint() {
        try {
            HostPort hp = parseHostPort(remote.get(0));
            String h = hp.host().indexOf(':') >= 0 ? "[" + hp.host() + "]" : hp.host();
            return user() + "@" + h + ":" + hp.port();
        } catch (CliException e) {
            return user() + "@" + remote.get(0);
        }
    }

    /**
     * The one-line error of a failed SFTP operation. A wrong credential of any kind exits as a wrong key password
     * does, {@link ExitCodes#INPUT}: the server refused the password or key
     * ({@link RemoteKeyException.Reason#AUTHENTICATION_FAILED}), or the identity key cannot be loaded, for example
     * with a wrong passphrase ({@link RemoteKeyException.Reason#CLIENT_CREDENTIALS}). Everything else (network,
     * timeouts, host key, known_hosts, remote files) is {@link ExitCodes#IO}.
     *
     * @param e the failure
     * @return the exception to report
     */
    static CliException remoteError(RemoteKeyException e) {
        int code =
                switch (e.reason()) {
                    case AUTHENTICATION_FAILED, CLIENT_CREDENTIALS -> ExitCodes.INPUT;
                    default -> ExitCodes.IO;
                };
        return new CliException(code, e.getMessage() + " [" + e.reason() + "]", e);
    }

    /**
     * Whether an SSH private key file is encrypted, so that its passphrase must be asked for: a PEM key with
     * {@code ENCRYPTED} in its header, or an OpenSSH key whose cipher is not {@code none}. Unreadable or unknown
     * files count as unencrypted (the SSH library then reports the real problem).
     *
     * @param file the key file
     * @return whether it needs a passphrase
     */
    static boolean encrypted(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(256); // the markers and the cipher name are at the start; the key is not read
        } catch (IOException e) {
            return false;
        }
        String text = new String(head, StandardCharsets.US_ASCII);
        Arrays.fill(head, (byte) 0);
        String begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
        int at = text.indexOf(begin);
        if (at < 0) {
            return text.contains("ENCRYPTED");
        }
        String b64 = text.substring(at + begin.length()).replaceAll("[^A-Za-z0-9+/]", "");
        if (b64.length() < 64) {
            return false;
        }
        byte[] der = Base64.getDecoder().decode(b64.substring(0, 64));
        byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
        int n = ((der[magic.length] & 0xFF) << 24)
                | ((der[magic.length + 1] & 0xFF) << 16)
                | ((der[magic.length + 2] & 0xFF) << 8)
                | (der[magic.length + 3] & 0xFF);
        if (n < 0 || magic.length + 4 + n > der.length) {
            return false;
        }
        return !new String(der, magic.length + 4, n, StandardCharsets.US_ASCII).equals("none");
    }
}
