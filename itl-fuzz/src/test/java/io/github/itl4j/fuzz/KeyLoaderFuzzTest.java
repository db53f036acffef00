package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes key loading: PKCS#12 bytes and PEM text. Key files are trusted input (SECURITY.md), but loading one must
 * still end in a key or a {@link KeyLoadException}, never another exception. The PBE iteration cap is lowered so
 * that each input costs milliseconds. Seeds (password {@code fuzz}): {@code KeyLoaderFuzzTestInputs/<method>/},
 * made by {@code keys/make-keys.sh}. To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=KeyLoaderFuzzTest#pkcs12
 * -Dsurefire.failIfNoSpecifiedTests=false} (or {@code #pem}).
 */
class KeyLoaderFuzzTest {
    private static final KeyLoader LOADER = KeyLoader.defaults().withMaxPbeIterations(4096);

    @FuzzTest(maxDuration = "3m")
    void pkcs12(byte[] data) {
        for (char[] password : new char[][] {"fuzz".toCharArray(), new char[0]}) {
            try {
                touch(LOADER.pkcs12(data, password, null));
            } catch (KeyLoadException expected) {
                if (expected.reason() == null || expected.getMessage() == null) {
                    throw new AssertionError("KeyLoadException without reason or message", expected);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "3m")
    void pem(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (char[] password : new char[][] {"fuzz".toCharArray(), null}) {
            try {
                touch(LOADER.pemText(text, password));
            } catch (KeyLoadException expected) {
                if (expected.reason() == null || expected.getMessage() == null) {
                    throw new AssertionError("KeyLoadException without reason or message", expected);
                }
            }
        }
    }

    private static void touch(SigningKey k) {
        k.algorithm();
        k.certificate().getSubjectX500Principal();
        k.chain().size();
        if (k.isRsa()) {
            k.rsaBits();
        }
        k.signatureLength();
        k.toString();
    }
}
