package io.github.itl4j.audit;

/**
 * Told how far the reading of one report has got, for a progress display (the library never prints). Called by
 * {@link ReportReaders#read(java.io.InputStream, String, ReportReaders.Form, AuditLimits, ReportSink, ReportProgress)}
 * on the reading thread each time a buffer of bytes is taken from the input, and once more at the end with the totals.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReportProgress {
    /** Reports nothing. */
    ReportProgress NONE = (bytes, rows) -> {};

    /**
     * @param bytes bytes taken from the input so far (read ahead of the rows by at most a buffer)
     * @param rows phone rows reported to the sink so far
     */
    void progress(long bytes, long rows);
}
