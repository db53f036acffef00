package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes command outputs so that a reader never sees half a file: the bytes go to a temporary file in the target's
 * directory, which is flushed to disk and then renamed over the target in one step. On any failure the temporary
 * file is deleted and the target is left as it was.
 *
 * @since 0.1.0
 */
public final class Outputs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Outputs() {
    }

    /**
     * Writes {@code data} to a path, or to standard output for {@code -}.
     *
     * @param arg the output argument as given
     * @param data the bytes
     * @param stdout standard output (flushed, not closed)
     * @throws IOException if the file cannot be written; no partial file remains
     */
    public static void write(String arg, Bytes data, OutputStream stdout) throws IOException {
        if (Inputs.STDIO.equals(arg)) {
            data.writeTo(stdout);
            stdout.flush();
        } else {
            writeAtomically(Path.of(arg), data);
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
     * Replaces (or creates) {@code target} with {@code data} atomically: temporary file in the same directory,
     * {@code fsync}, then {@link StandardCopyOption#ATOMIC_MOVE}. An existing target keeps its POSIX permissions; a
     * symbolic link is followed, so the file it points to is replaced.
     *
     * @param target the file to write
     * @param data the bytes
     * @throws IOException if the directory is missing or not writable, or the disk is full; no partial file remains
     */
    public static void writeAtomically(Path target, Bytes data) throws IOException {
        if (Files.isSymbolicLink(target) && Files.exists(target)) {
            target = target.toRealPath();
        }
        if (Files.isDirectory(target)) {
            throw new IOException(target + ": is a directory");
        }
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = data.asByteBuffer();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] r = new byte[6];
            RANDOM.nextBytes(r);
            Path tmp = dir.resolve("." + name + "." + HexFormat.of().formatHex(r) + ".tmp");
            try {
                // CREATE_NEW with the default permissions (the umask applies), never a predictable shared name
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (src != null && Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(to, src.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file keeps the default permissions
        }
    }

    private static void syncDirectory(Path dir) {
        // makes the rename durable on POSIX file systems; not possible everywhere (Windows), so best effort
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // ignored
        }
    }
}
