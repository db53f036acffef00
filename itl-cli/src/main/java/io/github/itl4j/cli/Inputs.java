package io.github.itl4j.cli;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads command-line inputs: a path, or {@code -} for standard input. Every read goes through the library's one
 * bounded reader ({@link BoundedReader}), so a huge or endless input ends in a one-line error instead of an
 * {@link OutOfMemoryError}; trust lists and signed files are read within the library's limits
 * ({@link #read(String, InputStream, ItlReader)}, raised with {@code --limit}).
 *
 * @since 0.1.0
 */
public final class Inputs {
    /** The argument that means standard input (and, for outputs, standard output). */
    public static final String STDIO = "-";
    /** The name standard input has in messages. */
    public static final String STDIN_NAME = "<stdin>";

    /** The limit name of inputs read with a plain byte bound (not one of the library's limits). */
    private static final String INPUT_LIMIT = "maxInputSize";

    private Inputs() {}

    /**
     * One input, read whole.
     *
     * @param name the name to use in messages: the argument as given, or {@value #STDIN_NAME}
     * @param path the file, or null for standard input
     * @param data the bytes
     */
    public record Input(String name, Path path, Bytes data) {}

    /**
     * @param arg a command-line argument
     * @return the name the input has in messages
     */
    public static String displayName(String arg) {
        return STDIO.equals(arg) ? STDIN_NAME : arg;
    }

    /**
     * Reads one ITL/CTL/.sgn file, a path or, for {@code -}, standard input, within the reader's limits, with the
     * library's one bounded reader: a file's size is checked before it is read (and it is read in one copy), a
     * stream is cut off as soon as it holds more than the limits allow.
     *
     * @param arg the argument as given
     * @param stdin standard input (not closed)
     * @param reader the reader whose limits apply ({@link ItlReader#readBytes(InputStream)})
     * @return the input
     * @throws io.github.itl4j.ItlLimitException if the input is larger than the limits allow
     * @throws IOException if it cannot be read (missing, a directory, permissions)
     */
    public static Input read(String arg, InputStream stdin, ItlReader reader) throws IOException {
        if (STDIO.equals(arg)) {
            return new Input(STDIN_NAME, null, reader.readBytes(stdin));
        }
        Path path = regularPath(arg);
        return new Input(arg, path, reader.readBytes(path));
    }

    /**
     * Reads a path or, for {@code -}, standard input, whole.
     *
     * @param arg the argument as given
     * @param stdin standard input (not closed)
     * @param maxBytes the largest input accepted
     * @return the input
     * @throws CliException ({@link ExitCodes#INPUT}) if the input is larger than {@code maxBytes}
     * @throws IOException if it cannot be read (missing, a directory, permissions)
     */
    public static Input read(String arg, InputStream stdin, long maxBytes) throws IOException, CliException {
        if (STDIO.equals(arg)) {
            return new Input(STDIN_NAME, null, readBounded(stdin, maxBytes));
        }
        Path path = regularPath(arg);
        try {
            return new Input(arg, path, BoundedReader.read(path, maxBytes, INPUT_LIMIT));
        } catch (ItlLimitException e) {
            throw tooLarge(e.actual(), maxBytes);
        }
    }

    private static Path regularPath(String arg) throws IOException {
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory, not a file");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(arg);
        }
        return path;
    }

    private static CliException tooLarge(long size, long max) {
        return CliException.input(String.format(
                "input is %s bytes; the largest input accepted is %d bytes",
                size < 0 ? "more than " + max : Long.toString(size), max));
    }

    /**
     * Reads a stream to its end, failing once it holds more than {@code maxBytes}.
     *
     * @param in the stream (not closed)
     * @param maxBytes the largest input accepted
     * @return the bytes
     * @throws CliException if the stream holds more than {@code maxBytes}
     * @throws IOException from the stream
     */
    public static Bytes readBounded(InputStream in, long maxBytes) throws IOException, CliException {
        try {
            return BoundedReader.read(in, maxBytes, INPUT_LIMIT);
        } catch (ItlLimitException e) {
            throw tooLarge(-1, maxBytes);
        }
    }
}
