package io.github.itl4j.trust;

import java.util.List;

/**
 * What {@link IdentityMode} decided: the verdict, the rule chain up to the decisive rule, warnings (always
 * {@code SIGNATURE_NOT_CHECKED} on an ACCEPT) and fixes. Immutable.
 *
 * @param verdict the verdict
 * @param chain the rules, in order; the last one is decisive
 * @param warnings the warnings
 * @param fixes the fixes, for a REJECT
 * @since 0.1.0
 */
public record IdentityDecision(
        IdentityVerdict verdict, List<RuleResult> chain, List<SimulationWarning> warnings, List<Fix> fixes) {
    /** Copies the lists. */
    public IdentityDecision {
        chain = List.copyOf(chain);
        warnings = List.copyOf(warnings);
        fixes = List.copyOf(fixes);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a decision has at least one rule");
        }
    }

    /**
     * @return the rule that decided: for an ACCEPT the last PASS (the {@code SIG} rule after it was skipped), else
     *     the last rule
     */
    public RuleResult decisive() {
        if (verdict == IdentityVerdict.ACCEPT) {
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (chain.get(i).outcome() == Outcome.PASS) {
                    return chain.get(i);
                }
            }
        }
        return chain.get(chain.size() - 1);
    }
}
