package io.github.itl4j.trust.lint;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One lint finding: the rule that fired, a stable code (the verifier's {@code ProblemCode} name for findings that come
 * from the verifier, else the rule's own code), its severity, where it is and the message, in the coded-problem style
 * of {@link io.github.itl4j.crypto.Problem}. Callers and tests should look at {@link #rule()} and {@link #code()},
 * never at the text. Immutable.
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
 * @since 0.1.0
 */
public record Finding(
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
    /**
     * Validates and copies the arguments.
     *
     * @param rule the rule id
     * @param code the code
     * @param severity the severity
     * @param recordIndex the record index or -1
     * @param offset the offset or -1
     * @param where the location text
     * @param message the message
     * @param params the parameters
     * @param source the sources
     * @param confidence the confidence
     */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
        params = Map.copyOf(params);
        source = List.copyOf(source);
        Objects.requireNonNull(confidence, "confidence");
        if (severity == LintSeverity.OFF) {
            throw new IllegalArgumentException("a finding cannot be OFF");
        }
    }

    /** @return {@code Lnn SEVERITY [where]: message  [source; confidence]}, the text form of docs/lint.md */
    public String text() {
        return rule + " " + severity + " [" + where + "]: " + message + "  [" + String.join(", ", source) + "; "
                + confidence + "]";
    }

    @Override
    public String toString() {
        return text();
    }
}
