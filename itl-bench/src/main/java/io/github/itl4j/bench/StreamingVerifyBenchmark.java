package io.github.itl4j.bench;

import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-pass verification ({@link ItlVerifier#verify(InputStream)}) of a generated, signed 10,000-record trust list
 * (8.1 MB: the typical file's EC records repeated) read from disk, against the raw floor: stream the same file through a JCA {@code Signature} (64 KB
 * reads, the SIGNATURE TLV skipped) and verify with a decoded key.
 *
 * <p>Memory: the forks run with {@code -Xmx16m}, less than the file itself, so a reader that held the file (or a
 * growing part of it) would fail with OutOfMemoryError; run with {@code -prof gc} for the allocation per operation.
 * The trial setup also measures the heap retained after a full GC at 10%, 50% and 90% of one verification and
 * fails if it grows by more than 1 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx16m"})
public class StreamingVerifyBenchmark {
    private Path file;
    private long size;
    private int signatureOffset;
    private byte[] signature;
    private PublicKey publicKey;
    private ItlVerifier verifier;
    private ItlVerifier verifierWithRecordChecks;

    /**
     * Writes the file, checks that both verifiers and the baseline accept it, and probes the retained heap.
     *
     * @throws Exception never, for a good fixture
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        file = Fixtures.bigSignedFile(Fixtures.BIG_RECORDS);
        size = Files.size(file);
        Fixtures.check(size > 8_000_000, "big file is only " + size + " bytes");
        ItlHeader h;
        try (InputStream in = Files.newInputStream(file)) {
            h = ItlReader.withLimits(Fixtures.BIG_LIMITS).stream(in).header();
        }
        signatureOffset = h.signatureOffset();
        signature = h.signature().orElseThrow().toByteArray();
        publicKey = Fixtures.sastCert(2048).getPublicKey();
        verifier = ItlVerifier.builder()
                .limits(Fixtures.BIG_LIMITS)
                .checkRecords(false)
                .build();
        verifierWithRecordChecks =
                ItlVerifier.builder().limits(Fixtures.BIG_LIMITS).build();
        VerificationResult r = streamVerify();
        Fixtures.check(r.isVerified(), "big file does not verify: " + r);
        Fixtures.check(streamVerifyWithRecordChecks().isVerified(), "big file does not verify with record checks");
        Fixtures.check(baselineRawStreamVerify(), "raw stream verify failed");
        probeRetainedHeap();
    }

    private void probeRetainedHeap() throws IOException {
        long before = usedAfterGc();
        long[] at = new long[3];
        long[] marks = {size / 10, size / 2, size * 9 / 10};
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream probe = new FilterInputStream(raw) {
                private long read;
                private int next;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read += n;
                        while (next < marks.length && read >= marks[next]) {
                            at[next++] = usedAfterGc();
                        }
                    }
                    return n;
                }
            };
            Fixtures.check(verifier.verify(probe).isVerified(), "probe run does not verify");
        }
        long growth = at[2] - at[0];
        System.out.printf(
                "%n[retained heap] file %d bytes; used after GC: before %d KB, at 10%% %d KB, at 50%% %d KB,"
                        + " at 90%% %d KB; growth 10%%->90%%: %d KB%n",
                size, before >> 10, at[0] >> 10, at[1] >> 10, at[2] >> 10, growth >> 10);
        Fixtures.check(growth < 1 << 20, "retained heap grew by " + (growth >> 10) + " KB while streaming");
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The library, cheap path: stream, digest, check the signer record, one RSA verify.
     *
     * @return the result
     * @throws IOException never, for a good fixture
     */
    @Benchmark
    public VerificationResult streamVerify() throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return verifier.verify(in);
        }
    }

    /**
     * The library with the default record checks (every record's certificate decoded and compared).
     *
     * @return the result
     * @throws IOException never, for a good fixture
     */
    @Benchmark
    public VerificationResult streamVerifyWithRecordChecks() throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return verifierWithRecordChecks.verify(in);
        }
    }

    /**
     * Baseline: read the file in 64 KB chunks into a JCA {@code Signature} (SIGNATURE TLV skipped), verify.
     *
     * @return true
     * @throws IOException never
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public boolean baselineRawStreamVerify() throws IOException, GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initVerify(publicKey);
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int head = in.readNBytes(buf, 0, signatureOffset);
            s.update(buf, 0, head);
            in.skipNBytes(3 + signature.length);
            for (int n; (n = in.read(buf)) > 0; ) {
                s.update(buf, 0, n);
            }
        }
        return s.verify(signature);
    }
}
