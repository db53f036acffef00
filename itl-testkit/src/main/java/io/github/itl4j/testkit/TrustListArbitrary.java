package io.github.itl4j.testkit;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Really signed ITLs and CTLs, built with {@link TrustListBuilder} from the testkit's {@link TestKey test keys}:
 * every generated file reads back to an equal model and verifies with {@link io.github.itl4j.crypto.ItlVerifier}
 * (self-consistent, and against the signer's {@link TestKey#certificate() certificate}), unless
 * {@link #withHostileDigests()} is asked for. Get one from {@link ItlArbitraries#trustLists()}; {@code @ForAll ItlFile}
 * (no {@code @Provide} method) gives the default configuration.
 *
 * <p>Configuration is immutable and fluent: each method returns a new arbitrary.
 * <pre>{@code
 * ItlArbitraries.trustLists().withRecords(1, 50).signedBy(TestKey.RSA_2048).ctlsOnly()
 * }</pre>
 *
 * <p>Distribution with the defaults (checked with jqwik statistics in the testkit's own tests):
 * <ul>
 *   <li>record count: uniform over {@code [min, max]} (1..50 by default: each fifth of the range about 20 %, one
 *       record about 2 %), plus jqwik's edge cases (the bounds);
 *   <li>kind: 60 % ITLs ({@code ITLFile.tlv}; records CCM+TFTP, TFTP, CAPF, APP_SERVER, and TVS written as hash
 *       records, CERTHASH instead of CERTIFICATE, 25 % of records), 40 % CTLs ({@code CTLFile.tlv}; records CCM,
 *       TFTP, CCM+TFTP, CAPF, SRST, 60 % of them with an IPADDRESS);
 *   <li>layout: CUCM or certutils, half each; signer: each configured key alike; digest: SHA-1, SHA-256 and SHA-512
 *       alike (never a digest that cannot be signed unless {@link #withHostileDigests()});
 *   <li>the signer's SAST record is first in 75 % of files with two or more records, elsewhere in the others; a
 *       second SAST record (another test key) is in 25 % of them;
 *   <li>other records' certificates: mostly the EC P-256 {@link TestKey#recordCertificates() test certificates},
 *       sometimes RSA ones; TIMESTAMP between 2025 and 2049.
 * </ul>
 *
 * @since 0.1.0
 */
public final class TrustListArbitrary extends ArbitraryDecorator<ItlFile> {
    /** Default fewest records. */
    public static final int DEFAULT_MIN_RECORDS = 1;
    /** Default most records. */
    public static final int DEFAULT_MAX_RECORDS = 50;

    private static final DigestAlgorithm[] SIGNABLE = {
        DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512
    };
    private static final Role[] ITL_ROLES = {Role.CCM_TFTP, Role.CCM_TFTP, Role.TFTP, Role.CAPF, Role.APP_SERVER};
    private static final Role[] CTL_ROLES = {Role.CCM_TFTP, Role.CCM_TFTP, Role.CCM, Role.TFTP, Role.CAPF, Role.SRST};
    private static final long FIRST_SECOND = 1_735_689_600L; // 2025-01-01
    private static final long LAST_SECOND = 2_524_607_999L; // 2049-12-31

    private final int minRecords;
    private final int maxRecords;
    private final List<TestKey> signers;
    private final List<Layout> layouts;
    private final List<DigestAlgorithm> digests;
    private final boolean itls;
    private final boolean ctls;
    private final boolean hostileDigests;

    TrustListArbitrary() {
        this(
                DEFAULT_MIN_RECORDS,
                DEFAULT_MAX_RECORDS,
                List.of(TestKey.values()),
                List.of(Layout.values()),
                List.of(SIGNABLE),
                true,
                true,
                false);
    }

    private TrustListArbitrary(
            int minRecords,
            int maxRecords,
            List<TestKey> signers,
            List<Layout> layouts,
            List<DigestAlgorithm> digests,
            boolean itls,
            boolean ctls,
            boolean hostileDigests) {
        this.minRecords = minRecords;
        this.maxRecords = maxRecords;
        this.signers = signers;
        this.layouts = layouts;
        this.digests = digests;
        this.itls = itls;
        this.ctls = ctls;
        this.hostileDigests = hostileDigests;
    }

    /**
     * @param min fewest records, at least 1 (the signer's SAST record)
     * @param max most records, at least {@code min}
     * @return a copy with that record count range, drawn uniformly
     * @throws IllegalArgumentException if {@code min < 1} or {@code max < min}
     */
    public TrustListArbitrary withRecords(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max: " + min + ", " + max);
        }
        return new TrustListArbitrary(min, max, signers, layouts, digests, itls, ctls, hostileDigests);
    }

    /**
     * @param keys the keys that may sign (each file picks one; its certificate is a SAST record of the file)
     * @return a copy signed by those keys
     * @throws IllegalArgumentException if none is given
     */
    public TrustListArbitrary signedBy(TestKey... keys) {
        return new TrustListArbitrary(
                minRecords, maxRecords, nonEmpty(keys, "keys"), layouts, digests, itls, ctls, hostileDigests);
    }

    /**
     * @param values field orders and name styles to use
     * @return a copy in those layouts
     * @throws IllegalArgumentException if none is given
     */
    public TrustListArbitrary layouts(Layout... values) {
        return new TrustListArbitrary(
                minRecords, maxRecords, signers, nonEmpty(values, "layouts"), digests, itls, ctls, hostileDigests);
    }

    /**
     * @param values header digests to sign with: SHA-1, SHA-256, SHA-512
     * @return a copy using those digests
     * @throws IllegalArgumentException if none is given or one cannot be signed with
     */
    public TrustListArbitrary digests(DigestAlgorithm... values) {
        for (DigestAlgorithm d : values) {
            if (!d.isKnown()) {
                throw new IllegalArgumentException("cannot sign with " + d + "; see withHostileDigests()");
            }
        }
        return new TrustListArbitrary(
                minRecords, maxRecords, signers, layouts, nonEmpty(values, "digests"), itls, ctls, hostileDigests);
    }

    /** @return a copy that makes only ITLs ({@code ITLFile.tlv}) */
    public TrustListArbitrary itlsOnly() {
        return new TrustListArbitrary(minRecords, maxRecords, signers, layouts, digests, true, false, hostileDigests);
    }

    /** @return a copy that makes only CTLs ({@code CTLFile.tlv}) */
    public TrustListArbitrary ctlsOnly() {
        return new TrustListArbitrary(minRecords, maxRecords, signers, layouts, digests, false, true, hostileDigests);
    }

    /**
     * Hostile headers: in one file of four the signed header's DIGESTALGORITHM is then replaced by a code no
     * verifier knows (4 to 255), so the file still parses but can never verify.
     *
     * @return a copy that also makes files with an unknown digest
     */
    public TrustListArbitrary withHostileDigests() {
        return new TrustListArbitrary(minRecords, maxRecords, signers, layouts, digests, itls, ctls, true);
    }

    private static <T> List<T> nonEmpty(T[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no " + what + " given");
        }
        return List.copyOf(Arrays.asList(values));
    }

    /** What one file is made of; chosen by jqwik (so it shrinks and shows up in statistics), then built. */
    private record Plan(
            boolean ctl,
            Layout layout,
            TestKey signer,
            DigestAlgorithm digest,
            int records,
            boolean secondSast,
            boolean signerNotFirst,
            long seconds,
            long seed,
            Integer hostileDigest) {}

    @Override
    protected Arbitrary<ItlFile> arbitrary() {
        Arbitrary<Boolean> ctl =
                itls && ctls ? Arbitraries.frequency(Tuple.of(3, false), Tuple.of(2, true)) : Arbitraries.just(ctls);
        Arbitrary<Integer> counts = Arbitraries.integers()
                .between(minRecords, maxRecords)
                .withDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
        Arbitrary<Integer> hostile =
                hostileDigests ? Arbitraries.integers().between(4, 255).injectNull(0.75) : Arbitraries.just(null);
        Arbitrary<Boolean> quarter = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true));
        List<Arbitrary<Object>> parts = List.of(
                ctl.asGeneric(),
                Arbitraries.of(layouts).asGeneric(),
                Arbitraries.of(signers).asGeneric(),
                Arbitraries.of(digests).asGeneric(),
                counts.asGeneric(),
                quarter.asGeneric(),
                quarter.asGeneric(),
                Arbitraries.longs().between(FIRST_SECOND, LAST_SECOND).asGeneric(),
                Arbitraries.longs().asGeneric(),
                hostile.asGeneric());
        return Combinators.combine(parts)
                .as(v -> new Plan(
                        (Boolean) v.get(0),
                        (Layout) v.get(1),
                        (TestKey) v.get(2),
                        (DigestAlgorithm) v.get(3),
                        (Integer) v.get(4),
                        (Boolean) v.get(5) && (Integer) v.get(4) > 1,
                        (Boolean) v.get(6) && (Integer) v.get(4) > 1,
                        (Long) v.get(7),
                        (Long) v.get(8),
                        (Integer) v.get(9)))
                .map(TrustListArbitrary::build);
    }

    private static ItlFile build(Plan p) {
        Random random = new Random(p.seed());
        List<X509Certificate> pool = TestKey.recordCertificates();
        int ecCount = pool.size() - TestKey.values().length;
        List<Entry> entries = new ArrayList<>(p.records());
        for (int i = 0; i < p.records(); i++) {
            X509Certificate cert = random.nextInt(8) == 0
                    ? pool.get(ecCount + random.nextInt(pool.size() - ecCount))
                    : pool.get(random.nextInt(ecCount));
            Entry e;
            if (p.ctl()) {
                e = Entry.of(cert, CTL_ROLES[random.nextInt(CTL_ROLES.length)]);
                if (random.nextInt(5) < 3) {
                    e = e.withIpAddress(ip(random));
                }
            } else if (random.nextInt(4) == 0) {
                e = Entry.of(cert, Role.TVS).asHash();
            } else {
                e = Entry.of(cert, ITL_ROLES[random.nextInt(ITL_ROLES.length)]);
            }
            entries.add(e);
        }
        int signerAt = p.signerNotFirst() ? 1 + random.nextInt(p.records() - 1) : 0;
        entries.set(signerAt, Entry.of(p.signer().certificate(), Role.SAST));
        if (p.secondSast()) {
            TestKey other = TestKey.values()[
                    (p.signer().ordinal() + 1 + random.nextInt(TestKey.values().length - 1)) % TestKey.values().length];
            int at = signerAt == 0 ? 1 + random.nextInt(p.records() - 1) : 0;
            entries.set(at, Entry.of(other.certificate(), Role.SAST));
        }
        try {
            ItlSigner signer = ItlSigner.builder(p.signer().signingKey())
                    .digest(p.digest())
                    .clock(Clock.fixed(Instant.ofEpochSecond(p.seconds()), ZoneOffset.UTC))
                    .build();
            TrustListBuilder b = TrustListBuilder.builder(signer)
                    .layout(p.layout())
                    .fileName(p.ctl() ? "CTLFile.tlv" : "ITLFile.tlv");
            if (p.ctl() && p.layout() == Layout.CUCM) {
                b.dnsName(TrustListBuilder.DnsName.CN_HOST);
            }
            entries.forEach(b::add);
            ItlFile file = b.build();
            return p.hostileDigest() == null ? file : withDigest(file, DigestAlgorithm.of(p.hostileDigest()));
        } catch (KeyLoadException | ItlSigningException e) {
            throw new IllegalStateException("The testkit could not sign a generated trust list", e);
        }
    }

    private static ItlFile withDigest(ItlFile file, DigestAlgorithm digest) {
        ItlHeader h = file.header();
        try {
            ItlHeader.Signer s = new ItlHeader.Signer(
                    value(h, HeaderTags.SIGNER_NAME),
                    value(h, HeaderTags.SERIAL_NUMBER),
                    value(h, HeaderTags.CA_NAME),
                    h.signatureLength(),
                    digest,
                    null);
            return ItlFile.of(h.withSigner(s).withSignature(h.signature().orElseThrow()), file.records());
        } catch (ItlException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Bytes value(ItlHeader h, int tag) {
        return h.find(tag).orElseThrow().value();
    }

    private static Inet4Address ip(Random random) {
        byte[] a = {10, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))};
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
