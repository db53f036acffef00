package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.Verdict;
import java.util.Locale;

/**
 * The {@link TrustBenchmark} comparison as an interleaved A/B run, for a shared, noisy machine where JMH's
 * one-benchmark-after-the-other order lets the load change between the two scores: blocks of 20 simulations and 20
 * anchored verifications alternate (the order swapped every block), the first 500 blocks are warm-up, and the ratio
 * of the summed times is printed. Run with {@code java -cp itl-bench/target/benchmarks.jar
 * io.github.itl4j.bench.TrustInterleaved}.
 */
public final class TrustInterleaved {
    private TrustInterleaved() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        ItlFile itl = Fixtures.parse(Bytes.wrapOwned(Fixtures.load(Fixtures.Vector.TYPICAL6)), ItlReader.defaults());
        OfferedFile o = OfferedFile.of(itl, "ITLFile.tlv");
        TrustSimulator sim =
                TrustSimulator.builder().phone(PhoneState.holding(itl)).build();
        ItlVerifier v =
                ItlVerifier.builder().trustInstalled(itl).checkRecords(false).build();
        long ts = 0;
        long tv = 0;
        int n = 20;
        int blocks = 3000;
        int warm = 500;
        for (int b = 0; b < blocks; b++) {
            long s = 0;
            long w = 0;
            for (int k = 0; k < 2; k++) {
                boolean doSim = (k == 0) == ((b & 1) == 0);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (doSim) {
                        Fixtures.check(sim.offer(o).verdict() == Verdict.ACCEPT, "simulation rejects");
                    } else {
                        Fixtures.check(v.verify(itl).isVerified(), "verification fails");
                    }
                }
                long d = System.nanoTime() - t0;
                if (doSim) {
                    s = d;
                } else {
                    w = d;
                }
            }
            if (b >= warm) {
                ts += s;
                tv += w;
            }
        }
        int m = (blocks - warm) * n;
        System.out.printf(
                Locale.ROOT,
                "simulate %.1f us, anchored verify %.1f us, ratio %.3f (%d calls each)%n",
                ts / 1e3 / m,
                tv / 1e3 / m,
                (double) ts / tv,
                m);
    }
}
