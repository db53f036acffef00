package io.github.itl4j.crypto.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.fleet.FleetSigner.FileResult;
import io.github.itl4j.crypto.fleet.FleetSigner.Status;
import io.github.itl4j.io.AtomicFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer of a fleet run: woken once per batch, not once per staged file. */
class DurableBatchesTest {
    @TempDir
    Path dir;

    private FileResult stage(DurableBatches batches, int i) throws Exception {
        Path target = dir.resolve("f" + i + ".sgn");
        AtomicFileWriter.Staged s = AtomicFileWriter.defaults().stage(target, Bytes.utf8("content " + i));
        FileResult r = new FileResult(target, target, Status.SIGNED, null, 1, 9, null);
        batches.add(s, r);
        return r;
    }

    @Test
    void theCommitterTakesMinBatchFilesAtOnceThenTheRestAtTheEnd() throws Exception {
        // issue 17: the committer was woken by every staged file and committed batches of one or two files (a
        // thread hand-off, an fsync pool task and a directory fsync per file); it now waits for MIN_BATCH files
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        List<FileResult> reported = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatch = new CountDownLatch(DurableBatches.MIN_BATCH);
        DurableBatches batches = new DurableBatches(
                r -> {
                    reported.add(r);
                    firstBatch.countDown();
                },
                3_600_000, // no time-out in this test: only the count (or the end) starts a batch
                sizes::add);
        List<FileResult> staged = new ArrayList<>();
        for (int i = 0; i < DurableBatches.MIN_BATCH; i++) {
            staged.add(stage(batches, i));
        }
        firstBatch.await();
        for (int i = DurableBatches.MIN_BATCH; i < 2 * DurableBatches.MIN_BATCH - 1; i++) {
            staged.add(stage(batches, i));
        }
        batches.finish();

        assertEquals(List.of(DurableBatches.MIN_BATCH, DurableBatches.MIN_BATCH - 1), sizes);
        assertEquals(staged.size(), reported.size());
        assertTrue(reported.containsAll(staged));
        for (int i = 0; i < staged.size(); i++) {
            assertEquals("content " + i, Files.readString(dir.resolve("f" + i + ".sgn")));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(staged.size(), s.count(), "no temporary file left");
        }
    }
}
