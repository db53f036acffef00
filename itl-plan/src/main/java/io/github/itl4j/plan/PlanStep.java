package io.github.itl4j.plan;

import io.github.itl4j.trust.TvsEnvironment;
import java.util.List;

/**
 * One step of a plan: an action (CUCM command or GUI action, services to restart, files produced, each phone class's
 * verdict) or a gate (the generalised hold, docs/plan.md).
 *
 * @param id {@code 1}, {@code 2} ... for actions, {@code G1}, {@code G2} ... for gates
 * @param kind action or gate
 * @param action the action kind ({@code backup}, {@code regenerate}, {@code itl-reset-localkey} ...; {@code gate})
 * @param title one line
 * @param node the node it runs on, or null
 * @param commands CUCM CLI commands and GUI actions
 * @param services the services to restart
 * @param produced the files phones download after it (empty when it changes nothing phones see)
 * @param classes the phone classes' results for those files (empty when phones are not offered anything here)
 * @param cites invariants and sources that require this step
 * @param tvs the TVS servers phones could use when offered this step's files (the planner's model), or null
 * @since 0.1.0
 */
public record PlanStep(
        String id,
        Kind kind,
        String action,
        String title,
        String node,
        List<String> commands,
        List<String> services,
        List<ProducedFile> produced,
        List<ClassResult> classes,
        List<String> cites,
        TvsEnvironment tvs) {
    /**
     * Copies.
     *
     * @param id id
     * @param kind kind
     * @param action action
     * @param title title
     * @param node node
     * @param commands commands
     * @param services services
     * @param produced produced
     * @param classes classes
     * @param cites cites
     * @param tvs TVS environment
     */
    public PlanStep {
        commands = List.copyOf(commands);
        services = List.copyOf(services);
        produced = List.copyOf(produced);
        classes = List.copyOf(classes);
        cites = List.copyOf(cites);
    }

    /** Step kinds. */
    public enum Kind {
        /** Something the admin does. */
        ACTION,
        /** Wait until every phone has the files of the previous step. */
        GATE
    }

    /** @return true for a gate */
    public boolean isGate() {
        return kind == Kind.GATE;
    }
}
