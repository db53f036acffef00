package io.github.itl4j.trust;

import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.Severity;
import java.util.Objects;

/**
 * A finding of a simulation with a stable code: a verifier {@link io.github.itl4j.crypto.ProblemCode} (signer
 * matching, signature, header) or a simulator code ({@code TVS_NOT_IN_TRUST_LIST}, {@code TVS_SERVER_CERT_UNKNOWN},
 * {@code TVS_SIGNER_NOT_IN_STORE}, {@code TVS_ROLE_MISSING}, {@code TVS_UNREACHABLE}, {@code TVS_IMPL_UNSUPPORTED},
 * {@code NO_TVS_ENVIRONMENT}, {@code DIGEST_UNSUPPORTED_BY_MODEL}, {@code NOT_REQUESTED}, {@code MALFORMED},
 * {@code CERT_NOT_VALID}, {@code CACHE_EXPIRED}).
 *
 * @param code the code
 * @param severity error or warning
 * @param message the message
 * @since 0.1.0
 */
public record SimulationProblem(String code, Severity severity, String message) {
    /**
     * Validates the arguments.
     *
     * @param code the code
     * @param severity the severity
     * @param message the message
     */
    public SimulationProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static SimulationProblem of(Problem p) {
        return new SimulationProblem(p.code().name(), p.severity(), p.message());
    }
}
