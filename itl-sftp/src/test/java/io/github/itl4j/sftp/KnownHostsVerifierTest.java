package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.sftp.RemoteKeyException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KnownHostsVerifier} without a server: which known_hosts lines make an offered key known, new or changed. */
class KnownHostsVerifierTest {

    private static final String HOST = "sftp.example.com";
    /** An ed25519 key as ssh-keygen writes it (the server's key known from an earlier visit). */
    private static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @TempDir
    Path tmp;

    private static PublicKey rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPublic();
    }

    private static PublicKey ecdsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair().getPublic();
    }

    /** A hashed host field as {@code ssh-keygen -H} writes it: {@code |1|base64(salt)|base64(HMAC-SHA1(salt,name))}. */
    static String hashed(String name) throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] h = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(h);
    }

    private Path knownHosts(String content) throws Exception {
        return Files.writeString(tmp.resolve("known_hosts"), content);
    }

    private KnownHostsVerifier verifier(Path kh, HostKeyPolicy policy, int port) throws Exception {
        return KnownHostsVerifier.load(kh, policy, HOST, port, "u@" + HOST + ":" + port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                HOST,
                "[" + HOST + "]:22",
                "SFTP.Example.COM",
                "*.example.com",
                "other.org,sftp.example.com",
                "sftp.example.co?",
                "[sftp.example.com]:*",
                "hashed:" + HOST,
                "hashed:[" + HOST + "]:22"
            })
    void anotherTypeOfKeyIsAChangedKeyOnPort22(String field) throws Exception {
        String hostField = field.startsWith("hashed:") ? hashed(field.substring(7)) : field;
        String content = "# comment\n" + hostField + " " + ED25519 + "\n";
        Path kh = knownHosts(content);
        PublicKey offered = rsa();
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            KnownHostsVerifier v = verifier(kh, policy, 22);
            assertFalse(v.verifyServerKey(null, null, offered), field);
            RemoteKeyException e = v.failure();
            assertEquals(Reason.CHANGED_HOST_KEY, e.reason(), e::toString);
            String m = e.getMessage();
            assertTrue(
                    m.contains(HOST)
                            && m.contains("ssh-rsa")
                            && m.contains(KeyUtils.getFingerPrint(offered))
                            && m.contains("ssh-ed25519 (line 2)")
                            && m.contains("downgraded"),
                    m);
            assertEquals(content, Files.readString(kh), "a changed key must never be recorded");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[" + HOST + "]:2222", "[sftp.example.com]:22*", "hashed:[" + HOST + "]:2222"})
    void anotherTypeOfKeyIsAChangedKeyOnAnotherPort(String field) throws Exception {
        String hostField = field.startsWith("hashed:") ? hashed(field.substring(7)) : field;
        Path kh = knownHosts(hostField + " " + ED25519 + "\n");
        KnownHostsVerifier v = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 2222);
        assertFalse(v.verifyServerKey(null, null, ecdsa()), field);
        assertEquals(Reason.CHANGED_HOST_KEY, v.failure().reason(), v.failure()::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                HOST,
                "hashed:" + HOST,
                "other.example.com",
                "!sftp.example.com,*.example.com",
                "*.example.com,!sftp.example.com",
                "[" + HOST + "]:2223",
                "hashed:[" + HOST + "]:22"
            })
    void linesForOtherHostsOrPortsLeaveTheHostUnknown(String field) throws Exception {
        String hostField = field.startsWith("hashed:") ? hashed(field.substring(7)) : field;
        String content = hostField + " " + ED25519 + "\n";
        Path kh = knownHosts(content);
        PublicKey offered = rsa();
        KnownHostsVerifier strict = verifier(kh, HostKeyPolicy.STRICT, 2222);
        assertFalse(strict.verifyServerKey(null, null, offered));
        assertEquals(Reason.UNKNOWN_HOST_KEY, strict.failure().reason(), strict.failure()::toString);

        KnownHostsVerifier accept = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 2222);
        assertTrue(accept.verifyServerKey(null, null, offered));
        assertNull(accept.failure());
        assertEquals(content + "[" + HOST + "]:2222 " + PublicKeyEntry.toString(offered) + "\n", Files.readString(kh));
    }

    @Test
    void aKnownKeyIsAcceptedBesideKeysOfOtherTypes() throws Exception {
        PublicKey offered = rsa();
        Path kh = knownHosts(
                hashed(HOST) + " " + ED25519 + "\n" + "[" + HOST + "]:22 " + PublicKeyEntry.toString(offered) + "\n");
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            KnownHostsVerifier v = verifier(kh, policy, 22);
            assertTrue(v.verifyServerKey(null, null, offered), () -> String.valueOf(v.failure()));
        }
    }

    @Test
    void aRevokedKeyOfTheHostDoesNotMakeItKnownButIsItselfRefused() throws Exception {
        PublicKey old = rsa();
        PublicKey offered = rsa();
        Path kh = knownHosts("@revoked * " + PublicKeyEntry.toString(old) + "\n");
        KnownHostsVerifier v = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 22);
        assertTrue(v.verifyServerKey(null, null, offered), () -> String.valueOf(v.failure()));

        KnownHostsVerifier again = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 22);
        assertFalse(again.verifyServerKey(null, null, old));
        assertEquals(Reason.REVOKED_HOST_KEY, again.failure().reason());
    }

    @Test
    void aCertificateAuthorityForTheHostRefusesUnknownPlainKeys() throws Exception {
        String content = "@cert-authority *.example.com " + PublicKeyEntry.toString(ecdsa()) + "\n";
        Path kh = knownHosts(content);
        KnownHostsVerifier v = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 22);
        assertFalse(v.verifyServerKey(null, null, rsa()));
        assertEquals(Reason.CHANGED_HOST_KEY, v.failure().reason());
        assertTrue(
                v.failure().getMessage().contains("@cert-authority ecdsa-sha2-nistp256 (line 1)"),
                v.failure().getMessage());
        assertEquals(content, Files.readString(kh));
    }

    @Test
    void aKeyTypeThatCannotBeDecodedStillMakesTheHostKnown() throws Exception {
        Path kh = knownHosts(HOST + " ssh-foo AAAAB3NzaC1mb28AAAABIw==\n");
        KnownHostsVerifier v = verifier(kh, HostKeyPolicy.ACCEPT_NEW, 22);
        assertFalse(v.verifyServerKey(null, null, rsa()));
        assertEquals(Reason.CHANGED_HOST_KEY, v.failure().reason());
        assertTrue(
                v.failure().getMessage().contains("ssh-foo (line 1)"),
                v.failure().getMessage());
    }

    @Test
    void malformedLinesAndUnknownMarkersAreSkipped() throws Exception {
        Path kh = knownHosts(
                HOST + "\n" + HOST + " ssh-ed25519\n@foo " + HOST + " " + ED25519 + "\n|1|x " + ED25519 + "\n");
        KnownHostsVerifier v = verifier(kh, HostKeyPolicy.STRICT, 22);
        assertFalse(v.verifyServerKey(null, null, rsa()));
        assertEquals(Reason.UNKNOWN_HOST_KEY, v.failure().reason());
    }

    @Test
    void hostNamesAndGlobsFollowOpenSsh() {
        assertEquals(List.of("h.example", "[h.example]:22"), KnownHostsVerifier.hostNames("H.Example", 22));
        assertEquals(List.of("[::1]:2222"), KnownHostsVerifier.hostNames("::1", 2222));
        assertTrue(KnownHostsVerifier.glob("*", ""));
        assertTrue(KnownHostsVerifier.glob("a*b*c", "axxbyyc"));
        assertFalse(KnownHostsVerifier.glob("a*b*c", "axxbyy"));
        assertTrue(KnownHostsVerifier.glob("?.example", "h.example"));
        assertFalse(KnownHostsVerifier.glob("?.example", "hh.example"));
        assertFalse(KnownHostsVerifier.glob("*a*a*a*a*a*a*a*a*b", "a".repeat(5000)));
    }
}
