package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.plan.ClassResult;
import io.github.itl4j.plan.ClusterSpec;
import io.github.itl4j.plan.FleetSpec;
import io.github.itl4j.plan.InvariantCheck;
import io.github.itl4j.plan.Plan;
import io.github.itl4j.plan.PlanException;
import io.github.itl4j.plan.PlanHtml;
import io.github.itl4j.plan.PlanInput;
import io.github.itl4j.plan.PlanRequest;
import io.github.itl4j.plan.PlanStep;
import io.github.itl4j.plan.PlanText;
import io.github.itl4j.plan.PlanVerdict;
import io.github.itl4j.plan.Planner;
import io.github.itl4j.plan.ProducedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl plan}: turns an intended certificate or cluster change (plan.yaml or the same as JSON) into a safe,
 * ordered sequence of steps and gates, simulating every phone class through it (library {@link Planner},
 * docs/plan.md). Text as in docs/plan.md; {@code --json} writes the common envelope {@code {"tool","version","command",
 * "inputs","verdict","data","problems"}} (schema {@code schemas/plan.schema.json}); {@code --html FILE} writes a
 * self-contained timeline page. Exits 0 SAFE, 1 UNSAFE or BLOCKED, 2 usage, 3 malformed plan, 4 I/O.
 *
 * @since 0.1.0
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Plan a certificate or cluster change: the safe order of steps (CUCM commands, services to "
                    + "restart, phone resets) and the gates between them (wait until every phone has the new files), "
                    + "with every phone class simulated through each step, the invariants P1-P11 checked, and which "
                    + "phones an unsafe order would strand.",
            "PLAN is plan.yaml (JSON accepted); see docs/plan.md and examples/plan/.",
            "Exits 0 when the plan is SAFE, 1 when it is UNSAFE or BLOCKED, 2 on usage errors, 3 when the plan is "
                    + "malformed, 4 on I/O errors."
        })
public final class PlanCommand implements Callable<Integer> {
    /** The largest plan document read. */
    static final long MAX_INPUT = PlanInput.MAX_CHARS;

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh])");

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "PLAN", description = "plan.yaml or plan.json ('-' for standard input).")
    private String planFile;

    @Option(
            names = "--order",
            paramLabel = "safe|as-given",
            description = "safe: plan the safe order (default); "
                    + "as-given: check the changes in the order given, back to back, and print the safe order if unsafe. "
                    + "Overrides options.order of the plan.")
    private String order;

    @Option(
            names = "--min-hold",
            paramLabel = "DURATION",
            description =
                    "The shortest gate (e.g. 5m, 300s; " + "default 5m, CUCM's own hold). Overrides options.minHold.")
    private String minHold;

    @Option(
            names = "--gate",
            paramLabel = "itl-file-status|audit|registration",
            description = "How the gates are " + "observed. Overrides options.gate.")
    private String gate;

    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time of the simulation (a date, midnight UTC, or an ISO-8601 instant); options.now, "
                    + "else the current time.")
    private String now;

    @Option(names = "--json", description = "Write one JSON document (the itl4j envelope) instead of text.")
    private boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the plan as a self-contained HTML page "
                    + "(timeline of steps and gates with every phone class's state; no network needed to view it).")
    private String html;

    @Override
    public Integer call() throws IOException {
        Plan plan;
        try {
            Inputs.Input in = Inputs.read(planFile, cli.stdin(), MAX_INPUT);
            String text = new String(in.data().toByteArray(), StandardCharsets.UTF_8);
            Path base = Inputs.STDIO.equals(planFile) ? Path.of(".") : parent(Path.of(planFile));
            PlanRequest req = PlanInput.parse(text, base, instant());
            req = req.withOptions(options(req.options()));
            plan = Planner.defaults().plan(req);
            if (html != null) {
                String title = Inputs.STDIO.equals(planFile)
                        ? Inputs.STDIN_NAME
                        : String.valueOf(Path.of(planFile).getFileName());
                String page = PlanHtml.render(plan, title);
                Outputs.write(html, Bytes.wrapOwned(page.getBytes(StandardCharsets.UTF_8)), cli);
            }
        } catch (PlanException e) {
            return cli.fail(Inputs.displayName(planFile), CliException.input(e.getMessage()));
        } catch (CliException | IOException e) {
            return cli.fail(Inputs.displayName(planFile), e);
        }
        if (json) {
            writeJson(plan, Inputs.displayName(planFile));
        } else {
            PrintWriter out = cli.out();
            out.print(PlanText.render(plan));
            out.flush();
        }
        return plan.verdict() == PlanVerdict.SAFE ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private Instant instant() throws CliException {
        if (now == null) {
            return Instant.now();
        }
        return Converters.now(now, "--now");
    }

    private PlanRequest.Options options(PlanRequest.Options o) throws CliException {
        boolean asGiven = o.asGiven();
        if (order != null) {
            if (!order.equals("safe") && !order.equals("as-given")) {
                throw CliException.usage("--order: expected safe or as-given, found '" + order + "'");
            }
            asGiven = order.equals("as-given");
        }
        Duration hold = o.minHold();
        if (minHold != null) {
            Matcher m = DURATION.matcher(minHold);
            if (!m.matches()) {
                throw CliException.usage("--min-hold: expected a duration like 5m or 300s, found '" + minHold + "'");
            }
            long n = Long.parseLong(m.group(1));
            hold = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        PlanRequest.GateCheck g = o.gate();
        if (gate != null) {
            g = null;
            for (PlanRequest.GateCheck c : PlanRequest.GateCheck.values()) {
                if (c.text().equals(gate)) {
                    g = c;
                }
            }
            if (g == null) {
                throw CliException.usage(
                        "--gate: expected itl-file-status, audit or registration, found '" + gate + "'");
            }
        }
        Instant t = now != null ? instant() : o.now();
        return new PlanRequest.Options(asGiven, hold, g, t);
    }

    // ------------------------------------------------------------------ JSON

    private void writeJson(Plan p, String input) throws IOException {
        JsonDocument doc =
                JsonDocument.start(cli.binaryOut(), "plan", null, 0, List.of(new JsonDocument.Input("plan", input)));
        doc.verdict(p.verdict().name());
        doc.generator().writeFieldName("data");
        plan(doc.generator(), p, true);
        doc.end();
    }

    private static void plan(JsonGenerator g, Plan p, boolean full) throws IOException {
        g.writeStartObject();
        g.writeStringField("verdict", p.verdict().name());
        g.writeStringField("order", p.order());
        g.writeNumberField("gates", p.gateCount());
        g.writeBooleanField("signatureMode", p.signatureMode());
        if (full) {
            ClusterSpec c = p.request().cluster();
            g.writeObjectFieldStart("cluster");
            g.writeStringField("name", c.name());
            g.writeStringField("version", c.version());
            g.writeStringField("mode", c.mixed() ? "mixed" : "non-secure");
            g.writeNumberField("nodes", c.nodes().size());
            g.writeEndObject();
            g.writeArrayFieldStart("fleet");
            for (FleetSpec.PhoneClass pc : p.request().fleet().classes()) {
                g.writeStartObject();
                g.writeStringField("class", pc.name());
                g.writeNumberField("count", pc.count());
                writeNullable(g, "model", pc.model());
                g.writeStringField("holds", pc.holds().name().toLowerCase(Locale.ROOT));
                g.writeBooleanField("offline", pc.offline());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("steps");
            for (PlanStep s : p.steps()) {
                step(g, s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("invariants");
            for (InvariantCheck i : p.invariants()) {
                g.writeStartObject();
                g.writeStringField("id", i.id());
                g.writeStringField("status", i.status().name());
                g.writeStringField("detail", i.detail());
                RuleChainJson.strings(g, "source", i.source());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        classes(g, "stranded", p.stranded());
        classes(g, "atRisk", p.atRisk());
        g.writeArrayFieldStart("unknown");
        for (FleetSpec.PhoneClass u : p.unknown()) {
            g.writeStartObject();
            g.writeStringField("class", u.name());
            g.writeNumberField("count", u.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeNullable(g, "fix", p.fix());
        if (full) {
            g.writeArrayFieldStart("alternatives");
            if (p.alternative() != null) {
                plan(g, p.alternative(), false);
            }
            g.writeEndArray();
            RuleChainJson.strings(g, "assumptions", p.assumptions());
        }
        g.writeEndObject();
    }

    private static void step(JsonGenerator g, PlanStep s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("kind", s.isGate() ? "gate" : "action");
        g.writeStringField("action", s.action());
        g.writeStringField("title", s.title());
        writeNullable(g, "node", s.node());
        RuleChainJson.strings(g, "commands", s.commands());
        RuleChainJson.strings(g, "services", s.services());
        g.writeArrayFieldStart("produces");
        for (ProducedFile f : s.produced()) {
            g.writeStartObject();
            g.writeStringField("cluster", f.cluster());
            writeNullable(g, "node", f.node());
            g.writeStringField("file", f.name());
            g.writeStringField("sha1", f.sha1());
            g.writeNumberField("size", f.size());
            g.writeStringField("signer", f.signer());
            RuleChainJson.strings(g, "changes", f.changes());
            g.writeBooleanField("real", f.real());
            g.writeEndObject();
        }
        g.writeEndArray();
        classes(g, "classes", s.classes());
        RuleChainJson.strings(g, "invariants", s.cites());
        g.writeEndObject();
    }

    private static void classes(JsonGenerator g, String field, List<ClassResult> list) throws IOException {
        g.writeArrayFieldStart(field);
        for (ClassResult r : list) {
            g.writeStartObject();
            g.writeStringField("class", r.className());
            g.writeNumberField("count", r.count());
            g.writeBooleanField("offline", r.offline());
            g.writeStringField("verdict", r.verdict().name());
            g.writeStringField("file", r.file());
            g.writeStringField("step", r.stepId());
            RuleChainJson.chain(g, r.chain());
            writeNullable(g, "fix", r.fix());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeNullable(JsonGenerator g, String field, String v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, v);
        }
    }
}
