package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.itl4j.crypto.ItlSigningException;
import org.junit.jupiter.api.Test;

/** Issue 10: a signing-provider failure is not "malformed input" (exit 3) but an environment failure (exit 4). */
class ExitCodesTest {
    @Test
    void signingFailuresMapByReason() {
        assertEquals(
                ExitCodes.IO,
                ExitCodes.of(new ItlSigningException(
                        ItlSigningException.Reason.SIGNATURE_FAILED,
                        "Signing with Broken failed: token removed",
                        ItlSigningException.NO_TAG,
                        null)));
        for (ItlSigningException.Reason r : ItlSigningException.Reason.values()) {
            if (r != ItlSigningException.Reason.SIGNATURE_FAILED) {
                assertEquals(
                        ExitCodes.INPUT,
                        ExitCodes.of(new ItlSigningException(r, "refused", ItlSigningException.NO_TAG, null)),
                        r.name());
            }
        }
    }
}
