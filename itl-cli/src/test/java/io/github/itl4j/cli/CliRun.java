package io.github.itl4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Runs the CLI in-process with captured standard streams: the one way the CLI tests run a command line and read its
 * exit code, standard output and standard error.
 */
record CliRun(int exitCode, byte[] stdoutBytes, String stderr) {
    static CliRun run(byte[] stdin, String... args) {
        return run(new ByteArrayInputStream(stdin), args);
    }

    static CliRun run(InputStream stdin, String... args) {
        return run(stdin, null, args);
    }

    /**
     * @param stdin standard input
     * @param tty whether standard output is a terminal, or null to ask the system
     * @param args the command line
     * @return the run
     */
    static CliRun run(InputStream stdin, BooleanSupplier tty, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = tty == null ? ItlCli.run(stdin, out, err, args) : ItlCli.run(stdin, out, err, tty, args);
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
