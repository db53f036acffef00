package io.github.itl4j.audit;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts DeviceTLInfo alarms ({@code <Alarm Name="DeviceTLInfo">} with {@code <String name="...">} parameters, the
 * body of the SIP REFER phones send at registration, docs/audit.md) from raw SIP text, phone console logs or CUCM
 * SDL/SDI traces, as a stream. Log line breaks inside the XML are tolerated: when the line that opens the alarm has
 * a log prefix, the prefix of each following line is recognised (same shape, numbers may differ, or up to the same
 * delimiter) and removed, and the lines are joined without a separator, so an element cut in two by the log
 * ({@code DeviceT} / {@code LInfo}) is whole again. An alarm is kept within {@link AuditLimits#maxRecordChars()};
 * one that is not closed, or has no DeviceName, is a problem and reading goes on. Stateless.
 *
 * @since 0.1.0
 */
public final class DeviceTlInfoReports {
    private static final String OPEN = "<Alarm";
    private static final String CLOSE = "</Alarm>";
    private static final Pattern NAME =
            Pattern.compile("^<Alarm\\s+Name\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAM = Pattern.compile(
            "<String\\s+name\\s*=\\s*\"([^\"]*)\"\\s*(?:/>|>([^<]*)</String\\s*>)", Pattern.CASE_INSENSITIVE);

    private DeviceTlInfoReports() {}

    /**
     * Reads a capture to its end.
     *
     * @param in the text (not closed)
     * @param source its name for problems and rows
     * @param limits the bounds
     * @param sink receives one row per DeviceTLInfo alarm, and the problems
     * @throws IOException if the input cannot be read
     */
    public static void read(Reader in, String source, AuditLimits limits, ReportSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        BoundedLines lines = new BoundedLines(in, limits.maxLineChars());
        StringBuilder buf = null;
        String prefix = "";
        long start = 0;
        String line;
        while ((line = lines.next()) != null) {
            if (lines.truncated()) {
                sink.problem(new AuditProblem(
                        source, lines.lineNo(), "line longer than " + limits.maxLineChars() + " characters: skipped"));
                if (buf != null) {
                    sink.problem(new AuditProblem(source, start, "alarm cut by an over-long line: skipped"));
                    buf = null;
                }
                continue;
            }
            String rest;
            if (buf == null) {
                int i = line.indexOf(OPEN);
                if (i < 0) {
                    continue;
                }
                prefix = line.substring(0, line.indexOf('<')); // the log prefix: up to the first element
                start = lines.lineNo();
                buf = new StringBuilder();
                rest = line.substring(i);
            } else {
                int p = prefix.isEmpty() ? -1 : stripPrefix(line, prefix);
                if (p >= 0) {
                    rest = line.substring(p);
                } else {
                    buf.append('\n');
                    rest = line;
                }
            }
            buf.append(rest);
            // drain every alarm closed in the buffer
            while (buf != null) {
                int end = buf.indexOf(CLOSE);
                int next = buf.indexOf(OPEN, 1);
                if (next >= 0 && (end < 0 || next < end)) {
                    sink.problem(new AuditProblem(source, start, "alarm not closed before the next alarm: skipped"));
                    buf.delete(0, next);
                    start = lines.lineNo();
                    continue;
                }
                if (end < 0) {
                    if (buf.length() > limits.maxRecordChars()) {
                        sink.problem(new AuditProblem(
                                source,
                                start,
                                "alarm not closed within " + limits.maxRecordChars() + " characters: skipped"));
                        buf = null;
                    }
                    break;
                }
                alarm(buf.substring(0, end), source, start, sink);
                String after = buf.substring(end + CLOSE.length());
                int again = after.indexOf(OPEN);
                if (again < 0) {
                    buf = null;
                } else {
                    buf = new StringBuilder(after.substring(again));
                    start = lines.lineNo();
                }
            }
        }
        if (buf != null) {
            sink.problem(new AuditProblem(source, start, "alarm not closed before the end of the input: skipped"));
        }
    }

    /**
     * @param line a line inside an alarm
     * @param prefix the log prefix of the line that opened it
     * @return where the payload starts when the line has a log prefix like it, else -1
     */
    static int stripPrefix(String line, String prefix) {
        // same shape: digit runs match digit runs, blank runs match blank runs, other characters themselves
        int i = 0;
        int j = 0;
        while (i < prefix.length() && j <= line.length()) {
            char c = prefix.charAt(i);
            if (Character.isDigit(c)) {
                if (j >= line.length() || !Character.isDigit(line.charAt(j))) {
                    break;
                }
                while (i < prefix.length() && Character.isDigit(prefix.charAt(i))) {
                    i++;
                }
                while (j < line.length() && Character.isDigit(line.charAt(j))) {
                    j++;
                }
            } else if (Character.isWhitespace(c)) {
                while (i < prefix.length() && Character.isWhitespace(prefix.charAt(i))) {
                    i++;
                }
                while (j < line.length() && Character.isWhitespace(line.charAt(j))) {
                    j++;
                }
            } else {
                if (j >= line.length() || line.charAt(j) != c) {
                    break;
                }
                i++;
                j++;
            }
        }
        if (i == prefix.length()) {
            return j;
        }
        // else: up to the delimiter that ends the prefix (e.g. "| ", "] ", ": "), near the same column
        String trimmed = prefix.stripTrailing();
        if (trimmed.isEmpty()) {
            return -1;
        }
        String delim = trimmed.substring(trimmed.length() - 1);
        if (Character.isLetterOrDigit(delim.charAt(0))) {
            return -1;
        }
        int d = line.indexOf(delim);
        if (d < 0 || d > prefix.length() + 16 || d < trimmed.length() / 2) {
            return -1;
        }
        int k = d + 1;
        int want = prefix.length() - trimmed.length();
        while (k < line.length() && want > 0 && line.charAt(k) == ' ') {
            k++;
            want--;
        }
        return k;
    }

    private static void alarm(String xml, String source, long line, ReportSink sink) {
        Matcher n = NAME.matcher(xml);
        if (!n.find() || !n.group(1).strip().equalsIgnoreCase("DeviceTLInfo")) {
            return; // another alarm
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(xml);
        while (m.find()) {
            p.putIfAbsent(
                    m.group(1).strip().toLowerCase(java.util.Locale.ROOT),
                    m.group(2) == null ? "" : unescape(m.group(2)));
        }
        String device = p.getOrDefault("devicename", "").strip();
        if (device.isEmpty()) {
            sink.problem(new AuditProblem(source, line, "DeviceTLInfo alarm without DeviceName: skipped"));
            return;
        }
        if (!p.containsKey("itl_signature") && !p.containsKey("ctl_signature")) {
            sink.problem(new AuditProblem(
                    source,
                    line,
                    "DeviceTLInfo alarm of " + device + " without ITL_Signature or CTL_Signature: skipped"));
            return;
        }
        sink.report(new PhoneReport(
                device,
                "",
                p.getOrDefault("ipv4address", "").strip(),
                p.getOrDefault("statuscode", "").strip(),
                p.getOrDefault("itl_signature", ""),
                p.getOrDefault("itl_tftp_server", "").strip(),
                p.get("ctl_signature"),
                p.getOrDefault("ctl_tftp_server", "").strip(),
                source,
                line));
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
