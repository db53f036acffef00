package io.github.itl4j.bench;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * Raw RSA PKCS#1 v1.5 sign and verify of the typical file's signed bytes, the JDK's provider (SunRsaSign) against
 * Bouncy Castle's (an unregistered {@code BouncyCastleProvider} instance), same keys, same bytes. No library code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RsaProviderBenchmark {
    private static final Provider BC = new BouncyCastleProvider();

    /** {@code SunRsaSign} (the JDK) or {@code BC}. */
    @Param({"SunRsaSign", "BC"})
    public String provider;

    /** RSA modulus size. */
    @Param({"2048", "4096"})
    public int bits;

    /** JCA signature algorithm. */
    @Param({"SHA1withRSA"})
    public String algorithm;

    private byte[] data;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private byte[] signature;
    private Provider jca;

    /**
     * Loads the key pair and the typical file; signs once and checks that the other provider verifies it (both must
     * produce the same deterministic PKCS#1 v1.5 signature).
     *
     * @throws GeneralSecurityException never, for good fixtures
     */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        data = Fixtures.load(Fixtures.Vector.TYPICAL6);
        privateKey = Fixtures.sastKey(bits);
        publicKey = Fixtures.sastCert(bits).getPublicKey();
        jca = "BC".equals(provider)
                ? BC
                : Signature.getInstance(algorithm, "SunRsaSign").getProvider();
        signature = sign();
        Provider other =
                jca == BC ? Signature.getInstance(algorithm, "SunRsaSign").getProvider() : BC;
        Signature s = Signature.getInstance(algorithm, other);
        s.initSign(privateKey);
        s.update(data);
        Fixtures.check(java.util.Arrays.equals(s.sign(), signature), "providers disagree on the signature");
        Fixtures.check(verify(), provider + " does not verify its own signature");
    }

    /**
     * Sign the bytes.
     *
     * @return the signature
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, jca);
        s.initSign(privateKey);
        s.update(data);
        return s.sign();
    }

    /**
     * Verify the signature over the bytes with the decoded public key.
     *
     * @return true
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, jca);
        s.initVerify(publicKey);
        s.update(data);
        return s.verify(signature);
    }
}
