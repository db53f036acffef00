package io.github.itl4j;

/**
 * A record's FUNCTION code (docs/format.md §4.1). Unknown codes are kept, not rejected: phones skip what they do not
 * know, and so must a reader. Instances of the same code are equal.
 *
 * @since 0.1.0
 */
public final class Role {
    /** 0: System Administrator Security Token; signs trust lists. */
    public static final Role SAST = new Role(0, "SAST", "System Administrator Security Token");
    /** 1: CallManager (TLS to call control). */
    public static final Role CCM = new Role(1, "CCM", "CCM");
    /** 2: CallManager and TFTP. */
    public static final Role CCM_TFTP = new Role(2, "CCM+TFTP", "CCM+TFTP");
    /** 3: TFTP; signs configuration files. */
    public static final Role TFTP = new Role(3, "TFTP", "TFTP");
    /** 4: Certificate Authority Proxy Function. */
    public static final Role CAPF = new Role(4, "CAPF", "CAPF");
    /** 5: SRST (only in early certutils; unconfirmed). */
    public static final Role SRST = new Role(5, "SRST", "SRST");
    /** 7: application server (HTTPS XML services). */
    public static final Role APP_SERVER = new Role(7, "APP-SERVER", "APP-SERVER");
    /** 21: Trust Verification Service. */
    public static final Role TVS = new Role(21, "TVS", "TVS");

    private static final Role[] KNOWN = {SAST, CCM, CCM_TFTP, TFTP, CAPF, SRST, APP_SERVER, TVS};

    private final int code;
    private final String name;
    private final String showText;

    private Role(int code, String name, String showText) {
        this.code = code;
        this.name = name;
        this.showText = showText;
    }

    /**
     * @param code the FUNCTION value, 0..65535
     * @return the known role, or an unknown role that keeps the code
     */
    public static Role of(int code) {
        for (Role r : KNOWN) {
            if (r.code == code) {
                return r;
            }
        }
        return new Role(code, "UNKNOWN(" + code + ")", "Unknown role " + code);
    }

    /**
     * Looks a role up by its short name ({@code SAST}, {@code CCM}, {@code CCM+TFTP}, {@code TFTP}, {@code CAPF},
     * {@code SRST}, {@code APP-SERVER}, {@code TVS}; case-insensitive) or by its number.
     *
     * @param nameOrCode the name or decimal code
     * @return the role
     * @throws IllegalArgumentException if neither a known name nor a number; the message lists the names
     */
    public static Role parse(String nameOrCode) {
        for (Role r : KNOWN) {
            if (r.name.equalsIgnoreCase(nameOrCode)) {
                return r;
            }
        }
        try {
            int c = Integer.parseInt(nameOrCode);
            if (c >= 0 && c <= 0xFFFF) {
                return of(c);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("Unknown role '" + nameOrCode
                + "' (expected SAST, CCM, CCM+TFTP, TFTP, CAPF, SRST, APP-SERVER, TVS or a number 0..65535)");
    }

    /** @return the numeric code */
    public int code() {
        return code;
    }

    /** @return the short name, e.g. {@code CCM+TFTP}, or {@code UNKNOWN(n)} */
    public String name() {
        return name;
    }

    /** @return the text {@code show itl} prints in the FUNCTION row */
    public String showText() {
        return showText;
    }

    /** @return whether this code is one of the known roles */
    public boolean isKnown() {
        for (Role r : KNOWN) {
            if (r.code == code) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Role r && r.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name;
    }
}
