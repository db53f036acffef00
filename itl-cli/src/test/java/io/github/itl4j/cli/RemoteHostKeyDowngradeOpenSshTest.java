package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.sftp.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --accept-new-host-key} against a real OpenSSH server that offers only its RSA host key while known_hosts
 * holds its ed25519 key: {@code backup-key} must not send the key file and {@code reset} must not fetch one.
 */
class RemoteHostKeyDowngradeOpenSshTest {
    @RegisterExtension
    static final OpenSshServer SSHD = OpenSshServer.servingHostKeys("rsa");

    @TempDir
    Path tmp;

    @Test
    void backupKeyAndResetRefuseAnRsaOnlyServerWhoseEd25519KeyIsKnown() throws Exception {
        String known = SSHD.knownHostsLine("ed25519") + "\n";
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), known);
        Path p12 = Files.copy(KEYS.resolve("itlrecovery.p12"), tmp.resolve("ITLRecovery.p12"));
        Path dir = Files.createDirectories(SSHD.dataDir().resolve("backup"));

        CliRun backup = CliRun.run(
                "backup-key",
                p12.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                dir.toString(),
                "--identity",
                SSHD.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--accept-new-host-key");
        assertEquals(ExitCodes.IO, backup.exitCode(), backup.stderr());
        assertEquals(1, backup.errLines().length, backup.stderr());
        assertTrue(
                backup.stderr().contains("[CHANGED_HOST_KEY]")
                        && backup.stderr().contains("ssh-rsa")
                        && backup.stderr().contains(SSHD.fingerprint("rsa"))
                        && backup.stderr().contains("ssh-ed25519"),
                backup.stderr());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing may reach the server");
        }
        assertEquals(known, Files.readString(knownHosts), "the RSA key must not be recorded");

        Path itl = tmp.resolve("ITLFile.tlv");
        CliRun build = CliRun.run(
                CliFixtures.build(itl, "--sast", KEYS.resolve("itlrecovery.pem").toString()));
        assertEquals(ExitCodes.OK, build.exitCode(), build.stderr());
        Files.copy(p12, dir.resolve("ITLRecovery.p12"));
        Path out = tmp.resolve("reset.tlv");
        CliRun reset = CliRun.run(
                "reset",
                itl.toString(),
                "-o",
                out.toString(),
                "--remote",
                OpenSshServer.HOST + ":" + SSHD.port(),
                SSHD.keyUser(),
                dir.resolve("ITLRecovery.p12").toString(),
                "--identity",
                SSHD.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--accept-new-host-key",
                "--password-file",
                Files.writeString(tmp.resolve("p"), "changeit\n").toString());
        assertEquals(ExitCodes.IO, reset.exitCode(), reset.stderr());
        assertTrue(reset.stderr().contains("[CHANGED_HOST_KEY]"), reset.stderr());
        assertFalse(Files.exists(out));
        assertEquals(known, Files.readString(knownHosts));
    }
}
