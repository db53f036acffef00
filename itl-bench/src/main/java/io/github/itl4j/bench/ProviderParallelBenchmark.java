package io.github.itl4j.bench;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ParallelSignBenchmark} with either provider: building and signing independent typical ITLs (RSA-2048,
 * SHA-1) with one shared signer on every core against one thread. The ratio is the parallel speed-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProviderParallelBenchmark {
    /** {@code jdk} or {@code native}. */
    @Param({"jdk", "native"})
    public String provider;

    private ItlSigner signer;
    private List<TrustListBuilder.Entry> entries;

    /**
     * Loads the key, builds once and checks the typical file.
     *
     * @throws Exception if a fixture is not what it claims
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SigningKey key = Fixtures.signingKey(2048);
        signer = ProviderBenchmark.signer(key, ProviderBenchmark.provider(provider));
        entries = Fixtures.typicalEntries(key.certificate());
        Fixtures.check(
                baselineOneThread().encoded().contentEquals(Fixtures.load(Fixtures.Vector.TYPICAL6)),
                "build does not reproduce the typical file");
    }

    /**
     * @return a signed file; all cores
     * @throws ItlSigningException never
     */
    @Benchmark
    @Threads(Threads.MAX)
    public ItlFile allCores() throws ItlSigningException {
        return SignBenchmark.build(signer, entries);
    }

    /**
     * @return a signed file; one thread
     * @throws ItlSigningException never
     */
    @Benchmark
    @Threads(1)
    public ItlFile baselineOneThread() throws ItlSigningException {
        return SignBenchmark.build(signer, entries);
    }
}
