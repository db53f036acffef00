package io.github.itl4j.trust;

import io.github.itl4j.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The policy defaults of the simulation where evidence is missing (docs/trust.md §6.3, marked [P]). Every setting is
 * listed in the result's {@linkplain SimulationResult#assumptions() assumptions} when the decision relied on it.
 * Immutable; the {@code with} methods return copies. Property names (for {@link #fromProperties}) are the method
 * names.
 *
 * @since 0.1.0
 */
public final class SimulationPolicy {
    /** How to treat a condition: go on with a warning, or refuse. */
    public enum Strictness {
        /** Warn and continue. */
        WARN,
        /** Refuse the file. */
        STRICT
    }

    /** How strictly the TVS roles must contain the required role. */
    public enum RoleCheck {
        /** The required role must be among the roles the TVS returns. */
        STRICT,
        /** Any TVS answer suffices. */
        LENIENT
    }

    private static final Set<Role> DEFAULT_TVS_CONFIG_ROLES = Set.of(Role.TFTP, Role.CCM_TFTP, Role.SAST);
    private static final SimulationPolicy DEFAULTS = new SimulationPolicy(
            false,
            false,
            true,
            Strictness.WARN,
            Strictness.WARN,
            RoleCheck.STRICT,
            DEFAULT_TVS_CONFIG_ROLES,
            Strictness.WARN);

    private final boolean acceptTftpRoleSigner;
    private final boolean tofuRequiresSelfSignature;
    private final boolean itlSignerFromItlWhenCtl;
    private final Strictness sha256;
    private final Strictness validity;
    private final RoleCheck tvsRoleCheck;
    private final Set<Role> tvsConfigRoles;
    private final Strictness unknownModelDigest;

    private SimulationPolicy(
            boolean acceptTftpRoleSigner,
            boolean tofuRequiresSelfSignature,
            boolean itlSignerFromItlWhenCtl,
            Strictness sha256,
            Strictness validity,
            RoleCheck tvsRoleCheck,
            Set<Role> tvsConfigRoles,
            Strictness unknownModelDigest) {
        this.acceptTftpRoleSigner = acceptTftpRoleSigner;
        this.tofuRequiresSelfSignature = tofuRequiresSelfSignature;
        this.itlSignerFromItlWhenCtl = itlSignerFromItlWhenCtl;
        this.sha256 = sha256;
        this.validity = validity;
        this.tvsRoleCheck = tvsRoleCheck;
        this.tvsConfigRoles = Set.copyOf(tvsConfigRoles);
        this.unknownModelDigest = unknownModelDigest;
    }

    /** @return the defaults of docs/trust.md §6.3 */
    public static SimulationPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Reads overrides: {@code acceptTftpRoleSigner}, {@code tofuRequiresSelfSignature}, {@code itlSignerFromItlWhenCtl}
     * (true/false), {@code sha256}, {@code validity}, {@code unknownModelDigest} (WARN/STRICT), {@code tvsRoleCheck}
     * (STRICT/LENIENT), {@code tvsConfigRoles} (comma-separated roles). Unknown keys are refused.
     *
     * @param p the properties
     * @return the policy: the defaults with these overrides
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static SimulationPolicy fromProperties(Properties p) {
        SimulationPolicy s = DEFAULTS;
        for (Map.Entry<Object, Object> e : p.entrySet()) {
            String k = e.getKey().toString().trim();
            String v = e.getValue().toString().trim();
            try {
                switch (k) {
                    case "acceptTftpRoleSigner" -> s = s.acceptTftpRoleSigner(bool(v));
                    case "tofuRequiresSelfSignature" -> s = s.tofuRequiresSelfSignature(bool(v));
                    case "itlSignerFromItlWhenCtl" -> s = s.itlSignerFromItlWhenCtl(bool(v));
                    case "sha256" -> s = s.sha256(Strictness.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "validity" -> s = s.validity(Strictness.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "unknownModelDigest" -> s =
                            s.unknownModelDigest(Strictness.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "tvsRoleCheck" -> s = s.tvsRoleCheck(RoleCheck.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "tvsConfigRoles" -> {
                        Set<Role> roles = new LinkedHashSet<>();
                        for (String r : v.split(",")) {
                            if (!r.isBlank()) {
                                roles.add(Role.parse(r.trim()));
                            }
                        }
                        s = s.tvsConfigRoles(roles);
                    }
                    default -> throw new IllegalArgumentException("unknown policy key");
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("policy " + k + "=" + v + ": " + ex.getMessage(), ex);
            }
        }
        return s;
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    /**
     * Whether a new trust list signed by a certificate with only the TFTP or CCM+TFTP role in the installed list is
     * accepted (docs/trust.md §13 Q2). Default false.
     *
     * @param b the value
     * @return a copy
     */
    public SimulationPolicy acceptTftpRoleSigner(boolean b) {
        return new SimulationPolicy(
                b,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                sha256,
                validity,
                tvsRoleCheck,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * Whether a phone with no list refuses a first list whose own signature is invalid (R1b says no check). Default
     * false.
     *
     * @param b the value
     * @return a copy
     */
    public SimulationPolicy tofuRequiresSelfSignature(boolean b) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                b,
                itlSignerFromItlWhenCtl,
                sha256,
                validity,
                tvsRoleCheck,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * Whether a phone holding a CTL also looks for a new ITL's signer in its ITL. Default true.
     *
     * @param b the value
     * @return a copy
     */
    public SimulationPolicy itlSignerFromItlWhenCtl(boolean b) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                b,
                sha256,
                validity,
                tvsRoleCheck,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * What a DIGESTALGORITHM of 2 (SHA-256) does (docs/trust.md §13 Q15). Default WARN.
     *
     * @param s the value
     * @return a copy
     */
    public SimulationPolicy sha256(Strictness s) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                s,
                validity,
                tvsRoleCheck,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * What an expired or not-yet-valid anchor certificate does (R20, docs/trust.md §13 Q7). Default WARN.
     *
     * @param s the value
     * @return a copy
     */
    public SimulationPolicy validity(Strictness s) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                sha256,
                s,
                tvsRoleCheck,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * Whether the roles a TVS returns must include the required role (R8). Default STRICT.
     *
     * @param c the value
     * @return a copy
     */
    public SimulationPolicy tvsRoleCheck(RoleCheck c) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                sha256,
                validity,
                c,
                tvsConfigRoles,
                unknownModelDigest);
    }

    /**
     * The roles a TVS answer must include for a configuration signer. Default TFTP, CCM+TFTP, SAST (SYSCFG15-TFTP:
     * a proxy's CallManager imported only into Phone-SAST-trust signs configs phones accept).
     *
     * @param roles the roles
     * @return a copy
     */
    public SimulationPolicy tvsConfigRoles(Set<Role> roles) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                sha256,
                validity,
                tvsRoleCheck,
                roles,
                unknownModelDigest);
    }

    /**
     * What a SHA-512 signature does on a model the table does not know (docs/trust.md §8). Default WARN.
     *
     * @param s the value
     * @return a copy
     */
    public SimulationPolicy unknownModelDigest(Strictness s) {
        return new SimulationPolicy(
                acceptTftpRoleSigner,
                tofuRequiresSelfSignature,
                itlSignerFromItlWhenCtl,
                sha256,
                validity,
                tvsRoleCheck,
                tvsConfigRoles,
                s);
    }

    /** @return see {@link #acceptTftpRoleSigner(boolean)} */
    public boolean acceptTftpRoleSigner() {
        return acceptTftpRoleSigner;
    }

    /** @return see {@link #tofuRequiresSelfSignature(boolean)} */
    public boolean tofuRequiresSelfSignature() {
        return tofuRequiresSelfSignature;
    }

    /** @return see {@link #itlSignerFromItlWhenCtl(boolean)} */
    public boolean itlSignerFromItlWhenCtl() {
        return itlSignerFromItlWhenCtl;
    }

    /** @return see {@link #sha256(Strictness)} */
    public Strictness sha256() {
        return sha256;
    }

    /** @return see {@link #validity(Strictness)} */
    public Strictness validity() {
        return validity;
    }

    /** @return see {@link #tvsRoleCheck(RoleCheck)} */
    public RoleCheck tvsRoleCheck() {
        return tvsRoleCheck;
    }

    /** @return see {@link #tvsConfigRoles(Set)} */
    public Set<Role> tvsConfigRoles() {
        return tvsConfigRoles;
    }

    /** @return see {@link #unknownModelDigest(Strictness)} */
    public Strictness unknownModelDigest() {
        return unknownModelDigest;
    }

    /** The assumptions of this policy relevant to a trust list or a config, for the result. */
    List<Assumption> assumptions(boolean trustList, boolean phoneEmpty) {
        List<Assumption> out = new ArrayList<>();
        if (trustList && phoneEmpty) {
            out.add(new Assumption(
                    "policy.tofuRequiresSelfSignature",
                    Boolean.toString(tofuRequiresSelfSignature),
                    Confidence.P,
                    List.of("FWRE"),
                    "--tofu-strict / tofuRequiresSelfSignature"));
            return out;
        }
        if (trustList) {
            out.add(new Assumption(
                    "policy.acceptTftpRoleSigner",
                    Boolean.toString(acceptTftpRoleSigner),
                    Confidence.P,
                    List.of("docs/trust.md §13 Q2"),
                    "--accept-tftp-signer / acceptTftpRoleSigner"));
            out.add(new Assumption(
                    "policy.itlSignerFromItlWhenCtl",
                    Boolean.toString(itlSignerFromItlWhenCtl),
                    Confidence.P,
                    List.of("SG14", "R2"),
                    "itlSignerFromItlWhenCtl"));
        } else {
            out.add(new Assumption(
                    "policy.tvsConfigRoles",
                    rolesText(tvsConfigRoles),
                    Confidence.P,
                    List.of("SYSCFG15-TFTP"),
                    "tvsConfigRoles"));
        }
        out.add(new Assumption(
                "policy.tvsRoleCheck",
                tvsRoleCheck.name(),
                Confidence.P,
                List.of("MIGSEC"),
                "--tvs-roles / tvsRoleCheck"));
        out.add(new Assumption(
                "policy.validity",
                validity.name(),
                Confidence.P,
                List.of("REGEN", "docs/trust.md §13 Q7"),
                "--strict-validity / validity"));
        out.add(new Assumption(
                "policy.sha256", sha256.name(), Confidence.P, List.of("docs/trust.md §13 Q15"), "sha256"));
        return out;
    }

    static String rolesText(Set<Role> roles) {
        List<String> names = new ArrayList<>();
        for (Role r : roles) {
            names.add(r.name());
        }
        names.sort(null);
        return String.join(",", names);
    }

    @Override
    public String toString() {
        return "SimulationPolicy[acceptTftpRoleSigner=" + acceptTftpRoleSigner + ", tofuRequiresSelfSignature="
                + tofuRequiresSelfSignature + ", itlSignerFromItlWhenCtl=" + itlSignerFromItlWhenCtl + ", sha256="
                + sha256 + ", validity=" + validity + ", tvsRoleCheck=" + tvsRoleCheck + ", tvsConfigRoles="
                + rolesText(tvsConfigRoles) + ", unknownModelDigest=" + unknownModelDigest + "]";
    }
}
