package io.github.itl4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line of a terminal redrawn in place with {@code \r}, at most ten times a second unless forced: what
 * {@link ProgressBar} and {@link ReadProgressBar} draw on, with the bar both show ({@code [#####-----]} and a
 * percentage).
 */
final class TerminalLine {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;

    /** @param out where to draw (standard error) */
    TerminalLine(PrintWriter out) {
        this.out = out;
    }

    /**
     * Says whether to redraw now: always when forced or the first time, else when a tenth of a second has passed
     * since the last redraw. A yes counts as a redraw.
     *
     * @param now {@link System#nanoTime()}
     * @param force whether to redraw anyway
     * @return whether to redraw
     */
    boolean due(long now, boolean force) {
        if (!force && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return false;
        }
        lastDraw = now;
        return true;
    }

    /**
     * Replaces the line.
     *
     * @param line the new text, without {@code \r}
     */
    void draw(String line) {
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' '); // erase the end of a longer previous line
        }
        lastLength = line.length();
        out.print(sb);
        out.flush();
        drawn = true;
    }

    /** Ends the line, so that what follows starts on a new line. */
    void end() {
        out.println();
        out.flush();
    }

    /** @return whether anything was drawn */
    boolean drawn() {
        return drawn;
    }

    /**
     * The bar of a progress line, e.g. {@code [#####-----]} for half done.
     *
     * @param done how much is done
     * @param total how much is expected, at least {@code done}; 0 draws a full bar
     * @param width the width between the brackets
     * @return the bar
     */
    static StringBuilder bar(long done, long total, int width) {
        int filled = total == 0 ? width : (int) (width * done / total);
        StringBuilder sb = new StringBuilder(width + 48).append('[');
        for (int i = 0; i < width; i++) {
            sb.append(i < filled ? '#' : '-');
        }
        return sb.append(']');
    }

    /**
     * @param done how much is done
     * @param total how much is expected, at least {@code done}; 0 is 100%
     * @return the percentage, as {@code "   50%"} (two spaces and three columns)
     */
    static String percent(long done, long total) {
        return String.format(Locale.ROOT, "  %3d%%", total == 0 ? 100 : (int) (100 * done / total));
    }
}
