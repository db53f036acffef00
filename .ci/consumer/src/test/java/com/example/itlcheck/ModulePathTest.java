package com.example.itlcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.ItlVerifier;
import org.junit.jupiter.api.Test;

/** Proves the run is on the module path: this code and itl4j are named modules, not the class path. */
class ModulePathTest {
    @Test
    void codeAndLibraryAreNamedModules() {
        assertEquals("com.example.itlcheck", TrustListCheck.class.getModule().getName());
        assertEquals("io.github.itl4j.crypto", ItlVerifier.class.getModule().getName());
        assertEquals("io.github.itl4j.core", io.github.itl4j.ItlFile.class.getModule().getName());
        assertTrue(TrustListCheck.class.getModule().getDescriptor().requires().stream()
                .anyMatch(r -> r.name().equals("io.github.itl4j.crypto")));
    }
}
