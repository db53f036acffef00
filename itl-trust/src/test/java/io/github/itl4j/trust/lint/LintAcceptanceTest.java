package io.github.itl4j.trust.lint;

import static io.github.itl4j.trust.Fixtures.build;
import static io.github.itl4j.trust.Fixtures.e;
import static io.github.itl4j.trust.Fixtures.vectorKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.itl4j.ItlFile;
import io.github.itl4j.Role;
import io.github.itl4j.trust.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Findings of lists built the way the acceptance check builds them (fresh lists, expected findings computed from the
 * rule table alone): whole WARN/ERROR sets, not one rule at a time.
 */
class LintAcceptanceTest {
    private static Set<String> warnOrError(ItlFile f, Profile p) {
        return LintTableTest.warnOrError(
                Linter.of(LintTableTest.opts().profile(p)).lint("ITLFile.tlv", f.encoded()));
    }

    /**
     * The lint table's row "rollback ITL (§7.2) ⇒ L27": the rollback ITL's emptied TFTP and TVS records are what L27
     * reports (phones accept any ITL and unsigned configurations, R11); L24 (no TFTP certificate) and L25 (no TVS:
     * "every future signer must already be a SAST") do not also fire: the list has TVS records, and R11 lets any
     * signer through.
     */
    @Test
    void rollbackItlIsL27Only() {
        ItlFile rb = Fixtures.aRb();
        assertEquals(Set.of("L27"), warnOrError(rb, Profile.CUCM));
        assertEquals(Set.of("L27"), warnOrError(rb, Profile.USECALLMANAGER));
    }

    /** An ITL that simply has no TFTP or TVS record is not a rollback ITL: L24 and L25 still fire, L27 does not. */
    @Test
    void listWithoutTftpAndTvsIsNotRollback() {
        ItlFile f = build(
                vectorKey("sast-rsa2048"),
                "ITLFile.tlv",
                List.of(e(vectorKey("sast-rsa2048").certificate(), Role.SAST)));
        assertEquals(Set.of("L06", "L24", "L25"), warnOrError(f, Profile.CUCM));
    }

    /**
     * L10 "any RSA key > 2048 bits (record or signer)": a list signed with a 4096-bit key that is not one of its
     * records (signed by another cluster's key, or with --force) still gets L10, on the header (SIGNATUREMODULUS),
     * beside L07 (no signer record).
     */
    @Test
    void l10ForASignerOutsideTheList() {
        ItlFile f = build(
                vectorKey("sast-rsa4096"),
                "ITLFile.tlv",
                List.of(
                        e(vectorKey("sast-rsa2048").certificate(), Role.SAST),
                        e(vectorKey("sast2-rsa2048").certificate(), Role.SAST),
                        e(vectorKey("node05-rsa2048").certificate(), Role.TFTP),
                        e(vectorKey("node09-rsa2048").certificate(), Role.TVS),
                        e(vectorKey("node13-rsa2048").certificate(), Role.CAPF)));
        LintReport r = Linter.of(LintTableTest.opts()).lint("ITLFile.tlv", f.encoded());
        assertEquals(Set.of("L07", "L10"), LintTableTest.warnOrError(r), r.toString());
        Finding l10 = r.findings().stream()
                .filter(x -> x.rule().equals("L10"))
                .findFirst()
                .orElseThrow();
        assertEquals(LintSeverity.WARN, l10.severity());
        // a signer that is a record of the list is reported once, on its record
        ItlFile in = build(
                vectorKey("sast-rsa4096"),
                "ITLFile.tlv",
                List.of(
                        e(vectorKey("sast-rsa4096").certificate(), Role.SAST),
                        e(vectorKey("sast-rsa2048").certificate(), Role.SAST),
                        e(vectorKey("node05-rsa2048").certificate(), Role.TFTP),
                        e(vectorKey("node09-rsa2048").certificate(), Role.TVS)));
        LintReport ri = Linter.of(LintTableTest.opts()).lint("ITLFile.tlv", in.encoded());
        assertEquals(
                1, ri.findings().stream().filter(x -> x.rule().equals("L10")).count(), ri.toString());
    }
}
