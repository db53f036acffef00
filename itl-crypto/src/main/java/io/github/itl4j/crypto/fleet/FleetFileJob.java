package io.github.itl4j.crypto.fleet;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.fleet.FleetSigner.Failure;
import io.github.itl4j.crypto.fleet.FleetSigner.FileResult;
import io.github.itl4j.crypto.fleet.FleetSigner.Status;
import io.github.itl4j.io.AtomicFileWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;

/**
 * The work on one file of a {@link FleetSigner} run, on a worker thread: read the source (a regular file, bounded by
 * the limits), skip it when its {@code .sgn} is up to date, else sign it and write the {@code .sgn} with
 * {@link AtomicFileWriter}, never wider than the source. Every failure becomes a {@link FileResult}; an interrupt
 * (cancellation) gives null. Not API.
 */
final class FleetFileJob {
    private static final String SGN = ".sgn";

    private final ItlSigner signer;
    private final ItlLimits limits;
    private final Layout layout;
    private final boolean force;
    private final boolean followSymlinks;
    private final AtomicFileWriter writer;
    private final ItlReader reader;
    private final ItlVerifier verifier;
    private final Path out;
    private final Path root;
    private final BooleanSupplier cancelled;
    private final DurableBatches batches;
    /**
     * The directory of the sources and the one of the outputs (often the same), held open so that each file is
     * examined, read, created and renamed relative to it; null when the run opened none (recursive runs, links
     * followed), then every call goes by path.
     */
    private final AtomicFileWriter.Directory sourceDir;

    private final AtomicFileWriter.Directory outDir;
    /**
     * The run's writer bounded by each source permission set met (usually one): a writer learns once per directory
     * what permissions a new file gets (an empty probe file, created and deleted); a new writer per file would
     * create and delete a probe beside every new output.
     */
    private final ConcurrentMap<Set<PosixFilePermission>, AtomicFileWriter> writers = new ConcurrentHashMap<>();

    /** What {@link #process} returns for a file handed to the {@link DurableBatches}, which reports it later. */
    static final FileResult HANDED_OFF = new FileResult(Path.of("."), Path.of("."), Status.SIGNED, null, 0, 0, null);

    @SuppressWarnings("checkstyle:ParameterNumber")
    FleetFileJob(
            ItlSigner signer,
            ItlLimits limits,
            Layout layout,
            boolean force,
            boolean followSymlinks,
            AtomicFileWriter writer,
            ItlReader reader,
            ItlVerifier verifier,
            Path out,
            Path root,
            BooleanSupplier cancelled,
            DurableBatches batches,
            AtomicFileWriter.Directory sourceDir,
            AtomicFileWriter.Directory outDir) {
        this.batches = batches;
        this.sourceDir = sourceDir;
        this.outDir = outDir;
        this.signer = signer;
        this.limits = limits;
        this.layout = layout;
        this.force = force;
        this.followSymlinks = followSymlinks;
        this.writer = writer;
        this.reader = reader;
        this.verifier = verifier;
        this.out = out;
        this.root = root;
        this.cancelled = cancelled;
    }

    /**
     * @return the outcome; {@link #HANDED_OFF} when the signed output was staged and handed to the batches (which
     *     report it once durable); null if the worker was interrupted (cancellation)
     */
    FileResult process(Path source) {
        String name = source.getFileName().toString();
        Path rel;
        String outName;
        Path target;
        if (sourceDir != null) { // a file of the listed directory itself (not recursive): FILENAME is its name
            rel = null;
            outName = name + SGN;
            target = out != null ? out.resolve(outName) : sourceDir.path().resolve(outName);
        } else {
            // FILENAME keeps the path relative to the signed directory (the TFTP root), '/'-separated, as UCMNZ
            // signs Desktops/320x196x4/List.xml.sgn (SPEC 7.7); a file directly in the root gets its bare name
            rel = root != null && source.startsWith(root) ? root.relativize(source) : source.getFileName();
            StringBuilder relName = new StringBuilder();
            for (Path part : rel) {
                relName.append(relName.length() == 0 ? "" : "/").append(part);
            }
            outName = relName + SGN;
            target = out != null
                    ? out.resolve(rel.toString() + SGN)
                    : source.toAbsolutePath().getParent().resolve(name + SGN);
        }
        long size = -1;
        Bytes payload;
        FileTime sourceTime;
        Set<PosixFilePermission> sourcePermissions;
        try {
            // one lstat gives the type, size, time and permissions
            BasicFileAttributes a =
                    sourceDir != null ? sourceDir.attributes(name) : attributes(source, LinkOption.NOFOLLOW_LINKS);
            if (a == null) {
                throw new NoSuchFileException(source.toString());
            }
            if (a.isSymbolicLink()) {
                if (!followSymlinks) {
                    return failure(
                            source,
                            target,
                            Failure.SOURCE_UNREADABLE,
                            0,
                            "is a symbolic link; not "
                                    + "followed (only regular files are signed unless links are followed)");
                }
                a = attributes(source);
            }
            if (!a.isRegularFile()) {
                return failure(
                        source,
                        target,
                        Failure.SOURCE_UNREADABLE,
                        0,
                        "is not a regular file (" + (a.isDirectory() ? "a directory" : "a device, FIFO or socket")
                                + "); not signed");
            }
            sourcePermissions = a instanceof PosixFileAttributes pa ? pa.permissions() : null;
            size = a.size();
            sourceTime = a.lastModifiedTime();
            if (size > limits.maxPayloadSize()) {
                return failure(
                        source,
                        target,
                        Failure.SOURCE_TOO_LARGE,
                        size,
                        "source is " + size + " bytes, over maxPayloadSize (" + limits.maxPayloadSize() + ")");
            }
            if (sourceDir != null) { // not following links: O_NOFOLLOW, relative to the open directory
                try (SeekableByteChannel ch = sourceDir.newReadChannel(name)) {
                    payload = readBounded(ch, limits, size);
                }
            } else {
                payload = readBounded(source, limits, followSymlinks, size);
            }
            size = payload.size();
        } catch (ItlLimitException e) {
            return failure(
                    source,
                    target,
                    Failure.SOURCE_TOO_LARGE,
                    e.actual(),
                    "source grew to over " + "maxPayloadSize (" + limits.maxPayloadSize() + ") while being read");
        } catch (IOException | RuntimeException e) {
            return interrupted(e)
                    ? null
                    : failure(
                            source,
                            target,
                            Failure.SOURCE_UNREADABLE,
                            Math.max(size, 0),
                            "cannot read source: " + describe(e));
        }
        // the target is examined once (one lstat): for the up-to-date check and by the writer
        BasicFileAttributes targetAttributes;
        boolean targetKnown = true;
        try {
            targetAttributes =
                    outDir != null ? outDir.attributes(outName) : attributes(target, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            targetAttributes = null;
        } catch (IOException | RuntimeException e) {
            targetAttributes = null;
            targetKnown = false; // e.g. its directory is not searchable: the writer reports it
        }
        if (!force
                && targetAttributes != null
                && upToDate(target, targetAttributes, outName, payload, sourceTime, sourcePermissions)) {
            return interrupted(null) ? null : new FileResult(source, target, Status.UP_TO_DATE, null, size, 0, null);
        }
        Bytes encoded;
        try {
            encoded = signer.signConfig(payload, outName, layout).encoded();
        } catch (ItlSigningException | RuntimeException e) {
            return interrupted(e)
                    ? null
                    : failure(source, target, Failure.SIGNING_FAILED, size, "cannot sign: " + describe(e));
        }
        AtomicFileWriter.Staged staged;
        try {
            if (out != null && rel != null && rel.getNameCount() > 1) {
                Files.createDirectories(target.getParent());
            }
            AtomicFileWriter w = writerFor(sourcePermissions);
            if (!targetKnown) {
                staged = w.stage(target, encoded);
            } else if (outDir != null) {
                staged = w.stage(outDir, outName, encoded, targetAttributes);
            } else {
                staged = w.stage(target, encoded, targetAttributes);
            }
        } catch (IOException | RuntimeException e) {
            return interrupted(e)
                    ? null
                    : failure(
                            source,
                            target,
                            Failure.OUTPUT_UNWRITABLE,
                            size,
                            "cannot write " + outName + ": " + describe(e));
        }
        return handOff(
                batches,
                List.of(staged),
                new FileResult(source, target, Status.SIGNED, null, size, encoded.size(), null),
                null);
    }

    /**
     * Hands a source's staged outputs to the run's batches ({@link DurableBatches#add(List, FileResult,
     * DurableBatches.AfterDurable)}); shared by signing and {@link FleetEncryptor}.
     *
     * @return {@link #HANDED_OFF}, or null if the worker was interrupted meanwhile (the outputs were abandoned)
     */
    static FileResult handOff(
            DurableBatches batches,
            List<AtomicFileWriter.Staged> files,
            FileResult signed,
            DurableBatches.AfterDurable after) {
        try {
            batches.add(files, signed, after);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return HANDED_OFF;
    }

    private AtomicFileWriter writerFor(Set<PosixFilePermission> sourcePermissions) {
        return writerFor(writers, writer, sourcePermissions);
    }

    /**
     * Shared by signing and {@link FleetEncryptor}.
     *
     * @param cache the run's writers per permission set
     * @param writer the run's writer
     * @param sourcePermissions the source's permissions, or null where there are none
     * @return the run's writer with outputs never wider than {@code sourcePermissions}, made once per set
     */
    static AtomicFileWriter writerFor(
            ConcurrentMap<Set<PosixFilePermission>, AtomicFileWriter> cache,
            AtomicFileWriter writer,
            Set<PosixFilePermission> sourcePermissions) {
        if (sourcePermissions == null) {
            return writer;
        }
        AtomicFileWriter w = cache.get(sourcePermissions); // found by value: no copy per file
        return w != null ? w : cache.computeIfAbsent(Set.copyOf(sourcePermissions), writer::permissionsAtMost);
    }

    private boolean upToDate(
            Path target,
            BasicFileAttributes a,
            String outName,
            Bytes payload,
            FileTime sourceTime,
            Set<PosixFilePermission> sourcePermissions) {
        try {
            if (!a.isRegularFile() || a.lastModifiedTime().compareTo(sourceTime) < 0 || a.size() <= payload.size()) {
                return false; // a link is never up to date: writing it refuses it (or follows it, if asked)
            }
            Set<PosixFilePermission> p = a instanceof PosixFileAttributes pa ? pa.permissions() : null;
            if (p != null && sourcePermissions != null && !sourcePermissions.containsAll(p)) {
                return false; // wider than its source: written again with narrower permissions
            }
            SgnFile sgn;
            if (outDir != null) { // relative to the open directory, not following a link (O_NOFOLLOW)
                try (SeekableByteChannel ch = outDir.newReadChannel(outName);
                        java.io.InputStream in = java.nio.channels.Channels.newInputStream(ch)) {
                    sgn = reader.readSigned(reader.readBytes(in));
                }
            } else {
                sgn = reader.readSigned(target);
            }
            return sgn.header().fileName().filter(outName::equals).isPresent()
                    && sgn.header()
                            .digestAlgorithm()
                            .filter(signer.digest()::equals)
                            .isPresent()
                    && sgn.payload().equals(payload)
                    && verifier.verifySigned(sgn, signer.key().certificate()).isVerified();
        } catch (IOException | RuntimeException e) {
            return false; // missing, unreadable or corrupt: sign it again
        }
    }

    /**
     * Reads a source of a fleet run within {@code limits}' payload size, through a link only when following, into
     * one array of the size the source had when examined plus one byte (so the end of the file is seen by the read
     * that comes up short, then by one that returns nothing): no buffer is allocated and copied per chunk. A source
     * that grew meanwhile is read on, into a larger array, up to the limit. Shared by signing and
     * {@link FleetEncryptor}.
     *
     * @param sizeHint the size the source had when examined (its {@code lstat}), or -1 if unknown
     */
    static Bytes readBounded(Path source, ItlLimits limits, boolean followSymlinks, long sizeHint) throws IOException {
        try (SeekableByteChannel ch = followSymlinks
                ? Files.newByteChannel(source, StandardOpenOption.READ)
                : Files.newByteChannel(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return readBounded(ch, limits, sizeHint);
        }
    }

    /** {@link #readBounded(Path, ItlLimits, boolean, long)} from a channel open on the source (not closed here). */
    static Bytes readBounded(SeekableByteChannel ch, ItlLimits limits, long sizeHint) throws IOException {
        long max = limits.maxPayloadSize();
        int cap = (int) Math.min(max + 1, Integer.MAX_VALUE - 8);
        byte[] b = new byte[(int) Math.min(cap, sizeHint >= 0 ? sizeHint + 1 : 8192)];
        int n = 0;
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (true) {
            if (n == b.length) {
                if (b.length >= cap) {
                    break; // read max + 1 bytes: over the limit
                }
                b = Arrays.copyOf(b, (int) Math.min(cap, 2L * b.length));
                buf = ByteBuffer.wrap(b);
                buf.position(n);
            }
            int r = ch.read(buf);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > max) {
            throw new ItlLimitException("maxPayloadSize", max, n, ItlLimitException.NO_OFFSET);
        }
        return Bytes.wrapOwned(b).slice(0, n); // a view: the spare byte is not copied away
    }

    /**
     * @return the attributes of {@code p} from one {@code stat} ({@code lstat} with NOFOLLOW_LINKS): POSIX ones
     *     (with the permissions) where the file system has them
     */
    static BasicFileAttributes attributes(Path p, LinkOption... options) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.readAttributes(p, PosixFileAttributes.class, options);
        }
        return Files.readAttributes(p, BasicFileAttributes.class, options);
    }

    private boolean interrupted(Throwable e) {
        return interrupted(e, cancelled);
    }

    /** @return whether a failure is the run being cancelled or the thread interrupted, not the file's fault */
    static boolean interrupted(Throwable e, BooleanSupplier cancelled) {
        return cancelled.getAsBoolean()
                || Thread.currentThread().isInterrupted()
                || e instanceof ClosedByInterruptException
                || e instanceof InterruptedIOException;
    }

    static FileResult failure(Path source, Path target, Failure f, long size, String message) {
        return new FileResult(source, target, Status.FAILED, f, size, 0, message);
    }

    /** One line: the exception's type when it says more than its message (e.g. AccessDeniedException), and its text. */
    static String describe(Throwable e) {
        String m = e instanceof ItlSigningException ie ? ie.getOriginalMessage() : e.getMessage();
        String type = e.getClass().getSimpleName();
        String s;
        if (e instanceof NoSuchFileException) {
            s = "no such file";
        } else if (e instanceof io.github.itl4j.io.UnsafeTargetException u) {
            s = u.getReason();
        } else if (m == null || m.isBlank()) {
            s = type;
        } else if (e instanceof java.nio.file.FileSystemException) {
            s = type.replace("Exception", "")
                            .replaceAll("([a-z])([A-Z])", "$1 $2")
                            .toLowerCase(java.util.Locale.ROOT) + " (" + m + ")";
        } else {
            s = m;
        }
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
