package io.github.itl4j.sftp;

import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.signature.Signature;

/**
 * Checks a server host key against an OpenSSH known_hosts file the way {@code ssh} does, for one host and port.
 *
 * <p>Why not MINA's {@code KnownHostsServerKeyVerifier}: it treats a known key of <em>another type</em> as a changed
 * key, and it does not steer the key exchange towards the key types already known for the host. OpenSSH does both
 * (a known ed25519 key makes it ask for ed25519 first; a key of a new type is "unknown", not "changed"). This class
 * does the same, so that a known_hosts written by OpenSSH works unchanged here. One instance serves one connection:
 * the rejection it records is read back after the handshake fails.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

    private static final Object APPEND_LOCK = new Object();
    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    /** A known_hosts line that matches this host, with its key (null if of a type we cannot decode). */
    private record Entry(KnownHostEntry entry, String keyType, PublicKey key, int lineNumber) {
        boolean revoked() {
            return "revoked".equals(entry.getMarker());
        }

        boolean plain() {
            return entry.getMarker() == null || entry.getMarker().isEmpty();
        }
    }

    private final Path file;
    private final HostKeyPolicy policy;
    private final String host;
    private final int port;
    private final String endpoint;
    private final List<Entry> matches;
    private volatile RemoteKeyException failure;

    private KnownHostsVerifier(Path file, HostKeyPolicy policy, String host, int port, String endpoint,
            List<Entry> matches) {
        this.file = file;
        this.policy = policy;
        this.host = host;
        this.port = port;
        this.endpoint = endpoint;
        this.matches = matches;
    }

    /** Reads {@code file} (a missing file counts as empty) and keeps the lines that match {@code host:port}. */
    static KnownHostsVerifier load(Path file, HostKeyPolicy policy, String host, int port, String endpoint)
            throws RemoteKeyException {
        List<Entry> matches = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new RemoteKeyException(Reason.KNOWN_HOSTS_FILE, endpoint,
                    "cannot read known_hosts file " + file + ": " + e, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            KnownHostEntry entry;
            try {
                entry = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException e) {
                continue; // ssh skips lines it cannot parse, and so do we
            }
            if (entry == null || entry.getKeyEntry() == null || !entry.isHostMatch(host, port)) {
                continue;
            }
            AuthorizedKeyEntry keyEntry = entry.getKeyEntry();
            PublicKey key;
            try {
                key = keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                key = null; // a key type we cannot decode can neither match nor be "changed"
            }
            matches.add(new Entry(entry, KeyUtils.getCanonicalKeyType(keyEntry.getKeyType()), key, i + 1));
        }
        return new KnownHostsVerifier(file, policy, host, port, endpoint, List.copyOf(matches));
    }

    /** The pattern ssh writes for this host: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String hostPattern(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == 22 ? h : "[" + h + "]:" + port;
    }

    /**
     * Orders the client's host-key algorithms as OpenSSH does: those whose key type is already known for this host
     * come first, and ssh-ed25519 leads within each group. Certificate algorithms are dropped: host certificates are not supported, only plain keys.
     */
    List<NamedFactory<Signature>> preferKnownTypes(List<NamedFactory<Signature>> available) {
        Set<String> known = new LinkedHashSet<>();
        for (Entry e : matches) {
            if (e.plain() && e.key() != null) {
                known.add(e.keyType());
            }
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> f : available) {
            if (f.getName().endsWith(CERT_SUFFIX)) {
                continue;
            }
            (known.contains(KeyUtils.getCanonicalKeyType(f.getName())) ? first : rest).add(f);
        }
        // with nothing known, ask in OpenSSH's order (ed25519, then ECDSA, then RSA), so that the key reported as
        // unknown is the one `ssh` would have shown the user
        rest.sort(Comparator.comparingInt(f -> f.getName().equals("ssh-ed25519") ? 0 : 1));
        first.sort(Comparator.comparingInt(f -> f.getName().equals("ssh-ed25519") ? 0 : 1));
        first.addAll(rest);
        return first;
    }

    /** The rejection recorded by the last {@link #verifyServerKey} call, or null if the key was accepted. */
    RemoteKeyException failure() {
        return failure;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String type = KeyUtils.getKeyType(serverKey);
        String canonical = KeyUtils.getCanonicalKeyType(type);
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        String shown = hostPattern(host, port);
        for (Entry e : matches) {
            if (e.revoked() && e.key() != null && KeyUtils.compareKeys(e.key(), serverKey)) {
                return reject(Reason.REVOKED_HOST_KEY, "Host key verification failed: the " + type + " host key "
                        + fingerprint + " of " + shown + " is marked @revoked in " + file + ":" + e.lineNumber());
            }
        }
        Entry sameType = null;
        for (Entry e : matches) {
            if (!e.plain() || e.key() == null || !canonical.equals(e.keyType())) {
                continue;
            }
            if (KeyUtils.compareKeys(e.key(), serverKey)) {
                return true;
            }
            if (sameType == null) {
                sameType = e;
            }
        }
        if (sameType != null) {
            return reject(Reason.CHANGED_HOST_KEY, "Host key verification failed: the " + type + " host key of "
                    + shown + " has CHANGED (someone could be eavesdropping): " + file + ":" + sameType.lineNumber()
                    + " has " + KeyUtils.getFingerPrint(sameType.key()) + ", the server offered " + fingerprint
                    + "; if the server was rebuilt, remove that line and verify the new key");
        }
        if (policy == HostKeyPolicy.STRICT) {
            return reject(Reason.UNKNOWN_HOST_KEY, "Host key verification failed: no " + type + " key for " + shown
                    + " in " + file + "; the server offered " + type + " " + fingerprint
                    + " (compare it with the server's key, then accept it as new)");
        }
        try {
            append(shown, serverKey);
        } catch (IOException | RuntimeException e) {
            return reject(Reason.KNOWN_HOSTS_FILE, "cannot record the " + type + " host key " + fingerprint + " of "
                    + shown + " in " + file + ": " + e);
        }
        return true;
    }

    private boolean reject(Reason reason, String message) {
        failure = new RemoteKeyException(reason, endpoint, message, null);
        return false;
    }

    private void append(String pattern, PublicKey key) throws IOException {
        String line = pattern + " " + PublicKeyEntry.toString(key) + "\n";
        synchronized (APPEND_LOCK) {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            }
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] existing = Files.readAllBytes(file);
                if (existing[existing.length - 1] != '\n') {
                    line = "\n" + line;
                }
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
    }
}
