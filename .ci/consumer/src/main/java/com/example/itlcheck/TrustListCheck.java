package com.example.itlcheck;

import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;

/** The user's code under test: reads a trust list from bytes and says whether it verifies. */
public final class TrustListCheck {
    private static final ItlVerifier VERIFIER = ItlVerifier.builder().build();

    private TrustListCheck() {
    }

    /**
     * @param bytes an ITL or CTL file
     * @return true if it is well formed and its signature verifies against its own SAST record
     */
    public static boolean verifies(byte[] bytes) {
        try {
            ItlFile file = ItlReader.defaults().readTrustList(io.github.itl4j.Bytes.copyOf(bytes));
            return VERIFIER.verify(file).isVerified();
        } catch (ItlException e) {
            return false;
        }
    }
}
