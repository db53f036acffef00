package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.itl4j.ItlFile;
import io.github.itl4j.trust.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Findings of one rule share a {@link Finding.Kind} only when everything but the place is equal: the rule keeps its
 * last kind, and a finding with another message, severity, code or parameters must not get it.
 */
class LintFindingKindTest {
    @Test
    void aFindingKeepsItsOwnValuesWhateverTheRuleReportsNext() {
        ItlFile f = Fixtures.b1();
        LintContext c = new LintContext(f, "ITLFile.tlv", f.size(), LintTableTest.opts());
        LintRule r = Linter.rule("L10").orElseThrow();
        LintContext.Rec rec = c.recs[0];
        c.emit(r, null, null, rec, -1, "m", "bits", 4096, "x", 1);
        c.emit(r, null, null, rec, -1, "m", "bits", 8192, "x", 1);
        c.emit(r, LintSeverity.ERROR, null, rec, -1, "m", "bits", 8192, "x", 1);
        c.emit(r, LintSeverity.ERROR, "OTHER", rec, -1, "m", "bits", 8192, "x", 1);
        c.emit(r, LintSeverity.ERROR, "OTHER", rec, -1, "n", "bits", 8192, "x", 1);
        c.emit(r, LintSeverity.ERROR, "OTHER", null, -1, "n", "bits", 8192, "x", 1);
        List<Finding> fs = c.findings();
        assertEquals(Map.of("bits", "4096", "x", "1"), fs.get(0).params());
        assertEquals(List.of("bits", "x"), List.copyOf(fs.get(0).params().keySet()), "in order");
        assertEquals(Map.of("bits", "8192", "x", "1"), fs.get(1).params());
        assertEquals(LintSeverity.WARN, fs.get(1).severity());
        assertEquals(LintSeverity.ERROR, fs.get(2).severity());
        assertEquals("RSA_KEY_OVER_2048", fs.get(2).code());
        assertEquals("OTHER", fs.get(3).code());
        assertEquals("m", fs.get(3).message());
        assertEquals("n", fs.get(4).message());
        assertEquals(fs.get(4).message(), fs.get(5).message());
        assertNotEquals(fs.get(4), fs.get(5), "one on the record, one on the header");
        assertEquals("header", fs.get(5).where());
        for (Finding x : fs) {
            assertEquals("L10", x.rule());
            assertEquals(r.source(), x.source());
            assertThrows(UnsupportedOperationException.class, () -> x.params().put("bits", "1"));
        }
        // a finding made again with the same values equals the first, and shares its kind
        c.emit(r, null, null, rec, -1, "m", "bits", 4096, "x", 1);
        assertEquals(fs.get(0), fs.get(fs.size() - 1));
        assertEquals(fs.get(0).hashCode(), fs.get(fs.size() - 1).hashCode());
        assertEquals(fs.get(0).text(), fs.get(fs.size() - 1).text());
    }
}
