package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlResetter;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.SigningKey;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
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
 * Resetting the typical file: parse the bytes, find the new signer's SAST record, rebuild the header, re-sign
 * ({@link ItlResetter}). Baseline: the raw JCA signing the same number of signed bytes with the same loaded key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ResetBenchmark {
    /** Which bundled file. */
    @Param({"TYPICAL6"})
    public Fixtures.Vector file;

    private Bytes data;
    private ItlResetter resetter;
    private PrivateKey privateKey;
    private byte[] signedBytes;

    /**
     * Loads the file and the SAST RSA-2048 key; resets once and checks the result verifies and keeps the records.
     *
     * @throws Exception never, for good fixtures
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        data = Bytes.wrapOwned(Fixtures.load(file));
        SigningKey key = Fixtures.signingKey(2048);
        resetter = ItlResetter.builder(SignBenchmark.signer(key, DigestAlgorithm.SHA1))
                .build();
        privateKey = key.privateKey();
        ItlFile before = Fixtures.parse(data, ItlReader.defaults());
        ItlFile after = parseAndReset();
        Fixtures.check(after.records().equals(before.records()), "reset changed the records");
        Fixtures.check(ItlVerifier.builder().build().verify(after).isVerified(), "reset file does not verify");
        signedBytes = SignBenchmark.concat(after.signedParts());
        Fixtures.check(signedBytes.length == file.size - 3 - 256, "signed bytes " + signedBytes.length);
    }

    /**
     * The library: parse, verify the input (the reset's precondition: one RSA verification, no record checks),
     * reset, sign.
     *
     * @return the reset file
     * @throws ItlException never, for a good fixture
     * @throws ItlSigningException never, for a good fixture
     */
    @Benchmark
    public ItlFile parseAndReset() throws ItlException, ItlSigningException {
        return resetter.reset(ItlReader.defaults().readTrustList(data));
    }

    /**
     * Baseline: sign the same number of bytes with the same key, raw JCA.
     *
     * @return the signature
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] baselineRawSign() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initSign(privateKey);
        s.update(signedBytes);
        return s.sign();
    }
}
