package io.github.itl4j;

/**
 * Limits applied while reading, checked before anything is allocated. Immutable and thread-safe.
 *
 * <p>Defaults are grounded in real files: ITL/CTL files are a few KB to tens of KB; Cisco notes that an ITL over 64 KB
 * (more than about 39 certificates) fails to load on phones, and phones cap downloads at 2048 KB. Every single value,
 * record and header is at most 65535 bytes by construction (16-bit lengths), so no separate value limit is needed.
 *
 * @param maxFileSize largest trust list (ITL/CTL) accepted, in bytes
 * @param maxRecords most records accepted in one trust list
 * @param maxPayloadSize largest payload of a signed (.sgn) file, in bytes
 * @since 0.1.0
 */
public record ItlLimits(long maxFileSize, int maxRecords, long maxPayloadSize) {
    /** Default {@link #maxFileSize()}: 2 MiB, the phones' download cap. */
    public static final long DEFAULT_MAX_FILE_SIZE = 2L * 1024 * 1024;
    /** Default {@link #maxRecords()}: 1024, far above the 39 certificates phones can load. */
    public static final int DEFAULT_MAX_RECORDS = 1024;
    /** Default {@link #maxPayloadSize()}: 64 MiB, room for firmware parts. */
    public static final long DEFAULT_MAX_PAYLOAD_SIZE = 64L * 1024 * 1024;

    private static final ItlLimits DEFAULTS =
            new ItlLimits(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_RECORDS, DEFAULT_MAX_PAYLOAD_SIZE);

    /** Validates the values. */
    public ItlLimits {
        if (maxFileSize < 0 || maxRecords < 0 || maxPayloadSize < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** @return the default limits */
    public static ItlLimits defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** @return a builder starting from these limits */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Throws if {@code size} exceeds {@link #maxFileSize()}.
     *
     * @param size the size of the file
     * @throws ItlLimitException if it is too large
     */
    public void checkFileSize(long size) throws ItlLimitException {
        if (size > maxFileSize) {
            throw new ItlLimitException("maxFileSize", maxFileSize, size, ItlException.NO_OFFSET);
        }
    }

    /** Builds {@link ItlLimits}. Not thread-safe. */
    public static final class Builder {
        private long maxFileSize;
        private int maxRecords;
        private long maxPayloadSize;

        private Builder(ItlLimits from) {
            maxFileSize = from.maxFileSize;
            maxRecords = from.maxRecords;
            maxPayloadSize = from.maxPayloadSize;
        }

        /**
         * @param v bytes, at least 0
         * @return this builder
         */
        public Builder maxFileSize(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxFileSize < 0");
            }
            maxFileSize = v;
            return this;
        }

        /**
         * @param v records, at least 0
         * @return this builder
         */
        public Builder maxRecords(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxRecords < 0");
            }
            maxRecords = v;
            return this;
        }

        /**
         * @param v bytes, at least 0
         * @return this builder
         */
        public Builder maxPayloadSize(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxPayloadSize < 0");
            }
            maxPayloadSize = v;
            return this;
        }

        /** @return the limits */
        public ItlLimits build() {
            return new ItlLimits(maxFileSize, maxRecords, maxPayloadSize);
        }
    }
}
