package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 7: {@code itl assemble} streams its JSON. A generated document of gigabytes (never held in memory,
 * never written to disk) fails as soon as it crosses a limit of the binary reader, having read only a little of it.
 */
class AssembleStreamingTest {
    @TempDir
    Path tmp;

    /** A trust-list document of {@code records} records of {@code hexPerRecord} hex digits, generated as read. */
    static final class Generated extends InputStream {
        private final long records;
        private final byte[] record;
        private final byte[] head =
                "{\"kind\":\"trust-list\",\"header\":[],\"records\":[".getBytes(StandardCharsets.US_ASCII);
        private final byte[] tail = "]}".getBytes(StandardCharsets.US_ASCII);
        private long served;
        private long emitted;
        private byte[] cur;
        private int pos;

        Generated(long records, int hexPerRecord) {
            this.records = records;
            this.record = ("{\"fields\":[{\"tag\":2,\"hex\":\"" + "41".repeat(hexPerRecord / 2) + "\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);
            this.cur = head;
        }

        long served() {
            return served;
        }

        long documentSize() {
            return head.length + tail.length + records * (record.length + 1) - 1;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (cur == null) {
                return -1;
            }
            if (pos == cur.length) {
                if (cur == tail) {
                    cur = null;
                    return -1;
                }
                if (emitted < records) {
                    cur = emitted++ == 0 ? record : withComma();
                } else {
                    cur = tail;
                }
                pos = 0;
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            served += n;
            return n;
        }

        private byte[] comma;

        private byte[] withComma() {
            if (comma == null) {
                comma = new byte[record.length + 1];
                comma[0] = ',';
                System.arraycopy(record, 0, comma, 1, record.length);
            }
            return comma;
        }
    }

    private static CliRun assemble(InputStream in, Path out) {
        return CliRun.run(in, "assemble", "-", "-o", out.toString());
    }

    @Test
    void aDocumentOfMillionsOfRecordsFailsAtTheRecordLimitAfterReadingLittle() {
        Generated doc = new Generated(10_000_000, 200); // about 2.3 GB of JSON
        assertTrue(doc.documentSize() > 2_000_000_000L);
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = assemble(doc, out);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr().contains("records[1024]: Record count (1025) exceeds the limit maxRecords (1024)"),
                r.stderr());
        assertTrue(doc.served() < 1_000_000, "read " + doc.served() + " bytes of " + doc.documentSize());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aDocumentOfLargeRecordsFailsAtTheFileSizeLimitAfterReadingLittle() {
        Generated doc = new Generated(4_000, 120_000); // 60,000-byte records: about 480 MB of JSON
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = assemble(doc, out);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("exceeds the limit maxFileSize (2097152)"), r.stderr());
        assertTrue(doc.served() < 8_000_000, "read " + doc.served() + " bytes of " + doc.documentSize());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aDocumentWithinTheLimitsIsStillAssembled() throws Exception {
        Path itl = CliRun.testdata().resolve("certutils");
        try (var files = Files.walk(itl)) {
            Path any = files.filter(p -> p.getFileName().toString().startsWith("itl-rsa2048-sha512"))
                    .findFirst()
                    .orElseThrow();
            CliRun dump = CliRun.run("dump", "--json", any.toString());
            assertEquals(ExitCodes.OK, dump.exitCode(), dump.stderr());
            Path out = tmp.resolve("again.tlv");
            CliRun r = assemble(new java.io.ByteArrayInputStream(dump.stdoutBytes()), out);
            assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
            assertEquals(
                    java.util.Arrays.toString(Files.readAllBytes(any)),
                    java.util.Arrays.toString(Files.readAllBytes(out)));
        }
    }
}
