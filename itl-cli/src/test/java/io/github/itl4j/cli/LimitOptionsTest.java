package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every library limit is reachable from the CLI ({@code --limit}), and limit messages name that option. */
class LimitOptionsTest {
    private static Path v(String rel) {
        return ShowCommandTest.certutils().resolve(rel);
    }

    /** 10,000 records: the SAST record of n02, then its second record repeated; signed with n02's own key. */
    private static Path bigList(Path dir) throws Exception {
        ItlFile f = ItlReader.defaults().readTrustList(v("itl/itl-rsa2048-sha1-v1.0-n02.tlv"));
        List<ItlRecord> records = new ArrayList<>(10_000);
        records.add(f.records().get(0));
        while (records.size() < 10_000) {
            records.add(f.records().get(1));
        }
        ItlSigner signer = ItlSigner.builder(KeyLoader.defaults().pem(v("certs/sast-rsa2048.pem"), null))
                .build();
        Path p = dir.resolve("big.tlv");
        Files.write(p, signer.sign(ItlFile.of(f.header(), records)).encoded().toByteArray());
        return p;
    }

    @Test
    void aTenThousandRecordListFailsByDefaultNamingTheOptionAndVerifiesWithTheLimitsRaised(@TempDir Path dir)
            throws Exception {
        Path big = bigList(dir);
        long size = Files.size(big);
        assertTrue(size > ItlLimits.DEFAULT_MAX_FILE_SIZE, "size " + size);

        CliRun r = CliRun.run("verify", big.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(
                "itl: " + big + ": File size (" + size + ") exceeds the limit max-file-size (2097152); if the "
                        + "file is genuine, raise it with --limit max-file-size=N (N >= " + size + ")\n",
                r.stderr());
        assertFalse(r.stderr().contains("ItlLimits"), r.stderr()); // a CLI user is not told to call a library method

        r = CliRun.run("verify", "--limit", "max-file-size=64M", big.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Record count (1025) exceeds the limit max-records (1024)"), r.stderr());
        assertTrue(r.stderr().contains("raise it with --limit max-records=N (N >= 1025)"), r.stderr());

        r = CliRun.run("verify", "--limit", "max-file-size=64M", "--limit", "max-records=10000", big.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith(big + ": OK - ITL"), r.stdout());

        // the other commands that read trust lists take the same option
        r = CliRun.run("show", big.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--limit max-file-size="), r.stderr());
        r = CliRun.run("dump", "--limit", "max-file-size=64M", "--limit", "maxRecords=10000", big.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("10000 records"), r.stdout().substring(0, 200));
    }

    @Test
    void badLimitsAreUsageErrors() {
        CliRun r = CliRun.run("verify", "--limit", "max-foo=3", "x.tlv");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("max-file-size, max-records, max-payload-size"), r.stderr());
        r = CliRun.run("verify", "--limit", "max-records=lots", "x.tlv");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertEquals(3L << 20, LimitOptions.parseValue("3M", true));
        assertEquals(-1, LimitOptions.parseValue("3M", false));
        assertEquals(1024, LimitOptions.parseValue("1k", true));
    }

    /** Endless zeros, counted, never stored: what {@code head -c 300M /dev/zero} feeds. */
    static final class Zeros extends InputStream {
        private final byte[] prefix;
        private final long size;
        long read;

        Zeros(byte[] prefix, long size) {
            this.prefix = prefix;
            this.size = size;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            Arrays.fill(b, off, off + n, (byte) 0);
            for (int i = 0; i < n && read + i < prefix.length; i++) {
                b[off + i] = prefix[(int) read + i];
            }
            read += n;
            return n;
        }
    }

    @Test
    void threeHundredMegabytesOfZerosOnStdinFailWithTheLimitMessageAfterReadingTheLimit() {
        Zeros zeros = new Zeros(new byte[0], 300L << 20);
        CliRun r = CliRun.run(zeros, "verify", "-");
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        String[] lines = r.errLines();
        assertEquals(1, lines.length, r.stderr()); // one line, no OutOfMemoryError trace
        assertTrue(lines[0].startsWith("itl: <stdin>: Payload size ("), r.stderr());
        assertTrue(lines[0].contains("raise it with --limit max-payload-size="), r.stderr());
        long bound = ItlLimits.DEFAULT_MAX_PAYLOAD_SIZE + 0xFFFF;
        assertTrue(zeros.read <= bound + 1 + 8192 * 2, "read " + zeros.read); // stopped at the limit
    }

    @Test
    void aTrustListOnStdinIsCutOffAtMaxFileSize() throws Exception {
        byte[] header = Arrays.copyOf(Files.readAllBytes(v("itl/itl-rsa2048-sha1-v1.0-n02.tlv")), 4096);
        Zeros in = new Zeros(header, 300L << 20);
        CliRun r = CliRun.run(in, "verify", "-");
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr()
                        .startsWith("itl: <stdin>: File size (2097153) exceeds the limit max-file-size "
                                + "(2097152); if the file is genuine, raise it with --limit max-file-size="),
                r.stderr());
        assertTrue(in.read <= ItlLimits.DEFAULT_MAX_FILE_SIZE + 8192 * 2, "read " + in.read);
    }

    @Test
    void aPemGivenAsATrustListSaysWhatItLooksLike() {
        Path pem = v("certs/sast-rsa2048.crt.pem");
        CliRun r = CliRun.run("verify", pem.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr()
                        .contains("this looks like a PEM certificate (-----BEGIN CERTIFICATE-----), not a "
                                + "trust list or signed file"),
                r.stderr());
    }
}
