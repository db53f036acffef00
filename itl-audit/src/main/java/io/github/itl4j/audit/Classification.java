package io.github.itl4j.audit;

import io.github.itl4j.trust.FileKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The class of one phone's reported hash of one list kind, with what it matched and the advice
 * (docs/audit.md). Immutable.
 *
 * @param report the phone's report
 * @param kind ITL or CTL
 * @param value the normalised value
 * @param auditClass the class
 * @param hit the known file and form matched (the one that decided the class), or null
 * @param advice what to do (the class's advice, or the simulation's first fix for STALE_STRANDED)
 * @param chain the simulation's rule chain ({@code R3:FAIL} ...), empty when not simulated
 * @since 0.1.0
 */
public record Classification(
        PhoneReport report,
        FileKind kind,
        ReportedValue value,
        AuditClass auditClass,
        KnownCatalogue.Hit hit,
        String advice,
        List<String> chain) {
    /**
     * Validates and copies the arguments.
     *
     * @param report the report
     * @param kind the kind
     * @param value the value
     * @param auditClass the class
     * @param hit the hit or null
     * @param advice the advice
     * @param chain the chain
     */
    public Classification {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(auditClass, "auditClass");
        Objects.requireNonNull(advice, "advice");
        chain = List.copyOf(chain);
    }

    /** @return the matched file's label, if any */
    public Optional<KnownLabel> matchedLabel() {
        return hit == null ? Optional.empty() : Optional.of(hit.file().label());
    }

    /**
     * @return the node the summary counts the phone under: the TFTP server the row names, else the matched file's
     *     node, else {@code -}
     */
    public String node() {
        String t = kind == FileKind.CTL && !report.ctlTftp().isBlank() ? report.ctlTftp() : report.itlTftp();
        if (!t.isBlank() && !t.equalsIgnoreCase("N/A")) {
            return t.strip();
        }
        return hit != null ? hit.file().label().node() : "-";
    }
}
