package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The CLI's checked-in JSON Schemas ({@code src/main/resources/schemas}), each loaded once, and the one way the tests
 * check a command's standard output against them.
 */
final class JsonSchemas {
    /** {@code schemas/envelope.schema.json}: the fields every JSON document of the CLI has. */
    static final JsonSchemas ENVELOPE = load("envelope");
    /** {@code schemas/simulate.schema.json}. */
    static final JsonSchemas SIMULATE = load("simulate");
    /** {@code schemas/audit.schema.json}. */
    static final JsonSchemas AUDIT = load("audit");
    /** {@code schemas/lint.schema.json}. */
    static final JsonSchemas LINT = load("lint");
    /** {@code schemas/diff.schema.json}. */
    static final JsonSchemas DIFF = load("diff");
    /** {@code schemas/plan.schema.json}. */
    static final JsonSchemas PLAN = load("plan");

    private final String name;
    private final JsonSchema schema;

    private JsonSchemas(String name, JsonSchema schema) {
        this.name = name;
        this.schema = schema;
    }

    private static JsonSchemas load(String name) {
        String resource = "/schemas/" + name + ".schema.json";
        try (InputStream in = JsonSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new JsonSchemas(
                    name,
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /**
     * Parses a run's standard output as JSON and asserts that it is valid against this schema.
     *
     * @param r the command's run
     * @return the parsed document
     * @throws IOException when standard output is not JSON
     */
    JsonNode parse(CliRun r) throws IOException {
        JsonNode n = new ObjectMapper().readTree(r.stdoutBytes());
        check(n, r);
        return n;
    }

    /**
     * Asserts that a document of a run is valid against this schema.
     *
     * @param n the document
     * @param r the run it came from (its output is shown when the assertion fails)
     */
    void check(JsonNode n, CliRun r) {
        Set<ValidationMessage> errors = schema.validate(n);
        assertTrue(errors.isEmpty(), () -> name + " schema: " + errors + "\n" + r.stdout());
    }
}
