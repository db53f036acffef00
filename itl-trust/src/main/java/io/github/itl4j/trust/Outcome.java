package io.github.itl4j.trust;

/**
 * The outcome of one rule in a {@link SimulationResult#chain() rule chain}.
 *
 * @since 0.1.0
 */
public enum Outcome {
    /** The rule's condition held; the phone goes on (or accepts, for the last rule). */
    PASS,
    /** The rule's condition failed; the phone goes on to its fallback, or refuses if there is none. */
    FAIL,
    /** The rule did not apply. */
    SKIP,
    /** Information the phone logs; does not change the decision. */
    INFO
}
