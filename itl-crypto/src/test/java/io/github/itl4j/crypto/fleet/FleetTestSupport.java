package io.github.itl4j.crypto.fleet;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The fixtures of the crypto tests that the fleet tests use (the crypto test support is package-private). */
final class FleetTestSupport {
    private FleetTestSupport() {}

    static Path keys(String name) {
        try {
            java.net.URL u = FleetTestSupport.class.getResource("/io/github/itl4j/crypto/keys/" + name);
            if (u == null) {
                throw new IllegalStateException("missing test key file keys/" + name);
            }
            return Paths.get(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SigningKey certutilsKey(String name) throws KeyLoadException {
        String p = System.getProperty("itl.testdata");
        Path d = (p != null ? Paths.get(p) : Paths.get("..", "testdata"))
                .resolve("vectors")
                .resolve("certutils")
                .resolve("certs");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("test data not found at " + d.toAbsolutePath());
        }
        return KeyLoader.defaults().pem(d.resolve(name + ".crt.pem"), d.resolve(name + ".key.pem"), null);
    }

    static Clock fixedClock(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    static boolean jcaVerify(SignedFile f, PublicKey key) throws GeneralSecurityException {
        DigestAlgorithm d = f.header().digestAlgorithm().orElseThrow();
        String name =
                switch (d.code()) {
                    case 1 -> "SHA1withRSA";
                    case 2 -> "SHA256withRSA";
                    case 3 -> "SHA512withRSA";
                    default -> throw new AssertionError(d);
                };
        Signature s = Signature.getInstance(name);
        s.initVerify(key);
        for (Bytes part : f.signedParts()) {
            s.update(part.toByteArray());
        }
        return s.verify(f.header().signature().orElseThrow().toByteArray());
    }

    static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }
}
