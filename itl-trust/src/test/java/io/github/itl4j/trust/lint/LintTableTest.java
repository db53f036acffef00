package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.trust.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lint test table (docs/lint.md) over the repository vectors, at {@code --now 2026-11-29}. */
class LintTableTest {
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    static LintOptions opts() {
        return LintOptions.defaults().now(NOW);
    }

    static Path itl(String name) {
        return Fixtures.testdata().resolve("vectors/certutils/itl/" + name);
    }

    static LintReport lint(Path p, LintOptions o) throws IOException {
        return Linter.of(o).lint(p.getFileName().toString(), Bytes.wrapOwned(Files.readAllBytes(p)));
    }

    /** @return the rule ids of the WARN and ERROR findings */
    static Set<String> warnOrError(LintReport r) {
        Set<String> s = new TreeSet<>();
        r.findings().stream().filter(f -> f.severity() != LintSeverity.INFO).forEach(f -> s.add(f.rule()));
        return s;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("ctl-rsa2048-sha1-v1.0-ctlfile.tlv", List.of(), List.of("L37")),
                Arguments.of("itl-rsa2048-sha1-v1.0-2sast.tlv", List.of(), List.of()),
                Arguments.of("itl-rsa2048-sha512-v1.1-2sast.tlv", List.of("L13"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-allroles.tlv", List.of("L06", "L16"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.1-allroles.tlv", List.of("L06"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-allroles-ec.tlv", List.of("L06", "L16"), List.of()),
                Arguments.of("bench-typical6-rsa2048-sha1-v1.0.tlv", List.of("L06", "L16"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-n01.tlv", List.of("L06", "L24", "L25"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-n02.tlv", List.of("L06", "L25"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-n12.tlv", List.of("L06", "L10", "L16"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-n25.tlv", List.of("L06", "L10", "L16"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-n50.tlv", List.of("L02", "L06", "L10", "L16"), List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-signer-not-first.tlv", List.of("L06", "L16"), List.of("L08")),
                Arguments.of("itl-rsa4096-sha1-v1.1-noappserver.tlv", List.of("L06", "L10"), List.of()),
                Arguments.of("itl-rsa4096-sha512-v1.0-allroles.tlv", List.of("L06", "L10", "L13", "L16"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void vector(String name, List<String> expected, List<String> info) throws IOException {
        LintReport r = lint(itl(name), opts());
        assertTrue(r.malformed().isEmpty(), r.toString());
        assertEquals(new TreeSet<>(expected), warnOrError(r), r.toString());
        for (String i : info) {
            assertTrue(
                    r.findings().stream().anyMatch(f -> f.rule().equals(i) && f.severity() == LintSeverity.INFO),
                    i + " INFO expected: " + r);
        }
    }
}
