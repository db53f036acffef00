package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.trust.lint.LintOptions;
import io.github.itl4j.trust.lint.LintReport;
import io.github.itl4j.trust.lint.Linter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Linting a trust list with all rules ({@link Linter#lint(String, Bytes)}: parse, the verifier with its record checks
 * and one RSA verification, then L01 to L41) against parsing it ({@link ItlReader#readTrustList(Bytes)}) and against
 * parsing plus the verifier's signature check alone (record checks off). Issue 12's target, "at most 2x parsing,
 * excluding the signature check", reads
 *
 * <pre>
 * (lint - (parseAndSignatureOnly - baselineParse)) / baselineParse  &lt;= 2
 * </pre>
 *
 * <p>that is, lint's cost with the verifier's signature check (signer search, header checks, the RSA verification) taken
 * out, over parsing. The signature check is subtracted rather than switched off because the verifier has no switch for
 * the RSA verification alone, and lint's rules L07, L08, L09, L19, L20, L36, L41 need its result (the signer). Both
 * sides parse a fresh model from the same bytes, so lazily decoded header fields are paid on both. {@code
 * parseAndVerify} is the verifier exactly as lint runs it (record checks on): {@code lint - parseAndVerify} is what the
 * rules themselves cost. {@code signatureOnly} (on the parsed model) is kept for comparison with earlier runs.
 *
 * <p>{@code lintVerified} measures the same without subtraction: parse, then {@link Linter#lint(ItlFile, String,
 * VerificationResult)} with the verifier's result computed once in the set-up, so neither the RSA verification nor
 * the verifier's other checks run; its findings are checked equal to {@code lint}'s. The target then reads {@code
 * lintVerified / baselineParse <= 2}. The parse is lazy (header elements and record field indexes are made on first
 * use); {@code baselineParseAll} adds what it defers, for comparison with earlier runs (lint no longer needs the
 * header's elements, nor, for records it has seen before, their field indexes). {@link #main} measures every
 * method in CPU time and allocated bytes per call, insensitive to other load on the machine (BENCHMARKS.md).
 *
 * <p>Lint and the verifier both keep decoded certificates by DER across files (bounded caches), and lint keeps what
 * its rules read from a record and from a header by their bytes: every invocation here lints a list whose records,
 * header and certificates were seen before, the {@code itl lint /tftpboot/*.tlv} case of one ITL per phone with the
 * same records. Such a list costs lint one look-up and one comparison of bytes per record and for the header, no field
 * index and no field look-up, then one pass over the records that gathers each rule's precondition (an RSA key over
 * 2048 bits, an EC key, a certificate that expires before the near-expiry limit ...): a rule whose precondition the
 * list does not meet does not go over the records, and the findings of one rule with one message share all but their
 * place. A record seen for the first time costs its fields, a copy of its bytes and, for a new
 * certificate, one light DER walk more (lint's {@code CertDer}; the JDK decodes only a certificate outside its
 * subset). {@code lintVerifiedFirstSight} is {@code lintVerified} in a JVM whose lint caches
 * are off (system property {@code io.github.itl4j.lint.cacheEntries=0}): every call lints the list as if none of its
 * certificates, records or header had been seen, the cost of the first file of a run. {@link #main} gives the same
 * figures when run with that property.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class LintBenchmark {
    /** The system property that sizes lint's caches (0: off); see {@code ContentCache} in itl-trust. */
    static final String CACHE_PROPERTY = "io.github.itl4j.lint.cacheEntries";

    /** Which bundled file. */
    @Param({"TYPICAL6"})
    public Fixtures.Vector file;

    private Bytes data;
    private ItlFile itl;
    private Linter linter;
    private ItlVerifier signatureOnly;
    private ItlVerifier verifier;
    private VerificationResult verified;

    /** Loads the file and checks the linter and the verifier run on it. */
    @Setup(Level.Trial)
    public void setUp() {
        data = Bytes.wrapOwned(Fixtures.load(file));
        itl = Fixtures.parse(data, ItlReader.defaults());
        linter = Linter.of(LintOptions.defaults().now(Instant.parse("2026-11-29T00:00:00Z")));
        signatureOnly = ItlVerifier.builder().checkRecords(false).build();
        verifier = ItlVerifier.builder().build();
        verified = Linter.verifier().verify(itl);
        Fixtures.check(
                lintVerified().findings().equals(lint().findings()),
                "lintVerified differs from lint: " + lintVerified() + " vs " + lint());
        Fixtures.check(lint().malformed().isEmpty() && lint().has("L06"), "lint does not run: " + lint());
        Fixtures.check(signatureOnly().isVerified(), "the file does not verify");
        Fixtures.check(parseAndVerify().isVerified(), "the file does not verify with record checks");
    }

    /** @return the lint report (parse included) */
    @Benchmark
    public LintReport lint() {
        return linter.lint("ITLFile.tlv", data);
    }

    /**
     * @return parsing the file and linting it with the verifier's result computed beforehand (in the set-up, over
     *     the same bytes): the rules alone, with neither the RSA verification nor the verifier's other checks
     */
    @Benchmark
    public LintReport lintVerified() {
        return linter.lint(Fixtures.parse(data, ItlReader.defaults()), "ITLFile.tlv", verified);
    }

    /**
     * @return {@link #lintVerified} with lint's caches off (a JVM of its own): the first sight of every certificate,
     *     record and header
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-D" + CACHE_PROPERTY + "=0")
    public LintReport lintVerifiedFirstSight() {
        return lintVerified();
    }

    /** @return baseline: parsing the file */
    @Benchmark
    public ItlFile baselineParse() {
        return Fixtures.parse(data, ItlReader.defaults());
    }

    /**
     * @return baseline: parsing the file and decoding what the parse leaves for later, the header's elements and every
     *     record's field index (what lint reads, and what an eager parse did)
     */
    @Benchmark
    public int baselineParseAll() {
        ItlFile f = Fixtures.parse(data, ItlReader.defaults());
        int n = f.header().elements().size();
        for (ItlRecord r : f.records()) {
            n += r.fieldCount() > 0 ? r.fieldTag(0) : 0;
        }
        return n;
    }

    /** @return the signature check alone, on the parsed model */
    @Benchmark
    public VerificationResult signatureOnly() {
        return signatureOnly.verify(itl);
    }

    /** @return parsing the file and the signature check alone (what the target subtracts from lint) */
    @Benchmark
    public VerificationResult parseAndSignatureOnly() {
        return signatureOnly.verify(Fixtures.parse(data, ItlReader.defaults()));
    }

    /** @return parsing the file and the verifier as lint runs it (record checks on) */
    @Benchmark
    public VerificationResult parseAndVerify() {
        return verifier.verify(Fixtures.parse(data, ItlReader.defaults()));
    }

    /** An operation measured by {@link #main}. */
    private interface Op {
        Object run();
    }

    /**
     * Without JMH, load-insensitive: each method's cost in this thread's CPU time (ThreadMXBean) and its allocation
     * (bytes allocated by this thread), per call, as the median of several rounds, and the target's ratios. Arguments:
     * optional rounds (default 7), calls per round (default 4000) and one method to run alone.
     *
     * <pre>
     * java -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.LintBenchmark [rounds [calls [method]]]
     * java -Dio.github.itl4j.lint.cacheEntries=0 -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.LintBenchmark
     * </pre>
     *
     * @param args rounds, calls per round, a method; all optional
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        LintBenchmark b = new LintBenchmark();
        b.file = Fixtures.Vector.TYPICAL6;
        b.setUp();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("baselineParse", b::baselineParse);
        ops.put("baselineParseAll", b::baselineParseAll);
        ops.put("parseAndSignatureOnly", b::parseAndSignatureOnly);
        ops.put("parseAndVerify", b::parseAndVerify);
        ops.put("lint", b::lint);
        ops.put("lintVerified", b::lintVerified);
        if (args.length > 2) { // one method alone, e.g. for a profiler
            ops.keySet().retainAll(java.util.Set.of(args[2]));
        }
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean a = (com.sun.management.ThreadMXBean) t;
        long self = Thread.currentThread().getId();
        Map<String, double[]> ns = new LinkedHashMap<>();
        Map<String, double[]> bytes = new LinkedHashMap<>();
        ops.keySet().forEach(k -> {
            ns.put(k, new double[rounds]);
            bytes.put(k, new double[rounds]);
        });
        Object sink = null;
        for (int w = 0; w < 2; w++) { // warm-up
            for (Op op : ops.values()) {
                for (int i = 0; i < calls; i++) {
                    sink = op.run();
                }
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Op> e : ops.entrySet()) {
                Op op = e.getValue();
                long b0 = a.getThreadAllocatedBytes(self);
                long c0 = t.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = op.run();
                }
                long c1 = t.getCurrentThreadCpuTime();
                long b1 = a.getThreadAllocatedBytes(self);
                ns.get(e.getKey())[round] = (c1 - c0) / (double) calls;
                bytes.get(e.getKey())[round] = (b1 - b0) / (double) calls;
            }
        }
        System.out.println("TYPICAL6, " + rounds + " rounds of " + calls + " calls, median per call, lint caches "
                + (Integer.getInteger(CACHE_PROPERTY, 1024) == 0 ? "off (first sight)" : "on") + " (" + sink + ")");
        System.out.println("| method | CPU time (us) | allocated (B) |");
        System.out.println("|---|---:|---:|");
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : ops.keySet()) {
            m.put(k, median(ns.get(k)) / 1000);
            System.out.printf(
                    java.util.Locale.ROOT, "| %s | %.2f | %.0f |%n", k, median(ns.get(k)) / 1000, median(bytes.get(k)));
        }
        if (ops.size() < 6) {
            return;
        }
        double parse = m.get("baselineParse");
        double sig = m.get("parseAndSignatureOnly") - parse;
        double recordChecks = m.get("parseAndVerify") - m.get("parseAndSignatureOnly");
        System.out.printf(
                java.util.Locale.ROOT,
                "(lint - (parseAndSignatureOnly - baselineParse)) / baselineParse = %.2f%n",
                (m.get("lint") - sig) / parse);
        System.out.printf(
                java.util.Locale.ROOT, "lintVerified / baselineParse = %.2f%n", m.get("lintVerified") / parse);
        System.out.printf(
                java.util.Locale.ROOT,
                "(lintVerified + (parseAndVerify - parseAndSignatureOnly)) / baselineParse = %.2f%n",
                (m.get("lintVerified") + recordChecks) / parse);
        double all = m.get("baselineParseAll");
        System.out.printf(
                java.util.Locale.ROOT,
                "against baselineParseAll: lintVerified %.2f, (lint - (parseAndSignatureOnly - baselineParse)) %.2f%n",
                m.get("lintVerified") / all,
                (m.get("lint") - sig) / all);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
