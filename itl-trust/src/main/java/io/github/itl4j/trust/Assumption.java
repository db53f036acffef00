package io.github.itl4j.trust;

import java.util.List;
import java.util.Objects;

/**
 * A default the simulation relied on where the evidence is incomplete: a {@link SimulationPolicy} setting, a line of
 * the TVS store-to-role mapping, or a model-table entry. Each names the override that changes it.
 *
 * @param key what was assumed, e.g. {@code policy.acceptTftpRoleSigner} or {@code tvsRoleMap.Phone-SAST-trust}
 * @param value the value used
 * @param confidence its backing ({@link Confidence#P} for policy defaults)
 * @param source short names of the sources
 * @param override how to change it (a policy key, a CLI option or a file)
 * @since 0.1.0
 */
public record Assumption(String key, String value, Confidence confidence, List<String> source, String override) {
    /**
     * Validates and copies the arguments.
     *
     * @param key the key
     * @param value the value
     * @param confidence the confidence
     * @param source the sources
     * @param override how to override it
     */
    public Assumption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(confidence, "confidence");
        source = List.copyOf(source);
        Objects.requireNonNull(override, "override");
    }
}
