package io.github.itl4j.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/audit.md (what itl audit reads): CSV aliases and separators, DeviceTLInfo alarms in SIP text and split console
 * logs.
 */
class ReportReadersTest {
    static final class Collect implements ReportSink {
        final List<PhoneReport> rows = new ArrayList<>();
        final List<AuditProblem> problems = new ArrayList<>();

        @Override
        public void report(PhoneReport r) {
            rows.add(r);
        }

        @Override
        public void problem(AuditProblem p) {
            problems.add(p);
        }
    }

    static Collect csv(String text) throws IOException {
        Collect c = new Collect();
        CsvReports.read(new StringReader(text), "t.csv", AuditLimits.defaults(), c);
        return c;
    }

    static Collect read(String resource) throws IOException {
        Collect c = new Collect();
        try (InputStream in = ReportReadersTest.class.getResourceAsStream(resource)) {
            ReportReaders.read(in, resource, null, AuditLimits.defaults(), c);
        }
        return c;
    }

    @Test
    void progressCountsBytesAndRowsToTheEnd() throws IOException {
        StringBuilder sb = new StringBuilder("device;itl\n");
        for (int i = 0; i < 20000; i++) {
            sb.append("SEP").append(String.format("%012X", i)).append(";10 81 8E 3A \n");
        }
        sb.append(";no device\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<long[]> calls = new ArrayList<>();
        Collect c = new Collect();
        ReportReaders.read(
                new ByteArrayInputStream(bytes),
                "p.csv",
                null,
                AuditLimits.defaults(),
                c,
                (b, r) -> calls.add(new long[] {b, r}));
        assertEquals(20000, c.rows.size());
        assertEquals(1, c.problems.size());
        assertTrue(calls.size() > 2, "told more than once while reading: " + calls.size());
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0] && calls.get(i)[1] >= calls.get(i - 1)[1]);
        }
        assertTrue(calls.get(calls.size() / 2)[1] < 20000, "rows counted while reading");
        long[] last = calls.get(calls.size() - 1);
        assertEquals(bytes.length, last[0]);
        assertEquals(20000, last[1]); // problems are not rows
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t"})
    void separators(String sep) throws IOException {
        String text = String.join(sep, "Device Name", "Model", "ITL Signature", "ITL_TFTP_Server", "CTL_Signature")
                + "\n" + String.join(sep, "SEP001122334455", "CP-8865", "10 81 8E 3A ", "pub", "Not Installed")
                + "\n";
        Collect c = csv(text);
        assertEquals(1, c.rows.size(), c.problems.toString());
        PhoneReport r = c.rows.get(0);
        assertEquals("SEP001122334455", r.device());
        assertEquals("CP-8865", r.model());
        assertEquals("10 81 8E 3A ", r.itl());
        assertEquals("pub", r.itlTftp());
        assertEquals("Not Installed", r.ctl());
        assertEquals(2, r.line());
    }

    @Test
    void aliases() {
        for (String[] a : new String[][] {
            {"device", "device"},
            {"NAME", "device"},
            {"DeviceName", "device"},
            {"itl", "itl"},
            {"ITL_HASH", "itl"},
            {"itl_signature", "itl"},
            {"ITL Signature", "itl"},
            {"ctl", "ctl"},
            {"ctl_hash", "ctl"},
            {"CTL_Signature", "ctl"},
            {"tftp", "tftp"},
            {"ITL_TFTP_Server", "tftp"},
            {"ctl_tftp", "ctl_tftp"},
            {"CTL_TFTP_SERVER", "ctl_tftp"},
            {"Model", "model"},
            {"ip", "ip"},
            {"IPv4Address", "ip"},
            {"status", "status"},
            {"StatusCode", "status"},
            {"\ufeffdevice", "device"}
        }) {
            assertEquals(a[1], CsvReports.column(a[0]), a[0]);
        }
        assertNull(CsvReports.column("hash"));
    }

    @Test
    void noCtlColumnMeansNoCtlValue() throws IOException {
        Collect c = csv("device,itl\nSEP1,abc\n");
        assertNull(c.rows.get(0).ctl());
    }

    @Test
    void badRowsAreReportedPerLineAndReadingGoesOn() throws IOException {
        Collect c = csv("device;itl\nSEP1;aa\n;bb\nSEP3;\"x\"y\"\nSEP4;\"multi\nline\"\n\nSEP5;ee\n");
        assertEquals(
                List.of("SEP1", "SEP4", "SEP5"),
                c.rows.stream().map(PhoneReport::device).toList());
        assertEquals("multi\nline", c.rows.get(1).itl());
        assertEquals(5, c.rows.get(1).line());
        assertEquals(2, c.problems.size(), c.problems.toString());
        assertEquals(3, c.problems.get(0).line());
        assertTrue(c.problems.get(0).message().contains("no device name"));
        assertEquals(4, c.problems.get(1).line());
        assertTrue(
                c.problems.get(1).message().contains("not valid CSV"),
                c.problems.get(1).message());
    }

    @Test
    void unclosedQuoteAtEnd() throws IOException {
        Collect c = csv("device,itl\nSEP1,\"aa\nSEP2,bb\n");
        assertEquals(0, c.rows.size());
        assertTrue(c.problems.get(0).message().contains("not closed"), c.problems.toString());
    }

    @Test
    void headerWithoutHashColumn() {
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> csv("device,model\nSEP1,x\n"));
        assertTrue(
                e.getMessage().contains("no hash column") || e.getMessage().contains("names no device"),
                e.getMessage());
        assertThrows(ReportFormatException.class, () -> csv(""));
    }

    /** A reader of n characters without a line break, produced on the fly (never held in memory). */
    static Reader endless(long n, char c) {
        return new Reader() {
            long left = n;

            @Override
            public int read(char[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, c);
                left -= k;
                return k;
            }

            @Override
            public void close() {}
        };
    }

    /** Readers one after the other. */
    static final class Seq extends Reader {
        final java.util.ArrayDeque<Reader> parts;

        Seq(Reader... r) {
            parts = new java.util.ArrayDeque<>(List.of(r));
        }

        @Override
        public int read(char[] b, int off, int len) throws IOException {
            while (!parts.isEmpty()) {
                int n = parts.peek().read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                parts.pop();
            }
            return -1;
        }

        @Override
        public void close() {}
    }

    @Test
    void hostileLongLineIsSkippedWithinBounds() throws IOException {
        Collect c = new Collect();
        Reader r = new Seq(
                new StringReader("device,itl\nSEP1,aa\n"),
                endless(200L * 1024 * 1024, 'x'),
                new StringReader("\nSEP2,bb\n"));
        CsvReports.read(r, "big.csv", AuditLimits.defaults(), c);
        assertEquals(
                List.of("SEP1", "SEP2"),
                c.rows.stream().map(PhoneReport::device).toList());
        assertEquals(1, c.problems.size());
        assertTrue(c.problems.get(0).message().contains("longer than"));
    }

    @Test
    void rawSipRefer() throws IOException {
        Collect c = read("refer-cucm115.txt");
        assertEquals(1, c.rows.size(), c.problems.toString());
        PhoneReport r = c.rows.get(0);
        assertEquals("SEPC80084AA8743", r.device());
        assertEquals(
                "1ba1c907e99e4d3c539dc81424af6c9f7dce4d6d",
                ReportedValue.normalise(r.itl()).hex());
        assertEquals("cucm-115.home.lab", r.itlTftp());
        assertEquals(
                ReportedValue.Status.NOT_INSTALLED,
                ReportedValue.normalise(r.ctl()).status());
        assertEquals("10.10.10.50", r.ip());
        assertEquals("3", r.status());
    }

    @Test
    void consoleLogSplitInsideTheXml() throws IOException {
        Collect c = read("console-split.log");
        assertEquals(1, c.rows.size(), c.problems.toString());
        PhoneReport r = c.rows.get(0);
        assertEquals("SEPC80084AA8743", r.device());
        assertEquals("10.20.20.50", r.ip());
        assertEquals(
                "a36dcf5d112233445566778899aabbccddeeff00",
                ReportedValue.normalise(r.itl()).hex());
        assertEquals("clstr-2-pub.home.lab", r.itlTftp());
        assertEquals(3, r.line());
    }

    @Test
    void bothCapturesInOneInput() throws IOException {
        String both;
        try (InputStream a = getClass().getResourceAsStream("refer-cucm115.txt");
                InputStream b = getClass().getResourceAsStream("console-split.log")) {
            both = new String(a.readAllBytes(), StandardCharsets.UTF_8)
                    + new String(b.readAllBytes(), StandardCharsets.UTF_8);
        }
        Collect c = new Collect();
        ReportReaders.read(
                new ByteArrayInputStream(both.getBytes(StandardCharsets.UTF_8)), "x", null, AuditLimits.defaults(), c);
        assertEquals(2, c.rows.size(), c.problems.toString());
        assertEquals("cucm-115.home.lab", c.rows.get(0).itlTftp());
        assertEquals("clstr-2-pub.home.lab", c.rows.get(1).itlTftp());
    }

    @Test
    void unclosedAlarmWithinBounds() throws IOException {
        Collect c = new Collect();
        StringBuilder sb = new StringBuilder("<Alarm Name=\"DeviceTLInfo\">\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("<String name=\"x\">0123456789012345678901234567890123456789</String>\n");
        }
        sb.append("<Alarm Name=\"DeviceTLInfo\"><String name=\"DeviceName\">SEP2</String>"
                + "<String name=\"ITL_Signature\">aa</String></Alarm>\n");
        DeviceTlInfoReports.read(new StringReader(sb.toString()), "t", AuditLimits.defaults(), c);
        assertEquals(List.of("SEP2"), c.rows.stream().map(PhoneReport::device).toList());
        assertEquals(1, c.problems.size(), c.problems.toString());
        assertTrue(c.problems.get(0).message().contains("not closed within"), c.problems.toString());
    }

    @Test
    void alarmWithoutDeviceNameAndOtherAlarms() throws IOException {
        Collect c = new Collect();
        DeviceTlInfoReports.read(
                new StringReader("<Alarm Name=\"LastOutOfServiceInformation\"><String name="
                        + "\"DeviceName\">SEP1</String></Alarm>\n<Alarm Name=\"DeviceTLInfo\"><String name=\"ITL_Signature\">"
                        + "aa</String></Alarm>\n"),
                "t",
                AuditLimits.defaults(),
                c);
        assertEquals(0, c.rows.size());
        assertEquals(1, c.problems.size());
        assertTrue(c.problems.get(0).message().contains("without DeviceName"));
    }

    @Test
    void prefixShapes() {
        String p = "2026-11-29 10:41:43.586 JAVA-SIPCC-PLATFORM 4165 INFO| ";
        String l = "2026-11-29 10:41:43.1000 JAVA-SIPCC-PLATFORM 10000 INFO| LInfo\">";
        assertEquals("LInfo\">", l.substring(DeviceTlInfoReports.stripPrefix(l, p)));
        String p2 = "[12] NOT 10:41 phone| ";
        String l2 = "[13] ERR 10:41 phone| rest";
        assertEquals("rest", l2.substring(DeviceTlInfoReports.stripPrefix(l2, p2)));
        assertEquals(-1, DeviceTlInfoReports.stripPrefix("<String name=\"a\">", "4165 INFO| "));
    }
}
