package io.github.itl4j.cli;

import io.github.itl4j.crypto.fleet.FleetSigner;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for an interactive terminal, redrawn in place with {@code \r}:
 * {@code [##########----------]  2000/4000  50%  812 files/s}. Redraws at most ten times a second, and always for
 * the last file. Callers show it only when standard error is a terminal, never in pipes or logs.
 *
 * <p>Used as a {@link FleetSigner.Progress} listener; its calls are serialized by the fleet signer.
 *
 * @since 0.1.0
 */
final class ProgressBar implements FleetSigner.Progress {
    /** The width of the bar between the brackets. */
    static final int WIDTH = 30;

    private final TerminalLine line;
    private final long startNanos = System.nanoTime();

    /** @param out where to draw (standard error) */
    ProgressBar(PrintWriter out) {
        this.line = new TerminalLine(out);
    }

    @Override
    public void started(long expectedFiles) {
        draw(0, expectedFiles, true);
    }

    @Override
    public void fileDone(FleetSigner.FileResult result, long completed, long expectedFiles) {
        draw(completed, expectedFiles, completed >= expectedFiles);
    }

    private void draw(long done, long total, boolean force) {
        long now = System.nanoTime();
        if (!line.due(now, force)) {
            return;
        }
        double seconds = (now - startNanos) / 1e9;
        line.draw(render(done, total, seconds > 0 ? done / seconds : 0, WIDTH));
    }

    /** Ends the line of the bar, so that what follows starts on a new line. */
    void finish() {
        if (line.drawn()) {
            line.end();
        }
    }

    /**
     * The text of the bar.
     *
     * @param done files done
     * @param total files expected (may be 0)
     * @param perSecond the rate so far
     * @param width the width of the bar between the brackets
     * @return the line, without {@code \r}
     */
    static String render(long done, long total, double perSecond, int width) {
        long t = Math.max(total, done);
        String digits = Long.toString(t);
        StringBuilder sb = TerminalLine.bar(done, t, width)
                .append("  ")
                .append(String.format(Locale.ROOT, "%" + digits.length() + "d", done))
                .append('/')
                .append(digits)
                .append(TerminalLine.percent(done, t));
        if (perSecond > 0) {
            sb.append(String.format(Locale.ROOT, "  %.0f files/s", perSecond));
        }
        return sb.toString();
    }
}
