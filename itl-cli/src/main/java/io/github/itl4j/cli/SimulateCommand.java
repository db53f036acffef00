package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.listing.ShowListing;
import io.github.itl4j.trust.Assumption;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.IdentityDecision;
import io.github.itl4j.trust.IdentityMode;
import io.github.itl4j.trust.IdentityVerdict;
import io.github.itl4j.trust.ListSkeleton;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationPolicy;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.SimulationWarning;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.TvsRoleMap;
import io.github.itl4j.trust.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itl simulate}: would a phone that holds these lists (and can reach these TVS) accept this file? Prints the
 * phone's reasoning rule by rule (docs/trust.md §6, library {@link TrustSimulator}), the assumptions, warnings
 * and fixes; {@code --json} writes the common envelope {@code {"tool","version","command","inputs","verdict","data",
 * "problems"}} ({@link SimulateJson}, schema {@code schemas/simulate.schema.json}). Exits 0 when every file
 * offered is accepted, 1 when one is rejected or not requested, 3 when an input is malformed (an offered file that
 * does not parse is reported as a REJECT with a PARSE rule, and exits 3).
 *
 * @since 0.1.0
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulate a phone's trust decision: would a phone that holds --phone-itl/--phone-ctl (and can "
                    + "reach the --tvs servers) accept OFFERED, by which rule, and what fixes it.",
            "OFFERED is an ITL or CTL (.tlv), a signed file (.sgn, .enc.sgn) or a plain configuration (.cnf.xml).",
            "Sequence mode: --then FILE offers more files, each to the phone state the previous one left (an "
                    + "accepted list is installed; the TVS cache persists); --advance DURATION before a --then moves the "
                    + "clock.",
            "Exits 0 when every file is accepted, 1 when one is rejected or not requested, 3 when an input is "
                    + "malformed."
        })
public final class SimulateCommand implements Callable<Integer> {
    /** The largest offered or installed file read. */
    static final long MAX_INPUT = 4L * 1024 * 1024;

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = "--phone-itl",
            paramLabel = "FILE",
            description = "The ITL the phone holds: a file, or what show itl printed (a pasted capture, detected by "
                    + "content: identity mode, the signature is not checked; docs/trust.md 3.7).")
    private String phoneItl;

    @Option(
            names = "--phone-ctl",
            paramLabel = "FILE",
            description = "The CTL the phone holds: a file, or a show ctl capture.")
    private String phoneCtl;

    @Option(
            names = "--phone-none",
            description = "The phone holds no trust list (the default without --phone-itl " + "and --phone-ctl).")
    private boolean phoneNone;

    @Option(
            names = "--tvs",
            paramLabel = "DIR|CSV",
            description = {
                "A TVS the phone can ask, in order (repeatable): "
                        + "a directory export (tvs.pem, own/, one folder per trust store, optional tvs.properties) or the CSV of "
                        + "the CUCM certificate SQL query (one TVS per server with a TVS row)."
            })
    private List<String> tvs = new ArrayList<>();

    @Option(
            names = "--tvs-unreachable",
            paramLabel = "LABEL",
            description = "Mark a TVS unreachable (repeatable); "
                    + "the label is the directory name, tvs.properties label=, or the server name of a CSV export.")
    private List<String> unreachable = new ArrayList<>();

    @Option(
            names = "--tvs-role-map",
            paramLabel = "FILE",
            description = "Override the TVS store-to-role mapping " + "(store=ROLE[,ROLE...] lines).")
    private Path roleMap;

    @Option(names = "--model", paramLabel = "MODEL", description = "The phone model, e.g. CP-7975 or 8865.")
    private String model;

    @Option(
            names = "--models",
            paramLabel = "FILE",
            description =
                    "Correct the model capability table " + "(models.properties format; its lines take precedence).")
    private Path models;

    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time of the simulation (a date, midnight UTC, or an ISO-8601 instant, e.g. "
                    + "2026-11-29T12:00:00Z); the current time by default.")
    private String now;

    @Option(
            names = "--encrypted",
            description = "The phone is configured for encrypted configuration files (it asks " + "for .enc.sgn).")
    private boolean encrypted;

    @Option(
            names = "--phone-key",
            paramLabel = "KEY.pem",
            description = "The phone's private key (PEM: an "
                    + "unencrypted PKCS#8 key alone, or a key with its certificate in the same file or in --phone-cert), to "
                    + "decrypt .enc.sgn files as the phone does.")
    private Path phoneKey;

    @Option(names = "--phone-cert", paramLabel = "CERT.pem", description = "The phone's certificate, for --phone-key.")
    private Path phoneCert;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Policy overrides (properties: "
                    + "acceptTftpRoleSigner, tofuRequiresSelfSignature, itlSignerFromItlWhenCtl, sha256, validity, "
                    + "tvsRoleCheck, tvsConfigRoles, unknownModelDigest); options below win over the file.")
    private Path policyFile;

    @Option(
            names = "--accept-tftp-signer",
            description = "Accept a new trust list signed by a TFTP/CCM+TFTP record "
                    + "of the phone's list (policy acceptTftpRoleSigner; default false).")
    private boolean acceptTftpSigner;

    @Option(
            names = "--tofu-strict",
            description = "A phone with no list refuses a first list whose own signature "
                    + "does not verify (policy tofuRequiresSelfSignature; default false).")
    private boolean tofuStrict;

    @Option(
            names = "--strict-validity",
            description = "Refuse when the anchor certificate is expired or not yet "
                    + "valid (policy validity=STRICT; default WARN).")
    private boolean strictValidity;

    @Option(
            names = "--tvs-roles",
            paramLabel = "lenient|strict",
            description = "Whether the roles a TVS returns must " + "include the required role (default strict).")
    private String tvsRoles;

    @Option(
            names = "--kind",
            paramLabel = "itl|ctl|sgn|enc|plain",
            description = "The kind of OFFERED (detected by " + "default).")
    private String kind;

    @Option(names = "--stop-on-reject", description = "In sequence mode, stop at the first file not accepted.")
    private boolean stopOnReject;

    @Mixin
    private JsonOptions json = new JsonOptions();

    @Parameters(index = "0", paramLabel = "OFFERED", description = "The file offered to the phone.")
    private String offered;

    @Option(
            names = "--then",
            paramLabel = "FILE",
            description = "Offer FILE next, to the phone state left by the " + "previous file (repeatable, in order).")
    private List<String> thenFiles = new ArrayList<>();

    @Option(
            names = "--advance",
            paramLabel = "DURATION",
            description = "Move the clock before the next --then " + "(e.g. 23h, 30m, 2d, 90s, or ISO-8601 PT23H).")
    private List<String> advances = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills in the options. */
    public SimulateCommand() {}

    /**
     * The time advance before each --then, from the order of the options on the command line (picocli collects each
     * option's values on its own).
     */
    private List<Duration> advancesBeforeThen() throws CliException {
        List<Duration> out = new ArrayList<>();
        Duration pending = Duration.ZERO;
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--advance") || a.startsWith("--advance=")) {
                String v = a.equals("--advance") ? (i + 1 < args.size() ? args.get(++i) : "") : a.substring(10);
                pending = pending.plus(duration(v));
            } else if (a.equals("--then") || a.startsWith("--then=")) {
                if (a.equals("--then")) {
                    i++;
                }
                out.add(pending);
                pending = Duration.ZERO;
            }
        }
        if (!pending.isZero() || advances.size() > 0 && thenFiles.isEmpty()) {
            throw CliException.usage("--advance must come before the --then it applies to");
        }
        return out;
    }

    static Duration duration(String d) throws CliException {
        String s = d.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration p = Duration.parse(d.trim().toUpperCase(Locale.ROOT));
            if (p.isNegative()) {
                throw CliException.usage("--advance cannot be negative: " + d);
            }
            return p;
        } catch (DateTimeParseException e) {
            throw CliException.usage("--advance '" + d + "' is not a duration (e.g. 23h, 30m, 2d, 90s, PT23H)");
        }
    }

    @Override
    public Integer call() throws Exception {
        // failures are thrown: ItlCli's exception handler reports them in one line with their exit code
        List<Duration> thenAdvance = advancesBeforeThen();
        if (phoneNone && (phoneItl != null || phoneCtl != null)) {
            throw CliException.usage("--phone-none conflicts with --phone-itl/--phone-ctl");
        }
        List<JsonDocument.Input> inputs = new ArrayList<>();
        FileKind forced = kind();
        Installed itlIn = phoneItl == null ? null : installed(phoneItl, "--phone-itl");
        Installed ctlIn = phoneCtl == null ? null : installed(phoneCtl, "--phone-ctl");
        if (itlIn != null && itlIn.file() == null || ctlIn != null && ctlIn.file() == null) {
            return identityMode(itlIn, ctlIn, forced, inputs);
        }
        TrustSimulator sim = TrustSimulator.builder()
                .phone(phone(inputs, itlIn, ctlIn))
                .tvs(tvsEnvironment(inputs))
                .policy(policy(inputs))
                .models(modelTable(inputs))
                .build();
        List<TrustSimulator.Step> steps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add(offered);
        List<Duration> adv = new ArrayList<>();
        adv.add(Duration.ZERO);
        names.addAll(thenFiles);
        adv.addAll(thenAdvance);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Inputs.Input in = Inputs.read(name, cli.stdin(), MAX_INPUT);
            inputs.add(new JsonDocument.Input(i == 0 ? "offered" : "then", Inputs.displayName(name)));
            if ((i > 0 || forced == null) && Captures.sniff(in.data()).isPresent()) {
                throw CliException.input(Inputs.displayName(name) + ": a show itl capture cannot be offered; offer"
                        + " the file itself (a capture is accepted as --phone-itl/--phone-ctl, and by itl diff)");
            }
            OfferedFile o =
                    OfferedFile.read(Inputs.displayName(name), in.data(), ItlLimits.defaults(), i == 0 ? forced : null);
            steps.add(new TrustSimulator.Step(o, adv.get(i)));
        }
        List<SimulationResult> results = sim.sequence(steps, stopOnReject);
        int code = ExitCodes.OK;
        for (SimulationResult r : results) {
            if (r.decisive().rule().equals("PARSE") && r.offered().parseError().isPresent()) {
                code = Math.max(code, ExitCodes.INPUT);
            } else if (!r.verdict().isAccepted()) {
                code = Math.max(code, ExitCodes.CHECK_FAILED);
            }
        }
        if (json.given()) {
            SimulateJson.write(cli.binaryOut(), results, inputs);
        } else {
            PrintWriter out = cli.out();
            for (int i = 0; i < results.size(); i++) {
                text(out, results.get(i), i, results.size());
            }
            out.flush();
        }
        return code;
    }

    private FileKind kind() throws CliException {
        if (kind == null) {
            return null;
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "itl" -> FileKind.ITL;
            case "ctl" -> FileKind.CTL;
            case "sgn" -> FileKind.SGN;
            case "enc", "enc.sgn", "enc_sgn" -> FileKind.ENC_SGN;
            case "plain" -> FileKind.PLAIN;
            default -> throw CliException.usage("--kind " + kind + ": expected itl, ctl, sgn, enc or plain");
        };
    }

    private PhoneState phone(List<JsonDocument.Input> inputs, Installed itlIn, Installed ctlIn)
            throws CliException, IOException {
        PhoneState p = PhoneState.none();
        if (now != null) {
            p = p.at(Converters.now(now, "--now"));
        }
        if (phoneItl != null) {
            p = p.withItl(itlIn.file(), phoneItl);
            inputs.add(new JsonDocument.Input("installed-itl", phoneItl));
        }
        if (phoneCtl != null) {
            p = p.withCtl(ctlIn.file(), phoneCtl);
            inputs.add(new JsonDocument.Input("installed-ctl", phoneCtl));
        }
        if (model != null) {
            p = p.model(model);
        }
        p = p.encryptedConfig(encrypted);
        if (phoneKey != null) {
            inputs.add(new JsonDocument.Input("phone-key", phoneKey.toString()));
            try {
                java.security.PrivateKey alone = phoneCert == null ? pkcs8Only(phoneKey) : null;
                p = p.withPhoneKey(
                        alone != null
                                ? alone
                                : phoneCert != null
                                        ? KeyLoader.defaults()
                                                .pem(phoneCert, phoneKey, null)
                                                .privateKey()
                                        : KeyLoader.defaults()
                                                .pem(phoneKey, null)
                                                .privateKey());
            } catch (KeyLoadException e) {
                int c = e.reason() == KeyLoadException.Reason.IO_ERROR ? ExitCodes.IO : ExitCodes.INPUT;
                throw new CliException(
                        c,
                        "--phone-key " + phoneKey + ": " + e.getMessage() + " (an unencrypted "
                                + "PEM key with its certificate, in the file or in --phone-cert)",
                        e);
            }
        }
        return p;
    }

    /**
     * An unencrypted PKCS#8 private key alone in a PEM file (no certificate), as a phone key usually is.
     *
     * @return the key, or null if the file is not exactly that (then {@link KeyLoader} reads it with its certificate)
     */
    static java.security.PrivateKey pkcs8Only(Path file) throws CliException, IOException {
        if (Files.size(file) > KeyLoader.DEFAULT_MAX_FILE_SIZE) {
            throw CliException.input(
                    "--phone-key " + file + ": larger than " + KeyLoader.DEFAULT_MAX_FILE_SIZE + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b || text.contains("CERTIFICATE-----")) {
            return null;
        }
        byte[] der;
        try {
            der = java.util.Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new CliException(ExitCodes.INPUT, "--phone-key " + file + ": malformed PEM: " + ex.getMessage(), ex);
        }
        for (String alg : List.of("RSA", "EC")) {
            try {
                return java.security.KeyFactory.getInstance(alg)
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException ex) {
                // try the next algorithm
            }
        }
        throw CliException.input("--phone-key " + file + ": not an RSA or EC PKCS#8 private key");
    }

    /** A list the phone holds: a file, or a {@code show itl}/{@code show ctl} capture (then {@code file} is null). */
    private record Installed(String arg, ItlFile file, ListSkeleton skeleton) {}

    private Installed installed(String arg, String option) throws CliException, IOException {
        if (Inputs.STDIO.equals(arg)) {
            throw CliException.usage(option + " needs a file, not standard input");
        }
        Inputs.Input in = Inputs.read(arg, InputStream.nullInputStream(), MAX_INPUT);
        Optional<ShowListing> capture = Captures.sniff(in.data());
        if (capture.isPresent()) {
            return new Installed(arg, null, ListSkeleton.of(capture.get(), arg));
        }
        try {
            return new Installed(arg, ItlReader.defaults().readTrustList(in.data()), null);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.INPUT,
                    option + " " + arg + ": " + e.getMessage() + " (nor a show itl/show ctl capture)",
                    e);
        }
    }

    /**
     * Identity mode (docs/trust.md, "Captures"): the phone holds a list known from a {@code show itl} capture, so the
     * offered file's signer is looked up by serial and issuer and no signature is checked ({@link IdentityMode}).
     * Options whose rules need bytes a capture lacks are refused with the reason.
     */
    private int identityMode(Installed itlIn, Installed ctlIn, FileKind forced, List<JsonDocument.Input> inputs)
            throws CliException, IOException {
        String why = " needs the installed list as a file: a show itl/show ctl capture holds no certificate or key";
        if (!thenFiles.isEmpty()) {
            throw new CliException(ExitCodes.INPUT, "--then (sequence mode)" + why);
        }
        if (phoneKey != null || phoneCert != null || encrypted) {
            throw new CliException(ExitCodes.INPUT, "--encrypted/--phone-key (.enc.sgn)" + why);
        }
        if (model != null) {
            throw new CliException(
                    ExitCodes.INPUT,
                    "--model: identity mode does not decide digest support (a capture does not print the digest);"
                            + " give the installed list as a file");
        }
        if (itlIn != null) {
            inputs.add(new JsonDocument.Input("installed-itl", phoneItl));
        }
        if (ctlIn != null) {
            inputs.add(new JsonDocument.Input("installed-ctl", phoneCtl));
        }
        boolean tvsGiven = !tvsEnvironment(inputs).isEmpty();
        SimulationPolicy pol = policy(inputs);
        Inputs.Input in = Inputs.read(offered, cli.stdin(), MAX_INPUT);
        inputs.add(new JsonDocument.Input("offered", Inputs.displayName(offered)));
        if (Captures.sniff(in.data()).isPresent()) {
            throw CliException.input(Inputs.displayName(offered) + ": a show itl capture cannot be offered; offer"
                    + " the file itself (itl diff compares two captures)");
        }
        OfferedFile o = OfferedFile.read(Inputs.displayName(offered), in.data(), ItlLimits.defaults(), forced);
        if (o.parseError().isPresent()) {
            throw CliException.input(o.name() + ": " + o.parseError().get());
        }
        IdentityMode.Offer offer;
        try {
            offer = IdentityMode.Offer.of(o);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.INPUT, o.name() + ": " + e.getMessage(), e);
        }
        ListSkeleton itl = itlIn == null ? null : skeleton(itlIn);
        ListSkeleton ctl = ctlIn == null ? null : skeleton(ctlIn);
        IdentityDecision d = IdentityMode.decide(itl, ctl, offer, tvsGiven, pol);
        if (json.given()) {
            Instant at = now == null ? Instant.now() : Converters.now(now, "--now");
            SimulateJson.writeIdentity(cli.binaryOut(), d, o, itl, ctl, at, inputs);
        } else {
            PrintWriter out = cli.out();
            out.println("itl simulate: " + d.verdict()
                    + (d.verdict() == IdentityVerdict.ACCEPT ? " (signature not checked)" : "") + "  offered "
                    + offeredText(o) + "  phone: " + skeletonText(itl, ctl) + "  [identity mode]");
            chainText(out, d.chain());
            warningsText(out, d.warnings());
            fixesText(out, d.fixes(), true);
            out.flush();
        }
        return d.verdict().isAccepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static ListSkeleton skeleton(Installed i) {
        return i.skeleton() != null ? i.skeleton() : ListSkeleton.of(i.file(), i.arg());
    }

    private static String skeletonText(ListSkeleton itl, ListSkeleton ctl) {
        List<String> parts = new ArrayList<>();
        for (ListSkeleton l : new ListSkeleton[] {itl, ctl}) {
            if (l != null) {
                parts.add(l.kind() + (l.isCapture() ? " capture " : " ") + l.name() + " ("
                        + l.withRole(Role.SAST).size() + " SAST" + (l.isRollback() ? ", rollback" : "") + ")");
            }
        }
        return String.join(" + ", parts);
    }

    private TvsEnvironment tvsEnvironment(List<JsonDocument.Input> inputs) throws CliException, IOException {
        TvsEnvironment e = TvsEnvironment.none();
        for (String t : tvs) {
            Path p = Path.of(t);
            inputs.add(new JsonDocument.Input("tvs", t));
            try {
                e = e.plus(Files.isDirectory(p) ? TvsEnvironment.fromDirectory(p) : TvsEnvironment.fromSqlExport(p));
            } catch (java.nio.file.NoSuchFileException ex) {
                throw new CliException(ExitCodes.IO, "--tvs " + t + ": no such file or directory", ex);
            } catch (IOException ex) {
                throw new CliException(ExitCodes.INPUT, "--tvs " + t + ": " + ex.getMessage(), ex);
            }
        }
        if (roleMap != null) {
            inputs.add(new JsonDocument.Input("tvs-role-map", roleMap.toString()));
            try {
                e = e.withRoleMap(TvsRoleMap.defaults().withOverrides(roleMap));
            } catch (IllegalArgumentException ex) {
                throw new CliException(ExitCodes.INPUT, "--tvs-role-map " + roleMap + ": " + ex.getMessage(), ex);
            }
        }
        for (String u : unreachable) {
            try {
                e = e.withUnreachable(u);
            } catch (IllegalArgumentException ex) {
                throw CliException.usage("--tvs-unreachable: " + ex.getMessage());
            }
        }
        return e;
    }

    private SimulationPolicy policy(List<JsonDocument.Input> inputs) throws CliException, IOException {
        SimulationPolicy p = SimulationPolicy.defaults();
        if (policyFile != null) {
            inputs.add(new JsonDocument.Input("policy", policyFile.toString()));
            if (Files.size(policyFile) > 64 * 1024) {
                throw CliException.input("--policy " + policyFile + ": larger than 64 KiB");
            }
            Properties props = new Properties();
            try (StringReader r = new StringReader(Files.readString(policyFile, StandardCharsets.UTF_8))) {
                props.load(r);
                p = SimulationPolicy.fromProperties(props);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.INPUT, "--policy " + policyFile + ": " + e.getMessage(), e);
            }
        }
        if (acceptTftpSigner) {
            p = p.acceptTftpRoleSigner(true);
        }
        if (tofuStrict) {
            p = p.tofuRequiresSelfSignature(true);
        }
        if (strictValidity) {
            p = p.validity(SimulationPolicy.Strictness.STRICT);
        }
        if (tvsRoles != null) {
            switch (tvsRoles.toLowerCase(Locale.ROOT)) {
                case "lenient" -> p = p.tvsRoleCheck(SimulationPolicy.RoleCheck.LENIENT);
                case "strict" -> p = p.tvsRoleCheck(SimulationPolicy.RoleCheck.STRICT);
                default -> throw CliException.usage("--tvs-roles " + tvsRoles + ": expected lenient or strict");
            }
        }
        return p;
    }

    private ModelTable modelTable(List<JsonDocument.Input> inputs) throws CliException, IOException {
        if (models == null) {
            return ModelTable.defaults();
        }
        inputs.add(new JsonDocument.Input("models", models.toString()));
        try {
            return ModelTable.defaults().withOverrides(models);
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CliException(ExitCodes.INPUT, "--models " + models + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ text

    static String sha1(Bytes b) {
        return Checksums.md5AndSha1(b).sha1().toHex();
    }

    private static String phoneText(PhoneState p) {
        List<String> parts = new ArrayList<>();
        p.itl()
                .ifPresent(f -> parts.add("ITL " + p.itlLabel().orElse("") + " (" + sast(f) + " SAST"
                        + (p.hasRollbackItl() ? ", rollback" : "") + ")"));
        p.ctl().ifPresent(f -> parts.add("CTL " + p.ctlLabel().orElse("") + " (" + sast(f) + " SAST)"));
        if (parts.isEmpty()) {
            parts.add("no trust list");
        }
        p.model().ifPresent(m -> parts.add(ModelTable.normalise(m)));
        long cached =
                p.cache().stream().filter(c -> p.now().isBefore(c.expires())).count();
        if (cached > 0) {
            parts.add(cached + " TVS-cached certificate" + (cached == 1 ? "" : "s"));
        }
        return String.join(" + ", parts);
    }

    private static int sast(ItlFile f) {
        int n = 0;
        for (ItlRecord r : f.records()) {
            if (r.role().map(Role.SAST::equals).orElse(false)) {
                n++;
            }
        }
        return n;
    }

    private static String offeredText(OfferedFile o) {
        String sha = sha1(o.data());
        return o.name() + " (" + o.kind().name().replace('_', '.') + ", " + o.size() + " bytes, SHA-1 "
                + sha.substring(0, Math.min(8, sha.length())) + "…)";
    }

    void text(PrintWriter out, SimulationResult r, int index, int count) {
        String step = count > 1 ? " [" + (index + 1) + "/" + count + "]" : "";
        out.println("itl simulate" + step + ": " + r.verdict() + "  offered " + offeredText(r.offered()) + "  phone: "
                + phoneText(r.phoneBefore())
                + (count > 1 ? " at " + r.phoneBefore().now() : ""));
        chainText(out, r.chain());
        r.requested()
                .filter(x -> r.verdict() == Verdict.NOT_REQUESTED)
                .ifPresent(x -> out.println("  the phone requests " + x + " instead"));
        warningsText(out, r.warnings());
        if (!r.assumptions().isEmpty()) {
            out.println("  assumptions:");
            for (Assumption a : r.assumptions()) {
                out.println("    " + a.key() + "=" + a.value() + " [" + a.confidence() + "] "
                        + String.join(", ", a.source()) + " (override: " + a.override() + ")");
            }
        }
        if (r.reliesOnWeakEvidence()) {
            out.println("  note: this verdict rests on a rule or default of low confidence ([L]/[U]/[P]) above");
        }
        fixesText(out, r.fixes(), true);
        if (!r.phoneAfter().equals(r.phoneBefore())) {
            out.println("  phone after: " + phoneText(r.phoneAfter()));
        }
    }

    /** The rule chain as {@code simulate} and {@code diff} print it: one rule a line. */
    static void chainText(PrintWriter out, List<RuleResult> chain) {
        for (RuleResult rr : chain) {
            out.printf(
                    Locale.ROOT,
                    "  %-6s %-7s %s  [%s] %s%n",
                    "[" + rr.outcome() + "]",
                    rr.rule(),
                    rr.detail(),
                    rr.confidence(),
                    String.join(", ", rr.source()));
        }
    }

    /** The warnings of a verdict, one a line. */
    static void warningsText(PrintWriter out, List<SimulationWarning> warnings) {
        for (SimulationWarning w : warnings) {
            out.println("  warning " + w.code() + ": " + w.detail());
        }
    }

    /** The fixes of a verdict: the first, then its alternatives; with their sources when {@code sources}. */
    static void fixesText(PrintWriter out, List<Fix> fixes, boolean sources) {
        for (int i = 0; i < fixes.size(); i++) {
            Fix f = fixes.get(i);
            out.println((i == 0 ? "  fix " : "      or ") + f.code().code() + ": " + f.text()
                    + (sources ? "  (" + String.join(", ", f.source()) + ")" : ""));
        }
    }
}
