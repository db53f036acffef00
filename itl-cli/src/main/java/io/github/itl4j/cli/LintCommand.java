package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.FileType;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.lint.Finding;
import io.github.itl4j.trust.lint.LintOptions;
import io.github.itl4j.trust.lint.LintReport;
import io.github.itl4j.trust.lint.LintRule;
import io.github.itl4j.trust.lint.LintSeverity;
import io.github.itl4j.trust.lint.Linter;
import io.github.itl4j.trust.lint.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl lint}: checks ITL/CTL trust lists for what phones will refuse before they refuse it (docs/lint.md,
 * library {@link Linter}): the verifier's checks and the rules L01 to L41 (for an {@code .enc.sgn}, the checks E02, E05,
 * E06, E07, E09 that need only the file), one line per finding
 * {@code FILE: Lnn SEVERITY [record k (ROLE CN)|header]: message  [source; confidence]}, then a summary line.
 * {@code --json} writes the common envelope {@code {"tool","version","command","inputs","verdict","data","problems"}}
 * (schema {@code schemas/lint.schema.json}). Exits 1 on any ERROR (or WARN with {@code --werror}), 3 when a file is
 * not a trust list.
 *
 * @since 0.1.0
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lint ITL/CTL trust lists: what phones will refuse, or what strands them later (size, SAST "
                    + "anchors, key sizes, digests, EC without signer version 1.1, expired or expiring certificates, "
                    + "TVS/TFTP records, rollback ITLs ...), rules L01 to L41 (docs/lint.md).",
            "An encrypted configuration (FILE.enc.sgn) gets the checks that need only the file: E02 KEYSIZE, "
                    + "E05 body not whole AES blocks, E06 FILENAME, E07 VERSION, E09 SHA-512.",
            "FILE may be a directory: its *.tlv and *.enc.sgn files are linted (not subdirectories; other files such "
                    + "as *.sgn are skipped). One line per finding, a summary at the end.",
            "Exits 0 when no file has an ERROR (or a WARN with --werror), 1 when one has, 3 when a file is not a "
                    + "trust list, 4 when one cannot be read."
        })
public final class LintCommand implements Callable<Integer> {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = "--profile",
            paramLabel = "cucm|usecallmanager",
            description = "The content expected: CUCM's "
                    + "(default) or usecallmanager's (no TVS, no TFTP role and a single SAST are normal).")
    private String profile = "cucm";

    @Option(
            names = "--models",
            paramLabel = "MODEL[,MODEL...]",
            split = ",",
            description = "The phone models in the "
                    + "fleet, e.g. CP-7975,CP-8865 (SHA-512 becomes an ERROR when one cannot verify it, L13).")
    private List<String> models = new ArrayList<>();

    @Option(
            names = "--model-table",
            paramLabel = "FILE",
            description =
                    "Correct the model capability table " + "(models.properties format; its lines take precedence).")
    private Path modelTable;

    @Option(names = "--fips", description = "The cluster runs in FIPS mode: RSA keys under 2048 bits are errors (L11).")
    private boolean fips;

    @Option(
            names = "--mode",
            paramLabel = "non-secure|mixed",
            description = "The cluster's security mode: the ITL's " + "TFTP record kind must agree (L38).")
    private String mode;

    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time certificate validity is judged at "
                    + "(2026-11-29 or 2026-11-29T12:00:00Z); the current time by default.")
    private String now;

    @Option(
            names = "--near-expiry",
            paramLabel = "DURATION",
            description = "Warn about certificates expiring within "
                    + "this window (L21, L41); default 60d, a policy default [P].")
    private String nearExpiry;

    @Option(
            names = "--disable",
            paramLabel = "RULE|CODE[,...]",
            split = ",",
            description = "Do not report these rules " + "(L10) or codes (SIGNER_ISSUER_MISMATCH).")
    private List<String> disable = new ArrayList<>();

    @Option(
            names = "--severity",
            paramLabel = "RULE|CODE=LEVEL",
            description = "Override a rule's or code's severity "
                    + "(error, warn, info, off), e.g. for a rule of low confidence [L]/[P] (repeatable).")
    private List<String> severity = new ArrayList<>();

    @Option(names = "--werror", description = "Fail (exit 1) on warnings too.")
    private boolean werror;

    @Option(names = "--json", description = "Write one JSON document (the itl4j envelope) instead of text.")
    private boolean json;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "ITL/CTL files, encrypted configurations (.enc.sgn) or directories of them (their *.tlv "
                    + "and *.enc.sgn files); - reads standard input.")
    private List<String> files;

    /** The reports of signed files ({@code .sgn}) that are not trust lists: their reason says so. */
    private final Set<LintReport> signedFiles = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** Creates the command; picocli fills in the options. */
    public LintCommand() {}

    /** One file that could not be read at all (missing, unreadable): reported, and the run goes on. */
    private record Failure(String path, int exitCode, String message) {}

    @Override
    public Integer call() throws Exception {
        LintOptions options = options();
        Linter linter = Linter.of(options);
        List<LintReport> reports = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int code = ExitCodes.OK;
        List<String> inputs = new ArrayList<>();
        for (String a : files) {
            try {
                inputs.addAll(expand(List.of(a)));
            } catch (CliException e) {
                // a directory that cannot be listed or holds no list is one unreadable input: the others are linted
                cli.out().flush();
                failures.add(new Failure(a, cli.fail(null, e), e.getMessage()));
                code = Math.max(code, e.exitCode());
            }
        }
        for (String arg : inputs) {
            String name = Inputs.displayName(arg);
            try {
                Inputs.Input in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
                LintReport r = linter.lint(name, in.data());
                if (r.malformed().isPresent() && r.kind().isEmpty() && FileType.detect(in.data()) == FileType.SIGNED) {
                    signedFiles.add(r);
                }
                reports.add(r);
                if (!json) {
                    text(cli.out(), r);
                }
                code = Math.max(
                        code,
                        r.malformed().isPresent()
                                ? ExitCodes.INPUT
                                : r.failed(werror) ? ExitCodes.CHECK_FAILED : ExitCodes.OK);
            } catch (ItlLimitException e) {
                cli.out().flush();
                CliException c = CliException.input(LimitOptions.message(e));
                failures.add(new Failure(name, cli.fail(name, c), c.getMessage()));
                code = Math.max(code, ExitCodes.INPUT);
            } catch (IOException e) {
                cli.out().flush();
                int c = cli.fail(name, e);
                failures.add(new Failure(name, c, ItlCli.oneLine(ItlCli.message(name, e))));
                code = Math.max(code, c);
            }
        }
        if (json) {
            writeJson(reports, failures, options, code);
        } else {
            summary(cli.out(), reports, failures, options);
            cli.out().flush();
        }
        return code;
    }

    /**
     * Directories become their {@code *.tlv} and {@code *.enc.sgn} files (names compared without regard to case; not
     * recursive), sorted; other arguments stay as they are.
     */
    static List<String> expand(List<String> args) throws CliException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            Path p = Inputs.STDIO.equals(a) ? null : Path.of(a);
            if (p != null && Files.isDirectory(p)) {
                Set<String> found = new TreeSet<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path f : ds) {
                        if (isLinted(f) && Files.isRegularFile(f)) {
                            found.add(f.toString());
                        }
                    }
                } catch (IOException e) {
                    throw new CliException(ExitCodes.IO, a + ": cannot list the directory: " + e.getMessage(), e);
                }
                if (found.isEmpty()) {
                    throw new CliException(ExitCodes.IO, a + ": the directory has no .tlv or .enc.sgn file");
                }
                out.addAll(found);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether a directory's file is linted: {@code *.tlv} (ITL, CTL) or {@code *.enc.sgn}. */
    private static boolean isLinted(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tlv") || n.endsWith(".enc.sgn");
    }

    private LintOptions options() throws CliException, IOException {
        LintOptions o = LintOptions.defaults().limits(limitOptions.limits());
        try {
            o = o.profile(Profile.parse(profile));
            if (mode != null) {
                o = o.mode(LintOptions.Mode.parse(mode));
            }
            if (now != null) {
                o = o.now(Converters.now(now, "--now"));
            }
            if (nearExpiry != null) {
                o = o.nearExpiry(nearExpiry(nearExpiry));
            }
            o = o.models(models.stream()
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList())
                    .fips(fips)
                    .disable(disable);
            for (String s : severity) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("--severity " + s + ": expected RULE=LEVEL (e.g. L10=info)");
                }
                o = o.severity(s.substring(0, eq), level(s, s.substring(eq + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (modelTable != null) {
            try {
                o = o.modelTable(ModelTable.defaults().withOverrides(modelTable));
            } catch (java.nio.file.NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "--model-table " + modelTable + ": " + e.getMessage(), e);
            }
        }
        return o;
    }

    /** @return {@code --near-expiry}'s window; a wrong value is a usage error that names the option */
    private static java.time.Duration nearExpiry(String v) throws CliException {
        try {
            return SimulateCommand.duration(v);
        } catch (CliException e) {
            throw CliException.usage(
                    "--near-expiry '" + v + "': expected a duration of 0 or more (e.g. 60d, 12h, 90s, P30D)");
        }
    }

    /** @return the LEVEL of {@code --severity RULE=LEVEL}; another word is a usage error that names the levels */
    private static LintSeverity level(String option, String v) throws CliException {
        try {
            return LintSeverity.parse(v);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--severity " + option + ": LEVEL is error, warn, info or off");
        }
    }

    /**
     * @return why a malformed file could not be read; a limit names the option that raises it, a signed file says what
     *     it is
     */
    private String why(LintReport r) {
        return r.limitExceeded().map(LimitOptions::message).orElseGet(() -> r.malformed()
                        .orElseThrow())
                + (signedFiles.contains(r)
                        ? " (a signed file (.sgn), not a trust list: lint reads ITL/CTL files and .enc.sgn; itl verify"
                                + " checks a .sgn)"
                        : "");
    }

    // ------------------------------------------------------------------ text

    private void text(PrintWriter out, LintReport r) {
        for (Finding f : r.findings()) {
            out.println(r.name() + ": " + f.text());
        }
        if (r.malformed().isPresent()) {
            out.println(r.name() + ": not a trust list (no rule ran but the size rules): " + why(r));
        } else if (r.findings().isEmpty()) {
            out.println(r.name() + ": no findings");
        }
        out.flush();
    }

    private void summary(PrintWriter out, List<LintReport> reports, List<Failure> failures, LintOptions o) {
        long e = 0;
        long w = 0;
        long i = 0;
        long bad = 0;
        Set<String> weak = new LinkedHashSet<>();
        boolean expiry = false;
        for (LintReport r : reports) {
            e += r.count(LintSeverity.ERROR);
            w += r.count(LintSeverity.WARN);
            i += r.count(LintSeverity.INFO);
            bad += r.malformed().isPresent() ? 1 : 0;
            for (Finding f : r.findings()) {
                Linter.rule(f.rule())
                        .filter(LintRule::isWeak)
                        .ifPresent(x -> weak.add(x.id() + " [" + x.confidence() + "]"));
                expiry |= f.rule().equals("L21") || f.rule().equals("L41");
            }
        }
        if (!weak.isEmpty()) {
            out.println("note: findings of rules with weak evidence: " + String.join(", ", weak)
                    + "; override with --severity RULE=LEVEL or --disable RULE");
        }
        if (expiry && nearExpiry == null) {
            out.println("note: near-expiry window 60 days is a policy default [P] (--near-expiry)");
        }
        out.println("lint: " + (reports.size() + failures.size()) + " file"
                + (reports.size() + failures.size() == 1 ? "" : "s") + ", " + e + " error" + (e == 1 ? "" : "s") + ", "
                + w + " warning" + (w == 1 ? "" : "s")
                + ", " + i + " info, " + (bad + failures.size()) + " unreadable (profile "
                + o.profile().option()
                + (o.fips() ? ", fips" : "") + ", now " + o.now() + ")");
    }

    // ------------------------------------------------------------------ JSON

    private void writeJson(List<LintReport> reports, List<Failure> failures, LintOptions o, int code)
            throws IOException {
        List<JsonDocument.Input> inputs = new ArrayList<>();
        for (LintReport r : reports) {
            inputs.add(new JsonDocument.Input("file", r.name()));
        }
        for (Failure f : failures) {
            inputs.add(new JsonDocument.Input("file", f.path()));
        }
        if (modelTable != null) {
            inputs.add(new JsonDocument.Input("model-table", modelTable.toString()));
        }
        JsonDocument doc = JsonDocument.start(cli.binaryOut(), "lint", null, 0, inputs);
        JsonGenerator g = doc.generator();
        doc.verdict(code == ExitCodes.OK ? "PASS" : code == ExitCodes.CHECK_FAILED ? "FAIL" : "UNREADABLE");
        g.writeObjectFieldStart("data");
        g.writeObjectFieldStart("options");
        g.writeStringField("profile", o.profile().option());
        g.writeArrayFieldStart("models");
        for (String m : o.models()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeBooleanField("fips", o.fips());
        g.writeStringField(
                "mode",
                o.mode()
                        .map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .orElse(null));
        g.writeStringField("now", o.now().toString());
        g.writeNumberField("nearExpiryDays", o.nearExpiry().toDays());
        g.writeBooleanField("werror", werror);
        g.writeArrayFieldStart("disabled");
        for (String d : new TreeSet<>(o.disabled())) {
            g.writeString(d);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("severities");
        for (Map.Entry<String, LintSeverity> e : o.severities().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().name());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("files");
        long[] n = new long[4];
        for (LintReport r : reports) {
            g.writeStartObject();
            g.writeStringField("path", r.name());
            g.writeStringField("kind", r.kind().map(Enum::name).orElse(null));
            g.writeNumberField("size", r.size());
            g.writeStringField("malformed", r.malformed().isPresent() ? why(r) : null);
            g.writeBooleanField("failed", r.failed(werror));
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule());
                g.writeStringField("code", f.code());
                g.writeStringField("severity", f.severity().name());
                g.writeObjectFieldStart("location");
                if (f.recordIndex() >= 0) {
                    g.writeNumberField("record", f.recordIndex() + 1);
                } else {
                    g.writeNullField("record");
                }
                if (f.offset() >= 0) {
                    g.writeNumberField("offset", f.offset());
                } else {
                    g.writeNullField("offset");
                }
                g.writeStringField("where", f.where());
                g.writeEndObject();
                g.writeStringField("message", f.message());
                g.writeObjectFieldStart("params");
                for (Map.Entry<String, String> p : f.params().entrySet()) {
                    g.writeStringField(p.getKey(), p.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("source");
                for (String s : f.source()) {
                    g.writeString(s);
                }
                g.writeEndArray();
                g.writeStringField("confidence", f.confidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            n[0] += r.count(LintSeverity.ERROR);
            n[1] += r.count(LintSeverity.WARN);
            n[2] += r.count(LintSeverity.INFO);
            n[3] += r.malformed().isPresent() ? 1 : 0;
        }
        g.writeEndArray();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", reports.size() + failures.size());
        g.writeNumberField("errors", n[0]);
        g.writeNumberField("warnings", n[1]);
        g.writeNumberField("info", n[2]);
        g.writeNumberField("unreadable", n[3] + failures.size());
        g.writeEndObject();
        g.writeEndObject();
        for (LintReport r : reports) {
            if (r.malformed().isPresent()) {
                doc.problem(JsonDocument.Entry.of("MALFORMED", "ERROR", r.name() + ": " + why(r)));
            }
        }
        for (Failure f : failures) {
            doc.problem(
                    JsonDocument.Entry.of(f.exitCode() == ExitCodes.INPUT ? "MALFORMED" : "IO", "ERROR", f.message()));
        }
        doc.end();
    }
}
