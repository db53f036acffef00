package io.github.itl4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The driver of issue 17's numbers: {@code openssl speed -seconds N rsa2048} (one process, one thread), then
 * {@link ProviderBenchmark} (JDK and native provider, same JMH run), then {@code openssl speed} again, and prints the
 * ratios: native build+sign and sign alone against OpenSSL's signing rate (the mean of the runs before and after) and
 * against the JDK provider, native verification against the JDK's. With {@code --all}, also
 * {@link ProviderParallelBenchmark} and {@link FleetSignBenchmark}.
 *
 * <pre>
 * java -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.NativeRatios [--seconds 5] [--all]
 * </pre>
 */
public final class NativeRatios {
    private static final Pattern OPENSSL_RSA2048 = Pattern.compile(
            "^rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)\\s*$");

    private NativeRatios() {
    }

    /**
     * @param args {@code --seconds N} for openssl (default 5), {@code --all} for the parallel and fleet benchmarks
     * @throws Exception if openssl or JMH fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = 5;
        boolean all = false;
        for (int i = 0; i < args.length; i++) {
            if ("--seconds".equals(args[i])) {
                seconds = Integer.parseInt(args[++i]);
            } else if ("--all".equals(args[i])) {
                all = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        double[] before = openssl(seconds);
        Map<String, Double> p = run(ProviderBenchmark.class.getSimpleName());
        double[] after = openssl(seconds);
        double opensslSign = (before[0] + after[0]) / 2;
        double opensslVerify = (before[1] + after[1]) / 2;
        System.out.printf(Locale.ROOT, "%nopenssl speed -seconds %d rsa2048: sign/s %.0f before, %.0f after (mean %.0f);"
                + " verify/s %.0f before, %.0f after%n", seconds, before[0], after[0], opensslSign, before[1], after[1]);
        List<String[]> rows = new ArrayList<>();
        for (String m : new String[] {"buildAndSign", "signOnly", "baselineRawSign"}) {
            double nat = p.get("ProviderBenchmark." + m + "/native");
            double jdk = p.get("ProviderBenchmark." + m + "/jdk");
            rows.add(row(m + " (RSA-2048 SHA-1)", nat, jdk, nat / opensslSign, nat / jdk,
                    m.startsWith("baseline") ? "" : (nat / opensslSign >= 0.8 ? "ok" : "MISS") + " >=0.8x openssl, "
                            + (nat / jdk >= 3 ? "ok" : "MISS") + " >=3x jdk"));
        }
        for (String m : new String[] {"verify", "baselineRawVerify"}) {
            double nat = p.get("ProviderBenchmark." + m + "/native");
            double jdk = p.get("ProviderBenchmark." + m + "/jdk");
            rows.add(row(m + " (anchored)", nat, jdk, nat / opensslVerify, nat / jdk,
                    m.startsWith("baseline") ? "" : (nat / jdk >= 2 ? "ok" : "MISS") + " >=2x jdk"));
        }
        if (all) {
            Map<String, Double> par = run(ProviderParallelBenchmark.class.getSimpleName());
            Map<String, Double> fleet = run(FleetSignBenchmark.class.getSimpleName());
            for (String prov : new String[] {"jdk", "native"}) {
                double a = par.get("ProviderParallelBenchmark.allCores/" + prov);
                double one = par.get("ProviderParallelBenchmark.baselineOneThread/" + prov);
                rows.add(row("parallel allCores / oneThread, " + prov, a, one, Double.NaN, a / one,
                        (a / one >= 1.8 ? "ok" : "MISS") + " >=1.8x"));
                double f = fleet.get("FleetSignBenchmark.fleet/" + prov);
                double raw = fleet.get("FleetSignBenchmark.baselineRawSignAllCores/" + prov);
                rows.add(row("fleet / rawSignAllCores, " + prov, f, raw, Double.NaN, f / raw,
                        (f / raw >= 0.85 ? "ok" : "MISS") + " >=0.85x"));
            }
        }
        System.out.println();
        System.out.println("| what | score (ops/s) | against (ops/s) | x openssl | ratio | target |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
        System.out.println("\n(rows 1-5: native score, JDK score of the same run, native / openssl, native / JDK;"
                + " parallel and fleet rows: the method against its baseline with the same provider)");
    }

    private static String[] row(String what, double a, double b, double xOpenssl, double ratio, String target) {
        return new String[] {what, String.format(Locale.ROOT, "%.0f", a), String.format(Locale.ROOT, "%.0f", b),
            Double.isNaN(xOpenssl) ? "" : String.format(Locale.ROOT, "%.2f", xOpenssl),
            String.format(Locale.ROOT, "%.2f", ratio), target};
    }

    /** Runs one benchmark class in a forked JVM; returns score by "Class.method/provider". */
    private static Map<String, Double> run(String cls) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include("\\." + cls + "\\.").timeUnit(TimeUnit.SECONDS);
        if (!cls.equals(FleetSignBenchmark.class.getSimpleName())) {
            o.warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        Map<String, Double> out = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            out.put(method + "/" + r.getParams().getParam("provider"), r.getPrimaryResult().getScore());
        }
        return out;
    }

    /** @return {sign/s, verify/s} of {@code openssl speed -seconds N rsa2048} */
    private static double[] openssl(int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "speed", "-seconds", String.valueOf(seconds), "rsa2048")
                .redirectErrorStream(true).start();
        double[] r = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                all.append(line).append('\n');
                Matcher m = OPENSSL_RSA2048.matcher(line.trim());
                if (m.matches()) {
                    r = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
                }
            }
        }
        if (p.waitFor() != 0 || r == null) {
            throw new IOException("openssl speed failed or printed no rsa 2048 line:\n" + all);
        }
        System.out.printf(Locale.ROOT, "openssl speed -seconds %d rsa2048: %.1f sign/s, %.1f verify/s%n", seconds,
                r[0], r[1]);
        return r;
    }
}
