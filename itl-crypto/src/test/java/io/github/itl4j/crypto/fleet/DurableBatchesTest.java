package io.github.itl4j.crypto.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
        batches.add(List.of(s), r, null);
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

    @Test
    void anItemsFilesAreCommittedTogetherAndItsAfterActionRunsOnceTheyAreDurable() throws Exception {
        // an encryption's .enc.sgn and stub .sgn are one item; the clear source is removed only after both are in
        // place (FleetEncryptor wrote each with its own fsync pair and removed the source at once)
        List<FileResult> reported = Collections.synchronizedList(new ArrayList<>());
        DurableBatches batches = new DurableBatches(reported::add);
        Path enc = dir.resolve("a.cnf.xml.enc.sgn");
        Path stub = dir.resolve("a.cnf.xml.sgn");
        Path clear = Files.writeString(dir.resolve("a.cnf.xml"), "clear");
        AtomicBoolean bothThere = new AtomicBoolean();
        FileResult r = new FileResult(clear, enc, Status.SIGNED, null, 5, 8, null);
        batches.add(
                List.of(
                        AtomicFileWriter.defaults().stage(enc, Bytes.utf8("enc")),
                        AtomicFileWriter.defaults().stage(stub, Bytes.utf8("stub"))),
                r,
                () -> {
                    bothThere.set(Files.readString(enc).equals("enc")
                            && Files.readString(stub).equals("stub"));
                    Files.delete(clear);
                });
        batches.finish();

        assertEquals(List.of(r), reported);
        assertTrue(bothThere.get(), "the action ran after both outputs were renamed into place");
        assertFalse(Files.exists(clear));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "the two outputs, no temporary file");
        }
    }

    @Test
    void anItemWhoseSecondFileCannotBeWrittenFailsNamingItAndSkipsItsAction() throws Exception {
        List<FileResult> reported = Collections.synchronizedList(new ArrayList<>());
        DurableBatches batches = new DurableBatches(reported::add);
        Path enc = dir.resolve("b.cnf.xml.enc.sgn");
        Path stub = dir.resolve("b.cnf.xml.sgn");
        AtomicFileWriter.Staged first = AtomicFileWriter.defaults().stage(enc, Bytes.utf8("enc"));
        AtomicFileWriter.Staged second = AtomicFileWriter.defaults().stage(stub, Bytes.utf8("stub"));
        Files.createDirectory(stub); // a folder in the way of the stub, found again right before its rename
        AtomicBoolean ran = new AtomicBoolean();
        batches.add(
                List.of(first, second),
                new FileResult(dir.resolve("b.cnf.xml"), enc, Status.SIGNED, null, 5, 8, null),
                () -> ran.set(true));
        batches.finish();

        assertEquals(1, reported.size());
        FileResult r = reported.get(0);
        assertEquals(Status.FAILED, r.status());
        assertEquals(FleetSigner.Failure.OUTPUT_UNWRITABLE, r.failure().orElseThrow());
        assertTrue(r.message().orElseThrow().startsWith("cannot write b.cnf.xml.sgn: "), r.toString());
        assertFalse(ran.get(), "the action waits for every output");
        assertTrue(Files.isDirectory(stub));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(
                    p -> AtomicFileWriter.isTemporaryName(p.getFileName().toString())));
        }
    }

    @Test
    void helpersForceOnlyWhenTheCommitterAloneIsSlow() throws Exception {
        // issue 17: every batch started one helper thread per 8 files (31 for a full batch) before forcing anything;
        // on tmpfs the committer forced the batch itself before they ran, and the wake-ups cost more than the fsyncs
        for (long after : new long[] {Long.MAX_VALUE, 0}) {
            List<FileResult> reported = Collections.synchronizedList(new ArrayList<>());
            DurableBatches batches = new DurableBatches(reported::add, 3_600_000, null, after);
            int n = 2 * DurableBatches.MIN_BATCH;
            for (int i = 0; i < n; i++) {
                stage(batches, i);
            }
            batches.finish();
            if (after == Long.MAX_VALUE) { // a fast disk: never slow enough
                assertEquals(0, batches.helpersStarted(), "a helper was started for a fast disk");
            } else { // a slow disk: helpers start after the first file of each batch
                assertTrue(batches.helpersStarted() > 0, "no helper for a slow disk");
            }
            assertEquals(n, reported.size());
            for (int i = 0; i < n; i++) {
                assertEquals("content " + i, Files.readString(dir.resolve("f" + i + ".sgn")));
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(n, s.count(), "no temporary file left");
            }
        }
    }
}
