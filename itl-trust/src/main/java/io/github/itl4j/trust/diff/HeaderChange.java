package io.github.itl4j.trust.diff;

import java.util.Objects;

/**
 * A header field that differs between the old and the new list.
 *
 * @param field the field name ({@code SIGNERNAME}, {@code DIGESTALGORITHM}, ...)
 * @param oldValue its value in the old list, or null if absent
 * @param newValue its value in the new list, or null if absent
 * @since 0.1.0
 */
public record HeaderChange(String field, String oldValue, String newValue) {
    /**
     * Validates the arguments.
     *
     * @param field the field
     * @param oldValue the old value
     * @param newValue the new value
     */
    public HeaderChange {
        Objects.requireNonNull(field, "field");
    }
}
