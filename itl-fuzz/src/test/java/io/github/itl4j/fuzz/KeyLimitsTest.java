package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The key loader's limits against hostile key files: the PBE iteration cap (checked before anything is derived from
 * the password) and the file size cap, each just under and just over. Files from {@code keys/make-keys.sh},
 * password {@code fuzz}.
 */
class KeyLimitsTest {
    private static final char[] PASSWORD = "fuzz".toCharArray();

    static byte[] resource(String name) {
        try (InputStream in = KeyLimitsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertLimit(Executable e) {
        KeyLoadException x = assertThrows(KeyLoadException.class, e);
        assertEquals(KeyLoadException.Reason.LIMIT_EXCEEDED, x.reason(), x::getMessage);
        assertTrue(x.getMessage().contains("KeyLoader.with"), x::getMessage);
    }

    @Test
    void theFuzzSeedsAreGoodKeys() throws Exception {
        // The seeds of KeyLoaderFuzzTest must load, so that fuzzing starts from valid files.
        String dir = "KeyLoaderFuzzTestInputs/";
        for (String p12 : new String[] {"sast-rsa1024-aes", "sast-rsa1024-3des", "ec256"}) {
            KeyLoader.defaults()
                    .pkcs12(resource(dir + "pkcs12/seed-" + p12 + ".p12"), PASSWORD, null)
                    .algorithm();
        }
        KeyLoadException none = assertThrows(KeyLoadException.class, () -> KeyLoader.defaults()
                .pkcs12(resource(dir + "pkcs12/seed-certonly.p12"), PASSWORD, null));
        assertEquals(KeyLoadException.Reason.NO_KEY, none.reason());
        for (String pem : new String[] {
            "sast-rsa1024-pkcs8",
            "sast-rsa1024-pkcs1",
            "sast-rsa1024-enc-pkcs8",
            "sast-rsa1024-traditional-enc",
            "ec256-sec1"
        }) {
            String text = new String(resource(dir + "pem/seed-" + pem + ".pem"), StandardCharsets.US_ASCII);
            KeyLoader.defaults().pemText(text, PASSWORD).algorithm();
        }
    }

    @Test
    void pkcs12IterationCountJustUnderAndJustOver() throws Exception {
        byte[] p12 = resource("keys/iter3000.p12");
        assertEquals(
                1024,
                KeyLoader.defaults()
                        .withMaxPbeIterations(3000)
                        .pkcs12(p12, PASSWORD, null)
                        .rsaBits());
        assertLimit(() -> KeyLoader.defaults().withMaxPbeIterations(2999).pkcs12(p12, PASSWORD, null));
    }

    @Test
    void pkcs12OverTheDefaultIterationCapIsRefusedBeforeDerivingAnything() {
        assertEquals(1_000_000, KeyLoader.DEFAULT_MAX_PBE_ITERATIONS);
        byte[] p12 = resource("keys/iter1000001.p12");
        assertLimit(() -> KeyLoader.defaults().pkcs12(p12, PASSWORD, null));
        assertLimit(() -> KeyLoader.defaults().pkcs12(p12, "wrong".toCharArray(), null));
    }

    @Test
    void encryptedPemIterationCountJustUnderAndJustOver() throws Exception {
        String pem = new String(resource("keys/enc3000.pem"), StandardCharsets.US_ASCII)
                + Files.readString(Vectors.cert("sast-rsa1024.crt.pem"));
        assertEquals(
                1024,
                KeyLoader.defaults()
                        .withMaxPbeIterations(3000)
                        .pemText(pem, PASSWORD)
                        .rsaBits());
        assertLimit(() -> KeyLoader.defaults().withMaxPbeIterations(2999).pemText(pem, PASSWORD));
    }

    @Test
    void keyFileSizeJustUnderAndJustOver() throws Exception {
        byte[] p12 = resource("keys/iter3000.p12");
        KeyLoader at = KeyLoader.defaults().withMaxFileSize(p12.length);
        assertEquals(1024, at.pkcs12(p12, PASSWORD, null).rsaBits());
        assertLimit(() -> KeyLoader.defaults().withMaxFileSize(p12.length - 1).pkcs12(p12, PASSWORD, null));
        String pem = Files.readString(Vectors.cert("sast-rsa1024.pem"));
        assertEquals(
                1024,
                KeyLoader.defaults()
                        .withMaxFileSize(pem.length())
                        .pemText(pem, null)
                        .rsaBits());
        assertLimit(() -> KeyLoader.defaults().withMaxFileSize(pem.length() - 1).pemText(pem, null));
        byte[] big = new byte[KeyLoader.DEFAULT_MAX_FILE_SIZE + 1];
        big[0] = 0x30;
        assertLimit(() -> KeyLoader.defaults().pkcs12(big, PASSWORD, null));
    }
}
