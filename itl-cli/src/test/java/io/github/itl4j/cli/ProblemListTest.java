package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: a header of thousands of unknown tags gave megabytes of warnings; repeated ones are now counted. */
class ProblemListTest {
    @Test
    void repeatedWarningsAreCollapsedWithACount() {
        List<Problem> list = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            list.add(new Problem(
                    ProblemCode.READER_WARNING,
                    Severity.WARNING,
                    -1,
                    100 + 3 * i,
                    List.of("UNKNOWN_TAG", "unknown header tag 200 at offset " + (100 + 3 * i))));
        }
        list.add(new Problem(ProblemCode.TOO_MANY_SAST, Severity.WARNING, -1, -1, List.of(3)));
        StringWriter sw = new StringWriter();
        ShowFormat.problems(new PrintWriter(sw, true), list, "  ");
        String[] lines = sw.toString().split("\n");
        assertEquals(ShowFormat.MAX_PROBLEMS_PER_CODE + 2, lines.length, sw.toString());
        assertTrue(
                sw.toString().contains("  warning READER_WARNING: ... and 19995 more like this (20000 in all)"),
                sw.toString());
        assertTrue(sw.toString().contains("warning TOO_MANY_SAST"), sw.toString());
        assertTrue(sw.toString().length() < 2_000, "output of " + sw.toString().length() + " characters");
    }
}
