package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Record-level tampering on every ITL/CTL vector, the header left as it is: each record duplicated, each record
 * removed, each adjacent pair swapped, the last record moved first, the order reversed. The result is always
 * well-formed (records are self-delimiting and run to the end of the file), so the reader accepts it; the verifier
 * must not, with or without a trust anchor, in memory and in one pass. Splices of one vector's header with another
 * vector's records must not verify either.
 */
class RecordMutationSweepTest {
    private static long mutations;

    static Stream<Path> vectors() {
        return Vectors.itlFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void noDuplicatedRemovedOrReorderedRecordVerifies(Path vector) throws Exception {
        byte[] data = Vectors.bytes(vector);
        ItlFile f = ItlReader.defaults().readTrustList(Bytes.copyOf(data));
        Bytes header = f.encoded().slice(0, f.header().length());
        List<ItlRecord> records = f.records();
        ItlVerifier anchored = Sweeps.anchoredVerifier(vector);
        ItlVerifier selfContained = ItlVerifier.builder().build();
        Consumer<List<ItlRecord>> check = list -> {
            if (list.equals(records)) {
                return; // e.g. swapping two identical records: nothing was changed
            }
            byte[] mutated = assemble(header, list);
            mutations++;
            String what = Sweeps.describe(vector) + " with records " + order(records, list);
            assertEquals(Sweeps.Outcome.NOT_VERIFIED, Sweeps.outcome(anchored, mutated), what);
            assertEquals(Sweeps.Outcome.NOT_VERIFIED, Sweeps.outcome(selfContained, mutated.clone()), what);
            assertEquals(Sweeps.Outcome.NOT_VERIFIED, Sweeps.streamOutcome(selfContained, mutated), what);
        };
        int n = records.size();
        for (int i = 0; i < n; i++) {
            List<ItlRecord> dup = new ArrayList<>(records);
            dup.add(i + 1, records.get(i));
            check.accept(dup);
            List<ItlRecord> removed = new ArrayList<>(records);
            removed.remove(i);
            check.accept(removed);
            if (i + 1 < n) {
                List<ItlRecord> swapped = new ArrayList<>(records);
                Collections.swap(swapped, i, i + 1);
                check.accept(swapped);
            }
        }
        List<ItlRecord> rotated = new ArrayList<>(records);
        Collections.rotate(rotated, 1);
        check.accept(rotated);
        List<ItlRecord> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        check.accept(reversed);
        assertFalse(n > 1 && mutations == 0);
    }

    @Test
    void noSpliceOfOneFilesHeaderWithAnotherFilesRecordsVerifies() throws Exception {
        List<Path> files = Vectors.itlFiles();
        List<ItlFile> parsed = new ArrayList<>();
        for (Path p : files) {
            parsed.add(ItlReader.defaults().readTrustList(p));
        }
        ItlVerifier selfContained = ItlVerifier.builder().checkRecords(false).build();
        int splices = 0;
        for (int a = 0; a < files.size(); a++) {
            ItlFile fa = parsed.get(a);
            Bytes header = fa.encoded().slice(0, fa.header().length());
            for (int b = 0; b < files.size(); b++) {
                ItlFile fb = parsed.get(b);
                if (a == b || fb.records().equals(fa.records())) {
                    continue; // same bytes as file a: nothing was changed
                }
                byte[] spliced = assemble(header, fb.records());
                splices++;
                assertEquals(
                        Sweeps.Outcome.NOT_VERIFIED,
                        Sweeps.outcome(selfContained, spliced),
                        () -> "header of " + fa + " with the records of " + fb);
            }
        }
        mutations += splices;
        assertTrue(splices > 1000);
    }

    static byte[] assemble(Bytes header, List<ItlRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.toByteArray());
        for (ItlRecord r : records) {
            out.writeBytes(r.encoded().toByteArray());
        }
        return out.toByteArray();
    }

    private static String order(List<ItlRecord> original, List<ItlRecord> mutated) {
        int[] idx = new int[mutated.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = original.indexOf(mutated.get(i)) + 1;
        }
        return Arrays.toString(idx);
    }

    @AfterAll
    static void report() {
        System.out.printf("record sweep: %d mutated or spliced files%n", mutations);
    }
}
