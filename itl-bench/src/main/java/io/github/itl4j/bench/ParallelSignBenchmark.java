package io.github.itl4j.bench;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and signing independent 6-record ITLs (RSA-2048, SHA-1) with one shared, thread-safe {@link ItlSigner}:
 * on every core ({@code @Threads(MAX)}, the total throughput of all threads) against one thread. The ratio is the
 * parallel speed-up; on N otherwise idle cores the ideal is N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ParallelSignBenchmark {
    private ItlSigner signer;
    private List<TrustListBuilder.Entry> entries;

    /**
     * Loads the key and the certificates, builds once.
     *
     * @throws Exception never, for good fixtures
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SigningKey key = Fixtures.signingKey(2048);
        signer = SignBenchmark.signer(key, DigestAlgorithm.SHA1);
        entries = Fixtures.typicalEntries(key.certificate());
        Fixtures.check(
                baselineOneThread().encoded().contentEquals(Fixtures.load(Fixtures.Vector.TYPICAL6)),
                "build does not reproduce the typical file");
    }

    /**
     * All cores, each building and signing its own file.
     *
     * @return the signed file
     * @throws ItlSigningException never
     */
    @Benchmark
    @Threads(Threads.MAX)
    public ItlFile allCores() throws ItlSigningException {
        return SignBenchmark.build(signer, entries);
    }

    /**
     * Baseline: one thread.
     *
     * @return the signed file
     * @throws ItlSigningException never
     */
    @Benchmark
    @Threads(1)
    public ItlFile baselineOneThread() throws ItlSigningException {
        return SignBenchmark.build(signer, entries);
    }
}
