package io.github.itl4j.plan;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.RollbackItl;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.SimulationPolicy;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.TvsInstance;
import io.github.itl4j.trust.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The planner (docs/plan.md, How the plan is made): expands each intended change into atomic actions (the recipes
 * of docs/plan.md), models the files every TFTP node serves after each action, simulates every phone class through
 * them with the trust engine ({@link TrustSimulator}, sequence semantics: an accepted list is installed, the TVS cache
 * persists), inserts a gate after every step that changes what phones download, checks the invariants P1-P11 and
 * gives the verdict.
 * It always plans both orders: the safe one and the one given (every change back to back, no gates); which one is the
 * primary plan follows {@link PlanRequest.Options#asGiven()}, the other is {@link Plan#alternative()}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Planner {
    /** The assumptions printed with every plan. */
    static final List<String> ASSUMPTIONS = List.of(
            "phones use every TVS of their cluster (their CallManager group) in node order (R7, MIGSEC)",
            "TVS vouches for the cluster's own current CallManager certificates as SAST+TFTP (R8 own-cert mapping, "
                    + "[L] REGEN) and for imported certificates by store (Phone-SAST-trust=SAST, "
                    + "CallManager-trust=TFTP, [M] MIGSEC)",
            "TVS is not counted on to vouch for a new ITLRecovery: SG125-CERT prescribes the two-phase rotation",
            "every ITL carries the publisher's ITLRecovery from 10.0 (RESET10); ITLs are signed by the TFTP node's "
                    + "CallManager before 12.0 and by ITLRecovery from 12.0 (REGEN)",
            "offline phones hold the files served now and see only the final files (docs/plan.md)");

    private final SimulationPolicy policy;
    private final ModelTable models;

    private Planner(SimulationPolicy policy, ModelTable models) {
        this.policy = policy;
        this.models = models;
    }

    /** @return a planner with the trust engine's default policy and model table */
    public static Planner defaults() {
        return new Planner(SimulationPolicy.defaults(), ModelTable.defaults());
    }

    /**
     * @param p the simulation policy
     * @param m the model table
     * @return a planner using them
     */
    public static Planner of(SimulationPolicy p, ModelTable m) {
        return new Planner(Objects.requireNonNull(p, "policy"), Objects.requireNonNull(m, "models"));
    }

    /**
     * Plans a request.
     *
     * @param request the cluster, fleet, changes and options
     * @return the plan in the requested order, with the other order as its alternative
     * @throws PlanException when a change cannot apply to the cluster (unknown node, migration without a target ...)
     */
    public Plan plan(PlanRequest request) throws PlanException {
        Plan safe = run(request, false);
        Plan given = run(request, true);
        boolean asGiven = request.options().asGiven();
        Plan primary = asGiven ? given : safe;
        Plan other = asGiven ? safe : given;
        return withAlternative(primary, other);
    }

    private static Plan withAlternative(Plan p, Plan alt) {
        return new Plan(
                p.verdict(),
                p.order(),
                p.request(),
                p.steps(),
                p.invariants(),
                p.stranded(),
                p.atRisk(),
                p.unknown(),
                p.fix(),
                p.assumptions(),
                alt,
                p.signatureMode(),
                p.initial());
    }

    // ------------------------------------------------------------------ actions

    /** One atomic action. */
    record Act(
            String kind,
            String node,
            CertKind cert,
            String title,
            List<String> commands,
            List<String> services,
            int certChanges,
            List<String> cites,
            Consumer<World> apply) {}

    private static final class Builder {
        final List<List<Act>> segments = new ArrayList<>();
        List<Act> current = new ArrayList<>();

        void add(Act a) {
            current.add(a);
        }

        /** Ends a segment: phones are offered the files after it; a gate follows when they changed. */
        void cut() {
            if (!current.isEmpty()) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }

        List<List<Act>> done() {
            cut();
            return segments;
        }
    }

    private static String resetText(ClusterSpec c) {
        return c.autoReset()
                ? "phones reset automatically (Phone Interaction on Certificate Update = auto-reset)"
                : "reset phones: System > Enterprise Parameters > Reset (or Device > Phone > Reset)";
    }

    private static Act regen(ClusterSpec c, CertKind k, String node, boolean caSigned, boolean naive) {
        List<String> cmds = new ArrayList<>();
        if (caSigned) {
            cmds.add("OS Administration > Security > Certificate Management > Generate CSR (" + k.cucmName() + ", "
                    + node + "); upload the CA-signed certificate; upload the CA root to " + k.cucmName() + "-trust");
        } else {
            cmds.add("set cert regen " + k.cucmName() + "   (on " + node + "; GUI: OS Administration > Security > "
                    + "Certificate Management > " + k.cucmName() + " > Regenerate)");
        }
        List<String> services =
                switch (k) {
                    case CALLMANAGER -> List.of(
                            "Cisco CallManager", "Cisco CTIManager", "Cisco Trust Verification Service", "Cisco TFTP");
                    case TVS -> List.of("Cisco Trust Verification Service (restarts automatically)", "Cisco TFTP");
                    case ITLRECOVERY -> naive ? List.of("Cisco TFTP") : List.of();
                    case CAPF -> List.of("Cisco Certificate Authority Proxy Function", "Cisco TFTP");
                    case TOMCAT -> List.of("Cisco Tomcat (utils service restart Cisco Tomcat)");
                };
        if (k != CertKind.TOMCAT && k != CertKind.ITLRECOVERY || naive && k == CertKind.ITLRECOVERY) {
            cmds.add(resetText(c));
        }
        List<String> cites =
                switch (k) {
                    case CALLMANAGER -> List.of("P1", "REGEN");
                    case TVS -> List.of("P1", "SG125-CERT");
                    case ITLRECOVERY -> List.of("P3", "SG125-CERT");
                    default -> List.of("P1", "REGEN");
                };
        String title = (caSigned
                        ? "replace " + k.cucmName() + " with a CA-signed certificate on "
                        : "regenerate " + k.cucmName() + " on ")
                + node;
        return new Act("regenerate", node, k, title, cmds, services, 1, cites, w -> {
            World.Node n = w.source.nodes.get(node);
            n.gen.merge(k, 1, Integer::sum);
        });
    }

    private static Act backup(String title, List<String> cmds, List<String> cites) {
        return new Act("backup", null, null, title, cmds, List.of(), 0, cites, w -> {});
    }

    private static Act ctlUpdate(ClusterSpec c, World.Cluster[] which) {
        return new Act(
                "ctl-update",
                c.publisher().name(),
                null,
                "update the CTL on " + c.publisher().name(),
                List.of(
                        "utils ctl update CTLFile   (on the publisher "
                                + c.publisher().name() + ")",
                        resetText(c)),
                List.of("Cisco TFTP"),
                0,
                List.of("P4", "REGEN", "SG125-CERT"),
                w -> w.updateCtl(w.source));
    }

    private static Act gateAct() {
        return new Act("gate", null, null, "gate", List.of(), List.of(), 0, List.of("P1"), null);
    }

    /** Safe-order priority: TVS first, then ITLRecovery, CAPF, CallManager (SG125-CERT, E10), then cluster changes. */
    private static int priority(ChangeSpec c) {
        if (c instanceof ChangeSpec.Regenerate r) {
            return switch (r.what()) {
                case TVS -> 1;
                case ITLRECOVERY -> 2;
                case CAPF -> 3;
                case CALLMANAGER -> 4;
                case TOMCAT -> 5;
            };
        }
        if (c instanceof ChangeSpec.AddNode) {
            return 6;
        }
        if (c instanceof ChangeSpec.SetTftpSignatureAlgorithm) {
            return 7;
        }
        if (c instanceof ChangeSpec.EnableFips) {
            return 8;
        }
        if (c instanceof ChangeSpec.RemoveNode) {
            return 9;
        }
        return 10;
    }

    private List<List<Act>> expand(PlanRequest req, boolean naive) throws PlanException {
        ClusterSpec c = req.cluster();
        Builder b = new Builder();
        List<ChangeSpec> changes = new ArrayList<>(req.changes());
        boolean changesCerts = false;
        for (ChangeSpec ch : changes) {
            validate(req, ch);
            changesCerts |= !(ch instanceof ChangeSpec.Regenerate r && r.what() == CertKind.TOMCAT);
        }
        if (!naive) {
            changes.sort(Comparator.comparingInt(Planner::priority));
            b.add(backup(
                    "back up the ITLRecovery key and the cluster",
                    List.of(
                            "file get tftp ITLRecovery.p12   (on the publisher "
                                    + c.publisher().name() + "; store it " + "offline)",
                            "Disaster Recovery System > Backup > Manual Backup"),
                    List.of("P9", "SG14")));
            if (changesCerts) {
                b.add(new Act(
                        "check",
                        null,
                        null,
                        "check that every phone is registered and holds the current ITL",
                        List.of("itl audit (every phone CURRENT), or Device > Phone: ITL File Status = Match; "
                                + "RTMT registered-device count = baseline"),
                        List.of(),
                        0,
                        List.of("P5", "REGEN"),
                        w -> {}));
            }
        }
        for (ChangeSpec ch : changes) {
            if (naive) {
                expandNaive(req, ch, b);
            } else {
                expandSafe(req, ch, b);
            }
        }
        return b.done();
    }

    private static void validate(PlanRequest req, ChangeSpec ch) throws PlanException {
        ClusterSpec c = req.cluster();
        List<String> nodes = ch instanceof ChangeSpec.Regenerate r
                ? r.nodes()
                : ch instanceof ChangeSpec.EnableFips f
                        ? f.nodes()
                        : ch instanceof ChangeSpec.RemoveNode rm ? List.of(rm.name()) : List.of();
        for (String n : nodes) {
            if (c.node(n).isEmpty()) {
                throw new PlanException(
                        "change",
                        "unknown node '" + n + "' (cluster " + c.name() + " has "
                                + c.nodes().stream()
                                        .map(ClusterSpec.NodeSpec::name)
                                        .toList() + ")");
            }
        }
        if (ch instanceof ChangeSpec.Migrate && req.target() == null) {
            throw new PlanException("target", "a migration needs a target cluster (target.cluster)");
        }
        if (ch instanceof ChangeSpec.RemoveNode rm && c.publisher().name().equals(rm.name())) {
            throw new PlanException("change", "the publisher " + rm.name() + " cannot be removed");
        }
        if (ch instanceof ChangeSpec.AddNode a && c.node(a.name()).isPresent()) {
            throw new PlanException("change", "node '" + a.name() + "' already exists");
        }
    }

    private void expandSafe(PlanRequest req, ChangeSpec ch, Builder b) {
        ClusterSpec c = req.cluster();
        if (ch instanceof ChangeSpec.Regenerate r) {
            for (String node : orderNodes(c, r.nodes())) {
                regenSafe(c, r, node, b);
            }
        } else if (ch instanceof ChangeSpec.AddNode a) {
            b.add(addNode(c, a));
            b.cut();
            if (a.tftp()) {
                b.add(new Act(
                        "note",
                        null,
                        null,
                        "only now point phones (DHCP option 150 / TFTP) at " + a.name(),
                        List.of("its ITL is signed by its own CallManager"
                                + (c.itlSignedByRecovery()
                                        ? " (ITLRecovery from 12.0)"
                                        : ": phones need a TVS they hold to vouch for it (R7)")),
                        List.of(),
                        0,
                        List.of("SG14"),
                        w -> {}));
            }
        } else if (ch instanceof ChangeSpec.RemoveNode rm) {
            b.add(new Act(
                    "note",
                    rm.name(),
                    null,
                    "move phones off " + rm.name(),
                    List.of("remove " + rm.name()
                            + " from every CallManager group and TFTP option 150 first; wait until phones re-register"),
                    List.of(),
                    0,
                    List.of("SG14"),
                    w -> {}));
            b.add(removeNode(c, rm));
            b.cut();
        } else if (ch instanceof ChangeSpec.SetTftpSignatureAlgorithm s) {
            b.add(setDigest(c, s));
            b.cut();
        } else if (ch instanceof ChangeSpec.EnableFips f) {
            fipsSafe(req, f, b);
        } else if (ch instanceof ChangeSpec.Migrate m) {
            migrateSafe(req, m, b);
        }
    }

    private static List<String> orderNodes(ClusterSpec c, List<String> nodes) {
        List<String> out = new ArrayList<>();
        for (ClusterSpec.NodeSpec n : c.nodes()) {
            if (nodes.contains(n.name())) {
                out.add(n.name());
            }
        }
        return out;
    }

    private void regenSafe(ClusterSpec c, ChangeSpec.Regenerate r, String node, Builder b) {
        CertKind k = r.what();
        Act regen = regen(c, k, node, r.caSigned(), false);
        boolean mixed = c.mixed();
        if (k == CertKind.ITLRECOVERY && c.itlSignedByRecovery()) {
            // two-phase rotation (SG125-CERT; E2/E3)
            b.add(regen);
            if (mixed) {
                b.add(new Act(
                        "ctl-reset-localkey",
                        node,
                        null,
                        "sign the CTL and ITL with CallManager",
                        List.of("utils ctl reset localkey   (on " + node + ")", resetText(c) + "; in batches"),
                        List.of("Cisco TFTP"),
                        0,
                        List.of("P3", "P4", "SG125-CERT", "SG14"),
                        w -> {
                            w.source.localKey = true;
                            w.updateCtl(w.source);
                        }));
                b.cut();
                b.add(new Act(
                        "ctl-update",
                        node,
                        null,
                        "sign the CTL and ITL with the new ITLRecovery",
                        List.of("utils ctl update CTLFile", resetText(c)),
                        List.of("Cisco TFTP"),
                        0,
                        List.of("P3", "P4", "SG125-CERT"),
                        w -> {
                            w.source.localKey = false;
                            w.updateCtl(w.source);
                        }));
            } else {
                b.add(new Act(
                        "itl-reset-localkey",
                        node,
                        null,
                        "sign the ITL with CallManager (contains the new " + "ITLRecovery)",
                        List.of(
                                "utils itl reset localkey   (on the publisher " + node + ")",
                                "reset phones in batches: System > Enterprise Parameters > Reset"),
                        List.of("Cisco TFTP (restarted by the command)"),
                        0,
                        List.of("P3", "SG125-CERT", "CLI125"),
                        w -> w.source.localKey = true));
                b.cut();
                b.add(new Act(
                        "restart-tftp",
                        null,
                        null,
                        "re-sign the ITL with the new ITLRecovery",
                        List.of("utils service restart Cisco TFTP   (every TFTP node)", "reset phones again"),
                        List.of("Cisco TFTP"),
                        0,
                        List.of("P3", "SG125-CERT"),
                        w -> w.source.localKey = false));
            }
            b.cut();
            b.add(backup(
                    "export the new ITLRecovery key", List.of("file get tftp ITLRecovery.p12"), List.of("P9", "SG14")));
            return;
        }
        b.add(regen);
        if (mixed && k != CertKind.TVS && k != CertKind.TOMCAT) {
            b.add(ctlUpdate(c, null));
        }
        if (k == CertKind.TOMCAT) {
            if (c.emcc()) {
                b.add(emcc());
            }
            return;
        }
        b.cut();
        if (k == CertKind.CALLMANAGER) {
            b.add(backup(
                    "DRS backup after the CallManager regeneration",
                    List.of("Disaster Recovery System > Backup > Manual Backup"),
                    List.of("P9", "SG125-CERT")));
        }
        if (c.emcc() && (k == CertKind.CALLMANAGER || k == CertKind.ITLRECOVERY)) {
            b.add(emcc());
        }
    }

    private static Act emcc() {
        return new Act(
                "emcc-exchange",
                null,
                null,
                "repeat the EMCC bulk certificate exchange",
                List.of(
                        "OS Administration > Security > Bulk Certificate Management > Export, Consolidate, Import (every EMCC "
                                + "cluster)"),
                List.of(),
                0,
                List.of("P11", "SG125-CERT", "BULK"),
                w -> {});
    }

    private static Act addNode(ClusterSpec c, ChangeSpec.AddNode a) {
        return new Act(
                "add-node",
                a.name(),
                null,
                "add node " + a.name(),
                List.of(
                        "install " + a.name()
                                + " and add it to System > Server; activate" + (a.tftp() ? " Cisco TFTP" : "")
                                + (a.tvs() ? " (TVS runs on every node)" : ""),
                        "utils service restart Cisco TFTP   (every TFTP node: " + "every ITL gains its TVS record)",
                        resetText(c)),
                List.of("Cisco TFTP"),
                0,
                List.of("P8", "SG14"),
                w -> w.source.nodes.put(a.name(), new World.Node(a.name(), a.tftp(), a.tvs(), false)));
    }

    private static Act removeNode(ClusterSpec c, ChangeSpec.RemoveNode rm) {
        return new Act(
                "remove-node",
                rm.name(),
                null,
                "remove node " + rm.name(),
                List.of(
                        "System > Server > delete " + rm.name(),
                        "utils service restart Cisco TFTP   (every TFTP node: ITLs lose its TVS record)",
                        resetText(c)),
                List.of("Cisco TFTP"),
                0,
                List.of("SG14"),
                w -> w.source.nodes.remove(rm.name()));
    }

    private static Act setDigest(ClusterSpec c, ChangeSpec.SetTftpSignatureAlgorithm s) {
        return new Act(
                "set-digest",
                null,
                null,
                "set TFTP File Signature Algorithm to " + s.digest().toString(),
                List.of(
                        "System > Enterprise Parameters > Security Parameters > TFTP File Signature Algorithm = "
                                + s.digest().toString(),
                        "utils service restart Cisco TFTP   (every TFTP node)",
                        resetText(c)),
                List.of("Cisco TFTP"),
                0,
                List.of("P7", "SG15-ENC", "SG125-PHONE"),
                w -> w.source.digest = s.digest());
    }

    private static Act fips(ClusterSpec c, String node) {
        return new Act(
                "enable-fips",
                node,
                null,
                "enable FIPS on " + node + " (regenerates every certificate of " + "the node; the node reboots)",
                List.of("utils fips enable   (on " + node + ")", resetText(c)),
                List.of("(reboot)"),
                1,
                List.of("P1", "P2", "SG125-FIPS"),
                w -> {
                    World.Node n = w.source.nodes.get(node);
                    n.fips = true;
                    for (CertKind k : CertKind.values()) {
                        n.gen.merge(k, 1, Integer::sum);
                    }
                });
    }

    private static Act rollback(ClusterSpec c, boolean on) {
        return new Act(
                on ? "rollback-on" : "rollback-off",
                null,
                null,
                (on ? "serve" : "stop serving") + " the rollback ITL",
                List.of(
                        "System > Enterprise Parameters > Prepare Cluster for Rollback to " + "pre-8.0 = "
                                + (on ? "True" : "False"),
                        resetText(c)),
                List.of("Cisco TFTP"),
                0,
                List.of("SG14", "SG125-FIPS"),
                w -> w.source.rollback = on);
    }

    private void fipsSafe(PlanRequest req, ChangeSpec.EnableFips f, Builder b) {
        ClusterSpec c = req.cluster();
        List<String> nodes = orderNodes(c, f.nodes());
        boolean single = c.nodes().size() == 1;
        boolean pubRec = c.itlSignedByRecovery() && nodes.contains(c.publisher().name());
        boolean useRollback = !c.mixed() && (single || pubRec);
        if (useRollback) {
            b.add(rollback(c, true));
            b.cut();
        }
        for (String n : nodes) {
            b.add(fips(c, n));
            if (c.mixed()) {
                b.add(ctlUpdate(c, null));
            }
            b.cut();
        }
        if (useRollback) {
            b.add(rollback(c, false));
            b.cut();
        }
    }

    private void migrateSafe(PlanRequest req, ChangeSpec.Migrate m, Builder b) {
        ClusterSpec c = req.cluster();
        boolean rollback = "rollback".equals(m.method()) && !c.mixed();
        if (rollback) {
            b.add(rollback(c, true));
            b.cut();
        } else {
            b.add(imports(req, List.of(CertKind.CALLMANAGER, CertKind.ITLRECOVERY)));
            b.add(restartTvs(c));
            if (c.mixed()) {
                b.add(ctlUpdate(c, null));
                b.cut();
            }
        }
        b.add(move(req));
        b.cut();
    }

    private static Act imports(PlanRequest req, List<CertKind> what) {
        ClusterSpec t = req.target();
        List<String> cmds = new ArrayList<>();
        List<String> tftp = t.nodes().stream()
                .filter(ClusterSpec.NodeSpec::tftp)
                .map(ClusterSpec.NodeSpec::name)
                .toList();
        boolean cm = what.contains(CertKind.CALLMANAGER);
        boolean rec = what.contains(CertKind.ITLRECOVERY) && t.itlSignedByRecovery();
        if (cm) {
            cmds.add("import CallManager.pem of " + String.join(", ", tftp) + " (" + t.name()
                    + ") into Phone-SAST-trust and CallManager-trust of "
                    + req.cluster().name()
                    + " (OS Administration > Certificate Management > Upload, or Bulk Certificate Management)");
        }
        if (rec) {
            cmds.add("import ITLRecovery.pem of " + t.name() + " into Phone-SAST-trust of "
                    + req.cluster().name());
        }
        return new Act(
                "import-certs",
                null,
                null,
                "import the target cluster's certificates into " + req.cluster().name() + "'s trust stores",
                cmds,
                List.of(),
                0,
                List.of("P10", "MIGSEC", "BULK", "SG125-PHONE"),
                w -> {
                    for (World.Node n : w.target.tftpNodes()) {
                        String id = w.certId(w.target, n, CertKind.CALLMANAGER);
                        if (cm) {
                            w.source.phoneSastTrust.add(id);
                            w.source.callManagerTrust.add(id);
                        }
                    }
                    if (rec) {
                        w.source.phoneSastTrust.add(w.recoveryId(w.target));
                    }
                });
    }

    private static Act restartTvs(ClusterSpec c) {
        return new Act(
                "restart-tvs",
                null,
                null,
                "restart TVS on every node of " + c.name(),
                List.of("utils service restart Cisco Trust Verification Service   (every node of " + c.name() + ")"),
                List.of("Cisco Trust Verification Service"),
                0,
                List.of("P10", "MIGSEC"),
                w -> {});
    }

    private static Act move(PlanRequest req) {
        return new Act(
                "move-phones",
                null,
                null,
                "move the phones to " + req.target().name(),
                List.of(
                        "point DHCP option 150 (or the phones' TFTP) at "
                                + req.target().name() + "'s TFTP; move a pilot group " + "first, then in batches",
                        "keep " + req.cluster().name() + " (its TVS, TCP 2445) reachable "
                                + "until every phone has moved",
                        "reset the moved phones"),
                List.of(),
                0,
                List.of("P10", "MIGSEC"),
                w -> w.moved = true);
    }

    private void expandNaive(PlanRequest req, ChangeSpec ch, Builder b) {
        ClusterSpec c = req.cluster();
        if (ch instanceof ChangeSpec.Regenerate r) {
            for (String node : r.nodes()) {
                Act a = regen(c, r.what(), node, r.caSigned(), true);
                if (r.what() == CertKind.ITLRECOVERY) {
                    List<String> cmds = new ArrayList<>(a.commands());
                    cmds.add(1, "utils service restart Cisco TFTP");
                    a = new Act(
                            a.kind(),
                            a.node(),
                            a.cert(),
                            a.title() + "; restart TFTP",
                            cmds,
                            a.services(),
                            1,
                            a.cites(),
                            a.apply());
                }
                b.add(a);
            }
        } else if (ch instanceof ChangeSpec.AddNode a) {
            b.add(addNode(c, a));
        } else if (ch instanceof ChangeSpec.RemoveNode rm) {
            b.add(removeNode(c, rm));
        } else if (ch instanceof ChangeSpec.SetTftpSignatureAlgorithm s) {
            b.add(setDigest(c, s));
        } else if (ch instanceof ChangeSpec.EnableFips f) {
            for (String n : f.nodes()) {
                b.add(fips(c, n));
            }
        } else if (ch instanceof ChangeSpec.Migrate m) {
            if ("rollback".equals(m.method())) {
                b.add(rollback(c, true));
            } else {
                b.add(imports(req, m.imports()));
                b.add(restartTvs(c));
            }
            b.add(move(req));
        }
    }

    // ------------------------------------------------------------------ simulation

    /** A phone class being simulated. */
    private static final class Phones {
        final FleetSpec.PhoneClass spec;
        PhoneState state;
        ClassResult firstReject;

        Phones(FleetSpec.PhoneClass spec, PhoneState state) {
            this.spec = spec;
            this.state = state;
        }
    }

    /** One simulated segment. */
    record Seg(List<Act> acts, World before, World after, boolean filesChanged) {}

    /** The outcome of simulating a list of segments. */
    private record Run(
            List<PlanStep> steps,
            List<Seg> segs,
            List<ClassResult> stranded,
            List<ClassResult> atRisk,
            World first,
            World last) {}

    private World initial(PlanRequest req) {
        Map<String, ClusterSpec.CertSource> given = new HashMap<>();
        World.Cluster src = cluster(req.cluster(), "A", given);
        World.Cluster tgt = req.target() == null ? null : cluster(req.target(), "B", given);
        World w = new World(src, tgt, given, new HashMap<>());
        // the next certificates a change gives (signature mode)
        for (ChangeSpec ch : req.changes()) {
            if (ch instanceof ChangeSpec.Regenerate r) {
                r.next().forEach((node, s) -> given.put(World.certId(src, node, r.what(), 1), s));
            }
        }
        if (req.cluster().mixed()) {
            w.updateCtl(src);
        }
        if (tgt != null && req.target().mixed()) {
            w.updateCtl(tgt);
        }
        return w;
    }

    private static World.Cluster cluster(ClusterSpec spec, String fallback, Map<String, ClusterSpec.CertSource> given) {
        World.Cluster c = new World.Cluster(spec, spec.name().isEmpty() ? fallback : spec.name());
        for (ClusterSpec.NodeSpec n : spec.nodes()) {
            c.nodes.put(n.name(), new World.Node(n.name(), n.tftp(), n.tvs(), n.capf()));
            n.certs().forEach((k, s) -> given.put(World.certId(c, n.name(), k, 0), s));
        }
        return c;
    }

    private Plan run(PlanRequest req, boolean naive) throws PlanException {
        List<List<Act>> segments = expand(req, naive);
        Run r = simulate(req, segments, !naive);
        List<InvariantCheck> inv = invariants(req, r, naive);
        PlanVerdict v = verdict(r, inv);
        String fix = null;
        if (naive && v != PlanVerdict.SAFE && v != PlanVerdict.BLOCKED) {
            fix = gateFix(req, segments);
        }
        boolean sig = allReal(r);
        List<FleetSpec.PhoneClass> unknown = req.fleet().classes().stream()
                .filter(p -> p.holds() == FleetSpec.Holds.UNKNOWN)
                .toList();
        return new Plan(
                v,
                naive ? "as-given" : "safe",
                req,
                r.steps(),
                inv,
                r.stranded(),
                r.atRisk(),
                unknown,
                fix,
                ASSUMPTIONS,
                null,
                sig,
                produced(r.first(), Map.of(), served(r.first())).stream()
                        .map(f -> new ProducedFile(
                                f.cluster(), f.node(), f.name(), f.file(), f.sha1(), f.signer(), List.of(), f.real()))
                        .toList());
    }

    private static boolean allReal(Run r) {
        boolean any = false;
        for (PlanStep s : r.steps()) {
            for (ProducedFile f : s.produced()) {
                any = true;
                if (!f.real()) {
                    return false;
                }
            }
        }
        return any;
    }

    private static PlanVerdict verdict(Run r, List<InvariantCheck> inv) {
        for (InvariantCheck i : inv) {
            if (i.id().equals("P7") && i.status() == InvariantCheck.Status.VIOLATED) {
                return PlanVerdict.BLOCKED;
            }
        }
        if (!r.stranded().isEmpty()) {
            return PlanVerdict.UNSAFE;
        }
        for (InvariantCheck i : inv) {
            if (i.status() == InvariantCheck.Status.VIOLATED) {
                return PlanVerdict.UNSAFE;
            }
        }
        return PlanVerdict.SAFE;
    }

    /** For an unsafe as-given order: the first single gate that makes every registered class accept. */
    private String gateFix(PlanRequest req, List<List<Act>> segments) {
        List<Act> all = segments.stream().flatMap(List::stream).toList();
        for (int k = 1; k < all.size(); k++) {
            List<List<Act>> split = List.of(all.subList(0, k), all.subList(k, all.size()));
            Run r = simulate(req, split, true);
            if (r.stranded().isEmpty()) {
                return "insert a gate between '" + all.get(k - 1).title() + "' and '"
                        + all.get(k).title()
                        + "': after the first, wait at least " + minutes(req) + " and until every phone holds the "
                        + "ITL it produced (check with itl audit / ITL File Status), then do the second (the "
                        + "generalised 5-minute hold, RESET10; P1, P2)";
            }
        }
        return "use the safe order below (a single gate is not enough)";
    }

    private static String minutes(PlanRequest req) {
        long s = req.options().minHold().toSeconds();
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private Run simulate(PlanRequest req, List<List<Act>> segments, boolean gates) {
        World w0 = initial(req);
        List<Phones> registered = new ArrayList<>();
        List<Phones> offline = new ArrayList<>();
        for (FleetSpec.PhoneClass pc : req.fleet().classes()) {
            if (pc.holds() == FleetSpec.Holds.UNKNOWN) {
                continue;
            }
            PhoneState p = pc.holds() == FleetSpec.Holds.NONE ? PhoneState.none() : holding(w0, pc);
            if (pc.model() != null) {
                p = p.model(pc.model());
            }
            p = p.at(req.options().now());
            (pc.offline() ? offline : registered).add(new Phones(pc, p));
        }
        List<PlanStep> steps = new ArrayList<>();
        List<Seg> segs = new ArrayList<>();
        World w = w0;
        int n = 0;
        int g = 0;
        Map<String, ItlFile> served = served(w0);
        for (List<Act> seg : segments) {
            World before = w;
            w = w.copy();
            for (Act a : seg) {
                a.apply().accept(w);
            }
            Map<String, ItlFile> now = served(w);
            boolean changed = !now.equals(served) || w.moved != before.moved;
            List<ProducedFile> produced = new ArrayList<>();
            List<ClassResult> results = new ArrayList<>();
            String stepId = String.valueOf(n + seg.size());
            if (changed) {
                produced = produced(w, served, now);
                if (w.moved != before.moved) {
                    for (ProducedFile f : produced(w, Map.of(), served(w))) {
                        if (f.cluster().equals(w.serving().label)) {
                            produced.add(new ProducedFile(
                                    f.cluster(),
                                    f.node(),
                                    f.name(),
                                    f.file(),
                                    f.sha1(),
                                    f.signer(),
                                    List.of("phones now download it"),
                                    f.real()));
                        }
                    }
                }
                for (Phones ph : registered) {
                    ph.state = ph.state.advance(req.options().minHold());
                    ClassResult cr = offer(w, ph, stepId);
                    results.add(cr);
                    if (!cr.accepted() && ph.firstReject == null) {
                        ph.firstReject = cr;
                    }
                }
            }
            for (int i = 0; i < seg.size(); i++) {
                Act a = seg.get(i);
                boolean last = i == seg.size() - 1;
                steps.add(new PlanStep(
                        String.valueOf(++n),
                        PlanStep.Kind.ACTION,
                        a.kind(),
                        a.title(),
                        a.node(),
                        a.commands(),
                        a.services(),
                        last ? produced : List.of(),
                        last ? results : List.of(),
                        a.cites(),
                        last && changed ? env(w) : null));
            }
            if (changed && gates) {
                steps.add(gate(req, ++g, w, produced, registered));
            }
            segs.add(new Seg(seg, before, w, changed));
            served = now;
        }
        List<ClassResult> stranded = new ArrayList<>();
        for (Phones ph : registered) {
            if (ph.firstReject != null) {
                stranded.add(ph.firstReject);
            }
        }
        List<ClassResult> atRisk = new ArrayList<>();
        for (Phones ph : offline) {
            ClassResult cr = offer(w, ph, "final");
            if (!cr.accepted()) {
                atRisk.add(cr);
            }
        }
        return new Run(steps, segs, stranded, atRisk, w0, w);
    }

    private static TvsEnvironment env(World w) {
        List<TvsInstance> tvs = new ArrayList<>(w.tvs(w.source));
        if (w.target != null) {
            tvs.addAll(w.tvs(w.target));
        }
        return TvsEnvironment.of(tvs);
    }

    private static PhoneState holding(World w, FleetSpec.PhoneClass pc) {
        World.Cluster c = w.source;
        World.Node node = tftpNode(c, pc.tftp());
        PhoneState p = PhoneState.holding(w.itl(c, node)).withItl(w.itl(c, node), c.label + "/" + node.name + " v0");
        ItlFile ctl = w.ctl(c);
        return ctl == null ? p : p.withCtl(ctl, c.label + " CTL v0");
    }

    private static World.Node tftpNode(World.Cluster c, String name) {
        if (name != null && c.nodes.containsKey(name) && c.nodes.get(name).tftp) {
            return c.nodes.get(name);
        }
        List<World.Node> t = c.tftpNodes();
        return t.isEmpty() ? c.publisher() : t.get(0);
    }

    /** The files served now: key "cluster/node/file". */
    private static Map<String, ItlFile> served(World w) {
        Map<String, ItlFile> m = new LinkedHashMap<>();
        for (World.Cluster c : w.target == null ? List.of(w.source) : List.of(w.source, w.target)) {
            ItlFile ctl = w.ctl(c);
            if (ctl != null) {
                m.put(c.label + "//CTLFile.tlv", ctl);
            }
            for (World.Node n : c.tftpNodes()) {
                m.put(c.label + "/" + n.name + "/ITLFile.tlv", w.itl(c, n));
            }
        }
        return m;
    }

    private static List<ProducedFile> produced(World w, Map<String, ItlFile> before, Map<String, ItlFile> now) {
        List<ProducedFile> out = new ArrayList<>();
        for (Map.Entry<String, ItlFile> e : now.entrySet()) {
            ItlFile old = before.get(e.getKey());
            if (e.getValue().equals(old)) {
                continue;
            }
            String[] p = e.getKey().split("/", -1);
            ItlFile f = e.getValue();
            String signer = f.header().signerName().orElse("?");
            boolean real = isReal(w, f);
            out.add(new ProducedFile(
                    p[0],
                    p[1].isEmpty() ? null : p[1],
                    p[2],
                    f,
                    Checksums.of(f.encoded()).sha1().toHex(),
                    signer,
                    changes(old, f),
                    real));
        }
        return out;
    }

    private static boolean isReal(World w, ItlFile f) {
        for (World.Cluster c : w.target == null ? List.of(w.source) : List.of(w.source, w.target)) {
            for (World.Node n : c.nodes.values()) {
                for (CertKind k : CertKind.values()) {
                    String id = w.certId(c, n, k);
                    if (w.isReal(id) && sameSigner(f, w.cert(id))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean sameSigner(ItlFile f, java.security.cert.X509Certificate c) {
        return f.header()
                .serialNumber()
                .map(s -> new java.math.BigInteger(1, s.toByteArray()).equals(c.getSerialNumber()))
                .orElse(false);
    }

    /** What changed between two trust lists, in words. */
    static List<String> changes(ItlFile old, ItlFile now) {
        List<String> out = new ArrayList<>();
        if (old == null) {
            out.add("new file");
            return out;
        }
        String s0 = old.header().signerName().orElse("?");
        String s1 = now.header().signerName().orElse("?");
        if (!s0.equals(s1) || !old.header().serialNumber().equals(now.header().serialNumber())) {
            out.add(
                    cn(s0).equals(cn(s1))
                            ? "signer " + cn(s1) + " (new certificate)"
                            : "signer " + cn(s0) + " -> " + cn(s1));
        }
        if (!old.header().digestAlgorithm().equals(now.header().digestAlgorithm())) {
            out.add("digest "
                    + old.header()
                            .digestAlgorithm()
                            .map(DigestAlgorithm::toString)
                            .orElse("?") + " -> "
                    + now.header()
                            .digestAlgorithm()
                            .map(DigestAlgorithm::toString)
                            .orElse("?"));
        }
        Set<String> a = recordKeys(old);
        Set<String> b = recordKeys(now);
        Set<String> removed = new LinkedHashSet<>(a);
        removed.removeAll(b);
        Set<String> added = new LinkedHashSet<>(b);
        added.removeAll(a);
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String r : removed) {
            byRole.merge(r.substring(0, r.indexOf(' ')), "changed", (x, y) -> x);
        }
        for (String r : added) {
            byRole.merge(r.substring(0, r.indexOf(' ')), "added", (x, y) -> "changed");
        }
        for (String r : removed) {
            String role = r.substring(0, r.indexOf(' '));
            if (added.stream().noneMatch(x -> x.startsWith(role + " "))) {
                byRole.put(role, "removed");
            }
        }
        byRole.forEach((role, what) -> out.add(role + " record " + what));
        if (RollbackItl.isRollback(now) && !RollbackItl.isRollback(old)) {
            out.add("rollback ITL (TFTP and TVS entries empty)");
        }
        return out;
    }

    private static Set<String> recordKeys(ItlFile f) {
        Set<String> s = new LinkedHashSet<>();
        for (ItlRecord r : f.records()) {
            String role = r.role().map(io.github.itl4j.Role::name).orElse("?");
            String id = r.certificate()
                    .map(c -> Checksums.of(c).sha1().toHex())
                    .or(() -> r.certHash().map(h -> h.toHex()))
                    .orElse("empty");
            s.add(role + " " + id);
        }
        return s;
    }

    static String cn(String name) {
        for (String part : name.split("[;,]")) {
            String t = part.trim();
            if (t.regionMatches(true, 0, "CN=", 0, 3)) {
                return t.substring(3);
            }
        }
        return name;
    }

    private ClassResult offer(World w, Phones ph, String stepId) {
        World.Cluster c = w.serving();
        World.Node node = w.moved ? tftpNode(c, null) : tftpNode(c, ph.spec.tftp());
        TvsEnvironment env = env(w);
        List<OfferedFile> files = new ArrayList<>();
        ItlFile ctl = w.ctl(c);
        if (ctl != null) {
            files.add(OfferedFile.of(ctl, "CTLFile.tlv"));
        }
        files.add(OfferedFile.of(w.itl(c, node), "ITLFile.tlv"));
        SimulationResult worst = null;
        String worstName = null;
        for (OfferedFile f : files) {
            SimulationResult r = TrustSimulator.builder()
                    .phone(ph.state)
                    .tvs(env)
                    .policy(policy)
                    .models(models)
                    .build()
                    .offer(f);
            if (r.verdict().isAccepted()) {
                ph.state = r.phoneAfter();
            }
            if (worst == null || worst.verdict().isAccepted() && !r.verdict().isAccepted()) {
                worst = r;
                worstName = c.label + "/" + (f.name().startsWith("CTL") ? "" : node.name + "/") + f.name();
            }
        }
        Verdict v = worst.verdict();
        String fix = worst.firstFix().map(Fix::code).map(x -> x.code()).orElse(null);
        return new ClassResult(
                ph.spec.name(), ph.spec.count(), ph.spec.offline(), v, worstName, worst.chain(), fix, stepId);
    }

    private static PlanStep gate(
            PlanRequest req, int g, World w, List<ProducedFile> produced, List<Phones> registered) {
        int phones = registered.stream().mapToInt(p -> p.spec.count()).sum();
        List<String> cmds = new ArrayList<>();
        cmds.add("wait at least " + minutes(req) + " (CUCM's own hold between certificate changes, RESET10)");
        String who = phones > 0 ? phones + " registered phones" : "every registered phone";
        switch (req.options().gate()) {
            case ITL_FILE_STATUS -> cmds.add("Device > Phone: ITL File Status = Match for " + who + " (CUCM 14+)");
            case REGISTRATION -> cmds.add("RTMT: registered-device count back to its baseline (" + who + ")");
            default -> cmds.add("itl audit: 100 % CURRENT for the new hashes (" + who + ")");
        }
        for (ProducedFile f : produced) {
            cmds.add("expect " + f.cluster() + (f.node() == null ? "" : "/" + f.node()) + "/" + f.name() + " SHA-1 "
                    + f.sha1().toUpperCase(Locale.ROOT)
                    + (f.real()
                            ? ""
                            : " (modelled file: compare with the node's " + "`show itl` / `show ctl` checksum)"));
        }
        return new PlanStep(
                "G" + g,
                PlanStep.Kind.GATE,
                "gate",
                "gate: every phone holds the new files",
                null,
                cmds,
                List.of(),
                List.of(),
                List.of(),
                List.of("P1", "P2", "REGEN", "RESET10"),
                null);
    }

    // ------------------------------------------------------------------ invariants

    private List<InvariantCheck> invariants(PlanRequest req, Run r, boolean naive) {
        List<InvariantCheck> out = new ArrayList<>();
        ClusterSpec c = req.cluster();
        // P1
        List<String> p1 = new ArrayList<>();
        for (Seg s : r.segs()) {
            int changes = s.acts().stream().mapToInt(Act::certChanges).sum();
            if (changes > 1) {
                p1.add(s.acts().stream()
                        .filter(a -> a.certChanges() > 0)
                        .map(Act::title)
                        .toList()
                        .toString());
            }
        }
        out.add(new InvariantCheck(
                "P1",
                p1.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                p1.isEmpty()
                        ? "at most one certificate change between gates"
                        : "several certificate changes without a gate between them: " + String.join("; ", p1),
                List.of("REGEN", "SG125-CERT")));
        // P2 and P3
        List<String> p2 = new ArrayList<>();
        List<String> p3 = new ArrayList<>();
        for (Seg s : r.segs()) {
            if (s.before().moved != s.after().moved) {
                continue;
            }
            World.Cluster b = s.before().source;
            World.Cluster a = s.after().source;
            boolean signerChanged = false;
            for (World.Node n : b.tftpNodes()) {
                World.Node n2 = a.nodes.get(n.name);
                if (n2 != null && !signerId(s.before(), b, n).equals(signerId(s.after(), a, n2))) {
                    signerChanged = true;
                }
            }
            long unchangedTvs = b.tvsNodes().stream()
                    .filter(n -> a.nodes.containsKey(n.name)
                            && s.before()
                                    .certId(b, n, CertKind.TVS)
                                    .equals(s.after().certId(a, a.nodes.get(n.name), CertKind.TVS)))
                    .count();
            if (signerChanged && unchangedTvs == 0 && !b.tvsNodes().isEmpty() && !b.rollback) {
                p2.add(s.acts().stream().map(Act::title).toList().toString());
            }
            boolean recChanged = !s.before().recoveryId(b).equals(s.after().recoveryId(a));
            if (recChanged && a.signedByRecovery() && !b.rollback) {
                p3.add(s.acts().stream().map(Act::title).toList().toString());
            }
        }
        out.add(new InvariantCheck(
                "P2",
                p2.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                p2.isEmpty()
                        ? "no step changes the trust-list signer together with every TVS certificate"
                        : "signer and every TVS certificate change in the same step: " + String.join("; ", p2),
                List.of("REGEN", "RENEW", "R15")));
        out.add(new InvariantCheck(
                "P3",
                p3.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                p3.isEmpty()
                        ? "SAST anchors rotate only through the other anchor"
                        : "the new ITLRecovery signs in the step that introduces it: " + String.join("; ", p3),
                List.of("SG125-CERT", "CLI125")));
        // P4
        if (!c.mixed()) {
            out.add(na("P4", "non-secure mode: no CTL", "REGEN", "SG125-CERT"));
        } else {
            List<String> p4 = new ArrayList<>();
            for (Seg s : r.segs()) {
                boolean ctlCert = s.acts().stream()
                        .anyMatch(a -> a.kind().equals("enable-fips")
                                || a.cert() != null && a.cert() != CertKind.TVS && a.cert() != CertKind.TOMCAT);
                boolean ctl = s.acts().stream().anyMatch(a -> a.kind().startsWith("ctl-"));
                if (ctlCert && !ctl) {
                    p4.add(s.acts().stream().map(Act::title).toList().toString());
                }
            }
            out.add(new InvariantCheck(
                    "P4",
                    p4.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                    p4.isEmpty()
                            ? "utils ctl update CTLFile follows every change " + "of a CTL-listed certificate"
                            : "CTL-listed certificate changed without a CTL update: " + String.join("; ", p4),
                    List.of("REGEN", "SG125-CERT", "RENEW")));
        }
        // P5
        int offline = req.fleet().classes().stream()
                .filter(FleetSpec.PhoneClass::offline)
                .mapToInt(FleetSpec.PhoneClass::count)
                .sum();
        boolean check = r.segs().stream().flatMap(s -> s.acts().stream()).anyMatch(a -> a.kind()
                .equals("check"));
        String p5 = (check
                        ? "the plan checks every phone is registered first"
                        : "the order does not check that every " + "phone is registered first")
                + (offline > 0
                        ? "; " + offline + " offline phones are at risk"
                                + (r.atRisk().isEmpty()
                                        ? " (the simulation says they recover)"
                                        : " and "
                                                + r.atRisk().stream()
                                                        .mapToInt(ClassResult::count)
                                                        .sum() + " would be stranded")
                        : "");
        out.add(new InvariantCheck(
                "P5",
                check && (offline == 0 || r.atRisk().isEmpty()) ? InvariantCheck.Status.OK : InvariantCheck.Status.WARN,
                p5,
                List.of("REGEN")));
        // P6
        World w0 = r.first();
        int recBits = w0.bits(w0.recoveryId(w0.source));
        int cmBits = w0.source.nodes.values().stream()
                .mapToInt(n -> w0.bits(w0.certId(w0.source, n, CertKind.CALLMANAGER)))
                .max()
                .orElse(0);
        out.add(new InvariantCheck(
                "P6",
                recBits >= cmBits ? InvariantCheck.Status.OK : InvariantCheck.Status.WARN,
                "ITLRecovery key " + recBits + " bits, CallManager up to " + cmBits + " bits"
                        + (recBits >= cmBits ? "" : ": utils itl reset would fail; regenerate ITLRecovery first"),
                List.of("REGEN")));
        // P7
        boolean sha512 = req.changes().stream()
                .anyMatch(ch -> ch instanceof ChangeSpec.SetTftpSignatureAlgorithm s
                        && s.digest().code() != DigestAlgorithm.SHA1.code());
        if (!sha512) {
            out.add(na("P7", "the TFTP signature algorithm does not change", "SG125-PHONE", "SG15-ENC"));
        } else {
            List<String> legacy = new ArrayList<>();
            for (FleetSpec.PhoneClass pc : req.fleet().classes()) {
                if (pc.model() != null
                        && pc.count() > 0
                        && models.lookup(pc.model())
                                .map(e -> e.sha512() == ModelTable.Support.NO)
                                .orElse(false)) {
                    legacy.add(pc.count() + " x " + pc.model());
                }
            }
            out.add(new InvariantCheck(
                    "P7",
                    legacy.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                    legacy.isEmpty()
                            ? "no 79xx/89xx/99xx phones in the fleet"
                            : "79xx/89xx/99xx phones verify SHA-1 only (R16): " + String.join(", ", legacy)
                                    + "; replace them or keep SHA-1 (F-DIGEST-SHA1)",
                    List.of("SG125-PHONE", "SG15-ENC")));
        }
        // P8
        long max = r.steps().stream()
                .flatMap(s -> s.produced().stream())
                .mapToLong(ProducedFile::size)
                .max()
                .orElse(0);
        for (ItlFile f : served(r.first()).values()) {
            max = Math.max(max, f.size());
        }
        out.add(new InvariantCheck(
                "P8",
                max <= TrustSimulator.MAX_TRUST_LIST_SIZE ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                "largest trust list " + max + " bytes (limit 65536)",
                List.of("SG14")));
        // P9
        boolean backup = r.segs().stream().flatMap(s -> s.acts().stream()).anyMatch(a -> a.kind()
                .equals("backup"));
        out.add(new InvariantCheck(
                "P9",
                backup ? InvariantCheck.Status.OK : InvariantCheck.Status.WARN,
                backup
                        ? "ITLRecovery.p12 exported and DRS backups taken"
                        : "no ITLRecovery.p12 export or DRS backup in " + "this order",
                List.of("SG14", "SG125-CERT")));
        // P10
        boolean migrate = req.changes().stream().anyMatch(ch -> ch instanceof ChangeSpec.Migrate);
        if (!migrate) {
            out.add(na("P10", "no migration", "MIGSEC", "BULK"));
        } else {
            out.add(p10(req, r));
        }
        // P11
        boolean emccRelevant = c.emcc()
                && req.changes().stream()
                        .anyMatch(ch -> ch instanceof ChangeSpec.Regenerate g
                                        && g.what() != CertKind.TVS
                                        && g.what() != CertKind.CAPF
                                || ch instanceof ChangeSpec.EnableFips);
        if (!emccRelevant) {
            out.add(na("P11", c.emcc() ? "no CallManager/tomcat/ITLRecovery change" : "no EMCC", "SG125-CERT", "BULK"));
        } else {
            boolean ex = r.segs().stream().flatMap(s -> s.acts().stream()).anyMatch(a -> a.kind()
                    .equals("emcc-exchange"));
            out.add(new InvariantCheck(
                    "P11",
                    ex ? InvariantCheck.Status.OK : InvariantCheck.Status.WARN,
                    ex ? "EMCC bulk certificate exchange repeated" : "repeat the EMCC bulk certificate exchange",
                    List.of("SG125-CERT", "BULK")));
        }
        return out;
    }

    private static InvariantCheck p10(PlanRequest req, Run r) {
        World last = r.last();
        List<String> missing = new ArrayList<>();
        for (World.Node n : last.target.tftpNodes()) {
            String id = last.certId(last.target, n, CertKind.CALLMANAGER);
            if (!last.source.phoneSastTrust.contains(id) || !last.source.callManagerTrust.contains(id)) {
                missing.add("CallManager of " + n.name + " in Phone-SAST-trust and CallManager-trust");
            }
        }
        if (req.target().itlSignedByRecovery() && !last.source.phoneSastTrust.contains(last.recoveryId(last.target))) {
            missing.add("ITLRecovery of " + req.target().name() + " in Phone-SAST-trust (F-IMPORT-ITLRECOVERY)");
        }
        boolean rollback = r.segs().stream().flatMap(s -> s.acts().stream()).anyMatch(a -> a.kind()
                .equals("rollback-on"));
        if (rollback && req.cluster().mixed()) {
            return new InvariantCheck(
                    "P10",
                    InvariantCheck.Status.VIOLATED,
                    "secure (mixed-mode) clusters never use " + "the rollback ITL (S20)",
                    List.of("MIGSEC", "SG14"));
        }
        if (rollback) {
            return new InvariantCheck(
                    "P10",
                    InvariantCheck.Status.OK,
                    "rollback migration (non-secure); keep " + req.cluster().name()
                            + " reachable until every phone moved",
                    List.of("SG14", "MIGSEC"));
        }
        return new InvariantCheck(
                "P10",
                missing.isEmpty() ? InvariantCheck.Status.OK : InvariantCheck.Status.VIOLATED,
                missing.isEmpty()
                        ? "destination certificates imported into the source's stores, TVS restarted"
                        : "not imported into " + req.cluster().name() + ": " + String.join("; ", missing),
                List.of("MIGSEC", "BULK", "SG125-PHONE"));
    }

    private static String signerId(World w, World.Cluster c, World.Node n) {
        return c.signedByRecovery() ? w.recoveryId(c) : w.certId(c, n, CertKind.CALLMANAGER);
    }

    private static InvariantCheck na(String id, String why, String... source) {
        return new InvariantCheck(id, InvariantCheck.Status.NOT_APPLICABLE, why, List.of(source));
    }
}
