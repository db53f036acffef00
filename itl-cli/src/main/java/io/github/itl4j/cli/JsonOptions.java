package io.github.itl4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --json}: write one JSON document for the whole run, in the common envelope ({@link JsonDocument},
 * docs/json.md), instead of text. The picocli mixin of every command whose output has a JSON form.
 *
 * @since 0.1.0
 */
public final class JsonOptions {
    @Option(
            names = "--json",
            description = "Write one JSON document for the whole run (the itl4j envelope: tool, "
                    + "version, command, inputs, verdict, problems) instead of text.")
    private boolean json;

    /** Creates the options; picocli fills them in. */
    public JsonOptions() {}

    /** @return whether {@code --json} was given */
    public boolean given() {
        return json;
    }

    /**
     * Starts the document when {@code --json} was given ({@link JsonDocument#start}).
     *
     * @param os standard output
     * @param command the subcommand's name
     * @param format the document's own format name, or null
     * @param formatVersion its version
     * @param inputs the inputs of the run
     * @return the document, or null without {@code --json}
     * @throws IOException from the stream
     */
    JsonDocument start(
            OutputStream os, String command, String format, int formatVersion, List<JsonDocument.Input> inputs)
            throws IOException {
        return json ? JsonDocument.start(os, command, format, formatVersion, inputs) : null;
    }
}
