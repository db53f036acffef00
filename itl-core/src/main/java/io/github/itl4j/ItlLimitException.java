package io.github.itl4j;

/**
 * The input exceeds one of the {@link ItlLimits}. Thrown before anything of that size is allocated. The message
 * names the setting that would have to be raised.
 *
 * @since 0.1.0
 */
public class ItlLimitException extends ItlException {
    private static final long serialVersionUID = 1L;

    private final String limitName;
    private final long limit;
    private final long actual;

    /**
     * @param limitName the {@link ItlLimits.Builder} method that sets the limit, e.g. {@code maxRecords}
     * @param limit the limit in force
     * @param actual what the input asked for
     * @param offset where, or {@link #NO_OFFSET}
     */
    public ItlLimitException(String limitName, long limit, long actual, long offset) {
        super(String.format("%s (%d) exceeds the limit %s (%d); if the file is genuine, raise it with "
                + "ItlLimits.builder().%s(..)", describe(limitName), actual, limitName, limit, limitName),
                offset, NO_TAG, null);
        this.limitName = limitName;
        this.limit = limit;
        this.actual = actual;
    }

    private static String describe(String limitName) {
        switch (limitName) {
            case "maxFileSize":
                return "File size";
            case "maxRecords":
                return "Record count";
            case "maxPayloadSize":
                return "Payload size";
            default:
                return limitName;
        }
    }

    /** @return the name of the builder method that sets the limit */
    public String limitName() {
        return limitName;
    }

    /** @return the limit in force */
    public long limit() {
        return limit;
    }

    /** @return what the input asked for */
    public long actual() {
        return actual;
    }
}
