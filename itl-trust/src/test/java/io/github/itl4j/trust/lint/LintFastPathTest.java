package io.github.itl4j.trust.lint;

import static io.github.itl4j.trust.Fixtures.build;
import static io.github.itl4j.trust.Fixtures.clusterKey;
import static io.github.itl4j.trust.Fixtures.e;
import static io.github.itl4j.trust.Fixtures.vectorKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.TrustLists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the faster lint paths must keep: a list linted with the verifier's result handed in gives the findings of a
 * plain lint, and L28/L29 find the same duplicates whether they compare pairs (small lists) or index a map.
 */
class LintFastPathTest {
    private static final LintOptions OPTS = LintTableTest.opts();

    @Test
    void aVerifiedListGivesTheFindingsOfAPlainLint() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(LintTableTest.itl("x").getParent())) {
            files = s.filter(p -> p.toString().endsWith(".tlv")).sorted().toList();
        }
        assertTrue(files.size() > 10, files.toString());
        Linter linter = Linter.of(OPTS);
        for (Path p : files) {
            ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(Files.readAllBytes(p)));
            String name = p.getFileName().toString();
            LintReport plain = linter.lint(f, name);
            LintReport verified = linter.lint(f, name, Linter.verifier().verify(f));
            assertEquals(plain.findings(), verified.findings(), name);
            assertEquals(plain.kind(), verified.kind(), name);
            // from the bytes, the public entry point
            assertEquals(plain.findings(), linter.lint(name, f.encoded()).findings(), name);
        }
        ItlFile bad = Fixtures.b1();
        assertThrows(NullPointerException.class, () -> linter.lint(bad, "ITLFile.tlv", null));
    }

    @Test
    void allRulesAtOnceFindWhatEachRuleFindsAlone() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(LintTableTest.itl("x").getParent())) {
            files = s.filter(p -> p.toString().endsWith(".tlv")).sorted().toList();
        }
        Linter linter = Linter.of(OPTS);
        int found = 0;
        for (Path p : files) {
            ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(Files.readAllBytes(p)));
            String name = p.getFileName().toString();
            List<Finding> alone = new ArrayList<>();
            for (LintRule r : Linter.rules()) {
                alone.addAll(r.check(f, name, f.size(), OPTS));
            }
            List<Finding> all = linter.lint(f, name).findings();
            assertEquals(alone, all, name);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(alone.get(i).text(), all.get(i).text(), name);
                assertEquals(alone.get(i).hashCode(), all.get(i).hashCode(), name);
            }
            found += all.size();
        }
        assertTrue(found > 50, "findings compared: " + found);
    }

    @Test
    void duplicatesAreFoundAlikeInSmallAndLargeLists() throws Exception {
        List<String> names = Fixtures.nodeCertificateNames();
        // every node certificate as CCM, a few again as CCM (L28) and as TFTP or SRST (L29)
        List<TrustListBuilder.Entry> l = new ArrayList<>(List.of(e(Fixtures.cmA(), Role.SAST)));
        for (int i = 0; i < names.size(); i++) {
            l.add(e(vectorKey(names.get(i)).certificate(), Role.CCM));
            if (i % 6 == 3) {
                l.add(e(vectorKey(names.get(i)).certificate(), Role.CCM));
            }
            if (i % 4 == 3) {
                l.add(e(vectorKey(names.get(i)).certificate(), i % 8 == 3 ? Role.TFTP : Role.SRST));
            }
        }
        for (int i = 0; i < 12; i++) {
            l.add(e(vectorKey(names.get(i)).certificate(), Role.APP_SERVER));
        }
        ItlFile large = build(clusterKey("test10pub"), "ITLFile.tlv", l);
        assertTrue(
                large.records().size() > Rules.PAIRWISE_MAX,
                "records " + large.records().size());
        ItlFile small = build(clusterKey("test10pub"), "ITLFile.tlv", l.subList(0, 30));
        assertTrue(small.records().size() <= Rules.PAIRWISE_MAX);
        for (ItlFile f : List.of(large, small)) {
            List<Finding> dup = rule("L28").check(f, "ITLFile.tlv", f.size(), OPTS);
            List<Finding> roles = rule("L29").check(f, "ITLFile.tlv", f.size(), OPTS);
            assertFalse(dup.isEmpty());
            assertFalse(roles.isEmpty());
            assertEquals(
                    expectedDuplicates(f), summary(dup), "L28, " + f.records().size() + " records");
            assertEquals(expectedRoles(f), summary(roles), "L29, " + f.records().size() + " records");
        }
    }

    private static LintRule rule(String id) {
        return Linter.rule(id).orElseThrow();
    }

    private static List<String> summary(List<Finding> fs) {
        List<String> out = new ArrayList<>();
        for (Finding f : fs) {
            out.add(f.recordIndex() + " " + f.params());
        }
        return out;
    }

    /** L28 the straightforward way: a map from (role, identity) to the first record. */
    private static List<String> expectedDuplicates(ItlFile f) {
        Map<List<Object>, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.records().size(); i++) {
            ItlRecord r = f.records().get(i);
            String id = TrustLists.identity(r).orElse(null);
            if (id == null || r.role().isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(List.of(r.role().get(), id), i);
            if (first != null) {
                out.add(i + " " + Map.of("duplicateOf", String.valueOf(first + 1)));
            }
        }
        return out;
    }

    /** L29 the straightforward way: records grouped by identity in order, their role names in order. */
    private static List<String> expectedRoles(ItlFile f) {
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Set<String>> roles = new HashMap<>();
        for (int i = 0; i < f.records().size(); i++) {
            ItlRecord r = f.records().get(i);
            String id = TrustLists.identity(r).orElse(null);
            if (id != null) {
                first.putIfAbsent(id, i);
                roles.computeIfAbsent(id, k -> new LinkedHashSet<>())
                        .add(r.role().map(Role::name).orElse("none"));
            }
        }
        List<String> out = new ArrayList<>();
        first.forEach((id, i) -> {
            if (roles.get(id).size() > 1) {
                out.add(i + " " + Map.of("roles", String.join(",", roles.get(id))));
            }
        });
        return out;
    }
}
