package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second acceptance pass: the SPEC §4.3 lint table in both profiles, the usecallmanager column computed from SPEC §4.2
 * alone (L06, L24 and L25 are INFO there, L39 is off, L04 is WARN for CTLs too) over the repository vectors.
 */
class LintProfilesAcceptanceTest {
    /** Rules whose severity the usecallmanager profile lowers to INFO (SPEC §4.2 "ucm-nz: INFO"). */
    private static final Set<String> UCM_INFO = Set.of("L06", "L24", "L25");

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("ctl-rsa2048-sha1-v1.0-ctlfile.tlv", List.of()),
                Arguments.of("itl-rsa2048-sha1-v1.0-2sast.tlv", List.of()),
                Arguments.of("itl-rsa2048-sha512-v1.1-2sast.tlv", List.of("L13")),
                Arguments.of("itl-rsa2048-sha1-v1.0-allroles.tlv", List.of("L06", "L16")),
                Arguments.of("itl-rsa2048-sha1-v1.1-allroles.tlv", List.of("L06")),
                Arguments.of("itl-rsa2048-sha1-v1.0-allroles-ec.tlv", List.of("L06", "L16")),
                Arguments.of("bench-typical6-rsa2048-sha1-v1.0.tlv", List.of("L06", "L16")),
                Arguments.of("itl-rsa2048-sha1-v1.0-n01.tlv", List.of("L06", "L24", "L25")),
                Arguments.of("itl-rsa2048-sha512-v1.1-n01.tlv", List.of("L06", "L13", "L24", "L25")),
                Arguments.of("itl-rsa2048-sha1-v1.0-n02.tlv", List.of("L06", "L25")),
                Arguments.of("itl-rsa2048-sha512-v1.1-escaped-subject.tlv", List.of("L06", "L13", "L25")),
                Arguments.of("itl-rsa2048-sha1-v1.0-n12.tlv", List.of("L06", "L10", "L16")),
                Arguments.of("itl-rsa2048-sha1-v1.0-n50.tlv", List.of("L02", "L06", "L10", "L16")),
                Arguments.of("itl-rsa2048-sha1-v1.1-noappserver-ec.tlv", List.of("L06", "L17")),
                Arguments.of("itl-rsa2048-sha512-v1.1-allroles-ec.tlv", List.of("L06", "L13", "L17")),
                Arguments.of("itl-rsa1024-sha1-v1.0-allroles.tlv", List.of("L06", "L16")),
                Arguments.of("itl-rsa4096-sha512-v1.0-allroles.tlv", List.of("L06", "L10", "L13", "L16")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void bothProfiles(String name, List<String> cucm) throws IOException {
        LintReport c = LintTableTest.lint(LintTableTest.itl(name), LintTableTest.opts());
        assertEquals(new TreeSet<>(cucm), LintTableTest.warnOrError(c), c.toString());
        LintReport u =
                LintTableTest.lint(LintTableTest.itl(name), LintTableTest.opts().profile(Profile.USECALLMANAGER));
        Set<String> ucm = new TreeSet<>(cucm);
        ucm.removeAll(UCM_INFO);
        assertEquals(ucm, LintTableTest.warnOrError(u), u.toString());
        for (String r : cucm) {
            if (UCM_INFO.contains(r)) {
                assertTrue(
                        u.findings().stream().anyMatch(f -> f.rule().equals(r) && f.severity() == LintSeverity.INFO),
                        r + " INFO expected: " + u);
            }
        }
        boolean capf = c.findings().stream().anyMatch(f -> f.rule().equals("L39"));
        assertEquals(name.startsWith("itl-") && name.contains("-n0") || name.contains("escaped"), capf, c.toString());
        assertTrue(u.findings().stream().noneMatch(f -> f.rule().equals("L39")), u.toString());
    }
}
