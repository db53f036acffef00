package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.Layout;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Building and signing the typical 6-record ITL from certificates ({@link TrustListBuilder} + {@link ItlSigner}:
 * records, header, encoding, RSA), and signing an already built model ({@link ItlSigner#sign(ItlFile)} alone),
 * against the raw JCA {@link Signature} signing the same number of bytes (the file's signed bytes) with the same,
 * already loaded private key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SignBenchmark {
    /** The typical file's TIMESTAMP, so that RSA-2048/SHA-1 rebuilds it byte for byte. */
    static final Instant TIMESTAMP = Instant.ofEpochSecond(1795735033L);

    /** SAST RSA key size. */
    @Param({"1024", "2048", "4096"})
    public int bits;

    /** Header DIGESTALGORITHM. */
    @Param({"SHA1", "SHA512"})
    public String digest;

    private ItlSigner signer;
    private List<TrustListBuilder.Entry> entries;
    private PrivateKey privateKey;
    private String jcaName;
    private byte[] signedBytes;
    private ItlFile built;

    /**
     * Loads the key (library PEM loader) and the typical file's certificates, builds once and checks the result:
     * six records, verifies, and the raw baseline computes the same signature over the same bytes. For RSA-2048 with
     * SHA-1 the build must reproduce the certutils vector byte for byte.
     *
     * @throws Exception never, for good fixtures
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SigningKey key = Fixtures.signingKey(bits);
        DigestAlgorithm alg = DigestAlgorithm.parse(digest);
        signer = signer(key, alg);
        entries = Fixtures.typicalEntries(key.certificate());
        privateKey = key.privateKey();
        jcaName = alg.jcaName().orElseThrow().replace("-", "") + "withRSA";
        ItlFile f = buildAndSign();
        Fixtures.check(f.records().size() == 6, "built " + f.records().size() + " records");
        Fixtures.check(
                ItlVerifier.builder().build().verify(f).isVerified(),
                "built file does not verify: " + ItlVerifier.builder().build().verify(f));
        signedBytes = concat(f.signedParts());
        built = f;
        Fixtures.check(signOnly().equals(f), "signing the built file again gives another file");
        Fixtures.check(
                Bytes.wrapOwned(baselineRawSign()).equals(f.header().signature().orElseThrow()),
                "raw signature differs from the library's");
        if (bits == 2048 && "SHA1".equals(digest)) {
            Fixtures.check(
                    f.encoded().contentEquals(Fixtures.load(Fixtures.Vector.TYPICAL6)),
                    "RSA-2048/SHA-1 build does not reproduce " + Fixtures.Vector.TYPICAL6.resource);
        }
    }

    static ItlSigner signer(SigningKey key, DigestAlgorithm alg) throws KeyLoadException {
        return ItlSigner.builder(key)
                .digest(alg)
                .clock(Clock.fixed(TIMESTAMP, ZoneOffset.UTC))
                .build();
    }

    static byte[] concat(List<Bytes> parts) {
        int n = 0;
        for (Bytes b : parts) {
            n += b.size();
        }
        byte[] out = new byte[n];
        int at = 0;
        for (Bytes b : parts) {
            b.copyTo(out, at);
            at += b.size();
        }
        return out;
    }

    /**
     * The library: build the records and the header from certificates, encode, sign.
     *
     * @return the signed file
     * @throws ItlSigningException never, for good fixtures
     */
    @Benchmark
    public ItlFile buildAndSign() throws ItlSigningException {
        return build(signer, entries);
    }

    /**
     * The signer alone: sign an already built model (its encoding cached), as when re-signing files in bulk; shows
     * how much of {@link #buildAndSign()}'s cost is building.
     *
     * @return the signed file
     * @throws ItlSigningException never, for good fixtures
     */
    @Benchmark
    public ItlFile signOnly() throws ItlSigningException {
        return signer.sign(built);
    }

    static ItlFile build(ItlSigner signer, List<TrustListBuilder.Entry> entries) throws ItlSigningException {
        TrustListBuilder b =
                TrustListBuilder.builder(signer).layout(Layout.CERTUTILS).signerVersion(Version.V1_0);
        for (TrustListBuilder.Entry e : entries) {
            b.add(e);
        }
        return b.build();
    }

    /**
     * Baseline: {@code Signature.getInstance}, {@code initSign} with the loaded key, one {@code update} over the
     * file's signed bytes, {@code sign}.
     *
     * @return the signature
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] baselineRawSign() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        s.initSign(privateKey);
        s.update(signedBytes);
        return s.sign();
    }
}
