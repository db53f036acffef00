package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.nativecrypto.NativeProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
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
 * Issue 17: the library with the JDK's provider against the native one (Amazon Corretto Crypto Provider, via
 * itl-native), on the typical 6-record ITL, RSA-2048, SHA-1: build+sign, sign alone, anchored verification, and the
 * raw JCA primitives of the same provider with its own key objects (the ceiling). Compare the {@code native} rows with
 * the {@code jdk} rows of the same run ({@link NativeRatios} does, with {@code openssl speed} beside them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProviderBenchmark {
    /** {@code jdk} (SunRsaSign) or {@code native} (ACCP; the setup fails where it does not load). */
    @Param({"jdk", "native"})
    public String provider;

    private ItlSigner signer;
    private List<TrustListBuilder.Entry> entries;
    private ItlFile built;
    private ItlVerifier verifier;
    private Provider jca;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private byte[] signedBytes;
    private byte[] signature;
    private MessageDigest digest;
    private Cipher publicOperation;

    /**
     * @param name {@code jdk} or {@code native}
     * @return the provider to give the library (null for the JDK's default)
     */
    static Provider provider(String name) {
        if ("jdk".equals(name)) {
            return null;
        }
        Fixtures.check(
                NativeProvider.isAvailable(),
                "the native provider does not load here: "
                        + NativeProvider.unavailableReason().orElse("?"));
        return NativeProvider.provider().orElseThrow();
    }

    /**
     * @param key a key
     * @param p a provider, or null for the JDK's
     * @return an RSA-2048 SHA-1 signer with the typical file's clock and that provider
     * @throws Exception never, for good fixtures
     */
    static ItlSigner signer(SigningKey key, Provider p) throws Exception {
        return ItlSigner.builder(key)
                .digest(DigestAlgorithm.SHA1)
                .clock(Clock.fixed(SignBenchmark.TIMESTAMP, ZoneOffset.UTC))
                .provider(p)
                .build();
    }

    /**
     * Loads the key, builds once with this provider and checks: the typical file byte for byte, it verifies, and
     * the raw primitive of the same provider gives the same signature.
     *
     * @throws Exception if a fixture is not what it claims
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Provider p = provider(provider);
        SigningKey key = Fixtures.signingKey(2048);
        signer = signer(key, p);
        jca = signer.provider();
        entries = Fixtures.typicalEntries(key.certificate());
        built = buildAndSign();
        Fixtures.check(
                built.encoded().contentEquals(Fixtures.load(Fixtures.Vector.TYPICAL6)),
                provider + ": the build does not reproduce the typical file");
        verifier = ItlVerifier.builder()
                .trustCertificates(List.of(key.certificate()))
                .provider(p)
                .build();
        Fixtures.check(verify().isVerified(), provider + ": does not verify");
        privateKey = key.forProvider(jca).privateKey();
        publicKey = (PublicKey) KeyFactory.getInstance("RSA", jca)
                .translateKey(key.certificate().getPublicKey());
        signedBytes = SignBenchmark.concat(built.signedParts());
        signature = built.header().signature().orElseThrow().toByteArray();
        Fixtures.check(
                Bytes.wrapOwned(baselineRawSign())
                        .equals(built.header().signature().orElseThrow()),
                provider + ": the raw signature differs");
        Fixtures.check(baselineRawVerify(), provider + ": raw verify failed");
        digest = "jdk".equals(provider) ? MessageDigest.getInstance("SHA-1") : MessageDigest.getInstance("SHA-1", jca);
        publicOperation = "jdk".equals(provider)
                ? Cipher.getInstance("RSA/ECB/NoPadding")
                : Cipher.getInstance("RSA/ECB/NoPadding", jca);
        publicOperation.init(Cipher.DECRYPT_MODE, publicKey);
        byte[] encodedMessage = ceilingPublicOperation();
        byte[] hash = ceilingDigest();
        Fixtures.check(
                Arrays.equals(
                        Arrays.copyOfRange(encodedMessage, encodedMessage.length - hash.length, encodedMessage.length),
                        hash),
                provider + ": the public operation does not recover the signed digest");
    }

    /**
     * @return the typical file built from certificates and signed
     * @throws ItlSigningException never
     */
    @Benchmark
    public ItlFile buildAndSign() throws ItlSigningException {
        return SignBenchmark.build(signer, entries);
    }

    /**
     * @return the built model signed again
     * @throws ItlSigningException never
     */
    @Benchmark
    public ItlFile signOnly() throws ItlSigningException {
        return signer.sign(built);
    }

    /** @return the anchored verification of the typical file (record checks on) */
    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(built);
    }

    /**
     * Baseline: the provider's raw {@code SHA1withRSA} sign with its own key object.
     *
     * @return the signature
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] baselineRawSign() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA", jca);
        s.initSign(privateKey);
        s.update(signedBytes);
        return s.sign();
    }

    /**
     * Baseline: the provider's raw {@code SHA1withRSA} verify with its own key object.
     *
     * @return true
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public boolean baselineRawVerify() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA", jca);
        s.initVerify(publicKey);
        s.update(signedBytes);
        return s.verify(signature);
    }

    /**
     * The verification ceiling's first part: the provider's SHA-1 over the signed bytes, what every verification of
     * this file hashes. With {@link #ceilingPublicOperation} it splits {@link #baselineRawVerify}: the native provider's
     * advantage lies in the RSA public operation, while both providers hash at about the same speed, so the ratio of
     * the two verifications cannot exceed {@code (jdkPublic + jdkDigest) / (nativePublic + nativeDigest)}.
     *
     * @return the digest
     */
    @Benchmark
    public byte[] ceilingDigest() {
        return digest.digest(signedBytes);
    }

    /**
     * The verification ceiling's second part: the provider's RSA public operation alone ({@code RSA/ECB/NoPadding}
     * with the public key: the signature raised to the public exponent), without hashing or padding checks.
     *
     * @return the encoded message the signature holds
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] ceilingPublicOperation() throws GeneralSecurityException {
        return publicOperation.doFinal(signature);
    }
}
