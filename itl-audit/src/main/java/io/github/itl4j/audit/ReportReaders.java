package io.github.itl4j.audit;

import java.io.BufferedInputStream;
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

    private ReportReaders() {
    }

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
        BufferedInputStream b = new BufferedInputStream(in, SNIFF);
        Form f = form;
        if (f == null) {
            b.mark(SNIFF);
            byte[] head = b.readNBytes(SNIFF);
            b.reset();
            String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            f = text.contains("<alarm") || text.contains("devicetlinfo") ? Form.DEVICE_TL_INFO : Form.CSV;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader r = new InputStreamReader(b, dec);
        if (f == Form.CSV) {
            CsvReports.read(r, source, limits, sink);
        } else {
            DeviceTlInfoReports.read(r, source, limits, sink);
        }
        return f;
    }
}
