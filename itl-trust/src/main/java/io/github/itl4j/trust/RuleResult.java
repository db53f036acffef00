package io.github.itl4j.trust;

import java.util.List;
import java.util.Objects;

/**
 * One step of the simulated phone's reasoning (docs/trust.md §6.4).
 *
 * @param rule the rule id: {@code PARSE}, {@code SIZE}, {@code MODEL}, {@code R1} ... {@code R22}, {@code R8-ROLE},
 *     {@code SIG}, {@code ENC}
 * @param outcome what the rule found
 * @param detail what the phone saw, in words
 * @param source short names of the sources (docs/trust.md §1.2)
 * @param confidence how well the rule is backed
 * @since 0.1.0
 */
public record RuleResult(String rule, Outcome outcome, String detail, List<String> source, Confidence confidence) {
    /**
     * Validates and copies the arguments.
     *
     * @param rule the rule id
     * @param outcome the outcome
     * @param detail the detail text
     * @param source the sources
     * @param confidence the confidence
     */
    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        source = List.copyOf(source);
        Objects.requireNonNull(confidence, "confidence");
    }

    /** @return {@code rule + ":" + outcome}, e.g. {@code R3:FAIL}: the form tests compare chains in */
    public String key() {
        return rule + ":" + outcome;
    }
}
