package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.trust.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Rules#runAll} runs a rule only when the list meets its precondition (what {@link LintContext} gathers in its
 * pass over the records): over the bundled lists and the test fixtures, with options that move the validity rules'
 * boundaries, all rules at once must find exactly what each rule finds alone (which runs unconditionally), and the
 * rules behind a precondition must fire somewhere, so that a precondition that is too narrow shows.
 */
class LintPreconditionsTest {
    @Test
    void rulesBehindAPreconditionFindWhatTheyFindAlone() throws Exception {
        Map<String, ItlFile> lists = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(LintTableTest.itl("x").getParent())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".tlv")).sorted().toList()) {
                lists.put(
                        p.getFileName().toString(),
                        ItlReader.defaults().readTrustList(Bytes.wrapOwned(Files.readAllBytes(p))));
            }
        }
        lists.put("ITLFile.tlv a1", Fixtures.a1());
        lists.put("ITLFile.tlv a1r", Fixtures.a1r());
        lists.put("ITLFile.tlv a2", Fixtures.a2());
        lists.put("ITLFile.tlv a4r", Fixtures.a4r());
        lists.put("ITLFile.tlv a5l", Fixtures.a5l());
        lists.put("ITLFile.tlv b1", Fixtures.b1());
        lists.put("ITLFile.tlv b1r", Fixtures.b1r());
        lists.put("ITLFile.tlv all1024", Fixtures.all1024());
        lists.put("CTLFile.tlv ctlA", Fixtures.ctlA());
        lists.put("CTLFile.tlv ctlB", Fixtures.ctlB());
        lists.put("CTLFile.tlv ctlNonSecure", Fixtures.ctlNonSecure());
        LintOptions base = LintTableTest.opts();
        List<LintOptions> options = List.of(
                base,
                base.now(Instant.parse("2000-01-01T00:00:00Z")),
                base.now(Instant.parse("2100-01-01T00:00:00Z")),
                base.nearExpiry(Duration.ofDays(20_000)),
                base.fips(true).profile(Profile.USECALLMANAGER));
        TreeSet<String> fired = new TreeSet<>();
        int compared = 0;
        for (LintOptions o : options) {
            Linter linter = Linter.of(o);
            for (Map.Entry<String, ItlFile> e : lists.entrySet()) {
                String name = e.getKey().split(" ")[0];
                ItlFile f = e.getValue();
                List<Finding> alone = new ArrayList<>();
                for (LintRule r : Linter.rules()) {
                    alone.addAll(r.check(f, name, f.size(), o));
                }
                List<Finding> all = linter.lint(f, name).findings();
                assertEquals(alone, all, e.getKey() + " " + o.now());
                all.forEach(x -> fired.add(x.rule()));
                compared += all.size();
            }
        }
        assertTrue(compared > 500, "findings compared: " + compared);
        for (String id : List.of("L02", "L09", "L10", "L11", "L16", "L17", "L20", "L21", "L22", "L24", "L25", "L29")) {
            assertTrue(fired.contains(id), id + " never fired; fired: " + fired);
        }
    }

    /**
     * For the tests that fire each rule (LintRulesTest): a report of all rules at once must hold what each rule finds
     * alone, the check of the test above over every list those tests build.
     *
     * @param all the report of {@link Linter#lint(String, Bytes)} over {@code f}'s bytes
     */
    static void assertEachRuleAloneFinds(LintReport all, ItlFile f, String name, LintOptions o) {
        if (all.malformed().isPresent() || !o.disabled().isEmpty() || all.kind().isEmpty()) {
            return; // not linted by the rules, or not all of them
        }
        if (all.kind().get() != io.github.itl4j.trust.FileKind.ITL
                && all.kind().get() != io.github.itl4j.trust.FileKind.CTL) {
            return;
        }
        ItlFile read;
        try {
            read = ItlReader.withLimits(o.limits()).readTrustList(f.encoded());
        } catch (io.github.itl4j.ItlException e) {
            throw new AssertionError(e);
        }
        List<Finding> alone = new ArrayList<>();
        for (LintRule r : Linter.rules()) {
            alone.addAll(r.check(read, name, read.size(), o));
        }
        assertEquals(alone, all.findings(), name);
    }
}
