package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.cli.ExitCodes;
import io.github.itl4j.cli.ItlCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One named test per fuzz finding, with the expected outcome spelled out. The finding's input also stays in the
 * target's {@code <Class>Inputs/<method>/} folder, where Jazzer replays it under the target's general contract.
 */
class FuzzRegressionTest {
    /**
     * {@code AssembleJsonFuzzTest} crash-67e82ad4: a document starting {@code 7b 00 00 00} makes Jackson guess
     * UTF-32, and decoding fails with a {@link java.io.CharConversionException}, an {@code IOException} that is not a
     * {@code JsonProcessingException}: {@code itl assemble} exited 4 (I/O error) instead of 3 (malformed input).
     * Fixed in {@code ItlCli.exitCode}.
     */
    @Test
    void assembleOfTextThatIsNotUtf8To32IsMalformedInput() {
        byte[] input = KeyLimitsTest.resource(
                "AssembleJsonFuzzTestInputs/assemble/" + "crash-67e82ad465e1b70a814444b225c0a0341fd55ed6");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ItlCli.run(new ByteArrayInputStream(input), out, err, "assemble", "-", "-o", "-");
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INPUT, rc, e);
        assertEquals(0, out.size());
        assertTrue(e.startsWith("itl: <stdin>: ") && e.indexOf('\n') == e.length() - 1, e);
    }
}
