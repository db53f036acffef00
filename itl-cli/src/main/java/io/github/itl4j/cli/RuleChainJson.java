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
        g.writeArrayFieldStart("chain");
        for (RuleResult r : chain) {
            g.writeStartObject();
            g.writeStringField("rule", r.rule());
            g.writeStringField("outcome", r.outcome().name());
            g.writeStringField("detail", r.detail());
            strings(g, "source", r.source());
            g.writeStringField("confidence", r.confidence().name());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes {@code "fixes": [...]}.
     *
     * @param g the generator, inside an object
     * @param fixes the fixes, first the one that applies best
     * @throws IOException from the generator
     */
    static void fixes(JsonGenerator g, List<Fix> fixes) throws IOException {
        g.writeArrayFieldStart("fixes");
        for (Fix f : fixes) {
            g.writeStartObject();
            g.writeStringField("code", f.code().code());
            g.writeStringField("text", f.text());
            strings(g, "source", f.source());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes {@code "warnings": [{"code", "detail"}]}.
     *
     * @param g the generator, inside an object
     * @param warnings the warnings
     * @throws IOException from the generator
     */
    static void warnings(JsonGenerator g, List<SimulationWarning> warnings) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (SimulationWarning w : warnings) {
            g.writeStartObject();
            g.writeStringField("code", w.code());
            g.writeStringField("detail", w.detail());
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
