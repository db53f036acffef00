package io.github.itl4j.audit;

import java.util.Objects;

/**
 * A row, line or alarm that could not be used, with where and why. Reading goes on after it. Immutable.
 *
 * @param source the input's name
 * @param line the line (1-based), or 0 for the input as a whole
 * @param message what was wrong
 * @since 0.1.0
 */
public record AuditProblem(String source, long line, String message) {
    /**
     * Validates the arguments.
     *
     * @param source the input
     * @param line the line
     * @param message the message
     */
    public AuditProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
