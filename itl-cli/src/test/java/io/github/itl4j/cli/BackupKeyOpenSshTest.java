package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.KEYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.sftp.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code itl backup-key} against Debian's real OpenSSH server (skipped when sshd is missing). */
class BackupKeyOpenSshTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @TempDir
    Path tmp;

    private Path p12;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        p12 = Files.copy(KEYS.resolve("itlrecovery.p12"), tmp.resolve("ITLRecovery.p12"));
        knownHosts = Files.writeString(tmp.resolve("known_hosts"), SSHD.knownHostsLine("ed25519") + "\n");
    }

    private String[] keyAuth(Path file, Path remoteDir, String... more) {
        String[] base = {
            "backup-key",
            file.toString(),
            "--remote",
            OpenSshServer.HOST + ":" + SSHD.port(),
            SSHD.keyUser(),
            remoteDir.toString(),
            "--identity",
            SSHD.clientKey().toString(),
            "--known-hosts",
            knownHosts.toString()
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void uploadsReadsBackAndReportsPathSizeAndSha256() throws Exception {
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("backup1"));
        byte[] content = Files.readAllBytes(p12);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        CliRun r = CliRun.run(keyAuth(p12, dir));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr() + SSHD.log());
        assertEquals("", r.stderr());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("ITLRecovery.p12")));
        String[] lines = r.stdout().split("\n");
        assertEquals(
                "uploaded " + p12 + " to " + SSHD.keyUser() + "@" + OpenSshServer.HOST + ":" + SSHD.port() + ":" + dir
                        + "/ITLRecovery.p12",
                lines[0]);
        assertEquals("  size:    " + content.length + " bytes", lines[1]);
        assertEquals("  sha256:  " + sha, lines[2]);
        assertEquals("  verified by read-back", lines[3]);

        // again: the same content is already there, nothing is replaced
        CliRun again = CliRun.run(keyAuth(p12, dir));
        assertEquals(ExitCodes.OK, again.exitCode(), again.stderr());
        assertTrue(again.stdout().startsWith("already present (same content, left as it was): "), again.stdout());
        assertTrue(again.stdout().contains("  sha256:  " + sha + "\n"), again.stdout());
    }

    @Test
    void neverReplacesADifferentRemoteFile() throws Exception {
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("backup2"));
        byte[] other = "an older, different file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(dir.resolve("ITLRecovery.p12"), other);
        CliRun r = CliRun.run(keyAuth(p12, dir));
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("[ALREADY_EXISTS]"), r.stderr());
        assertArrayEquals(other, Files.readAllBytes(dir.resolve("ITLRecovery.p12")));

        CliRun renamed = CliRun.run(keyAuth(p12, dir, "--name", "ITLRecovery-2026.p12"));
        assertEquals(ExitCodes.OK, renamed.exitCode(), renamed.stderr());
        assertArrayEquals(Files.readAllBytes(p12), Files.readAllBytes(dir.resolve("ITLRecovery-2026.p12")));
        try (var s = Files.list(dir)) { // no temporary file left behind
            assertEquals(
                    List.of("ITLRecovery-2026.p12", "ITLRecovery.p12"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void errors() throws Exception {
        CliRun noDir = CliRun.run(keyAuth(p12, SSHD.dataDir().resolve("missing-dir")));
        assertEquals(ExitCodes.IO, noDir.exitCode(), noDir.stderr());
        assertEquals(1, noDir.errLines().length, noDir.stderr());
        CliRun noFile = CliRun.run(keyAuth(tmp.resolve("nope.p12"), SSHD.dataDir()));
        assertEquals(ExitCodes.IO, noFile.exitCode(), noFile.stderr());
        CliRun noRemote = CliRun.run("backup-key", p12.toString());
        assertEquals(ExitCodes.USAGE, noRemote.exitCode(), noRemote.stderr());
        CliRun badName = CliRun.run(keyAuth(p12, SSHD.dataDir(), "--name", "../x.p12"));
        assertEquals(ExitCodes.USAGE, badName.exitCode(), badName.stderr());
        Path empty = Files.createFile(tmp.resolve("empty.p12"));
        CliRun emptyFile = CliRun.run(keyAuth(empty, SSHD.dataDir()));
        assertEquals(ExitCodes.INPUT, emptyFile.exitCode(), emptyFile.stderr());
    }

    @Test
    void passwordLoginFromAFile() throws Exception {
        char[] password = SSHD.password(); // skips unless root
        Path dir = SSHD.passwordUserDir("cli-backup");
        Path pass = Files.writeString(tmp.resolve("sftp.pass"), new String(password) + "\n");
        CliRun r = CliRun.run(
                "backup-key",
                p12.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                OpenSshServer.PASSWORD_USER,
                dir.toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--sftp-password-file",
                pass.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("verified by read-back"), r.stdout());
        assertFalse(r.stdout().contains(new String(password)));
        assertArrayEquals(Files.readAllBytes(p12), Files.readAllBytes(dir.resolve("ITLRecovery.p12")));
    }
}
