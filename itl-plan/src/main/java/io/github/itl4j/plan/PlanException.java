package io.github.itl4j.plan;

/**
 * A plan input that cannot be used: malformed YAML/JSON, a missing or wrong field (named by its path, e.g.
 * {@code cluster.nodes[1].name}), an unreadable certificate or key, or a change that names an unknown node.
 *
 * @since 0.1.0
 */
public final class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where in the input (a field path), or empty. */
    private final String where;

    /**
     * @param where the field path, or empty
     * @param message what was wrong, expected vs found
     */
    public PlanException(String where, String message) {
        super(where.isEmpty() ? message : where + ": " + message);
        this.where = where;
    }

    /**
     * @param where the field path, or empty
     * @param message what was wrong
     * @param cause the underlying error
     */
    public PlanException(String where, String message, Throwable cause) {
        super(where.isEmpty() ? message : where + ": " + message, cause);
        this.where = where;
    }

    /** @return the field path the problem is at, or empty */
    public String where() {
        return where;
    }
}
