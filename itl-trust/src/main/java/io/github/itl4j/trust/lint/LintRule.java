package io.github.itl4j.trust.lint;

import io.github.itl4j.ItlFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One lint rule (docs/lint.md): its id, code, condition, default severity per {@link Profile}, how the severity
 * changes with the options or the record ({@link #severityNote()}), sources and confidence, and its check over a parsed
 * trust list. The rules are listed by {@link Linter#rules()}; {@code docs/lint.md} is checked against them. Immutable.
 *
 * @since 0.1.0
 */
public final class LintRule {
    /** A check: reports findings through the context. */
    @FunctionalInterface
    interface Check {
        void run(LintContext ctx, LintRule rule);
    }

    private final String id;
    private final String code;
    private final String condition;
    private final LintSeverity cucm;
    private final LintSeverity usecallmanager;
    private final String severityNote;
    private final List<String> source;
    private final String confidence;
    private final Check check;
    /**
     * The last kind of finding {@link #kind} made, for the next finding with the same values. Not volatile: a kind is
     * immutable, its fields final, so a thread sees null, an older kind or a whole new one, and makes its own kind
     * when the one it sees does not fit.
     */
    private Finding.Kind lastKind;

    LintRule(
            String id,
            String code,
            String condition,
            LintSeverity cucm,
            LintSeverity usecallmanager,
            String severityNote,
            List<String> source,
            String confidence,
            Check check) {
        this.id = Objects.requireNonNull(id);
        this.code = Objects.requireNonNull(code);
        this.condition = Objects.requireNonNull(condition);
        this.cucm = Objects.requireNonNull(cucm);
        this.usecallmanager = Objects.requireNonNull(usecallmanager);
        this.severityNote = severityNote == null ? "" : severityNote;
        this.source = List.copyOf(source);
        this.confidence = Objects.requireNonNull(confidence);
        this.check = Objects.requireNonNull(check);
    }

    /** @return the id, {@code L01} ... {@code L41} */
    public String id() {
        return id;
    }

    /** @return the rule's own code (findings taken over from the verifier carry the verifier's code instead) */
    public String code() {
        return code;
    }

    /** @return the condition the rule checks, in words */
    public String condition() {
        return condition;
    }

    /**
     * @param p a profile
     * @return the default severity in that profile ({@link LintSeverity#OFF} when the rule does not apply)
     */
    public LintSeverity severity(Profile p) {
        return p == Profile.USECALLMANAGER ? usecallmanager : cucm;
    }

    /** @return how options or the record raise or lower the severity (e.g. "ERROR with --fips"), or "" */
    public String severityNote() {
        return severityNote;
    }

    /** @return short names of the sources (docs/trust.md §1.2) */
    public List<String> source() {
        return source;
    }

    /**
     * @return the confidence as docs/lint.md gives it: {@code H}, {@code M}, {@code L}, {@code U}, {@code P}, or
     *     {@code R} (a repository format rule, docs/format.md)
     */
    public String confidence() {
        return confidence;
    }

    /** @return true when the rule rests on weak evidence ([L], [U], [P]): its findings say so */
    public boolean isWeak() {
        return confidence.startsWith("L") || confidence.startsWith("U") || confidence.startsWith("P");
    }

    /**
     * Runs this rule alone over a trust list.
     *
     * @param file the list
     * @param name its file name (for the kind), or null
     * @param size its size in bytes ({@code file.size()} for a list in memory)
     * @param options the options (the disabled set and overrides apply)
     * @return its findings
     */
    public List<Finding> check(ItlFile file, String name, long size, LintOptions options) {
        LintContext ctx = new LintContext(file, name, size, options);
        ctx.run(this);
        return ctx.findings();
    }

    /**
     * @param code the finding's code
     * @param severity its severity
     * @param message its message
     * @param params its parameters (immutable)
     * @return a kind of finding of this rule with these values: the last one made when it has them
     */
    Finding.Kind kind(String code, LintSeverity severity, String message, Map<String, String> params) {
        Finding.Kind k = lastKind;
        if (k == null || !k.is(code, severity, message, params)) {
            k = new Finding.Kind(id, code, severity, message, params, source, confidence);
            lastKind = k;
        }
        return k;
    }

    void run(LintContext ctx) {
        check.run(ctx, this);
    }

    @Override
    public String toString() {
        return id + " " + code;
    }
}
