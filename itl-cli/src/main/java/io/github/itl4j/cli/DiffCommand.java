package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.diff.ChangeKind;
import io.github.itl4j.trust.diff.ContinuityVerdict;
import io.github.itl4j.trust.diff.Fact;
import io.github.itl4j.trust.diff.HeaderChange;
import io.github.itl4j.trust.diff.RecordChange;
import io.github.itl4j.trust.diff.TrustListDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code itl diff OLD NEW}: what changed between the trust list phones hold and the one now served (docs/lint.md,
 * library {@link TrustListDiff}): records aligned by certificate identity, header changes, derived facts, and the
 * continuity verdict of the trust simulator (would a phone holding OLD accept NEW). {@code --json} writes the common
 * envelope (schema {@code schemas/diff.schema.json}). Exits 0 when continuous, 1 when broken, 3 when a file is not a
 * trust list. Two directories compare their {@code *.tlv} files of the same name.
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
            "OLD and NEW may be two directories: their .tlv files of the same name are compared.",
            "Exits 0 when every pair is continuous, 1 when one is broken, 3 when a file is not a trust list."
        })
public final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    private ItlCli cli;

    @Option(names = "--phone-ctl", paramLabel = "CTL", description = "The CTL the phones also hold.")
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

    @Parameters(index = "0", paramLabel = "OLD", description = "The list phones hold (or a directory).")
    private String oldArg;

    @Parameters(index = "1", paramLabel = "NEW", description = "The list now served (or a directory).")
    private String newArg;

    /** Creates the command; picocli fills in the options. */
    public DiffCommand() {}

    @Override
    public Integer call() throws Exception {
        TrustSimulator sim = simulator();
        List<String[]> pairs = pairs();
        List<TrustListDiff> diffs = new ArrayList<>();
        int code = ExitCodes.OK;
        for (String[] p : pairs) {
            ItlFile a = read(p[0]);
            ItlFile b = read(p[1]);
            TrustListDiff d = TrustListDiff.compare(a, Inputs.displayName(p[0]), b, Inputs.displayName(p[1]), sim);
            diffs.add(d);
            if (d.continuity() == ContinuityVerdict.BROKEN) {
                code = ExitCodes.CHECK_FAILED;
            }
            if (!json) {
                text(cli.out(), d);
            }
        }
        if (json) {
            writeJson(diffs);
        } else if (diffs.size() > 1) {
            long broken = diffs.stream()
                    .filter(d -> d.continuity() == ContinuityVerdict.BROKEN)
                    .count();
            cli.out().println("diff: " + diffs.size() + " pairs, " + broken + " broken");
        }
        cli.out().flush();
        return code;
    }

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
        for (String f : LintCommand.expand(List.of(oldArg))) {
            Path other = Path.of(newArg).resolve(Path.of(f).getFileName());
            if (Files.isRegularFile(other)) {
                out.add(new String[] {f, other.toString()});
            }
        }
        if (out.isEmpty()) {
            throw new CliException(ExitCodes.IO, "no .tlv file of " + oldArg + " has a namesake in " + newArg);
        }
        return out;
    }

    private ItlFile read(String arg) throws CliException, IOException {
        String name = Inputs.displayName(arg);
        try {
            Inputs.Input in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
            return limitOptions.reader().readTrustList(in.data());
        } catch (ItlLimitException e) {
            throw new CliException(ExitCodes.INPUT, name + ": " + LimitOptions.message(e), e);
        } catch (io.github.itl4j.ItlException e) {
            throw new CliException(ExitCodes.INPUT, name + ": not a trust list: " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException(ExitCodes.IO, name + ": no such file", e);
        }
    }

    private TrustSimulator simulator() throws CliException, IOException {
        PhoneState p = PhoneState.none();
        if (now != null) {
            p = p.at(LintCommand.instant(now, "--now"));
        }
        if (model != null) {
            p = p.model(model);
        }
        if (phoneCtl != null) {
            p = p.withCtl(read(phoneCtl), phoneCtl);
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

    // ------------------------------------------------------------------ text

    static void text(PrintWriter out, TrustListDiff d) {
        out.println("itl diff " + d.oldName() + " " + d.newName());
        ItlHeader ho = d.oldList().header();
        ItlHeader hn = d.newList().header();
        List<String> fields = new ArrayList<>();
        boolean signerChanged = d.fact("signerChanged");
        String wasSast = d.facts().stream()
                .filter(f -> f.name().equals("signerWasSastInOld"))
                .findFirst()
                .map(Fact::explanation)
                .orElse("");
        if (signerChanged) {
            out.println("header   signer  " + cn(ho.signerName().orElse("?")) + "  ->  "
                    + cn(hn.signerName().orElse("?")) + " (" + wasSast + ")");
        } else {
            out.println("header   signer  " + cn(hn.signerName().orElse("?")) + " (unchanged)");
        }
        for (HeaderChange h : d.header()) {
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
        d.records().forEach(c -> n.merge(c.kind(), 1, Integer::sum));
        List<String> counts = new ArrayList<>();
        n.forEach((k, v) -> counts.add(v + " " + k.name().toLowerCase(Locale.ROOT)));
        out.println("records  " + String.join(", ", counts)
                + (d.fact("recordsIdentical") ? " (record bytes identical)" : ""));
        for (RecordChange c : d.records()) {
            if (c.kind() == ChangeKind.UNCHANGED && !c.rolesChanged()) {
                continue;
            }
            String roles = String.join("+", c.rolesNew().isEmpty() ? c.rolesOld() : c.rolesNew());
            out.printf(
                    Locale.ROOT,
                    "  %-10s %-9s %s%s%n",
                    c.kind(),
                    roles,
                    cn(c.subject()),
                    c.details().isEmpty() ? "" : "  (" + ShowFormat.clean(String.join("; ", c.details())) + ")");
        }
        out.println("anchors  SAST {" + cns(d.sastOld()) + "}"
                + (d.fact("bothAnchorsChanged")
                        ? " -> {" + cns(d.sastNew()) + "}: none kept"
                        : d.sastKept().size() == d.sastOld().size()
                                ? " kept"
                                : " -> {" + cns(d.sastNew()) + "}, kept {" + cns(d.sastKept()) + "}"));
        List<String> trueFacts = new ArrayList<>();
        for (Fact f : d.facts()) {
            if (f.value() && !f.name().equals("recordsIdentical")) {
                trueFacts.add(f.name());
            }
        }
        if (!trueFacts.isEmpty()) {
            out.println("facts    " + String.join(", ", trueFacts));
        }
        RuleResult dec = d.simulation().decisive();
        out.println("verdict  " + d.continuity() + " (" + dec.rule() + ": " + dec.detail() + ")"
                + (d.tvsConsidered() ? "" : "; TVS not considered (no --tvs)"));
        if (d.continuity() == ContinuityVerdict.BROKEN) {
            for (RuleResult r : d.chain()) {
                out.printf(
                        Locale.ROOT,
                        "  %-6s %-7s %s  [%s] %s%n",
                        "[" + r.outcome() + "]",
                        r.rule(),
                        r.detail(),
                        r.confidence(),
                        String.join(", ", r.source()));
            }
            for (int i = 0; i < d.fixes().size(); i++) {
                Fix f = d.fixes().get(i);
                out.println((i == 0 ? "  fix " : "      or ") + f.code().code() + ": " + f.text());
            }
        }
        out.flush();
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

    private void writeJson(List<TrustListDiff> diffs) throws IOException {
        List<JsonDocument.Input> inputs = new ArrayList<>();
        for (TrustListDiff d : diffs) {
            inputs.add(new JsonDocument.Input("old", d.oldName()));
            inputs.add(new JsonDocument.Input("new", d.newName()));
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
        ContinuityVerdict overall = diffs.get(0).continuity();
        for (TrustListDiff d : diffs) {
            if (d.continuity() == ContinuityVerdict.BROKEN) {
                overall = ContinuityVerdict.BROKEN;
            }
        }
        doc.verdict(overall.name());
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("diffs");
        for (TrustListDiff d : diffs) {
            diff(g, d);
        }
        g.writeEndArray();
        g.writeEndObject();
        for (TrustListDiff d : diffs) {
            for (var p : d.simulation().problems()) {
                doc.problem(JsonDocument.Entry.of(p.code(), p.severity().name(), p.message()));
            }
        }
        doc.end();
    }

    private static void diff(JsonGenerator g, TrustListDiff d) throws IOException {
        g.writeStartObject();
        list(g, "old", d.oldName(), d.oldList());
        list(g, "new", d.newName(), d.newList());
        g.writeArrayFieldStart("header");
        for (HeaderChange h : d.header()) {
            g.writeStartObject();
            g.writeStringField("field", h.field());
            g.writeStringField("old", h.oldValue());
            g.writeStringField("new", h.newValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("records");
        for (RecordChange c : d.records()) {
            g.writeStartObject();
            g.writeStringField("kind", c.kind().name());
            strings(g, "roleOld", c.rolesOld());
            strings(g, "roleNew", c.rolesNew());
            strings(g, "rolesAdded", c.rolesAdded());
            strings(g, "rolesRemoved", c.rolesRemoved());
            ints(g, "recordsOld", c.recordsOld());
            ints(g, "recordsNew", c.recordsNew());
            g.writeStringField("identityOld", c.identityOld());
            g.writeStringField("identityNew", c.identityNew());
            g.writeStringField("subject", c.subject());
            strings(g, "details", c.details());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("facts");
        for (Fact f : d.facts()) {
            g.writeObjectFieldStart(f.name());
            g.writeBooleanField("value", f.value());
            g.writeStringField("explanation", f.explanation());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("anchors");
        strings(g, "old", d.sastOld());
        strings(g, "new", d.sastNew());
        strings(g, "kept", d.sastKept());
        g.writeEndObject();
        g.writeObjectFieldStart("continuity");
        g.writeStringField("verdict", d.continuity().name());
        g.writeStringField("simulation", d.simulation().verdict().name());
        g.writeBooleanField("tvsConsidered", d.tvsConsidered());
        RuleChainJson.chain(g, d.chain());
        RuleChainJson.fixes(g, d.fixes());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, String field, String path, ItlFile f) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("path", path);
        g.writeStringField("sha1", Checksums.md5AndSha1(f.encoded()).sha1().toHex());
        g.writeNumberField("size", f.size());
        g.writeNumberField("records", f.records().size());
        ItlHeader h = f.header();
        g.writeObjectFieldStart("signer");
        g.writeStringField("subject", h.signerName().orElse(null));
        g.writeStringField("serial", h.serialNumber().map(Bytes::toHex).orElse(null));
        g.writeStringField("issuer", h.caName().orElse(null));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void ints(JsonGenerator g, String field, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (int s : values) {
            g.writeNumber(s);
        }
        g.writeEndArray();
    }
}
