package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.Checksums;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whole-file checksums against raw {@link MessageDigest}s over the same bytes: {@link Checksums#md5AndSha1(Bytes)}
 * (what {@code show itl} prints, the default of {@code itl checksum}) against MD5 + SHA-1 (the baseline), and
 * {@link Checksums#of(Bytes)} (MD5, SHA-1, SHA-256 and SHA-512) against the same four raw digests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ChecksumBenchmark {
    /** Which bundled file. */
    @Param({"TYPICAL6"})
    public Fixtures.Vector file;

    private byte[] raw;
    private Bytes data;

    /** Loads and checks the fixture and the baseline's output. */
    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        raw = Fixtures.load(file);
        data = Bytes.wrapOwned(raw.clone());
        Checksums c = library();
        Fixtures.check(c.md5().toHex().equals(file.md5) && c.sha1().toHex().equals(file.sha1), "library checksums");
        Checksums all = libraryFourDigests();
        Fixtures.check(
                all.md5().toHex().equals(file.md5) && all.sha1().toHex().equals(file.sha1),
                "library checksums (four digests)");
        byte[][] d = rawDigests();
        Fixtures.check(java.util.HexFormat.of().formatHex(d[0]).equals(file.md5), "raw MD5");
        Fixtures.check(java.util.HexFormat.of().formatHex(d[1]).equals(file.sha1), "raw SHA-1");
    }

    private byte[][] rawDigests() throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        return new byte[][] {md5.digest(raw), sha1.digest(raw)};
    }

    /** @return the library's MD5 and SHA-1 of the file (what {@code show itl} prints) */
    @Benchmark
    public Checksums library() {
        return Checksums.md5AndSha1(data);
    }

    /** @return the library's four checksums of the file (MD5, SHA-1, SHA-256, SHA-512) */
    @Benchmark
    public Checksums libraryFourDigests() {
        return Checksums.of(data);
    }

    /**
     * Baseline for the same work as the library: MD5, SHA-1, SHA-256 and SHA-512 over the whole file.
     *
     * @param bh sink
     * @throws NoSuchAlgorithmException never
     */
    @Benchmark
    public void baselineFourDigests(Blackhole bh) throws NoSuchAlgorithmException {
        for (String alg : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-512"}) {
            bh.consume(MessageDigest.getInstance(alg).digest(raw));
        }
    }

    /**
     * Baseline: {@code MessageDigest.getInstance} for MD5 and SHA-1, each over the whole file.
     *
     * @param bh sink
     * @throws NoSuchAlgorithmException never
     */
    @Benchmark
    public void baselineMessageDigest(Blackhole bh) throws NoSuchAlgorithmException {
        byte[][] d = rawDigests();
        bh.consume(d[0]);
        bh.consume(d[1]);
    }
}
