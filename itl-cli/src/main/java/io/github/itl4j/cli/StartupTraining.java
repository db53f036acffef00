package io.github.itl4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the release build (itl-dist): runs a list of {@code itl} command lines in one JVM, so that one
 * run records the classes (JDK 17: {@code -XX:DumpLoadedClassList}) or the classes, linkage and method profiles (JDK
 * 25: {@code -XX:AOTMode=record}) of every command admins use, for the class-data-sharing archive or AOT cache made at
 * build time. JDK 25 records one training run per cache, and the run must have the same class path as {@code itl}
 * itself ({@code lib/itl.jar} alone), which is why this class lives in the CLI's jar. Not part of the {@code itl}
 * command.
 *
 * <p>Usage: {@code java -cp itl.jar io.github.itl4j.cli.StartupTraining COMMANDS-FILE}; one command line per line,
 * arguments separated by tabs, lines starting with {@code #} ignored. Every command must exit with 0: a failing training
 * run would record the wrong classes, so this exits with 1 after printing the command's standard error.
 */
final class StartupTraining {
    private StartupTraining() {}

    /**
     * @param args the commands file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining COMMANDS-FILE");
            System.exit(ExitCodes.USAGE);
        }
        int n = 0;
        for (String[] command : commands(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ItlCli.run(InputStream.nullInputStream(), OutputStream.nullOutputStream(), err, command);
            if (code != ExitCodes.OK) {
                System.err.print(err.toString(StandardCharsets.UTF_8));
                System.err.println("training run failed (exit code " + code + "): itl " + String.join(" ", command));
                System.exit(1);
            }
            n++;
        }
        System.out.println("StartupTraining: " + n + " commands ran");
    }

    /**
     * @param lines the lines of a commands file
     * @return the command lines: tab-separated arguments, without empty lines and {@code #} comments
     */
    static List<String[]> commands(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }
}
