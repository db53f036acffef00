package io.github.itl4j.trust;

import java.util.Objects;

/**
 * Something the phone would accept but an administrator should know, e.g. {@code SELF_SIGNATURE_INVALID},
 * {@code TVS_CHANGED}, {@code CERT_EXPIRED}, {@code DIGEST_SHA256}.
 *
 * @param code a stable code
 * @param detail the explanation
 * @since 0.1.0
 */
public record SimulationWarning(String code, String detail) {
    /**
     * Validates the arguments.
     *
     * @param code the code
     * @param detail the detail
     */
    public SimulationWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
