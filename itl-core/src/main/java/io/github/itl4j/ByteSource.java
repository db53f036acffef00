package io.github.itl4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The one cursor the readers read a file through: an array slice (zero-copy: reads are views) or a stream (reads are
 * fresh arrays). {@link ItlReader} and {@link ItlStreamReader} both parse the header with {@link HeaderParser} and the
 * records with {@link RecordParser} over it, so there is one reading path for both.
 */
abstract class ByteSource {
    /** Bytes consumed so far: the file offset of the next byte. */
    long offset;

    /** @return the file offset of the next byte */
    final long offset() {
        return offset;
    }

    /** @return the file size when known (arrays), else -1 (streams) */
    abstract long size();

    /** @return the whole file when it is in memory, for messages that look at more than was read; else null */
    abstract Bytes whole();

    /**
     * Consumes up to {@code n} bytes.
     *
     * @return exactly {@code n} bytes, or fewer at the end of the file
     */
    abstract Bytes read(int n) throws IOException;

    /**
     * Consumes what follows {@code prefix} (the last bytes read) up to {@code total} bytes from the start of
     * {@code prefix}, and returns them as one sequence starting with {@code prefix}.
     *
     * @return exactly {@code total} bytes, or fewer at the end of the file
     */
    abstract Bytes extend(Bytes prefix, int total) throws IOException;

    /** How a frame (a record) says its own size: from a fixed-size prefix. */
    interface Framing {
        /** @return the size of the prefix that holds the frame's length */
        int prefixSize();

        /**
         * Checks the prefix and returns the frame's total size (at least {@link #prefixSize()}).
         *
         * @param buf holds the prefix at {@code at}
         * @param at where the prefix starts in {@code buf}
         * @param available how many prefix bytes there are (fewer than {@link #prefixSize()} at the end of the file)
         * @param offset the file offset of the frame
         */
        int frameSize(Bytes buf, int at, int available, long offset) throws ItlException;
    }

    /**
     * Consumes one frame.
     *
     * @return the frame's bytes (fewer than its size at the end of the file), or null at the end of the file
     */
    abstract Bytes frame(Framing f) throws IOException;

    static ByteSource of(Bytes data) {
        return new ArraySource(data);
    }

    static ByteSource of(InputStream in) {
        return new StreamSource(in);
    }

    private static final class ArraySource extends ByteSource {
        private final Bytes data;

        ArraySource(Bytes data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        long size() {
            return data.size();
        }

        @Override
        Bytes whole() {
            return data;
        }

        @Override
        Bytes read(int n) {
            int pos = (int) offset;
            int len = Math.min(n, data.size() - pos);
            offset += len;
            return data.slice(pos, len);
        }

        @Override
        Bytes frame(Framing f) throws ItlException {
            int pos = (int) offset;
            int left = data.size() - pos;
            if (left == 0) {
                return null;
            }
            int len = Math.min(f.frameSize(data, pos, Math.min(f.prefixSize(), left), offset), left);
            offset += len;
            return data.slice(pos, len); // no copy, no prefix object
        }

        @Override
        Bytes extend(Bytes prefix, int total) {
            int start = (int) offset - prefix.size();
            int len = Math.min(total, data.size() - start);
            offset = start + len;
            return data.slice(start, len);
        }
    }

    private static final class StreamSource extends ByteSource {
        private final InputStream in;

        StreamSource(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
        }

        @Override
        long size() {
            return -1;
        }

        @Override
        Bytes whole() {
            return null;
        }

        @Override
        Bytes read(int n) throws IOException {
            byte[] b = new byte[n];
            int got = in.readNBytes(b, 0, n);
            offset += got;
            return Bytes.wrapOwned(b).slice(0, got);
        }

        @Override
        Bytes frame(Framing f) throws IOException {
            byte[] p = new byte[f.prefixSize()];
            int n = in.readNBytes(p, 0, p.length);
            if (n == 0) {
                return null;
            }
            offset += n;
            Bytes prefix = Bytes.wrapOwned(p);
            return extend(prefix.slice(0, n), f.frameSize(prefix, 0, n, offset - n));
        }

        @Override
        Bytes extend(Bytes prefix, int total) throws IOException {
            byte[] b = new byte[total];
            prefix.copyTo(b, 0);
            int got = in.readNBytes(b, prefix.size(), total - prefix.size());
            offset += got;
            return Bytes.wrapOwned(b).slice(0, prefix.size() + got);
        }
    }
}
