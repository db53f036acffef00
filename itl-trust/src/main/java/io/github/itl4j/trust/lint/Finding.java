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
    private final String rule;
    private final String code;
    private final LintSeverity severity;
    private final int recordIndex;
    private final long offset;
    /** The location text, or null until {@link #where()} makes it from {@link #roleName} and {@link #cn}. */
    private volatile String where;
    /** For a record finding whose location is made on first use: the role's name, or null without FUNCTION. */
    private final String roleName;
    /** For a record finding whose location is made on first use: the record's CN (possibly empty). */
    private final String cn;

    private final String message;
    private final Map<String, String> params;
    private final List<String> source;
    private final String confidence;

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
                rule,
                code,
                severity,
                recordIndex,
                offset,
                Objects.requireNonNull(where, "where"),
                null,
                null,
                message,
                Map.copyOf(params),
                List.copyOf(source),
                confidence);
    }

    /**
     * Lint's own findings, without copies: {@code params} and {@code source} must be immutable already. A finding on a
     * record ({@code where} null) makes its location text from {@code roleName} and {@code cn} when first asked for.
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
                rule.id(),
                code,
                severity,
                recordIndex,
                offset,
                where,
                roleName,
                where == null ? Objects.requireNonNull(cn, "cn") : null,
                message,
                params,
                rule.source(),
                rule.confidence());
    }

    private Finding(
            String rule,
            String code,
            LintSeverity severity,
            int recordIndex,
            long offset,
            String where,
            String roleName,
            String cn,
            String message,
            Map<String, String> params,
            List<String> source,
            String confidence) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.recordIndex = recordIndex;
        this.offset = offset;
        this.where = where;
        this.roleName = roleName;
        this.cn = cn;
        this.message = Objects.requireNonNull(message, "message");
        this.params = Objects.requireNonNull(params, "params");
        this.source = Objects.requireNonNull(source, "source");
        this.confidence = Objects.requireNonNull(confidence, "confidence");
        if (severity == LintSeverity.OFF) {
            throw new IllegalArgumentException("a finding cannot be OFF");
        }
    }

    /** @return the rule id, {@code L01} ... {@code L41} */
    public String rule() {
        return rule;
    }

    /** @return the code, e.g. {@code TOO_LARGE_FOR_PHONES} or {@code SIGNATURE_INVALID} */
    public String code() {
        return code;
    }

    /** @return the severity (never {@link LintSeverity#OFF}) */
    public LintSeverity severity() {
        return severity;
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
        return message;
    }

    /** @return the values the message was made from (for JSON consumers), immutable */
    public Map<String, String> params() {
        return params;
    }

    /** @return short names of the sources (docs/trust.md §1.2), immutable */
    public List<String> source() {
        return source;
    }

    /** @return how well the rule is backed ({@code H}, {@code M}, {@code L}, {@code U}, {@code P}, {@code R}) */
    public String confidence() {
        return confidence;
    }

    /** @return {@code Lnn SEVERITY [where]: message  [source; confidence]}, the text form of docs/lint.md */
    public String text() {
        return rule + " " + severity + " [" + where() + "]: " + message + "  [" + String.join(", ", source) + "; "
                + confidence + "]";
    }

    /** @return true for a finding whose every accessor returns an equal value */
    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Finding f
                        && recordIndex == f.recordIndex
                        && offset == f.offset
                        && rule.equals(f.rule)
                        && code.equals(f.code)
                        && severity == f.severity
                        && message.equals(f.message)
                        && where().equals(f.where())
                        && params.equals(f.params)
                        && source.equals(f.source)
                        && confidence.equals(f.confidence);
    }

    @Override
    public int hashCode() {
        int h = rule.hashCode();
        h = 31 * h + code.hashCode();
        h = 31 * h + severity.hashCode();
        h = 31 * h + recordIndex;
        h = 31 * h + Long.hashCode(offset);
        h = 31 * h + where().hashCode();
        h = 31 * h + message.hashCode();
        h = 31 * h + params.hashCode();
        h = 31 * h + source.hashCode();
        return 31 * h + confidence.hashCode();
    }

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text();
    }
}
