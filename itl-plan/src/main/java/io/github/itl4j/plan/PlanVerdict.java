package io.github.itl4j.plan;

/**
 * The verdict of a plan (docs/plan.md, How the plan is made).
 *
 * @since 0.1.0
 */
public enum PlanVerdict {
    /** Every registered phone class accepts every file at every step, and no invariant is violated. */
    SAFE,
    /** Some registered class is stranded (rejects a file), or an ordering invariant (P1-P4, P8, P10) is violated. */
    UNSAFE,
    /** An invariant no order can satisfy (P7: SHA-512 with 79xx/89xx/99xx phones). */
    BLOCKED
}
