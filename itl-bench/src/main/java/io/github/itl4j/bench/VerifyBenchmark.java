package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying the typical 6-record ITL, and the 25- and 50-record lists of a large cluster (already parsed) with {@link ItlVerifier}: self-contained (signer found among
 * the file's SAST records, its certificate decoded) and anchored (the SAST certificate trusted up front), each with
 * the default record checks (every record's certificate decoded and compared) and without them. Baseline: the raw
 * JCA {@code Signature.verify} over the same signed bytes with an already decoded public key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class VerifyBenchmark {
    /** Which bundled file (RSA-2048, SHA-1): 6, 25 or 50 records (the last two: 24 and 44 distinct certificates). */
    @Param({"TYPICAL6", "N25", "N50"})
    public Fixtures.Vector file;

    private ItlFile itl;
    private ItlVerifier selfContained;
    private ItlVerifier selfContainedNoRecordChecks;
    private ItlVerifier anchored;
    private ItlVerifier anchoredNoRecordChecks;
    private PublicKey publicKey;
    private byte[] signedBytes;
    private byte[] signature;

    /** Parses the fixture and checks that every verifier and the baseline accept it. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        itl = Fixtures.parse(Bytes.wrapOwned(Fixtures.load(file)), ItlReader.defaults());
        var sast = Fixtures.sastCert(2048);
        selfContained = ItlVerifier.builder().build();
        selfContainedNoRecordChecks = ItlVerifier.builder().checkRecords(false).build();
        anchored = ItlVerifier.builder().trustCertificates(List.of(sast)).build();
        anchoredNoRecordChecks = ItlVerifier.builder()
                .trustCertificates(List.of(sast))
                .checkRecords(false)
                .build();
        publicKey = sast.getPublicKey();
        signedBytes = SignBenchmark.concat(itl.signedParts());
        signature = itl.header().signature().orElseThrow().toByteArray();
        for (VerificationResult r :
                List.of(selfContained(), selfContainedNoRecordChecks(), anchored(), anchoredNoRecordChecks())) {
            Fixtures.check(r.isVerified() && r.warnings().isEmpty(), "fixture does not verify cleanly: " + r);
        }
        Fixtures.check(
                anchored().anchor().toString().contains("CN="),
                "anchored result has no anchor: " + anchored().anchor());
        Fixtures.check(baselineRawVerify(), "raw verify failed");
    }

    /** @return the result of the default verifier, no anchors */
    @Benchmark
    public VerificationResult selfContained() {
        return selfContained.verify(itl);
    }

    /** @return the result without per-record certificate checks (only the signer's certificate is decoded) */
    @Benchmark
    public VerificationResult selfContainedNoRecordChecks() {
        return selfContainedNoRecordChecks.verify(itl);
    }

    /** @return the result with the SAST certificate as trust anchor, default record checks */
    @Benchmark
    public VerificationResult anchored() {
        return anchored.verify(itl);
    }

    /** @return the result with the SAST certificate as trust anchor, no per-record checks */
    @Benchmark
    public VerificationResult anchoredNoRecordChecks() {
        return anchoredNoRecordChecks.verify(itl);
    }

    /**
     * Baseline: {@code Signature.getInstance}, {@code initVerify} with the decoded key, one {@code update} over the
     * signed bytes, {@code verify}.
     *
     * @return true
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public boolean baselineRawVerify() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initVerify(publicKey);
        s.update(signedBytes);
        return s.verify(signature);
    }
}
