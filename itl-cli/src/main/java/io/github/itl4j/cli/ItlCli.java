package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.itl4j.ItlException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code itl} command: inspect, assemble, sign and verify Cisco ITL/CTL trust lists and signed files.
 *
 * <p>Every subcommand is one class listed in {@link Command#subcommands()} below; it gets this object in its field of
 * type {@code ItlCli} (set by {@code Subcommands.injectParent}) and uses {@link #stdin()}, {@link #out()}, {@link #binaryOut()}, {@link #fail(String,
 * Throwable)} and {@link Inputs}/{@link Outputs} for the shared behaviour: inputs as paths or {@code -}, one-line
 * errors (a stack trace only with {@code --debug}), atomic outputs and the {@link ExitCodes}.
 *
 * <p>Run in-process with {@link #run(InputStream, OutputStream, OutputStream, String...)}.
 *
 * @since 0.1.0
 */
@Command(
        name = "itl",
        mixinStandardHelpOptions = true,
        versionProvider = ItlCli.VersionProvider.class,
        description = "Inspect, assemble, sign and verify Cisco ITL/CTL trust lists and signed (.sgn) files.",
        subcommands = {
            DumpCommand.class,
            AssembleCommand.class,
            ShowCommand.class,
            VerifyCommand.class,
            SimulateCommand.class,
            AuditCommand.class,
            PlanCommand.class,
            LintCommand.class,
            DiffCommand.class,
            ChecksumCommand.class,
            StripCommand.class,
            BuildCommand.class,
            ResetCommand.class,
            SignConfigCommand.class,
            BackupKeyCommand.class,
            EncryptConfigCommand.class,
            DecryptConfigCommand.class,
            RollbackCommand.class,
            KeyInfoCommand.class,
            PerDeviceCommand.class,
            ExpiryCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a verification or check failed",
            "2:usage error",
            "3:malformed input (file format or JSON), wrong password or credential",
            "4:I/O error (missing file, permissions, disk full, network, host key, output is a link or device)",
            "70:internal error (a bug in itl4j; run again with --debug and report the stack trace)"
        })
public final class ItlCli implements Callable<Integer> {
    /** The prefix of every error line. */
    public static final String PREFIX = "itl: ";

    @Spec
    CommandSpec spec;

    @Mixin
    private final Global global = new Global();

    private final InputStream stdin;
    private final OutputStream stdout;
    private BooleanSupplier stdoutIsTerminal = () -> false;
    private PrintWriter out;
    private PrintWriter err;

    /**
     * @param stdin standard input
     * @param stdout standard output, for binary outputs ({@code -o -})
     */
    public ItlCli(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** The system property that keeps picocli from registering some of its built-in type converters. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The system property that keeps picocli's factory from looking for Groovy's {@code Closure} class, which
     * {@code itl} does not use: the look-up searches the application jar for a class that is not there and throws
     * (at start-up, in every command).
     */
    static final String NO_CLOSURES = "picocli.disable.closures";

    /**
     * The built-in converters the {@code itl} process leaves out (regular expressions for class names, picocli's
     * syntax): every {@link CommandLine} registers one for each {@code java.time} and {@code java.sql} type by
     * reflection, and {@code Class.forName} initialises them, which builds java.time's standard formatters (several
     * ms at start-up, in every command). No option of {@code itl} relies on them: the two {@code Instant} options have
     * a converter of their own ({@code CliConventionsTest} checks every option of every command).
     */
    static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";

    /**
     * Runs the command in-process (tests, embedding).
     *
     * @param in standard input
     * @param out standard output (text is written as UTF-8)
     * @param err standard error
     * @param args the arguments
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
        return run(in, out, err, out == System.out ? Terminal::stdoutIsTerminal : () -> false, args);
    }

    /**
     * As {@link #run(InputStream, OutputStream, OutputStream, String...)}, with the test of whether standard output is
     * a terminal given (binary output is refused there unless {@code --to-terminal}).
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param stdoutIsTerminal whether {@code out} is a terminal
     * @param args the arguments
     * @return the exit code
     */
    static int run(
            InputStream in, OutputStream out, OutputStream err, BooleanSupplier stdoutIsTerminal, String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            CommandLine cl = commandLine(in, out, o, e, Subcommands.modelled(args));
            CryptoProviders.workload(args);
            ((ItlCli) cl.getCommand()).stdoutIsTerminal = stdoutIsTerminal;
            return cl.execute(args);
        } catch (RuntimeException | Error t) { // outside any command (picocli itself): still one line, exit 70
            e.println(PREFIX + oneLine(message(null, t)) + " (an internal error: run again with --debug and report "
                    + "the stack trace)");
            return ExitCodes.INTERNAL;
        } finally {
            o.flush();
            e.flush();
        }
    }

    /**
     * Builds the picocli command line with the error handling of {@code itl}.
     *
     * @param in standard input
     * @param rawOut standard output as bytes
     * @param out standard output as text (wraps {@code rawOut})
     * @param err standard error as text
     * @return the command line, ready to {@link CommandLine#execute(String...)}
     */
    public static CommandLine commandLine(InputStream in, OutputStream rawOut, PrintWriter out, PrintWriter err) {
        return commandLine(in, rawOut, out, err, null);
    }

    /**
     * As {@link #commandLine(InputStream, OutputStream, PrintWriter, PrintWriter)}, with the full model built only for
     * some subcommands: the others are placeholders that know only their names ({@link Subcommands}).
     *
     * @param modelled the subcommand classes to build, or null for all
     */
    static CommandLine commandLine(
            InputStream in, OutputStream rawOut, PrintWriter out, PrintWriter err, java.util.Set<Class<?>> modelled) {
        ItlCli cli = new ItlCli(in, rawOut);
        CryptoProviders.reset();
        cli.out = out;
        cli.err = err;
        CommandLine cl;
        if (modelled == null) {
            cl = new CommandLine(cli);
            for (CommandLine sub : cl.getSubcommands().values()) {
                Subcommands.injectParent(sub.getCommand(), cli);
            }
        } else {
            cli.spec = Subcommands.spec(cli, modelled);
            cl = new CommandLine(cli.spec);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setUsageHelpAutoWidth(true); // the terminal's width, not 80 columns
        HelpLayout.install(cl);
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (StackOverflowError | OutOfMemoryError | AssertionError | LinkageError e) {
                // picocli lets Errors through; they are internal errors too, reported in one line (exit 70)
                List<CommandLine> cls = parseResult.asCommandLineList();
                throw new CommandLine.ExecutionException(cls.get(cls.size() - 1), String.valueOf(e), e);
            }
        });
        cl.setExecutionExceptionHandler(cli::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println(PREFIX + redactSecrets(oneLine(ex.getMessage()), args));
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                CommandLine.UnmatchedArgumentException.printSuggestions(u, err); // "Did you mean: itl show?"
            }
            CommandLine c = ex.getCommandLine();
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * A command whose failures concern one input: the exception handler names it before the message, unless the
     * message already names its subject.
     */
    interface Subject {
        /**
         * @param failure what the command threw
         * @return the name to put before its message, or null
         */
        String subject(Throwable failure);
    }

    /**
     * The one exception handler of {@code itl}: a command throws, this maps the exception to its exit code
     * ({@link #exitCode(Throwable)}) and one line on standard error ({@link #fail(String, Throwable)}).
     */
    private int handle(Exception ex, CommandLine c, CommandLine.ParseResult parseResult) {
        Throwable t = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        String subject = null;
        if (!(t instanceof Outputs.OutputException) && c != null && c.getCommand() instanceof Subject s) {
            subject = s.subject(t);
        }
        return fail(subject, t);
    }

    /**
     * Option names whose value would be a secret: a password typed on the command line by mistake is never echoed.
     */
    private static boolean secretOption(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (!n.startsWith("-") || n.endsWith("-file") || n.endsWith("-env")) {
            return false;
        }
        return n.contains("pass") || n.contains("pwd") || n.contains("secret") || n.matches("-+pw");
    }

    /**
     * @param message a usage error
     * @param args the command line
     * @return the message with the values of password-like options replaced by {@code ****}
     */
    static String redactSecrets(String message, String[] args) {
        String m = message;
        boolean redacted = false;
        for (int i = 0; args != null && i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (!secretOption(name)) {
                continue;
            }
            String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[i + 1] : null;
            if (value == null || value.isEmpty()) {
                continue;
            }
            // picocli quotes the arguments it names: replace quoted occurrences, and bare ones unless too short to
            // be told from ordinary words
            String before = m;
            m = m.replace("'" + value + "'", "'****'").replace("=" + value + "'", "=****'");
            if (value.length() >= 4) {
                m = m.replace(value, "****");
            }
            redacted |= !m.equals(before);
        }
        if (redacted) {
            m += " (the value was not shown; passwords are never taken on the command line: use --password-file "
                    + "or --password-env)";
        }
        return m;
    }

    @Override
    public Integer call() {
        err.println(PREFIX + "missing command");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    /** @return whether {@code --debug} was given */
    public boolean debug() {
        return global.debug;
    }

    /** @return whether {@code --follow-symlinks} was given */
    public boolean followSymlinks() {
        return global.followSymlinks;
    }

    /** @return whether {@code --to-terminal} was given */
    public boolean toTerminal() {
        return global.toTerminal;
    }

    /** @return whether standard output is a terminal (binary output is then refused unless {@code --to-terminal}) */
    public boolean stdoutIsTerminal() {
        return stdoutIsTerminal.getAsBoolean();
    }

    /** @return standard input */
    public InputStream stdin() {
        return stdin;
    }

    /** @return standard output for text */
    public PrintWriter out() {
        return out;
    }

    /** @return standard error */
    public PrintWriter err() {
        return err;
    }

    /**
     * Standard output for bytes; pending text is flushed first so the two never interleave.
     *
     * @return standard output
     */
    public OutputStream binaryOut() {
        out.flush();
        return stdout;
    }

    /**
     * Reports a failure as one line on standard error ({@code itl: SUBJECT: MESSAGE}), with the stack trace when
     * {@code --debug} was given, and returns its exit code.
     *
     * @param subject what failed (usually the input's name), or null
     * @param t the failure
     * @return its exit code ({@link #exitCode(Throwable)})
     */
    public int fail(String subject, Throwable t) {
        int code = exitCode(t);
        StringBuilder sb = new StringBuilder(PREFIX);
        if (subject != null) {
            sb.append(subject).append(": ");
        }
        sb.append(message(subject, t));
        if (code == ExitCodes.INTERNAL && !debug()) {
            sb.append(" (an internal error: run again with --debug and report the stack trace)");
        }
        err.println(oneLine(sb.toString()));
        if (debug()) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * Reports a FILE that failed in a command that goes on with the next one ({@code show}, {@code verify},
     * {@code checksum}, {@code dump}): standard output is flushed first, so that the message follows what the files
     * before it printed; then the failure is reported as {@link #fail(String, Throwable)} does and, when a JSON
     * document is being written, recorded in it as the file's {@code error} entry.
     *
     * @param name the file's display name
     * @param e the failure
     * @param json the JSON document being written, or null
     * @return the failure's exit code
     * @throws IOException if the JSON entry cannot be written
     */
    int failFile(String name, Exception e, JsonDocument json) throws IOException {
        out.flush();
        int code = fail(name, e);
        if (json != null) {
            json.fileError(name, code, e);
        }
        return code;
    }

    /**
     * @param t a failure
     * @return its exit code: {@link CliException#exitCode()}, {@link ExitCodes#INPUT} for malformed files and JSON,
     *         {@link ExitCodes#IO} for other I/O failures, {@link ExitCodes#INTERNAL} for anything else
     */
    public static int exitCode(Throwable t) {
        if (t instanceof CliException c) {
            return c.exitCode();
        }
        if (t instanceof ItlException
                || t instanceof JsonProcessingException
                || t instanceof java.io.CharConversionException) { // text that is not UTF-8/16/32 (fuzz finding)
            return ExitCodes.INPUT;
        }
        if (t instanceof IOException) {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * The text of a failure, without the subject when the exception repeats it.
     *
     * @param subject what failed, or null
     * @param t the failure
     * @return the message (possibly several lines; {@link #fail} joins them)
     */
    static String message(String subject, Throwable t) {
        if (t instanceof io.github.itl4j.ItlLimitException l) {
            return LimitOptions.message(l); // names the --limit option, not the library's builder method
        }
        if (t instanceof CliException || t instanceof ItlException) {
            return t.getMessage();
        }
        if (t instanceof JsonProcessingException j) {
            JsonLocation loc = j.getLocation();
            String where = loc == null || loc.getLineNr() < 0
                    ? ""
                    : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return "invalid JSON: " + j.getOriginalMessage() + where;
        }
        if (t instanceof FileSystemException f) {
            String file = f.getFile();
            String prefix = file == null || file.equals(subject) ? "" : file + ": ";
            String reason;
            if (t instanceof NoSuchFileException) {
                reason = "no such file or directory";
            } else if (t instanceof AccessDeniedException) {
                reason = "permission denied";
            } else if (t instanceof NotDirectoryException) {
                reason = "not a directory";
            } else {
                reason = f.getReason() != null ? f.getReason() : t.getClass().getSimpleName();
            }
            String other = f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "";
            return prefix + reason + other;
        }
        if (t instanceof FileNotFoundException || t instanceof IOException) {
            return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        }
        return t.getClass().getName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }

    /**
     * @param s text
     * @return the text on one line: line breaks become {@code " "}
     */
    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** @return the version of itl4j from the build ({@code version.properties}), or {@code unknown} */
    static String toolVersion() {
        try (InputStream in = ItlCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    /**
     * The options of {@code itl} itself, inherited by every subcommand; a mixin so that the lazy model
     * ({@link Subcommands}) can add them without {@code ItlCli}'s subcommand list.
     */
    static final class Global {
        @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
        private boolean debug;

        @Option(
                names = "--to-terminal",
                scope = ScopeType.INHERIT,
                description = "Write binary output (-o -) even when standard output is a terminal.")
        private boolean toTerminal;

        @Option(
                names = "--follow-symlinks",
                scope = ScopeType.INHERIT,
                description = "Write outputs (and, with sign-config, read sources) through symbolic links; by "
                        + "default a link where an output or a fleet source is expected is refused.")
        private boolean followSymlinks;

        @Option(
                names = "--provider",
                scope = ScopeType.INHERIT,
                paramLabel = "jdk|native|bc",
                description =
                        "The JCA provider that signs and verifies: jdk (the JDK's), native (Amazon Corretto Crypto "
                                + "Provider, linux-x86_64) or bc (Bouncy Castle). Default: native where it loads, else jdk. "
                                + "Signatures are the same with every provider; itl --version shows the one in use.")
        private void provider(String value) {
            CryptoProviders.choose(value);
        }
    }

    /** Prints {@code itl VERSION} from the build, with the Java version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "itl " + toolVersion() + " (itl4j)",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                CryptoProviders.describe()
            };
        }
    }
}
