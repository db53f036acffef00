package io.github.itl4j.trust.lint;

import io.github.itl4j.ItlLimits;
import io.github.itl4j.trust.ModelTable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a lint run (docs/lint.md): profile, phone models, FIPS, security mode, the time, the
 * near-expiry window, disabled rules and severity overrides. Immutable; every {@code with} method returns a copy.
 *
 * @since 0.1.0
 */
public final class LintOptions {
    /** The default near-expiry window (L21, L41): 60 days, a policy default [P] (Cisco Certificate Monitor). */
    public static final Duration DEFAULT_NEAR_EXPIRY = Duration.ofDays(60);

    /** The cluster's security mode, as the ITL's TFTP record kind indicates it (L38). */
    public enum Mode {
        /** Non-secure: the ITL carries a TFTP record. */
        NON_SECURE,
        /** Mixed mode: the ITL carries a CCM+TFTP record. */
        MIXED;

        /**
         * @param s {@code non-secure} or {@code mixed}
         * @return the mode
         * @throws IllegalArgumentException for another word
         */
        public static Mode parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "non-secure", "nonsecure", "non_secure" -> NON_SECURE;
                case "mixed", "secure" -> MIXED;
                default -> throw new IllegalArgumentException("unknown mode " + s + " (expected non-secure or mixed)");
            };
        }
    }

    private final Profile profile;
    private final List<String> models;
    private final ModelTable modelTable;
    private final boolean fips;
    private final Mode mode;
    private final Instant now;
    private final Duration nearExpiry;
    private final Set<String> disabled;
    private final Map<String, LintSeverity> severities;
    private final ItlLimits limits;
    /** {@code now + nearExpiry}, made when first asked for ({@link #nearExpiryLimit()}). */
    private volatile Instant nearExpiryLimit;

    private LintOptions(
            Profile profile,
            List<String> models,
            ModelTable modelTable,
            boolean fips,
            Mode mode,
            Instant now,
            Duration nearExpiry,
            Set<String> disabled,
            Map<String, LintSeverity> severities,
            ItlLimits limits) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.models = List.copyOf(models);
        this.modelTable = Objects.requireNonNull(modelTable, "modelTable");
        this.fips = fips;
        this.mode = mode;
        this.now = Objects.requireNonNull(now, "now");
        this.nearExpiry = Objects.requireNonNull(nearExpiry, "nearExpiry");
        this.disabled = Set.copyOf(disabled);
        this.severities = Map.copyOf(severities);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return the defaults: profile cucm, no models, no FIPS, no mode, now, 60 days, nothing disabled */
    public static LintOptions defaults() {
        return new LintOptions(
                Profile.CUCM,
                List.of(),
                ModelTable.defaults(),
                false,
                null,
                Instant.now(),
                DEFAULT_NEAR_EXPIRY,
                Set.of(),
                Map.of(),
                ItlLimits.defaults());
    }

    /**
     * @param p the profile
     * @return a copy
     */
    public LintOptions profile(Profile p) {
        return new LintOptions(p, models, modelTable, fips, mode, now, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param m the phone models in the fleet (e.g. {@code CP-7975}), for L13
     * @return a copy
     */
    public LintOptions models(List<String> m) {
        return new LintOptions(profile, m, modelTable, fips, mode, now, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param t the model capability table (defaults: {@link ModelTable#defaults()})
     * @return a copy
     */
    public LintOptions modelTable(ModelTable t) {
        return new LintOptions(profile, models, t, fips, mode, now, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param b whether the cluster runs in FIPS mode (L11 becomes an error)
     * @return a copy
     */
    public LintOptions fips(boolean b) {
        return new LintOptions(profile, models, modelTable, b, mode, now, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param m the expected security mode, or null for not checked (L38)
     * @return a copy
     */
    public LintOptions mode(Mode m) {
        return new LintOptions(profile, models, modelTable, fips, m, now, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param t the time certificate validity is judged at
     * @return a copy
     */
    public LintOptions now(Instant t) {
        return new LintOptions(profile, models, modelTable, fips, mode, t, nearExpiry, disabled, severities, limits);
    }

    /**
     * @param d the near-expiry window (L21, L41)
     * @return a copy
     * @throws IllegalArgumentException if negative
     */
    public LintOptions nearExpiry(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("near-expiry cannot be negative: " + d);
        }
        return new LintOptions(profile, models, modelTable, fips, mode, now, d, disabled, severities, limits);
    }

    /**
     * @param ids rule ids ({@code L10}) or codes ({@code SIGNER_ISSUER_MISMATCH}) not to report
     * @return a copy with these added to the disabled set
     * @throws IllegalArgumentException for an id or code no rule has
     */
    public LintOptions disable(List<String> ids) {
        Set<String> d = new LinkedHashSet<>(disabled);
        for (String id : ids) {
            d.add(Linter.checkKnown(id));
        }
        return new LintOptions(profile, models, modelTable, fips, mode, now, nearExpiry, d, severities, limits);
    }

    /**
     * Overrides the severity of a rule (every finding of it) or of a code: how a user keeps a rule of low confidence
     * ([L], [P]) from failing a run, or makes one fail it.
     *
     * @param idOrCode a rule id or a code
     * @param s the severity ({@link LintSeverity#OFF} disables it)
     * @return a copy
     * @throws IllegalArgumentException for an id or code no rule has
     */
    public LintOptions severity(String idOrCode, LintSeverity s) {
        Map<String, LintSeverity> m = new LinkedHashMap<>(severities);
        m.put(Linter.checkKnown(idOrCode), Objects.requireNonNull(s, "severity"));
        return new LintOptions(profile, models, modelTable, fips, mode, now, nearExpiry, disabled, m, limits);
    }

    /**
     * @param l the reader limits for files linted from bytes
     * @return a copy
     */
    public LintOptions limits(ItlLimits l) {
        return new LintOptions(profile, models, modelTable, fips, mode, now, nearExpiry, disabled, severities, l);
    }

    /** @return the profile */
    public Profile profile() {
        return profile;
    }

    /** @return the phone models */
    public List<String> models() {
        return models;
    }

    /** @return the model capability table */
    public ModelTable modelTable() {
        return modelTable;
    }

    /** @return whether FIPS mode is assumed */
    public boolean fips() {
        return fips;
    }

    /** @return the expected mode, if given */
    public Optional<Mode> mode() {
        return Optional.ofNullable(mode);
    }

    /** @return the time */
    public Instant now() {
        return now;
    }

    /** @return the near-expiry window */
    public Duration nearExpiry() {
        return nearExpiry;
    }

    /** @return {@code now + nearExpiry}, computed once (rules L21 and L41 of every file linted compare with it) */
    Instant nearExpiryLimit() {
        Instant l = nearExpiryLimit;
        if (l == null) {
            // Single check: racing threads compute equal instants
            l = now.plus(nearExpiry);
            nearExpiryLimit = l;
        }
        return l;
    }

    /** @return the disabled rule ids and codes (upper case) */
    public Set<String> disabled() {
        return disabled;
    }

    /** @return the severity overrides by rule id or code (upper case) */
    public Map<String, LintSeverity> severities() {
        return severities;
    }

    /** @return the reader limits */
    public ItlLimits limits() {
        return limits;
    }
}
