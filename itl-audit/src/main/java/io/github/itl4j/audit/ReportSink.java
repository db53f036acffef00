package io.github.itl4j.audit;

/**
 * Receives what a report reader finds, one row at a time (reading streams: nothing is kept).
 *
 * @since 0.1.0
 */
public interface ReportSink {
    /**
     * @param report a phone's report
     */
    void report(PhoneReport report);

    /**
     * @param problem a row, line or alarm that was skipped
     */
    void problem(AuditProblem problem);
}
