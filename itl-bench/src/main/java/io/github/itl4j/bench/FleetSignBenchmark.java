package io.github.itl4j.bench;

import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.fleet.FleetSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fleet signing (issue 6): {@link FleetSigner} signs a directory of 10,000 {@code SEP<MAC>.cnf.xml} files (about
 * 2.5 KB each) into {@code .sgn} files on every core — list, read, sign, write atomically with fsync — against the
 * raw JDK primitive doing only the unavoidable part: {@code SHA1withRSA} signatures of the same payload bytes on every
 * core, from memory. Scores are files per second; the ratio is what reading, formatting and durable atomic writes cost
 * on top of the RSA work. With either provider (issue 17); the outputs are made durable in batches.
 *
 * <p>Each invocation handles the whole directory ({@code @OperationsPerInvocation(10000)}), so one invocation is one
 * iteration. {@code force(true)} re-signs every file each time (a resumed run would skip them all). Three warm-up
 * iterations: with one, the measured iterations still included the optimizing compiler's work on the fleet's code and
 * the native fleet's error bar was larger than its score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FleetSignBenchmark {
    /** Number of configuration files in the directory, and the operations per invocation. */
    static final int FILES = 10_000;

    /** {@code jdk} or {@code native} (issue 17): the signer's provider, and the baseline's. */
    @Param({"jdk", "native"})
    public String provider;

    /**
     * Number of files actually written and signed: {@link #FILES}, the only value whose scores are per file. The CI
     * smoke run (itl-bench's pom, {@code smoke.sh}) gives {@code -p fleetFiles=100} to check the code path in a
     * fraction of the time; its scores are then 100 times too high and mean nothing, as every smoke score.
     */
    @Param({"10000"})
    public int fleetFiles;

    private Path dir;
    private byte[][] payloads;
    private SigningKey key;
    private java.security.Provider jca;
    private java.security.PrivateKey rawKey;
    private FleetSigner fleet;

    /**
     * Writes the configuration files, loads the RSA-2048 key, signs the directory once and checks the outputs.
     *
     * @throws Exception if a fixture is not what it claims
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("itl4j-fleet-bench");
        payloads = new byte[fleetFiles][];
        for (int i = 0; i < fleetFiles; i++) {
            String mac = String.format("0011%08X", i);
            payloads[i] = config(mac).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("SEP" + mac + ".cnf.xml"), payloads[i]);
        }
        key = Fixtures.signingKey(2048);
        ItlSigner signer = ProviderBenchmark.signer(key, ProviderBenchmark.provider(provider));
        jca = signer.provider();
        rawKey = key.forProvider(jca).privateKey();
        fleet = FleetSigner.builder(signer).force(true).build();
        FleetSigner.Result r = fleet.sign(dir);
        Fixtures.check(r.signed() == fleetFiles && r.failed() == 0, "the fleet run did not sign every file: " + r);
        ItlVerifier verifier = ItlVerifier.builder().build();
        for (int i : new int[] {0, fleetFiles / 2, fleetFiles - 1}) {
            String mac = String.format("0011%08X", i);
            SgnFile sgn = ItlReader.defaults().readSigned(dir.resolve("SEP" + mac + ".cnf.xml.sgn"));
            Fixtures.check(verifier.verifySigned(sgn, key.certificate()).isVerified(), "output does not verify");
            Fixtures.check(Arrays.equals(sgn.payload().toByteArray(), payloads[i]), "payload changed");
        }
    }

    private static String config(String mac) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device>\n");
        sb.append("  <deviceProtocol>SIP</deviceProtocol>\n  <sshUserId>admin</sshUserId>\n");
        sb.append("  <devicePool>\n    <callManagerGroup>\n      <members>\n");
        for (int m = 0; m < 3; m++) {
            sb.append("        <member priority=\"")
                    .append(m)
                    .append("\"><callManager><processNodeName>cucm-")
                    .append(m)
                    .append(".example.test</processNodeName><ports><ethernetPhonePort>2000")
                    .append("</ethernetPhonePort><sipPort>5060</sipPort><securedSipPort>5061</securedSipPort>")
                    .append("</ports></callManager></member>\n");
        }
        sb.append("      </members>\n    </callManagerGroup>\n  </devicePool>\n");
        sb.append("  <loadInformation>sip88xx.14-2-1-0101-14</loadInformation>\n");
        for (int l = 1; l <= 12; l++) {
            sb.append("  <line button=\"")
                    .append(l)
                    .append("\"><featureID>9</featureID><name>")
                    .append(1000 + l)
                    .append("</name><displayName>Line ")
                    .append(l)
                    .append(" of SEP")
                    .append(mac)
                    .append("</displayName><contact>")
                    .append(1000 + l)
                    .append("</contact></line>\n");
        }
        return sb.append("  <name>SEP")
                .append(mac)
                .append("</name>\n</device>\n")
                .toString();
    }

    /**
     * Removes the directory.
     *
     * @throws IOException if it cannot be removed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * The library: the whole directory, every core, durable atomic writes.
     *
     * @return the summary
     * @throws Exception never, for good fixtures
     */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public FleetSigner.Result fleet() throws Exception {
        FleetSigner.Result r = fleet.sign(dir);
        if (r.signed() != fleetFiles) {
            throw new IllegalStateException("signed " + r.signed() + " of " + fleetFiles);
        }
        return r;
    }

    /**
     * Baseline: raw {@code SHA1withRSA} signatures of the same payloads on every core, from memory, by the same
     * provider with its own key object.
     *
     * @return a checksum of the signatures' first bytes
     */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public long baselineRawSignAllCores() {
        return IntStream.range(0, fleetFiles)
                .parallel()
                .mapToLong(i -> {
                    try {
                        Signature s = Signature.getInstance("SHA1withRSA", jca);
                        s.initSign(rawKey);
                        s.update(payloads[i]);
                        return s.sign()[0];
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sum();
    }
}
