package io.github.itl4j.crypto.fleet;

import io.github.itl4j.crypto.fleet.FleetSigner.Failure;
import io.github.itl4j.crypto.fleet.FleetSigner.FileResult;
import io.github.itl4j.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Makes the outputs of a fleet run durable in batches instead of one fsync (and one directory fsync) per file: the
 * workers stage each {@code .sgn} (written to its temporary file, not forced) and go on signing; a committer thread
 * takes every staged file waiting (up to {@value #MAX_BATCH}), forces them (itself, and with helper threads when there
 * are many, up to {@value #MAX_FORCERS} at once: the file system then makes them durable in a few journal commits),
 * renames each over its target, forces each directory once, and only then reports the files as signed. So the
 * guarantee of a single atomic write holds for each file (a crash leaves the old file or the whole new one), and when
 * {@link #finish()} returns every output is durable.
 *
 * <p><b>Few hand-offs.</b> Waking a thread costs more CPU than the fsync of a small file on a fast file system (tens
 * of microseconds on a virtual machine), so the committer is woken once per {@value #MIN_BATCH} staged files, not per
 * file (or when a staged file has waited {@value #MAX_DELAY_MILLIS} ms, or at the end), and the forcing threads pull
 * the batch's files from one cursor. Helpers (one per {@value #FILES_PER_FORCER} files left) are started only once the
 * committer has forced alone for {@link #HELPERS_AFTER_NANOS} ns in this batch: on a disk, right after its first
 * fsync; on tmpfs or a write-back cache, never (the committer forces the batch in less time than waking them takes).
 * Not API.
 */
final class DurableBatches {
    /** The most files committed together. */
    static final int MAX_BATCH = 256;
    /** The committer is woken when this many files are staged (or the run ends, or {@link #MAX_DELAY_MILLIS}). */
    static final int MIN_BATCH = 32;
    /** The longest a staged file waits for its batch while fewer than {@link #MIN_BATCH} are staged. */
    static final long MAX_DELAY_MILLIS = 20;
    /**
     * The most staged files waiting (temporary files on disk, each holding its open descriptor until it is forced);
     * workers wait beyond it. Kept well under the common 1,024-descriptor limit of a process. Counted in files, not
     * items: an encryption stages two files per source.
     */
    static final int MAX_PENDING = 2 * MAX_BATCH;
    /** The most threads forcing one batch's files at once, the committer included: I/O waits, not CPU. */
    static final int MAX_FORCERS = 32;
    /** One forcing thread (the committer, then helpers) per this many files of a batch. */
    static final int FILES_PER_FORCER = 8;
    /**
     * Helpers are started once the committer has spent this long forcing a batch's files alone: one fsync of a disk
     * takes longer (the helpers then start after the first file), while on a file system where an fsync costs
     * microseconds (tmpfs, a write-back cache) the committer forces the whole batch before it would have woken a
     * helper, and no thread is woken for nothing.
     */
    static final long HELPERS_AFTER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** The most directories kept open for their fsync between batches (a recursive run may write into many). */
    static final int MAX_OPEN_DIRECTORIES = 16;

    /** What the committer does once an item's outputs are durable, e.g. remove the clear source of an encryption. */
    interface AfterDurable {
        /** @throws IOException reported as the item's failure (its outputs stay written) */
        void run() throws IOException;
    }

    /**
     * One source's outputs (the first is the one its result names), committed together: all are renamed into place,
     * or, when one cannot be forced, none is.
     */
    private record Item(List<AtomicFileWriter.Staged> files, FileResult signed, AfterDurable after) {
        void abandon() {
            for (AtomicFileWriter.Staged f : files) {
                f.abandon();
            }
        }
    }

    private final Consumer<FileResult> done;
    private final long helpersAfterNanos;
    /** Helper tasks started so far (tests). */
    private final AtomicInteger helpersStarted = new AtomicInteger();

    private final long maxDelayNanos;
    private final IntConsumer batchSizes;
    private final Object lock = new Object();
    private final ArrayDeque<Item> pending = new ArrayDeque<>();
    private final Semaphore room = new Semaphore(MAX_PENDING);
    private final ExecutorService forcePool;
    private final Thread committer;
    private boolean closing;
    private boolean aborted;
    private Throwable crash;
    /**
     * The directories forced by earlier batches, kept open (committer thread only): each batch forces its
     * directories through the same descriptor instead of opening and closing each directory again. The least
     * recently forced is closed beyond {@link #MAX_OPEN_DIRECTORIES}.
     */
    private final Map<Path, FileChannel> directories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, FileChannel> eldest) {
            if (size() > MAX_OPEN_DIRECTORIES) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** @param done receives each file's result once it is durable (or failed), on the committer thread */
    DurableBatches(Consumer<FileResult> done) {
        this(done, MAX_DELAY_MILLIS, null);
    }

    /**
     * @param done as {@link #DurableBatches(Consumer)}
     * @param maxDelayMillis the longest a staged file waits while fewer than {@link #MIN_BATCH} are staged
     * @param batches receives the size of each batch as the committer takes it (tests), or null
     */
    DurableBatches(Consumer<FileResult> done, long maxDelayMillis, IntConsumer batches) {
        this(done, maxDelayMillis, batches, HELPERS_AFTER_NANOS);
    }

    /**
     * @param done as {@link #DurableBatches(Consumer)}
     * @param maxDelayMillis as {@link #DurableBatches(Consumer, long, IntConsumer)}
     * @param batches as {@link #DurableBatches(Consumer, long, IntConsumer)}
     * @param helpersAfterNanos how long the committer forces a batch alone before starting helpers (tests)
     */
    DurableBatches(Consumer<FileResult> done, long maxDelayMillis, IntConsumer batches, long helpersAfterNanos) {
        this.helpersAfterNanos = helpersAfterNanos;
        this.done = done;
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        this.batchSizes = batches;
        AtomicInteger n = new AtomicInteger();
        this.forcePool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "itl-fleet-fsync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.committer = new Thread(this::loop, "itl-fleet-committer");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Hands over the staged outputs of one source, committed together; the result is reported when they are durable
     * and {@code after} (if any) has run, or as a failure when one of them cannot be written (then the others are
     * abandoned if they were not renamed yet, and {@code after} does not run).
     *
     * @param files the outputs, written to their temporary files; at most {@link #MAX_PENDING}
     * @param signed the result to report once they are durable; it names the first file
     * @param after what to do once they are durable, or null
     * @throws InterruptedException if interrupted while waiting for room; the outputs were abandoned
     */
    void add(List<AtomicFileWriter.Staged> files, FileResult signed, AfterDurable after) throws InterruptedException {
        Item item = new Item(List.copyOf(files), signed, after);
        int n = item.files.size();
        if (n == 0 || n > MAX_PENDING) {
            item.abandon();
            throw new IllegalArgumentException("1 to " + MAX_PENDING + " files per item, not " + n);
        }
        try {
            room.acquire(n);
        } catch (InterruptedException e) {
            item.abandon();
            throw e;
        }
        synchronized (lock) {
            if (aborted || closing) {
                item.abandon();
                room.release(n);
                throw new InterruptedException("the run is stopping");
            }
            pending.add(item);
            if (pending.size() == MIN_BATCH) {
                lock.notifyAll(); // the committer waits for a batch, not for each file
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                List<Item> batch = new ArrayList<>();
                synchronized (lock) {
                    awaitBatch();
                    if (aborted || pending.isEmpty()) {
                        return;
                    }
                    while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(pending.poll());
                    }
                }
                try {
                    if (batchSizes != null) {
                        batchSizes.accept(batch.size());
                    }
                    commit(batch);
                } finally {
                    int files = 0;
                    for (Item i : batch) {
                        files += i.files.size();
                    }
                    room.release(files);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                crash = e;
            }
        } finally {
            for (FileChannel ch : directories.values()) {
                closeQuietly(ch);
            }
            directories.clear();
            synchronized (lock) {
                aborted = true;
                for (Item i : pending) {
                    i.abandon();
                }
                room.release(pending.size() + MAX_PENDING); // no worker waits for room forever
                pending.clear();
            }
        }
    }

    /**
     * Waits (holding {@link #lock}) until a batch is worth committing: {@link #MIN_BATCH} files staged, a staged file
     * waited {@link #MAX_DELAY_MILLIS} ms, the run is ending, or it was aborted.
     */
    private void awaitBatch() throws InterruptedException {
        long deadline = 0;
        boolean timing = false;
        while (!closing && !aborted && pending.size() < MIN_BATCH) {
            if (pending.isEmpty()) {
                timing = false;
                lock.wait();
                continue;
            }
            long now = System.nanoTime();
            if (!timing) {
                timing = true;
                deadline = now + maxDelayNanos;
            } else if (now - deadline >= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(lock, deadline - now);
        }
    }

    /**
     * Forces every file of the batch (on several threads), renames them, forces their directories, runs what waits
     * for each item's durability, then reports.
     */
    private void commit(List<Item> batch) throws InterruptedException {
        List<AtomicFileWriter.Staged> all = new ArrayList<>(batch.size());
        for (Item i : batch) {
            all.addAll(i.files);
        }
        Throwable[] forceFailures = forceAll(all);
        List<FileResult> results = new ArrayList<>(batch.size());
        List<Item> renamed = new ArrayList<>(batch.size());
        Set<Path> dirs = new LinkedHashSet<>();
        Set<AtomicFileWriter.Directory> held = new LinkedHashSet<>();
        int first = 0;
        for (Item i : batch) {
            int k = 0;
            try {
                for (; k < i.files.size(); k++) { // none is renamed unless all were forced
                    Throwable f = forceFailures[first + k];
                    if (f instanceof Error err) {
                        throw err;
                    }
                    if (f != null) {
                        throw f instanceof IOException io ? io : new IOException(f);
                    }
                }
                for (k = 0; k < i.files.size(); k++) {
                    AtomicFileWriter.Staged file = i.files.get(k);
                    Path written = file.commit();
                    if (file.directory().isPresent() && file.directory().get().isHeldOpen()) {
                        held.add(file.directory().get());
                    } else {
                        dirs.add(written.getParent());
                    }
                }
                renamed.add(i);
            } catch (IOException | RuntimeException e) {
                i.abandon(); // those not renamed yet
                Path name = k == 0 || k >= i.files.size()
                        ? i.signed.output()
                        : i.files.get(k).target();
                results.add(failed(i.signed, "cannot write " + name.getFileName() + ": " + FleetFileJob.describe(e)));
            }
            first += i.files.size();
        }
        for (Path d : dirs) {
            syncDirectory(d);
        }
        for (AtomicFileWriter.Directory d : held) {
            d.force(); // the directory the files were renamed in, not whatever its path names now
        }
        for (Item i : renamed) {
            FileResult r = i.signed;
            if (i.after != null) {
                try {
                    i.after.run();
                } catch (IOException | RuntimeException e) {
                    r = failed(
                            i.signed,
                            i.signed.output().getFileName() + " was written, but " + FleetFileJob.describe(e));
                }
            }
            results.add(r);
        }
        for (FileResult r : results) {
            done.accept(r);
        }
    }

    /** The item's result as an output failure, by {@link FleetFileJob#failure}. */
    private static FileResult failed(FileResult signed, String message) {
        return FleetFileJob.failure(
                signed.source(), signed.output(), Failure.OUTPUT_UNWRITABLE, signed.sourceBytes(), message);
    }

    /**
     * Forces every staged file of the batch: the committer forces them in turn and, for a larger batch on a slow
     * disk (once it has spent {@link #HELPERS_AFTER_NANOS} on this batch), starts up to {@link #MAX_FORCERS} - 1
     * helper threads that take the remaining files from the same cursor, so many fsyncs are in flight at once; on a
     * fast one the committer forces them all itself and wakes no helper.
     *
     * @return per file, what its force threw, or null
     * @throws InterruptedException if interrupted while waiting for a helper
     */
    private Throwable[] forceAll(List<AtomicFileWriter.Staged> batch) throws InterruptedException {
        int n = batch.size();
        Throwable[] failures = new Throwable[n];
        AtomicInteger cursor = new AtomicInteger();
        Runnable forcer = () -> {
            for (int k; (k = cursor.getAndIncrement()) < n; ) {
                force(batch, k, failures);
            }
        };
        List<Future<?>> running = null;
        long start = System.nanoTime();
        for (int k; (k = cursor.getAndIncrement()) < n; ) {
            force(batch, k, failures);
            if (running == null && System.nanoTime() - start >= helpersAfterNanos) {
                int left = n - k - 1;
                int helpers = Math.min(MAX_FORCERS - 1, (left + FILES_PER_FORCER - 1) / FILES_PER_FORCER);
                running = new ArrayList<>(helpers);
                helpersStarted.addAndGet(helpers);
                for (int h = 0; h < helpers; h++) {
                    running.add(forcePool.submit(forcer));
                }
            }
        }
        if (running != null) {
            for (Future<?> f : running) {
                try {
                    f.get(); // after it, the helper's entries of failures are visible here
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a forcing thread failed", e.getCause()); // force catches all
                }
            }
        }
        return failures;
    }

    private static void force(List<AtomicFileWriter.Staged> batch, int k, Throwable[] failures) {
        try {
            batch.get(k).force();
        } catch (IOException | RuntimeException | Error e) {
            failures[k] = e;
        }
    }

    /** @return how many helper tasks forced files so far (tests) */
    int helpersStarted() {
        return helpersStarted.get();
    }

    /** As {@link AtomicFileWriter#syncDirectory(Path)} (best effort), through the directory's open descriptor. */
    private void syncDirectory(Path dir) {
        FileChannel ch = directories.get(dir);
        try {
            if (ch == null) {
                ch = FileChannel.open(dir, StandardOpenOption.READ);
                directories.put(dir, ch);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // as AtomicFileWriter.syncDirectory: not possible everywhere; forget the descriptor, open it again next
            if (ch != null) {
                directories.remove(dir);
                closeQuietly(ch);
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to report: the directory was forced or could not be
        }
    }

    /**
     * Commits everything handed over and waits until it is durable.
     *
     * @throws InterruptedException if interrupted while waiting; call {@link #abort()} then
     */
    void finish() throws InterruptedException {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        committer.join();
        forcePool.shutdown();
        Throwable c;
        synchronized (lock) {
            c = crash;
        }
        if (c instanceof RuntimeException re) {
            throw re;
        }
        if (c != null) {
            throw (Error) c;
        }
    }

    /**
     * Stops: the batch being committed completes (its renamed outputs are whole and durable), every other staged
     * output is abandoned (its temporary file deleted). Waits for the committer, even if interrupted.
     */
    void abort() {
        synchronized (lock) {
            aborted = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (committer.isAlive()) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        forcePool.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
