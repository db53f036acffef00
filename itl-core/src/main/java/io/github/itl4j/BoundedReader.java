package io.github.itl4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a whole stream or file into memory, never more than a limit: the one bounded read of the library, used by
 * {@link ItlReader} and the CLI alike. Past the limit it stops reading and throws {@link ItlLimitException} naming the
 * limit, so a huge or endless input costs at most the limit's worth of memory.
 *
 * <p>A file is read in one copy: its size is read once (and checked against the limit before anything is
 * allocated), an array of that size is filled, and one more byte is probed (into the array's last slot, so nothing
 * else is allocated); if the file grew meanwhile, reading goes on within the limit, and if it shrank, the bytes read
 * are returned. A file whose size is unknown (a pipe, {@code /proc}) is read as a stream. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class BoundedReader {
    private static final int FIRST_CHUNK = 8192;
    /** Open options as a set made once: {@code Files.newByteChannel(Path, OpenOption...)} copies its array into one. */
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);

    private BoundedReader() {}

    /**
     * Reads a stream (not closed) to its end.
     *
     * @param in the stream
     * @param max the most bytes accepted
     * @param limit the limit {@code max} comes from, for the exception
     * @return the bytes
     * @throws ItlLimitException if the stream holds more than {@code max} bytes (thrown after reading {@code max + 1})
     * @throws IOException from the stream
     */
    public static Bytes read(InputStream in, long max, ItlLimits.Limit limit) throws IOException {
        return read(in, max, limit.builderMethod());
    }

    /**
     * Reads a stream (not closed) to its end.
     *
     * @param in the stream
     * @param max the most bytes accepted
     * @param limitName the name of the limit, for the exception ({@link ItlLimitException#limitName()})
     * @return the bytes
     * @throws ItlLimitException if the stream holds more than {@code max} bytes
     * @throws IOException from the stream
     */
    public static Bytes read(InputStream in, long max, String limitName) throws IOException {
        Objects.requireNonNull(in, "in");
        long cap = Math.min(max, Integer.MAX_VALUE - 16L);
        byte[] buf = new byte[(int) Math.min(FIRST_CHUNK, cap + 1)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > cap) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Bytes.wrapOwned(n == buf.length ? buf : Arrays.copyOf(buf, n));
            }
            n += r;
            if (n > cap) {
                break;
            }
        }
        throw new ItlLimitException(limitName, max, n, ItlException.NO_OFFSET);
    }

    /**
     * Reads a stream (not closed) to its end into an array the caller owns, for secrets (a password file, a private
     * key): every buffer dropped on the way (when the array grows, when the limit is passed or reading fails) is
     * filled with zeros first, so the only copy left is the one returned, which the caller fills with zeros after use.
     *
     * @param in the stream
     * @param max the most bytes accepted
     * @param limitName the name of the limit, for the exception ({@link ItlLimitException#limitName()})
     * @return a fresh array of exactly the bytes read
     * @throws ItlLimitException if the stream holds more than {@code max} bytes (thrown after reading {@code max + 1})
     * @throws IOException from the stream
     */
    public static byte[] readSecret(InputStream in, long max, String limitName) throws IOException {
        Objects.requireNonNull(in, "in");
        long cap = Math.min(max, Integer.MAX_VALUE - 16L);
        byte[] buf = new byte[(int) Math.min(FIRST_CHUNK, cap + 1)];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    if (n > cap) {
                        break;
                    }
                    byte[] bigger = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap + 1));
                    Arrays.fill(buf, (byte) 0);
                    buf = bigger;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
                if (n > cap) {
                    break;
                }
            }
            throw new ItlLimitException(limitName, max, n, ItlException.NO_OFFSET);
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /**
     * Reads a file whole, in one copy when its size does not change while it is read.
     *
     * @param path the file
     * @param max the most bytes accepted
     * @param limit the limit {@code max} comes from, for the exception
     * @return the bytes
     * @throws ItlLimitException if the file is larger than {@code max} (checked before reading)
     * @throws IOException if it cannot be read
     */
    public static Bytes read(Path path, long max, ItlLimits.Limit limit) throws IOException {
        return read(path, max, limit.builderMethod());
    }

    /**
     * Reads a file whole, in one copy when its size does not change while it is read.
     *
     * @param path the file
     * @param max the most bytes accepted
     * @param limitName the name of the limit, for the exception
     * @return the bytes
     * @throws ItlLimitException if the file is larger than {@code max} (checked before reading)
     * @throws IOException if it cannot be read
     */
    public static Bytes read(Path path, long max, String limitName) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path, READ)) {
            return read(ch, max, limitName);
        }
    }

    /**
     * Reads a channel (not closed) at position 0 to its end, in one copy when its {@link SeekableByteChannel#size()}
     * holds, which it may no longer by the time the bytes are read (the file grew or shrank), or may not know (0).
     */
    static Bytes read(SeekableByteChannel ch, long max, String limitName) throws IOException {
        long size = ch.size();
        if (size > max) {
            throw new ItlLimitException(limitName, max, size, ItlException.NO_OFFSET);
        }
        byte[] buf = new byte[(int) Math.min(size, Integer.MAX_VALUE - 16L)];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining() && ch.read(bb) >= 0) {
            // fill
        }
        int n = bb.position();
        if (n < buf.length) {
            return Bytes.wrapOwned(Arrays.copyOf(buf, n)); // the file shrank while it was read
        }
        if (n == 0) {
            // empty, or of unknown size (pipes, /proc): read as a stream, within the limit
            return read(Channels.newInputStream(ch), max, limitName);
        }
        // Probe for one more byte in the array's last slot (its byte saved), so that the probe allocates nothing.
        byte last = buf[n - 1];
        bb.position(n - 1);
        int r;
        while ((r = ch.read(bb)) == 0) {
            // a channel may return 0; read until a byte or the end
        }
        byte probe = buf[n - 1];
        buf[n - 1] = last;
        if (r < 0) {
            return Bytes.wrapOwned(buf);
        }
        // the file grew while it was read: go on reading within the limit
        InputStream rest = new SequenceInputStream(
                new ByteArrayInputStream(buf),
                new SequenceInputStream(new ByteArrayInputStream(new byte[] {probe}), Channels.newInputStream(ch)));
        return read(rest, max, limitName);
    }
}
