package io.github.itl4j.audit;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code max} characters from a reader: a longer line is cut, the rest skipped without being
 * kept, and flagged. Line ends: LF, CR LF, CR. Not thread-safe.
 */
final class BoundedLines {
    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private long lineNo;
    private boolean truncated;
    private boolean pendingCr;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** @return the next line without its end, or null at the end of the input */
    String next() throws IOException {
        StringBuilder sb = new StringBuilder();
        truncated = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    lineNo++;
                    return sb.toString();
                }
            }
            char c = buf[pos++];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                pendingCr = c == '\r';
                lineNo++;
                return sb.toString();
            }
            if (sb.length() < max) {
                sb.append(c);
            } else {
                truncated = true;
            }
        }
    }

    /** @return the number of the line {@link #next()} returned last (1-based) */
    long lineNo() {
        return lineNo;
    }

    /** @return whether the last line was longer than the bound (and was cut) */
    boolean truncated() {
        return truncated;
    }
}
