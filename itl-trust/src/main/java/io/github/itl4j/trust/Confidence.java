package io.github.itl4j.trust;

/**
 * How well a rule or default is backed by evidence (docs/trust.md §1.1).
 *
 * @since 0.1.0
 */
public enum Confidence {
    /** A Cisco document states it, or two or more independent sources agree. */
    H,
    /** One credible source, or strongly implied by real logs. */
    M,
    /** Inference, firmware reverse-engineering notes, or an undocumented certutils choice. */
    L,
    /** Behaviour of the usecallmanager tools (reverse-engineered). */
    U,
    /** A policy default chosen where evidence is missing: always overridable, always listed as an assumption. */
    P;

    /** @return true for {@link #L}, {@link #U} and {@link #P}: results resting on it say so */
    public boolean isWeak() {
        return this == L || this == U || this == P;
    }
}
