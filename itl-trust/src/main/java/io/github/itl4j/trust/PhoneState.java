package io.github.itl4j.trust;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a phone holds: nothing, an ITL, a CTL or both; its model (optional); the time; and its TVS cache
 * (docs/trust.md §3.6 {@code P = (ctl?, itl?, cache, model?, now)}). Immutable and thread-safe: every {@code with}
 * method returns a new state. The certificates of the lists are decoded once, the first time a simulation needs
 * them, so that later simulations against the same state decode none.
 *
 * <pre>{@code
 * PhoneState p = PhoneState.holding(itl).withCtl(ctl).model("CP-7975").at(Instant.parse("2026-11-29T12:00:00Z"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PhoneState {
    private final InstalledList itl;
    private final InstalledList ctl;
    private final String model;
    private final Instant now;
    private final List<CacheEntry> cache;
    private final boolean encryptedConfig;
    private final PrivateKey phoneKey;

    private PhoneState(
            InstalledList itl,
            InstalledList ctl,
            String model,
            Instant now,
            List<CacheEntry> cache,
            boolean encryptedConfig,
            PrivateKey phoneKey) {
        this.itl = itl;
        this.ctl = ctl;
        this.model = model;
        this.now = Objects.requireNonNull(now, "now");
        this.cache = List.copyOf(cache);
        this.encryptedConfig = encryptedConfig;
        this.phoneKey = phoneKey;
    }

    /** @return a phone with no trust list (factory state), at the current time */
    public static PhoneState none() {
        return new PhoneState(null, null, null, Instant.now(), List.of(), false, null);
    }

    /**
     * @param itl the ITL the phone holds
     * @return a phone holding it, at the current time
     */
    public static PhoneState holding(ItlFile itl) {
        return none().withItl(itl);
    }

    /**
     * Reads the phone's lists from files, within the reader's limits.
     *
     * @param itlFile the ITL file, or null
     * @param ctlFile the CTL file, or null
     * @param limits the reader limits
     * @return the state, at the current time
     * @throws IOException if a file cannot be read, is malformed ({@code ItlException}) or over the limits
     */
    public static PhoneState fromFiles(Path itlFile, Path ctlFile, ItlLimits limits) throws IOException {
        ItlReader r = ItlReader.withLimits(limits);
        PhoneState p = none();
        if (itlFile != null) {
            p = p.withItl(r.readTrustList(itlFile), itlFile.toString());
        }
        if (ctlFile != null) {
            p = p.withCtl(r.readTrustList(ctlFile), ctlFile.toString());
        }
        return p;
    }

    /**
     * @param list the ITL the phone holds (replaces any)
     * @return the new state
     */
    public PhoneState withItl(ItlFile list) {
        return withItl(list, "ITL");
    }

    /**
     * @param list the ITL the phone holds (replaces any), or null for none
     * @param label a name for it in reports (usually its path)
     * @return the new state
     */
    public PhoneState withItl(ItlFile list, String label) {
        InstalledList l = list == null ? null : new InstalledList(list, FileKind.ITL, label);
        return new PhoneState(l, ctl, model, now, cache, encryptedConfig, phoneKey);
    }

    /**
     * @param list the CTL the phone holds (replaces any)
     * @return the new state
     */
    public PhoneState withCtl(ItlFile list) {
        return withCtl(list, "CTL");
    }

    /**
     * @param list the CTL the phone holds (replaces any), or null for none
     * @param label a name for it in reports
     * @return the new state
     */
    public PhoneState withCtl(ItlFile list, String label) {
        InstalledList l = list == null ? null : new InstalledList(list, FileKind.CTL, label);
        return new PhoneState(itl, l, model, now, cache, encryptedConfig, phoneKey);
    }

    /**
     * @param m the phone model, e.g. {@code CP-7975} or {@code 8865}, or null for unknown
     * @return the new state
     */
    public PhoneState model(String m) {
        return new PhoneState(itl, ctl, m, now, cache, encryptedConfig, phoneKey);
    }

    /**
     * @param t the time of the simulation (certificate validity, cache expiry)
     * @return the new state
     */
    public PhoneState at(Instant t) {
        return new PhoneState(itl, ctl, model, t, cache, encryptedConfig, phoneKey);
    }

    /**
     * @param d how much time passes (sequence mode {@code --advance})
     * @return the new state
     */
    public PhoneState advance(Duration d) {
        return at(now.plus(d));
    }

    /**
     * @param entries the TVS cache (replaces the current one)
     * @return the new state
     */
    public PhoneState withCache(List<CacheEntry> entries) {
        return new PhoneState(itl, ctl, model, now, entries, encryptedConfig, phoneKey);
    }

    /**
     * @param entry a certificate a TVS vouched for
     * @return the new state, with the entry added (an older entry for the same certificate is replaced)
     */
    public PhoneState plusCache(CacheEntry entry) {
        List<CacheEntry> c = new ArrayList<>();
        for (CacheEntry e : cache) {
            if (!e.certificate().equals(entry.certificate())) {
                c.add(e);
            }
        }
        c.add(entry);
        return withCache(c);
    }

    /**
     * @param b whether the phone is configured for encrypted configuration files (it then asks for {@code .enc.sgn})
     * @return the new state
     */
    public PhoneState encryptedConfig(boolean b) {
        return new PhoneState(itl, ctl, model, now, cache, b, phoneKey);
    }

    /**
     * @param key the phone's private key (its LSC or MIC), to decrypt {@code .enc.sgn} files as the phone does; null
     *     for none (the encrypted payload is then not checked)
     * @return the new state
     */
    public PhoneState withPhoneKey(PrivateKey key) {
        return new PhoneState(itl, ctl, model, now, cache, encryptedConfig, key);
    }

    /** @return the phone's private key, if given */
    public Optional<PrivateKey> phoneKey() {
        return Optional.ofNullable(phoneKey);
    }

    /** @return the ITL the phone holds */
    public Optional<ItlFile> itl() {
        return Optional.ofNullable(itl).map(l -> l.file);
    }

    /** @return the CTL the phone holds */
    public Optional<ItlFile> ctl() {
        return Optional.ofNullable(ctl).map(l -> l.file);
    }

    /** @return the report label of the ITL (its path, or "ITL") */
    public Optional<String> itlLabel() {
        return Optional.ofNullable(itl).map(l -> l.label);
    }

    /** @return the report label of the CTL */
    public Optional<String> ctlLabel() {
        return Optional.ofNullable(ctl).map(l -> l.label);
    }

    /** @return the model, if known */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** @return the time */
    public Instant now() {
        return now;
    }

    /** @return the TVS cache, including expired entries (the phone drops them when it looks) */
    public List<CacheEntry> cache() {
        return cache;
    }

    /** @return whether the phone asks for encrypted configuration files */
    public boolean encryptedConfig() {
        return encryptedConfig;
    }

    /** @return true if the phone holds neither an ITL nor a CTL */
    public boolean isEmpty() {
        return itl == null && ctl == null;
    }

    /** @return true if the installed ITL is a rollback ("empty") ITL (docs/trust.md §3.4) */
    public boolean hasRollbackItl() {
        return itl != null && itl.rollback;
    }

    InstalledList installedItl() {
        return itl;
    }

    InstalledList installedCtl() {
        return ctl;
    }

    /** The state after accepting a trust list: it replaces the list of its kind (R11: never blanks the other). */
    PhoneState install(ItlFile f, FileKind kind, String label) {
        return kind == FileKind.CTL ? withCtl(f, label) : withItl(f, label);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PhoneState[");
        sb.append(itl == null ? "no ITL" : "ITL " + itl.label).append(", ");
        sb.append(ctl == null ? "no CTL" : "CTL " + ctl.label);
        if (model != null) {
            sb.append(", ").append(model);
        }
        return sb.append(", ")
                .append(now)
                .append(", cache ")
                .append(cache.size())
                .append(']')
                .toString();
    }
}
