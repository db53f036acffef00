package io.github.itl4j.testkit;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.KeyLoadException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Really signed {@code .sgn} files, made with {@link ItlSigner#signConfig(Bytes, String, Layout)} by the testkit's
 * {@link TestKey test keys}: each verifies with {@link io.github.itl4j.crypto.ItlVerifier#verifySigned(SgnFile,
 * java.security.cert.X509Certificate)} against its signer's certificate. Get one from
 * {@link ItlArbitraries#signedFiles()}; {@code @ForAll SgnFile} gives the default configuration.
 *
 * <p>Defaults: every test key alike, SHA-1/SHA-256/SHA-512 alike, CUCM or certutils layout, file names from
 * {@link ItlArbitraries#signedFileNames()}, payloads of 0 to 2048 random bytes or XML-like text, TIMESTAMP between
 * 2025 and 2049. Immutable and fluent.
 *
 * @since 0.1.0
 */
public final class SignedFileArbitrary extends ArbitraryDecorator<SgnFile> {
    private final List<TestKey> signers;
    private final List<Layout> layouts;
    private final List<DigestAlgorithm> digests;
    private final Arbitrary<Bytes> payloads;

    SignedFileArbitrary() {
        this(
                List.of(TestKey.values()),
                List.of(Layout.values()),
                List.of(DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512),
                ItlArbitraries.payloads());
    }

    private SignedFileArbitrary(
            List<TestKey> signers, List<Layout> layouts, List<DigestAlgorithm> digests, Arbitrary<Bytes> payloads) {
        this.signers = signers;
        this.layouts = layouts;
        this.digests = digests;
        this.payloads = payloads;
    }

    /**
     * @param keys the keys that may sign
     * @return a copy signed by those keys
     * @throws IllegalArgumentException if none is given
     */
    public SignedFileArbitrary signedBy(TestKey... keys) {
        return new SignedFileArbitrary(nonEmpty(keys), layouts, digests, payloads);
    }

    /**
     * @param values header layouts to use
     * @return a copy in those layouts
     * @throws IllegalArgumentException if none is given
     */
    public SignedFileArbitrary layouts(Layout... values) {
        return new SignedFileArbitrary(signers, nonEmpty(values), digests, payloads);
    }

    /**
     * @param values digests to sign with (SHA-1, SHA-256, SHA-512)
     * @return a copy using those digests
     * @throws IllegalArgumentException if none is given or one cannot be signed with
     */
    public SignedFileArbitrary digests(DigestAlgorithm... values) {
        for (DigestAlgorithm d : values) {
            if (!d.isKnown()) {
                throw new IllegalArgumentException("cannot sign with " + d);
            }
        }
        return new SignedFileArbitrary(signers, layouts, nonEmpty(values), payloads);
    }

    /**
     * @param values the payloads to sign, for example your own configuration files
     * @return a copy signing those payloads
     */
    public SignedFileArbitrary payloads(Arbitrary<Bytes> values) {
        return new SignedFileArbitrary(signers, layouts, digests, java.util.Objects.requireNonNull(values));
    }

    private static <T> List<T> nonEmpty(T[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("nothing given");
        }
        return List.copyOf(Arrays.asList(values));
    }

    @Override
    protected Arbitrary<SgnFile> arbitrary() {
        return Combinators.combine(
                        Arbitraries.of(signers),
                        Arbitraries.of(digests),
                        Arbitraries.of(layouts),
                        ItlArbitraries.signedFileNames(),
                        payloads,
                        Arbitraries.longs().between(1_735_689_600L, 2_524_607_999L))
                .as((key, digest, layout, name, payload, seconds) -> {
                    try {
                        return ItlSigner.builder(key.signingKey())
                                .digest(digest)
                                .clock(Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC))
                                .build()
                                .signConfig(payload, name, layout);
                    } catch (KeyLoadException | ItlSigningException e) {
                        throw new IllegalStateException("The testkit could not sign a generated .sgn file", e);
                    }
                });
    }
}
