package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SftpKeyStore} against a real OpenSSH server on 127.0.0.1 (see {@link OpenSshServer}). */
class SftpKeyStoreOpenSshTest {

    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A known_hosts file holding the server's ed25519 key, as written by {@code ssh}. */
    private static Path knownHosts(String name) throws IOException {
        Path kh = SSHD.scratch(name).resolve("known_hosts");
        Files.writeString(kh, SSHD.knownHostsLine("ed25519") + "\n");
        return kh;
    }

    private static SftpKeyStore.Builder keyAuth(Path knownHosts) {
        return SftpKeyStore.builder(OpenSshServer.HOST, SSHD.keyUser())
                .port(SSHD.port())
                .privateKey(SSHD.clientKey(), null)
                .knownHosts(knownHosts);
    }

    private static SftpKeyStore.Builder passwordAuth(Path knownHosts, char[] password) {
        return SftpKeyStore.builder(OpenSshServer.HOST, OpenSshServer.PASSWORD_USER)
                .port(SSHD.port())
                .password(PasswordSource.of(password))
                .knownHosts(knownHosts);
    }

    private static void assertNoSecret(Throwable e, char[] secret) {
        String s = new String(secret);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(s), "secret leaked into: " + t);
            assertFalse(t.toString().contains(s), "secret leaked into: " + t);
        }
    }

    @Test
    void fetchWithKeyAuthReturnsTheFileContent() throws Exception {
        byte[] content = random(2709);
        Path file = SSHD.dataDir().resolve("ITLRecovery.p12");
        Files.write(file, content);
        byte[] got = keyAuth(knownHosts("fetch-key")).build().fetch(file.toString());
        assertArrayEquals(content, got);
    }

    @Test
    void fetchWithPasswordAuthReturnsTheFileContent() throws Exception {
        char[] password = SSHD.password();
        Path dir = SSHD.passwordUserDir("fetch");
        byte[] content = random(4096);
        Path file = dir.resolve("ITLRecovery.p12");
        Files.write(file, content);
        SSHD.chown(file);
        // a path relative to the login directory, as CUCM's remotekey takes it
        String relative = dir.getFileName() + "/ITLRecovery.p12";
        assertArrayEquals(
                content, passwordAuth(knownHosts("fetch-pw"), password).build().fetch(relative));
    }

    @Test
    void fetchWithEncryptedClientKey() throws Exception {
        Path scratch = SSHD.scratch("enc-key");
        Path key = scratch.resolve("id_enc");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret-pass", "-f", key.toString());
        Path authorized = SSHD.clientKey().resolveSibling("authorized_keys_" + SSHD.keyUser());
        Files.writeString(authorized, Files.readString(Path.of(key + ".pub")), StandardOpenOption.APPEND);
        Path file = SSHD.dataDir().resolve("enc.p12");
        byte[] content = random(100);
        Files.write(file, content);
        Path kh = knownHosts("enc-key-kh");
        SftpKeyStore ok = SftpKeyStore.builder(OpenSshServer.HOST, SSHD.keyUser())
                .port(SSHD.port())
                .privateKey(key, PasswordSource.of("s3cret-pass".toCharArray()))
                .knownHosts(kh)
                .build();
        assertArrayEquals(content, ok.fetch(file.toString()));

        char[] wrong = "not-the-passphrase".toCharArray();
        SftpKeyStore bad = SftpKeyStore.builder(OpenSshServer.HOST, SSHD.keyUser())
                .port(SSHD.port())
                .privateKey(key, PasswordSource.of(wrong))
                .knownHosts(kh)
                .build();
        RemoteKeyException e = assertThrows(RemoteKeyException.class, () -> bad.fetch(file.toString()));
        assertEquals(Reason.CLIENT_CREDENTIALS, e.reason(), e::toString);
        assertNoSecret(e, wrong);
    }

    @Test
    void uploadWritesReadsBackAndNeverReplacesADifferentFile() throws Exception {
        Path dir = Files.createDirectory(SSHD.dataDir().resolve("backup"));
        byte[] content = random(3333);
        SftpKeyStore remote = keyAuth(knownHosts("upload")).build();

        UploadResult r = remote.upload(content, dir.toString(), "ITLRecovery.p12");
        Path written = dir.resolve("ITLRecovery.p12");
        assertEquals(written.toString(), r.remotePath());
        assertEquals(content.length, r.size());
        assertEquals(Bytes.wrapOwned(MessageDigest.getInstance("SHA-256").digest(content)), r.sha256());
        assertFalse(r.alreadyPresent());
        assertArrayEquals(content, Files.readAllBytes(written));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(written), s.toList(), "no temporary file may be left behind");
        }

        UploadResult again = remote.upload(content, dir + "/", "ITLRecovery.p12");
        assertTrue(again.alreadyPresent());
        assertEquals(r.sha256(), again.sha256());

        byte[] other = random(3333);
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> remote.upload(other, dir.toString(), "ITLRecovery.p12"));
        assertEquals(Reason.ALREADY_EXISTS, e.reason(), e::toString);
        assertArrayEquals(content, Files.readAllBytes(written), "the existing backup must be left untouched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(written), s.toList(), "no temporary file may be left behind");
        }
    }

    @Test
    void uploadWithPasswordAuth() throws Exception {
        char[] password = SSHD.password();
        Path dir = SSHD.passwordUserDir("upload");
        byte[] content = random(2048);
        UploadResult r = passwordAuth(knownHosts("upload-pw"), password)
                .build()
                .upload(content, dir.getFileName().toString(), "ITLRecovery.p12");
        assertEquals(dir.getFileName() + "/ITLRecovery.p12", r.remotePath());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("ITLRecovery.p12")));
    }

    @Test
    void uploadIntoAMissingDirectory() throws Exception {
        RemoteKeyException e = assertThrows(RemoteKeyException.class, () -> keyAuth(knownHosts("upload-missing"))
                .build()
                .upload(random(10), SSHD.dataDir().resolve("no-such-dir").toString(), "x.p12"));
        assertEquals(Reason.NO_SUCH_FILE, e.reason(), e::toString);
    }

    @Test
    void uploadOntoADirectory() throws Exception {
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("onto-dir").resolve("ITLRecovery.p12"));
        RemoteKeyException e = assertThrows(RemoteKeyException.class, () -> keyAuth(knownHosts("onto-dir"))
                .build()
                .upload(random(10), dir.getParent().toString(), "ITLRecovery.p12"));
        assertEquals(Reason.WRONG_FILE_TYPE, e.reason(), e::toString);
    }

    @Test
    void unreadableRemoteFileIsPermissionDenied() throws Exception {
        char[] password = SSHD.password();
        Path dir = SSHD.passwordUserDir("denied");
        Path file = dir.resolve("root-only.p12");
        Files.write(file, random(10));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // owned by root
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class,
                () -> passwordAuth(knownHosts("denied"), password).build().fetch(dir.getFileName() + "/root-only.p12"));
        assertEquals(Reason.PERMISSION_DENIED, e.reason(), e::toString);
        assertTrue(e.getMessage().contains("root-only.p12"), e::getMessage);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureNamingUserAndHost() throws Exception {
        SSHD.password();
        char[] wrong = "wrong-password-123".toCharArray();
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class,
                () -> passwordAuth(knownHosts("wrong-pw"), wrong).build().fetch("whatever.p12"));
        assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e::toString);
        assertTrue(
                e.getMessage().contains(OpenSshServer.PASSWORD_USER + "@" + OpenSshServer.HOST + ":" + SSHD.port()),
                e::getMessage);
        assertNoSecret(e, wrong);
    }

    @Test
    void keyNotAuthorizedIsAnAuthenticationFailure() throws Exception {
        Path key = SSHD.scratch("stranger").resolve("id_stranger");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> SftpKeyStore.builder(OpenSshServer.HOST, SSHD.keyUser())
                        .port(SSHD.port())
                        .privateKey(key, null)
                        .knownHosts(knownHosts("stranger-kh"))
                        .build()
                        .fetch("x"));
        assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e::toString);
    }

    @Test
    void unknownHostKeyIsRefusedStrictlyWithTypeAndFingerprint() throws Exception {
        Path kh = SSHD.scratch("unknown").resolve("known_hosts"); // does not exist
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> keyAuth(kh).build().fetch("whatever"));
        assertEquals(Reason.UNKNOWN_HOST_KEY, e.reason(), e::toString);
        String m = e.getMessage();
        assertTrue(m.contains("[127.0.0.1]:" + SSHD.port()), m);
        // the key ssh would show first: ed25519, although the server also has an ecdsa key
        assertTrue(m.contains("ssh-ed25519 " + SSHD.fingerprint("ed25519")), m);
        assertFalse(Files.exists(kh), "STRICT must not write known_hosts");
    }

    @Test
    void acceptNewRecordsTheKeyThenStrictSucceeds() throws Exception {
        Path kh = SSHD.scratch("accept-new").resolve("sub").resolve("known_hosts"); // neither exists
        Path file = SSHD.dataDir().resolve("accept.p12");
        byte[] content = random(500);
        Files.write(file, content);

        assertArrayEquals(
                content,
                keyAuth(kh).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build().fetch(file.toString()));
        List<String> lines = Files.readAllLines(kh);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + SSHD.port() + " "), lines::toString);
        // OpenSSH itself finds the recorded key
        String found = OpenSshServer.run("ssh-keygen", "-F", "[127.0.0.1]:" + SSHD.port(), "-f", kh.toString());
        assertTrue(found.contains(lines.get(0)), found);

        assertArrayEquals(content, keyAuth(kh).build().fetch(file.toString()));
        assertEquals(lines, Files.readAllLines(kh), "a known key must not be recorded twice");
    }

    @Test
    void changedHostKeyIsAlwaysRefused() throws Exception {
        Path scratch = SSHD.scratch("changed");
        Path other = scratch.resolve("other_host_key");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        String[] pub = Files.readString(Path.of(other + ".pub")).trim().split(" ");
        Path kh = scratch.resolve("known_hosts");
        String content = "# a comment\n[127.0.0.1]:" + SSHD.port() + " " + pub[0] + " " + pub[1] + "\n";
        Files.writeString(kh, content);
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            RemoteKeyException e = assertThrows(
                    RemoteKeyException.class,
                    () -> keyAuth(kh).hostKeyPolicy(policy).build().fetch("whatever"));
            assertEquals(Reason.CHANGED_HOST_KEY, e.reason(), e::toString);
            String m = e.getMessage();
            assertTrue(
                    m.contains("ssh-ed25519")
                            && m.contains(SSHD.fingerprint("ed25519"))
                            && m.contains("[127.0.0.1]:" + SSHD.port())
                            && m.contains(kh + ":2"),
                    m);
            assertEquals(content, Files.readString(kh), "a changed key must never be written");
        }
    }

    @Test
    void knownTypeIsNegotiatedFirstLikeOpenSsh() throws Exception {
        // The server has ed25519 and ecdsa host keys; MINA on its own prefers ecdsa. With only the ed25519 key
        // known, the client must ask for ed25519 (as ssh does), and likewise the other way round.
        Path file = SSHD.dataDir().resolve("order.p12");
        Files.write(file, random(10));
        for (String type : new String[] {"ed25519", "ecdsa"}) {
            Path kh = SSHD.scratch("order-" + type).resolve("known_hosts");
            Files.writeString(kh, SSHD.knownHostsLine(type) + "\n");
            assertEquals(10, keyAuth(kh).build().fetch(file.toString()).length, type);
        }
    }

    @Test
    void keyOfAnotherTypeIsAChangedKeyNotAnUnknownOne() throws Exception {
        // known_hosts holds an RSA key for the server, which offers ed25519 and ecdsa only: as OpenSSH's accept-new,
        // any known key for the host makes an unknown key a changed one, refused whatever the policy
        Path scratch = SSHD.scratch("other-type");
        Path rsa = scratch.resolve("rsa");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa.toString());
        String[] pub = Files.readString(Path.of(rsa + ".pub")).trim().split(" ");
        Path kh = scratch.resolve("known_hosts");
        String content = "[127.0.0.1]:" + SSHD.port() + " " + pub[0] + " " + pub[1] + "\n";
        Files.writeString(kh, content);
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            RemoteKeyException e = assertThrows(
                    RemoteKeyException.class,
                    () -> keyAuth(kh).hostKeyPolicy(policy).build().fetch("x"));
            assertEquals(Reason.CHANGED_HOST_KEY, e.reason(), e::toString);
            assertTrue(e.getMessage().contains("ssh-rsa (line 1)"), e.getMessage());
            assertEquals(content, Files.readString(kh));
        }
    }

    @Test
    void hashedKnownHostsWrittenByOpenSshAreHonoured() throws Exception {
        Path kh = knownHosts("hashed");
        OpenSshServer.run("ssh-keygen", "-H", "-f", kh.toString());
        assertTrue(Files.readString(kh).startsWith("|1|"), "ssh-keygen -H must have hashed the host name");
        Path file = SSHD.dataDir().resolve("hashed.p12");
        Files.write(file, random(64));
        assertEquals(64, keyAuth(kh).build().fetch(file.toString()).length);
    }

    @Test
    void revokedHostKeyIsRefused() throws Exception {
        Path kh = SSHD.scratch("revoked").resolve("known_hosts");
        String line = SSHD.knownHostsLine("ed25519");
        Files.writeString(kh, "@revoked " + line + "\n" + line + "\n");
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> keyAuth(kh).build().fetch("x"));
        assertEquals(Reason.REVOKED_HOST_KEY, e.reason(), e::toString);
    }

    @Test
    void missingRemoteFile() throws Exception {
        String path = SSHD.dataDir().resolve("no-such.p12").toString();
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class,
                () -> keyAuth(knownHosts("missing")).build().fetch(path));
        assertEquals(Reason.NO_SUCH_FILE, e.reason(), e::toString);
        assertTrue(
                e.getMessage().contains(SSHD.keyUser() + "@127.0.0.1:" + SSHD.port())
                        && e.getMessage().contains(path),
                e::getMessage);
    }

    @Test
    void directoryIsNotAFile() throws Exception {
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class,
                () -> keyAuth(knownHosts("dir")).build().fetch(SSHD.dataDir().toString()));
        assertEquals(Reason.WRONG_FILE_TYPE, e.reason(), e::toString);
    }

    @Test
    void connectionRefusedOnAClosedPort() throws Exception {
        int closed = OpenSshServer.freePort();
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> SftpKeyStore.builder(OpenSshServer.HOST, "nobody")
                        .port(closed)
                        .password(PasswordSource.of("x".toCharArray()))
                        .knownHosts(knownHosts("refused"))
                        .build()
                        .fetch("x"));
        assertEquals(Reason.CONNECTION_REFUSED, e.reason(), e::toString);
        assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e::getMessage);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        // accepts TCP connections but never sends an SSH banner
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName(OpenSshServer.HOST))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // socket closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RemoteKeyException e =
                    assertThrows(RemoteKeyException.class, () -> SftpKeyStore.builder(OpenSshServer.HOST, "nobody")
                            .port(silent.getLocalPort())
                            .password(PasswordSource.of("x".toCharArray()))
                            .knownHosts(knownHosts("silent"))
                            .authTimeout(Duration.ofMillis(300))
                            .build()
                            .fetch("x"));
            assertEquals(Reason.TIMEOUT, e.reason(), e::toString);
            silent.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void hugeRegularFileIsRefusedWithoutReadingIt() throws Exception {
        Path file = SSHD.dataDir().resolve("huge.p12");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(1L << 40); // 1 TiB, sparse: reading it over SFTP would not finish
        }
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class,
                () -> keyAuth(knownHosts("huge")).build().fetch(file.toString()));
        assertEquals(Reason.TOO_LARGE, e.reason(), e::toString);
        assertTrue(e.getMessage().contains(Long.toString(1L << 40)), e::getMessage);
    }

    @Test
    void endlessStreamStopsAtTheLimit() throws Exception {
        // /dev/zero reports size 0 and never ends: only the read-side bound can stop it
        RemoteKeyException e = assertThrows(RemoteKeyException.class, () -> keyAuth(knownHosts("endless"))
                .maxFetchBytes(100_000)
                .build()
                .fetch("/dev/zero"));
        assertEquals(Reason.TOO_LARGE, e.reason(), e::toString);
    }

    @Test
    void fileExactlyAtTheLimitIsAccepted() throws Exception {
        Path file = SSHD.dataDir().resolve("limit.p12");
        byte[] content = random(70_000);
        Files.write(file, content);
        SftpKeyStore.Builder b = keyAuth(knownHosts("limit"));
        assertArrayEquals(content, b.maxFetchBytes(70_000).build().fetch(file.toString()));
        RemoteKeyException e = assertThrows(
                RemoteKeyException.class, () -> b.maxFetchBytes(69_999).build().fetch(file.toString()));
        assertEquals(Reason.TOO_LARGE, e.reason(), e::toString);
    }

    @Test
    void unreadableKnownHostsIsReported() throws Exception {
        Path kh = SSHD.scratch("kh-dir"); // a directory where a file is expected
        RemoteKeyException e =
                assertThrows(RemoteKeyException.class, () -> keyAuth(kh).build().fetch("x"));
        assertEquals(Reason.KNOWN_HOSTS_FILE, e.reason(), e::toString);
    }
}
