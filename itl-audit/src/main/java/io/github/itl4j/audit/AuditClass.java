package io.github.itl4j.audit;

/**
 * The class of one phone's reported ITL or CTL hash (docs/audit.md), in precedence order: when a value matches
 * several known files, the class that comes first here wins.
 *
 * @since 0.1.0
 */
public enum AuditClass {
    /** Matches a current file of the phone's TFTP server (or of any node when the row names none). */
    CURRENT("", true),
    /** Matches a current file of another node than the row names. */
    CURRENT_OTHER_NODE("check option 150 / the TFTP server order of the phone", true),
    /** Matches a non-current file whose records equal the current file's (a pre-reset twin): header only. */
    EQUIVALENT("stale header only (e.g. the pre-reset twin); the phone takes the current file on its next reset", true),
    /** Matches a non-current file, and a phone holding it accepts the current file (simulated). */
    STALE_RECOVERABLE("reset the phone: it accepts the current file", false),
    /** Matches a non-current file, and a phone holding it rejects the current file (simulated). */
    STALE_STRANDED(
            "the phone rejects the current file: see the chain and fix (usually utils itl reset, a TVS "
                    + "import, or deleting the ITL on the phone)",
            false),
    /** Matches a file labelled with another cluster. */
    FOREIGN("migration in progress or a second-hand phone: it trusts another cluster (Reason:14)", false),
    /** Matches a diagnostic form (a hash of the signature), never a whole-file digest. */
    DIAGNOSTIC_FORM(
            "the value is a hash of the file's SIGNATURE, not of the file: report which form this phone "
                    + "uses (docs/trust.md §13 Q1)",
            false),
    /** A valid digest that matches no known file. */
    UNKNOWN("collect the file (backups, show itl history) and add it with --known", false),
    /** The phone reports no list. */
    NOT_INSTALLED(
            "the phone holds no list: it takes the next one on trust (TOFU), or the model has no ITL support "
                    + "(6901/6911)",
            false),
    /** The value is not a digest. */
    MALFORMED("fix the export: the value is not an MD5, SHA-1, SHA-256 or SHA-512 digest", false);

    private final String advice;
    private final boolean ok;

    AuditClass(String advice, boolean ok) {
        this.advice = advice;
        this.ok = ok;
    }

    /** @return the generic advice (empty for CURRENT) */
    public String advice() {
        return advice;
    }

    /**
     * @return whether a phone in this class holds the current trust (CURRENT, CURRENT_OTHER_NODE, EQUIVALENT): the
     *     {@code --expect-current} gate passes only when every phone is CURRENT or EQUIVALENT, see
     *     {@link #passesGate()}
     */
    public boolean isOk() {
        return ok;
    }

    /** @return whether {@code --expect-current} accepts this class: CURRENT or EQUIVALENT (docs/audit.md) */
    public boolean passesGate() {
        return this == CURRENT || this == EQUIVALENT;
    }
}
