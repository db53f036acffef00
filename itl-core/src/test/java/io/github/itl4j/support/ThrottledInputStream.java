package io.github.itl4j.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/** Hands out at most {@code max} bytes per read (Jackson's ThrottledInputStream); with a seed, a random 1..max. */
public final class ThrottledInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int max;
    private final Random random;

    public ThrottledInputStream(byte[] data, int max, Long seed) {
        this.in = new ByteArrayInputStream(data);
        this.max = max;
        this.random = seed == null ? null : new Random(seed);
    }

    /** One byte per read call. */
    public static ThrottledInputStream oneByte(byte[] data) {
        return new ThrottledInputStream(data, 1, null);
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
        int n = random == null ? max : 1 + random.nextInt(max);
        return in.read(b, off, Math.min(len, n));
    }
}
