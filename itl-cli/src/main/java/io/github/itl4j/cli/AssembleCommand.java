package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.RecordTags;
import io.github.itl4j.SignedFile;
import io.github.itl4j.cli.FieldFormat.Scope;
import io.github.itl4j.cli.JsonTree.Arr;
import io.github.itl4j.cli.JsonTree.Bool;
import io.github.itl4j.cli.JsonTree.Node;
import io.github.itl4j.cli.JsonTree.Num;
import io.github.itl4j.cli.JsonTree.Obj;
import io.github.itl4j.cli.JsonTree.Str;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl assemble}: rebuilds a file from the JSON of {@code itl dump --json}, checks it with the library and writes
 * it atomically. Only {@code tag}, {@code hex} (or, without {@code hex}, {@code value}), {@code children} and
 * {@code padding} are read from the elements, and {@code kind}, {@code header}, {@code records}/{@code payload} from
 * the document; HEADERLENGTH, RECORDLENGTH and container lengths are computed. The signature is not recomputed.
 *
 * @since 0.1.0
 */
@Command(
        name = "assemble",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild an ITL/CTL/.sgn file from the JSON of 'itl dump --json'.",
            "HEADERLENGTH, RECORDLENGTH and container lengths are computed; the result is checked by reading it "
                    + "back before it is written. The signature is copied, not recomputed: re-sign an edited file."
        },
        sortOptions = false)
public final class AssembleCommand implements Callable<Integer>, ItlCli.Subject {
    /** The largest JSON document read. */
    static final long MAX_JSON = 256L * 1024 * 1024;

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT",
            description = "Where to write the file; - writes standard output.")
    private String output;

    @Parameters(index = "0", paramLabel = "FILE.json", description = "The JSON document; - reads standard input.")
    private String input;

    /** Creates the command; picocli fills in the options. */
    public AssembleCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException c && c.exitCode() == ExitCodes.USAGE ? null : Inputs.displayName(input);
    }

    @Override
    public Integer call() throws CliException, IOException {
        boolean stdin = Inputs.STDIO.equals(input);
        Path path = stdin ? null : Path.of(input);
        Outputs.checkNotInput(path, output);
        if (path != null && Files.isDirectory(path)) {
            throw new IOException("is a directory, not a file");
        }
        Bytes bytes;
        try (InputStream in = stdin
                        ? new FilterInputStream(cli.stdin()) {
                            @Override
                            public void close() {
                                // standard input stays open
                            }
                        }
                        : Files.newInputStream(path);
                JsonParser p = JsonTree.streamingParser(in, MAX_JSON)) {
            bytes = assemble(p, ItlLimits.defaults());
        }
        Outputs.write(output, bytes, cli);
        return ExitCodes.OK;
    }

    /**
     * Builds and checks the file from a document read as a stream: the header elements and the records are read one
     * at a time and encoded at once, so memory holds one element or record of the JSON beside the bytes written so
     * far, which the limits bound ({@link ItlLimits#maxRecords()}, {@link ItlLimits#maxFileSize()},
     * {@link ItlLimits#maxPayloadSize()}): a document over them fails as soon as it crosses one, naming the limit.
     *
     * @param p the parser, before the first token
     * @param limits the limits of the binary reader
     * @return the bytes, accepted by {@link ItlReader#read(Bytes)}
     * @throws CliException ({@link ExitCodes#INPUT}) if the document is not a dump, is over a limit, or the result
     *     is not a valid file
     * @throws IOException if the text is not JSON
     */
    static Bytes assemble(JsonParser p, ItlLimits limits) throws CliException, IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new JsonParseException(p, "empty input: expected a JSON object");
        }
        if (t != JsonToken.START_OBJECT) {
            throw err(JsonTree.read(p, t), "the document must be a JSON object");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        Obj doc = new Obj(fields, p.currentTokenLocation());
        List<TlvElement> header = null;
        int headerSize = 0;
        TlvWriter records = null;
        int recordCount = 0;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            JsonLocation at = p.currentTokenLocation();
            switch (key) {
                case "header" -> {
                    Node mark = new Arr(List.of(), at);
                    fields.put(key, mark);
                    if (v != JsonToken.START_ARRAY) {
                        throw err(JsonTree.read(p, v), "'header' must be a JSON array");
                    }
                    header = new ArrayList<>();
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        TlvElement e = element(JsonTree.read(p, t), "header[" + header.size() + "]", Scope.HEADER, 0);
                        headerSize += e.encodedSize();
                        if (headerSize > 0xFFFF) {
                            throw err(
                                    mark,
                                    "the header would be over 65535 bytes at header[" + header.size()
                                            + "]; HEADERLENGTH holds at most 65535");
                        }
                        header.add(e);
                    }
                }
                case "records" -> {
                    Node mark = new Arr(List.of(), at);
                    fields.put(key, mark);
                    if (v != JsonToken.START_ARRAY) {
                        throw err(JsonTree.read(p, v), "'records' must be a JSON array");
                    }
                    records = new TlvWriter(4096);
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        Node rec = JsonTree.read(p, t);
                        if (recordCount == limits.maxRecords()) {
                            throw overLimit(
                                    rec,
                                    "records[" + recordCount + "]",
                                    "maxRecords",
                                    limits.maxRecords(),
                                    recordCount + 1L);
                        }
                        record(records, rec, "records[" + recordCount + "]");
                        recordCount++;
                        if ((long) headerSize + records.size() > limits.maxFileSize()) {
                            throw overLimit(
                                    rec,
                                    "records[" + (recordCount - 1) + "]",
                                    "maxFileSize",
                                    limits.maxFileSize(),
                                    (long) headerSize + records.size());
                        }
                    }
                }
                case "payload", "format", "formatVersion", "kind" -> fields.put(key, JsonTree.read(p, v));
                default -> p.skipChildren(); // ignored, and never held
            }
        }
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "unexpected content after the JSON document");
        }
        return build(doc, header, headerSize, records, recordCount, limits);
    }

    private static CliException overLimit(Node at, String path, String limit, long max, long actual) {
        ItlLimitException e = new ItlLimitException(limit, max, actual, ItlLimitException.NO_OFFSET);
        return new CliException(
                ExitCodes.INPUT, path + ": " + e.getOriginalMessage() + " (JSON " + JsonTree.where(at) + ")", e);
    }

    /** Checks the document's fields, writes header, records or payload, and reads the result back. */
    private static Bytes build(
            Obj doc, List<TlvElement> header, int headerSize, TlvWriter recs, int recordCount, ItlLimits limits)
            throws CliException {
        String format = optString(doc, "format");
        if (format != null && !DumpCommand.FORMAT.equals(format)) {
            throw err(
                    doc.fields().get("format"),
                    "'format' is \"" + format + "\", expected \"" + DumpCommand.FORMAT + "\"");
        }
        Node ver = doc.fields().get("formatVersion");
        if (ver != null
                && !(ver instanceof Num n
                        && Long.valueOf(DumpCommand.FORMAT_VERSION).equals(n.value()))) {
            throw err(ver, "'formatVersion' must be " + DumpCommand.FORMAT_VERSION);
        }
        Node records = doc.fields().get("records");
        Node payload = doc.fields().get("payload");
        String kind = optString(doc, "kind");
        if (kind == null) {
            if ((records == null) == (payload == null)) {
                throw err(doc, "give 'records' (a trust list) or 'payload' (a signed file), and 'kind'");
            }
            kind = records != null ? "trust-list" : "signed";
        }
        boolean trustList;
        if (kind.equals("trust-list")) {
            trustList = true;
            if (records == null || payload != null) {
                throw err(doc, "a trust-list document has 'records' and no 'payload'");
            }
        } else if (kind.equals("signed")) {
            trustList = false;
            if (payload == null || records != null) {
                throw err(doc, "a signed document has 'payload' and no 'records'");
            }
        } else {
            throw err(doc.fields().get("kind"), "'kind' is \"" + kind + "\", expected \"trust-list\" or \"signed\"");
        }
        if (header == null) {
            throw err(doc, "missing 'header'");
        }
        TlvWriter w = new TlvWriter(headerSize + 1024);
        for (TlvElement e : header) {
            if (e instanceof Tlv t && t.tag() == HeaderTags.HEADER_LENGTH) {
                w.u16(HeaderTags.HEADER_LENGTH, headerSize); // derived
            } else {
                w.element(e);
            }
        }
        if (trustList) {
            if ((long) headerSize + recs.size() > limits.maxFileSize()) {
                throw overLimit(
                        doc, "the document", "maxFileSize", limits.maxFileSize(), (long) headerSize + recs.size());
            }
            w.raw(recs.toBytes());
        } else {
            Node hex = payload instanceof Obj o ? o.fields().get("hex") : payload;
            if (hex == null) {
                throw err(payload, "'payload' needs 'hex'");
            }
            if (hex instanceof Str s && s.value().length() / 2 > limits.maxPayloadSize()) {
                throw overLimit(
                        hex,
                        "payload",
                        "maxPayloadSize",
                        limits.maxPayloadSize(),
                        s.value().length() / 2);
            }
            w.raw(hex(hex, "payload"));
        }
        Bytes out = w.toBytes();

        SignedFile file;
        try {
            file = ItlReader.defaults().read(out);
        } catch (ItlException e) {
            throw new CliException(ExitCodes.INPUT, "the assembled file would not be valid: " + e.getMessage(), e);
        }
        if ((file instanceof ItlFile) != trustList) {
            throw CliException.input("'kind' is \"" + kind + "\", but readers take a file with FILENAME "
                    + file.header().fileName().map(FieldFormat::quote).orElse("(none)") + " as "
                    + (trustList ? "a signed file" : "a trust list") + "; change FILENAME or 'kind'");
        }
        if (file instanceof ItlFile itl && itl.records().size() != recordCount) {
            throw new IllegalStateException("assembled " + recordCount + " records, read back "
                    + itl.records().size());
        }
        return out;
    }

    private static void record(TlvWriter w, Node n, String path) throws CliException {
        Node fieldsNode = n instanceof Obj o ? o.fields().get("fields") : n;
        if (fieldsNode == null) {
            throw err(n, path + ": missing 'fields'");
        }
        List<TlvElement> fields = elements(arr(fieldsNode, path + ".fields"), path + ".fields", Scope.RECORD, 0);
        // The first field is RECORDLENGTH (derived); one is added when the document leaves it out.
        int from = !fields.isEmpty() && fields.get(0).tag() == RecordTags.RECORD_LENGTH ? 1 : 0;
        int size = 5;
        for (TlvElement e : fields.subList(from, fields.size())) {
            size += e.encodedSize();
        }
        if (size > 0xFFFF) {
            throw err(n, path + ": the record would be " + size + " bytes; RECORDLENGTH holds at most 65535");
        }
        w.u16(RecordTags.RECORD_LENGTH, size);
        w.elements(fields.subList(from, fields.size()));
    }

    private static List<TlvElement> elements(Arr a, String path, Scope scope, int depth) throws CliException {
        List<TlvElement> out = new ArrayList<>(a.items().size());
        for (int i = 0; i < a.items().size(); i++) {
            out.add(element(a.items().get(i), path + "[" + i + "]", scope, depth));
        }
        return out;
    }

    private static TlvElement element(Node n, String path, Scope scope, int depth) throws CliException {
        Obj o = obj(n, path);
        Node pad = o.fields().get("padding");
        if (pad != null && !(pad instanceof Bool b && !b.value())) {
            if (!(pad instanceof Bool)) {
                throw err(pad, path + ": 'padding' must be true or false");
            }
            if (scope != Scope.HEADER || depth != 0) {
                throw err(n, path + ": padding is allowed only at the top level of the header");
            }
            for (String k : List.of("tag", "hex", "value", "children")) {
                if (o.fields().containsKey(k)) {
                    throw err(n, path + ": a padding element has no '" + k + "'");
                }
            }
            return Padding.INSTANCE;
        }
        Node tagNode = o.fields().get("tag");
        if (!(tagNode instanceof Num num) || !(num.value() instanceof Long t) || t < 0 || t > 255) {
            throw err(tagNode == null ? n : tagNode, path + ": 'tag' must be an integer 0..255");
        }
        int tag = t.intValue();
        String name = FieldFormat.name(scope, tag);
        boolean container = scope == Scope.HEADER && HeaderTags.isContainer(tag);
        Node children = o.fields().get("children");
        if (container) {
            if (children == null) {
                throw err(n, path + ": " + name + " (tag " + tag + ") is a container: give its 'children'");
            }
            if (o.fields().containsKey("hex") || o.fields().containsKey("value")) {
                throw err(n, path + ": a container has 'children', not 'hex' or 'value'");
            }
            if (depth >= 7) {
                throw err(n, path + ": containers nested too deep");
            }
            List<TlvElement> kids = elements(arr(children, path + ".children"), path + ".children", scope, depth + 1);
            int len = 0;
            for (TlvElement k : kids) {
                len += k.encodedSize();
            }
            if (len > Tlv.MAX_VALUE_LENGTH) {
                throw err(n, path + ": " + name + " would hold " + len + " bytes; a length holds at most 65535");
            }
            return new Container(tag, kids);
        }
        if (children != null) {
            throw err(children, path + ": tag " + tag + " (" + name + ") is not a container; give 'hex'");
        }
        if (scope == Scope.HEADER && depth == 0 && tag == Padding.TAG) {
            throw err(
                    n,
                    path + ": tag 13 at the top level of the header is a padding byte; write {\"padding\": " + "true}");
        }
        boolean derived = (scope == Scope.HEADER && depth == 0 && tag == HeaderTags.HEADER_LENGTH)
                || (scope == Scope.RECORD && path.endsWith(".fields[0]") && tag == RecordTags.RECORD_LENGTH);
        if (derived) {
            return new Tlv(tag, Bytes.wrapOwned(new byte[2])); // the value is computed by the caller
        }
        Node hexNode = o.fields().get("hex");
        Node valueNode = o.fields().get("value");
        Bytes value;
        if (hexNode != null) {
            value = hex(hexNode, path);
            if (valueNode != null) {
                Bytes fromValue = encode(scope, tag, valueNode, path);
                if (!fromValue.equals(value)) {
                    throw err(
                            valueNode,
                            path + ": 'value' and 'hex' of " + name + " disagree (value gives " + preview(fromValue)
                                    + ", hex is " + preview(value) + "); edit one and delete the other");
                }
            }
        } else if (valueNode != null) {
            value = encode(scope, tag, valueNode, path);
        } else {
            throw err(n, path + ": " + name + " needs 'hex' (or a decoded 'value')");
        }
        if (value.size() > Tlv.MAX_VALUE_LENGTH) {
            throw err(n, path + ": " + name + " is " + value.size() + " bytes; a TLV holds at most 65535");
        }
        return new Tlv(tag, value);
    }

    private static Bytes encode(Scope scope, int tag, Node v, String path) throws CliException {
        Object raw = v instanceof Str s ? s.value() : v instanceof Num n ? n.value() : null;
        try {
            if (raw == null) {
                throw new IllegalArgumentException("expected a string or a number");
            }
            return FieldFormat.encode(scope, tag, raw);
        } catch (IllegalArgumentException e) {
            throw err(v, path + ": 'value' of " + FieldFormat.name(scope, tag) + ": " + e.getMessage());
        }
    }

    private static String preview(Bytes b) {
        return b.size() <= 16 ? b.toHex() : b.slice(0, 16).toHex() + "\u2026 (" + b.size() + " bytes)";
    }

    private static Bytes hex(Node n, String path) throws CliException {
        if (!(n instanceof Str s)) {
            throw err(n, path + ": 'hex' must be a string of hex digits");
        }
        String clean = s.value().replaceAll("[\\s:]", "");
        if (clean.length() % 2 != 0) {
            throw err(n, path + ": 'hex' has an odd number of digits (" + clean.length() + ")");
        }
        for (int i = 0; i < clean.length(); i++) {
            if (Character.digit(clean.charAt(i), 16) < 0) {
                throw err(n, path + ": 'hex' has a non-hex character '" + clean.charAt(i) + "' at position " + i);
            }
        }
        return Bytes.fromHex(clean);
    }

    private static Obj obj(Node n, String what) throws CliException {
        if (n instanceof Obj o) {
            return o;
        }
        throw err(n, what + " must be a JSON object");
    }

    private static Arr arr(Node n, String what) throws CliException {
        if (n instanceof Arr a) {
            return a;
        }
        throw err(n, what + " must be a JSON array");
    }

    private static String optString(Obj o, String key) throws CliException {
        Node n = o.fields().get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof Str s) {
            return s.value();
        }
        throw err(n, "'" + key + "' must be a string");
    }

    private static CliException err(Node at, String message) {
        return CliException.input(message + " (JSON " + JsonTree.where(at) + ")");
    }
}
