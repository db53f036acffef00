package io.github.itl4j.plan;

import java.util.Locale;

/**
 * The certificates of a CUCM node a plan can change (docs/plan.md {@code regenerate.what}).
 *
 * @since 0.1.0
 */
public enum CertKind {
    /** CallManager (callmanager.pem): SAST and TFTP in the ITL, signs the ITL before 12.0. */
    CALLMANAGER("CallManager"),
    /** TVS: a hash record in every ITL; the server phones ask about unknown signers. */
    TVS("TVS"),
    /** ITLRecovery: the second SAST; signs the ITL from 12.0. */
    ITLRECOVERY("ITLRecovery"),
    /** CAPF: an optional hash record in the ITL; a CTL record in mixed mode. */
    CAPF("CAPF"),
    /** tomcat: not in any trust list. */
    TOMCAT("tomcat");

    private final String cucmName;

    CertKind(String cucmName) {
        this.cucmName = cucmName;
    }

    /** @return the name CUCM uses ({@code set cert regen NAME}) */
    public String cucmName() {
        return cucmName;
    }

    /**
     * @param s a name as in plan.yaml ({@code CallManager}, {@code CallManager-ECDSA}, {@code TVS},
     *     {@code ITLRecovery}, {@code CAPF}, {@code tomcat}; case-insensitive)
     * @return the kind, or null when unknown
     */
    public static CertKind parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "callmanager", "callmanager-ecdsa", "tftp" -> CALLMANAGER;
            case "tvs" -> TVS;
            case "itlrecovery", "itl-recovery" -> ITLRECOVERY;
            case "capf" -> CAPF;
            case "tomcat", "tomcat-ecdsa" -> TOMCAT;
            default -> null;
        };
    }
}
