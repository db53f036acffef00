package io.github.itl4j.cli;

import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.fleet.FleetSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl sign-config}: signs a configuration file into a {@code .sgn} ({@code FILE -o OUT.sgn}), or every
 * configuration file of a directory ({@code --fleet DIR}) on every core, as CUCM's TFTP service does for
 * {@code SEP<MAC>.cnf.xml}. A fleet run is resumable: a file whose {@code .sgn} is newer, holds the same payload and
 * verifies with this key is skipped. A progress bar is drawn on standard error when it is a terminal; a summary
 * follows; the exit code is {@value ExitCodes#CHECK_FAILED} when any file failed.
 *
 * @since 0.1.0
 */
@Command(
        name = "sign-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign a configuration file into a .sgn file, or every configuration file of a directory.",
            "FILENAME in the header is NAME.sgn for a source NAME, as CUCM publishes it (override with --file-name)."
        },
        footer = {
            "",
            "Examples:",
            "  itl sign-config SEP001122334455.cnf.xml -o SEP001122334455.cnf.xml.sgn --key tftp.key --cert tftp.pem",
            "  itl sign-config --fleet /tftpboot --glob 'SEP*.cnf.xml' --p12 tftp.p12 --password-file tftp.pass",
            "",
            "Exit codes: 0 all signed or up to date, 1 some files failed (listed) or no file matched, 2 usage, "
                    + "3 bad key, 4 I/O (also: another fleet run holds the directory's lock).",
            "Only regular files are signed: a symbolic link is refused unless --follow-symlinks. A .sgn never gets "
                    + "wider permissions than its source."
        })
public final class SignConfigCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "The file to sign; - reads standard input (then give -o and --file-name). A directory "
                    + "is signed as with --fleet DIR.")
    private String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            description = "Where to write the .sgn (atomically); default FILE.sgn; - writes standard output.")
    private String output;

    @Option(
            names = "--file-name",
            paramLabel = "NAME",
            description = "FILENAME in the header; default the name of FILE plus .sgn.")
    private String fileName;

    @Option(
            names = "--fleet",
            paramLabel = "DIR",
            description = "Sign every file of DIR matching --glob into NAME.sgn beside it (or in --out-dir).")
    private Path fleet;

    @Option(
            names = "--glob",
            paramLabel = "GLOB",
            description = "With --fleet: the file names to sign (default '" + FleetSigner.DEFAULT_GLOB + "'); "
                    + "names ending in .sgn are never taken.")
    private String glob;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "With --fleet: worker threads (default: one per processor).")
    private Integer threads;

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            description =
                    "With --fleet: write the .sgn files here (created if missing) instead of beside the " + "sources.")
    private Path outDir;

    @Option(names = "--force", description = "With --fleet: sign every file again, even when its .sgn is up to date.")
    private boolean force;

    @Option(
            names = "--recursive",
            description = "With --fleet: sign the files of subdirectories too; FILENAME "
                    + "keeps the path relative to DIR (the TFTP root): List.xml in Desktops/320x196x4 gets the FILENAME "
                    + "List.xml.sgn after Desktops/320x196x4/ (a slash between the parts).")
    private boolean recursive;

    @Mixin
    private SignerOptions signing = new SignerOptions();

    @Option(
            names = "--layout",
            paramLabel = "LAYOUT",
            defaultValue = "cucm",
            converter = Converters.LayoutConverter.class,
            description = "The header layout: cucm (default; what CUCM's TFTP service writes, as itl build does) or "
                    + "certutils (what sgnfile writes).")
    private Layout layout;

    /** Creates the command; picocli fills in the options. */
    public SignConfigCommand() {}

    @Override
    public Integer call() throws CliException, IOException {
        signing.warnDigest();
        if (fleet == null && input != null && !Inputs.STDIO.equals(input) && output == null && isDirectory(input)) {
            fleet = Path.of(input); // `itl sign-config [options] DIR` is a fleet run, as `--fleet DIR`
            input = null;
        }
        return fleet != null ? fleet() : single();
    }

    @Override
    public String subject(Throwable failure) {
        if (failure instanceof CliException) {
            return null; // the message names its subject
        }
        return fleet != null ? fleet.toString() : input == null ? null : Inputs.displayName(input);
    }

    private static boolean isDirectory(String arg) {
        try {
            return Files.isDirectory(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ one file

    private int single() throws CliException, IOException {
        if (glob != null || threads != null || outDir != null || force || recursive) {
            throw CliException.usage("--glob, --threads, --out-dir, --force and --recursive go with --fleet DIR");
        }
        if (input == null) {
            throw CliException.usage("give the FILE to sign, or --fleet DIR");
        }
        signing.key().check(true, null);
        boolean stdin = Inputs.STDIO.equals(input);
        String out = output;
        if (out == null) {
            if (stdin) {
                throw CliException.usage("give -o OUT when signing standard input");
            }
            out = input + ".sgn";
        }
        String name = fileName;
        if (name == null) {
            if (!stdin) {
                name = Path.of(input).getFileName() + ".sgn";
            } else if (!Inputs.STDIO.equals(out)) {
                name = Path.of(out).getFileName().toString();
            } else {
                throw CliException.usage("give --file-name when signing standard input to standard output");
            }
        }
        if (name.isEmpty()) {
            throw CliException.usage("--file-name is empty");
        }
        Outputs.checkNotInput(stdin ? null : Path.of(input), out);
        for (Path p : signing.key().files()) {
            Outputs.checkNotInput(p, out);
        }
        Set<PosixFilePermission> sourcePermissions = stdin ? null : checkRegularSource(Path.of(input));
        Inputs.Input in;
        try {
            in = Inputs.read(input, cli.stdin(), ItlLimits.DEFAULT_MAX_PAYLOAD_SIZE);
        } catch (CliException e) { // name the file: "input is N bytes" alone does not say which
            throw new CliException(e.exitCode(), Inputs.displayName(input) + ": " + e.getMessage(), e);
        }
        refuseSignedInput(in);
        ItlSigner signer = signing.signer();
        SgnFile sgn;
        try {
            sgn = signer.signConfig(in.data(), name, layout);
        } catch (ItlSigningException e) {
            throw new CliException(ExitCodes.of(e), in.name() + ": " + e.getMessage(), e);
        }
        Outputs.write(out, sgn.encoded(), cli, sourcePermissions);
        boolean toStdout = Inputs.STDIO.equals(out);
        PrintWriter w = toStdout ? cli.err() : cli.out();
        w.println("signed " + in.name() + " -> " + (toStdout ? "<stdout>" : out) + ": FILENAME " + name + ", "
                + sgn.encoded().size() + " bytes (header " + sgn.header().length() + ", payload "
                + in.data().size()
                + "), " + signer.digest() + ", signer "
                + signer.key().certificate().getSubjectX500Principal().getName());
        w.flush();
        return ExitCodes.OK;
    }

    /**
     * Refuses a source that is not a regular file (a link unless {@code --follow-symlinks}, a device, FIFO or
     * socket), and returns its permissions, the widest the output may get.
     */
    private Set<PosixFilePermission> checkRegularSource(Path p) throws CliException, IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            if (!cli.followSymlinks()) {
                throw new CliException(
                        ExitCodes.IO,
                        input + ": is a symbolic link; not followed, nothing signed "
                                + "(give --follow-symlinks to sign the file it points to)");
            }
            a = Files.readAttributes(p, BasicFileAttributes.class);
        }
        if (!a.isRegularFile()) {
            throw new CliException(
                    ExitCodes.IO,
                    input + ": is not a regular file (a directory, device, FIFO or " + "socket); nothing signed");
        }
        return Outputs.permissions(p);
    }

    /**
     * Refuses a FILE that is already a .sgn: signing it again would wrap content nobody verified (its own signature
     * is not checked here) in a signature of this key. Re-signing means verifying it, stripping it and signing the
     * payload, each step explicit.
     */
    private static void refuseSignedInput(Inputs.Input in) throws CliException {
        SgnFile existing;
        try {
            existing = ItlReader.defaults().readSigned(in.data());
        } catch (IOException | RuntimeException e) {
            return; // not a .sgn: a configuration file to sign
        }
        throw new CliException(
                ExitCodes.INPUT,
                in.name() + ": already a signed file (.sgn, FILENAME "
                        + existing.header().fileName().orElse("?")
                        + "); its content is not re-signed unverified: check it "
                        + "with 'itl verify --trust CERT', extract it with 'itl strip', then sign the extracted file");
    }

    // ------------------------------------------------------------------ a directory

    private int fleet() throws CliException, IOException {
        if (input != null || output != null || fileName != null) {
            throw CliException.usage("--fleet DIR signs a directory: FILE, -o and --file-name are for one file");
        }
        FleetRun.checkThreads(threads);
        signing.key().check(true, null);
        FleetRun.checkDirectories(fleet);
        FleetSigner.Builder b = FleetSigner.builder(signing.signer())
                .layout(layout)
                .force(force)
                .recursive(recursive)
                .outputDirectory(outDir)
                .followSymlinks(cli.followSymlinks());
        FleetRun.glob(glob, b::glob);
        if (threads != null) {
            b.threads(threads);
        }
        return new FleetRun(cli, "signed")
                .run(fleet, glob, progress -> b.progress(progress).build().sign(fleet));
    }
}
