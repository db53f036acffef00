package io.github.itl4j.audit;

import io.github.itl4j.ItlFile;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies phones' reported hashes against a {@link KnownCatalogue} (docs/audit.md): normalises the value,
 * looks it up, and ranks the classes of every file it matches by precedence (CURRENT &gt; CURRENT_OTHER_NODE &gt;
 * EQUIVALENT &gt; STALE_RECOVERABLE / STALE_STRANDED &gt; FOREIGN &gt; DIAGNOSTIC_FORM &gt; UNKNOWN). A stale match is
 * decided by simulation: a phone holding the matched file is offered the current file of its node
 * ({@link TrustSimulator}); ACCEPT makes it recoverable, anything else stranded, with the rule chain and fix.
 * Each (held, current) pair is simulated once, so classifying a row costs a normalisation and a hash-map lookup.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class AuditClassifier {
    private final KnownCatalogue catalogue;
    private final TrustSimulator simulator;
    private final Instant now;
    private final boolean knowsCtl;
    private final Map<Pair, Sim> sims = new ConcurrentHashMap<>();
    private final Map<FileKind, List<KnownFile>> currents = new EnumMap<>(FileKind.class);

    private record Pair(KnownFile held, KnownFile current) {}

    /** A simulation's outcome, as the audit uses it, with the advice of a stale phone (built once per pair). */
    private record Sim(boolean accepted, List<String> chain, String advice) {}

    /**
     * @param catalogue the known files
     * @param simulator the TVS environment, policy and model table of the simulations (its phone is replaced)
     * @param now the time of the simulations (certificate validity)
     */
    public AuditClassifier(KnownCatalogue catalogue, TrustSimulator simulator, Instant now) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.now = Objects.requireNonNull(now, "now");
        this.knowsCtl = catalogue.files().stream().anyMatch(f -> f.kind() == FileKind.CTL);
        for (FileKind k : FileKind.values()) {
            currents.put(k, List.copyOf(catalogue.current(k)));
        }
    }

    /**
     * @param catalogue the known files
     * @return a classifier with no TVS, the default policy, at the current time
     */
    public static AuditClassifier of(KnownCatalogue catalogue) {
        return new AuditClassifier(catalogue, TrustSimulator.builder().build(), Instant.now());
    }

    /** @return the catalogue */
    public KnownCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Classifies a phone's ITL value and, when the input has a CTL value and the catalogue knows a CTL or the value is
     * a digest, its CTL value.
     *
     * @param report the phone's report
     * @return one classification per list kind (the ITL first)
     */
    public List<Classification> classify(PhoneReport report) {
        Classification itl = classify(report, FileKind.ITL);
        if (report.ctl() == null) {
            return List.of(itl);
        }
        ReportedValue v = ReportedValue.normalise(report.ctl());
        if (!knowsCtl && !v.isDigest()) {
            return List.of(itl);
        }
        return List.of(itl, classify(report, FileKind.CTL, v));
    }

    /**
     * @param report the phone's report
     * @param kind ITL or CTL
     * @return the classification of that list's value
     */
    public Classification classify(PhoneReport report, FileKind kind) {
        String raw = kind == FileKind.CTL ? report.ctl() : report.itl();
        return classify(report, kind, ReportedValue.normalise(raw));
    }

    private Classification classify(PhoneReport report, FileKind kind, ReportedValue v) {
        if (v.status() == ReportedValue.Status.NOT_INSTALLED) {
            return new Classification(
                    report, kind, v, AuditClass.NOT_INSTALLED, null, AuditClass.NOT_INSTALLED.advice(), List.of());
        }
        if (v.status() == ReportedValue.Status.MALFORMED) {
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.MALFORMED,
                    null,
                    AuditClass.MALFORMED.advice() + " (" + v.detail() + ")",
                    List.of());
        }
        String tftp = kind == FileKind.CTL && !report.ctlTftp().isBlank() ? report.ctlTftp() : report.itlTftp();
        Optional<String> mac = null; // a regular expression: only for per-device files
        Classification best = null;
        for (KnownCatalogue.Hit h : catalogue.lookup(v)) {
            KnownFile f = h.file();
            if (f.kind() != kind) {
                continue;
            }
            if (f.mac().isPresent()) {
                if (mac == null) {
                    mac = report.mac();
                }
                if (!f.mac().equals(mac)) {
                    continue;
                }
            }
            Classification c = candidate(report, kind, v, h, tftp);
            if (best == null || c.auditClass().ordinal() < best.auditClass().ordinal()) {
                best = c;
            }
        }
        if (best == null) {
            return new Classification(
                    report, kind, v, AuditClass.UNKNOWN, null, AuditClass.UNKNOWN.advice(), List.of());
        }
        return best;
    }

    private Classification candidate(
            PhoneReport report, FileKind kind, ReportedValue v, KnownCatalogue.Hit h, String tftp) {
        KnownFile f = h.file();
        KnownLabel l = f.label();
        if (h.isDiagnostic()) {
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.DIAGNOSTIC_FORM,
                    h,
                    AuditClass.DIAGNOSTIC_FORM.advice() + " (" + h.form() + " of " + l + ")",
                    List.of());
        }
        if (l.isForeign()) {
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.FOREIGN,
                    h,
                    AuditClass.FOREIGN.advice() + " (cluster " + l.cluster() + ")",
                    List.of());
        }
        List<KnownFile> currents = this.currents.getOrDefault(kind, List.of());
        if (l.isCurrent()) {
            boolean tftpKnown = currents.stream().anyMatch(c -> c.label().nodeMatches(tftp));
            if (!tftpKnown || l.nodeMatches(tftp)) {
                return new Classification(report, kind, v, AuditClass.CURRENT, h, "", List.of());
            }
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.CURRENT_OTHER_NODE,
                    h,
                    AuditClass.CURRENT_OTHER_NODE.advice() + " (the row says " + tftp + ", the file is " + l.node()
                            + "'s)",
                    List.of());
        }
        KnownFile current = currentFor(currents, l.node(), tftp);
        if (current == null) {
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.STALE_STRANDED,
                    h,
                    "no current " + kind + " is known: add the file the cluster serves now (--known NODE:current=FILE)",
                    List.of("not simulated: no current " + kind + " in the catalogue"));
        }
        Optional<String> rd = f.recordDigest();
        boolean equivalent = rd.isPresent() && rd.equals(current.recordDigest());
        if (f.parsed().isEmpty() || current.parsed().isEmpty()) {
            if (equivalent) {
                return new Classification(
                        report, kind, v, AuditClass.EQUIVALENT, h, AuditClass.EQUIVALENT.advice(), List.of());
            }
            String which = f.parsed().isEmpty() ? "the file the phone holds (" + l + ")" : "the current file";
            return new Classification(
                    report,
                    kind,
                    v,
                    AuditClass.STALE_STRANDED,
                    h,
                    "only the hash of " + which + " is known: add the file itself (--known) to tell recoverable "
                            + "from stranded",
                    List.of("not simulated: " + which + " has no bytes in the catalogue"));
        }
        Sim s = sims.computeIfAbsent(new Pair(f, current), p -> simulate(p.held(), p.current(), kind));
        if (equivalent) {
            return new Classification(
                    report, kind, v, AuditClass.EQUIVALENT, h, AuditClass.EQUIVALENT.advice(), s.chain());
        }
        return new Classification(
                report,
                kind,
                v,
                s.accepted() ? AuditClass.STALE_RECOVERABLE : AuditClass.STALE_STRANDED,
                h,
                s.advice(),
                s.chain());
    }

    private static KnownFile currentFor(List<KnownFile> currents, String node, String tftp) {
        for (KnownFile c : currents) {
            if (c.label().node().equalsIgnoreCase(node)) {
                return c;
            }
        }
        for (KnownFile c : currents) {
            if (c.label().nodeMatches(tftp)) {
                return c;
            }
        }
        return currents.isEmpty() ? null : currents.get(0);
    }

    private Sim simulate(KnownFile held, KnownFile current, FileKind kind) {
        ItlFile h = held.parsed().orElseThrow();
        ItlFile c = current.parsed().orElseThrow();
        PhoneState p = kind == FileKind.CTL
                ? PhoneState.none().withCtl(h, held.label().toString())
                : PhoneState.none().withItl(h, held.label().toString());
        String name = kind == FileKind.CTL ? "CTLFile.tlv" : "ITLFile.tlv";
        SimulationResult r = simulator.withPhone(p.at(now)).offer(OfferedFile.of(c, name));
        List<String> chain = new ArrayList<>();
        for (RuleResult rr : r.chain()) {
            chain.add(rr.key());
        }
        String fix = r.firstFix().map(Fix::text).orElse("");
        boolean accepted = r.verdict() == Verdict.ACCEPT;
        String advice = accepted
                ? AuditClass.STALE_RECOVERABLE.advice() + " (" + current.label() + ")"
                : fix.isEmpty() ? AuditClass.STALE_STRANDED.advice() : fix;
        return new Sim(accepted, List.copyOf(chain), advice);
    }
}
