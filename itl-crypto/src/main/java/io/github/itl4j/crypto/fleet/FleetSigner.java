package io.github.itl4j.crypto.fleet;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.PatternSyntaxException;

/**
 * Signs every configuration file of a directory into a {@code .sgn} beside it (or in an output directory), as CUCM's
 * TFTP service does for a fleet of phones ({@code SEP<MAC>.cnf.xml} to {@code SEP<MAC>.cnf.xml.sgn}), on several
 * threads, resumably.
 *
 * <p>For each file {@code NAME} whose name matches the glob (default {@value #DEFAULT_GLOB}; names ending in
 * {@code .sgn}, directories, the lock file and temporary files of {@link AtomicFileWriter} are never taken), the
 * output is {@code NAME.sgn}
 * made by {@link ItlSigner#signConfig(Bytes, String, Layout)} with FILENAME {@code NAME.sgn}: byte for byte what
 * {@code signConfig} gives for the same signer and clock. Each output is written atomically (temporary file in the
 * output directory, forced to disk, then renamed over the target), so a reader, a crash or a cancellation never
 * leaves a partial {@code .sgn}. The outputs are made durable in batches rather than one by one: workers write
 * temporary files and go on signing while a committer forces every waiting file at once, renames them, forces the
 * directory once per batch, and only then reports them {@link Status#SIGNED}; when {@link #sign(Path)} returns, every
 * output is durable. So the run is bound by the CPU (the RSA work), not by one fsync per file.
 * {@linkplain Builder#recursive(boolean) Recursive} runs sign subdirectories too and
 * keep each file's path relative to the signed directory in FILENAME ({@code Desktops/320x196x4/List.xml.sgn}).
 *
 * <p><b>Regular files only.</b> A source, or an existing output, that is a symbolic link is refused (a
 * {@link Failure#SOURCE_UNREADABLE} or {@link Failure#OUTPUT_UNWRITABLE} with a message saying so) unless
 * {@linkplain Builder#followSymlinks(boolean) followSymlinks(true)}; devices, FIFOs and sockets always are. An output
 * never gets wider POSIX permissions than its source: a world-readable {@code .sgn} of a private file is not
 * written, and an up-to-date output with wider permissions is written again.
 *
 * <p><b>One run per output directory.</b> A run holds an exclusive lock on {@value #LOCK_FILE} in the output
 * directory (created if missing, kept afterwards); a second run on the same directory fails at once with
 * {@link FleetLockedException} instead of repeating the work. Temporary files older than
 * {@link AtomicFileWriter#STALE_AFTER} that a killed run of the same user left there are removed.
 *
 * <p><b>Resumable.</b> Unless {@linkplain Builder#force(boolean) forced}, a file is skipped as
 * {@link Status#UP_TO_DATE} when its {@code .sgn} exists, is not older than the source, parses within the limits,
 * names FILENAME {@code NAME.sgn}, declares this signer's digest, holds exactly the source's bytes as payload, and
 * its signature verifies against the signer's certificate ({@link ItlVerifier#verifySigned(SgnFile,
 * java.security.cert.X509Certificate)}). Anything else (missing, stale, corrupt, signed by another key) is re-signed.
 * Timestamps are only compared with "not older" because file systems store them coarsely; the payload comparison is
 * what guarantees the content.
 *
 * <p><b>Failures.</b> A file that cannot be read, is larger than {@link ItlLimits#maxPayloadSize()}, cannot be
 * signed or cannot be written is reported as {@link Status#FAILED} with a {@link Failure} code and a one-line
 * message; the other files go on.
 *
 * <p><b>Memory and threads.</b> The directory is listed once (the matching paths are kept, one {@link Path} each);
 * {@code threads} workers take the files from that list in order, each the next one itself, and a committer thread
 * (with helpers while fsyncs are slow) makes their outputs durable. A worker holds one source and at most one
 * existing {@code .sgn}, each bounded by the limits; at most 512 written outputs wait for their batch. One
 * {@link ItlSigner} is shared by all workers (it is thread-safe). Only failures are kept for the {@link Result}.
 *
 * <p><b>Cancellation.</b> Interrupting the thread in {@link #sign(Path)} stops the run: workers finish or abandon
 * (deleting its temporary file) the file in hand, and {@code sign} throws {@link InterruptedException} once they
 * have all stopped. Outputs already renamed are complete; no partial or temporary file is left.
 *
 * <p>Immutable and thread-safe once built; the {@link Builder} is mutable and not thread-safe.
 *
 * <pre>{@code
 * FleetSigner fleet = FleetSigner.builder(signer).threads(8).progress((r, done, total) -> bar.update(done, total))
 *         .build();
 * FleetSigner.Result res = fleet.sign(Path.of("/tftpboot"));
 * res.failures().forEach(f -> System.err.println(f.source().getFileName() + ": " + f.message().orElse("")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FleetSigner {
    /** The default glob: CUCM's phone configuration files. */
    public static final String DEFAULT_GLOB = "*.cnf.xml";

    /** The lock file a run holds in its output directory. */
    public static final String LOCK_FILE = ".itl-fleet.lock";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FleetSigner.class);
    private static final String SGN = ".sgn";

    private final ItlSigner signer;
    private final String glob;
    private final Path outputDirectory;
    private final int threads;
    private final ItlLimits limits;
    private final Layout layout;
    private final boolean force;
    private final Progress progress;
    private final boolean followSymlinks;
    private final boolean recursive;
    private final AtomicFileWriter writer;
    private final ItlReader reader;
    private final ItlVerifier verifier;
    private final JobFactory jobFactory;
    private final java.util.function.IntConsumer batchSizes;

    private FleetSigner(Builder b) {
        this.signer = b.signer;
        this.glob = b.glob;
        this.outputDirectory = b.outputDirectory;
        this.threads = b.threads;
        this.limits = b.limits;
        this.layout = b.layout;
        this.force = b.force;
        this.progress = b.progress;
        this.followSymlinks = b.followSymlinks;
        this.recursive = b.recursive;
        this.writer =
                AtomicFileWriter.defaults().followSymlinks(b.followSymlinks).removeStaleTemporaryFiles(false);
        this.reader = ItlReader.withLimits(b.limits);
        this.verifier = ItlVerifier.builder()
                .limits(b.limits)
                .provider(b.signer.provider())
                .build();
        this.jobFactory = b.jobFactory;
        this.batchSizes = b.batchSizes;
    }

    /** Makes the per-file work of a run other than signing (e.g. {@link FleetEncryptor}); not API. */
    interface JobFactory {
        /**
         * @param writer the run's atomic writer
         * @param out the output directory, or null for beside the sources
         * @param cancelled whether the run was cancelled
         * @param batches where the work hands its staged outputs, to be made durable with the run's others
         * @return the work on one file: its outcome, {@link FleetFileJob#HANDED_OFF} when handed to
         *     {@code batches}, or null when interrupted
         */
        java.util.function.Function<Path, FileResult> create(
                AtomicFileWriter writer,
                Path out,
                java.util.function.BooleanSupplier cancelled,
                DurableBatches batches);
    }

    /**
     * @param signer the signer shared by every worker; its digest and clock apply to every output
     * @return a builder: glob {@value #DEFAULT_GLOB}, outputs beside the sources, one thread per available
     *     processor, default limits, {@link Layout#CERTUTILS}, up-to-date files skipped, no progress listener
     */
    public static Builder builder(ItlSigner signer) {
        return new Builder(Objects.requireNonNull(signer, "signer"));
    }

    /** @return the signer */
    public ItlSigner signer() {
        return signer;
    }

    /** @return the glob that selects source file names */
    public String glob() {
        return glob;
    }

    /** @return where outputs go; empty when beside their sources */
    public Optional<Path> outputDirectory() {
        return Optional.ofNullable(outputDirectory);
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * @return whether subdirectories are signed too, with FILENAME relative to the signed directory
     * @since 0.1.0
     */
    public boolean recursive() {
        return recursive;
    }

    /** @return whether symbolic links (sources and existing outputs) are followed rather than refused */
    public boolean followsSymlinks() {
        return followSymlinks;
    }

    /** @return the limits: a source larger than {@link ItlLimits#maxPayloadSize()} fails */
    public ItlLimits limits() {
        return limits;
    }

    /**
     * Signs every matching file of {@code directory} (not its subdirectories). Blocks until all are done.
     *
     * @param directory the folder of configuration files
     * @return the summary; per-file failures are in it, never thrown
     * @throws IOException if {@code directory} cannot be listed, or the output directory cannot be created
     * @throws InterruptedException if the calling thread was interrupted; the run was stopped, see the class
     *     description
     * @throws RuntimeException whatever the {@link Progress} listener threw (the run was stopped first)
     */
    public Result sign(Path directory) throws IOException, InterruptedException {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new java.nio.file.NotDirectoryException(directory.toString());
        }
        Path out = outputDirectory == null ? null : Files.createDirectories(outputDirectory);
        Path lockDir = out != null ? out : directory;
        Path lockFile = lockDir.resolve(LOCK_FILE);
        FileChannel lockChannel;
        try {
            lockChannel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            // a directory this user cannot write: no output can be written either (each file fails), so no lock
            return signLocked(directory, out, false);
        }
        try (lockChannel;
                FileLock lock = tryLock(lockChannel, lockFile)) {
            return signLocked(directory, out, true);
        }
    }

    private static FileLock tryLock(FileChannel ch, Path lockFile) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this JVM
        }
        if (lock == null) {
            throw new FleetLockedException(lockFile.toString());
        }
        return lock;
    }

    /**
     * @param removeStale whether to remove the stale temporary files of the lock's directory (held by this run)
     */
    private Result signLocked(Path directory, Path out, boolean removeStale) throws IOException, InterruptedException {
        PathMatcher matcher = directory.getFileSystem().getPathMatcher("glob:" + glob);
        long start = System.nanoTime();
        // listed once: each entry is examined by one lstat (the count and the run are the same list); the same
        // listing finds the temporary files a killed run left in the directory, when the outputs go there
        List<Path> temporaries = removeStale && out == null && !recursive ? new ArrayList<>() : null;
        List<Path> files = selectedFiles(directory, matcher, temporaries);
        if (removeStale) {
            try {
                if (temporaries != null) {
                    AtomicFileWriter.removeStaleTemporaryFiles(temporaries, AtomicFileWriter.STALE_AFTER);
                } else {
                    Path lockDir = out != null ? out : directory;
                    AtomicFileWriter.removeStaleTemporaryFiles(lockDir, null, AtomicFileWriter.STALE_AFTER);
                }
            } catch (IOException e) {
                // best effort: a leftover temporary file is ignored by the listing anyway
            }
        }
        // the directories held open: each file is examined, read, created and renamed relative to them
        AtomicFileWriter.Directory sourceDir = null;
        AtomicFileWriter.Directory outDir = null;
        if (jobFactory == null && !recursive && !followSymlinks) {
            sourceDir = openQuietly(directory);
            outDir = out == null ? sourceDir : openQuietly(out);
            if (sourceDir == null || outDir == null) { // both or neither
                closeQuietly(sourceDir);
                closeQuietly(outDir);
                sourceDir = null;
                outDir = null;
            }
        }
        try {
            return signListed(directory, out, files, start, sourceDir, outDir);
        } finally {
            closeQuietly(sourceDir);
            if (outDir != sourceDir) {
                closeQuietly(outDir);
            }
        }
    }

    /** @return the directory held open, or null if it cannot be (then each file goes by its path, as before) */
    private static AtomicFileWriter.Directory openQuietly(Path dir) {
        try {
            return AtomicFileWriter.Directory.open(dir);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(AtomicFileWriter.Directory dir) {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing was written through it any more
            }
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private Result signListed(
            Path directory,
            Path out,
            List<Path> files,
            long start,
            AtomicFileWriter.Directory sourceDir,
            AtomicFileWriter.Directory outDir)
            throws IOException, InterruptedException {
        long expected = files.size();
        Run run = new Run(out, directory, expected, Thread.currentThread(), sourceDir, outDir);
        LOG.debug("Fleet signing {} files matching {} in {} on {} threads", expected, glob, directory, threads);
        DurableBatches batches = run.batches;
        if (progress != null) {
            progress.started(expected);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        // each worker takes the next file of the list itself: no thread hands files over, none is woken per file
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; !run.cancelled && (i = next.getAndIncrement()) < files.size(); ) {
                try {
                    run.task(files.get(i));
                } catch (RuntimeException e) { // as a pool task's: that file is lost, the worker goes on
                    LOG.warn("Fleet signing of {} failed unexpectedly", files.get(i), e);
                }
            }
        };
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(worker);
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // the workers are still signing
            }
            batches.finish(); // every output handed over is durable, or reported failed
        } catch (InterruptedException | RuntimeException | Error e) {
            stop(run, pool);
            batches.abort();
            if (run.listenerFailure != null) {
                Throwable lf = run.listenerFailure;
                if (lf != e) {
                    lf.addSuppressed(e);
                }
                if (lf instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) lf;
            }
            throw e;
        }
        if (run.listenerFailure != null) { // thrown by the last file's callback, after the lister finished
            Thread.interrupted(); // clear the interrupt the worker sent
            Throwable lf = run.listenerFailure;
            if (lf instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) lf;
        }
        return run.result(Duration.ofNanos(System.nanoTime() - start));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "itl-fleet-signer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Cancels the workers and waits for them (a worker abandons its file cleanly), even if interrupted again. */
    private static void stop(Run run, ExecutorService pool) {
        run.cancelled = true;
        pool.shutdownNow();
        boolean interrupted = false;
        while (!pool.isTerminated()) {
            try {
                pool.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The files to sign: the entries of the directory (of its whole tree when recursive) whose names match, that are
     * not outputs, temporary files or the lock, and are not directories. One {@code lstat} per entry: the tree walk
     * hands over the attributes it read.
     *
     * @param temporaries null, or receives the directory's entries named as temporary files (not recursive only)
     */
    private List<Path> selectedFiles(Path directory, PathMatcher matcher, List<Path> temporaries) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!recursive) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
                for (Path p : ds) {
                    if (temporaries != null
                            && p.getFileName() != null
                            && AtomicFileWriter.isTemporaryName(p.getFileName().toString())) {
                        temporaries.add(p);
                    } else if (selectedName(p, matcher) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        files.add(p);
                    }
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            return files;
        }
        // symbolic links to directories are not followed: a tree walk never leaves the directory or loops
        try (java.util.stream.Stream<Path> found =
                Files.find(directory, Integer.MAX_VALUE, (p, a) -> !a.isDirectory() && selectedName(p, matcher))) {
            found.forEach(files::add);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static boolean selectedName(Path p, PathMatcher matcher) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        return !s.endsWith(SGN)
                && !AtomicFileWriter.isTemporaryName(s)
                && !s.equals(LOCK_FILE)
                && matcher.matches(name);
    }

    /** The state of one {@link #sign(Path)} call. */
    private final class Run {
        final Path out;
        final long expected;
        final Thread caller;
        final Object lock = new Object();
        final List<FileResult> failures = new ArrayList<>();
        volatile boolean cancelled;
        volatile Throwable listenerFailure;
        long completed;
        long signed;
        long upToDate;
        long failed;
        long sourceBytes;
        long writtenBytes;

        final java.util.function.Function<Path, FileResult> job;
        final DurableBatches batches;

        Run(
                Path out,
                Path root,
                long expected,
                Thread caller,
                AtomicFileWriter.Directory sourceDir,
                AtomicFileWriter.Directory outDir) {
            this.batches = new DurableBatches(this::report, DurableBatches.MAX_DELAY_MILLIS, batchSizes);
            this.job = jobFactory != null
                    ? jobFactory.create(writer, out, () -> cancelled, batches)
                    : new FleetFileJob(
                            signer,
                            limits,
                            layout,
                            force,
                            followSymlinks,
                            writer,
                            reader,
                            verifier,
                            out,
                            root,
                            () -> cancelled,
                            batches,
                            sourceDir,
                            outDir)::process;
            this.out = out;
            this.expected = expected;
            this.caller = caller;
        }

        /** Signs one file on a worker thread, unless the run was cancelled. */
        void task(Path p) {
            if (cancelled) {
                return;
            }
            FileResult r = job.apply(p);
            if (r == null || r == FleetFileJob.HANDED_OFF || cancelled) {
                return; // interrupted mid-file: the file is left as it was, not counted
            }
            report(r);
        }

        private void report(FileResult r) {
            synchronized (lock) {
                completed++;
                switch (r.status()) {
                    case SIGNED -> signed++;
                    case UP_TO_DATE -> upToDate++;
                    case FAILED -> {
                        failed++;
                        failures.add(r);
                    }
                }
                sourceBytes += r.sourceBytes();
                writtenBytes += r.writtenBytes();
                LOG.debug("Fleet {}/{}: {}", completed, Math.max(expected, completed), r);
                if (progress != null && listenerFailure == null) {
                    try {
                        progress.fileDone(r, completed, Math.max(expected, completed));
                    } catch (RuntimeException | Error e) {
                        listenerFailure = e;
                        cancelled = true;
                        caller.interrupt();
                    }
                }
            }
        }

        Result result(Duration elapsed) {
            synchronized (lock) {
                return new Result(signed, upToDate, failed, sourceBytes, writtenBytes, elapsed, failures);
            }
        }
    }

    /** What happened to one file. */
    public enum Status {
        /** A new {@code .sgn} was written. */
        SIGNED,
        /** The existing {@code .sgn} already holds this source, signed by this key; nothing was written. */
        UP_TO_DATE,
        /** The file could not be signed; see {@link FileResult#failure()}. */
        FAILED
    }

    /** Why a file failed. */
    public enum Failure {
        /**
         * The source could not be read (permissions, vanished, I/O error), or is not a regular file: a symbolic link
         * (unless links are followed), a directory, device, FIFO or socket.
         */
        SOURCE_UNREADABLE,
        /** The source is larger than {@link ItlLimits#maxPayloadSize()}. */
        SOURCE_TOO_LARGE,
        /** The signer failed (JCA provider error). */
        SIGNING_FAILED,
        /**
         * The output could not be written or renamed into place (permissions, full disk, a folder in the way, a
         * symbolic link, device, FIFO or socket where the {@code .sgn} goes).
         */
        OUTPUT_UNWRITABLE
    }

    /**
     * Receives progress, for a progress bar or a log. Calls are serialized (never two at once, {@code completed}
     * increases by one each time), so an implementation need not be thread-safe; they come from worker threads, so
     * keep them quick. Throwing stops the run, and {@link FleetSigner#sign(Path)} rethrows it.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called once, on the calling thread, before any file is processed.
         *
         * @param expectedFiles the number of files the directory held when counted (files can come or go after)
         */
        default void started(long expectedFiles) {}

        /**
         * Called once per file, when it is done.
         *
         * @param result what happened to it
         * @param completed how many files are done, this one included
         * @param expectedFiles the expected total (at least {@code completed})
         */
        void fileDone(FileResult result, long completed, long expectedFiles);
    }

    /** The outcome for one file. Immutable. */
    public static final class FileResult {
        private final Path source;
        private final Path output;
        private final Status status;
        private final Failure failure;
        private final long sourceBytes;
        private final long writtenBytes;
        private final String message;

        FileResult(
                Path source,
                Path output,
                Status status,
                Failure failure,
                long sourceBytes,
                long writtenBytes,
                String message) {
            this.source = source;
            this.output = output;
            this.status = status;
            this.failure = failure;
            this.sourceBytes = sourceBytes;
            this.writtenBytes = writtenBytes;
            this.message = message;
        }

        /** @return the configuration file */
        public Path source() {
            return source;
        }

        /** @return its {@code .sgn} (written, up to date, or the one that could not be written) */
        public Path output() {
            return output;
        }

        /** @return what happened */
        public Status status() {
            return status;
        }

        /** @return why it failed; empty unless {@link Status#FAILED} */
        public Optional<Failure> failure() {
            return Optional.ofNullable(failure);
        }

        /** @return the source's size in bytes (0 if unknown) */
        public long sourceBytes() {
            return sourceBytes;
        }

        /** @return the size of the {@code .sgn} written (0 unless {@link Status#SIGNED}) */
        public long writtenBytes() {
            return writtenBytes;
        }

        /** @return a one-line description of the failure (no file name); empty unless {@link Status#FAILED} */
        public Optional<String> message() {
            return Optional.ofNullable(message);
        }

        @Override
        public String toString() {
            return source.getFileName() + ": " + status + (failure == null ? "" : " " + failure + ": " + message);
        }
    }

    /**
     * The summary of a run. Immutable.
     *
     * @param signed files signed
     * @param upToDate files skipped because their {@code .sgn} was up to date
     * @param failed files that failed
     * @param sourceBytes total size of the sources signed or skipped (and of failed ones, when known)
     * @param writtenBytes total size of the {@code .sgn} files written
     * @param elapsed wall-clock time of the run, listing included
     * @param failures every failed file, in completion order
     */
    public record Result(
            long signed,
            long upToDate,
            long failed,
            long sourceBytes,
            long writtenBytes,
            Duration elapsed,
            List<FileResult> failures) {
        /** Copies the list. */
        public Result {
            Objects.requireNonNull(elapsed, "elapsed");
            failures = Collections.unmodifiableList(new ArrayList<>(failures));
        }

        /** @return files processed: signed + up to date + failed */
        public long total() {
            return signed + upToDate + failed;
        }

        /** @return true if no file failed */
        public boolean isSuccess() {
            return failed == 0;
        }
    }

    /** Configures a {@link FleetSigner}. Mutable, not thread-safe. */
    public static final class Builder {
        private final ItlSigner signer;
        private String glob = DEFAULT_GLOB;
        private Path outputDirectory;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ItlLimits limits = ItlLimits.defaults();
        private Layout layout = Layout.CERTUTILS;
        private boolean force;
        private Progress progress;
        private boolean followSymlinks;
        private boolean recursive;
        private JobFactory jobFactory;
        private java.util.function.IntConsumer batchSizes;

        private Builder(ItlSigner signer) {
            this.signer = signer;
        }

        /**
         * @param value a glob over file names ({@link java.nio.file.FileSystem#getPathMatcher} syntax), e.g.
         *     {@code SEP*.cnf.xml} or {@code *.{cnf.xml,xml}}; names ending in {@code .sgn} are never selected
         * @return this builder
         * @throws IllegalArgumentException if the glob is malformed
         */
        public Builder glob(String value) {
            Objects.requireNonNull(value, "glob");
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Malformed glob '" + value + "': " + e.getDescription(), e);
            }
            glob = value;
            return this;
        }

        /**
         * @param value where to write the {@code .sgn} files (created if missing), or null for beside the sources
         * @return this builder
         */
        public Builder outputDirectory(Path value) {
            outputDirectory = value;
            return this;
        }

        /**
         * @param value worker threads, at least 1; default {@link Runtime#availableProcessors()}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + value);
            }
            threads = value;
            return this;
        }

        /**
         * @param value limits for reading sources ({@link ItlLimits#maxPayloadSize()}) and existing {@code .sgn}
         *     files
         * @return this builder
         */
        public Builder limits(ItlLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * @param value the header layout of the outputs; {@link Layout#CERTUTILS} by default, as
         *     {@link ItlSigner#signConfig(Bytes, String)}
         * @return this builder
         */
        public Builder layout(Layout value) {
            layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /**
         * @param value true to sign every file again, even when its {@code .sgn} is up to date
         * @return this builder
         */
        public Builder force(boolean value) {
            force = value;
            return this;
        }

        /**
         * @param value true to follow symbolic links: a linked source is read and a linked {@code .sgn} replaces
         *     the file it points to; false (the default) to refuse both with a per-file failure
         * @return this builder
         */
        public Builder followSymlinks(boolean value) {
            followSymlinks = value;
            return this;
        }

        /**
         * @param value true to sign the files of subdirectories too (symbolic links to directories are not
         *     followed); each {@code .sgn} then names FILENAME with its path relative to the signed directory, the
         *     TFTP root ({@code Desktops/320x196x4/List.xml} gives {@code Desktops/320x196x4/List.xml.sgn}), is
         *     written beside its source or at the same relative path under the output directory, and the glob
         *     matches file names; false (the default) for the directory's own files only
         * @return this builder
         * @since 0.1.0
         */
        public Builder recursive(boolean value) {
            recursive = value;
            return this;
        }

        /**
         * @param value the listener, or null for none
         * @return this builder
         */
        public Builder progress(Progress value) {
            progress = value;
            return this;
        }

        /** Replaces signing by other per-file work (same listing, lock, threads and progress); not API. */
        /** @param value receives the number of sources in each durable batch as it is committed (tests) */
        Builder batchSizes(java.util.function.IntConsumer value) {
            batchSizes = value;
            return this;
        }

        Builder jobFactory(JobFactory value) {
            jobFactory = value;
            return this;
        }

        /** @return the fleet signer */
        public FleetSigner build() {
            return new FleetSigner(this);
        }
    }
}
