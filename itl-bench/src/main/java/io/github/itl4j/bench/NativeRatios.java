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
 * The driver of issue 17's numbers: {@code openssl speed -seconds N rsa2048} (one process, one thread; per CPU second
 * as openssl counts by default, and with {@code -elapsed} per wall-clock second as JMH counts), then
 * {@link ProviderBenchmark} (JDK and native provider, same JMH run), then {@code openssl speed} again, and prints the
 * ratios: native build+sign and sign alone against OpenSSL's signing rate (the mean of the runs before and after) and
 * against the JDK provider, native verification against the JDK's. With {@code --all}, also
 * {@link ProviderParallelBenchmark} and {@link FleetSignBenchmark}. With {@code --rounds N}, all of it N times, and
 * the median of each ratio over the rounds (for a loaded machine). With {@code --cpu}, no JMH: the same methods
 * counted per second of the thread's CPU time, which other load does not change, as {@code openssl speed} counts.
 *
 * <pre>
 * java -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.NativeRatios [--seconds 5] [--rounds 1] [--all]
 * java -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.NativeRatios --cpu [--all]
 * java -Djava.io.tmpdir=DIR -cp itl-bench/target/benchmarks.jar io.github.itl4j.bench.NativeRatios --fleet \
 *     [--files 10000] [--rounds 10]
 * </pre>
 *
 * <p>{@code --cpu --all} adds the parallel speed-up and the fleet's CPU cost per file,
 * also counted in CPU time (see {@link #parallelCpu()} and {@link #fleetCpu(int, int)}).
 */
public final class NativeRatios {
    private static final Pattern OPENSSL_RSA2048 =
            Pattern.compile("^rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)\\s*$");

    private NativeRatios() {}

    /**
     * @param args {@code --seconds N} for openssl (default 5), {@code --all} for the parallel and fleet benchmarks
     * @throws Exception if openssl or JMH fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int rounds = 1;
        boolean all = false;
        boolean cpuTime = false;
        boolean fleetOnly = false;
        int fleetFiles = 2_000;
        for (int i = 0; i < args.length; i++) {
            if ("--seconds".equals(args[i])) {
                seconds = Integer.parseInt(args[++i]);
            } else if ("--rounds".equals(args[i])) {
                rounds = Integer.parseInt(args[++i]);
            } else if ("--all".equals(args[i])) {
                all = true;
            } else if ("--cpu".equals(args[i])) {
                cpuTime = true;
            } else if ("--fleet".equals(args[i])) {
                fleetOnly = true;
            } else if ("--files".equals(args[i])) {
                fleetFiles = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (fleetOnly) {
            fleetCpu(fleetFiles, Math.max(rounds, 6));
            return;
        }
        if (cpuTime) {
            cpu(seconds);
            if (all) {
                parallelCpu();
                fleetCpu(fleetFiles, 6);
            }
            return;
        }
        Map<String, List<Double>> ratios = new java.util.LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "%n=== round %d of %d ===%n", round, rounds);
            double[] cpuBefore = openssl(seconds, false);
            double[] wallBefore = openssl(seconds, true);
            Map<String, Double> p = run(ProviderBenchmark.class.getSimpleName());
            double[] wallAfter = openssl(seconds, true);
            double[] cpuAfter = openssl(seconds, false);
            double cpuSign = (cpuBefore[0] + cpuAfter[0]) / 2;
            double wallSign = (wallBefore[0] + wallAfter[0]) / 2;
            System.out.printf(
                    Locale.ROOT,
                    "%nopenssl speed -seconds %d rsa2048 sign/s: %.0f / %.0f (per CPU second, "
                            + "openssl's default; before / after), %.0f / %.0f (-elapsed, per wall-clock second as JMH)%n",
                    seconds,
                    cpuBefore[0],
                    cpuAfter[0],
                    wallBefore[0],
                    wallAfter[0]);
            List<String[]> rows = new ArrayList<>();
            for (String m :
                    new String[] {"buildAndSign", "signOnly", "baselineRawSign", "verify", "baselineRawVerify"}) {
                double nat = p.get("ProviderBenchmark." + m + "/native");
                double jdk = p.get("ProviderBenchmark." + m + "/jdk");
                boolean sign = !m.toLowerCase(Locale.ROOT).contains("verify");
                rows.add(row(
                        m, nat, jdk, sign ? nat / cpuSign : Double.NaN, sign ? nat / wallSign : Double.NaN, nat / jdk));
                add(ratios, m + " native/jdk", nat / jdk);
                if (sign) {
                    add(ratios, m + " native/openssl", nat / cpuSign);
                    add(ratios, m + " native/openssl -elapsed", nat / wallSign);
                }
            }
            if (all) {
                Map<String, Double> par = run(ProviderParallelBenchmark.class.getSimpleName());
                for (String prov : new String[] {"jdk", "native"}) {
                    double a = par.get("ProviderParallelBenchmark.allCores/" + prov);
                    double one = par.get("ProviderParallelBenchmark.baselineOneThread/" + prov);
                    rows.add(row("parallel allCores / oneThread, " + prov, a, one, Double.NaN, Double.NaN, a / one));
                    add(ratios, "parallel allCores/oneThread " + prov, a / one);
                }
                Map<String, Double> fleet = run(FleetSignBenchmark.class.getSimpleName());
                for (String prov : new String[] {"jdk", "native"}) {
                    double f = fleet.get("FleetSignBenchmark.fleet/" + prov);
                    double raw = fleet.get("FleetSignBenchmark.baselineRawSignAllCores/" + prov);
                    rows.add(row("fleet / rawSignAllCores, " + prov, f, raw, Double.NaN, Double.NaN, f / raw));
                    add(ratios, "fleet/rawSignAllCores " + prov, f / raw);
                }
            }
            System.out.println();
            System.out.println("| benchmark | native or method (ops/s) | jdk or baseline (ops/s) | x openssl "
                    + "| x openssl -elapsed | ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (String[] r : rows) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n=== medians over %d round(s) (targets: sign >= 0.8x openssl and >= 3x jdk; "
                        + "verify >= 2x jdk; parallel >= 1.8; fleet >= 0.85) ===%n",
                rounds);
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            java.util.Collections.sort(v);
            double med = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
            System.out.printf(
                    Locale.ROOT,
                    "%-45s %.2f  (runs: %s)%n",
                    e.getKey(),
                    med,
                    e.getValue().stream()
                            .map(d -> String.format(Locale.ROOT, "%.2f", d))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** An operation measured by {@link #perCpuSecond}. */
    private interface Op {
        Object run() throws Exception;
    }

    /**
     * Operations per second of this thread's CPU time: insensitive to other load on the machine, and so on the same
     * footing as {@code openssl speed}'s default (per CPU second). No JMH: a warm-up of n/2 calls, then n calls.
     */
    private static double perCpuSecond(Op op, int n) throws Exception {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n / 2; i++) {
            op.run();
        }
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return n / ((t.getCurrentThreadCpuTime() - c0) / 1e9);
    }

    /** {@code --cpu}: ProviderBenchmark's methods per CPU second, jdk and native, against openssl's default. */
    private static void cpu(int seconds) throws Exception {
        double[] before = openssl(seconds, false);
        Map<String, Double> r = new java.util.LinkedHashMap<>();
        for (String prov : new String[] {"jdk", "native"}) {
            ProviderBenchmark b = new ProviderBenchmark();
            b.provider = prov;
            b.setUp();
            int n = "jdk".equals(prov) ? 1500 : 5000;
            r.put("buildAndSign/" + prov, perCpuSecond(b::buildAndSign, n));
            r.put("signOnly/" + prov, perCpuSecond(b::signOnly, n));
            r.put("baselineRawSign/" + prov, perCpuSecond(b::baselineRawSign, n));
            r.put("verify/" + prov, perCpuSecond(b::verify, 4 * n));
            r.put("baselineRawVerify/" + prov, perCpuSecond(b::baselineRawVerify, 4 * n));
        }
        double[] after = openssl(seconds, false);
        double sign = (before[0] + after[0]) / 2;
        System.out.printf(Locale.ROOT, "%nper CPU second; openssl sign/s %.0f (mean of before and after)%n", sign);
        System.out.println("| benchmark | native | jdk | native / jdk | native / openssl |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String m : new String[] {"buildAndSign", "signOnly", "baselineRawSign", "verify", "baselineRawVerify"}) {
            double nat = r.get(m + "/native");
            double jdk = r.get(m + "/jdk");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.2f | %s |%n",
                    m,
                    nat,
                    jdk,
                    nat / jdk,
                    m.toLowerCase(Locale.ROOT).contains("verify")
                            ? ""
                            : String.format(Locale.ROOT, "%.2f", nat / sign));
        }
    }

    /**
     * {@code --all --cpu}, parallel signing without wall-clock time: build+sign on one thread, then on as many
     * threads as processors at once, each counted per second of its own CPU time, with the time each thread spent
     * blocked on a monitor or waiting (parked) from {@link java.lang.management.ThreadMXBean}'s contention monitoring.
     * On idle cores the speed-up is the thread count times the parallel efficiency (parallel per-CPU-second rate over
     * the single thread's) when no thread blocks or waits: a shared lock on the path would show as blocked or waited
     * time (a lock that is waited for uses no CPU, so the per-CPU-second rate alone would not show it), contention
     * for memory or a spinning lock as a lower efficiency. Other load delays the threads but changes neither.
     */
    private static void parallelCpu() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx.isThreadContentionMonitoringSupported()) {
            mx.setThreadContentionMonitoringEnabled(true);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "%nparallel build+sign per CPU second (%d threads at once against one; blocked/waited: ms per "
                        + "thread while measuring)%n",
                threads);
        System.out.println("| provider | one thread / CPU s | each of N threads / CPU s (mean) | efficiency "
                + "| blocked + waited ms | predicted speed-up on N idle cores |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String prov : new String[] {"jdk", "native"}) {
            ProviderParallelBenchmark b = new ProviderParallelBenchmark();
            b.provider = prov;
            b.setUp();
            int n = "jdk".equals(prov) ? 1500 : 5000;
            double one = perCpuSecond(b::baselineOneThread, n);
            double[] rates = new double[threads];
            long[] stalls = new long[threads];
            Throwable[] failed = new Throwable[1];
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int k = t;
                ts[t] = new Thread(() -> {
                    try {
                        for (int i = 0; i < n / 2; i++) {
                            b.allCores();
                        }
                        start.await();
                        long id = Thread.currentThread().getId();
                        java.lang.management.ThreadInfo i0 = mx.getThreadInfo(id);
                        long c0 = mx.getCurrentThreadCpuTime();
                        for (int i = 0; i < n; i++) {
                            b.allCores();
                        }
                        rates[k] = n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
                        java.lang.management.ThreadInfo i1 = mx.getThreadInfo(id);
                        stalls[k] = i1.getBlockedTime() - i0.getBlockedTime() + i1.getWaitedTime() - i0.getWaitedTime();
                    } catch (Throwable e) {
                        failed[0] = e;
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            if (failed[0] != null) {
                throw new IllegalStateException(failed[0]);
            }
            double mean = java.util.Arrays.stream(rates).average().orElseThrow();
            long stall = java.util.Arrays.stream(stalls).max().orElseThrow();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.2f | %d | %.2f |%n",
                    prov,
                    one,
                    mean,
                    mean / one,
                    stall,
                    threads * mean / one);
        }
    }

    /**
     * {@code --all --cpu}, fleet signing without wall-clock time: the CPU time of the whole process (every thread,
     * the kernel's work for its system calls included) per file of {@link FleetSignBenchmark#fleet} against per
     * signature of {@link FleetSignBenchmark#baselineRawSignAllCores}, the best of rounds 3 and later (the first two
     * warm up). When both use every core and the disk's latency is hidden (outputs are made durable in batches), the
     * wall-clock ratio on idle cores is about this CPU ratio. {@code --fleet} runs only this, with {@code --files N}
     * (default 2,000; the process CPU time is counted in ticks of 10 ms, i.e. 5 us per file at 2,000 files, 1 us at
     * 10,000) and {@code --rounds N} (at least 6); the directory is in {@code java.io.tmpdir}.
     */
    private static void fleetCpu(int files, int rounds) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                Locale.ROOT,
                "%nfleet signing, process CPU time per file (%,d files in %s, best of rounds 3 to %d)%n",
                files,
                System.getProperty("java.io.tmpdir"),
                rounds);
        System.out.println("| provider | fleet us / file | raw sign us / signature | raw / fleet |");
        System.out.println("|---|---:|---:|---:|");
        for (String prov : new String[] {"jdk", "native"}) {
            FleetSignBenchmark b = new FleetSignBenchmark();
            b.provider = prov;
            b.fleetFiles = files;
            b.setUp();
            try {
                double fleet = Double.MAX_VALUE;
                double raw = Double.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    long c0 = os.getProcessCpuTime();
                    b.fleet();
                    long c1 = os.getProcessCpuTime();
                    b.baselineRawSignAllCores();
                    long c2 = os.getProcessCpuTime();
                    if (round >= 2) {
                        fleet = Math.min(fleet, (c1 - c0) / 1e3 / b.fleetFiles);
                        raw = Math.min(raw, (c2 - c1) / 1e3 / b.fleetFiles);
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n", prov, fleet, raw, raw / fleet);
            } finally {
                b.tearDown();
            }
        }
    }

    private static void add(Map<String, List<Double>> m, String key, double value) {
        m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String[] row(String what, double a, double b, double xOpenssl, double xElapsed, double ratio) {
        return new String[] {
            what,
            String.format(Locale.ROOT, "%.0f", a),
            String.format(Locale.ROOT, "%.0f", b),
            Double.isNaN(xOpenssl) ? "" : String.format(Locale.ROOT, "%.2f", xOpenssl),
            Double.isNaN(xElapsed) ? "" : String.format(Locale.ROOT, "%.2f", xElapsed),
            String.format(Locale.ROOT, "%.2f", ratio)
        };
    }

    /** Runs one benchmark class in a forked JVM; returns score by "Class.method/provider". */
    private static Map<String, Double> run(String cls) throws RunnerException {
        ChainedOptionsBuilder o =
                new OptionsBuilder().include("\\." + cls + "\\.").timeUnit(TimeUnit.SECONDS);
        if (!cls.equals(FleetSignBenchmark.class.getSimpleName())) {
            o.warmupIterations(3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1))
                    .forks(1);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        Map<String, Double> out = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            out.put(
                    method + "/" + r.getParams().getParam("provider"),
                    r.getPrimaryResult().getScore());
        }
        return out;
    }

    /**
     * @return {sign/s, verify/s} of {@code openssl speed -seconds N rsa2048}: per CPU second (openssl's default), or
     *     per wall-clock second with {@code -elapsed} (as JMH counts; lower on a loaded machine)
     */
    private static double[] openssl(int seconds, boolean elapsed) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "speed", "-seconds", String.valueOf(seconds)));
        if (elapsed) {
            cmd.add("-elapsed");
        }
        cmd.add("rsa2048");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double[] r = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
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
        System.out.printf(Locale.ROOT, "%s: %.1f sign/s, %.1f verify/s%n", String.join(" ", cmd), r[0], r[1]);
        return r;
    }
}
