package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host-key type downgrade against a real OpenSSH server that offers only its RSA host key while known_hosts holds
 * its ed25519 key: refused as a changed key, even with {@link HostKeyPolicy#ACCEPT_NEW}, as OpenSSH's accept-new does.
 */
class HostKeyDowngradeOpenSshTest {

    @RegisterExtension
    static final OpenSshServer SSHD = OpenSshServer.servingHostKeys("rsa");

    private static SftpKeyStore store(Path knownHosts, HostKeyPolicy policy) {
        return SftpKeyStore.builder(OpenSshServer.HOST, SSHD.keyUser())
                .port(SSHD.port())
                .privateKey(SSHD.clientKey(), null)
                .knownHosts(knownHosts)
                .hostKeyPolicy(policy)
                .build();
    }

    private static void assertRefusedAsChanged(Path kh) throws Exception {
        String content = Files.readString(kh);
        Path file = Files.write(SSHD.dataDir().resolve("ITLRecovery.p12"), new byte[] {1, 2, 3});
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            RemoteKeyException e = assertThrows(
                    RemoteKeyException.class, () -> store(kh, policy).fetch(file.toString()), policy::toString);
            assertEquals(Reason.CHANGED_HOST_KEY, e.reason(), e::toString);
            String m = e.getMessage();
            assertTrue(
                    m.contains("[127.0.0.1]:" + SSHD.port())
                            && m.contains("ssh-rsa")
                            && m.contains(SSHD.fingerprint("rsa"))
                            && m.contains("ssh-ed25519 (line 1)"),
                    m);
            assertEquals(content, Files.readString(kh), "the RSA key must not be recorded");
        }
    }

    @Test
    void rsaOnlyServerWithAKnownEd25519KeyIsRefused() throws Exception {
        Path kh = SSHD.scratch("plain").resolve("known_hosts");
        Files.writeString(kh, SSHD.knownHostsLine("ed25519") + "\n");
        assertRefusedAsChanged(kh);
    }

    @Test
    void rsaOnlyServerWithAHashedKnownEd25519KeyIsRefused() throws Exception {
        Path kh = SSHD.scratch("hashed").resolve("known_hosts");
        Files.writeString(kh, SSHD.knownHostsLine("ed25519") + "\n");
        OpenSshServer.run("ssh-keygen", "-H", "-f", kh.toString());
        Files.deleteIfExists(Path.of(kh + ".old"));
        assertTrue(Files.readString(kh).startsWith("|1|"), "ssh-keygen -H must have hashed the host name");
        assertRefusedAsChanged(kh);
    }

    @Test
    void theSameServerIsAcceptedWhenNothingIsKnownAndThenByItsRsaKey() throws Exception {
        // the control: the server really offers RSA and is reachable; with no key known, accept-new records it
        Path kh = SSHD.scratch("empty").resolve("known_hosts");
        Path file = Files.write(SSHD.dataDir().resolve("control.p12"), new byte[] {4, 5, 6});
        assertArrayEquals(
                new byte[] {4, 5, 6}, store(kh, HostKeyPolicy.ACCEPT_NEW).fetch(file.toString()));
        String recorded = Files.readString(kh);
        assertTrue(recorded.contains(SSHD.knownHostsLine("rsa").split(" ")[2]), recorded);
        assertArrayEquals(new byte[] {4, 5, 6}, store(kh, HostKeyPolicy.STRICT).fetch(file.toString()));
    }
}
