package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.audit.AuditClass;
import io.github.itl4j.audit.AuditClassifier;
import io.github.itl4j.audit.AuditLimits;
import io.github.itl4j.audit.AuditProblem;
import io.github.itl4j.audit.AuditSummary;
import io.github.itl4j.audit.Classification;
import io.github.itl4j.audit.KnownCatalogue;
import io.github.itl4j.audit.KnownFile;
import io.github.itl4j.audit.KnownLabel;
import io.github.itl4j.audit.PhoneReport;
import io.github.itl4j.audit.ReportFormatException;
import io.github.itl4j.audit.ReportProgress;
import io.github.itl4j.audit.ReportReaders;
import io.github.itl4j.audit.ReportSink;
import io.github.itl4j.audit.ReportedValue;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl audit}: which phones hold a stale ITL or CTL. Matches the hashes phones report (CSV exports, DeviceTLInfo
 * alarms in SIP text, console logs or CUCM traces) against the lists CUCM served (docs/audit.md, library
 * {@link AuditClassifier}), and prints a summary per TFTP node and class with the phones of each class;
 * {@code --csv} writes the per-phone table (streamed: memory does not grow with the number of phones),
 * {@code --json} the itl4j envelope (schema {@code schemas/audit.schema.json}), {@code --html} a self-contained page.
 * Exits 0 when every phone is CURRENT or EQUIVALENT, 1 otherwise, 2 on a usage error, 3 when an input is not a phone
 * report or a known file/label is malformed, 4 when a file cannot be read or written.
 *
 * @since 0.1.0
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fleet hash audit: which phones hold a stale ITL/CTL. Matches the hashes phones report "
                    + "(REPORTS: CSV with a header row, or text holding DeviceTLInfo alarms: raw SIP, console logs, "
                    + "CUCM traces) against the known files (--known, --known-dir, --known-hash, --known-show-itl).",
            "Classes: CURRENT, CURRENT_OTHER_NODE, EQUIVALENT, STALE_RECOVERABLE, STALE_STRANDED (by trust "
                    + "simulation), FOREIGN, DIAGNOSTIC_FORM, UNKNOWN, NOT_INSTALLED, MALFORMED.",
            "Exits 0 when every phone is CURRENT or EQUIVALENT, 1 otherwise (with --expect-current also when no "
                    + "phone was read or a row was skipped), 2 on a usage error, 3 when an input is not a report or a "
                    + "known file is malformed, 4 when a file cannot be read or written."
        })
public final class AuditCommand implements Callable<Integer> {
    /** The per-phone CSV columns (docs/audit.md, then kind, form and where). */
    static final List<String> CSV_COLUMNS = List.of(
            "device",
            "model",
            "tftp",
            "reported_itl",
            "algorithm",
            "class",
            "matched_label",
            "advice",
            "chain",
            "kind",
            "form",
            "source",
            "line");

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = "--known",
            paramLabel = "LABEL=FILE",
            description = "A file CUCM served (repeatable); LABEL is "
                    + "node:generation[:cluster], e.g. pub:current, pub:previous, pub:current:clusterB.")
    private List<String> known = new ArrayList<>();

    @Option(
            names = "--known-dir",
            paramLabel = "DIR",
            description =
                    "Known files laid out as NODE/GENERATION/FILE " + "or NODE/GENERATION/CLUSTER/FILE (repeatable).")
    private List<Path> knownDirs = new ArrayList<>();

    @Option(
            names = "--known-hash",
            paramLabel = "LABEL=HEX",
            description = "The hash of a known ITL without the " + "file, in any reported form (repeatable).")
    private List<String> knownHashes = new ArrayList<>();

    @Option(
            names = "--known-show-itl",
            paramLabel = "LABEL=FILE",
            description = "The MD5/SHA-1 checksums of a " + "'show itl' capture as a known file (repeatable).")
    private List<String> knownShowItl = new ArrayList<>();

    @Option(
            names = "--tvs",
            paramLabel = "DIR|CSV",
            description = "A TVS the phones can ask, for the simulation "
                    + "that tells STALE_RECOVERABLE from STALE_STRANDED (as itl simulate --tvs; repeatable).")
    private List<String> tvs = new ArrayList<>();

    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time of the simulations (a date, midnight UTC, or an ISO-8601 instant); the current "
                    + "time by default.")
    private String now;

    @Option(names = "--form", paramLabel = "csv|alarms", description = "The form of REPORTS (detected by default).")
    private String form;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "Write the per-phone table as CSV ('-' for standard " + "output).")
    private String csvOut;

    @Option(names = "--json", description = "Write one JSON document (the itl4j envelope) instead of text.")
    private boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Write a self-contained HTML page: the classes per "
                    + "node as a chart, and the phones that need action with their advice.")
    private String htmlOut;

    @Option(
            names = "--expect-current",
            description = "The gate check: exit 1 unless every phone is CURRENT or "
                    + "EQUIVALENT, at least one phone was read and no row was skipped.")
    private boolean expectCurrent;

    @Option(
            names = "--max-listed",
            paramLabel = "N",
            defaultValue = "50",
            description = "Phones listed per class in "
                    + "the text, JSON and HTML reports (the CSV has them all; default ${DEFAULT-VALUE}).")
    private int maxListed;

    @Option(
            names = "--no-progress",
            description = "Draw no progress bar (one is drawn on standard error while the "
                    + "reports are read, only on an interactive terminal).")
    private boolean noProgress;

    @Parameters(paramLabel = "REPORTS", arity = "1..*", description = "Phone reports ('-' for standard input).")
    private List<String> reports = new ArrayList<>();

    /**
     * Whether standard error is an interactive terminal (the progress bar is drawn only then): the console check of
     * {@code sign-config --fleet}, which also requires standard input and output to be the terminal; tests replace it.
     */
    static BooleanSupplier stderrTerminal = () -> PasswordOptions.interactiveConsole() != null;

    /** Creates the command; picocli fills in the options. */
    public AuditCommand() {}

    /** Where an input came from, for the JSON envelope. */
    record InputRef(String role, String path) {}

    @Override
    public Integer call() throws Exception {
        if (maxListed < 0) {
            throw CliException.usage("--max-listed must be >= 0");
        }
        ReportReaders.Form f = form();
        List<InputRef> inputs = new ArrayList<>();
        KnownCatalogue catalogue = catalogue(inputs);
        if (catalogue.files().isEmpty()) {
            throw CliException.usage("no known files: give --known, --known-dir, --known-hash or --known-show-itl");
        }
        Instant at = instant();
        TrustSimulator sim =
                TrustSimulator.builder().tvs(tvsEnvironment(inputs)).build();
        AuditClassifier classifier = new AuditClassifier(catalogue, sim, at);
        AuditSummary summary = new AuditSummary(maxListed, AuditLimits.DEFAULT_MAX_PROBLEMS);
        for (String c : catalogue.problems()) {
            summary.problem(new AuditProblem("--known-dir", 0, c));
        }
        boolean csvToStdout = Inputs.STDIO.equals(csvOut);
        if (csvToStdout && json) {
            throw CliException.usage("--csv - and --json both write to standard output: give --csv a file");
        }
        Path csvTarget = csvOut == null || csvToStdout ? null : Path.of(csvOut);
        Path csvTmp =
                csvTarget == null ? null : Files.createTempFile(absoluteParent(csvTarget), ".itl-audit-", ".csv.tmp");
        try {
            Writer w = csvTmp != null
                    ? Files.newBufferedWriter(csvTmp, StandardCharsets.UTF_8)
                    : csvToStdout
                            ? new BufferedWriter(new OutputStreamWriter(cli.binaryOut(), StandardCharsets.UTF_8))
                            : null;
            try (CSVPrinter csv = w == null
                    ? null
                    : new CSVPrinter(
                            w,
                            CSVFormat.RFC4180
                                    .builder()
                                    .setHeader(CSV_COLUMNS.toArray(String[]::new))
                                    .get())) {
                ReadProgressBar bar = noProgress || !stderrTerminal.getAsBoolean()
                        ? null
                        : new ReadProgressBar(cli.err(), totalSize());
                try {
                    for (String r : reports) {
                        inputs.add(new InputRef("report", r));
                        readReport(r, f, classifier, summary, csv, bar == null ? ReportProgress.NONE : bar);
                        if (bar != null) {
                            bar.nextInput();
                        }
                    }
                } finally {
                    if (bar != null) {
                        bar.finish();
                    }
                }
                if (csv != null) {
                    csv.flush();
                }
            }
            if (csvTmp != null) {
                if (Files.getFileStore(csvTmp).supportsFileAttributeView("posix")) {
                    // the temporary file is private; the table is not a secret
                    Files.setPosixFilePermissions(
                            csvTmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(csvTmp, csvTarget, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                csvTmp = null;
            }
        } finally {
            if (csvTmp != null) {
                Files.deleteIfExists(csvTmp);
            }
        }
        String verdict = verdict(summary);
        if (htmlOut != null) {
            Outputs.write(htmlOut, Bytes.utf8(AuditHtml.page(summary, catalogue, verdict, maxListed)), cli);
        }
        if (json) {
            writeJson(summary, catalogue, inputs, verdict);
        } else if (!csvToStdout) {
            text(cli.out(), summary, verdict);
        }
        boolean pass = summary.allCurrent() && (!expectCurrent || summary.problemCount() == 0);
        return pass ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static Path absoluteParent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private ReportReaders.Form form() throws CliException {
        if (form == null) {
            return null;
        }
        return switch (form.toLowerCase(Locale.ROOT)) {
            case "csv" -> ReportReaders.Form.CSV;
            case "alarms", "devicetlinfo" -> ReportReaders.Form.DEVICE_TL_INFO;
            default -> throw CliException.usage("--form " + form + ": expected csv or alarms");
        };
    }

    private Instant instant() throws CliException {
        if (now == null) {
            return Instant.now();
        }
        return Converters.now(now, "--now");
    }

    private static String[] labelled(String arg, String option) throws CliException {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw CliException.usage(option + " " + arg + ": expected LABEL=VALUE, e.g. pub:current=ITLFile.tlv");
        }
        return new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
    }

    private static KnownLabel label(String text, String option) throws CliException {
        try {
            return KnownLabel.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(option + ": " + e.getMessage());
        }
    }

    private KnownCatalogue catalogue(List<InputRef> inputs) throws CliException, IOException {
        KnownCatalogue.Builder b = KnownCatalogue.builder();
        for (String k : known) {
            String[] lv = labelled(k, "--known");
            inputs.add(new InputRef("known", lv[1]));
            b.addFile(label(lv[0], "--known"), Path.of(lv[1]));
        }
        for (Path d : knownDirs) {
            inputs.add(new InputRef("known-dir", d.toString()));
            b.addDirectory(d);
        }
        for (String h : knownHashes) {
            String[] lv = labelled(h, "--known-hash");
            try {
                b.addHash(label(lv[0], "--known-hash"), FileKind.ITL, lv[1], "--known-hash " + lv[0]);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--known-hash " + h + ": " + e.getMessage());
            }
        }
        for (String s : knownShowItl) {
            String[] lv = labelled(s, "--known-show-itl");
            inputs.add(new InputRef("known-show-itl", lv[1]));
            Path p = Path.of(lv[1]);
            Bytes text = Inputs.readBounded(Files.newInputStream(p), 4L * 1024 * 1024);
            try {
                b.addShowItl(
                        label(lv[0], "--known-show-itl"),
                        new String(text.toByteArray(), StandardCharsets.UTF_8),
                        lv[1]);
            } catch (IllegalArgumentException e) {
                throw CliException.input("--known-show-itl " + e.getMessage());
            }
        }
        KnownCatalogue c = b.build();
        for (KnownFile f : c.files()) {
            if (f.parseError().isPresent() && f.size() >= 0) {
                throw CliException.input("known file " + f.name() + " (" + f.label() + "): "
                        + f.parseError().get());
            }
        }
        return c;
    }

    private TvsEnvironment tvsEnvironment(List<InputRef> inputs) throws CliException, IOException {
        TvsEnvironment e = TvsEnvironment.none();
        for (String t : tvs) {
            Path p = Path.of(t);
            inputs.add(new InputRef("tvs", t));
            try {
                e = e.plus(Files.isDirectory(p) ? TvsEnvironment.fromDirectory(p) : TvsEnvironment.fromSqlExport(p));
            } catch (NoSuchFileException ex) {
                throw new CliException(ExitCodes.IO, "--tvs " + t + ": no such file or directory", ex);
            } catch (IOException ex) {
                throw new CliException(ExitCodes.INPUT, "--tvs " + t + ": " + ex.getMessage(), ex);
            }
        }
        return e;
    }

    /** @return the size of all reports, or -1 when one has no known size (standard input, a pipe) */
    private long totalSize() {
        long total = 0;
        for (String r : reports) {
            Path p = Inputs.STDIO.equals(r) ? null : Path.of(r);
            if (p == null || !Files.isRegularFile(p)) {
                return -1;
            }
            try {
                total += Files.size(p);
            } catch (IOException e) {
                return -1; // reading it will say what is wrong
            }
        }
        return total;
    }

    private void readReport(
            String arg,
            ReportReaders.Form f,
            AuditClassifier classifier,
            AuditSummary summary,
            CSVPrinter csv,
            ReportProgress progress)
            throws IOException, CliException {
        String name = Inputs.displayName(arg);
        ReportSink sink = new ReportSink() {
            @Override
            public void report(PhoneReport report) {
                List<Classification> cs = classifier.classify(report);
                summary.add(cs);
                if (csv != null) {
                    try {
                        for (Classification c : cs) {
                            csv.printRecord(csvRow(c));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void problem(AuditProblem problem) {
                summary.problem(problem);
            }
        };
        try (InputStream in = Inputs.STDIO.equals(arg) ? cli.stdin() : Files.newInputStream(Path.of(arg))) {
            ReportReaders.read(in, name, f, AuditLimits.defaults(), sink, progress);
        } catch (ReportFormatException e) {
            throw new CliException(ExitCodes.INPUT, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<String> csvRow(Classification c) {
        PhoneReport r = c.report();
        ReportedValue v = c.value();
        return List.of(
                r.device(),
                r.model(),
                c.kind() == FileKind.CTL ? r.ctlTftp() : r.itlTftp(),
                v.isDigest() ? v.hex() : v.raw().strip(),
                ReportedValue.name(v.algorithm()),
                c.auditClass().name(),
                c.matchedLabel().map(KnownLabel::toString).orElse(""),
                c.advice(),
                String.join(" ", c.chain()),
                c.kind().name(),
                c.hit() == null ? "" : c.hit().form(),
                r.source(),
                Long.toString(r.line()));
    }

    static String verdict(AuditSummary s) {
        if (s.phones() == 0) {
            return "NO_PHONES";
        }
        return s.allCurrent() ? "ALL_CURRENT" : "NOT_CURRENT";
    }

    static String percent(long n, long total) {
        return total == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }

    private void text(PrintWriter out, AuditSummary s, String verdict) {
        out.println("itl audit: " + s.phones() + " phone" + (s.phones() == 1 ? "" : "s") + " from " + reports.size()
                + " report" + (reports.size() == 1 ? "" : "s") + ", " + s.problemCount() + " problem"
                + (s.problemCount() == 1 ? "" : "s"));
        for (FileKind k : s.kinds()) {
            EnumMap<AuditClass, Long> total = s.total(k);
            long all = total.values().stream().mapToLong(Long::longValue).sum();
            out.println();
            out.println(k + " by TFTP node:");
            for (Map.Entry<String, EnumMap<AuditClass, Long>> e : s.byNode(k).entrySet()) {
                long n = e.getValue().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                List<String> parts = new ArrayList<>();
                e.getValue().forEach((c, v) -> parts.add(c + " " + v + " (" + percent(v, n) + ")"));
                out.println("  " + e.getKey() + ": " + n + " phone" + (n == 1 ? "" : "s") + ": "
                        + String.join(", ", parts));
            }
            out.println(k + " by class:");
            for (Map.Entry<AuditClass, Long> e : total.entrySet()) {
                AuditClass c = e.getKey();
                out.println("  " + c + ": " + e.getValue() + " (" + percent(e.getValue(), all) + ")"
                        + (c.advice().isEmpty() ? "" : ": " + c.advice()));
                List<Classification> listed = s.listed(k, c);
                for (Classification x : listed) {
                    PhoneReport r = x.report();
                    StringBuilder sb = new StringBuilder("    ").append(r.device());
                    sb.append(" (")
                            .append(x.node())
                            .append(", ")
                            .append(r.where())
                            .append(")");
                    x.matchedLabel().ifPresent(l -> sb.append(" matched ").append(l));
                    if (x.value().isDigest()) {
                        sb.append(" by ").append(ReportedValue.name(x.value().algorithm()));
                    }
                    String extra = !c.advice().isEmpty() && x.advice().startsWith(c.advice())
                            ? x.advice().substring(c.advice().length()).strip()
                            : x.advice();
                    if (!extra.isEmpty()) {
                        sb.append(": ").append(extra);
                    }
                    if (!x.chain().isEmpty() && !c.isOk()) {
                        sb.append(" [").append(String.join(" ", x.chain())).append("]");
                    }
                    out.println(sb);
                }
                if (e.getValue() > listed.size()) {
                    out.println("    ... and " + (e.getValue() - listed.size()) + " more (see --csv)");
                }
            }
        }
        if (s.problemCount() > 0) {
            out.println();
            out.println("Problems (rows skipped):");
            for (AuditProblem p : s.problems()) {
                out.println("  " + p);
            }
            if (s.problemCount() > s.problems().size()) {
                out.println("  ... and " + (s.problemCount() - s.problems().size()) + " more");
            }
        }
        out.println();
        out.println("Verdict: " + verdict);
        out.flush();
    }

    /** The JSON document: the envelope ({@link JsonDocument}) with the audit under {@code data}. */
    private void writeJson(AuditSummary s, KnownCatalogue catalogue, List<InputRef> inputs, String verdict)
            throws IOException {
        List<JsonDocument.Input> in = new ArrayList<>();
        for (InputRef i : inputs) {
            in.add(new JsonDocument.Input(i.role(), i.path()));
        }
        JsonDocument doc = JsonDocument.start(cli.binaryOut(), "audit", null, 0, in);
        JsonGenerator g = doc.generator();
        doc.verdict(verdict);
        g.writeObjectFieldStart("data");
        g.writeNumberField("phones", s.phones());
        g.writeNumberField("maxListed", maxListed);
        g.writeArrayFieldStart("summary");
        for (FileKind k : s.kinds()) {
            for (Map.Entry<String, EnumMap<AuditClass, Long>> e : s.byNode(k).entrySet()) {
                g.writeStartObject();
                g.writeStringField("kind", k.name());
                g.writeStringField("node", e.getKey());
                g.writeObjectFieldStart("counts");
                for (Map.Entry<AuditClass, Long> c : e.getValue().entrySet()) {
                    g.writeNumberField(c.getKey().name(), c.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("classes");
        for (FileKind k : s.kinds()) {
            long all = s.total(k).values().stream().mapToLong(Long::longValue).sum();
            for (Map.Entry<AuditClass, Long> e : s.total(k).entrySet()) {
                g.writeStartObject();
                g.writeStringField("kind", k.name());
                g.writeStringField("class", e.getKey().name());
                g.writeNumberField("count", e.getValue());
                g.writeNumberField("percent", all == 0 ? 0 : Math.round(1000.0 * e.getValue() / all) / 10.0);
                g.writeStringField("advice", e.getKey().advice());
                g.writeArrayFieldStart("phones");
                for (Classification c : s.listed(k, e.getKey())) {
                    List<String> row = csvRow(c);
                    g.writeStartObject();
                    for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                        String col = CSV_COLUMNS.get(i);
                        if (col.equals("chain")) {
                            g.writeArrayFieldStart("chain");
                            for (String x : c.chain()) {
                                g.writeString(x);
                            }
                            g.writeEndArray();
                        } else if (col.equals("line")) {
                            g.writeNumberField("line", c.report().line());
                        } else if (!col.equals("class") && !col.equals("kind")) {
                            g.writeStringField(col, row.get(i));
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("known");
        for (KnownFile f : catalogue.files()) {
            g.writeStartObject();
            g.writeStringField("label", f.label().toString());
            g.writeStringField("name", f.name());
            g.writeStringField("kind", f.kind().name());
            g.writeNumberField("size", f.size());
            if (f.recordDigest().isPresent()) {
                g.writeStringField("recordDigest", f.recordDigest().get());
            } else {
                g.writeNullField("recordDigest");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        for (AuditProblem p : s.problems()) {
            doc.problem(JsonDocument.Entry.of("ROW_SKIPPED", "WARNING", p.toString()));
        }
        doc.end();
    }
}
