package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationWarning;
import java.io.IOException;
import java.util.List;

/**
 * The JSON of a trust decision's rule chain and fixes, one writer for every command that reports a simulation
 * ({@code itl simulate --json}, {@code itl diff --json}): {@code "chain": [{"rule", "outcome", "detail", "source",
 * "confidence"}]} and {@code "fixes": [{"code", "text", "source"}]} (schemas {@code simulate.schema.json} and
 * {@code diff.schema.json} describe the same objects).
 */
final class RuleChainJson {
    private RuleChainJson() {}

    /**
     * Writes {@code "chain": [...]}.
     *
     * @param g the generator, inside an object
     * @param chain the rule results, in order
     * @throws IOException from the generator
     */
    static void chain(JsonGenerator g, List<RuleResult> chain) throws IOException {
        objects(g, "chain", chain, r -> {
            g.writeStringField("rule", r.rule());
            g.writeStringField("outcome", r.outcome().name());
            g.writeStringField("detail", r.detail());
            strings(g, "source", r.source());
            g.writeStringField("confidence", r.confidence().name());
        });
    }

    /**
     * Writes {@code "fixes": [...]}.
     *
     * @param g the generator, inside an object
     * @param fixes the fixes, first the one that applies best
     * @throws IOException from the generator
     */
    static void fixes(JsonGenerator g, List<Fix> fixes) throws IOException {
        objects(g, "fixes", fixes, f -> {
            g.writeStringField("code", f.code().code());
            g.writeStringField("text", f.text());
            strings(g, "source", f.source());
        });
    }

    /**
     * Writes {@code "warnings": [{"code", "detail"}]}.
     *
     * @param g the generator, inside an object
     * @param warnings the warnings
     * @throws IOException from the generator
     */
    static void warnings(JsonGenerator g, List<SimulationWarning> warnings) throws IOException {
        objects(g, "warnings", warnings, w -> {
            g.writeStringField("code", w.code());
            g.writeStringField("detail", w.detail());
        });
    }

    /** Writes the fields of one object. */
    @FunctionalInterface
    interface Fields<T> {
        /**
         * @param t the value
         * @throws IOException from the generator
         */
        void write(T t) throws IOException;
    }

    /**
     * Writes an array of objects, one a value.
     *
     * @param g the generator, inside an object
     * @param field the field name
     * @param values the values
     * @param fields writes one value's fields
     * @param <T> the value type
     * @throws IOException from the generator
     */
    static <T> void objects(JsonGenerator g, String field, List<T> values, Fields<T> fields) throws IOException {
        g.writeArrayFieldStart(field);
        for (T t : values) {
            g.writeStartObject();
            fields.write(t);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes an array of strings.
     *
     * @param g the generator, inside an object
     * @param field the field name
     * @param values the strings
     * @throws IOException from the generator
     */
    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
