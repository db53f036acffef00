package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration checks that need no server. */
class SftpKeyStoreBuilderTest {

    @Test
    void defaults() {
        SftpKeyStore s = SftpKeyStore.builder("sftp.example.com", "backup")
                .password(PasswordSource.of("pw".toCharArray()))
                .build();
        assertEquals(22, s.port());
        assertEquals(HostKeyPolicy.STRICT, s.hostKeyPolicy());
        assertEquals(SftpKeyStore.defaultKnownHosts(), s.knownHosts());
        assertTrue(s.knownHosts().endsWith(Path.of(".ssh", "known_hosts")));
        assertEquals(1 << 20, s.maxFetchBytes());
    }

    @Test
    void invalidSettingsAreRejected() {
        SftpKeyStore.Builder b = SftpKeyStore.builder("h", "u");
        assertThrows(IllegalStateException.class, b::build, "no credentials");
        assertThrows(IllegalArgumentException.class, () -> b.port(0));
        assertThrows(IllegalArgumentException.class, () -> b.port(65536));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.ioTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.maxFetchBytes(0));
        assertThrows(IllegalArgumentException.class, () -> SftpKeyStore.builder("", "u"));
        assertThrows(IllegalArgumentException.class, () -> SftpKeyStore.builder("h", "a b"));
        assertThrows(NullPointerException.class, () -> SftpKeyStore.builder(null, "u"));
    }

    @Test
    void uploadRejectsFileNamesThatAreNotPlainNames() {
        SftpKeyStore s = SftpKeyStore.builder("h", "u")
                .password(PasswordSource.of("pw".toCharArray()))
                .build();
        for (String name : new String[] {"", ".", "..", "a/b", "a\0b"}) {
            assertThrows(IllegalArgumentException.class, () -> s.upload(new byte[1], "dir", name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> s.upload(new byte[1], "", "x"));
        assertThrows(IllegalArgumentException.class, () -> s.fetch(""));
    }

    @Test
    void toStringHasNoSecret() {
        String s = SftpKeyStore.builder("h", "u")
                .port(2222)
                .password(PasswordSource.of("hunter2".toCharArray()))
                .build()
                .toString();
        assertTrue(s.contains("u@h:2222"), s);
        assertFalse(s.contains("hunter2"), s);
    }

    @Test
    void passwordSourceCopiesAndHandsOutFreshArrays() throws Exception {
        char[] pw = "secret".toCharArray();
        PasswordSource src = PasswordSource.of(pw);
        java.util.Arrays.fill(pw, '\0');
        char[] a = src.password();
        assertEquals("secret", new String(a));
        java.util.Arrays.fill(a, '\0');
        assertEquals("secret", new String(src.password()));
    }

    @Test
    void hostPatternFollowsOpenSsh() {
        assertEquals("example.com", KnownHostsVerifier.hostPattern("Example.COM", 22));
        assertEquals("[127.0.0.1]:2222", KnownHostsVerifier.hostPattern("127.0.0.1", 2222));
    }
}
