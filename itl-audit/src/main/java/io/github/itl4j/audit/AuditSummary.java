package io.github.itl4j.audit;

import io.github.itl4j.trust.FileKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts classifications per list kind, node and class (docs/audit.md) and keeps the first few phones of each
 * class for a report, so that memory does not grow with the number of phones. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class AuditSummary {
    private final int maxListed;
    private final Map<FileKind, Map<String, EnumMap<AuditClass, Long>>> counts = new EnumMap<>(FileKind.class);
    private final Map<FileKind, EnumMap<AuditClass, List<Classification>>> listed = new EnumMap<>(FileKind.class);
    private final List<AuditProblem> problems = new ArrayList<>();
    private final int maxProblems;
    private long problemCount;
    private long phones;

    /**
     * @param maxListed how many phones of each class and kind to keep for the report
     * @param maxProblems how many problems to keep (all are counted)
     */
    public AuditSummary(int maxListed, int maxProblems) {
        this.maxListed = maxListed;
        this.maxProblems = maxProblems;
    }

    /**
     * Counts the classifications of one phone.
     *
     * @param phone the classifications of one report (ITL, then CTL if any)
     */
    public void add(List<Classification> phone) {
        phones++;
        for (Classification c : phone) {
            counts.computeIfAbsent(c.kind(), k -> new TreeMap<>())
                    .computeIfAbsent(c.node(), k -> new EnumMap<>(AuditClass.class))
                    .merge(c.auditClass(), 1L, Long::sum);
            List<Classification> l = listed.computeIfAbsent(c.kind(), k -> new EnumMap<>(AuditClass.class))
                    .computeIfAbsent(c.auditClass(), k -> new ArrayList<>());
            if (l.size() < maxListed) {
                l.add(c);
            }
        }
    }

    /** @param p a problem of the input (kept up to the bound, always counted) */
    public void problem(AuditProblem p) {
        problemCount++;
        if (problems.size() < maxProblems) {
            problems.add(p);
        }
    }

    /** @return the number of phone reports counted */
    public long phones() {
        return phones;
    }

    /** @return the list kinds seen, ITL first */
    public List<FileKind> kinds() {
        return new ArrayList<>(counts.keySet());
    }

    /**
     * @param kind ITL or CTL
     * @return the counts by node (sorted) and class
     */
    public Map<String, EnumMap<AuditClass, Long>> byNode(FileKind kind) {
        return Collections.unmodifiableMap(counts.getOrDefault(kind, new TreeMap<>()));
    }

    /**
     * @param kind ITL or CTL
     * @return the counts by class over all nodes
     */
    public EnumMap<AuditClass, Long> total(FileKind kind) {
        EnumMap<AuditClass, Long> t = new EnumMap<>(AuditClass.class);
        for (EnumMap<AuditClass, Long> m : byNode(kind).values()) {
            m.forEach((k, v) -> t.merge(k, v, Long::sum));
        }
        return t;
    }

    /**
     * @param kind ITL or CTL
     * @param c a class
     * @return the first phones of that class (at most the bound)
     */
    public List<Classification> listed(FileKind kind, AuditClass c) {
        return Collections.unmodifiableList(
                listed.getOrDefault(kind, new EnumMap<>(AuditClass.class)).getOrDefault(c, List.of()));
    }

    /** @return the problems kept */
    public List<AuditProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** @return the number of problems, kept or not */
    public long problemCount() {
        return problemCount;
    }

    /** @return whether every phone is CURRENT or EQUIVALENT in every kind (the {@code --expect-current} gate) */
    public boolean allCurrent() {
        for (FileKind k : counts.keySet()) {
            for (AuditClass c : total(k).keySet()) {
                if (!c.passesGate()) {
                    return false;
                }
            }
        }
        return phones > 0;
    }
}
