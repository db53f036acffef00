package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.trust.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A finding is a value: one lint made (its location text written when first asked for) equals one made from the same
 * values with the public constructor, which copies what it is given.
 */
class FindingTest {
    @Test
    void aFindingLintMadeEqualsOneMadeFromItsValues() {
        LintReport r = Linter.of(LintTableTest.opts()).lint(Fixtures.a1(), "ITLFile.tlv");
        int onRecords = 0;
        for (Finding f : r.findings()) {
            Finding copy = new Finding(
                    f.rule(),
                    f.code(),
                    f.severity(),
                    f.recordIndex(),
                    f.offset(),
                    f.where(),
                    f.message(),
                    f.params(),
                    f.source(),
                    f.confidence());
            assertEquals(copy, f);
            assertEquals(f, copy);
            assertEquals(copy.hashCode(), f.hashCode());
            assertEquals(copy.text(), f.text());
            assertEquals(copy.toString(), f.toString());
            if (f.recordIndex() >= 0) {
                onRecords++;
                assertTrue(f.where().startsWith("record " + (f.recordIndex() + 1) + " ("), f.where());
            }
        }
        assertTrue(onRecords > 0, r.toString());
    }

    @Test
    void theConstructorCopiesAndChecks() {
        Map<String, String> params = new HashMap<>(Map.of("bits", "1024"));
        List<String> source = new ArrayList<>(List.of("SG14"));
        Finding f = new Finding(
                "L11", "RSA_KEY_NOT_FIPS", LintSeverity.INFO, 2, 100, "record 3 (CCM a)", "m", params, source, "H");
        params.put("bits", "2048");
        source.add("X");
        assertEquals(Map.of("bits", "1024"), f.params());
        assertEquals(List.of("SG14"), f.source());
        assertEquals("L11 INFO [record 3 (CCM a)]: m  [SG14; H]", f.text());
        Finding other = new Finding(
                "L11", "RSA_KEY_NOT_FIPS", LintSeverity.INFO, 2, 100, "record 3 (CCM b)", "m", params, source, "H");
        assertNotEquals(f, other);
        assertThrows(
                IllegalArgumentException.class,
                () -> new Finding("L11", "X", LintSeverity.OFF, -1, -1, "header", "m", Map.of(), List.of(), "H"));
        assertThrows(
                NullPointerException.class,
                () -> new Finding("L11", "X", LintSeverity.INFO, -1, -1, null, "m", Map.of(), List.of(), "H"));
    }
}
