package io.github.itl4j.sftp;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Reads and writes small secret files, such as an {@code ITLRecovery.p12}, on an SFTP server: what CUCM's
 * {@code utils itl reset remotekey HOST USER PATH} and {@code file get tftp ITLRecovery.p12} do by hand.
 * (A store of key <em>files</em> on a server, not a {@link java.security.KeyStore}.)
 *
 * <p>The server's host key is checked against an OpenSSH {@code known_hosts} file as {@code ssh} does (see
 * {@link HostKeyPolicy}). {@link #fetch} keeps the file in memory only and refuses files over a size limit;
 * {@link #upload} writes through a temporary name, never overwrites a different file, reads the result back and
 * compares SHA-256.
 *
 * <p>Instances are immutable and thread-safe; every call opens its own connection and closes it before returning
 * (connection, host key check and authentication live in the package-private {@code SftpConnection}; this class
 * holds the store operations).
 * <pre>{@code
 * SftpKeyStore remote = SftpKeyStore.builder("sftp.example.com", "backup")
 *         .password(() -> System.console().readPassword("SFTP password: "))
 *         .build();
 * byte[] p12 = remote.fetch("itl/ITLRecovery.p12");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SftpKeyStore {

    /** The default SSH port. */
    public static final int DEFAULT_PORT = 22;
    /** The default limit for {@link #fetch}: 1 MiB, far above any PKCS#12 holding one key and a few certificates. */
    public static final int DEFAULT_MAX_FETCH_BYTES = 1 << 20;
    /** The default TCP connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default timeout for key exchange plus authentication: 30 seconds. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** The default timeout for each SFTP request: 30 seconds. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(30);

    private static final int CHUNK = 32 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Connection, host key check and authentication; this class holds the store operations on top of it. */
    private final SftpConnection connection;

    private final int maxFetchBytes;
    private final String endpoint;

    private SftpKeyStore(Builder b) {
        this.connection = new SftpConnection(
                b.host,
                b.port,
                b.user,
                b.password,
                b.privateKey,
                b.privateKeyPassphrase,
                b.knownHosts != null ? b.knownHosts : defaultKnownHosts(),
                b.hostKeyPolicy,
                b.connectTimeout,
                b.authTimeout,
                b.ioTimeout);
        this.maxFetchBytes = b.maxFetchBytes;
        this.endpoint = connection.endpoint();
    }

    /**
     * Starts a configuration for {@code user} on {@code host}.
     *
     * @param host a host name or an IP address (IPv6 without brackets)
     * @param user the SSH user name
     * @return a new builder; at least one of {@link Builder#password} and {@link Builder#privateKey} must be set
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code host} or {@code user} is empty or contains whitespace
     */
    public static Builder builder(String host, String user) {
        return new Builder(host, user);
    }

    /**
     * Returns OpenSSH's per-user known hosts file, {@code ~/.ssh/known_hosts}.
     *
     * @return the path, which may not exist
     */
    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /**
     * Returns the server host name or address.
     *
     * @return the host, as given to the builder
     */
    public String host() {
        return connection.host();
    }

    /**
     * Returns the server port.
     *
     * @return the port, 22 unless set
     */
    public int port() {
        return connection.port();
    }

    /**
     * Returns the SSH user name.
     *
     * @return the user
     */
    public String user() {
        return connection.user();
    }

    /**
     * Returns the known_hosts file used to check, and with {@link HostKeyPolicy#ACCEPT_NEW} to record, host keys.
     *
     * @return the path
     */
    public Path knownHosts() {
        return connection.knownHosts();
    }

    /**
     * Returns the policy for host keys that known_hosts does not know.
     *
     * @return the policy, {@link HostKeyPolicy#STRICT} unless set
     */
    public HostKeyPolicy hostKeyPolicy() {
        return connection.hostKeyPolicy();
    }

    /**
     * Returns the largest file {@link #fetch} accepts.
     *
     * @return the limit in bytes
     */
    public int maxFetchBytes() {
        return maxFetchBytes;
    }

    /**
     * Reads a remote file into memory. Nothing is written to local disk.
     *
     * <p>The size the server reports is checked before reading, and reading stops one byte past the limit whatever
     * the server reported, so a huge or endless file (a device, a growing file) is never read in full.
     *
     * @param remotePath the file on the server; relative paths are relative to the user's login directory
     * @return the file content, a new array the caller owns (and should wipe once the key is loaded)
     * @throws RemoteKeyException if the connection, the host key check or authentication fails, if the file is
     *         missing, unreadable, a directory, or larger than {@link #maxFetchBytes()}
     * @throws NullPointerException if {@code remotePath} is null
     * @throws IllegalArgumentException if {@code remotePath} is empty
     */
    public byte[] fetch(String remotePath) throws RemoteKeyException {
        Objects.requireNonNull(remotePath, "remotePath");
        if (remotePath.isEmpty()) {
            throw new IllegalArgumentException("remotePath is empty");
        }
        return connection.withSftp(remotePath, sftp -> readBounded(sftp, remotePath, maxFetchBytes));
    }

    /**
     * Uploads {@code data} as {@code remoteDir/fileName}, reads it back and compares SHA-256.
     *
     * <p>The data goes to a temporary file in {@code remoteDir} created exclusively with mode 0600, which is then
     * renamed to {@code fileName}, so a reader never sees half a file. An existing {@code fileName} is never
     * replaced: if it holds the same bytes the upload succeeds with {@link UploadResult#alreadyPresent()} (nothing
     * is written), otherwise it fails with {@link Reason#ALREADY_EXISTS}. The temporary file is removed on failure.
     *
     * @param data the bytes to upload (not modified)
     * @param remoteDir an existing directory on the server, relative to the login directory unless absolute
     * @param fileName the name of the file to create in {@code remoteDir}
     * @return what was written and verified
     * @throws RemoteKeyException if the connection, the host key check or authentication fails, if the directory
     *         is missing or not writable, if a different file already has that name, or if the file read back
     *         differs from {@code data}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code remoteDir} is empty, or {@code fileName} is empty, {@code .},
     *         {@code ..}, or contains {@code /} or NUL
     */
    public UploadResult upload(byte[] data, String remoteDir, String fileName) throws RemoteKeyException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(remoteDir, "remoteDir");
        Objects.requireNonNull(fileName, "fileName");
        if (remoteDir.isEmpty()) {
            throw new IllegalArgumentException("remoteDir is empty");
        }
        if (fileName.isEmpty()
                || fileName.equals(".")
                || fileName.equals("..")
                || fileName.indexOf('/') >= 0
                || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        byte[] copy = data.clone();
        byte[] digest = sha256(copy);
        String dir = remoteDir.endsWith("/") ? remoteDir : remoteDir + "/";
        String target = dir + fileName;
        try {
            return connection.withSftp(remoteDir, sftp -> upload(sftp, copy, digest, remoteDir, target));
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    private UploadResult upload(SftpClient sftp, byte[] data, byte[] digest, String dir, String target)
            throws IOException {
        Attributes dirAttrs = sftp.stat(dir);
        if (!dirAttrs.isDirectory()) {
            throw new RemoteKeyException(
                    Reason.WRONG_FILE_TYPE,
                    endpoint,
                    "remote path " + dir + " on " + endpoint + " is not a directory",
                    null);
        }
        boolean alreadyPresent = exists(sftp, target);
        if (alreadyPresent) {
            requireSameContent(sftp, target, data);
        } else {
            String temp = target.substring(0, target.lastIndexOf('/') + 1) + "."
                    + target.substring(target.lastIndexOf('/') + 1) + ".part-" + randomHex();
            boolean renamed = false;
            try {
                try (CloseableHandle h = sftp.open(temp, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive)) {
                    sftp.setStat(h, new Attributes().perms(0600));
                    for (int off = 0; off < data.length; off += CHUNK) {
                        sftp.write(h, off, data, off, Math.min(CHUNK, data.length - off));
                    }
                }
                try {
                    sftp.rename(temp, target);
                    renamed = true;
                } catch (SftpException e) {
                    // SFTP v3 rename does not replace an existing file: someone created it since we looked
                    if (!exists(sftp, target)) {
                        throw e;
                    }
                    requireSameContent(sftp, target, data);
                    alreadyPresent = true;
                }
            } finally {
                if (!renamed) {
                    removeQuietly(sftp, temp);
                }
            }
        }
        byte[] back = readNoLongerThan(sftp, target, data.length);
        if (back == null) {
            throw new RemoteKeyException(
                    Reason.DIGEST_MISMATCH,
                    endpoint,
                    "remote file " + target + " on " + endpoint + " reads back longer than the " + data.length
                            + " bytes sent",
                    null);
        }
        byte[] backDigest = sha256(back);
        long size = back.length;
        Arrays.fill(back, (byte) 0);
        if (!MessageDigest.isEqual(digest, backDigest)) {
            throw new RemoteKeyException(
                    Reason.DIGEST_MISMATCH,
                    endpoint,
                    "remote file " + target + " on " + endpoint
                            + " reads back as " + size + " bytes with SHA-256 "
                            + HexFormat.of().formatHex(backDigest)
                            + ", expected " + data.length + " bytes with SHA-256 "
                            + HexFormat.of().formatHex(digest),
                    null);
        }
        return new UploadResult(target, size, Bytes.wrapOwned(backDigest), alreadyPresent);
    }

    private void requireSameContent(SftpClient sftp, String target, byte[] data) throws IOException {
        byte[] existing = readNoLongerThan(sftp, target, data.length);
        boolean same = existing != null && Arrays.equals(existing, data);
        if (existing != null) {
            Arrays.fill(existing, (byte) 0);
        }
        if (!same) {
            throw new RemoteKeyException(
                    Reason.ALREADY_EXISTS,
                    endpoint,
                    "remote file " + target + " on " + endpoint
                            + " already exists with different content; not replaced",
                    null);
        }
    }

    /** Reads a file expected to hold {@code length} bytes; null if it is longer. */
    private byte[] readNoLongerThan(SftpClient sftp, String path, int length) throws IOException {
        try {
            return readBounded(sftp, path, length);
        } catch (RemoteKeyException e) {
            if (e.reason() == Reason.TOO_LARGE) {
                return null;
            }
            throw e;
        }
    }

    /** Reads at most {@code limit} bytes of a regular file; fails unread if the file is known to be longer. */
    private byte[] readBounded(SftpClient sftp, String path, int limit) throws IOException {
        try (CloseableHandle h = sftp.open(path, OpenMode.Read)) {
            Attributes attrs = sftp.stat(h);
            if (attrs.isDirectory()) {
                throw new RemoteKeyException(
                        Reason.WRONG_FILE_TYPE,
                        endpoint,
                        "remote path " + path + " on " + endpoint + " is a directory, not a file",
                        null);
            }
            if (attrs.isRegularFile() && attrs.getSize() > limit) {
                throw tooLarge(path, attrs.getSize() + " bytes", limit);
            }
            InputStream in = new InputStream() {
                private long offset;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int r;
                    do {
                        r = read(one, 0, 1);
                    } while (r == 0);
                    return r < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int r = sftp.read(h, offset, b, off, Math.min(CHUNK, len));
                    if (r > 0) {
                        offset += r;
                    }
                    return r;
                }
            };
            try {
                // the library's one bounded reader, in its variant for secrets: every dropped buffer is wiped
                return BoundedReader.readSecret(in, limit, "maxKeyFileSize");
            } catch (ItlLimitException e) {
                throw tooLarge(path, "more than " + limit + " bytes", limit);
            }
        }
    }

    private RemoteKeyException tooLarge(String path, String found, int limit) {
        return new RemoteKeyException(
                Reason.TOO_LARGE,
                endpoint,
                "remote file " + path + " on " + endpoint + " is " + found + ", over the limit of " + limit
                        + " bytes; not read",
                null);
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.lstat(path);
            return true;
        } catch (SftpException e) {
            int status = e.getStatus();
            if (status == SftpConstants.SSH_FX_NO_SUCH_FILE || status == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return false;
            }
            throw e;
        }
    }

    private static void removeQuietly(SftpClient sftp, String path) {
        try {
            sftp.remove(path);
        } catch (IOException e) {
            // best effort: the temporary file may not exist (open failed) or the session may be gone
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String randomHex() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Describes the configuration, without secrets.
     *
     * @return for example {@code SftpKeyStore[backup@sftp.example.com:22, STRICT, password, /home/u/.ssh/known_hosts]}
     */
    @Override
    public String toString() {
        return "SftpKeyStore[" + endpoint + ", " + connection.hostKeyPolicy() + ", " + connection.authentication()
                + ", " + connection.knownHosts() + "]";
    }

    /**
     * Collects the settings of an {@link SftpKeyStore}. Not thread-safe; the instance it builds is.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String host;
        private final String user;
        private int port = DEFAULT_PORT;
        private PasswordSource password;
        private Path privateKey;
        private PasswordSource privateKeyPassphrase;
        private Path knownHosts;
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private Duration ioTimeout = DEFAULT_IO_TIMEOUT;
        private int maxFetchBytes = DEFAULT_MAX_FETCH_BYTES;

        private Builder(String host, String user) {
            this.host = requireToken(host, "host");
            this.user = requireToken(user, "user");
        }

        private static String requireToken(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isEmpty()
                    || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException(name + " must be non-empty without whitespace: '" + value + "'");
            }
            return value;
        }

        /**
         * Sets the server port.
         *
         * @param port 1 to 65535; 22 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is out of range
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Authenticates with a password (SSH {@code password}, and {@code keyboard-interactive} for servers that
         * only offer that). The source is asked once per connection.
         *
         * @param source supplies the password
         * @return this builder
         * @throws NullPointerException if {@code source} is null
         */
        public Builder password(PasswordSource source) {
            this.password = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Authenticates with a private key file (OpenSSH or PEM format; RSA, ECDSA or Ed25519), as
         * {@code ssh -i}. The file is read once per connection. If a password is set too, the key is tried first.
         *
         * @param keyFile the private key file
         * @param passphrase supplies the passphrase of an encrypted key file, or {@code null} if it is not encrypted
         * @return this builder
         * @throws NullPointerException if {@code keyFile} is null
         */
        public Builder privateKey(Path keyFile, PasswordSource passphrase) {
            this.privateKey = Objects.requireNonNull(keyFile, "keyFile");
            this.privateKeyPassphrase = passphrase;
            return this;
        }

        /**
         * Sets the known_hosts file.
         *
         * @param file an OpenSSH known_hosts file; {@link SftpKeyStore#defaultKnownHosts()} by default. A missing
         *        file counts as empty (and is created by {@link HostKeyPolicy#ACCEPT_NEW}).
         * @return this builder
         * @throws NullPointerException if {@code file} is null
         */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Sets what to do with an unknown host key.
         *
         * @param policy {@link HostKeyPolicy#STRICT} by default
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder hostKeyPolicy(HostKeyPolicy policy) {
            this.hostKeyPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the TCP connect timeout.
         *
         * @param timeout positive; {@link SftpKeyStore#DEFAULT_CONNECT_TIMEOUT} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets the timeout for the key exchange plus authentication.
         *
         * @param timeout positive; {@link SftpKeyStore#DEFAULT_AUTH_TIMEOUT} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets how long to wait for each SFTP answer (and for the SFTP channel to open).
         *
         * @param timeout positive; {@link SftpKeyStore#DEFAULT_IO_TIMEOUT} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder ioTimeout(Duration timeout) {
            this.ioTimeout = positive(timeout);
            return this;
        }

        /**
         * Sets the largest file {@link SftpKeyStore#fetch} accepts.
         *
         * @param bytes 1 to {@code Integer.MAX_VALUE - 8}; {@link SftpKeyStore#DEFAULT_MAX_FETCH_BYTES} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder maxFetchBytes(int bytes) {
            if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "maxFetchBytes must be 1.." + (Integer.MAX_VALUE - 8) + ": " + bytes);
            }
            this.maxFetchBytes = bytes;
            return this;
        }

        /**
         * Builds the immutable configuration. Nothing is contacted or read yet.
         *
         * @return the configuration
         * @throws IllegalStateException if neither a password nor a private key was set
         */
        public SftpKeyStore build() {
            if (password == null && privateKey == null) {
                throw new IllegalStateException("set a password or a private key for " + user + "@" + host);
            }
            return new SftpKeyStore(this);
        }

        private static Duration positive(Duration d) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            return d;
        }
    }
}
