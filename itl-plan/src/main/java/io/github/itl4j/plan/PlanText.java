package io.github.itl4j.plan;

import java.util.List;
import java.util.Locale;

/**
 * The text form of a plan (docs/plan.md): a summary line, numbered steps with their commands, services and each
 * phone class's verdict, the gates with the hashes to look for, the invariants, the at-risk classes, and the other
 * order's verdict. Stable and greppable.
 *
 * @since 0.1.0
 */
public final class PlanText {
    private PlanText() {}

    /**
     * @param p a plan
     * @return its text form, lines ending in {@code \n}
     */
    public static String render(Plan p) {
        StringBuilder sb = new StringBuilder();
        ClusterSpec c = p.request().cluster();
        int phones = p.request().fleet().classes().stream()
                .mapToInt(FleetSpec.PhoneClass::count)
                .sum();
        int offline = p.request().fleet().classes().stream()
                .filter(FleetSpec.PhoneClass::offline)
                .mapToInt(FleetSpec.PhoneClass::count)
                .sum();
        sb.append("itl plan: ")
                .append(p.verdict())
                .append(" (")
                .append(p.order())
                .append(" order, ")
                .append(p.gateCount())
                .append(p.gateCount() == 1 ? " gate)" : " gates)")
                .append("   cluster ")
                .append(c.name())
                .append(' ')
                .append(c.version())
                .append(c.mixed() ? " mixed" : " non-secure")
                .append("   fleet ")
                .append(phones > 0 ? phones + " phones in " : "")
                .append(p.request().fleet().classes().size())
                .append(p.request().fleet().classes().size() == 1 ? " class" : " classes")
                .append(phones > 0 ? "" : " (no phone count given)")
                .append(offline > 0 ? ", " + offline + " offline" : "")
                .append(p.signatureMode() ? "   (signature mode: real keys)" : "   (identity mode: modelled files)")
                .append('\n');
        for (PlanStep s : p.steps()) {
            step(sb, s);
        }
        for (ClassResult r : p.stranded()) {
            sb.append(" stranded: ")
                    .append(who(r))
                    .append(" stop at step ")
                    .append(r.stepId())
                    .append(": ")
                    .append(r.verdict())
                    .append(' ')
                    .append(r.chainText())
                    .append(r.fix() != null ? " -> " + r.fix() : "")
                    .append('\n');
        }
        for (ClassResult r : p.atRisk()) {
            sb.append(" at risk: ")
                    .append(who(r))
                    .append(" (hold the current files): ")
                    .append(r.verdict())
                    .append(" at the final files ")
                    .append(r.chainText())
                    .append(r.fix() != null ? " -> " + r.fix() : "")
                    .append('\n');
        }
        for (FleetSpec.PhoneClass u : p.unknown()) {
            sb.append(" not simulated: ")
                    .append(u.name())
                    .append('(')
                    .append(u.count())
                    .append(") hold an unknown file\n");
        }
        if (p.fix() != null) {
            sb.append(" fix: ").append(p.fix()).append('\n');
        }
        sb.append(" invariants:");
        for (InvariantCheck i : p.invariants()) {
            sb.append(' ')
                    .append(i.id())
                    .append('=')
                    .append(i.status().name().toLowerCase(Locale.ROOT).replace("not_applicable", "n/a"));
        }
        sb.append('\n');
        for (InvariantCheck i : p.invariants()) {
            if (i.status() == InvariantCheck.Status.VIOLATED || i.status() == InvariantCheck.Status.WARN) {
                sb.append("   ")
                        .append(i.id())
                        .append(' ')
                        .append(i.status())
                        .append(": ")
                        .append(i.detail())
                        .append("   ")
                        .append(String.join(", ", i.source()))
                        .append('\n');
            }
        }
        p.alternativePlan().ifPresent(a -> {
            sb.append(" ").append(a.order()).append(" order: ").append(a.verdict());
            if (!a.stranded().isEmpty()) {
                sb.append(", strands ")
                        .append(a.strandedPhones() > 0 ? a.strandedPhones() + " phones in " : "")
                        .append(a.stranded().size())
                        .append(a.stranded().size() == 1 ? " class" : " classes")
                        .append(" (")
                        .append(a.stranded().get(0).chainText())
                        .append(')');
            }
            if (a.stranded().isEmpty() && a.verdict() != PlanVerdict.SAFE) {
                sb.append(" (violates ")
                        .append(String.join(
                                ", ",
                                a.invariants().stream()
                                        .filter(i -> i.status() == InvariantCheck.Status.VIOLATED)
                                        .map(InvariantCheck::id)
                                        .toList()))
                        .append(')');
            }
            sb.append('\n');
            if (a.fix() != null) {
                sb.append("   its fix: ").append(a.fix()).append('\n');
            }
            if (p.order().equals("as-given") && p.verdict() != PlanVerdict.SAFE) {
                sb.append("   its steps (")
                        .append(a.gateCount())
                        .append(a.gateCount() == 1 ? " gate" : " gates")
                        .append("):\n");
                for (PlanStep s : a.steps()) {
                    step(sb, s);
                }
            }
        });
        sb.append(" assumptions: ").append(String.join("; ", p.assumptions())).append('\n');
        return sb.toString();
    }

    private static String who(ClassResult r) {
        return r.className() + "(" + (r.count() > 0 ? r.count() : "all") + ")";
    }

    private static void step(StringBuilder sb, PlanStep s) {
        sb.append(String.format(Locale.ROOT, " %-3s", s.id()));
        if (s.isGate()) {
            sb.append("gate: ")
                    .append(String.join(
                            "; ",
                            s.commands().subList(0, Math.min(2, s.commands().size()))))
                    .append("   ")
                    .append(String.join(" ", s.cites()))
                    .append('\n');
            for (String cmd : s.commands()
                    .subList(Math.min(2, s.commands().size()), s.commands().size())) {
                sb.append("      ").append(cmd).append('\n');
            }
            return;
        }
        sb.append(String.format(Locale.ROOT, "%-18s %s", s.action(), s.title()))
                .append("   ")
                .append(String.join(" ", s.cites()))
                .append('\n');
        for (String cmd : s.commands()) {
            sb.append("      $ ").append(cmd).append('\n');
        }
        if (!s.services().isEmpty()) {
            sb.append("      restart: ").append(String.join(", ", s.services())).append('\n');
        }
        for (ProducedFile f : s.produced()) {
            sb.append("      -> ")
                    .append(f.cluster())
                    .append(f.node() == null ? "" : "/" + f.node())
                    .append(' ')
                    .append(f.name())
                    .append(" signed by ")
                    .append(Planner.cn(f.signer()))
                    .append(" (")
                    .append(f.changes().isEmpty() ? "unchanged" : String.join(", ", f.changes()))
                    .append(")\n");
        }
        if (!s.classes().isEmpty()) {
            sb.append("      classes:");
            List<ClassResult> cs = s.classes();
            for (ClassResult r : cs) {
                sb.append(' ')
                        .append(who(r))
                        .append(' ')
                        .append(r.verdict())
                        .append(' ')
                        .append(r.chainText().replace(", ", ","))
                        .append(r.accepted() || r.fix() == null ? "" : " -> " + r.fix())
                        .append(';');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
    }
}
