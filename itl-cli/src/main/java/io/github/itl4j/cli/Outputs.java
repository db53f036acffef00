package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.io.AtomicFileWriter;
import io.github.itl4j.io.UnsafeTargetException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes command outputs with the project's one output writer, {@link AtomicFileWriter}: a reader never sees half a
 * file (temporary file created {@code O_EXCL} with {@code rw-------} in the target's directory, forced to disk, then
 * renamed over the target), a directory, device node, FIFO or socket is never replaced, and a symbolic link at the
 * output path is refused unless {@code --follow-symlinks} was given. {@code -} writes standard output.
 *
 * <p>A failure names the output path as the user gave it (never the temporary file) and is an {@link OutputException},
 * so the error line is about the output, not the input.
 *
 * @since 0.1.0
 */
public final class Outputs {
    private Outputs() {}

    /**
     * A failure to write an output; its message starts with the output path.
     *
     * @since 0.1.0
     */
    public static final class OutputException extends CliException {
        private static final long serialVersionUID = 1L;

        OutputException(String message, Throwable cause) {
            super(ExitCodes.IO, message, cause);
        }
    }

    /**
     * Writes {@code data} to a path, or to standard output for {@code -}, as the options of {@code cli} say
     * ({@code --follow-symlinks}).
     *
     * @param arg the output argument as given
     * @param data the bytes
     * @param cli the command line (standard output, options)
     * @throws OutputException if the file cannot be written or is refused; no partial file remains
     * @throws IOException if standard output fails
     */
    public static void write(String arg, Bytes data, ItlCli cli) throws IOException, CliException {
        write(arg, data, cli, null);
    }

    /**
     * Writes {@code data} as {@link #write(String, Bytes, ItlCli)} does, with permissions no wider than
     * {@code atMost} (the source's, for a signed copy of it).
     *
     * @param arg the output argument as given
     * @param data the bytes
     * @param cli the command line (standard output, options)
     * @param atMost the widest POSIX permissions the file may get, or null for no bound
     * @throws OutputException if the file cannot be written or is refused; no partial file remains
     * @throws IOException if standard output fails
     */
    public static void write(String arg, Bytes data, ItlCli cli, Set<PosixFilePermission> atMost)
            throws IOException, CliException {
        if (Inputs.STDIO.equals(arg)) {
            if (cli.stdoutIsTerminal() && !cli.toTerminal() && isBinary(data)) {
                throw CliException.usage("refusing to write " + data.size() + " bytes of binary output to the "
                        + "terminal; redirect standard output (> FILE, | xxd), give -o FILE, or add --to-terminal");
            }
            OutputStream stdout = cli.binaryOut();
            data.writeTo(stdout);
            stdout.flush();
        } else {
            writeFile(Path.of(arg), data, cli.followSymlinks(), atMost);
        }
    }

    /**
     * The permissions of a source, the widest its output may get ({@link #write(String, Bytes, ItlCli, Set)}).
     *
     * @param source the source file
     * @return its POSIX permissions, or null where the file system has none
     * @throws IOException if they cannot be read
     */
    static Set<PosixFilePermission> permissions(Path source) throws IOException {
        try {
            return Files.getPosixFilePermissions(source);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Whether bytes would garble a terminal: control characters other than tab, line feed, carriage return and form
     * feed, or bytes that are not UTF-8. Trust lists and .sgn files are binary; a stripped configuration file is
     * usually text.
     *
     * @param data the bytes
     * @return true if they are not plain text
     */
    static boolean isBinary(Bytes data) {
        for (int i = 0; i < data.size(); i++) {
            int b = data.getUnsigned(i);
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) {
                return true;
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(data.asByteBuffer());
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    /**
     * Fails if the output exists (a command that makes a new file from other inputs never replaces one silently).
     *
     * @param outArg the output argument ({@code -} for standard output)
     * @param option the option that allows replacing it, for the message
     * @throws CliException ({@link ExitCodes#USAGE}) if it exists
     */
    public static void checkAbsent(String outArg, String option) throws CliException {
        if (Inputs.STDIO.equals(outArg)) {
            return;
        }
        if (Files.exists(Path.of(outArg), LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.usage("the output " + outArg + " exists; give " + option + " to replace it");
        }
    }

    /**
     * Fails if writing {@code outArg} would replace the input file (the same file, through any path or link).
     *
     * @param input the input file, or null for standard input
     * @param outArg the output argument ({@code -} for standard output)
     * @throws CliException ({@link ExitCodes#USAGE}) if both are the same file
     */
    public static void checkNotInput(Path input, String outArg) throws CliException {
        if (input == null || Inputs.STDIO.equals(outArg)) {
            return;
        }
        Path out = Path.of(outArg);
        try {
            if (Files.exists(out) && Files.isSameFile(input, out)) {
                throw CliException.usage("the output " + outArg + " is the input file; write to another file");
            }
        } catch (IOException e) {
            // cannot tell: the write itself reports the problem
        }
    }

    /**
     * Replaces (or creates) {@code target} with {@code data} atomically, with {@link AtomicFileWriter#defaults()}.
     *
     * @param target the file to write
     * @param data the bytes
     * @param followSymlinks whether a symbolic link at {@code target} is followed (else refused)
     * @param atMost the widest POSIX permissions the file may get, or null for no bound
     * @throws OutputException if the target is refused or cannot be written; the message names {@code target}
     * @throws ClosedByInterruptException if interrupted; nothing was changed
     */
    public static void writeFile(Path target, Bytes data, boolean followSymlinks, Set<PosixFilePermission> atMost)
            throws CliException, ClosedByInterruptException {
        try {
            AtomicFileWriter.defaults()
                    .followSymlinks(followSymlinks)
                    .permissionsAtMost(atMost)
                    .write(target, data);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (UnsafeTargetException e) {
            String hint = e.kind() == UnsafeTargetException.Kind.SYMBOLIC_LINK
                    ? " (give --follow-symlinks to replace the file it points to)"
                    : "";
            throw new OutputException(target + ": " + e.getReason() + hint, e);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : ItlCli.message(target.toString(), e);
            throw new OutputException(target + ": cannot write: " + reason, e);
        }
    }
}
