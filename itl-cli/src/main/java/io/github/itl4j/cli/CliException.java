package io.github.itl4j.cli;

/**
 * A failure a subcommand reports to the user as one line, with the exit code to use. The message is complete on its
 * own (what went wrong and, when known, where); the launcher prefixes it with {@code itl: } and the input's name.
 *
 * @since 0.1.0
 */
public class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message the one-line message
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message the one-line message
     * @param cause the underlying exception, shown with {@code --debug}
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * A usage error ({@link ExitCodes#USAGE}).
     *
     * @param message what is wrong with the command line
     * @return the exception
     */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /**
     * A malformed input ({@link ExitCodes#INPUT}).
     *
     * @param message what is wrong and where
     * @return the exception
     */
    public static CliException input(String message) {
        return new CliException(ExitCodes.INPUT, message);
    }

    /** @return the exit code, one of {@link ExitCodes} */
    public int exitCode() {
        return exitCode;
    }
}
