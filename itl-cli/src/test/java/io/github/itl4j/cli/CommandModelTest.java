package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandModel}, the model of a command built without reading annotations, against picocli's reflective model.
 */
class CommandModelTest {
    @Test
    void generatedModelIsCurrent() throws IOException {
        String generated = CommandModelGenerator.generate();
        Path file = Path.of(System.getProperty("basedir", "."), CommandModelGenerator.PATH);
        if (Boolean.getBoolean("itl.regenerate")) {
            Files.writeString(file, generated);
        }
        assertEquals(
                generated,
                Files.readString(file),
                "GeneratedCommandModel.java is stale (a command's annotations changed): regenerate it with "
                        + CommandModelGenerator.REGENERATE + " (from the repository's root), then commit it");
    }
}
