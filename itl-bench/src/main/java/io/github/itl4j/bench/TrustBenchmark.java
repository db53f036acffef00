package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.Verdict;
import java.time.Instant;
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
 * Simulating an offered ITL against the one a phone holds ({@link TrustSimulator#offer}: signer found as a SAST of
 * the installed list, one RSA verification with the anchor's key, the result with its rule chain and the phone's new
 * state) against one anchored verification of the same file ({@link ItlVerifier} with the installed list as anchor,
 * without and with record checks). Target (issue 11): simulate costs at most 1.2x the anchored verification. Both
 * work on the parsed model (parsed in setup); the phone state is built once (its anchors decoded once), as a
 * simulator is built once and asked many times.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TrustBenchmark {
    /** Which bundled file (RSA-2048, SHA-1). */
    @Param({"TYPICAL6"})
    public Fixtures.Vector file;

    private ItlFile itl;
    private OfferedFile offered;
    private TrustSimulator simulator;
    private ItlVerifier anchored;
    private ItlVerifier anchoredWithRecordChecks;

    /** Parses the fixture, builds the phone and the verifiers, and checks that all accept the file. */
    @Setup(Level.Trial)
    public void setUp() {
        itl = Fixtures.parse(Bytes.wrapOwned(Fixtures.load(file)), ItlReader.defaults());
        offered = OfferedFile.of(itl, "ITLFile.tlv");
        simulator = TrustSimulator.builder()
                .phone(PhoneState.holding(itl).at(Instant.parse("2026-11-29T12:00:00Z")))
                .build();
        anchored = ItlVerifier.builder().trustInstalled(itl).checkRecords(false).build();
        anchoredWithRecordChecks = ItlVerifier.builder().trustInstalled(itl).build();
        SimulationResult r = simulate();
        Fixtures.check(
                r.verdict() == Verdict.ACCEPT
                        && r.chain().size() == 1
                        && "R3".equals(r.decisive().rule()),
                "simulation does not accept via R3: " + r);
        Fixtures.check(
                baselineAnchoredVerify().isVerified()
                        && baselineAnchoredVerify().anchor().isAnchored(),
                "anchored verification fails");
        Fixtures.check(anchoredVerifyWithRecordChecks().isVerified(), "anchored verification with checks fails");
    }

    /** @return the simulation of the offered ITL against the installed one */
    @Benchmark
    public SimulationResult simulate() {
        return simulator.offer(offered);
    }

    /** @return baseline: one anchored verification of the same file, no per-record checks */
    @Benchmark
    public VerificationResult baselineAnchoredVerify() {
        return anchored.verify(itl);
    }

    /** @return the anchored verification with the default record checks */
    @Benchmark
    public VerificationResult anchoredVerifyWithRecordChecks() {
        return anchoredWithRecordChecks.verify(itl);
    }
}
