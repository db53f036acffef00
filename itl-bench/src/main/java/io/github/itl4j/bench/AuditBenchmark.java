package io.github.itl4j.bench;

import io.github.itl4j.ItlFile;
import io.github.itl4j.audit.AuditClassifier;
import io.github.itl4j.audit.AuditLimits;
import io.github.itl4j.audit.AuditProblem;
import io.github.itl4j.audit.Classification;
import io.github.itl4j.audit.CsvReports;
import io.github.itl4j.audit.KnownCatalogue;
import io.github.itl4j.audit.KnownLabel;
import io.github.itl4j.audit.PhoneReport;
import io.github.itl4j.audit.ReportSink;
import io.github.itl4j.audit.ReportedValue;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.TrustSimulator;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code itl audit} (issue 14): classifying reported values against a catalogue of 50 known files (one op = one row:
 * a normalisation and a hash-map lookup; stale matches hit the classifier's simulation cache), against the raw
 * primitive (a {@link HashMap} lookup of the already-normalised hex); and end to end over a 100,000-row CSV: reading
 * it only, against reading and classifying every row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBenchmark {
    static final int KNOWN = 50;
    static final int ROWS = 1024;
    static final int CSV_ROWS = 100_000;

    private AuditClassifier classifier;
    private PhoneReport[] rows;
    private String[] hexRows;
    private Map<String, String> raw;
    private String csv;

    /** Builds 50 signed lists (pub:current, the rest previous generations), the rows and the CSV. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SigningKey key = Fixtures.signingKey(2048);
        ItlSigner signer = ItlSigner.builder(key).build();
        KnownCatalogue.Builder b = KnownCatalogue.builder();
        raw = new HashMap<>();
        String[] sha1 = new String[KNOWN];
        String[] md5 = new String[KNOWN];
        for (int i = 0; i < KNOWN; i++) {
            TrustListBuilder t = TrustListBuilder.builder(signer)
                    .fileName("ITLFile.tlv")
                    .timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
            Fixtures.typicalEntries(key.certificate()).forEach(t::add);
            ItlFile f = t.build();
            b.addFile(KnownLabel.parse(i == 0 ? "pub:current" : "pub:gen" + i), "ITLFile.tlv", f.encoded());
            Checksums c = Checksums.of(f.encoded());
            sha1[i] = c.sha1().toHex();
            md5[i] = c.md5().toHex();
            raw.put(sha1[i], "pub:gen" + i);
            raw.put(md5[i], "pub:gen" + i);
        }
        classifier =
                new AuditClassifier(b.build(), TrustSimulator.builder().build(), Instant.parse("2026-11-29T12:00:00Z"));
        rows = new PhoneReport[ROWS];
        hexRows = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            int k = i % KNOWN;
            String v =
                    switch (i % 4) {
                        case 0 -> sha1[k].toUpperCase(java.util.Locale.ROOT).replaceAll("(..)", "$1 "); // alarm form
                        case 1 -> sha1[k];
                        case 2 -> md5[k] + "(MD5)";
                        default -> Integer.toHexString(i).repeat(40).substring(0, 40); // unknown
                    };
            rows[i] = new PhoneReport(
                    "SEP" + String.format("%012X", i), "CP-8865", "", "", v, "pub", null, "", "bench", i + 2);
            hexRows[i] = ReportedValue.normalise(v).hex();
        }
        for (PhoneReport r : rows) {
            Fixtures.check(!classifier.classify(r).isEmpty(), "classified");
        }
        StringBuilder sb = new StringBuilder("device,model,itl signature,itl_tftp_server\n");
        for (int i = 0; i < CSV_ROWS; i++) {
            PhoneReport r = rows[i % ROWS];
            sb.append("SEP")
                    .append(String.format("%012X", i))
                    .append(",CP-8865,")
                    .append(r.itl())
                    .append(",pub\n");
        }
        csv = sb.toString();
    }

    /** One row per op: normalise and classify. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void classifyRow(Blackhole bh) {
        for (PhoneReport r : rows) {
            bh.consume(classifier.classify(r, FileKind.ITL));
        }
    }

    /** The raw primitive: a hash-map lookup of the already-normalised hex. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void rawLookup(Blackhole bh) {
        for (String h : hexRows) {
            bh.consume(raw.get(h));
        }
    }

    /** End to end: read the 100,000-row CSV, discarding rows. */
    @Benchmark
    public long csvReadOnly() throws IOException {
        long[] n = new long[1];
        CsvReports.read(new StringReader(csv), "bench.csv", AuditLimits.defaults(), new ReportSink() {
            @Override
            public void report(PhoneReport report) {
                n[0]++;
            }

            @Override
            public void problem(AuditProblem problem) {
                n[0]--;
            }
        });
        return n[0];
    }

    /** End to end: read the 100,000-row CSV and classify every row. */
    @Benchmark
    public long csvReadAndClassify() throws IOException {
        long[] n = new long[1];
        CsvReports.read(new StringReader(csv), "bench.csv", AuditLimits.defaults(), new ReportSink() {
            @Override
            public void report(PhoneReport report) {
                for (Classification c : classifier.classify(report)) {
                    n[0] += c.auditClass().ordinal();
                }
            }

            @Override
            public void problem(AuditProblem problem) {
                n[0]--;
            }
        });
        return n[0];
    }
}
