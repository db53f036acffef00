package io.github.itl4j;

/**
 * The input exceeds one of the {@link ItlLimits}. Thrown before anything of that size is allocated. The message
 * names the setting that would have to be raised.
 *
 * @since 0.1.0
 */
public class ItlLimitException extends ItlException {
    private static final long serialVersionUID = 1L;

    private final ItlLimits.Limit setting;
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
        this(ItlLimits.Limit.byName(limitName), limitName, limit, actual, offset);
    }

    /**
     * @param setting the limit that was hit
     * @param limit the limit in force
     * @param actual what the input asked for
     * @param offset where, or {@link #NO_OFFSET}
     */
    public ItlLimitException(ItlLimits.Limit setting, long limit, long actual, long offset) {
        this(setting, setting.builderMethod(), limit, actual, offset);
    }

    private ItlLimitException(ItlLimits.Limit setting, String limitName, long limit, long actual, long offset) {
        super(
                String.format(
                        "%s; if the file is genuine, raise it with ItlLimits.builder().%s(..)",
                        problem(setting, limitName, limitName, limit, actual), limitName),
                offset,
                NO_TAG,
                null);
        this.setting = setting;
        this.limitName = limitName;
        this.limit = limit;
        this.actual = actual;
    }

    private static String problem(
            ItlLimits.Limit setting, String limitName, String shownName, long limit, long actual) {
        return String.format(
                "%s (%d) exceeds the limit %s (%d)",
                setting != null ? setting.quantity() : limitName, actual, shownName, limit);
    }

    /**
     * The problem without the library's advice, naming the limit as {@code limitLabel}; for callers that tell their
     * own users how to raise it (the CLI names its {@code --limit} option).
     *
     * @param limitLabel how the reader of the message knows the limit, e.g. {@code max-file-size}
     * @return e.g. {@code File size (3000000) exceeds the limit max-file-size (2097152)}
     */
    public String problem(String limitLabel) {
        return problem(setting, limitName, limitLabel, limit, actual);
    }

    /** @return the limit that was hit, or null if it is not one of {@link ItlLimits.Limit} */
    public ItlLimits.Limit setting() {
        return setting;
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
