package io.github.itl4j.trust;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlHeader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of offering one file to a simulated phone: the verdict, the ordered rule chain that led to it, the
 * assumptions and warnings, the suggested fixes (attached to the first decisive failure) and the phone's state after
 * the file. Immutable.
 *
 * @since 0.1.0
 */
public final class SimulationResult {
    private final Verdict verdict;
    private final OfferedFile offered;
    private final PhoneState phoneBefore;
    private final PhoneState phoneAfter;
    private final List<RuleResult> chain;
    private final List<Assumption> assumptions;
    private final List<SimulationWarning> warnings;
    private final List<Fix> fixes;
    private final List<SimulationProblem> problems;
    private final String requested;

    SimulationResult(
            Verdict verdict,
            OfferedFile offered,
            PhoneState phoneBefore,
            PhoneState phoneAfter,
            List<RuleResult> chain,
            List<Assumption> assumptions,
            List<SimulationWarning> warnings,
            List<Fix> fixes,
            List<SimulationProblem> problems,
            String requested) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.offered = offered;
        this.phoneBefore = phoneBefore;
        this.phoneAfter = phoneAfter;
        this.chain = List.copyOf(chain);
        this.assumptions = List.copyOf(assumptions);
        this.warnings = List.copyOf(warnings);
        this.fixes = List.copyOf(fixes);
        this.problems = List.copyOf(problems);
        this.requested = requested;
    }

    /** @return the verdict */
    public Verdict verdict() {
        return verdict;
    }

    /** @return the offered file */
    public OfferedFile offered() {
        return offered;
    }

    /** @return the phone before the file */
    public PhoneState phoneBefore() {
        return phoneBefore;
    }

    /**
     * The phone after the file: an accepted trust list replaces the list of its kind; a TVS answer adds a cache
     * entry; otherwise the state is unchanged.
     *
     * @return the state
     */
    public PhoneState phoneAfter() {
        return phoneAfter;
    }

    /** @return the rule chain, in the order the phone applied the rules; the last entry decided */
    public List<RuleResult> chain() {
        return chain;
    }

    /** @return the rule that decided (the last of the chain) */
    public RuleResult decisive() {
        return chain.get(chain.size() - 1);
    }

    /** @return the defaults the decision relied on */
    public List<Assumption> assumptions() {
        return assumptions;
    }

    /** @return the warnings */
    public List<SimulationWarning> warnings() {
        return warnings;
    }

    /** @return the suggested fixes, best first (empty when accepted, or when no fix applies) */
    public List<Fix> fixes() {
        return fixes;
    }

    /** @return the first fix, if any */
    public Optional<Fix> firstFix() {
        return fixes.isEmpty() ? Optional.empty() : Optional.of(fixes.get(0));
    }

    /** @return findings with stable codes (verifier codes and simulator codes) */
    public List<SimulationProblem> problems() {
        return problems;
    }

    /** @return for a configuration: the name the phone asks for (e.g. {@code SEP001122334455.cnf.xml.sgn}) */
    public Optional<String> requested() {
        return Optional.ofNullable(requested);
    }

    /** @return true if a rule of low confidence ([L], [U] or [P]) took part in the decision */
    public boolean reliesOnWeakEvidence() {
        return chain.stream().anyMatch(r -> r.confidence().isWeak() && r.outcome() != Outcome.INFO);
    }

    /** @return the offered file's header, if it parsed and is signed */
    public Optional<ItlHeader> offeredHeader() {
        return offered.signed().map(f -> f.header());
    }

    /** @return the offered file's digest algorithm, if signed */
    public Optional<DigestAlgorithm> offeredDigest() {
        return offeredHeader().flatMap(ItlHeader::digestAlgorithm);
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("SimulationResult[").append(verdict).append(' ');
        for (RuleResult r : chain) {
            sb.append(r.key()).append(' ');
        }
        fixes.forEach(f -> sb.append(f.code().code()).append(' '));
        return sb.append(']').toString();
    }
}
