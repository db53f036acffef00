package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.ExpiryCalendar;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl expiry}: every certificate of the given ITLs/CTLs with notAfter, role and node, soonest first
 * (SPEC-trust.md 7.8).
 *
 * @since 0.1.0
 */
@Command(
        name = "expiry",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"List every certificate of the given ITLs/CTLs with its expiry, role and node, soonest first."},
        footer = {
            "",
            "Examples:",
            "  itl expiry ITLFile.tlv CTLFile.tlv",
            "  itl expiry --json --within 90 *.tlv",
            "",
            "Exit codes: 0 listed, 1 with --within: a certificate expires within the window (or has), "
                    + "2 usage, 3 malformed list, 4 I/O."
        })
public final class ExpiryCommand implements Callable<Integer> {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ITL or CTL files.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "Write a JSON document instead of text.")
    private boolean json;

    @Option(
            names = "--now",
            paramLabel = "TIME",
            converter = Converters.TimestampConverter.class,
            description = "Judge as of this time (Unix seconds or ISO-8601); default now.")
    private Instant now;

    @Option(
            names = "--within",
            paramLabel = "DAYS",
            description = "Exit 1 if a certificate expires within DAYS days (or already has).")
    private Integer within;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    /** Creates the command; picocli fills in the options. */
    public ExpiryCommand() {}

    @Override
    public Integer call() throws CliException, IOException {
        Instant t = now != null ? now : Instant.now();
        Map<String, ItlFile> lists = new LinkedHashMap<>();
        for (String f : files) {
            lists.put(
                    Inputs.displayName(f),
                    limitOptions
                            .reader()
                            .readTrustList(Inputs.read(f, cli.stdin(), limitOptions.reader())
                                    .data()));
        }
        List<ExpiryCalendar.Entry> entries = ExpiryCalendar.of(lists);
        List<String> undated = ExpiryCalendar.undated(lists);
        boolean soon = within != null && entries.stream().anyMatch(e -> e.daysLeft(t) < within);
        if (json) {
            JsonDocument doc = JsonDocument.start(
                    cli.binaryOut(), "expiry", "itl4j-expiry", 1, JsonDocument.inputs("file", files));
            JsonGenerator g = doc.generator();
            g.writeStringField("now", t.toString());
            g.writeArrayFieldStart("certificates");
            for (ExpiryCalendar.Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("notAfter", e.notAfter().toString());
                g.writeNumberField("daysLeft", e.daysLeft(t));
                g.writeStringField("role", e.role() == null ? null : e.role().name());
                g.writeStringField("node", e.node());
                g.writeStringField("subject", e.subject());
                g.writeStringField("file", e.source());
                g.writeNumberField("record", e.index() + 1);
                g.writeStringField("sha1", e.sha1());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("undated");
            for (String u : undated) {
                g.writeString(u);
            }
            g.writeEndArray();
            doc.verdict(soon ? "EXPIRING" : "OK");
            doc.end();
        } else {
            PrintWriter w = cli.out();
            for (ExpiryCalendar.Entry e : entries) {
                long d = e.daysLeft(t);
                w.println(e.notAfter() + "  " + (d < 0 ? "EXPIRED" : String.format("%5d d", d)) + "  "
                        + String.format(
                                "%-10s", e.role() == null ? "?" : e.role().name()) + "  "
                        + (e.node() == null ? "-" : e.node()) + "  " + e.source() + " #" + (e.index() + 1));
            }
            for (String u : undated) {
                w.println("(no date: hash only)  " + u);
            }
            w.flush();
        }
        return soon ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
