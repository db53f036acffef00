package io.github.itl4j.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads phone reports from CSV (docs/audit.md) with Apache Commons CSV, as a stream: a header row is required,
 * its separator ({@code ,} {@code ;} or tab) is detected, and columns are found by case-insensitive aliases:
 * {@code device|name|devicename}, {@code itl|itl_hash|itl_signature|itl signature}, {@code ctl|ctl_hash|
 * ctl_signature|ctl signature}, {@code tftp|itl_tftp_server}, {@code ctl_tftp|ctl_tftp_server}, {@code model},
 * {@code ip|ipv4address}, {@code status|statuscode}. Lines are read within {@link AuditLimits}; a quoted field may
 * span lines up to the record bound. A bad row is a problem with its line number; reading goes on. Stateless.
 *
 * @since 0.1.0
 */
public final class CsvReports {
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("device", "device", "name", "devicename", "device name", "device_name");
        alias("itl", "itl", "itl_hash", "itl_signature", "itl signature", "itl hash", "itl file");
        alias("ctl", "ctl", "ctl_hash", "ctl_signature", "ctl signature", "ctl hash", "ctl file");
        alias("tftp", "tftp", "itl_tftp_server", "itl tftp server");
        alias("ctl_tftp", "ctl_tftp", "ctl_tftp_server", "ctl tftp server");
        alias("model", "model");
        alias("ip", "ip", "ipv4address", "ipv4 address");
        alias("status", "status", "statuscode");
    }

    private CsvReports() {}

    private static void alias(String column, String... names) {
        for (String n : names) {
            ALIASES.put(n, column);
        }
    }

    /**
     * @param header a header cell
     * @return the column it names ({@code device}, {@code itl}, ...), or null
     */
    static String column(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("\ufeff")) {
            h = h.substring(1).strip();
        }
        return ALIASES.get(h);
    }

    /**
     * @param line the header line
     * @return the separator with the most occurrences outside quotes ({@code ,} on a tie or none)
     */
    static char separator(String line) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semi++;
                    case '\t' -> tab++;
                    default -> {
                        // other characters
                    }
                }
            }
        }
        if (tab > comma && tab >= semi) {
            return '\t';
        }
        return semi > comma ? ';' : ',';
    }

    /**
     * Reads a CSV input to its end.
     *
     * @param in the text (not closed)
     * @param source its name for problems and rows
     * @param limits the bounds
     * @param sink receives the rows and problems
     * @throws ReportFormatException if the header names no device column or no ITL/CTL column
     * @throws IOException if the input cannot be read
     */
    public static void read(Reader in, String source, AuditLimits limits, ReportSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        BoundedLines lines = new BoundedLines(in, limits.maxLineChars());
        String header = lines.next();
        while (header != null && header.isBlank()) {
            header = lines.next();
        }
        if (header == null) {
            throw new ReportFormatException(source + ": empty: a CSV report needs a header row");
        }
        if (lines.truncated()) {
            throw new ReportFormatException(source + ":" + lines.lineNo() + ": the header row is longer than "
                    + limits.maxLineChars() + " characters");
        }
        char sep = separator(header);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(sep)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .get();
        List<String> cells = parse(header, format).cells();
        if (cells == null) {
            throw new ReportFormatException(source + ":" + lines.lineNo() + ": the header row is not valid CSV");
        }
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String c = column(cells.get(i));
            if (c != null) {
                col.putIfAbsent(c, i);
            }
        }
        if (!col.containsKey("device") || !(col.containsKey("itl") || col.containsKey("ctl"))) {
            throw new ReportFormatException(source + ":" + lines.lineNo() + ": the header " + cells + " (separator "
                    + (sep == '\t' ? "tab" : "'" + sep + "'") + ") names no device column (device, name, devicename)"
                    + " or no hash column (itl, itl_hash, itl_signature, itl signature, ctl, ctl_hash, "
                    + "ctl_signature)");
        }
        while (true) {
            String line = lines.next();
            if (line == null) {
                return;
            }
            long start = lines.lineNo();
            if (lines.truncated()) {
                sink.problem(new AuditProblem(
                        source, start, "line longer than " + limits.maxLineChars() + " characters: skipped"));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Parsed row = parse(line, format);
            StringBuilder record = null;
            boolean ended = false;
            while (row.unclosed()) {
                // an unclosed quote: the field goes on on the next line
                if (record == null) {
                    record = new StringBuilder(line);
                }
                String more = lines.next();
                if (more == null
                        || lines.truncated()
                        || record.length() + more.length() + 1 > limits.maxRecordChars()) {
                    ended = more == null;
                    row = new Parsed(
                            null,
                            false,
                            ended
                                    ? "a quoted field is not closed before the end of the input"
                                    : "a quoted field is not closed within " + limits.maxRecordChars() + " characters "
                                            + "(line " + lines.lineNo() + ")");
                    break;
                }
                record.append('\n').append(more);
                row = parse(record.toString(), format);
            }
            if (row.cells() == null) {
                sink.problem(new AuditProblem(source, start, row.error() + ": row skipped"));
                if (ended) {
                    return;
                }
                continue;
            }
            List<String> cells1 = row.cells();
            String device = cell(cells1, col, "device");
            if (device.isBlank()) {
                sink.problem(new AuditProblem(source, start, "no device name: row skipped"));
                continue;
            }
            sink.report(new PhoneReport(
                    device.strip(),
                    cell(cells1, col, "model").strip(),
                    cell(cells1, col, "ip").strip(),
                    cell(cells1, col, "status").strip(),
                    cell(cells1, col, "itl"),
                    cell(cells1, col, "tftp").strip(),
                    col.containsKey("ctl") ? cell(cells1, col, "ctl") : null,
                    cell(cells1, col, "ctl_tftp").strip(),
                    source,
                    start));
        }
    }

    private static String cell(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= row.size() ? "" : row.get(i);
    }

    /** A parsed record: its cells, or why not (an unclosed quoted field may go on on the next line). */
    private record Parsed(List<String> cells, boolean unclosed, String error) {}

    private static Parsed parse(String text, CSVFormat format) {
        try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
            List<CSVRecord> records = p.getRecords();
            return new Parsed(records.isEmpty() ? List.of() : records.get(0).toList(), false, null);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            boolean eof = m.contains("EOF reached before encapsulated token finished");
            return new Parsed(null, eof, "not valid CSV: " + m.replaceAll("\\s+", " "));
        }
    }
}
