package io.github.itl4j.plan;

import java.util.List;
import java.util.Optional;

/**
 * A plan: the verdict, the ordered steps and gates, the invariants checked, the stranded and at-risk phone classes,
 * the fix for an unsafe as-given order, and the other order for comparison. Immutable.
 *
 * @param verdict SAFE, UNSAFE or BLOCKED
 * @param order {@code safe} or {@code as-given}
 * @param request the request planned
 * @param steps the steps and gates, in order
 * @param invariants P1-P11
 * @param stranded registered classes that reject a file, with the step where they stop
 * @param atRisk offline classes that reject the final files
 * @param unknown classes that were not simulated (unknown hashes)
 * @param fix what makes an unsafe as-given order safe (e.g. the gate to insert), or null
 * @param assumptions modelling assumptions used
 * @param alternative the other order (safe for an as-given plan and vice versa), or null
 * @param signatureMode true when every file was built with the cluster's real keys
 * @param initial the files served before the first step (what phones hold now)
 * @since 0.1.0
 */
public record Plan(
        PlanVerdict verdict,
        String order,
        PlanRequest request,
        List<PlanStep> steps,
        List<InvariantCheck> invariants,
        List<ClassResult> stranded,
        List<ClassResult> atRisk,
        List<FleetSpec.PhoneClass> unknown,
        String fix,
        List<String> assumptions,
        Plan alternative,
        boolean signatureMode,
        List<ProducedFile> initial) {
    /**
     * Copies.
     *
     * @param verdict verdict
     * @param order order
     * @param request request
     * @param steps steps
     * @param invariants invariants
     * @param stranded stranded
     * @param atRisk at risk
     * @param unknown unknown classes
     * @param fix fix
     * @param assumptions assumptions
     * @param alternative alternative
     * @param signatureMode signature mode
     * @param initial initial files
     */
    public Plan {
        steps = List.copyOf(steps);
        invariants = List.copyOf(invariants);
        stranded = List.copyOf(stranded);
        atRisk = List.copyOf(atRisk);
        unknown = List.copyOf(unknown);
        assumptions = List.copyOf(assumptions);
        initial = List.copyOf(initial);
    }

    /** @return the number of gates */
    public int gateCount() {
        return (int) steps.stream().filter(PlanStep::isGate).count();
    }

    /** @return the action kinds in order, gates as {@code gate} (what the recipe tests compare) */
    public List<String> stepKinds() {
        return steps.stream().map(PlanStep::action).toList();
    }

    /** @return the other order, if computed */
    public Optional<Plan> alternativePlan() {
        return Optional.ofNullable(alternative);
    }

    /**
     * @param id P1 ... P11
     * @return that check
     */
    public InvariantCheck invariant(String id) {
        return invariants.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no invariant " + id));
    }

    /** @return the number of phones in stranded classes */
    public int strandedPhones() {
        return stranded.stream().mapToInt(ClassResult::count).sum();
    }
}
