package io.github.itl4j.testkit;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlStreamReader;
import io.github.itl4j.ItlWarning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test data location, throttled streams, and a streaming read-all. */
final class Support {
    private Support() {}

    static Path vectors() {
        String p = System.getProperty("itl.testdata");
        Path root = p != null ? Path.of(p) : Path.of("..", "testdata");
        return root.resolve("vectors");
    }

    static List<Path> list(String dir, String suffix) {
        try (Stream<Path> s = Files.list(vectors().resolve(dir))) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> itlVectors() {
        return list("certutils/itl", ".tlv");
    }

    static List<Path> sgnVectors() {
        return list("certutils/sgn", ".sgn");
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out at most {@code max} bytes per read (a random 1..max with a seed). */
    static final class Throttled extends InputStream {
        private final ByteArrayInputStream in;
        private final int max;
        private final Random random;

        Throttled(byte[] data, int max, Long seed) {
            this.in = new ByteArrayInputStream(data);
            this.max = max;
            this.random = seed == null ? null : new Random(seed);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            return in.read(b, off, Math.min(len, random == null ? max : 1 + random.nextInt(max)));
        }
    }

    /** What a streaming read gives: header, records, warnings. */
    record Streamed(ItlHeader header, List<ItlRecord> records, List<ItlWarning> warnings, long offset) {}

    static Streamed streamAll(ItlReader reader, InputStream in) throws IOException {
        try (ItlStreamReader r = reader.stream(in)) {
            List<ItlRecord> records = new ArrayList<>();
            for (ItlRecord rec; (rec = r.nextRecord()) != null; ) {
                records.add(rec);
            }
            return new Streamed(r.header(), records, r.warnings(), r.offset());
        }
    }

    static Bytes concat(List<Bytes> parts) {
        int n = parts.stream().mapToInt(Bytes::size).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (Bytes b : parts) {
            b.copyTo(out, at);
            at += b.size();
        }
        return Bytes.wrapOwned(out);
    }

    /** Asserts the contract of an ItlException: a location that makes sense for an input of {@code size} bytes. */
    static void checkException(ItlException e, long size) {
        if (e.offset() < ItlException.NO_OFFSET || e.offset() > size) {
            throw new AssertionError("offset " + e.offset() + " outside a " + size + "-byte input", e);
        }
        if (!messageContract(e)) {
            throw new AssertionError("message", e);
        }
    }

    /**
     * @return whether the messages fit together: the original message is the problem then the hint, the message the
     *     problem, then the location, then the hint
     */
    static boolean messageContract(ItlException e) {
        String original = e.getOriginalMessage();
        String hint = e.hint();
        if (original == null || hint == null || !original.endsWith(hint)) {
            return false;
        }
        String problem = original.substring(0, original.length() - hint.length());
        return e.getMessage().startsWith(problem) && e.getMessage().endsWith(hint);
    }
}
