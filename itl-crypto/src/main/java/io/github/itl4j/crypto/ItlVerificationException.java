package io.github.itl4j.crypto;

import io.github.itl4j.ItlException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An operation that would sign existing content (a reset, a re-signing) was refused because that content does not
 * verify: signing it would turn unverified bytes into a file that verifies. {@link #result()} holds the
 * verification, {@link #problems()} its errors (and warnings, when they were treated as errors), each with its
 * {@link ProblemCode}.
 *
 * @since 0.1.0
 */
public class ItlVerificationException extends ItlException {
    private static final long serialVersionUID = 1L;

    /** Not serialized: the result refers to certificates and files. */
    private final transient VerificationResult result;

    /**
     * @param what what was refused and why, e.g. "The trust list to reset does not verify"
     * @param result the failed verification
     */
    public ItlVerificationException(String what, VerificationResult result) {
        super(what + ": " + codes(Objects.requireNonNull(result, "result")), NO_OFFSET, NO_TAG, null);
        this.result = result;
    }

    private static String codes(VerificationResult r) {
        return failing(r).stream()
                .map(p -> p.code().name() + " (" + p.message() + ")")
                .collect(Collectors.joining("; "));
    }

    private static List<Problem> failing(VerificationResult r) {
        return r.errors().isEmpty() ? r.problems() : r.errors();
    }

    /** @return the verification that failed */
    public VerificationResult result() {
        return result;
    }

    /** @return the problems that made it fail (its errors; its warnings if they were treated as errors) */
    public List<Problem> problems() {
        return failing(result);
    }
}
