package io.github.itl4j.trust.diff;

/**
 * Would a phone holding the old list accept the new one (docs/lint.md), as the trust simulator decides it.
 *
 * @since 0.1.0
 */
public enum ContinuityVerdict {
    /** Accepted locally: the new signer is a SAST of the old list (R2/R3). */
    CONTINUOUS,
    /** Accepted because a TVS the phone can reach vouches for the new signer (R7), or its TVS cache does (R9). */
    CONTINUOUS_VIA_TVS,
    /** Accepted because the old list is a rollback ITL (R11). */
    CONTINUOUS_ROLLBACK,
    /** Rejected: phones holding the old list keep it (chain and fix tell why and what to do). */
    BROKEN,
    /**
     * Not decidable from what is known: a {@code show itl} capture (identity mode, {@link IdentityDiff}) lacks the
     * bytes the deciding rule needs (e.g. the TVS path); the chain says which.
     *
     * @since 0.1.0
     */
    UNKNOWN;

    /**
     * @return true for the CONTINUOUS verdicts (phones keep trusting), false for BROKEN and UNKNOWN
     * @since 0.1.0
     */
    public boolean isContinuous() {
        return this != BROKEN && this != UNKNOWN;
    }
}
