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
     * One limit: its name as a builder method (what a library user calls), as a CLI option (what a command-line user
     * types: {@code --limit max-file-size=...}), and the quantity it bounds. A new limit is a record component, a
     * builder method, a row here and a {@code check...} method; the CLI and the messages follow from the row.
     */
    public enum Limit {
        /** {@link ItlLimits#maxFileSize()}. */
        MAX_FILE_SIZE("maxFileSize", "max-file-size", "File size", true),
        /** {@link ItlLimits#maxRecords()}. */
        MAX_RECORDS("maxRecords", "max-records", "Record count", false),
        /** {@link ItlLimits#maxPayloadSize()}. */
        MAX_PAYLOAD_SIZE("maxPayloadSize", "max-payload-size", "Payload size", true);

        private final String builderMethod;
        private final String optionName;
        private final String quantity;
        private final boolean bytes;

        Limit(String builderMethod, String optionName, String quantity, boolean bytes) {
            this.builderMethod = builderMethod;
            this.optionName = optionName;
            this.quantity = quantity;
            this.bytes = bytes;
        }

        /** @return the {@link Builder} method that sets it, e.g. {@code maxFileSize} */
        public String builderMethod() {
            return builderMethod;
        }

        /** @return the name a command line uses, e.g. {@code max-file-size} */
        public String optionName() {
            return optionName;
        }

        /** @return what it bounds, for messages, e.g. {@code File size} */
        public String quantity() {
            return quantity;
        }

        /** @return whether the value is a number of bytes */
        public boolean isByteCount() {
            return bytes;
        }

        /**
         * @param name a builder method name ({@code maxFileSize}), an option name ({@code max-file-size}) or the
         *     constant's name, case-insensitive
         * @return the limit, or null
         */
        public static Limit byName(String name) {
            for (Limit l : values()) {
                if (l.builderMethod.equalsIgnoreCase(name)
                        || l.optionName.equalsIgnoreCase(name)
                        || l.name().equalsIgnoreCase(name)) {
                    return l;
                }
            }
            return null;
        }
    }

    /**
     * @param limit a limit
     * @return its value in these limits
     */
    public long get(Limit limit) {
        return switch (limit) {
            case MAX_FILE_SIZE -> maxFileSize;
            case MAX_RECORDS -> maxRecords;
            case MAX_PAYLOAD_SIZE -> maxPayloadSize;
        };
    }

    /**
     * Throws if {@code actual} exceeds {@code limit}: the one check every limit goes through.
     *
     * @param limit which limit
     * @param actual what the input asks for
     * @param offset where in the input, or {@link ItlException#NO_OFFSET}
     * @throws ItlLimitException naming the limit, if {@code actual} exceeds it
     */
    public void check(Limit limit, long actual, long offset) throws ItlLimitException {
        long max = get(limit);
        if (actual > max) {
            throw new ItlLimitException(limit, max, actual, offset);
        }
    }

    /**
     * Throws if {@code size} exceeds {@link #maxFileSize()}.
     *
     * @param size the size of the file
     * @throws ItlLimitException if it is too large
     */
    public void checkFileSize(long size) throws ItlLimitException {
        check(Limit.MAX_FILE_SIZE, size, ItlException.NO_OFFSET);
    }

    /**
     * Throws if a trust list of {@code size} bytes (or one that reaches {@code size} bytes at {@code offset}) exceeds
     * {@link #maxFileSize()}.
     *
     * @param size the size, or the end of what is read so far
     * @param offset where, or {@link ItlException#NO_OFFSET}
     * @throws ItlLimitException if it is too large
     */
    public void checkFileSize(long size, long offset) throws ItlLimitException {
        check(Limit.MAX_FILE_SIZE, size, offset);
    }

    /**
     * Throws if {@code count} records exceed {@link #maxRecords()}.
     *
     * @param count records, including the one about to be read
     * @param offset where that record starts
     * @throws ItlLimitException if there are too many
     */
    public void checkRecordCount(long count, long offset) throws ItlLimitException {
        check(Limit.MAX_RECORDS, count, offset);
    }

    /**
     * Throws if a signed file's payload of {@code size} bytes exceeds {@link #maxPayloadSize()}.
     *
     * @param size the payload size
     * @param offset where the payload starts, or {@link ItlException#NO_OFFSET}
     * @throws ItlLimitException if it is too large
     */
    public void checkPayloadSize(long size, long offset) throws ItlLimitException {
        check(Limit.MAX_PAYLOAD_SIZE, size, offset);
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

        /**
         * Sets one limit by its {@link Limit} row, as a command line does.
         *
         * @param limit which limit
         * @param v its value, at least 0 (at most {@link Integer#MAX_VALUE} for {@link Limit#MAX_RECORDS})
         * @return this builder
         */
        public Builder set(Limit limit, long v) {
            switch (limit) {
                case MAX_FILE_SIZE -> maxFileSize(v);
                case MAX_RECORDS -> {
                    if (v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("maxRecords > " + Integer.MAX_VALUE);
                    }
                    maxRecords((int) v);
                }
                case MAX_PAYLOAD_SIZE -> maxPayloadSize(v);
                default -> throw new AssertionError(limit);
            }
            return this;
        }

        /** @return the limits */
        public ItlLimits build() {
            return new ItlLimits(maxFileSize, maxRecords, maxPayloadSize);
        }
    }
}
