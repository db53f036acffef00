package io.github.itl4j.crypto.internal;

import io.github.itl4j.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part: the bytes go to
 * a temporary file in the target's directory (same file system, so the rename is atomic), are forced to the device,
 * then the temporary file is renamed over the target. On any failure, including an interrupt (which closes the
 * channel with {@link java.nio.channels.ClosedByInterruptException}), the temporary file is deleted and the target is
 * left as it was. Not API.
 *
 * <p>Temporary files are named {@code .NAME.<16 hex digits>.tmp} and created with {@code CREATE_NEW} (never
 * following an existing file or link), with the process's default permissions, so the renamed file gets the same
 * permissions as a file written directly (a TFTP server running as another user can still read it).
 *
 * <p>The directory itself is not forced after the rename: after a crash the target holds either the old or the new
 * content, which is all that resumable callers need.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_NAME_IN_TEMP = 100;

    private AtomicFiles() {
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code data}.
     *
     * @param target the file to write; its directory must exist
     * @param data the new content
     * @throws IOException if the temporary file cannot be created, written or forced, or the rename fails; the
     *     temporary file is gone and {@code target} is unchanged
     */
    public static void write(Path target, Bytes data) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        String name = abs.getFileName().toString();
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve(tempName(name));
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 9) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel c = ch) {
                ByteBuffer b = data.asByteBuffer();
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException d) {
                t.addSuppressed(d);
            }
            throw t;
        }
    }

    /**
     * @param fileName a file name
     * @return whether {@link #write} could have made a temporary file of that name (so listings can ignore it)
     */
    public static boolean isTempName(String fileName) {
        if (!fileName.startsWith(".") || !fileName.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        int end = fileName.length() - TEMP_SUFFIX.length();
        int dot = end - 17;
        if (dot < 1 || fileName.charAt(dot) != '.') {
            return false;
        }
        for (int i = dot + 1; i < end; i++) {
            if (Character.digit(fileName.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String tempName(String name) {
        String base = name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name;
        return "." + base + "." + String.format("%016x", ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX;
    }
}
