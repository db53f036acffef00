package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.cli.ExitCodes;
import io.github.itl4j.cli.ItlCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@code itl assemble - -o -} in-process with arbitrary bytes as the JSON document. The CLI exposes no
 * public JSON decoder, so the command itself is the target. Contract: exit 0 with a file the reader accepts and
 * nothing on standard error, or exit 3 (malformed input) with exactly one {@code itl: } line on standard error and
 * nothing on standard output (no partial file); any other exit code (70 is an unexpected exception) fails. Seeds:
 * {@code itl dump --json} of vectors. To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=AssembleJsonFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AssembleJsonFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void assemble(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ItlCli.run(new ByteArrayInputStream(json), out, err, "assemble", "-", "-o", "-");
        String e = err.toString(StandardCharsets.UTF_8);
        if (rc == ExitCodes.OK) {
            if (!e.isEmpty()) {
                throw new AssertionError("exit 0 with a message: " + e);
            }
            try {
                ItlReader.defaults().read(out.toByteArray());
            } catch (ItlException x) {
                throw new AssertionError("assemble wrote a file the reader rejects", x);
            }
            return;
        }
        if (rc != ExitCodes.INPUT) {
            throw new AssertionError("exit " + rc + ": " + e);
        }
        if (out.size() != 0) {
            throw new AssertionError("exit " + rc + " after writing " + out.size() + " bytes");
        }
        if (!e.startsWith(ItlCli.PREFIX) || e.indexOf('\n') != e.length() - 1) {
            throw new AssertionError("not one 'itl: ' line: " + e);
        }
    }
}
