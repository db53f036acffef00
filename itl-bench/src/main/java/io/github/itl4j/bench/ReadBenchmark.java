package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.tlv.TlvReader;
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
 * Parsing a whole trust list into the model ({@code ItlReader.readTrustList(Bytes)}, zero-copy) against two
 * baselines over the same bytes: copying them ({@code byte[].clone()}, the floor of touching every byte once) and a
 * bare TLV walk with {@link TlvReader} (the floor of any parser that checks every length).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReadBenchmark {
    /** Which bundled file. */
    @Param({"TYPICAL6", "N50"})
    public Fixtures.Vector file;

    private byte[] raw;
    private Bytes data;

    /**
     * Loads and checks the fixture, and checks that both the parser and the TLV walk see all of it.
     *
     * @throws ItlException never, for a good fixture
     */
    @Setup(Level.Trial)
    public void setUp() throws ItlException {
        raw = Fixtures.load(file);
        data = Bytes.wrapOwned(raw.clone());
        ItlFile f = parse();
        Fixtures.check(
                f.records().size() == file.records, "parse saw " + f.records().size() + " records");
        Fixtures.check(
                f.encoded().size() == file.size, "parse saw " + f.encoded().size() + " bytes");
        int tlvs = 0;
        for (var r : f.records()) {
            tlvs += r.fieldCount() + 1;
        }
        int walked = baselineTlvWalk();
        Fixtures.check(walked >= tlvs + 12, "TLV walk saw " + walked + " elements");
        Fixtures.check(baselineCopy().length == file.size, "copy size");
    }

    /**
     * The library: header and every record into the immutable model.
     *
     * @return the file
     * @throws ItlException never, for a good fixture
     */
    @Benchmark
    public ItlFile parse() throws ItlException {
        return ItlReader.defaults().readTrustList(data);
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

    /**
     * Baseline: walk every TLV of the header (header mode, with containers and padding) and of each record (record
     * mode), checking every length, building nothing.
     *
     * @return the number of elements seen
     * @throws ItlException never, for a good fixture
     */
    @Benchmark
    public int baselineTlvWalk() throws ItlException {
        Bytes d = data;
        int h = d.getU16(8);
        int n = 0;
        TlvReader r = TlvReader.header(d.slice(0, h), 0);
        while (r.next() != null) {
            n++;
        }
        int size = d.size();
        for (int pos = h; pos < size; ) {
            int rl = d.getU16(pos + 3);
            TlvReader rr = TlvReader.record(d.slice(pos, rl), pos);
            while (rr.next() != null) {
                n++;
            }
            pos += rl;
        }
        return n;
    }
}
