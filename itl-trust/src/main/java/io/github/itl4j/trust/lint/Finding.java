package io.github.itl4j.trust.lint;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One lint finding: the rule that fired, a stable code (the verifier's {@code ProblemCode} name for findings that come
 * from the verifier, else the rule's own code), its severity, where it is and the message, in the coded-problem style
 * of {@link io.github.itl4j.crypto.Problem}. Callers and tests should look at {@link #rule()} and {@link #code()},
 * never at the text. Immutable and thread-safe; equal when every accessor returns equal values.
 *
 * <p>A finding lint makes on a record writes its {@link #where()} text when it is first asked for, not when the
 * finding is made (most findings are counted or filtered by code, not printed).
 *
 * @since 0.1.0
 */
public final class Finding {
    /**
     * What findings of one rule with one message share: all but the place. Lint's findings take it from their rule
     * ({@link LintRule#kind}), which keeps the last one it made, so that the findings of a rule that reports one text
     * at many records, or at the same record of every list linted, share one. Immutable.
     */
    static final class Kind {
        final String rule;
        final String code;
        final LintSeverity severity;
        final String message;
        final Map<String, String> params;
        final List<String> source;
        final String confidence;

        /** Checks the arguments; {@code params} and {@code source} must be immutable already. */
        Kind(
                String rule,
                String code,
                LintSeverity severity,
                String message,
                Map<String, String> params,
                List<String> source,
                String confidence) {
            this.rule = Objects.requireNonNull(rule, "rule");
            this.code = Objects.requireNonNull(code, "code");
            this.severity = Objects.requireNonNull(severity, "severity");
            this.message = Objects.requireNonNull(message, "message");
            this.params = Objects.requireNonNull(params, "params");
            this.source = Objects.requireNonNull(source, "source");
            this.confidence = Objects.requireNonNull(confidence, "confidence");
            if (severity == LintSeverity.OFF) {
                throw new IllegalArgumentException("a finding cannot be OFF");
            }
        }

        /** @return true if findings of this kind have these values (the rule's source and confidence given) */
        boolean is(String code, LintSeverity severity, String message, Map<String, String> params) {
            return this.severity == severity
                    && (this.code == code || this.code.equals(code))
                    && (this.message == message || this.message.equals(message))
                    && (this.params == params || this.params.equals(params));
        }
    }

    private final Kind kind;
    private final int recordIndex;
    private final long offset;
    /** The location text, or null until {@link #where()} makes it from {@link #roleName} and {@link #cn}. */
    private volatile String where;
    /** For a record finding whose location is made on first use: the role's name, or null without FUNCTION. */
    private final String roleName;
    /** For a record finding whose location is made on first use: the record's CN (possibly empty). */
    private final String cn;

    /**
     * Validates and copies the arguments.
     *
     * @param rule the rule id, {@code L01} ... {@code L41}
     * @param code the code, e.g. {@code TOO_LARGE_FOR_PHONES} or {@code SIGNATURE_INVALID}
     * @param severity the severity (never {@link LintSeverity#OFF})
     * @param recordIndex 0-based record index, or -1 for the header or the file as a whole
     * @param offset file offset of the record or header element, or -1
     * @param where {@code header}, {@code file}, or {@code record N (ROLE CN)} (1-based, as {@code show itl} counts)
     * @param message the message
     * @param params the values the message was made from (for JSON consumers)
     * @param source short names of the sources (docs/trust.md §1.2)
     * @param confidence how well the rule is backed ({@code H}, {@code M}, {@code L}, {@code U}, {@code P}, {@code R})
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the severity is {@link LintSeverity#OFF}
     */
    public Finding(
            String rule,
            String code,
            LintSeverity severity,
            int recordIndex,
            long offset,
            String where,
            String message,
            Map<String, String> params,
            List<String> source,
            String confidence) {
        this(
                new Kind(rule, code, severity, message, Map.copyOf(params), List.copyOf(source), confidence),
                recordIndex,
                offset,
                Objects.requireNonNull(where, "where"),
                null,
                null);
    }

    /**
     * Lint's own findings, without copies: {@code params} must be immutable already. A finding on a record ({@code
     * where} null) makes its location text from {@code roleName} and {@code cn} when first asked for.
     *
     * @param where the location text, or null for a record finding
     * @param roleName the record's role name, or null without FUNCTION (record findings only)
     * @param cn the record's CN, possibly empty (record findings only)
     */
    static Finding of(
            LintRule rule,
            String code,
            LintSeverity severity,
            int recordIndex,
            long offset,
            String where,
            String roleName,
            String cn,
            String message,
            Map<String, String> params) {
        return new Finding(
                rule.kind(code, severity, message, params),
                recordIndex,
                offset,
                where,
                roleName,
                where == null ? Objects.requireNonNull(cn, "cn") : null);
    }

    private Finding(Kind kind, int recordIndex, long offset, String where, String roleName, String cn) {
        this.kind = kind;
        this.recordIndex = recordIndex;
        this.offset = offset;
        if (where != null) {
            this.where = where; // a record finding's is made on first use: no write (a volatile one) here
        }
        this.roleName = roleName;
        this.cn = cn;
    }

    /** @return the rule id, {@code L01} ... {@code L41} */
    public String rule() {
        return kind.rule;
    }

    /** @return the code, e.g. {@code TOO_LARGE_FOR_PHONES} or {@code SIGNATURE_INVALID} */
    public String code() {
        return kind.code;
    }

    /** @return the severity (never {@link LintSeverity#OFF}) */
    public LintSeverity severity() {
        return kind.severity;
    }

    /** @return 0-based record index, or -1 for the header or the file as a whole */
    public int recordIndex() {
        return recordIndex;
    }

    /** @return file offset of the record or header element, or -1 */
    public long offset() {
        return offset;
    }

    /**
     * @return {@code header}, {@code file}, or {@code record N (ROLE CN)} (1-based, as {@code show itl} counts; ROLE
     *     is {@code no FUNCTION} for a record without one, and the CN is left out when empty)
     */
    public String where() {
        String w = where;
        if (w == null) {
            // Single check: threads that race here make equal strings and keep any one of them.
            w = "record " + (recordIndex + 1) + " (" + (roleName == null ? "no FUNCTION" : roleName)
                    + (cn.isEmpty() ? "" : " " + cn) + ")";
            where = w;
        }
        return w;
    }

    /** @return the message */
    public String message() {
        return kind.message;
    }

    /** @return the values the message was made from (for JSON consumers), immutable */
    public Map<String, String> params() {
        return kind.params;
    }

    /** @return short names of the sources (docs/trust.md §1.2), immutable */
    public List<String> source() {
        return kind.source;
    }

    /** @return how well the rule is backed ({@code H}, {@code M}, {@code L}, {@code U}, {@code P}, {@code R}) */
    public String confidence() {
        return kind.confidence;
    }

    /** @return {@code Lnn SEVERITY [where]: message  [source; confidence]}, the text form of docs/lint.md */
    public String text() {
        return kind.rule + " " + kind.severity + " [" + where() + "]: " + kind.message + "  ["
                + String.join(", ", kind.source) + "; " + kind.confidence + "]";
    }

    /** @return true for a finding whose every accessor returns an equal value */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Finding f) || recordIndex != f.recordIndex || offset != f.offset) {
            return false;
        }
        Kind k = f.kind;
        return (kind == k
                        || kind.rule.equals(k.rule)
                                && kind.code.equals(k.code)
                                && kind.severity == k.severity
                                && kind.message.equals(k.message)
                                && kind.params.equals(k.params)
                                && kind.source.equals(k.source)
                                && kind.confidence.equals(k.confidence))
                && where().equals(f.where());
    }

    @Override
    public int hashCode() {
        int h = kind.rule.hashCode();
        h = 31 * h + kind.code.hashCode();
        h = 31 * h + kind.severity.hashCode();
        h = 31 * h + recordIndex;
        h = 31 * h + Long.hashCode(offset);
        h = 31 * h + where().hashCode();
        h = 31 * h + kind.message.hashCode();
        h = 31 * h + kind.params.hashCode();
        h = 31 * h + kind.source.hashCode();
        return 31 * h + kind.confidence.hashCode();
    }

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text();
    }
}
