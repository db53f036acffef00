package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.support.Fixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTypeAndBoundedReaderTest {
    @TempDir
    Path tmp;

    private static Bytes ascii(String s) {
        return Bytes.wrapOwned(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void detectsTheKindsOfFile() {
        byte[] itl = Fixture.valid();
        assertEquals(FileType.TRUST_LIST, FileType.detect(Bytes.wrapOwned(itl)));
        assertEquals(FileType.DAMAGED, FileType.detect(Bytes.wrapOwned(itl).slice(0, 40)));
        assertEquals(FileType.DAMAGED, FileType.detect(Bytes.fromHex("010002")));
        assertEquals(FileType.PEM, FileType.detect(ascii("\n-----BEGIN CERTIFICATE-----\nMIIB\n")));
        assertEquals(FileType.PKCS12, FileType.detect(Bytes.fromHex("30820a0b020103308209c7")));
        assertEquals(FileType.DER, FileType.detect(Bytes.fromHex("308203a0308202")));
        assertEquals(FileType.UNKNOWN, FileType.detect(ascii("hello")));
        assertEquals(FileType.UNKNOWN, FileType.detect(Bytes.EMPTY));
        assertTrue(FileType.TRUST_LIST.isSignedFormat() && FileType.DAMAGED.isSignedFormat());
    }

    @Test
    void aPemOrPkcs12WhereATrustListIsExpectedGetsAHint() {
        ItlFormatException x = assertThrows(ItlFormatException.class, () -> ItlReader.defaults()
                .readTrustList(ascii("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")));
        assertTrue(
                x.getMessage()
                        .contains("; this looks like a PEM certificate (-----BEGIN CERTIFICATE-----), not a "
                                + "trust list or signed file"),
                x.getMessage());
        x = assertThrows(
                ItlFormatException.class, () -> ItlReader.defaults().read(Bytes.fromHex("30820a0b020103308209c7")));
        assertTrue(x.getMessage().contains("this looks like a PKCS#12 key store (.p12/.pfx)"), x.getMessage());
        x = assertThrows(
                ItlFormatException.class,
                () -> ItlReader.defaults().stream(
                        new ByteArrayInputStream("-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(x.getMessage().contains("this looks like a PEM file"), x.getMessage());
        x = assertThrows(ItlFormatException.class, () -> ItlReader.defaults().read(ascii("hello world")));
        assertTrue(!x.getMessage().contains("looks like"), x.getMessage());
    }

    @Test
    void boundedReaderReadsAFileInOneCopyAndStopsAtTheLimit() throws IOException {
        byte[] data = Fixture.valid();
        Path p = Files.write(tmp.resolve("a.tlv"), data);
        assertArrayEquals(
                data,
                BoundedReader.read(p, data.length, ItlLimits.Limit.MAX_FILE_SIZE)
                        .toByteArray());
        ItlLimitException x = assertThrows(
                ItlLimitException.class, () -> BoundedReader.read(p, data.length - 1, ItlLimits.Limit.MAX_FILE_SIZE));
        assertEquals(ItlLimits.Limit.MAX_FILE_SIZE, x.setting());
        assertEquals(data.length, x.actual());
        assertEquals(Bytes.EMPTY, BoundedReader.read(Files.write(tmp.resolve("e"), new byte[0]), 0, "x"));

        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        assertArrayEquals(
                big,
                BoundedReader.read(new ByteArrayInputStream(big), big.length, "x")
                        .toByteArray());
        x = assertThrows(
                ItlLimitException.class,
                () -> BoundedReader.read(new ByteArrayInputStream(big), big.length - 1, ItlLimits.Limit.MAX_RECORDS));
        assertEquals(big.length, x.actual());
        assertEquals("maxRecords", x.limitName());
    }

    /** A channel over {@code content} whose size says {@code size}, reading at most 7 bytes a call. */
    private static final class SizedChannel implements SeekableByteChannel {
        private final byte[] content;
        private final long size;
        private int pos;

        SizedChannel(byte[] content, long size) {
            this.content = content;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos == content.length) {
                return -1;
            }
            int n = Math.min(Math.min(7, dst.remaining()), content.length - pos);
            dst.put(content, pos, n);
            pos += n;
            return n;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public long position() {
            return pos;
        }

        @Override
        public SeekableByteChannel position(long p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** A file that grew or shrank after its size was read, or of unknown size, is read whole, within the limit. */
    @Test
    void boundedReaderReadsAFileThatGrewShrankOrHasNoSize() throws IOException {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i + 1);
        }
        String limit = "maxFileSize";
        for (long size : new long[] {100, 1, 40, 99, 150, 0}) {
            assertArrayEquals(
                    data,
                    BoundedReader.read(new SizedChannel(data, size), Math.max(100, size), limit)
                            .toByteArray(),
                    "size " + size);
        }
        for (long size : new long[] {1, 40, 99, 0}) {
            ItlLimitException x = assertThrows(
                    ItlLimitException.class, () -> BoundedReader.read(new SizedChannel(data, size), 99, limit));
            assertEquals(100, x.actual());
        }
        // over the limit by its size: refused before anything is read
        SizedChannel big = new SizedChannel(data, 1L << 40);
        assertEquals(
                1L << 40,
                assertThrows(ItlLimitException.class, () -> BoundedReader.read(big, 100, limit))
                        .actual());
        assertEquals(0, big.position());
        assertArrayEquals(
                new byte[] {5},
                BoundedReader.read(new SizedChannel(new byte[] {5}, 1), 1, limit)
                        .toByteArray());
        assertEquals(Bytes.EMPTY, BoundedReader.read(new SizedChannel(new byte[0], 0), 0, limit));
    }

    /** A FIFO has no size: it is read as a stream, within the limit. */
    @Test
    void boundedReaderReadsAFifo() throws Exception {
        Path fifo = tmp.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "no mkfifo");
        byte[] data = new byte[20_000];
        Arrays.fill(data, (byte) 3);
        for (long max : new long[] {data.length, data.length - 1}) {
            Thread writer = new Thread(() -> {
                try {
                    Files.write(fifo, data);
                } catch (IOException e) {
                    // the reader stopped at its limit and closed the pipe
                }
            });
            writer.start();
            try {
                if (max == data.length) {
                    assertArrayEquals(
                            data,
                            BoundedReader.read(fifo, max, ItlLimits.Limit.MAX_FILE_SIZE)
                                    .toByteArray());
                } else {
                    assertThrows(
                            ItlLimitException.class,
                            () -> BoundedReader.read(fifo, max, ItlLimits.Limit.MAX_FILE_SIZE));
                }
            } finally {
                writer.join(10_000);
            }
        }
    }

    @Test
    void readBytesOfAStreamAppliesTheLimitTheHeaderCallsFor() throws IOException {
        byte[] itl = Fixture.valid();
        ItlReader r = ItlReader.withLimits(
                ItlLimits.builder().maxFileSize(itl.length).maxPayloadSize(10).build());
        assertArrayEquals(itl, r.readBytes(new ByteArrayInputStream(itl)).toByteArray());
        byte[] longer = Arrays.copyOf(itl, itl.length + 1);
        ItlLimitException x =
                assertThrows(ItlLimitException.class, () -> r.readBytes(new ByteArrayInputStream(longer)));
        assertEquals(ItlLimits.Limit.MAX_FILE_SIZE, x.setting());
        assertEquals(itl.length, x.limit());
        // a .sgn: the payload limit, with the payload's size
        byte[] sgn = Arrays.copyOf(itl, itl.length);
        int fn = Fixture.FILE_NAME + 3;
        sgn[fn + 3] = 's'; // "ab.tlv" -> "ab.slv": not a trust list name
        byte[] sgnLong = Arrays.copyOf(sgn, Fixture.HEADER_LENGTH + 11);
        x = assertThrows(ItlLimitException.class, () -> r.readBytes(new ByteArrayInputStream(sgnLong)));
        assertEquals(ItlLimits.Limit.MAX_PAYLOAD_SIZE, x.setting());
        assertEquals(10, x.limit());
        assertEquals(11, x.actual());
        assertEquals(Fixture.HEADER_LENGTH, x.offset());
        byte[] sgnOk = Arrays.copyOf(sgn, Fixture.HEADER_LENGTH + 10);
        assertEquals(
                10,
                ((SgnFile) r.read(r.readBytes(new ByteArrayInputStream(sgnOk))))
                        .payload()
                        .size());
    }

    /** The secret variant returns exactly the bytes, fails past the limit, and wipes every buffer it drops. */
    @Test
    void readSecretReturnsTheBytesAndWipesWhatItDrops() throws IOException {
        byte[] big = new byte[3 * 8192 + 5];
        Arrays.fill(big, (byte) 0x5a);
        java.util.List<byte[]> seen = new java.util.ArrayList<>();
        java.io.InputStream spy = new ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (seen.isEmpty() || seen.get(seen.size() - 1) != b) {
                    seen.add(b); // every buffer the reader reads into
                }
                return super.read(b, off, len);
            }
        };
        byte[] out = BoundedReader.readSecret(spy, big.length, "x");
        assertArrayEquals(big, out);
        assertTrue(seen.size() > 1, "the buffer grew");
        for (byte[] b : seen) {
            assertTrue(b != out, "a fresh array is returned");
            for (byte x : b) {
                assertEquals(0, x, "a dropped buffer was not wiped");
            }
        }
        seen.clear();
        spy = new ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                seen.add(b);
                return super.read(b, off, len);
            }
        };
        java.io.InputStream over = spy;
        ItlLimitException e = assertThrows(ItlLimitException.class, () -> BoundedReader.readSecret(over, 100, "pw"));
        assertEquals("pw", e.limitName());
        for (byte[] b : seen) {
            for (byte x : b) {
                assertEquals(0, x, "the partial content was not wiped");
            }
        }
        assertEquals(0, BoundedReader.readSecret(new ByteArrayInputStream(new byte[0]), 0, "x").length);
    }
}
