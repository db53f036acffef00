package io.github.itl4j.bench;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a trust list from a path ({@code ItlReader.readTrustList(Path)}: size checked, file read in one copy, then
 * parsed) against {@code Files.readAllBytes} of the same file (the raw JDK read, no parsing). Run with
 * {@code -prof gc}: the target is {@code gc.alloc.rate.norm} of {@code readTrustListPath} at most 1.2x the file size
 * (issue 19; it was 3.8x while the buffer grew by doubling from 8 KB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReadPathBenchmark {
    /** Which bundled file. */
    @Param({"TYPICAL6", "N50"})
    public Fixtures.Vector file;

    private Path path;

    /**
     * Writes the fixture to a temporary file and checks that the library reads all of it.
     *
     * @throws IOException if the file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        path = Files.createTempFile("itl-bench-", ".tlv");
        Files.write(path, Fixtures.load(file));
        ItlFile f = readTrustListPath();
        Fixtures.check(f.records().size() == file.records, "read " + f.records().size() + " records");
        Fixtures.check(f.encoded().size() == file.size, "read " + f.encoded().size() + " bytes");
        Fixtures.check(baselineReadAllBytes().length == file.size, "readAllBytes size");
    }

    /**
     * Deletes the temporary file.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * The library: read the file within the limits and parse it into the model.
     *
     * @return the file
     * @throws IOException never, for a good fixture
     */
    @Benchmark
    public ItlFile readTrustListPath() throws IOException {
        return ItlReader.defaults().readTrustList(path);
    }

    /**
     * Baseline: the JDK reads the same file into an array (no parsing).
     *
     * @return the bytes
     * @throws IOException never
     */
    @Benchmark
    public byte[] baselineReadAllBytes() throws IOException {
        return Files.readAllBytes(path);
    }
}
