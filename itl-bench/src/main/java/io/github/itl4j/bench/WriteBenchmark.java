package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlWriter;
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

/**
 * Encoding the model to bytes ({@link ItlWriter#encode}: header elements, then every record) against a copy of the
 * same number of bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class WriteBenchmark {
    /** Which bundled file. */
    @Param({"TYPICAL6", "N50"})
    public Fixtures.Vector file;

    private byte[] raw;
    private ItlFile model;

    /** Loads, checks and parses the fixture; checks the writer reproduces it byte for byte. */
    @Setup(Level.Trial)
    public void setUp() {
        raw = Fixtures.load(file);
        model = Fixtures.parse(Bytes.wrapOwned(raw.clone()), ItlReader.defaults());
        Fixtures.check(encode().contentEquals(raw), "ItlWriter.encode does not reproduce " + file);
    }

    /**
     * The library: model to bytes.
     *
     * @return the encoding
     */
    @Benchmark
    public Bytes encode() {
        return ItlWriter.encode(model);
    }

    /**
     * Baseline: a copy of the same bytes.
     *
     * @return the copy
     */
    @Benchmark
    public byte[] baselineCopy() {
        return raw.clone();
    }
}
