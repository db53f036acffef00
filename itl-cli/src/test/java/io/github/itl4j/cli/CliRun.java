package io.github.itl4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process with captured standard streams. */
record CliRun(int exitCode, byte[] stdoutBytes, String stderr) {
    static CliRun run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ItlCli.run(new ByteArrayInputStream(stdin), out, err, args);
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(String... args) {
        return run(new byte[0], args);
    }

    String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** The error lines, without the trailing newline. */
    String[] errLines() {
        return stderr.isEmpty() ? new String[0] : stderr.split("\\R");
    }

    static Path testdata() {
        String p = System.getProperty("itl.testdata");
        Path dir = p != null ? Path.of(p) : Path.of("../testdata");
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("test vectors not found under " + dir.toAbsolutePath());
        }
        return dir.resolve("vectors");
    }
}
