package io.github.itl4j.trust;

/**
 * What the simulated phone does with an offered file (docs/trust.md §6).
 *
 * @since 0.1.0
 */
public enum Verdict {
    /** The phone accepts the file: a trust list replaces the list of its kind; a signed file is used. */
    ACCEPT,
    /** The phone asks for an unsigned configuration and uses the plain file offered. */
    ACCEPT_UNSIGNED,
    /** The phone refuses the file and keeps its state. */
    REJECT,
    /** The phone would not ask for this file at all (it requests another name or form); its state is unchanged. */
    NOT_REQUESTED;

    /** @return true for {@link #ACCEPT} and {@link #ACCEPT_UNSIGNED} */
    public boolean isAccepted() {
        return this == ACCEPT || this == ACCEPT_UNSIGNED;
    }
}
