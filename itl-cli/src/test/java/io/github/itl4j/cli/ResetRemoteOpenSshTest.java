package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.sftp.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

    static final Path KEYS =
            testdata().getParent().resolve("itl-crypto/src/test/resources/io/github/itl4j/crypto/keys");

    @TempDir
    Path tmp;

    private Path itl;
    private Path out;
    private Path p12Pass;
    private Path knownHosts;

    /** Runs the CLI in-process: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int c = ItlCli.run(new ByteArrayInputStream(new byte[0]), o, e, args);
            return new Run(c, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        }

        int errLines() {
            return err.isEmpty() ? 0 : err.split("\\R").length;
        }
    }

    static Path testdata() {
        String p = System.getProperty("itl.testdata");
        return Path.of(p != null ? p : "../testdata").toAbsolutePath().normalize();
    }

    @BeforeEach
    void setUp() throws Exception {
        itl = tmp.resolve("ITLFile.tlv");
        out = tmp.resolve("reset.tlv");
        p12Pass = Files.writeString(tmp.resolve("p12.pass"), "changeit\n");
        knownHosts = Files.writeString(tmp.resolve("known_hosts"), SSHD.knownHostsLine("ed25519") + "\n");
        Run b = Run.of(
                "build",
                "-o",
                itl.toString(),
                "--key",
                KEYS.resolve("signer-pkcs8.key").toString(),
                "--cert",
                KEYS.resolve("signer.pem").toString(),
                "--sast",
                KEYS.resolve("signer.pem").toString(),
                "--sast",
                KEYS.resolve("itlrecovery.pem").toString(),
                "--tvs",
                KEYS.resolve("rsa1024.pem").toString());
        assertEquals(ExitCodes.OK, b.code(), b.err());
    }

    private Path remoteP12(String name, byte[] content) throws Exception {
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("reset"));
        return Files.write(dir.resolve(name), content);
    }

    private List<String> keyAuth(Path remoteFile, String... more) {
        List<String> a = new ArrayList<>(List.of(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                remoteFile.toString(),
                "--identity",
                SSHD.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void resetsWithARecoveryKeyFetchedOverSftp() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Run r = Run.of(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err() + SSHD.log());
        ItlFile before = ItlReader.defaults().readTrustList(itl);
        ItlFile after = ItlReader.defaults().readTrustList(out);
        for (int i = 0; i < before.records().size(); i++) {
            assertEquals(
                    before.records().get(i).encoded(), after.records().get(i).encoded());
        }
        VerificationResult v = ItlVerifier.builder().build().verify(after);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(1, v.signerRecordIndex().orElseThrow());
        assertTrue(r.out().contains("(SAST record 2 of 3)"), r.out());
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
        Run strict = Run.of(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.IO, strict.code(), strict.err());
        assertEquals(1, strict.errLines(), strict.err());
        assertTrue(strict.err().contains("[UNKNOWN_HOST_KEY]"), strict.err());
        assertFalse(Files.exists(out));

        Run accept = Run.of(keyAuth(remote, "--accept-new-host-key").toArray(String[]::new));
        assertEquals(ExitCodes.OK, accept.code(), accept.err());
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
        Run r = Run.of(keyAuth(remote, "--accept-new-host-key").toArray(String[]::new));
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("[CHANGED_HOST_KEY]"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRemoteFileThatIsNotAPkcs12IsExitThree() throws Exception {
        Path remote = remoteP12("notes.txt", "not a key\n".getBytes(StandardCharsets.US_ASCII));
        Run r = Run.of(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.code(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("not a PKCS#12 file"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongPkcs12PasswordIsExitThree() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Files.writeString(p12Pass, "wrong\n");
        Run r = Run.of(keyAuth(remote).toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.code(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsAWrongCredentialLikeAWrongPassword() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Path stranger = tmp.resolve("id_stranger");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        List<String> args = keyAuth(remote);
        args.set(args.indexOf("--identity") + 1, stranger.toString());
        Run r = Run.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, r.code(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("[AUTHENTICATION_FAILED]"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingRemoteFileAndRefusedConnectionAreExitFour() throws Exception {
        Run missing = Run.of(keyAuth(SSHD.dataDir().resolve("no-such.p12")).toArray(String[]::new));
        assertEquals(ExitCodes.IO, missing.code(), missing.err());
        assertTrue(missing.err().contains("[NO_SUCH_FILE]"), missing.err());

        int closed = OpenSshServer.freePort();
        Run refused = Run.of(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + closed,
                SSHD.keyUser(),
                "x.p12",
                "--identity",
                SSHD.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString());
        assertEquals(ExitCodes.IO, refused.code(), refused.err());
        assertTrue(refused.err().contains("[CONNECTION_REFUSED]"), refused.err());
        assertEquals(1, refused.errLines(), refused.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void passwordLoginFromAFileAndAWrongPassword() throws Exception {
        char[] password = SSHD.password(); // skips unless root
        Path dir = SSHD.passwordUserDir("cli-reset");
        Path remote = Files.write(dir.resolve("ITLRecovery.p12"), Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        SSHD.chown(remote);
        Path sftpPass = Files.writeString(tmp.resolve("sftp.pass"), new String(password) + "\n");
        List<String> args = new ArrayList<>(List.of(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                OpenSshServer.PASSWORD_USER,
                remote.toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString(),
                "--sftp-password-file",
                sftpPass.toString()));
        Run ok = Run.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, ok.code(), ok.err());
        assertTrue(ItlVerifier.builder()
                .build()
                .verify(ItlReader.defaults().read(out))
                .isVerified());
        Files.delete(out);

        Files.writeString(sftpPass, "wrong-password\n");
        Run wrong = Run.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, wrong.code(), wrong.err()); // as a wrong PKCS#12 password
        assertTrue(wrong.err().contains("[AUTHENTICATION_FAILED]"), wrong.err());
        assertFalse(wrong.err().contains("wrong-password"));
        assertFalse(wrong.err().contains(new String(password)));
        assertFalse(Files.exists(out));
    }

    @Test
    void encryptedIdentityKeyWithItsPassphraseFromAFile() throws Exception {
        Path remote = remoteP12("ITLRecovery.p12", Files.readAllBytes(KEYS.resolve("itlrecovery.p12")));
        Path identity = Files.copy(SSHD.clientKey(), tmp.resolve("id_ed25519"));
        Files.setPosixFilePermissions(identity, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        OpenSshServer.run("ssh-keygen", "-q", "-p", "-P", "", "-N", "s3cret-phrase", "-f", identity.toString());
        Path phrase = Files.writeString(tmp.resolve("phrase"), "s3cret-phrase\n");
        List<String> args = new ArrayList<>(List.of(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                remote.toString(),
                "--identity",
                identity.toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--password-file",
                p12Pass.toString()));
        if (System.console() == null) { // without a passphrase source: no terminal to ask on
            Run none = Run.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, none.code(), none.err());
            assertTrue(none.err().contains("--identity-passphrase-file"), none.err());
        }
        args.addAll(List.of("--identity-passphrase-file", phrase.toString()));
        Run ok = Run.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, ok.code(), ok.err());
        assertTrue(ItlVerifier.builder()
                .build()
                .verify(ItlReader.defaults().read(out))
                .isVerified());
        Files.delete(out);

        Files.writeString(phrase, "wrong\n");
        Run wrong = Run.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT, wrong.code(), wrong.err()); // a wrong credential, as a wrong PKCS#12 password
        assertTrue(wrong.err().contains("[CLIENT_CREDENTIALS]"), wrong.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void noSftpPasswordSourceWithoutATerminalIsAUsageErrorBeforeConnecting() throws Exception {
        assumeTrue(System.console() == null, "runs with a terminal: a prompt would wait");
        Run r = Run.of(
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
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--sftp-password-file"), r.err());
        assertFalse(Files.exists(out));
    }
}
