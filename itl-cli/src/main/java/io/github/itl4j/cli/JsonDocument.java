package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.crypto.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one JSON document writer of {@code itl}: every command's {@code --json} is one object in the common envelope
 * (docs/json.md, {@code schemas/envelope.schema.json}):
 *
 * <pre>{"tool": "itl4j", "version": "0.1.0", "command": "verify", "inputs": [{"role": "file", "path": "..."}],
 *  ...the command's data..., "verdict": "VERIFIED", "problems": [{"code", "severity", "message", ...}]}</pre>
 *
 * <p>A command calls {@link #start} (or {@link #open} and {@link #head}), writes its own fields with
 * {@link #generator()}, collects problems as it goes ({@link #problems(String, List)},
 * {@link #fileError(String, int, Exception)}, {@link #problem(Entry)}), sets a {@link #verdict(String)} if it has
 * one, and calls {@link #end()}, which writes {@code problems} last.
 *
 * @since 0.1.0
 */
final class JsonDocument {
    /** The value of {@code "tool"}. */
    static final String TOOL = "itl4j";

    /**
     * One input of the run.
     *
     * @param role what it is to the command: {@code file}, {@code trust}, {@code offered}, {@code installed-itl}, ...
     * @param path the argument as given ({@code <stdin>} for standard input)
     */
    record Input(String role, String path) {}

    /**
     * One problem of the run.
     *
     * @param code a stable upper-case code: a library problem code (e.g. {@code SIGNATURE_INVALID}) or, for a file
     *     that could not be read, {@link #codeOf(Throwable, int)}
     * @param severity {@code ERROR} or {@code WARNING}
     * @param message the one-line message
     * @param file the file it concerns, or null
     * @param record the 1-based record it concerns, or 0
     * @param offset the byte offset it concerns, or -1
     * @param exitCode the exit code it caused, or -1
     */
    record Entry(String code, String severity, String message, String file, int record, long offset, int exitCode) {
        /**
         * @param code the code
         * @param severity {@code ERROR} or {@code WARNING}
         * @param message the message
         * @return a problem of the whole run
         */
        static Entry of(String code, String severity, String message) {
            return new Entry(code, severity, message, null, 0, -1, -1);
        }
    }

    private final JsonGenerator g;
    private final OutputStream os;
    private final List<Entry> problems = new ArrayList<>();
    private String verdict;

    private JsonDocument(JsonGenerator g, OutputStream os) {
        this.g = g;
        this.os = os;
    }

    /**
     * Starts the document: {@code tool}, {@code version}, {@code command}, then {@code format} and
     * {@code formatVersion} when given (the documents of {@code show} and {@code verify} kept them), then
     * {@code inputs}.
     *
     * @param os standard output (not closed)
     * @param command the subcommand's name
     * @param format the document's own format name, or null
     * @param formatVersion its version (with {@code format})
     * @param inputs the inputs of the run
     * @return the document, inside its top-level object
     * @throws IOException from the stream
     */
    static JsonDocument start(OutputStream os, String command, String format, int formatVersion, List<Input> inputs)
            throws IOException {
        JsonDocument doc = open(os);
        doc.head(command, format, formatVersion, inputs);
        return doc;
    }

    /**
     * Opens the top-level object only, for a document whose first fields must stay where they were ({@code dump},
     * whose line numbers {@code assemble} reports); the caller writes them, then {@link #head}.
     *
     * @param os standard output (not closed)
     * @return the document, inside its top-level object
     * @throws IOException from the stream
     */
    static JsonDocument open(OutputStream os) throws IOException {
        JsonGenerator g = JsonFactory.builder().build().createGenerator(os, JsonEncoding.UTF8);
        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        return new JsonDocument(g, os);
    }

    /**
     * Writes the envelope's head: {@code tool}, {@code version}, {@code command}, {@code format} and
     * {@code formatVersion} (when {@code format} is not null) and {@code inputs}.
     *
     * @param command the subcommand's name
     * @param format the document's own format name, or null
     * @param formatVersion its version (with {@code format})
     * @param inputs the inputs of the run
     * @throws IOException from the stream
     */
    void head(String command, String format, int formatVersion, List<Input> inputs) throws IOException {
        g.writeStringField("tool", TOOL);
        g.writeStringField("version", ItlCli.toolVersion());
        g.writeStringField("command", command);
        if (format != null) {
            g.writeStringField("format", format);
            g.writeNumberField("formatVersion", formatVersion);
        }
        g.writeArrayFieldStart("inputs");
        for (Input i : inputs) {
            g.writeStartObject();
            g.writeStringField("role", i.role());
            g.writeStringField("path", i.path());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * @param role the role of every argument
     * @param args command-line arguments ({@code -} is standard input)
     * @return one input per argument
     */
    static List<Input> inputs(String role, List<String> args) {
        List<Input> l = new ArrayList<>();
        for (String a : args) {
            l.add(new Input(role, Inputs.displayName(a)));
        }
        return l;
    }

    /** @return the generator, to write the command's own fields */
    JsonGenerator generator() {
        return g;
    }

    /** @param v the verdict of the run, written before {@code problems} */
    void verdict(String v) {
        this.verdict = v;
    }

    /** @param e a problem of the run */
    void problem(Entry e) {
        problems.add(e);
    }

    /**
     * Adds a file's verification problems.
     *
     * @param file the file's name
     * @param list its problems
     */
    void problems(String file, List<Problem> list) {
        for (Problem p : list) {
            problems.add(new Entry(
                    p.code().name(), p.severity().name(), p.message(), file, p.recordIndex() + 1, p.offset(), -1));
        }
    }

    /**
     * Writes the entry of a file that failed, {@code {"file": ..., "error": {"exitCode": n, "message": ...}}}, in the
     * current array, and adds it to the problems.
     *
     * @param name the file's name
     * @param exitCode the failure's exit code
     * @param e the failure
     * @throws IOException from the stream
     */
    void fileError(String name, int exitCode, Exception e) throws IOException {
        String message = ItlCli.oneLine(ItlCli.message(name, e));
        g.writeStartObject();
        g.writeStringField("file", name);
        g.writeObjectFieldStart("error");
        g.writeNumberField("exitCode", exitCode);
        g.writeStringField("message", message);
        g.writeEndObject();
        g.writeEndObject();
        long offset = e instanceof io.github.itl4j.ItlException x ? x.offset() : -1;
        problems.add(new Entry(codeOf(e, exitCode), "ERROR", message, name, 0, offset, exitCode));
    }

    /**
     * Writes a TLV value as decoded by {@link FieldFormat#decode}: {@code value} (a number, or text) and
     * {@code meaning}, each only when the value decodes exactly. Shared by {@code dump} and {@code show}.
     *
     * @param g the generator, inside the element's object
     * @param d the decoded value
     * @throws IOException from the stream
     */
    static void decoded(JsonGenerator g, FieldFormat.Decoded d) throws IOException {
        if (d.value() instanceof Long n) {
            g.writeNumberField("value", n);
        } else if (d.value() != null) {
            g.writeStringField("value", (String) d.value());
        }
        if (d.meaning() != null) {
            g.writeStringField("meaning", d.meaning());
        }
    }

    /**
     * The code of a failure in {@code problems}: {@code LIMIT_EXCEEDED} for a reading limit, else by its exit code
     * ({@code CHECK_FAILED}, {@code USAGE_ERROR}, {@code MALFORMED_INPUT}, {@code IO_ERROR}, {@code INTERNAL_ERROR}).
     *
     * @param t the failure
     * @param exitCode its exit code
     * @return the code
     */
    static String codeOf(Throwable t, int exitCode) {
        if (t instanceof ItlLimitException) {
            return "LIMIT_EXCEEDED";
        }
        return switch (exitCode) {
            case ExitCodes.CHECK_FAILED -> "CHECK_FAILED";
            case ExitCodes.USAGE -> "USAGE_ERROR";
            case ExitCodes.INPUT -> "MALFORMED_INPUT";
            case ExitCodes.IO -> "IO_ERROR";
            default -> "INTERNAL_ERROR";
        };
    }

    /**
     * Writes {@code verdict} (if set) and {@code problems}, ends the document with a line break and flushes.
     *
     * @throws IOException from the stream
     */
    void end() throws IOException {
        if (verdict != null) {
            g.writeStringField("verdict", verdict);
        }
        g.writeArrayFieldStart("problems");
        for (Entry p : problems) {
            g.writeStartObject();
            g.writeStringField("code", p.code());
            g.writeStringField("severity", p.severity().toUpperCase(Locale.ROOT));
            g.writeStringField("message", p.message());
            if (p.file() != null) {
                g.writeStringField("file", p.file());
            }
            if (p.record() > 0) {
                g.writeNumberField("record", p.record());
            }
            if (p.offset() >= 0) {
                g.writeNumberField("offset", p.offset());
            }
            if (p.exitCode() >= 0) {
                g.writeNumberField("exitCode", p.exitCode());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.close();
        os.write('\n');
        os.flush();
    }
}
