package io.github.itl4j.trust.lint;

import io.github.itl4j.ItlLimitException;
import io.github.itl4j.trust.FileKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lint result of one file: its findings in rule order, or why it could not be read. Immutable.
 *
 * @since 0.1.0
 */
public final class LintReport {
    private final String name;
    private final long size;
    private final FileKind kind;
    private final String malformed;
    private final ItlLimitException limit;
    private final List<Finding> findings;

    LintReport(String name, long size, FileKind kind, String malformed, List<Finding> findings) {
        this(name, size, kind, malformed, null, findings);
    }

    LintReport(
            String name, long size, FileKind kind, String malformed, ItlLimitException limit, List<Finding> findings) {
        this.name = Objects.requireNonNull(name, "name");
        this.limit = limit;
        this.size = size;
        this.kind = kind;
        this.malformed = malformed;
        this.findings = java.util.Collections.unmodifiableList(findings); // handed over: nobody else has the list
    }

    /** @return the file name */
    public String name() {
        return name;
    }

    /** @return the size in bytes */
    public long size() {
        return size;
    }

    /** @return ITL or CTL, empty when the file did not parse */
    public Optional<FileKind> kind() {
        return Optional.ofNullable(kind);
    }

    /** @return why the file could not be read as a trust list, if it could not (exit 3; size rules still ran) */
    public Optional<String> malformed() {
        return Optional.ofNullable(malformed);
    }

    /**
     * @return the reader's limit the file exceeded, when that is why it could not be read: a front end can say how to
     *     raise the limit in its own terms (the CLI names its {@code --limit} option)
     */
    public Optional<ItlLimitException> limitExceeded() {
        return Optional.ofNullable(limit);
    }

    /** @return the findings */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * @param s a severity
     * @return how many findings have it
     */
    public long count(LintSeverity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /**
     * @param ruleOrCode a rule id or a code
     * @return true if a finding has it
     */
    public boolean has(String ruleOrCode) {
        return findings.stream()
                .anyMatch(f -> f.rule().equals(ruleOrCode) || f.code().equals(ruleOrCode));
    }

    /**
     * @param werror whether warnings fail too
     * @return true if the file fails: malformed, any ERROR, or any WARN with {@code werror}
     */
    public boolean failed(boolean werror) {
        return malformed != null || count(LintSeverity.ERROR) > 0 || werror && count(LintSeverity.WARN) > 0;
    }

    @Override
    public String toString() {
        return "LintReport[" + name + ", " + (malformed != null ? "malformed, " : "") + findings + "]";
    }
}
