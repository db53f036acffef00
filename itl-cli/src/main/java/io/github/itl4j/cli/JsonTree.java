package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.itl4j.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree read with jackson-core's streaming parser, each node keeping its line and column so that errors in
 * the content (not only in the syntax) can say where they are. Duplicate keys are rejected.
 */
final class JsonTree {
    /** A node and where it starts. */
    sealed interface Node permits Obj, Arr, Str, Num, Bool, Null {
        /** @return where the node starts */
        JsonLocation location();
    }

    /** An object; key order is kept but never matters. */
    record Obj(Map<String, Node> fields, JsonLocation location) implements Node {}

    /** An array. */
    record Arr(List<Node> items, JsonLocation location) implements Node {}

    /** A string. */
    record Str(String value, JsonLocation location) implements Node {}

    /** A number: a {@link Long} for integers that fit, else the text. */
    record Num(Object value, JsonLocation location) implements Node {}

    /** true or false. */
    record Bool(boolean value, JsonLocation location) implements Node {}

    /** null. */
    record Null(JsonLocation location) implements Node {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a 64 MiB payload is 128 Mi hex digits
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(160_000_000).build())
            .build();

    private JsonTree() {}

    /**
     * Parses one JSON document.
     *
     * @param data UTF-8 JSON
     * @return its root
     * @throws IOException a {@link JsonParseException} (with location) if the text is not JSON
     */
    static Node parse(Bytes data) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(data.toByteArray());
                JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "empty input: expected a JSON object");
            }
            Node root = read(p, t);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the JSON document");
            }
            return root;
        }
    }

    /**
     * A parser for a document read as a stream (never held whole): duplicate keys rejected, strings up to the hex of
     * a 64 MiB payload, nesting at most 32 levels, the document at most {@code maxDocument} bytes.
     *
     * @param in the UTF-8 JSON
     * @param maxDocument the largest document accepted
     * @return the parser
     * @throws IOException from the stream
     */
    static JsonParser streamingParser(InputStream in, long maxDocument) throws IOException {
        JsonFactory f = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(160_000_000)
                        .maxNestingDepth(32)
                        .maxDocumentLength(maxDocument)
                        .build())
                .build();
        return f.createParser(in);
    }

    /**
     * Reads the value that starts at the current token (an object or array whole, so call it for one element or
     * record at a time).
     *
     * @param p the parser
     * @param t the current token
     * @return the value
     * @throws IOException if the text is not JSON
     */
    static Node read(JsonParser p, JsonToken t) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> fields = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    fields.put(key, read(p, p.nextToken()));
                }
                return new Obj(fields, loc);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t));
                }
                return new Arr(items, loc);
            }
            case VALUE_STRING:
                return new Str(p.getText(), loc);
            case VALUE_NUMBER_INT:
                return new Num(
                        p.getNumberType() == JsonParser.NumberType.INT
                                        || p.getNumberType() == JsonParser.NumberType.LONG
                                ? (Object) p.getLongValue()
                                : p.getText(),
                        loc);
            case VALUE_NUMBER_FLOAT:
                return new Num(p.getText(), loc);
            case VALUE_TRUE:
                return new Bool(true, loc);
            case VALUE_FALSE:
                return new Bool(false, loc);
            case VALUE_NULL:
                return new Null(loc);
            default:
                throw new JsonParseException(p, "unexpected token " + t);
        }
    }

    /**
     * @param n a node
     * @return {@code line L, column C}
     */
    static String where(Node n) {
        JsonLocation l = n.location();
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }
}
