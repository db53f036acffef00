package io.github.itl4j.cli;

import io.github.itl4j.crypto.fleet.FleetSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The fleet run of {@code sign-config --fleet} and {@code encrypt-config --fleet}, one place for what both do around
 * the library's run: the checks of {@code --threads}, {@code --glob} and the directories, the progress bar on an
 * interactive terminal, interruption, the failed files (one line each, the first {@value #MAX_LISTED_FAILURES}), the
 * message when no file matched, and the summary line with the exit code.
 */
final class FleetRun {
    /** How many failed files are listed one by one before the rest are counted. */
    static final int MAX_LISTED_FAILURES = 20;

    /** The library's run, given the progress listener to report to (null when no bar is drawn). */
    @FunctionalInterface
    interface Job {
        /**
         * Runs the fleet.
         *
         * @param progress the listener, or null
         * @return the result
         * @throws IOException if the directory cannot be listed or locked
         * @throws InterruptedException if the run was interrupted
         */
        FleetSigner.Result run(FleetSigner.Progress progress) throws IOException, InterruptedException;
    }

    private final ItlCli cli;
    private final String verb;

    /**
     * @param cli the command line, for its streams
     * @param verb what the run does to a file, in the past tense: {@code signed} or {@code encrypted}
     */
    FleetRun(ItlCli cli, String verb) {
        this.cli = cli;
        this.verb = verb;
    }

    /**
     * Checks {@code --threads}.
     *
     * @param threads the value, or null when not given
     * @throws CliException ({@link ExitCodes#USAGE}) when below 1
     */
    static void checkThreads(Integer threads) throws CliException {
        if (threads != null && threads < 1) {
            throw CliException.usage("--threads must be at least 1, got " + threads);
        }
    }

    /**
     * Hands {@code --glob} to the builder(s), as a usage error when malformed.
     *
     * @param glob the value, or null when not given (nothing is done)
     * @param builders sets the glob; throws {@link IllegalArgumentException} for a malformed one
     * @throws CliException ({@link ExitCodes#USAGE}) for a malformed glob
     */
    static void glob(String glob, Consumer<String> builders) throws CliException {
        if (glob == null) {
            return;
        }
        try {
            builders.accept(glob);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--glob: " + e.getMessage());
        }
    }

    /**
     * Checks that each path is a directory.
     *
     * @param dirs the directories
     * @throws NoSuchFileException if one does not exist
     * @throws NotDirectoryException if one is not a directory
     */
    static void checkDirectories(Path... dirs) throws IOException {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw Files.exists(d) ? new NotDirectoryException(d.toString()) : new NoSuchFileException(d.toString());
            }
        }
    }

    /**
     * Runs the job with a progress bar when standard error is an interactive terminal, then reports.
     *
     * @param dir the fleet directory, for the message when no file matched
     * @param glob the {@code --glob} value, or null for the default
     * @param job the library's run
     * @return {@link ExitCodes#OK} when every file is done or up to date, else {@link ExitCodes#CHECK_FAILED}
     * @throws CliException ({@link ExitCodes#CHECK_FAILED}) when interrupted
     * @throws IOException if the directory cannot be listed or locked
     */
    int run(Path dir, String glob, Job job) throws CliException, IOException {
        ProgressBar bar = PasswordOptions.interactiveConsole() != null ? new ProgressBar(cli.err()) : null;
        FleetSigner.Result r;
        try {
            r = job.run(bar);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.CHECK_FAILED, "interrupted; the files " + verb + " so far are complete");
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        return report(dir, glob, r);
    }

    private int report(Path dir, String glob, FleetSigner.Result r) {
        PrintWriter err = cli.err();
        int listed = 0;
        for (FleetSigner.FileResult f : r.failures()) {
            if (listed++ == MAX_LISTED_FAILURES) {
                err.println(
                        ItlCli.PREFIX + "... and " + (r.failures().size() - MAX_LISTED_FAILURES) + " more failures");
                break;
            }
            err.println(ItlCli.oneLine(
                    ItlCli.PREFIX + f.source() + ": " + f.message().orElse("failed") + " ["
                            + f.failure().map(Enum::name).orElse("FAILED") + "]"));
        }
        err.flush();
        if (r.total() == 0) {
            err.println(ItlCli.PREFIX + dir + ": no file matches '" + (glob != null ? glob : FleetSigner.DEFAULT_GLOB)
                    + "'; nothing " + verb + " (check --glob and the directory)");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        cli.out().println(summary(r, verb));
        cli.out().flush();
        return r.isSuccess() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * The last line of a fleet run.
     *
     * @param r the result
     * @param verb {@code signed} or {@code encrypted}
     * @return e.g. {@code 50 files: 48 signed, 2 up to date, 0 failed in 1.250 s (40.0 files/s)}
     */
    static String summary(FleetSigner.Result r, String verb) {
        double s = r.elapsed().toNanos() / 1e9;
        return String.format(
                Locale.ROOT,
                "%d files: %d %s, %d up to date, %d failed in %.3f s (%.1f files/s)",
                r.total(),
                r.signed(),
                verb,
                r.upToDate(),
                r.failed(),
                s,
                s > 0 ? r.total() / s : 0.0);
    }
}
