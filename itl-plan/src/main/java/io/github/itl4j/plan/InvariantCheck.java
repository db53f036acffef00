package io.github.itl4j.plan;

import java.util.List;

/**
 * One invariant of docs/plan.md as checked for a plan.
 *
 * @param id P1 ... P11
 * @param status the result
 * @param detail what was checked, and where it failed
 * @param source the sources of the invariant
 * @since 0.1.0
 */
public record InvariantCheck(String id, Status status, String detail, List<String> source) {
    /**
     * Copies.
     *
     * @param id id
     * @param status status
     * @param detail detail
     * @param source source
     */
    public InvariantCheck {
        source = List.copyOf(source);
    }

    /** The outcome of a check. */
    public enum Status {
        /** Holds. */
        OK,
        /** Holds only with a caveat the admin must handle (offline phones, missing backup, EMCC). */
        WARN,
        /** Does not hold. */
        VIOLATED,
        /** Does not apply to this change. */
        NOT_APPLICABLE
    }
}
