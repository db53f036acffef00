package io.github.itl4j.crypto;

import java.util.ArrayList;
import java.util.List;

/** The problems one verification found, in the order found. Single-threaded, short-lived. */
final class ProblemList {
    private final List<Problem> problems = new ArrayList<>();

    void add(ProblemCode code, Severity sev, int index, long offset, Object... params) {
        problems.add(new Problem(code, sev, index, offset, List.of(params)));
    }

    /** Adds an error about no record and no offset. */
    void error(ProblemCode code, Object... params) {
        add(code, Severity.ERROR, -1, Problem.NO_OFFSET, params);
    }

    /** @return the problems (the live list: {@link VerificationResult} copies it) */
    List<Problem> list() {
        return problems;
    }
}
