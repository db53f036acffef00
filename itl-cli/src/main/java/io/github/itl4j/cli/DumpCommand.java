package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.Role;
import io.github.itl4j.ValueType;
import io.github.itl4j.cli.FieldFormat.Decoded;
import io.github.itl4j.cli.FieldFormat.Scope;
import io.github.itl4j.cli.FileWalk.Element;
import io.github.itl4j.cli.FileWalk.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl dump}: every TLV of a trust list or signed file with its offset, tag, name, length and value; or, with
 * {@code --json}, a lossless JSON document that {@code itl assemble} turns back into the same bytes.
 *
 * @since 0.1.0
 */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Show every TLV of ITL/CTL/.sgn files: offset, tag, name, length and decoded value.",
            "With --json, write a lossless JSON document instead; 'itl assemble' rebuilds the identical file "
                    + "from it."
        },
        sortOptions = false)
public final class DumpCommand implements Callable<Integer> {
    /** Hex values longer than this are cut in the text dump unless {@code --full}. */
    static final int HEX_PREVIEW = 32;
    /** The largest file {@code dump} reads. */
    static final long MAX_INPUT = 80L * 1024 * 1024;
    /** Identifies a dump document: {@code "format": "itl4j-dump"}. */
    static final String FORMAT = "itl4j-dump";
    /** Version of the JSON layout. */
    static final int FORMAT_VERSION = 1;

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(names = "--json", description = "Write one lossless JSON document (one FILE only).")
    private boolean json;

    @Option(
            names = "--full",
            description = "Show long binary values in full instead of their first " + HEX_PREVIEW + " bytes.")
    private boolean full;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ITL/CTL/.sgn files; - reads standard input.")
    private List<String> files;

    /** Creates the command; picocli fills in the options. */
    public DumpCommand() {}

    @Override
    public Integer call() throws Exception {
        if (json && files.size() != 1) {
            throw CliException.usage("--json takes exactly one FILE (got " + files.size() + ")");
        }
        int worst = ExitCodes.OK;
        boolean first = true;
        for (String arg : files) {
            String name = Inputs.displayName(arg);
            try {
                Inputs.Input in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
                FileWalk walk = FileWalk.of(in.data(), limitOptions.reader());
                if (json) {
                    writeJson(walk, in.name(), cli.binaryOut());
                } else {
                    if (!first) {
                        cli.out().println();
                    }
                    first = false;
                    new Text(cli.out(), full).dump(walk, in.name());
                    cli.out().flush();
                }
            } catch (Exception e) {
                worst = Math.max(worst, cli.failFile(name, e, null));
            }
        }
        return worst;
    }

    // ---------------------------------------------------------------- text

    /** The human-readable dump. */
    static final class Text {
        private final PrintWriter out;
        private final boolean full;

        Text(PrintWriter out, boolean full) {
            this.out = out;
            this.full = full;
        }

        void dump(FileWalk w, String name) {
            String fileName = w.file.header().fileName().map(FieldFormat::quote).orElse("none");
            if (w.isTrustList()) {
                out.printf(
                        "%s: trust list (FILENAME %s), %d bytes, header %d bytes, %d record%s%n",
                        name,
                        fileName,
                        w.data.size(),
                        w.headerLength,
                        w.records.size(),
                        w.records.size() == 1 ? "" : "s");
            } else {
                out.printf(
                        "%s: signed file (FILENAME %s), %d bytes, header %d bytes, payload %d bytes%n",
                        name, fileName, w.data.size(), w.headerLength, w.payload.size());
            }
            out.println("  offset         tag  name                         length  value");
            out.printf("Header: %d bytes at 0x0 (0)%n", w.headerLength);
            for (Element e : w.header) {
                element(Scope.HEADER, e, 0);
            }
            if (w.isTrustList()) {
                List<ItlRecord> model = ((io.github.itl4j.ItlFile) w.file).records();
                for (FileWalk.Record r : w.records) {
                    String role = r.number() - 1 < model.size()
                            ? model.get(r.number() - 1).role().map(Role::name).orElse("no FUNCTION")
                            : "?";
                    out.printf(
                            "Record %d of %d: %s, %d bytes at 0x%x (%d)%n",
                            r.number(), w.records.size(), role, r.length(), r.offset(), r.offset());
                    for (Element e : r.fields()) {
                        element(Scope.RECORD, e, 0);
                    }
                }
            } else {
                Bytes p = w.payload;
                out.printf(
                        "Payload: %d bytes at 0x%x (%d): %s%s%n",
                        p.size(),
                        w.headerLength,
                        w.headerLength,
                        hex(p, full ? Integer.MAX_VALUE : HEX_PREVIEW),
                        preview(p));
            }
            List<ItlWarning> warnings = w.file.warnings();
            if (!warnings.isEmpty()) {
                out.println("Warnings:");
                for (ItlWarning x : warnings) {
                    out.println("  " + x);
                }
            }
        }

        private void element(Scope scope, Element e, int depth) {
            String indent = "  ".repeat(depth);
            if (e.kind() == Kind.PADDING) {
                out.printf(
                        "  0x%04x %6d  %3d  %-28s %6s  0d%n", e.offset(), e.offset(), e.tag(), indent + "PADDING", "-");
                return;
            }
            String name = indent + FieldFormat.name(scope, e.tag());
            if (e.kind() == Kind.CONTAINER) {
                out.printf(
                        "  0x%04x %6d  %3d  %-28s %6d  container, %d element%s%n",
                        e.offset(),
                        e.offset(),
                        e.tag(),
                        name,
                        e.length(),
                        e.children().size(),
                        e.children().size() == 1 ? "" : "s");
                for (Element c : e.children()) {
                    element(scope, c, depth + 1);
                }
                return;
            }
            out.printf(
                    "  0x%04x %6d  %3d  %-28s %6d  %s%n",
                    e.offset(), e.offset(), e.tag(), name, e.length(), value(scope, e.tag(), e.value()));
        }

        private String value(Scope scope, int tag, Bytes v) {
            Decoded d = FieldFormat.decode(scope, tag, v);
            if (d.value() == null) {
                if (v.isEmpty()) {
                    return "(empty)";
                }
                return hex(v, full ? Integer.MAX_VALUE : HEX_PREVIEW);
            }
            String s = d.value() instanceof String str && FieldFormat.type(scope, tag) == ValueType.STRING
                    ? FieldFormat.quote(str)
                    : d.value().toString();
            return d.meaning() == null ? s : s + " (" + d.meaning() + ")";
        }

        private static String hex(Bytes v, int max) {
            if (v.size() <= max) {
                return v.toHex();
            }
            return v.slice(0, max).toHex() + "\u2026 (" + v.size() + " bytes)";
        }

        private static String preview(Bytes p) {
            int n = Math.min(p.size(), HEX_PREVIEW);
            StringBuilder sb = new StringBuilder("  |");
            for (int i = 0; i < n; i++) {
                int c = p.getUnsigned(i);
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            return sb.append('|').toString();
        }
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Writes the lossless JSON document. Per element: {@code offset}, {@code tag}, {@code name}, {@code length},
     * {@code hex} (authoritative), and {@code value}/{@code meaning} when the value decodes exactly; containers have
     * {@code children}; padding bytes are {@code {"offset": n, "padding": true}}. Records hold their {@code fields},
     * RECORDLENGTH first; a signed file has a {@code payload}. The document is in the common envelope
     * ({@link JsonDocument}); the reader's warnings are its {@code problems}. {@code itl assemble} ignores the
     * envelope.
     */
    static void writeJson(FileWalk w, String source, OutputStream os) throws IOException {
        JsonDocument doc = JsonDocument.open(os);
        JsonGenerator g = doc.generator();
        // the first lines stay as they were: assemble's errors name lines of the document
        g.writeStringField("format", FORMAT);
        g.writeNumberField("formatVersion", FORMAT_VERSION);
        g.writeStringField("source", source);
        g.writeStringField("kind", w.isTrustList() ? "trust-list" : "signed");
        doc.head("dump", null, 0, List.of(new JsonDocument.Input("file", source)));
        g.writeNumberField("size", w.data.size());
        g.writeStringField(
                "note",
                "hex is authoritative; HEADERLENGTH, RECORDLENGTH and container lengths are "
                        + "derived on assemble; offset, name, length and meaning are informational");
        g.writeArrayFieldStart("header");
        for (Element e : w.header) {
            jsonElement(g, Scope.HEADER, e, e.tag() == HeaderTags.HEADER_LENGTH);
        }
        g.writeEndArray();
        if (w.isTrustList()) {
            List<ItlRecord> model = ((io.github.itl4j.ItlFile) w.file).records();
            g.writeArrayFieldStart("records");
            for (FileWalk.Record r : w.records) {
                g.writeStartObject();
                g.writeNumberField("record", r.number());
                g.writeNumberField("offset", r.offset());
                g.writeNumberField("length", r.length());
                if (r.number() - 1 < model.size()) {
                    var role = model.get(r.number() - 1).role();
                    if (role.isPresent()) {
                        g.writeStringField("role", role.get().name());
                    }
                }
                g.writeArrayFieldStart("fields");
                for (Element e : r.fields()) {
                    jsonElement(g, Scope.RECORD, e, e == r.fields().get(0));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            g.writeObjectFieldStart("payload");
            g.writeNumberField("offset", w.headerLength);
            g.writeNumberField("length", w.payload.size());
            g.writeStringField("hex", w.payload.toHex());
            g.writeEndObject();
        }
        for (ItlWarning x : w.file.warnings()) {
            doc.problem(new JsonDocument.Entry(
                    x.code().name(), "WARNING", x.message(), source, x.recordIndex() + 1, x.offset(), -1));
        }
        doc.end();
    }

    private static void jsonElement(JsonGenerator g, Scope scope, Element e, boolean derived) throws IOException {
        g.writeStartObject();
        g.writeNumberField("offset", e.offset());
        if (e.kind() == Kind.PADDING) {
            g.writeBooleanField("padding", true);
            g.writeEndObject();
            return;
        }
        g.writeNumberField("tag", e.tag());
        g.writeStringField("name", FieldFormat.name(scope, e.tag()));
        g.writeNumberField("length", e.length());
        if (e.kind() == Kind.CONTAINER) {
            g.writeArrayFieldStart("children");
            for (Element c : e.children()) {
                jsonElement(g, scope, c, false);
            }
            g.writeEndArray();
        } else {
            g.writeStringField("hex", e.value().toHex());
            JsonDocument.decoded(g, FieldFormat.decode(scope, e.tag(), e.value()));
            if (derived) {
                g.writeBooleanField("derived", true);
            }
        }
        g.writeEndObject();
    }
}
