package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.listing.ShowListing;
import io.github.itl4j.trust.ListSkeleton;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationPolicy;
import io.github.itl4j.trust.SimulationWarning;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.diff.ChangeKind;
import io.github.itl4j.trust.diff.ContinuityVerdict;
import io.github.itl4j.trust.diff.Fact;
import io.github.itl4j.trust.diff.HeaderChange;
import io.github.itl4j.trust.diff.IdentityDiff;
import io.github.itl4j.trust.diff.ListDiff;
import io.github.itl4j.trust.diff.RecordChange;
import io.github.itl4j.trust.diff.TrustListDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl diff OLD NEW}: what changed between the trust list phones hold and the one now served (docs/lint.md,
 * library {@link TrustListDiff}): records aligned by certificate identity, header changes, derived facts, and the
 * continuity verdict of the trust simulator (would a phone holding OLD accept NEW). {@code --json} writes the common
 * envelope (schema {@code schemas/diff.schema.json}). Exits 0 when continuous, 1 when broken (or, with a capture,
 * unknown), 3 when a file is neither a trust list nor a capture, 4 when one cannot be read (an unreadable pair's code
 * takes precedence over a broken pair's 1). Two directories compare their {@code *.tlv} files of the same name (exit 4
 * when they share none, after naming the lists of each). A {@code show itl}/{@code show ctl} capture on either side is compared in identity mode
 * ({@link IdentityDiff}).
 *
 * @since 0.1.0
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare two versions of a trust list: records by certificate identity (UNCHANGED, REENCODED, "
                    + "ROTATED, ADDED, REMOVED, role changes), header changes, derived facts (pure re-sign, signer was a "
                    + "SAST, anchors kept, TVS changed with the signer ...) and the continuity verdict: would a phone "
                    + "holding OLD accept NEW (CONTINUOUS, CONTINUOUS_VIA_TVS, CONTINUOUS_ROLLBACK, BROKEN with the fix).",
            "OLD and NEW may be two directories: their .tlv files of the same name are compared, one pair after the "
                    + "other (a pair that cannot be read is reported and the rest still compared; a .tlv file of one directory "
                    + "only is named, not compared), then a summary line; without a common name nothing is compared.",
            "OLD, NEW or --phone-ctl may be what show itl/show ctl printed (a pasted capture, detected by content): "
                    + "records are then aligned by certificate identity and the verdict is decided in identity mode "
                    + "(no signature checked; UNKNOWN where a rule needs bytes a capture lacks; docs/trust.md 3.7).",
            "Exits 0 when every pair is continuous, 1 when one is broken or unknown, 3 when a file is neither a trust "
                    + "list nor a capture (4 when one cannot be read, or two directories share no .tlv file name); an "
                    + "unreadable pair's 3 or 4 takes precedence over a broken pair's 1."
        })
public final class DiffCommand implements Callable<Integer> {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = "--phone-ctl",
            paramLabel = "CTL",
            description = "The CTL the phones also hold (a file, or a show ctl capture).")
    private String phoneCtl;

    @Option(
            names = "--tvs",
            paramLabel = "DIR|CSV",
            description = "A TVS the phones can ask (repeatable; as itl "
                    + "simulate --tvs). Without one the verdict states \"TVS not considered\".")
    private List<String> tvs = new ArrayList<>();

    @Option(names = "--model", paramLabel = "MODEL", description = "The phone model, e.g. CP-7975 (digest support).")
    private String model;

    @Option(names = "--model-table", paramLabel = "FILE", description = "Correct the model capability table.")
    private Path modelTable;

    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time of the simulation (validity); the " + "current time by default.")
    private String now;

    @Option(names = "--json", description = "Write one JSON document (the itl4j envelope) instead of text.")
    private boolean json;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(
            index = "0",
            paramLabel = "OLD",
            description = "The list phones hold (or a directory, or a show itl capture).")
    private String oldArg;

    @Parameters(
            index = "1",
            paramLabel = "NEW",
            description = "The list now served (or a directory, or a show itl capture).")
    private String newArg;

    /** Creates the command; picocli fills in the options. */
    public DiffCommand() {}

    @Override
    public Integer call() throws Exception {
        List<String[]> pairs = pairs();
        List<Side[]> sides = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        boolean identity = false;
        for (String[] p : pairs) {
            Side a;
            Side b;
            try {
                a = read(p[0]);
                b = read(p[1]);
            } catch (CliException | IOException e) {
                if (pairs.size() == 1 && !json && !directories) {
                    throw e; // two plain files: the error alone, as every command
                }
                // a pair that cannot be read (malformed, or an I/O error such as a file without read permission):
                // reported, and the other pairs are still compared; with --json the document names it, even when
                // it is the only pair
                CliException c =
                        e instanceof CliException x ? x : new CliException(ExitCodes.IO, ItlCli.message(null, e), e);
                unreadable.add(new Unreadable(p, c));
                if (json) {
                    cli.fail(null, c); // the one-line error on standard error, as show --json and lint --json
                }
                continue;
            }
            sides.add(new Side[] {a, b});
            identity |= a.capture() || b.capture();
        }
        // two directories without a .tlv file of the same name: nothing to compare, but the lists of one directory
        // only are still named (text) or the document written (--json) before the failure (exit 4)
        CliException nothingCompared = pairs.isEmpty()
                ? new CliException(ExitCodes.IO, "no .tlv file of " + oldArg + " has a namesake in " + newArg)
                : null;
        Side ctl = phoneCtl == null || pairs.isEmpty() ? null : read(phoneCtl);
        identity |= ctl != null && ctl.capture();
        if (identity && model != null) {
            throw new CliException(
                    ExitCodes.INPUT,
                    "--model: a show itl capture does not print the digest algorithm, so identity mode does not"
                            + " decide digest support; give both lists as files");
        }
        TrustSimulator sim = identity || pairs.isEmpty() ? null : simulator(ctl);
        List<View> diffs = new ArrayList<>();
        int code = ExitCodes.OK;
        int broken = 0; // pairs whose continuity is BROKEN or UNKNOWN
        for (Side[] p : sides) {
            View d = identity
                    ? identityDiff(p[0], p[1], ctl)
                    : View.of(TrustListDiff.compare(p[0].file(), p[0].name(), p[1].file(), p[1].name(), sim));
            diffs.add(d);
            if (!d.diff().continuity().isContinuous()) {
                code = ExitCodes.CHECK_FAILED;
                broken++;
            }
            if (!json) {
                text(cli.out(), d);
            }
        }
        if (!unreadable.isEmpty()) {
            code = unreadable.get(0).error().exitCode();
        }
        if (nothingCompared != null) {
            code = nothingCompared.exitCode();
        }
        if (json) {
            writeJson(pairs.size(), broken, diffs, unreadable, nothingCompared);
            if (nothingCompared != null) {
                cli.out().flush();
                cli.fail(null, nothingCompared); // the one-line error on standard error, as for an unreadable pair
            }
        } else {
            for (Unreadable u : unreadable) {
                cli.out()
                        .println("itl diff " + Inputs.displayName(u.pair()[0]) + " " + Inputs.displayName(u.pair()[1]));
                cli.out().println("error    " + ShowFormat.clean(u.error().getMessage()));
            }
            for (String f : onlyInOld) {
                cli.out().println("only     " + f + " (no namesake in " + newArg + ", not compared)");
            }
            for (String f : onlyInNew) {
                cli.out().println("only     " + f + " (no namesake in " + oldArg + ", not compared)");
            }
            if (pairs.size() > 1 || directories) {
                cli.out()
                        .println("diff: " + pairs.size() + " pairs, " + broken + " broken"
                                + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " unreadable")
                                + (onlyInOld.isEmpty() ? "" : ", " + onlyInOld.size() + " only in OLD")
                                + (onlyInNew.isEmpty() ? "" : ", " + onlyInNew.size() + " only in NEW"));
            }
            if (nothingCompared != null) {
                cli.out().flush();
                throw nothingCompared;
            }
        }
        cli.out().flush();
        return code;
    }

    /** A pair (of several) that could not be read: its names and the failure. */
    private record Unreadable(String[] pair, CliException error) {}

    private View identityDiff(Side a, Side b, Side ctl) {
        ListSkeleton ctlSkeleton = ctl == null ? null : ctl.skeleton();
        return View.of(IdentityDiff.compare(
                a.skeleton(), b.skeleton(), ctlSkeleton, !tvs.isEmpty(), SimulationPolicy.defaults()));
    }

    /** Whether OLD and NEW are directories. */
    private boolean directories;

    /** With two directories: the {@code .tlv} files of OLD without a namesake in NEW, and the reverse (not compared). */
    private final List<String> onlyInOld = new ArrayList<>();

    private final List<String> onlyInNew = new ArrayList<>();

    private List<String[]> pairs() throws CliException {
        boolean da = !Inputs.STDIO.equals(oldArg) && Files.isDirectory(Path.of(oldArg));
        boolean db = !Inputs.STDIO.equals(newArg) && Files.isDirectory(Path.of(newArg));
        if (da != db) {
            throw CliException.usage("OLD and NEW must both be files or both be directories");
        }
        if (Inputs.STDIO.equals(oldArg) && Inputs.STDIO.equals(newArg)) {
            throw CliException.usage("only one of OLD and NEW can be standard input");
        }
        List<String[]> out = new ArrayList<>();
        if (!da) {
            out.add(new String[] {oldArg, newArg});
            return out;
        }
        directories = true;
        // trust lists only (*.tlv), paired by name; a list in one directory only is reported, not compared
        Set<String> olds = lists(oldArg);
        Set<String> news = lists(newArg);
        for (String f : olds) {
            if (news.contains(f)) {
                out.add(new String[] {
                    Path.of(oldArg).resolve(f).toString(),
                    Path.of(newArg).resolve(f).toString()
                });
            } else {
                onlyInOld.add(Path.of(oldArg).resolve(f).toString());
            }
        }
        for (String f : news) {
            if (!olds.contains(f)) {
                onlyInNew.add(Path.of(newArg).resolve(f).toString());
            }
        }
        return out; // empty when no name is in both: call() names the lists of one directory only, then fails
    }

    /** @return the names of a directory's regular {@code *.tlv} files, sorted */
    private static Set<String> lists(String dir) throws CliException {
        Set<String> found = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                if (n.toLowerCase(Locale.ROOT).endsWith(".tlv") && Files.isRegularFile(f)) {
                    found.add(n);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        return found;
    }

    /** One input: a trust list, or a {@code show itl}/{@code show ctl} capture (detected by content). */
    private record Side(String name, ItlFile file, ListSkeleton skeleton) {
        boolean capture() {
            return file == null;
        }
    }

    private Side read(String arg) throws CliException, IOException {
        String name = Inputs.displayName(arg);
        Inputs.Input in;
        try {
            in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
        } catch (ItlLimitException e) {
            throw new CliException(ExitCodes.INPUT, name + ": " + LimitOptions.message(e), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException(ExitCodes.IO, name + ": no such file", e);
        }
        Optional<ShowListing> capture = Captures.sniff(in.data());
        if (capture.isPresent()) {
            return new Side(name, null, ListSkeleton.of(capture.get(), name));
        }
        try {
            ItlFile f = limitOptions.reader().readTrustList(in.data());
            return new Side(name, f, ListSkeleton.of(f, name));
        } catch (ItlLimitException e) {
            throw new CliException(ExitCodes.INPUT, name + ": " + LimitOptions.message(e), e);
        } catch (io.github.itl4j.ItlException e) {
            throw new CliException(
                    ExitCodes.INPUT,
                    name + ": not a trust list (nor a show itl/show ctl capture): " + e.getMessage(),
                    e);
        }
    }

    private TrustSimulator simulator(Side ctl) throws CliException, IOException {
        PhoneState p = PhoneState.none();
        if (now != null) {
            p = p.at(Converters.now(now, "--now"));
        }
        if (model != null) {
            p = p.model(model);
        }
        if (ctl != null) {
            p = p.withCtl(ctl.file(), ctl.name());
        }
        TvsEnvironment env = TvsEnvironment.none();
        for (String t : tvs) {
            Path dir = Path.of(t);
            try {
                env = env.plus(
                        Files.isDirectory(dir) ? TvsEnvironment.fromDirectory(dir) : TvsEnvironment.fromSqlExport(dir));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CliException(ExitCodes.IO, "--tvs " + t + ": no such file or directory", e);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "--tvs " + t + ": " + e.getMessage(), e);
            }
        }
        ModelTable mt = ModelTable.defaults();
        if (modelTable != null) {
            try {
                mt = mt.withOverrides(modelTable);
            } catch (java.nio.file.NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "--model-table " + modelTable + ": " + e.getMessage(), e);
            }
        }
        return TrustSimulator.builder().phone(p).tvs(env).models(mt).build();
    }

    // ------------------------------------------------------------------ one view of both kinds of diff

    /** The signer and checksum of one side, as the text and JSON print them. */
    record ListInfo(
            String path,
            String sha1,
            long size,
            int records,
            String subject,
            String serial,
            String issuer,
            boolean capture) {
        static ListInfo of(String path, ItlFile f) {
            ItlHeader h = f.header();
            return new ListInfo(
                    path,
                    Checksums.md5AndSha1(f.encoded()).sha1().toHex(),
                    f.size(),
                    f.records().size(),
                    h.signerName().orElse(null),
                    h.serialNumber().map(Bytes::toHex).orElse(null),
                    h.caName().orElse(null),
                    false);
        }

        static ListInfo of(ListSkeleton s) {
            if (s.file().isPresent()) {
                return of(s.name(), s.file().get());
            }
            return new ListInfo(
                    s.name(),
                    s.sha1(),
                    s.size(),
                    s.records().size(),
                    s.signer().subject(),
                    s.signer().serial(),
                    s.signer().issuer(),
                    true);
        }
    }

    /**
     * A diff as the text and JSON print it: of two files ({@link TrustListDiff}, decided by the trust simulator), or
     * with a capture ({@link IdentityDiff}, decided in identity mode).
     */
    record View(
            ListInfo oldList,
            ListInfo newList,
            ListDiff diff,
            String simulation,
            RuleResult decisive,
            List<SimulationWarning> warnings,
            List<JsonDocument.Entry> problems,
            boolean identity) {
        static View of(TrustListDiff d) {
            List<JsonDocument.Entry> problems = new ArrayList<>();
            for (var p : d.simulation().problems()) {
                problems.add(JsonDocument.Entry.of(p.code(), p.severity().name(), p.message()));
            }
            return new View(
                    ListInfo.of(d.oldName(), d.oldList()),
                    ListInfo.of(d.newName(), d.newList()),
                    d,
                    d.simulation().verdict().name(),
                    d.simulation().decisive(),
                    d.simulation().warnings(),
                    problems,
                    false);
        }

        static View of(IdentityDiff d) {
            return new View(
                    ListInfo.of(d.oldList()),
                    ListInfo.of(d.newList()),
                    d,
                    d.decision().verdict().name(),
                    d.decision().decisive(),
                    d.decision().warnings(),
                    List.of(),
                    true);
        }

        boolean fact(String name) {
            return diff.facts().stream().anyMatch(f -> f.name().equals(name) && f.value());
        }
    }

    // ------------------------------------------------------------------ text

    static void text(PrintWriter out, View d) {
        out.println("itl diff " + d.oldList().path() + " " + d.newList().path());
        if (d.identity()) {
            out.println("mode     identity: " + captures(d) + " (certificates known by SHA-1, serial and issuer;"
                    + " no signature is checked)");
        }
        List<String> fields = new ArrayList<>();
        boolean signerChanged = d.fact("signerChanged");
        String wasSast = d.diff().facts().stream()
                .filter(f -> f.name().equals("signerWasSastInOld"))
                .findFirst()
                .map(Fact::explanation)
                .orElse("");
        if (signerChanged) {
            String from = cn(orQ(d.oldList().subject()));
            String to = cn(orQ(d.newList().subject()));
            if (from.equals(to)) {
                // a regenerated certificate keeps its CN: the serials tell the two signers apart
                from += serialNote(d.oldList().serial());
                to += serialNote(d.newList().serial());
            }
            out.println("header   signer  " + from + "  ->  " + to + " (" + wasSast + ")");
        } else {
            out.println("header   signer  " + cn(orQ(d.newList().subject())) + " (unchanged)");
        }
        for (HeaderChange h : d.diff().header()) {
            if (List.of("SIGNERNAME", "SERIALNUMBER", "CANAME").contains(h.field()) && signerChanged) {
                continue;
            }
            fields.add(h.field() + " " + value(h.oldValue()) + " -> " + value(h.newValue()));
        }
        StringBuilder line = new StringBuilder();
        for (String f : fields) {
            if (line.length() > 0 && line.length() + f.length() > 100) {
                out.println("         " + line.toString().trim());
                line.setLength(0);
            }
            line.append(f).append("   ");
        }
        if (line.length() > 0) {
            out.println("         " + line.toString().trim());
        }
        Map<ChangeKind, Integer> n = new EnumMap<>(ChangeKind.class);
        // counted in records, as a listing shows them: a certificate in two records (two roles) counts twice; the
        // records of a paired certificate's roles in one list only are its role changes, so that each list's records
        // add up (a rollback ITL keeps CallManager as SAST: its TFTP record is removed, not unchanged)
        int rolesAdded = 0;
        int rolesRemoved = 0;
        for (RecordChange c : d.diff().records()) {
            int gained = c.rolesAdded().size();
            int lost = c.rolesRemoved().size();
            rolesAdded += gained;
            rolesRemoved += lost;
            // a certificate whose every record changed role (CCM -> CAPF) is its role changes only, not also
            // unchanged
            int kept = Math.max(c.recordsOld().size() - lost, c.recordsNew().size() - gained);
            if (kept > 0) {
                n.merge(c.kind(), kept, Integer::sum);
            }
        }
        int roleWidth = 9;
        for (RecordChange c : d.diff().records()) {
            roleWidth = Math.max(roleWidth, roles(c).length());
        }
        List<String> counts = new ArrayList<>();
        n.forEach((k, v) -> counts.add(v + " " + k.name().toLowerCase(Locale.ROOT)));
        if (rolesAdded > 0) {
            counts.add(rolesAdded + " role added");
        }
        if (rolesRemoved > 0) {
            counts.add(rolesRemoved + " role removed");
        }
        out.println("records  " + String.join(", ", counts)
                + (d.fact("recordsIdentical")
                        ? d.identity() ? " (same certificates, roles and lengths)" : " (record bytes identical)"
                        : ""));
        for (RecordChange c : d.diff().records()) {
            if (c.kind() == ChangeKind.UNCHANGED && !c.rolesChanged()) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "  %-10s %-" + roleWidth + "s %s%s%n",
                    c.kind(),
                    roles(c),
                    cn(c.subject()),
                    c.details().isEmpty() ? "" : "  (" + ShowFormat.clean(String.join("; ", c.details())) + ")");
        }
        out.println("anchors  SAST {" + cns(d.diff().sastOld()) + "}"
                + (d.fact("bothAnchorsChanged")
                        ? " -> {" + cns(d.diff().sastNew()) + "}: none kept"
                        : d.diff().sastKept().size() == d.diff().sastOld().size()
                                        && d.diff().sastNew().size()
                                                == d.diff().sastKept().size()
                                ? " kept"
                                : " -> {" + cns(d.diff().sastNew()) + "}, kept {"
                                        + cns(d.diff().sastKept()) + "}"));
        List<String> trueFacts = new ArrayList<>();
        for (Fact f : d.diff().facts()) {
            if (f.value() && !f.name().equals("recordsIdentical")) {
                trueFacts.add(f.name());
            }
        }
        if (!trueFacts.isEmpty()) {
            out.println("facts    " + String.join(", ", trueFacts));
        }
        for (Fact f : d.diff().facts()) {
            if (f.value() && f.name().equals("digestChanged") && f.explanation().contains("(L13: ")) {
                out.println("note     digest " + f.explanation());
            }
        }
        RuleResult dec = d.decisive();
        out.println("verdict  " + d.diff().continuity() + " (" + dec.rule() + ": " + dec.detail() + ")"
                + (d.diff().tvsConsidered() ? "" : "; TVS not considered (no --tvs)"));
        if (d.identity()) {
            SimulateCommand.warningsText(out, d.warnings());
        }
        if (!d.diff().continuity().isContinuous()) {
            SimulateCommand.chainText(out, d.diff().chain());
            SimulateCommand.fixesText(out, d.diff().fixes(), false);
        }
        out.flush();
    }

    private static String captures(View d) {
        List<String> c = new ArrayList<>();
        if (d.oldList().capture()) {
            c.add(d.oldList().path());
        }
        if (d.newList().capture()) {
            c.add(d.newList().path());
        }
        return c.isEmpty()
                ? "--phone-ctl is a show ctl capture"
                : String.join(" and ", c)
                        + (c.size() == 1 ? " is a show itl/ctl capture" : " are show itl/ctl captures");
    }

    /** @return {@code " (serial 61:40:...)"} in show's form ({@link ListSkeleton#serialText}), or "" without one */
    private static String serialNote(String serial) {
        return serial == null || serial.isEmpty()
                ? ""
                : " (serial " + ListSkeleton.serialText(serial.replace(":", "")) + ")";
    }

    private static String orQ(String s) {
        return s == null ? "?" : s;
    }

    /** The CN of a subject, for text that fits a terminal (JSON has the whole name). */
    static String cn(String subject) {
        for (String part : subject.split("[;,]")) {
            String t = part.trim();
            if (t.regionMatches(true, 0, "CN=", 0, 3)) {
                return ShowFormat.clean(t.substring(3).trim());
            }
        }
        return ShowFormat.clean(subject);
    }

    private static String cns(List<String> subjects) {
        List<String> out = new ArrayList<>();
        subjects.forEach(s -> out.add(cn(s)));
        return String.join(", ", out);
    }

    private static String value(String v) {
        return v == null ? "(none)" : ShowFormat.clean(v);
    }

    // ------------------------------------------------------------------ JSON

    private void writeJson(
            int pairs, int broken, List<View> diffs, List<Unreadable> unreadable, CliException nothingCompared)
            throws IOException {
        List<JsonDocument.Input> inputs = new ArrayList<>();
        for (View d : diffs) {
            inputs.add(new JsonDocument.Input("old", d.oldList().path()));
            inputs.add(new JsonDocument.Input("new", d.newList().path()));
        }
        for (Unreadable u : unreadable) {
            inputs.add(new JsonDocument.Input("old", Inputs.displayName(u.pair()[0])));
            inputs.add(new JsonDocument.Input("new", Inputs.displayName(u.pair()[1])));
        }
        if (nothingCompared != null) {
            inputs.add(new JsonDocument.Input("old", oldArg)); // the two directories: no file of theirs was read
            inputs.add(new JsonDocument.Input("new", newArg));
        }
        if (phoneCtl != null) {
            inputs.add(new JsonDocument.Input("installed-ctl", phoneCtl));
        }
        for (String t : tvs) {
            inputs.add(new JsonDocument.Input("tvs", t));
        }
        if (modelTable != null) {
            inputs.add(new JsonDocument.Input("model-table", modelTable.toString()));
        }
        JsonDocument doc = JsonDocument.start(cli.binaryOut(), "diff", null, 0, inputs);
        JsonGenerator g = doc.generator();
        ContinuityVerdict overall = diffs.isEmpty()
                ? ContinuityVerdict.UNKNOWN
                : diffs.get(0).diff().continuity();
        for (View d : diffs) {
            if (d.diff().continuity() == ContinuityVerdict.BROKEN
                    || d.diff().continuity() == ContinuityVerdict.UNKNOWN && overall != ContinuityVerdict.BROKEN) {
                overall = d.diff().continuity();
            }
        }
        if (!unreadable.isEmpty() && overall != ContinuityVerdict.BROKEN) {
            overall = ContinuityVerdict.UNKNOWN; // a pair that could not be read is not decided
        }
        doc.verdict(overall.name());
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("diffs");
        for (View d : diffs) {
            diff(g, d);
        }
        g.writeEndArray();
        // the pairs that could not be read: their paths and why, no comparison
        g.writeArrayFieldStart("unreadable");
        for (Unreadable u : unreadable) {
            g.writeStartObject();
            g.writeStringField("old", Inputs.displayName(u.pair()[0]));
            g.writeStringField("new", Inputs.displayName(u.pair()[1]));
            g.writeStringField(
                    "code", JsonDocument.codeOf(u.error().getCause(), u.error().exitCode()));
            g.writeNumberField("exitCode", u.error().exitCode());
            g.writeStringField("message", u.error().getMessage());
            g.writeEndObject();
        }
        g.writeEndArray();
        // with two directories, the lists of one without a namesake in the other (not compared)
        strings(g, "onlyInOld", onlyInOld);
        strings(g, "onlyInNew", onlyInNew);
        // as the text's summary line: diff: N pairs, M broken, K unreadable
        g.writeObjectFieldStart("summary");
        g.writeNumberField("pairs", pairs);
        g.writeNumberField("broken", broken);
        g.writeNumberField("unreadable", unreadable.size());
        g.writeNumberField("onlyInOld", onlyInOld.size());
        g.writeNumberField("onlyInNew", onlyInNew.size());
        g.writeEndObject();
        g.writeEndObject();
        for (View d : diffs) {
            for (JsonDocument.Entry p : d.problems()) {
                doc.problem(p);
            }
        }
        for (Unreadable u : unreadable) {
            doc.problem(JsonDocument.Entry.of(
                    JsonDocument.codeOf(u.error().getCause(), u.error().exitCode()),
                    "ERROR",
                    u.error().getMessage()));
        }
        if (nothingCompared != null) {
            doc.problem(JsonDocument.Entry.of("IO_ERROR", "ERROR", nothingCompared.getMessage()));
        }
        doc.end();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void diff(JsonGenerator g, View d) throws IOException {
        g.writeStartObject();
        list(g, "old", d.oldList());
        list(g, "new", d.newList());
        RuleChainJson.objects(g, "header", d.diff().header(), h -> {
            g.writeStringField("field", h.field());
            g.writeStringField("old", h.oldValue());
            g.writeStringField("new", h.newValue());
        });
        RuleChainJson.objects(g, "records", d.diff().records(), c -> {
            g.writeStringField("kind", c.kind().name());
            RuleChainJson.strings(g, "roleOld", c.rolesOld());
            RuleChainJson.strings(g, "roleNew", c.rolesNew());
            RuleChainJson.strings(g, "rolesAdded", c.rolesAdded());
            RuleChainJson.strings(g, "rolesRemoved", c.rolesRemoved());
            ints(g, "recordsOld", c.recordsOld());
            ints(g, "recordsNew", c.recordsNew());
            g.writeStringField("identityOld", c.identityOld());
            g.writeStringField("identityNew", c.identityNew());
            g.writeStringField("subject", c.subject());
            RuleChainJson.strings(g, "details", c.details());
        });
        g.writeObjectFieldStart("facts");
        for (Fact f : d.diff().facts()) {
            g.writeObjectFieldStart(f.name());
            g.writeBooleanField("value", f.value());
            g.writeStringField("explanation", f.explanation());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("anchors");
        RuleChainJson.strings(g, "old", d.diff().sastOld());
        RuleChainJson.strings(g, "new", d.diff().sastNew());
        RuleChainJson.strings(g, "kept", d.diff().sastKept());
        g.writeEndObject();
        g.writeObjectFieldStart("continuity");
        g.writeStringField("verdict", d.diff().continuity().name());
        g.writeStringField("simulation", d.simulation());
        g.writeStringField("mode", d.identity() ? "identity" : "files");
        g.writeBooleanField("tvsConsidered", d.diff().tvsConsidered());
        RuleChainJson.chain(g, d.diff().chain());
        RuleChainJson.fixes(g, d.diff().fixes());
        RuleChainJson.warnings(g, d.warnings());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, String field, ListInfo l) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("path", l.path());
        g.writeStringField("sha1", l.sha1());
        if (l.size() < 0) {
            g.writeNullField("size");
        } else {
            g.writeNumberField("size", l.size());
        }
        g.writeNumberField("records", l.records());
        g.writeBooleanField("capture", l.capture());
        g.writeObjectFieldStart("signer");
        g.writeStringField("subject", l.subject());
        g.writeStringField("serial", l.serial());
        g.writeStringField("issuer", l.issuer());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void ints(JsonGenerator g, String field, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (int s : values) {
            g.writeNumber(s);
        }
        g.writeEndArray();
    }

    /** @return the roles a change row shows: the new list's, or the old one's for a removed certificate */
    private static String roles(RecordChange c) {
        return String.join("+", c.rolesNew().isEmpty() ? c.rolesOld() : c.rolesNew());
    }
}
