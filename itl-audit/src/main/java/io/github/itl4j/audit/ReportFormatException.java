package io.github.itl4j.audit;

import java.io.IOException;

/**
 * An input that is not a phone report at all (a CSV without a header naming a device and a hash column). Rows and
 * alarms that are wrong are never thrown: they are {@link AuditProblem}s and reading goes on.
 *
 * @since 0.1.0
 */
public class ReportFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and where
     */
    public ReportFormatException(String message) {
        super(message);
    }
}
