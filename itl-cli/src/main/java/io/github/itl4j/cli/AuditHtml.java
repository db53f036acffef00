package io.github.itl4j.cli;

import io.github.itl4j.audit.AuditClass;
import io.github.itl4j.audit.AuditProblem;
import io.github.itl4j.audit.AuditSummary;
import io.github.itl4j.audit.Classification;
import io.github.itl4j.audit.KnownCatalogue;
import io.github.itl4j.audit.KnownFile;
import io.github.itl4j.audit.KnownLabel;
import io.github.itl4j.audit.PhoneReport;
import io.github.itl4j.trust.FileKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code itl audit --html} page: one self-contained HTML file (inline CSS and SVG, no script, no network) with the
 * class distribution per TFTP node as a stacked bar chart, the counts, and the phones that need action with their
 * advice. Deterministic for the same summary.
 */
final class AuditHtml {
    private static final int BAR_WIDTH = 560;
    private static final int LABEL_WIDTH = 180;
    private static final int ROW = 30;

    private AuditHtml() {}

    /** @return the fill colour of a class in the chart */
    static String colour(AuditClass c) {
        return switch (c) {
            case CURRENT -> "#2e7d32";
            case CURRENT_OTHER_NODE -> "#81c784";
            case EQUIVALENT -> "#1565c0";
            case STALE_RECOVERABLE -> "#f9a825";
            case STALE_STRANDED -> "#c62828";
            case FOREIGN -> "#6a1b9a";
            case DIAGNOSTIC_FORM -> "#00838f";
            case UNKNOWN -> "#757575";
            case NOT_INSTALLED -> "#bdbdbd";
            case MALFORMED -> "#4e342e";
        };
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /**
     * @param s the summary
     * @param catalogue the known files
     * @param verdict ALL_CURRENT, NOT_CURRENT or NO_PHONES
     * @param maxListed how many phones per class the summary kept
     * @return the page
     */
    static String page(AuditSummary s, KnownCatalogue catalogue, String verdict, int maxListed) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>itl audit: ")
                .append(esc(verdict))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#212121}\n")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}\n")
                .append(".verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;")
                .append("font-weight:600}\n.ALL_CURRENT{background:#2e7d32}.NOT_CURRENT{background:#c62828}")
                .append(".NO_PHONES{background:#757575}\n")
                .append("table{border-collapse:collapse;margin:6px 0;font-size:13px}\n")
                .append("th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".sw{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}\n")
                .append("code{font-size:12px}.muted{color:#616161;font-size:13px}td:first-child{white-space:nowrap}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>itl audit <span class=\"verdict ")
                .append(esc(verdict))
                .append("\">")
                .append(esc(verdict))
                .append("</span></h1>\n<p class=\"muted\">")
                .append(s.phones())
                .append(" phone reports, ")
                .append(catalogue.files().size())
                .append(" known files, ")
                .append(s.problemCount())
                .append(s.problemCount() == 1 ? " row" : " rows")
                .append(" skipped. Each phone's reported hash is "
                        + "matched against the files CUCM served; stale phones are simulated (would a phone holding "
                        + "that file accept the current one?).</p>\n");
        for (FileKind k : s.kinds()) {
            chart(h, s, k);
            action(h, s, k, maxListed);
        }
        h.append("<h2>Known files</h2>\n<table><tr><th>label</th><th>kind</th><th>name</th><th>size</th>"
                + "<th>record digest</th></tr>\n");
        for (KnownFile f : catalogue.files()) {
            h.append("<tr><td>")
                    .append(esc(f.label().toString()))
                    .append("</td><td>")
                    .append(f.kind())
                    .append("</td><td>")
                    .append(esc(f.name()))
                    .append("</td><td class=\"n\">")
                    .append(f.size() < 0 ? "hash only" : Long.toString(f.size()))
                    .append("</td><td><code>")
                    .append(esc(f.recordDigest().orElse("")))
                    .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
        if (!s.problems().isEmpty()) {
            h.append("<h2>Rows skipped</h2>\n<table><tr><th>where</th><th>why</th></tr>\n");
            for (AuditProblem p : s.problems()) {
                h.append("<tr><td>")
                        .append(esc(p.source() + (p.line() > 0 ? ":" + p.line() : "")))
                        .append("</td><td>")
                        .append(esc(p.message()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void chart(StringBuilder h, AuditSummary s, FileKind k) {
        Map<String, EnumMap<AuditClass, Long>> byNode = s.byNode(k);
        EnumMap<AuditClass, Long> total = s.total(k);
        long all = total.values().stream().mapToLong(Long::longValue).sum();
        h.append("<h2>").append(k).append(" classes per TFTP node</h2>\n");
        int height = ROW * byNode.size() + 10;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"")
                .append(k)
                .append(" classes per node\" width=\"")
                .append(LABEL_WIDTH + BAR_WIDTH + 90)
                .append("\" height=\"")
                .append(height)
                .append("\" font-size=\"13\">\n");
        int y = 5;
        for (Map.Entry<String, EnumMap<AuditClass, Long>> e : byNode.entrySet()) {
            long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            h.append("<text x=\"")
                    .append(LABEL_WIDTH - 8)
                    .append("\" y=\"")
                    .append(y + 16)
                    .append("\" text-anchor=\"end\">")
                    .append(esc(shorten(e.getKey())))
                    .append("</text>\n");
            double x = LABEL_WIDTH;
            for (Map.Entry<AuditClass, Long> c : e.getValue().entrySet()) {
                double w = n == 0 ? 0 : BAR_WIDTH * (double) c.getValue() / n;
                h.append("<rect x=\"")
                        .append(fmt(x))
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(fmt(w))
                        .append("\" height=\"22\" fill=\"")
                        .append(colour(c.getKey()))
                        .append("\"><title>")
                        .append(esc(e.getKey()))
                        .append(": ")
                        .append(c.getKey())
                        .append(' ')
                        .append(c.getValue())
                        .append(" (")
                        .append(AuditCommand.percent(c.getValue(), n))
                        .append(")</title></rect>\n");
                x += w;
            }
            h.append("<text x=\"")
                    .append(LABEL_WIDTH + BAR_WIDTH + 8)
                    .append("\" y=\"")
                    .append(y + 16)
                    .append("\">")
                    .append(n)
                    .append("</text>\n");
            y += ROW;
        }
        h.append("</svg>\n<table><tr><th>class</th><th>phones</th><th>share</th><th>advice</th></tr>\n");
        for (Map.Entry<AuditClass, Long> c : total.entrySet()) {
            h.append("<tr><td><span class=\"sw\" style=\"background:")
                    .append(colour(c.getKey()))
                    .append("\"></span>")
                    .append(c.getKey())
                    .append("</td><td class=\"n\">")
                    .append(c.getValue())
                    .append("</td><td class=\"n\">")
                    .append(AuditCommand.percent(c.getValue(), all))
                    .append("</td><td>")
                    .append(esc(c.getKey().advice()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void action(StringBuilder h, AuditSummary s, FileKind k, int maxListed) {
        boolean header = false;
        for (AuditClass c : AuditClass.values()) {
            if (c.passesGate()) {
                continue;
            }
            List<Classification> l = s.listed(k, c);
            if (l.isEmpty()) {
                continue;
            }
            if (!header) {
                h.append("<h2>")
                        .append(k)
                        .append(
                                ": phones that need action</h2>\n<table><tr><th>class</th>"
                                        + "<th>device</th><th>node</th><th>matched</th><th>advice</th><th>rule chain</th></tr>\n");
                header = true;
            }
            for (Classification x : l) {
                PhoneReport r = x.report();
                h.append("<tr><td><span class=\"sw\" style=\"background:")
                        .append(colour(c))
                        .append("\"></span>")
                        .append(c)
                        .append("</td><td>")
                        .append(esc(r.device()))
                        .append("</td><td>")
                        .append(esc(x.node()))
                        .append("</td><td>")
                        .append(esc(x.matchedLabel().map(KnownLabel::toString).orElse("")))
                        .append("</td><td>")
                        .append(esc(x.advice()))
                        .append("</td><td><code>")
                        .append(esc(String.join(" ", x.chain())))
                        .append("</code></td></tr>\n");
            }
            long count = s.total(k).getOrDefault(c, 0L);
            if (count > l.size()) {
                h.append("<tr><td colspan=\"6\" class=\"muted\">")
                        .append(c)
                        .append(": ")
                        .append(count - l.size())
                        .append(" more (the first ")
                        .append(maxListed)
                        .append(" are listed; --csv has all)</td></tr>\n");
            }
        }
        if (header) {
            h.append("</table>\n");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "\u2026";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
