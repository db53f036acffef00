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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * <p>Why not MINA's {@code KnownHostsServerKeyVerifier}: it does not steer the key exchange towards the key types
 * already known for the host, and its host matching skips lines it cannot parse (such as {@code [host]:*}). This
 * class matches host names as OpenSSH does (comma-separated patterns with {@code *}, {@code ?} and {@code !}
 * negation, hashed {@code |1|} names, {@code host} and {@code [host]:22} alike for port 22) and asks for the known
 * key types first, so that a known_hosts written by OpenSSH works unchanged here.
 *
 * <p>Rules, whatever the {@link HostKeyPolicy}: a key marked {@code @revoked} is refused; a key recorded for the host
 * is accepted; any other key is a <em>changed</em> key as soon as the host has a key of <em>any</em> type recorded
 * (or a {@code @cert-authority} line, since host certificates are not supported here), so that a server offering
 * only an RSA key where an ed25519 key is known cannot pass as new (a key type downgrade). Only a host with no key
 * at all is "unknown", refused by {@link HostKeyPolicy#STRICT} and recorded by {@link HostKeyPolicy#ACCEPT_NEW}.
 * One instance serves one connection: the rejection it records is read back after the handshake fails.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

    private static final Object APPEND_LOCK = new Object();
    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";
    private static final String HASH_MAGIC = "|1|";
    private static final String REVOKED = "revoked";
    private static final String CERT_AUTHORITY = "cert-authority";

    /**
     * A known_hosts line that matches this host.
     *
     * @param marker {@code revoked}, {@code cert-authority}, or null for a plain host key
     * @param keyType the canonical key type named on the line
     * @param key the key, or null if of a type MINA cannot decode
     * @param lineNumber the line number, from 1
     */
    private record Entry(String marker, String keyType, PublicKey key, int lineNumber) {
        boolean revoked() {
            return REVOKED.equals(marker);
        }

        boolean certAuthority() {
            return CERT_AUTHORITY.equals(marker);
        }

        boolean plain() {
            return marker == null;
        }
    }

    private final Path file;
    private final HostKeyPolicy policy;
    private final String host;
    private final int port;
    private final String endpoint;
    private final List<Entry> matches;
    private volatile RemoteKeyException failure;

    private KnownHostsVerifier(
            Path file, HostKeyPolicy policy, String host, int port, String endpoint, List<Entry> matches) {
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new RemoteKeyException(
                    Reason.KNOWN_HOSTS_FILE, endpoint, "cannot read known_hosts file " + file + ": " + e, e);
        }
        List<String> names = hostNames(host, port);
        List<Entry> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Entry e = parse(lines.get(i), i + 1, names);
            if (e != null) {
                matches.add(e);
            }
        }
        return new KnownHostsVerifier(file, policy, host, port, endpoint, List.copyOf(matches));
    }

    /**
     * The names a known_hosts line may use for this host: {@code host} (and {@code [host]:22}) on port 22,
     * {@code [host]:port} otherwise, lower case as OpenSSH compares them.
     */
    static List<String> hostNames(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == SftpKeyStore.DEFAULT_PORT ? List.of(h, "[" + h + "]:" + port) : List.of("[" + h + "]:" + port);
    }

    /** Parses one line; null if it is blank, a comment, malformed (ssh skips those too) or for another host. */
    private static Entry parse(String raw, int lineNumber, List<String> names) {
        String line = raw.trim();
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        String[] f = line.split("\\s+");
        int i = 0;
        String marker = null;
        if (f[0].startsWith("@")) {
            marker = f[0].substring(1);
            if (!marker.equals(REVOKED) && !marker.equals(CERT_AUTHORITY)) {
                return null; // ssh ignores lines with an unknown marker
            }
            i = 1;
        }
        if (f.length < i + 3 || !hostMatches(f[i], names)) {
            return null;
        }
        String type = f[i + 1];
        PublicKey key;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(type + " " + f[i + 2]);
            key = entry == null ? null : entry.resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            key = null; // a key type we cannot decode never matches, but still says the host is known
        }
        return new Entry(marker, KeyUtils.getCanonicalKeyType(type), key, lineNumber);
    }

    /** Whether a known_hosts host field (hashed, or a comma-separated pattern list) names one of {@code names}. */
    static boolean hostMatches(String field, List<String> names) {
        if (field.startsWith(HASH_MAGIC)) {
            String[] parts = field.substring(HASH_MAGIC.length()).split("\\|");
            if (parts.length != 2) {
                return false;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(parts[0]);
                byte[] hash = Base64.getDecoder().decode(parts[1]);
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(salt, "HmacSHA1"));
                for (String name : names) {
                    if (MessageDigest.isEqual(hash, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)))) {
                        return true;
                    }
                }
                return false;
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                return false; // not valid base64, or an empty salt
            }
        }
        boolean matched = false;
        for (String pattern : field.toLowerCase(Locale.ROOT).split(",")) {
            boolean negated = pattern.startsWith("!");
            String p = negated ? pattern.substring(1) : pattern;
            for (String name : names) {
                if (glob(p, name)) {
                    if (negated) {
                        return false; // a negated match overrides any other pattern, as in OpenSSH
                    }
                    matched = true;
                }
            }
        }
        return matched;
    }

    /**
     * OpenSSH's {@code match_pattern}: {@code *} matches any run of characters, {@code ?} any one character.
     * Greedy with one backtrack point, so linear in practice and never recursive.
     */
    static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** The pattern ssh writes for this host: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String hostPattern(String host, int port) {
        return hostNames(host, port).get(0);
    }

    /**
     * Orders the client's host-key algorithms as OpenSSH does: those whose key type is already known for this host
     * come first, and ssh-ed25519 leads within each group. Certificate algorithms are dropped: host certificates
     * are not supported, only plain keys.
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
                return reject(
                        Reason.REVOKED_HOST_KEY,
                        "Host key verification failed: the " + type + " host key " + fingerprint + " of " + shown
                                + " is marked @revoked in " + file + ":" + e.lineNumber());
            }
        }
        Entry sameType = null;
        List<Entry> known = new ArrayList<>();
        for (Entry e : matches) {
            if (e.plain() && e.key() != null && KeyUtils.compareKeys(e.key(), serverKey)) {
                return true;
            }
            if (e.plain() || e.certAuthority()) {
                known.add(e);
                if (sameType == null && e.plain() && e.key() != null && canonical.equals(e.keyType())) {
                    sameType = e;
                }
            }
        }
        if (sameType != null) {
            return reject(
                    Reason.CHANGED_HOST_KEY,
                    "Host key verification failed: the " + type + " host key of "
                            + shown + " has CHANGED (someone could be eavesdropping): " + file + ":"
                            + sameType.lineNumber()
                            + " has " + KeyUtils.getFingerPrint(sameType.key()) + ", the server offered " + fingerprint
                            + "; if the server was rebuilt, remove that line and verify the new key");
        }
        if (!known.isEmpty()) {
            return reject(
                    Reason.CHANGED_HOST_KEY,
                    "Host key verification failed: " + shown + " offered a " + type
                            + " host key " + fingerprint + " that " + file + " does not hold, but it holds "
                            + describe(known) + " for this host: the host key has CHANGED or its type was downgraded "
                            + "(someone could be eavesdropping); if the server was rebuilt, remove those lines and verify "
                            + "the new key");
        }
        if (policy == HostKeyPolicy.STRICT) {
            return reject(
                    Reason.UNKNOWN_HOST_KEY,
                    "Host key verification failed: no " + type + " key for " + shown
                            + " in " + file + "; the server offered " + type + " " + fingerprint
                            + " (compare it with the server's key, then accept it as new)");
        }
        try {
            append(shown, serverKey);
        } catch (IOException | RuntimeException e) {
            return reject(
                    Reason.KNOWN_HOSTS_FILE,
                    "cannot record the " + type + " host key " + fingerprint + " of " + shown + " in " + file + ": "
                            + e);
        }
        return true;
    }

    /** Lists known entries for a message, e.g. {@code ssh-ed25519 (line 3), @cert-authority ssh-rsa (line 7)}. */
    private static String describe(List<Entry> known) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : known) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.certAuthority() ? "@cert-authority " : "")
                    .append(e.keyType())
                    .append(" (line ")
                    .append(e.lineNumber())
                    .append(')');
        }
        return sb.toString();
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
                    Files.createDirectories(
                            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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
            Files.writeString(
                    file,
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        }
    }
}
