package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads command-line inputs: a path, or {@code -} for standard input. Every read is bounded, so a huge or endless
 * input ends in a one-line error instead of an {@link OutOfMemoryError}.
 *
 * @since 0.1.0
 */
public final class Inputs {
    /** The argument that means standard input (and, for outputs, standard output). */
    public static final String STDIO = "-";
    /** The name standard input has in messages. */
    public static final String STDIN_NAME = "<stdin>";

    private Inputs() {
    }

    /**
     * One input, read whole.
     *
     * @param name the name to use in messages: the argument as given, or {@value #STDIN_NAME}
     * @param path the file, or null for standard input
     * @param data the bytes
     */
    public record Input(String name, Path path, Bytes data) {
    }

    /**
     * @param arg a command-line argument
     * @return the name the input has in messages
     */
    public static String displayName(String arg) {
        return STDIO.equals(arg) ? STDIN_NAME : arg;
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
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory, not a file");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(arg);
        }
        long size = Files.size(path);
        if (size > maxBytes) {
            throw tooLarge(size, maxBytes);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new Input(arg, path, readBounded(in, maxBytes));
        }
    }

    private static CliException tooLarge(long size, long max) {
        return CliException.input(String.format("input is %s bytes; the largest input accepted is %d bytes",
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
        long cap = Math.min(maxBytes, Integer.MAX_VALUE - 16L);
        byte[] buf = new byte[(int) Math.min(8192, cap + 1)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > cap) {
                    throw tooLarge(-1, maxBytes);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > cap) {
            throw tooLarge(-1, maxBytes);
        }
        return Bytes.wrapOwned(n == buf.length ? buf : Arrays.copyOf(buf, n));
    }
}
