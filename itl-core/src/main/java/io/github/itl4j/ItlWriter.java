package io.github.itl4j;

import io.github.itl4j.tlv.TlvWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes files from their model. A file that was read encodes to exactly the bytes it was read from (element order,
 * unknown tags and padding are kept). Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ItlWriter {
    private ItlWriter() {}

    /**
     * Encodes {@code file} from its model (header, then the records or the payload). Unlike
     * {@link SignedFile#encoded()}, this never returns the bytes a file was read from, though it copies those of a
     * header that was read ({@link ItlHeader#encode()}).
     *
     * @param file the file
     * @return its encoding
     */
    public static Bytes encode(SignedFile file) {
        ItlHeader h = file.header();
        if (file instanceof ItlFile f) {
            long size = f.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("file too large to encode in memory: " + size);
            }
            TlvWriter w = new TlvWriter((int) size);
            h.writeTo(w);
            for (ItlRecord r : f.records()) {
                w.raw(r.encoded());
            }
            return w.toBytes();
        }
        SgnFile s = (SgnFile) file;
        TlvWriter w = new TlvWriter(h.length() + s.payload().size());
        h.writeTo(w);
        return w.raw(s.payload()).toBytes();
    }

    /**
     * Writes {@link #encode(SignedFile)} to {@code out}.
     *
     * @param file the file
     * @param out the stream (not closed)
     * @throws IOException from the stream
     */
    public static void write(SignedFile file, OutputStream out) throws IOException {
        encode(file).writeTo(out);
    }
}
