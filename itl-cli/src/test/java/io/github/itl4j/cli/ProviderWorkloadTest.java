package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.nativecrypto.NativeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic provider choice (start-up, issue 16): the native library is loaded for a batch only; one file is
 * signed or verified with the JDK's provider, which is done before the native library would have loaded.
 */
class ProviderWorkloadTest {
    @TempDir
    Path tmp;

    @AfterEach
    void reset() {
        CryptoProviders.reset();
    }

    @Test
    void aFewFilesAreNoBatch() throws Exception {
        Path f = Files.writeString(tmp.resolve("ITLFile.tlv"), "x");
        assertFalse(CryptoProviders.isBatch(new String[] {"verify", f.toString()}));
        assertFalse(CryptoProviders.isBatch(new String[] {"verify", "--trust", f.toString(), "missing.tlv"}));
        assertFalse(CryptoProviders.isBatch(new String[] {"show", "-", "--json"}));
        assertFalse(CryptoProviders.isBatch(new String[] {"show", "bad\u0000path"}));
        CryptoProviders.workload(new String[] {"verify", f.toString()});
        assertNull(CryptoProviders.current(), "one file: the JDK's provider");
    }

    @Test
    void directoriesFleetsAndManyFilesAreABatch() throws Exception {
        assertTrue(CryptoProviders.isBatch(new String[] {"verify", tmp.toString()}));
        assertTrue(CryptoProviders.isBatch(new String[] {"sign-config", "--fleet", "x", "--key", "k"}));
        assertTrue(CryptoProviders.isBatch(new String[] {"sign-config", "--fleet=x"}));
        String[] many = new String[CryptoProviders.BATCH_ARGS];
        java.util.Arrays.fill(many, "f.sgn");
        many[0] = "verify";
        assertTrue(CryptoProviders.isBatch(many));
        assertFalse(CryptoProviders.isBatch(java.util.Arrays.copyOf(many, many.length - 1)));
        CryptoProviders.workload(new String[] {"verify", tmp.toString()});
        assertSame(NativeProvider.orJdk(), CryptoProviders.current(), "a batch: native where it loads");
    }

    @Test
    void anExplicitChoiceIsKeptForOneFile() throws Exception {
        CryptoProviders.workload(new String[] {"verify", "x"});
        CryptoProviders.choose("bc");
        assertTrue(CryptoProviders.current().getName().equals("BC"));
        CryptoProviders.choose("jdk");
        assertNull(CryptoProviders.current());
    }
}
