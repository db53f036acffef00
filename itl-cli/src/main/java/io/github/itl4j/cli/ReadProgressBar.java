package io.github.itl4j.cli;

import io.github.itl4j.audit.ReportProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of reading inputs of known total size, a sibling of {@link ProgressBar} for bytes, redrawn in place on
 * standard error: {@code [#######-------]  12.5/50.0 MiB   25%  81234 rows}; when the size is not known (standard
 * input, a pipe) a counter: {@code 12.5 MiB  81234 rows}. Redraws at most ten times a second, and always at the end.
 * Callers show it only when standard error is a terminal.
 *
 * <p>One bar for several inputs read one after the other: {@link #nextInput()} between them.
 *
 * @since 0.1.0
 */
final class ReadProgressBar implements ReportProgress {
    private final TerminalLine line;
    private final long totalBytes;
    private long baseBytes;
    private long baseRows;
    private long bytes;
    private long rows;

    /**
     * @param out where to draw (standard error)
     * @param totalBytes the size of all inputs, or -1 when one of them has no known size
     */
    ReadProgressBar(PrintWriter out, long totalBytes) {
        this.line = new TerminalLine(out);
        this.totalBytes = totalBytes;
    }

    @Override
    public void progress(long inputBytes, long inputRows) {
        bytes = inputBytes;
        rows = inputRows;
        draw(false);
    }

    /** Ends the current input: the next one's counts add to it. */
    void nextInput() {
        baseBytes += bytes;
        baseRows += rows;
        bytes = 0;
        rows = 0;
    }

    private void draw(boolean force) {
        if (line.due(System.nanoTime(), force)) {
            line.draw(render(baseBytes + bytes, totalBytes, baseRows + rows, ProgressBar.WIDTH));
        }
    }

    /** Draws the final counts and ends the line, so that what follows starts on a new line. */
    void finish() {
        draw(true);
        line.end();
    }

    /** @return whether anything was drawn */
    boolean drawn() {
        return line.drawn();
    }

    /**
     * The text of the bar.
     *
     * @param done bytes read
     * @param total bytes expected, or -1 when unknown (a counter then)
     * @param rows rows read
     * @param width the width of the bar between the brackets
     * @return the line, without {@code \r}
     */
    static String render(long done, long total, long rows, int width) {
        String r = "  " + rows + " row" + (rows == 1 ? "" : "s");
        if (total < 0) {
            return mib(done) + " MiB" + r;
        }
        long t = Math.max(total, done);
        String all = mib(t);
        return TerminalLine.bar(done, t, width)
                .append("  ")
                .append(String.format(Locale.ROOT, "%" + all.length() + "s", mib(done)))
                .append('/')
                .append(all)
                .append(" MiB")
                .append(TerminalLine.percent(done, t))
                .append(r)
                .toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
