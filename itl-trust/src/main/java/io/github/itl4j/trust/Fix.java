package io.github.itl4j.trust;

import java.util.List;
import java.util.Objects;

/**
 * A suggested fix, attached to the first decisive failure (docs/trust.md §11.2).
 *
 * @param code the catalogue entry
 * @param text the action, filled in for this case
 * @param source short names of the sources
 * @since 0.1.0
 */
public record Fix(FixCode code, String text, List<String> source) {
    /**
     * Validates and copies the arguments.
     *
     * @param code the code
     * @param text the text
     * @param source the sources
     */
    public Fix {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        source = List.copyOf(source);
    }

    /**
     * @param code a catalogue entry
     * @param extra case-specific text appended to the generic text, or null
     * @return the fix
     */
    static Fix of(FixCode code, String extra) {
        return new Fix(code, extra == null ? code.text() : code.text() + ": " + extra, code.source());
    }
}
