package io.github.itl4j.trust.lint;

import java.util.Locale;

/**
 * What content a trust list is expected to have (docs/lint.md): CUCM's (R4), or usecallmanager's, where no TVS,
 * no TFTP role and a single SAST are normal.
 *
 * @since 0.1.0
 */
public enum Profile {
    /** Cisco Unified CM: the default. */
    CUCM("cucm"),
    /** usecallmanager.nz (certutils, tvsd). */
    USECALLMANAGER("usecallmanager");

    private final String option;

    Profile(String option) {
        this.option = option;
    }

    /** @return the name on the command line ({@code cucm}, {@code usecallmanager}) */
    public String option() {
        return option;
    }

    /**
     * @param s {@code cucm}, {@code usecallmanager} (or {@code ucm-nz}), case-insensitive
     * @return the profile
     * @throws IllegalArgumentException for another name
     */
    public static Profile parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cucm" -> CUCM;
            case "usecallmanager", "ucm-nz", "ucmnz" -> USECALLMANAGER;
            default -> throw new IllegalArgumentException(
                    "unknown profile " + s + " (expected cucm or usecallmanager)");
        };
    }
}
