package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.KEYS;
import static io.github.itl4j.cli.CliFixtures.build;
import static io.github.itl4j.cli.CliFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.sftp.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl reset --remote} against Debian's real OpenSSH server ({@link OpenSshServer}, from itl-sftp's test jar;
 * skipped when sshd is missing).
 */
class ResetRemoteOpenSshTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @TempDir
    Path tmp;

    private Path itl;
    private Path out;
    private Path p12Pass;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        itl = tmp.resolve("ITLFile.tlv");
        out = tmp.resolve("reset.tlv");
        p12Pass = Files.writeString(tmp.resolve("p12.pass"), "changeit\n");
        knownHosts = Files.writeString(tmp.resolve("known_hosts"), SSHD.knownHostsLine("ed25519") + "\n");
        CliRun b = CliRun.run(build(
                itl,
                "--sast",
                KEYS.resolve("itlrecovery.pem").toString(),
                "--tvs",
                KEYS.resolve("rsa1024.pem").toString()));
        assertEquals(ExitCodes.OK, b.exitCode(), b.stderr());
    }

    private Path remoteP12(String name, byte[] content) throws Exception {
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("reset"));
        return Files.write(dir.resolve(name), content);
    }

    /**
     * {@code itl reset ITL -o OUT --remote HOST:PORT USER FILE --known-hosts KNOWN_HOSTS --password-file P12PASS} and
     * more.
     */
    private List<String> remote(String hostPort, String user, String remoteFile, String... more) {
        List<String> a = new ArrayList<>(List.of(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                hostPort,
                user,
                remoteFile,
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** {@link #remote} on the test server as its key user, with its client key ({@code --identity}), and more. */
    private List<String> keyAuth(Path remoteFile, String... more) {
        return remote(
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                remoteFile.toString(),
                concat(new String[] {"--identity", SSHD.clientKey().toString()}, more));
    }

    /** Runs a reset that must succeed, checks that what it wrote verifies, and deletes it for the next run. */
    private void assertResetsToAVerifiedList(List<String> args) throws Exception {
        CliRun ok = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
        assertTrue(ItlVerifier.builder()
                .build()
                .verify(ItlReader.defaults().read(out))
                .isVerified());
        Files.delete(out);
    }

    @Test
    void resetsWithARecoveryKeyFetchedOverSftp() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        CliRun r = CliRun.run(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr() + SSHD.log());
        ItlFile before = ItlReader.defaults().readTrustList(itl);
        ItlFile after = ItlReader.defaults().readTrustList(out);
        for (int i = 0; i < before.records().size(); i++) {
            assertEquals(
                    before.records().get(i).encoded(), after.records().get(i).encoded());
        }
        VerificationResult v = ItlVerifier.builder().build().verify(after);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(1, v.signerRecordIndex().orElseThrow());
        assertTrue(r.stdout().contains("(SAST record 2 of 3)"), r.stdout());
        // the key never touched the local disk: only the inputs and the output are in the folder
        try (var s = Files.list(tmp)) {
            assertEquals(
                    List.of("ITLFile.tlv", "known_hosts", "p12.pass", "reset.tlv"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void unknownHostKeyIsRefusedUnlessAcceptedAndThenRecorded() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Files.writeString(knownHosts, "");
        CliRun strict = CliRun.run(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.IO, strict.exitCode(), strict.stderr());
        assertEquals(1, strict.errLines().length, strict.stderr());
        assertTrue(strict.stderr().contains("[UNKNOWN_HOST_KEY]"), strict.stderr());
        assertFalse(Files.exists(out));

        CliRun accept = CliRun.run(keyAuth(remote, "--accept-new-host-key").toArray(String[]::new));
        assertEquals(ExitCodes.OK, accept.exitCode(), accept.stderr());
        String recorded = Files.readString(knownHosts);
        assertTrue(
                recorded.contains(SSHD.knownHostsLine("ed25519").split(" ")[2])
                        || recorded.contains(SSHD.knownHostsLine("ecdsa").split(" ")[2]),
                recorded);
    }

    @Test
    void changedHostKeyIsRefusedEvenWhenNewKeysAreAccepted() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        // the ed25519 entry names another key (the client's): a changed host key
        String clientPub =
                Files.readString(Path.of(SSHD.clientKey() + ".pub")).trim().split(" ")[1];
        Files.writeString(
                knownHosts, "[" + OpenSshServer.HOST + "]:" + SSHD.port() + " ssh-ed25519 " + clientPub + "\n");
        CliRun r = CliRun.run(keyAuth(remote, "--accept-new-host-key").toArray(String[]::new));
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[CHANGED_HOST_KEY]"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRemoteFileThatIsNotAPkcs12IsExitThree() throws Exception {
        Path remote = remoteP12("notes.txt", "not a key\n".getBytes(StandardCharsets.US_ASCII));
        CliRun r = CliRun.run(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("not a PKCS#12 file"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongPkcs12PasswordIsExitThree() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Files.writeString(p12Pass, "wrong\n");
        CliRun r = CliRun.run(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsAWrongCredentialLikeAWrongPassword() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Path stranger = tmp.resolve("id_stranger");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        List<String> args = keyAuth(remote);
        args.set(args.indexOf("--identity") + 1, stranger.toString());
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("[AUTHENTICATION_FAILED]"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingRemoteFileAndRefusedConnectionAreExitFour() throws Exception {
        CliRun missing =
                CliRun.run(keyAuth(SSHD.dataDir().resolve("no-such.p12")).toArray(String[]::new));
        assertEquals(ExitCodes.IO, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().contains("[NO_SUCH_FILE]"), missing.stderr());

        int closed = OpenSshServer.freePort();
        CliRun refused = CliRun.run(remote(
                        OpenSshServer.HOST + ":" + closed,
                        SSHD.keyUser(),
                        "x.p12",
                        "--identity",
                        SSHD.clientKey().toString())
                .toArray(String[]::new));
        assertEquals(ExitCodes.IO, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("[CONNECTION_REFUSED]"), refused.stderr());
        assertEquals(1, refused.errLines().length, refused.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void passwordLoginFromAFileAndAWrongPassword() throws Exception {
        char[] password = SSHD.password(); // skips unless root
        Path dir = SSHD.passwordUserDir("cli-reset");
        Path remote = Files.write(dir.resolve("ITLRecovery.p12"), Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        SSHD.chown(remote);
        Path sftpPass = Files.writeString(tmp.resolve("sftp.pass"), new String(password) + "\n");
        List<String> args = remote(
                OpenSshServer.HOST + ":" + SSHD.port(),
                OpenSshServer.PASSWORD_USER,
                remote.toString(),
                "--sftp-password-file",
                sftpPass.toString());
        assertResetsToAVerifiedList(args);

        Files.writeString(sftpPass, "wrong-password\n");
        CliRun wrong = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, wrong.exitCode(), wrong.stderr()); // as a wrong PKCS#12 password
        assertTrue(wrong.stderr().contains("[AUTHENTICATION_FAILED]"), wrong.stderr());
        assertFalse(wrong.stderr().contains("wrong-password"));
        assertFalse(wrong.stderr().contains(new String(password)));
        assertFalse(Files.exists(out));
    }

    @Test
    void encryptedIdentityKeyWithItsPassphraseFromAFile() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Path identity = Files.copy(SSHD.clientKey(), tmp.resolve("id_ed25519"));
        Files.setPosixFilePermissions(identity, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        OpenSshServer.run("ssh-keygen", "-q", "-p", "-P", "", "-N", "s3cret-phrase", "-f", identity.toString());
        Path phrase = Files.writeString(tmp.resolve("phrase"), "s3cret-phrase\n");
        List<String> args = remote(
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                remote.toString(),
                "--identity",
                identity.toString());
        if (System.console() == null) { // without a passphrase source: no terminal to ask on
            CliRun none = CliRun.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, none.exitCode(), none.stderr());
            assertTrue(none.stderr().contains("--identity-passphrase-file"), none.stderr());
        }
        args.addAll(List.of("--identity-passphrase-file", phrase.toString()));
        assertResetsToAVerifiedList(args);

        Files.writeString(phrase, "wrong\n");
        CliRun wrong = CliRun.run(args.toArray(String[]::new));
        assertEquals(
                ExitCodes.INPUT, wrong.exitCode(), wrong.stderr()); // a wrong credential, as a wrong PKCS#12 password
        assertTrue(wrong.stderr().contains("[CLIENT_CREDENTIALS]"), wrong.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void noSftpPasswordSourceWithoutATerminalIsAUsageErrorBeforeConnecting() throws Exception {
        assumeTrue(System.console() == null, "runs with a terminal: a prompt would wait");
        CliRun r = CliRun.run(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                OpenSshServer.PASSWORD_USER,
                "ITLRecovery.p12",
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--sftp-password-file"), r.stderr());
        assertFalse(Files.exists(out));
    }
}
