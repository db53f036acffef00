package io.github.itl4j.audit;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads any supported phone report, deciding its form from its first 64 KiB: text holding a {@code <Alarm} element
 * or the word DeviceTLInfo is a capture ({@link DeviceTlInfoReports}), anything else CSV ({@link CsvReports}).
 * Bytes that are not UTF-8 are replaced, never fatal. Stateless.
 *
 * @since 0.1.0
 */
public final class ReportReaders {
    /** How much of the input decides its form. */
    static final int SNIFF = 64 * 1024;

    /** The form of a phone report. */
    public enum Form {
        /** CSV with a header row. */
        CSV,
        /** Raw SIP text, phone console log or CUCM trace holding DeviceTLInfo alarms. */
        DEVICE_TL_INFO
    }

    private ReportReaders() {}

    /**
     * Reads a report to its end.
     *
     * @param in the bytes (not closed)
     * @param source the input's name
     * @param form the form, or null to detect it
     * @param limits the bounds
     * @param sink receives the rows and problems
     * @return the form read
     * @throws IOException if the input cannot be read, or is CSV without a usable header
     *     ({@link ReportFormatException})
     */
    public static Form read(InputStream in, String source, Form form, AuditLimits limits, ReportSink sink)
            throws IOException {
        return read(in, source, form, limits, sink, ReportProgress.NONE);
    }

    /**
     * Reads a report to its end, telling {@code progress} how many bytes and rows have been read.
     *
     * @param in the bytes (not closed)
     * @param source the input's name
     * @param form the form, or null to detect it
     * @param limits the bounds
     * @param sink receives the rows and problems
     * @param progress told the bytes and rows read after each buffer of input, and once at the end
     * @return the form read
     * @throws IOException if the input cannot be read, or is CSV without a usable header
     *     ({@link ReportFormatException})
     */
    public static Form read(
            InputStream in, String source, Form form, AuditLimits limits, ReportSink sink, ReportProgress progress)
            throws IOException {
        Counting counting = new Counting(in, progress);
        ReportSink counted = new ReportSink() {
            @Override
            public void report(PhoneReport report) {
                counting.rows++;
                sink.report(report);
            }

            @Override
            public void problem(AuditProblem problem) {
                sink.problem(problem);
            }
        };
        Form f = readAll(counting, form, limits, counted, source);
        progress.progress(counting.bytes, counting.rows);
        return f;
    }

    private static Form readAll(InputStream in, Form form, AuditLimits limits, ReportSink sink, String source)
            throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, SNIFF);
        Form f = form;
        if (f == null) {
            b.mark(SNIFF);
            byte[] head = b.readNBytes(SNIFF);
            b.reset();
            String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            f = text.contains("<alarm") || text.contains("devicetlinfo") ? Form.DEVICE_TL_INFO : Form.CSV;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader r = new InputStreamReader(b, dec);
        if (f == Form.CSV) {
            CsvReports.read(r, source, limits, sink);
        } else {
            DeviceTlInfoReports.read(r, source, limits, sink);
        }
        return f;
    }

    /** Counts the bytes taken from the input and tells the progress after each read. */
    private static final class Counting extends FilterInputStream {
        private final ReportProgress progress;
        long bytes;
        long rows;

        Counting(InputStream in, ReportProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                bytes++;
                progress.progress(bytes, rows);
            }
            return c;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                bytes += n;
                progress.progress(bytes, rows);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            bytes += Math.max(0, k);
            return k;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
