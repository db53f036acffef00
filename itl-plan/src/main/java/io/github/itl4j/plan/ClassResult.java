package io.github.itl4j.plan;

import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.Verdict;
import java.util.List;

/**
 * What one phone class did with the files of one step (the trust engine's verdict and rule chain).
 *
 * @param className the class
 * @param count how many phones
 * @param offline the class is offline (it sees only the final files)
 * @param verdict the worst verdict over the files offered (CTL then ITL)
 * @param file the file the verdict is about
 * @param chain the rule chain of that file
 * @param fix the first fix code the engine attached (e.g. {@code F-DELETE-ITL}), or null
 * @param stepId the step this result belongs to
 * @since 0.1.0
 */
public record ClassResult(
        String className,
        int count,
        boolean offline,
        Verdict verdict,
        String file,
        List<RuleResult> chain,
        String fix,
        String stepId) {
    /**
     * Copies.
     *
     * @param className class
     * @param count count
     * @param offline offline
     * @param verdict verdict
     * @param file file
     * @param chain chain
     * @param fix fix
     * @param stepId step
     */
    public ClassResult {
        chain = List.copyOf(chain);
    }

    /** @return "R3 FAIL, R7 FAIL" style summary of the decisive part of the chain */
    public String chainText() {
        StringBuilder sb = new StringBuilder();
        for (RuleResult r : chain) {
            if (r.outcome() == io.github.itl4j.trust.Outcome.INFO) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(r.rule()).append(' ').append(r.outcome());
        }
        return sb.toString();
    }

    /** @return true when accepted */
    public boolean accepted() {
        return verdict.isAccepted();
    }
}
