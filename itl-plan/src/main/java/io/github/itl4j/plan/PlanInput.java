package io.github.itl4j.plan;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.trust.ModelTable;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads plan.yaml (or the same document as JSON) into a {@link PlanRequest} (docs/plan.md). YAML is parsed by
 * SnakeYAML with its safe constructor (plain maps, lists and scalars only), bounded size, nesting and aliases; JSON is
 * YAML's flow style, so both go through the same parser. Unknown keys are errors (they are usually typos), and every
 * error names the field path. Certificate paths are relative to the plan file's directory.
 *
 * <pre>
 * cluster:
 *   name: A
 *   version: "11.5"
 *   mode: non-secure            # non-secure | mixed
 *   phoneInteractionOnCertUpdate: auto-reset   # auto-reset | none
 *   nodes:
 *     - {name: pub, tftp: true, tvs: true, capf: true,
 *        callmanager: {cert: cluster/pub.pem, key: cluster/pub.key}, tvsCert: cluster/tvs.pem}
 * fleet:
 *   models: {CP-8865: 3900, CP-7975: 300}
 *   offline: 120
 * change:
 *   - regenerate: {what: CallManager, nodes: [pub]}
 * options: {order: safe, minHold: 5m, gate: audit, now: 2026-11-29T12:00:00Z}
 * </pre>
 *
 * @since 0.1.0
 */
public final class PlanInput {
    /** The largest plan document read (characters). */
    public static final int MAX_CHARS = 1 << 20;

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?.*");

    private final Path baseDir;
    private final Instant defaultNow;

    private PlanInput(Path baseDir, Instant defaultNow) {
        this.baseDir = baseDir;
        this.defaultNow = defaultNow;
    }

    /**
     * Parses a plan document.
     *
     * @param text the YAML or JSON text
     * @param baseDir the directory certificate paths are relative to
     * @param now the simulation time when the document sets no {@code options.now}
     * @return the request
     * @throws PlanException on malformed input, naming the field
     */
    public static PlanRequest parse(String text, Path baseDir, Instant now) throws PlanException {
        if (text.length() > MAX_CHARS) {
            throw new PlanException(
                    "", "plan document too large: " + text.length() + " characters (limit " + MAX_CHARS + ")");
        }
        LoaderOptions lo = new LoaderOptions();
        lo.setMaxAliasesForCollections(20);
        lo.setNestingDepthLimit(20);
        lo.setCodePointLimit(MAX_CHARS);
        lo.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(lo)).load(text);
        } catch (MarkedYAMLException e) {
            throw new PlanException(
                    "",
                    "not valid YAML/JSON at line " + (e.getProblemMark().getLine() + 1) + ", column "
                            + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new PlanException("", "not valid YAML/JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new PlanException(
                    "",
                    "expected a mapping with cluster:, change: (and fleet:, target:, options:), " + "found "
                            + kind(root));
        }
        return new PlanInput(baseDir, now).request(map(root, ""));
    }

    private PlanRequest request(Map<String, Object> m) throws PlanException {
        keys(m, "", "cluster", "fleet", "target", "change", "changes", "options");
        ClusterSpec cluster = cluster(map(req(m, "cluster", ""), "cluster"), "cluster");
        ClusterSpec target = null;
        if (m.get("target") != null) {
            Map<String, Object> t = map(m.get("target"), "target");
            target = t.containsKey("cluster")
                    ? cluster(map(t.get("cluster"), "target.cluster"), "target.cluster")
                    : cluster(t, "target");
        }
        FleetSpec fleet = fleet(m.get("fleet") == null ? Map.of() : map(m.get("fleet"), "fleet"), cluster);
        Object ch = m.containsKey("change") ? m.get("change") : m.get("changes");
        if (ch == null) {
            throw new PlanException(
                    "change", "missing: list the intended changes (e.g. - regenerate: {what: TVS, " + "nodes: [pub]})");
        }
        List<ChangeSpec> changes = new ArrayList<>();
        List<Object> list = ch instanceof List<?> l ? new ArrayList<>(l) : List.of(ch);
        for (int i = 0; i < list.size(); i++) {
            changes.add(change(list.get(i), "change[" + i + "]", cluster));
        }
        if (changes.isEmpty()) {
            throw new PlanException("change", "empty: nothing to plan");
        }
        PlanRequest.Options o = options(m.get("options") == null ? Map.of() : map(m.get("options"), "options"));
        return new PlanRequest(cluster, target, fleet, changes, o);
    }

    private ClusterSpec cluster(Map<String, Object> m, String at) throws PlanException {
        for (String k : List.of("served", "trustStores")) {
            if (m.containsKey(k)) {
                throw new PlanException(
                        at + "." + k,
                        "not read by this version: the planner models the served files "
                                + "and trust stores from the nodes' certificates (give them with their keys for real files, "
                                + "docs/plan.md)");
            }
        }
        keys(m, at, "name", "version", "mode", "phoneInteractionOnCertUpdate", "nodes", "emcc");
        String name = str(m.getOrDefault("name", ""), at + ".name");
        String version = str(req(m, "version", at), at + ".version");
        Matcher vm = VERSION.matcher(version);
        if (!vm.matches()) {
            throw new PlanException(
                    at + ".version", "expected a CUCM version like \"11.5\" or \"14\", found '" + version + "'");
        }
        int major = Integer.parseInt(vm.group(1));
        int minor = vm.group(2) == null ? 0 : Integer.parseInt(vm.group(2));
        if (major < 8 || major > 99) {
            throw new PlanException(at + ".version", "CUCM versions with ITLs start at 8.0, found " + version);
        }
        String mode = str(m.getOrDefault("mode", "non-secure"), at + ".mode").toLowerCase(Locale.ROOT);
        if (!mode.equals("non-secure") && !mode.equals("mixed")) {
            throw new PlanException(at + ".mode", "expected non-secure or mixed, found '" + mode + "'");
        }
        String pi =
                str(m.getOrDefault("phoneInteractionOnCertUpdate", "auto-reset"), at + ".phoneInteractionOnCertUpdate");
        if (!pi.equals("auto-reset") && !pi.equals("none")) {
            throw new PlanException(
                    at + ".phoneInteractionOnCertUpdate", "expected auto-reset or none, found '" + pi + "'");
        }
        boolean emcc = bool(m.getOrDefault("emcc", false), at + ".emcc");
        Object nodesObj = req(m, "nodes", at);
        if (!(nodesObj instanceof List<?> nl) || nl.isEmpty()) {
            throw new PlanException(at + ".nodes", "expected a non-empty list of nodes, publisher first");
        }
        List<ClusterSpec.NodeSpec> nodes = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < nl.size(); i++) {
            ClusterSpec.NodeSpec n = node(map(nl.get(i), at + ".nodes[" + i + "]"), at + ".nodes[" + i + "]");
            if (!names.add(n.name())) {
                throw new PlanException(at + ".nodes[" + i + "].name", "duplicate node name '" + n.name() + "'");
            }
            nodes.add(n);
        }
        return new ClusterSpec(name, major, minor, mode.equals("mixed"), pi.equals("auto-reset"), emcc, nodes);
    }

    private ClusterSpec.NodeSpec node(Map<String, Object> m, String at) throws PlanException {
        keys(m, at, "name", "tftp", "tvs", "capf", "callmanager", "tvsCert", "itlRecovery", "capfCert", "keyBits");
        String name = str(req(m, "name", at), at + ".name");
        if (name.isBlank() || name.contains("/")) {
            throw new PlanException(at + ".name", "expected a host name, found '" + name + "'");
        }
        boolean tftp = bool(m.getOrDefault("tftp", true), at + ".tftp");
        boolean tvs = bool(m.getOrDefault("tvs", true), at + ".tvs");
        Map<CertKind, Integer> bits = new EnumMap<>(CertKind.class);
        if (m.get("keyBits") != null) {
            Map<String, Object> kb = map(m.get("keyBits"), at + ".keyBits");
            for (Map.Entry<String, Object> e : kb.entrySet()) {
                CertKind k = CertKind.parse(e.getKey());
                if (k == null) {
                    throw new PlanException(at + ".keyBits." + e.getKey(), "unknown certificate");
                }
                bits.put(k, integer(e.getValue(), at + ".keyBits." + e.getKey()));
            }
        }
        Map<CertKind, ClusterSpec.CertSource> certs = new EnumMap<>(CertKind.class);
        put(certs, CertKind.CALLMANAGER, m.get("callmanager"), at + ".callmanager", bits);
        put(certs, CertKind.TVS, m.get("tvsCert"), at + ".tvsCert", bits);
        put(certs, CertKind.ITLRECOVERY, m.get("itlRecovery"), at + ".itlRecovery", bits);
        put(certs, CertKind.CAPF, m.get("capfCert"), at + ".capfCert", bits);
        boolean capf;
        Object c = m.get("capf");
        if (c instanceof String) {
            put(certs, CertKind.CAPF, c, at + ".capf", bits);
            capf = true;
        } else {
            capf = c == null ? certs.containsKey(CertKind.CAPF) : bool(c, at + ".capf");
        }
        for (Map.Entry<CertKind, Integer> e : bits.entrySet()) {
            certs.putIfAbsent(e.getKey(), new ClusterSpec.CertSource(null, null, e.getValue()));
        }
        return new ClusterSpec.NodeSpec(name, tftp, tvs, capf, certs);
    }

    private void put(
            Map<CertKind, ClusterSpec.CertSource> certs, CertKind k, Object v, String at, Map<CertKind, Integer> bits)
            throws PlanException {
        if (v == null) {
            return;
        }
        certs.put(k, certSource(v, at, bits.getOrDefault(k, 0)));
    }

    private ClusterSpec.CertSource certSource(Object v, String at, int declaredBits) throws PlanException {
        try {
            if (v instanceof String s) {
                List<X509Certificate> l = KeyLoader.defaults().readCertificates(baseDir.resolve(s));
                if (l.isEmpty()) {
                    throw new PlanException(at, "no certificate in " + s);
                }
                return new ClusterSpec.CertSource(l.get(0), null, declaredBits);
            }
            Map<String, Object> m = map(v, at);
            keys(m, at, "cert", "key");
            String cert = str(req(m, "cert", at), at + ".cert");
            if (m.get("key") == null) {
                return certSource(cert, at, declaredBits);
            }
            String key = str(m.get("key"), at + ".key");
            var sk = KeyLoader.defaults().pem(baseDir.resolve(cert), baseDir.resolve(key), null);
            return new ClusterSpec.CertSource(sk.certificate(), sk, declaredBits);
        } catch (KeyLoadException e) {
            throw new PlanException(at, "cannot load: " + e.getMessage(), e);
        }
    }

    private FleetSpec fleet(Map<String, Object> m, ClusterSpec cluster) throws PlanException {
        keys(m, "fleet", "audit", "offline", "models", "classes", "phones");
        if (m.get("audit") != null) {
            throw new PlanException(
                    "fleet.audit",
                    "audit files are not read directly: list the audit's phone "
                            + "classes under fleet.classes (name, count, holds: current|none|unknown)");
        }
        List<FleetSpec.PhoneClass> out = new ArrayList<>();
        if (m.get("classes") != null) {
            Object cl = m.get("classes");
            if (!(cl instanceof List<?> l)) {
                throw new PlanException("fleet.classes", "expected a list");
            }
            for (int i = 0; i < l.size(); i++) {
                String at = "fleet.classes[" + i + "]";
                Map<String, Object> c = map(l.get(i), at);
                keys(c, at, "name", "count", "model", "tftp", "holds", "offline");
                String holds =
                        str(c.getOrDefault("holds", "current"), at + ".holds").toUpperCase(Locale.ROOT);
                FleetSpec.Holds h;
                try {
                    h = FleetSpec.Holds.valueOf(holds);
                } catch (IllegalArgumentException e) {
                    throw new PlanException(at + ".holds", "expected current, none or unknown, found '" + holds + "'");
                }
                String tftp = c.get("tftp") == null ? null : str(c.get("tftp"), at + ".tftp");
                if (tftp != null && cluster.node(tftp).isEmpty()) {
                    throw new PlanException(at + ".tftp", "unknown node '" + tftp + "'");
                }
                out.add(new FleetSpec.PhoneClass(
                        str(req(c, "name", at), at + ".name"),
                        count(c.getOrDefault("count", 0), at + ".count"),
                        c.get("model") == null ? null : ModelTable.normalise(str(c.get("model"), at + ".model")),
                        tftp,
                        h,
                        bool(c.getOrDefault("offline", false), at + ".offline")));
            }
        }
        if (m.get("models") != null) {
            for (Map.Entry<String, Object> e :
                    map(m.get("models"), "fleet.models").entrySet()) {
                String model = ModelTable.normalise(e.getKey());
                out.add(new FleetSpec.PhoneClass(
                        model,
                        count(e.getValue(), "fleet.models." + e.getKey()),
                        model,
                        null,
                        FleetSpec.Holds.CURRENT,
                        false));
            }
        }
        if (out.stream().noneMatch(p -> !p.offline())) {
            int phones = m.get("phones") == null ? 0 : count(m.get("phones"), "fleet.phones");
            out.add(0, new FleetSpec.PhoneClass("current", phones, null, null, FleetSpec.Holds.CURRENT, false));
        }
        if (m.get("offline") != null) {
            int n = count(m.get("offline"), "fleet.offline");
            if (n > 0) {
                out.add(new FleetSpec.PhoneClass("offline", n, null, null, FleetSpec.Holds.CURRENT, true));
            }
        }
        return new FleetSpec(out);
    }

    private ChangeSpec change(Object o, String at, ClusterSpec cluster) throws PlanException {
        Map<String, Object> m = map(o, at);
        if (m.size() != 1) {
            throw new PlanException(
                    at,
                    "expected one of regenerate, replaceWithCaSigned, addNode, removeNode, "
                            + "setTftpSignatureAlgorithm, migrate, enableFips; found " + m.keySet());
        }
        Map.Entry<String, Object> e = m.entrySet().iterator().next();
        String k = e.getKey();
        String a = at + "." + k;
        switch (k) {
            case "regenerate", "replaceWithCaSigned" -> {
                Map<String, Object> r = map(e.getValue(), a);
                keys(r, a, "what", "nodes", "next");
                String what = str(req(r, "what", a), a + ".what");
                CertKind kind = CertKind.parse(what);
                if (kind == null) {
                    throw new PlanException(
                            a + ".what",
                            "expected CallManager, CallManager-ECDSA, TVS, ITLRecovery, " + "CAPF or tomcat, found '"
                                    + what + "'");
                }
                List<String> nodes =
                        r.get("nodes") == null ? defaultNodes(cluster, kind) : strings(r.get("nodes"), a + ".nodes");
                Map<String, ClusterSpec.CertSource> next = new LinkedHashMap<>();
                if (r.get("next") != null) {
                    for (Map.Entry<String, Object> n :
                            map(r.get("next"), a + ".next").entrySet()) {
                        next.put(n.getKey(), certSource(n.getValue(), a + ".next." + n.getKey(), 0));
                    }
                }
                return new ChangeSpec.Regenerate(kind, nodes, k.equals("replaceWithCaSigned"), next);
            }
            case "addNode" -> {
                Map<String, Object> r = map(e.getValue(), a);
                keys(r, a, "name", "tftp", "tvs");
                return new ChangeSpec.AddNode(
                        str(req(r, "name", a), a + ".name"),
                        bool(r.getOrDefault("tftp", true), a + ".tftp"),
                        bool(r.getOrDefault("tvs", true), a + ".tvs"));
            }
            case "removeNode" -> {
                Object v = e.getValue();
                String name = v instanceof Map<?, ?> ? str(req(map(v, a), "name", a), a + ".name") : str(v, a);
                return new ChangeSpec.RemoveNode(name);
            }
            case "setTftpSignatureAlgorithm" -> {
                String d = str(e.getValue(), a)
                        .toUpperCase(Locale.ROOT)
                        .replace("SHA", "SHA-")
                        .replace("--", "-");
                DigestAlgorithm alg =
                        switch (d) {
                            case "SHA-1" -> DigestAlgorithm.SHA1;
                            case "SHA-256" -> DigestAlgorithm.SHA256;
                            case "SHA-512" -> DigestAlgorithm.SHA512;
                            default -> throw new PlanException(
                                    a, "expected SHA-1, SHA-256 or SHA-512, found '" + e.getValue() + "'");
                        };
                return new ChangeSpec.SetTftpSignatureAlgorithm(alg);
            }
            case "migrate" -> {
                Map<String, Object> r = e.getValue() == null ? Map.of() : map(e.getValue(), a);
                keys(r, a, "method", "import");
                String method =
                        str(r.getOrDefault("method", "bulk"), a + ".method").toLowerCase(Locale.ROOT);
                if (!List.of("bulk", "manual", "rollback").contains(method)) {
                    throw new PlanException(a + ".method", "expected bulk, manual or rollback, found '" + method + "'");
                }
                List<CertKind> imports = new ArrayList<>();
                for (String s : r.get("import") == null
                        ? List.of("CallManager", "ITLRecovery")
                        : strings(r.get("import"), a + ".import")) {
                    CertKind ck = CertKind.parse(s);
                    if (ck != CertKind.CALLMANAGER && ck != CertKind.ITLRECOVERY) {
                        throw new PlanException(
                                a + ".import", "expected CallManager or ITLRecovery, found '" + s + "'");
                    }
                    imports.add(ck);
                }
                return new ChangeSpec.Migrate(method.equals("manual") ? "bulk" : method, imports);
            }
            case "enableFips" -> {
                Map<String, Object> r = e.getValue() == null ? Map.of() : map(e.getValue(), a);
                keys(r, a, "nodes");
                List<String> nodes = r.get("nodes") == null
                        ? cluster.nodes().stream()
                                .map(ClusterSpec.NodeSpec::name)
                                .toList()
                        : strings(r.get("nodes"), a + ".nodes");
                return new ChangeSpec.EnableFips(nodes);
            }
            default -> throw new PlanException(
                    at,
                    "unknown change '" + k + "' (expected regenerate, "
                            + "replaceWithCaSigned, addNode, removeNode, setTftpSignatureAlgorithm, migrate, enableFips)");
        }
    }

    private static List<String> defaultNodes(ClusterSpec c, CertKind k) {
        return c.nodes().stream()
                .filter(n -> switch (k) {
                    case CALLMANAGER -> n.tftp();
                    case TVS -> n.tvs();
                    default -> n == c.publisher();
                })
                .map(ClusterSpec.NodeSpec::name)
                .toList();
    }

    private PlanRequest.Options options(Map<String, Object> m) throws PlanException {
        keys(m, "options", "order", "minHold", "gate", "now");
        String order = str(m.getOrDefault("order", "safe"), "options.order");
        if (!order.equals("safe") && !order.equals("as-given")) {
            throw new PlanException("options.order", "expected safe or as-given, found '" + order + "'");
        }
        Duration hold = duration(str(m.getOrDefault("minHold", "5m"), "options.minHold"), "options.minHold");
        String gate = str(m.getOrDefault("gate", "audit"), "options.gate");
        PlanRequest.GateCheck g = null;
        for (PlanRequest.GateCheck c : PlanRequest.GateCheck.values()) {
            if (c.text().equals(gate)) {
                g = c;
            }
        }
        if (g == null) {
            throw new PlanException(
                    "options.gate", "expected itl-file-status, audit or registration, found '" + gate + "'");
        }
        Instant now = defaultNow;
        if (m.get("now") != null) {
            Object v = m.get("now");
            try {
                now = v instanceof java.util.Date d ? d.toInstant() : Instant.parse(str(v, "options.now"));
            } catch (DateTimeParseException e) {
                throw new PlanException(
                        "options.now", "expected an instant like 2026-11-29T12:00:00Z, found '" + v + "'");
            }
        }
        return new PlanRequest.Options(order.equals("as-given"), hold, g, now);
    }

    /**
     * @param s {@code 5m}, {@code 300s}, {@code 1h}, {@code 0s}
     * @param at the field
     * @return the duration
     * @throws PlanException when malformed
     */
    static Duration duration(String s, String at) throws PlanException {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw new PlanException(at, "expected a duration like 5m, 300s or 1h, found '" + s + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String at) throws PlanException {
        if (!(o instanceof Map<?, ?> m)) {
            throw new PlanException(at, "expected a mapping, found " + kind(o));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new PlanException(at, "keys must be strings, found " + kind(k));
            }
        }
        return (Map<String, Object>) m;
    }

    private static void keys(Map<String, Object> m, String at, String... allowed) throws PlanException {
        List<String> ok = List.of(allowed);
        for (String k : m.keySet()) {
            if (!ok.contains(k)) {
                throw new PlanException(at.isEmpty() ? k : at + "." + k, "unknown key (expected one of " + ok + ")");
            }
        }
    }

    private static Object req(Map<String, Object> m, String k, String at) throws PlanException {
        Object v = m.get(k);
        if (v == null) {
            throw new PlanException(at.isEmpty() ? k : at + "." + k, "missing");
        }
        return v;
    }

    private static String str(Object o, String at) throws PlanException {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Number || o instanceof Boolean) {
            return String.valueOf(o);
        }
        throw new PlanException(at, "expected a string, found " + kind(o));
    }

    private static boolean bool(Object o, String at) throws PlanException {
        if (o instanceof Boolean b) {
            return b;
        }
        throw new PlanException(at, "expected true or false, found " + kind(o));
    }

    private static int integer(Object o, String at) throws PlanException {
        if (o instanceof Integer i) {
            return i;
        }
        throw new PlanException(at, "expected an integer, found " + kind(o));
    }

    private static int count(Object o, String at) throws PlanException {
        int n = integer(o, at);
        if (n < 0 || n > 10_000_000) {
            throw new PlanException(at, "expected a phone count 0..10000000, found " + n);
        }
        return n;
    }

    private static List<String> strings(Object o, String at) throws PlanException {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(str(l.get(i), at + "[" + i + "]"));
            }
            return out;
        }
        out.add(str(o, at));
        return out;
    }

    private static String kind(Object o) {
        if (o == null) {
            return "nothing";
        }
        if (o instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof String s) {
            return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return "the value " + o;
    }
}
