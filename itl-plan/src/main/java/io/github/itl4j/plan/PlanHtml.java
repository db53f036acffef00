package io.github.itl4j.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as one self-contained HTML page for change-review meetings: a timeline of steps and gates (inline SVG) with
 * each phone class's state after every step, then the steps with their commands, the invariants and the other order's
 * verdict. No scripts, no external fonts, styles or images: the page renders offline and can be mailed.
 *
 * @since 0.1.0
 */
public final class PlanHtml {
    private static final int COL = 74;
    private static final int ROW = 30;
    private static final int LEFT = 170;
    private static final int TOP = 64;

    private PlanHtml() {}

    /**
     * @param p a plan
     * @param title the page title (e.g. the plan file name)
     * @return the HTML page
     */
    public static String render(Plan p, String title) {
        StringBuilder sb = new StringBuilder(16_384);
        ClusterSpec c = p.request().cluster();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>itl plan: ")
                .append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1d232b}\n")
                .append("h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}\n")
                .append(".badge{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:600}\n")
                .append(".SAFE{background:#1b7f3b}.UNSAFE{background:#b3261e}.BLOCKED{background:#6b4a00}\n")
                .append(".meta{color:#555}.steps{border-collapse:collapse;width:100%}\n")
                .append(".steps td{border-top:1px solid #ddd;padding:6px 8px;vertical-align:top}\n")
                .append(".steps td.id{font-weight:600;width:40px}.gate td{background:#fff7e0}\n")
                .append("code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#f2f4f7;padding:1px 4px;")
                .append("border-radius:3px;display:inline-block;margin:1px 0}\n")
                .append(".ok{color:#1b7f3b}.bad{color:#b3261e;font-weight:600}.warn{color:#8a5a00}\n")
                .append("svg text{font:12px system-ui,sans-serif}\n</style></head><body>\n");
        sb.append("<h1>itl plan: <span class=\"badge ")
                .append(p.verdict())
                .append("\" id=\"verdict\">")
                .append(p.verdict())
                .append("</span> ")
                .append(esc(title))
                .append("</h1>\n");
        sb.append("<div class=\"meta\">cluster ")
                .append(esc(c.name()))
                .append(' ')
                .append(esc(c.version()))
                .append(c.mixed() ? " mixed" : " non-secure")
                .append(" &middot; ")
                .append(esc(p.order()))
                .append(" order &middot; ")
                .append(p.gateCount())
                .append(" gates &middot; ")
                .append(p.signatureMode() ? "signature mode (real keys)" : "identity mode (modelled files)")
                .append("</div>\n");
        timeline(sb, p);
        sb.append("<h2>Steps</h2>\n<table class=\"steps\">\n");
        for (PlanStep s : p.steps()) {
            sb.append(s.isGate() ? "<tr class=\"gate\" id=\"step-" : "<tr id=\"step-")
                    .append(esc(s.id()))
                    .append("\"><td class=\"id\">")
                    .append(esc(s.id()))
                    .append("</td><td><b>")
                    .append(esc(s.isGate() ? "gate" : s.action()))
                    .append("</b> ")
                    .append(esc(s.isGate() ? "" : s.title()))
                    .append(" <span class=\"meta\">")
                    .append(esc(String.join(" ", s.cites())))
                    .append("</span>");
            for (String cmd : s.commands()) {
                sb.append("<br><code>").append(esc(cmd)).append("</code>");
            }
            if (!s.services().isEmpty()) {
                sb.append("<br>restart: ").append(esc(String.join(", ", s.services())));
            }
            for (ProducedFile f : s.produced()) {
                sb.append("<br>&rarr; ")
                        .append(esc(f.cluster() + (f.node() == null ? "" : "/" + f.node()) + " " + f.name()))
                        .append(" signed by ")
                        .append(esc(Planner.cn(f.signer())))
                        .append(" (")
                        .append(esc(f.changes().isEmpty() ? "unchanged" : String.join(", ", f.changes())))
                        .append(")");
            }
            for (ClassResult r : s.classes()) {
                sb.append("<br>")
                        .append(esc(r.className()))
                        .append(": <span class=\"")
                        .append(r.accepted() ? "ok" : "bad")
                        .append("\">")
                        .append(r.verdict())
                        .append("</span> ")
                        .append(esc(r.chainText()));
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!p.stranded().isEmpty() || !p.atRisk().isEmpty()) {
            sb.append("<h2>Stranded and at risk</h2>\n<ul>\n");
            for (ClassResult r : p.stranded()) {
                sb.append("<li class=\"bad\">")
                        .append(esc(r.className() + " (" + r.count() + ") stop at step " + r.stepId() + ": "
                                + r.chainText() + (r.fix() == null ? "" : " -> " + r.fix())))
                        .append("</li>\n");
            }
            for (ClassResult r : p.atRisk()) {
                sb.append("<li class=\"warn\">")
                        .append(esc(r.className() + " (" + r.count() + ", offline): "
                                + r.verdict() + " at the final files, " + r.chainText()
                                + (r.fix() == null ? "" : " -> " + r.fix())))
                        .append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (p.fix() != null) {
            sb.append("<p><b>Fix:</b> ").append(esc(p.fix())).append("</p>\n");
        }
        sb.append("<h2>Invariants</h2>\n<ul>\n");
        for (InvariantCheck i : p.invariants()) {
            String cls =
                    switch (i.status()) {
                        case OK -> "ok";
                        case VIOLATED -> "bad";
                        case WARN -> "warn";
                        default -> "meta";
                    };
            sb.append("<li><span class=\"")
                    .append(cls)
                    .append("\">")
                    .append(i.id())
                    .append(' ')
                    .append(i.status())
                    .append("</span> ")
                    .append(esc(i.detail()))
                    .append(" <span class=\"meta\">")
                    .append(esc(String.join(", ", i.source())))
                    .append("</span></li>\n");
        }
        sb.append("</ul>\n");
        p.alternativePlan().ifPresent(a -> sb.append("<p>")
                .append(esc(a.order()))
                .append(" order: <span class=\"")
                .append(a.verdict() == PlanVerdict.SAFE ? "ok" : "bad")
                .append("\">")
                .append(a.verdict())
                .append("</span>")
                .append(
                        a.stranded().isEmpty()
                                ? ""
                                : esc(", strands " + a.strandedPhones() + " phones ("
                                        + a.stranded().get(0).chainText() + ")"))
                .append(a.fix() == null ? "" : "<br>its fix: " + esc(a.fix()))
                .append("</p>\n"));
        sb.append("<p class=\"meta\">Assumptions: ")
                .append(esc(String.join("; ", p.assumptions())))
                .append("</p>\n</body></html>\n");
        return sb.toString();
    }

    /** The SVG timeline: one column per step, one row per phone class, each cell the class's state after the step. */
    private static void timeline(StringBuilder sb, Plan p) {
        List<PlanStep> steps = p.steps();
        List<FleetSpec.PhoneClass> classes = new ArrayList<>(p.request().fleet().classes());
        int w = LEFT + steps.size() * COL + 20;
        int h = TOP + classes.size() * ROW + 24;
        sb.append("<h2>Timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(h)
                .append("\" role=\"img\" aria-label=\"plan timeline\">\n");
        int y0 = 22;
        sb.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(y0)
                .append("\" x2=\"")
                .append(LEFT + steps.size() * COL - COL / 2)
                .append("\" y2=\"")
                .append(y0)
                .append("\" stroke=\"#999\" stroke-width=\"2\"/>\n");
        Map<String, String> state = new LinkedHashMap<>();
        for (FleetSpec.PhoneClass pc : classes) {
            state.put(pc.name(), pc.holds() == FleetSpec.Holds.UNKNOWN ? "unknown" : "current");
        }
        for (int i = 0; i < classes.size(); i++) {
            FleetSpec.PhoneClass pc = classes.get(i);
            sb.append("<text x=\"8\" y=\"")
                    .append(TOP + i * ROW + 19)
                    .append("\">")
                    .append(esc(pc.name()))
                    .append(pc.count() > 0 ? " (" + pc.count() + ")" : "")
                    .append(pc.offline() && !pc.name().contains("offline") ? " offline" : "")
                    .append("</text>\n");
        }
        for (int s = 0; s < steps.size(); s++) {
            PlanStep st = steps.get(s);
            int x = LEFT + s * COL + COL / 2;
            sb.append("<g class=\"step\" data-step=\"")
                    .append(esc(st.id()))
                    .append("\"><title>")
                    .append(esc(st.isGate() ? "gate " + st.id() : st.id() + " " + st.title()))
                    .append("</title>");
            if (st.isGate()) {
                sb.append("<polygon points=\"")
                        .append(x)
                        .append(',')
                        .append(y0 - 9)
                        .append(' ')
                        .append(x + 9)
                        .append(',')
                        .append(y0)
                        .append(' ')
                        .append(x)
                        .append(',')
                        .append(y0 + 9)
                        .append(' ')
                        .append(x - 9)
                        .append(',')
                        .append(y0)
                        .append("\" fill=\"#e0a800\"/>");
            } else {
                sb.append("<circle cx=\"")
                        .append(x)
                        .append("\" cy=\"")
                        .append(y0)
                        .append("\" r=\"7\" fill=\"")
                        .append(st.produced().isEmpty() ? "#9aa4b1" : "#2b6cb0")
                        .append("\"/>");
            }
            sb.append("<text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y0 + 24)
                    .append("\" text-anchor=\"middle\">")
                    .append(esc(st.id()))
                    .append("</text><text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y0 + 37)
                    .append("\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">")
                    .append(esc(shortKind(st)))
                    .append("</text></g>\n");
            for (ClassResult r : st.classes()) {
                if (!"stranded".equals(state.get(r.className()))) {
                    state.put(r.className(), r.accepted() ? "accept" : "stranded");
                }
            }
            boolean last = s == steps.size() - 1;
            if (last) {
                for (ClassResult r : p.atRisk()) {
                    state.put(r.className(), "stranded");
                }
                for (FleetSpec.PhoneClass pc : classes) {
                    if (pc.offline()
                            && p.atRisk().stream().noneMatch(r -> r.className().equals(pc.name()))) {
                        state.put(pc.name(), "accept");
                    }
                }
            }
            for (int i = 0; i < classes.size(); i++) {
                FleetSpec.PhoneClass pc = classes.get(i);
                String v = state.get(pc.name());
                if (pc.offline() && !last) {
                    v = "offline";
                }
                String fill =
                        switch (v) {
                            case "accept" -> "#c9ecd4";
                            case "stranded" -> "#f6c7c3";
                            case "offline", "unknown" -> "#eceff3";
                            default -> "#dde7f5";
                        };
                String label =
                        switch (v) {
                            case "accept" -> "ACCEPT";
                            case "stranded" -> "REJECT";
                            case "offline" -> "offline";
                            case "unknown" -> "?";
                            default -> "holds";
                        };
                sb.append("<rect class=\"cell ")
                        .append(v)
                        .append("\" x=\"")
                        .append(x - COL / 2 + 3)
                        .append("\" y=\"")
                        .append(TOP + i * ROW + 3)
                        .append("\" width=\"")
                        .append(COL - 6)
                        .append("\" height=\"")
                        .append(ROW - 6)
                        .append("\" rx=\"4\" fill=\"")
                        .append(fill)
                        .append("\"/><text x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(TOP + i * ROW + 19)
                        .append("\" text-anchor=\"middle\" font-size=\"11\">")
                        .append(label)
                        .append("</text>\n");
            }
        }
        sb.append("</svg>\n<div class=\"meta\">circles: actions (blue: phones download new files); diamonds: gates; ")
                .append("cells: each class's state after the step.</div>\n");
    }

    private static String shortKind(PlanStep s) {
        if (s.isGate()) {
            return "gate";
        }
        String k = s.action();
        String[] w = s.title().split(" ");
        if ((k.equals("regenerate")) && w.length > 1) {
            k = w[0].equals("replace") ? w[1] + " (CA)" : w[1];
        }
        return k.length() > 12 ? k.substring(0, 12) : k;
    }

    /**
     * @param s text
     * @return HTML-escaped text
     */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
