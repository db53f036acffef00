package io.github.itl4j.io;

import io.github.itl4j.Bytes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one way itl4j writes an output file: readers see either the old content or the whole new content, never a
 * part, and the write never goes somewhere the caller did not name.
 *
 * <ol>
 *   <li><b>The target must be a regular file or absent</b> (one {@code lstat}, which also gives its permissions;
 *       checked again right before the rename). A directory, device node, FIFO or socket is refused with
 *       {@link UnsafeTargetException} (so {@code -o /dev/null} never replaces the device node). A symbolic link at
 *       the final path component is refused too unless {@link #followSymlinks(boolean) followSymlinks(true)}; then
 *       the file it points to is replaced, and a link to a non-regular or missing file is still refused.</li>
 *   <li><b>The temporary file</b> is created in the target's directory (so the rename is atomic) as
 *       {@code .NAME.<16 hex digits>.tmp} with {@code CREATE_NEW} ({@code O_EXCL}: it never opens an existing file
 *       or follows a planted link) and permissions at most {@code rw-------} (the final ones, below, narrowed to the
 *       owner's read and write); the bytes are written and forced to the device through the descriptor it was
 *       created with (one {@code open} per write).</li>
 *   <li><b>Permissions</b> are then set to the existing target's, or, for a new file, to what the process's umask
 *       gives a new file; when {@link #permissionsAtMost(Set)} is given they are narrowed to at most those (for a
 *       signed copy of a source file: never wider than the source). A temporary file created with exactly its final
 *       permissions is not changed again. Only on POSIX file systems.</li>
 *   <li><b>The rename</b> replaces the target in one step ({@code ATOMIC_MOVE}); a rename replaces a link or name,
 *       never writes through it. The directory is forced afterwards (best effort).</li>
 * </ol>
 *
 * <p>On any failure, including an interrupt ({@link java.nio.channels.ClosedByInterruptException}), the temporary
 * file is deleted and the target is left as it was. Failures name the target as the caller gave it, never the
 * temporary file. A temporary file left behind by a killed process is removed by a later write to the same name
 * (or by {@link #removeStaleTemporaryFiles}) once it is older than {@link #STALE_AFTER}, if it belongs to the same
 * user.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AtomicFileWriter {
    /** How old an orphaned temporary file must be before it is removed. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);

    private static final String TEMP_SUFFIX = ".tmp";
    private static final int HEX_DIGITS = 16;
    private static final int MAX_NAME_IN_TEMP = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final AtomicFileWriter DEFAULTS = new AtomicFileWriter(false, null, true);

    private final boolean followSymlinks;
    private final Set<PosixFilePermission> permissionsAtMost;
    private final boolean removeStale;
    /** The permissions a new file gets in a directory (the umask), probed once per directory. */
    private final ConcurrentMap<Path, Set<PosixFilePermission>> defaultPermissions = new ConcurrentHashMap<>();

    private AtomicFileWriter(boolean followSymlinks, Set<PosixFilePermission> permissionsAtMost, boolean removeStale) {
        this.followSymlinks = followSymlinks;
        this.permissionsAtMost = permissionsAtMost == null ? null : Set.copyOf(permissionsAtMost);
        this.removeStale = removeStale;
    }

    /**
     * @return a writer that refuses symbolic links, keeps an existing target's permissions (a new file gets the
     *     umask's) and removes its own stale temporary files of the same name
     */
    public static AtomicFileWriter defaults() {
        return DEFAULTS;
    }

    /**
     * @param value true to write through a symbolic link at the final path component (replacing the regular file it
     *     points to); false (the default) to refuse it
     * @return a writer like this one with that setting
     */
    public AtomicFileWriter followSymlinks(boolean value) {
        return new AtomicFileWriter(value, permissionsAtMost, removeStale);
    }

    /**
     * @param value the widest permissions an output may get (e.g. its source's), or null for no bound
     * @return a writer like this one with that bound
     */
    public AtomicFileWriter permissionsAtMost(Set<PosixFilePermission> value) {
        return new AtomicFileWriter(followSymlinks, value, removeStale);
    }

    /**
     * @param value true (the default) to remove stale temporary files of the target's name before each write; a
     *     caller writing many files into one directory turns it off and calls {@link #removeStaleTemporaryFiles}
     *     once
     * @return a writer like this one with that setting
     */
    public AtomicFileWriter removeStaleTemporaryFiles(boolean value) {
        return new AtomicFileWriter(followSymlinks, permissionsAtMost, value);
    }

    /** @return whether a symbolic link at the final path component is followed */
    public boolean followsSymlinks() {
        return followSymlinks;
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code data}.
     *
     * @param target the file to write; its directory must exist
     * @param data the new content
     * @return the file written: {@code target}, or the file its link points to when links are followed
     * @throws UnsafeTargetException if the target is a directory, a device, FIFO or socket, or a symbolic link that
     *     is not to be followed (or points to a missing or non-regular file); nothing was created
     * @throws IOException if the temporary file cannot be created, written or forced, or the rename fails; the
     *     temporary file is gone and {@code target} is unchanged; the exception names {@code target}
     */
    public Path write(Path target, Bytes data) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
        String given = target.toString();
        Path absolute = target.toAbsolutePath();
        Checked checked = check(absolute, given, attributes(absolute, LinkOption.NOFOLLOW_LINKS));
        Path abs = checked.path();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        String name = abs.getFileName().toString();
        Set<PosixFilePermission> finalPermissions = finalPermissions(checked, dir, given);
        Temp temp = createTemp(dir, name, given, finalPermissions);
        Path tmp = temp.path();
        boolean moved = false;
        try {
            try (FileChannel ch = temp.channel()) {
                ByteBuffer b = data.asByteBuffer();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            if (temp.needsChmod()) {
                Files.setPosixFilePermissions(tmp, finalPermissions);
            }
            if (removeStale) {
                removeStale(dir, name, Files.getOwner(tmp, LinkOption.NOFOLLOW_LINKS), STALE_AFTER);
            }
            // the target may have changed since it was checked: a rename replaces a link, never writes through it
            checkTarget(abs, given);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
            return abs;
        } catch (java.nio.channels.ClosedByInterruptException | UnsafeTargetException e) {
            throw e;
        } catch (FileSystemException e) {
            throw renamed(e, given);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /**
     * The first half of {@link #write}, for a caller that makes many files durable together: the target is checked,
     * the temporary file created beside it, written and given its final permissions, but <b>not</b> forced to disk
     * and not renamed. Then {@link Staged#force()} (from any thread), {@link Staged#commit()}, and once per
     * directory {@link #syncDirectory(Path)} give the same guarantee as {@code write}: a crash leaves the old file or
     * the whole new one, never a part. {@link Staged#abandon()} deletes the temporary file instead. The staged file
     * keeps the temporary file open (one file descriptor) until it is forced, committed or abandoned.
     *
     * @param target the file to write; its directory must exist
     * @param data the new content
     * @return the staged file
     * @throws UnsafeTargetException as {@link #write}
     * @throws IOException as {@link #write}; nothing is left behind
     */
    public Staged stage(Path target, Bytes data) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath();
        return stage(target, abs, data, attributes(abs, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * {@link #stage(Path, Bytes)} for a caller that has just read the target's attributes itself without following
     * links (e.g. to decide whether the target is up to date), so the target is not examined a second time. The
     * same targets are refused: from {@code targetAttributes} here, and again from the file system by
     * {@link Staged#commit()} right before the rename. When {@code targetAttributes} is a
     * {@link PosixFileAttributes}, its permissions are the existing target's.
     *
     * @param target the file to write; its directory must exist
     * @param data the new content
     * @param targetAttributes the target's attributes, read with {@link LinkOption#NOFOLLOW_LINKS}, or null if the
     *     target did not exist
     * @return the staged file
     * @throws UnsafeTargetException as {@link #write}
     * @throws IOException as {@link #write}; nothing is left behind
     * @since 0.1.0
     */
    public Staged stage(Path target, Bytes data, BasicFileAttributes targetAttributes) throws IOException {
        Objects.requireNonNull(target, "target");
        return stage(target, target.toAbsolutePath(), data, targetAttributes);
    }

    /**
     * {@link #stage(Path, Bytes, BasicFileAttributes)} for the file {@code name} of a directory held open by
     * {@link Directory#open(Path)}: where the platform allows it, every file system call of the staging and of
     * {@link Staged#commit()} is made relative to the open directory ({@code openat}, {@code fstatat},
     * {@code renameat}) rather than by walking the directory's path again, and the directory cannot be swapped for
     * another (or for a link) between the check and the rename. The same targets are refused, from
     * {@code targetAttributes} here and again from the directory right before the rename; the temporary file is
     * created the same way ({@code O_EXCL}, at most {@code rw-------}). Where the directory could not be held open,
     * or when links are {@linkplain #followSymlinks(boolean) followed}, this is
     * {@code stage(directory.path().resolve(name), data, targetAttributes)}. Nothing is done by the directory's path:
     * in particular stale temporary files are not looked for here (that takes a listing by path); a caller writing
     * into a directory it holds open lists it once and calls {@link #removeStaleTemporaryFiles(Collection, Duration)}.
     *
     * @param directory the open directory of the target
     * @param name the target's file name in it: one path component, not {@code .} or {@code ..}
     * @param data the new content
     * @param targetAttributes the target's attributes, read without following links (e.g. by
     *     {@link Directory#attributes(String)}), or null if the target did not exist
     * @return the staged file
     * @throws UnsafeTargetException as {@link #write}
     * @throws IOException as {@link #write}; nothing is left behind
     * @since 0.1.0
     */
    public Staged stage(Directory directory, String name, Bytes data, BasicFileAttributes targetAttributes)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(data, "data");
        Path target = directory.path.resolve(Directory.checkName(name));
        if (directory.stream == null || followSymlinks) {
            return stage(target, target, data, targetAttributes);
        }
        String given = target.toString();
        Checked checked = check(target, given, targetAttributes);
        Set<PosixFilePermission> finalPermissions = finalPermissions(checked, directory.path, given);
        Temp temp = createTemp(directory, name, given, finalPermissions);
        String tmpName = temp.path().getFileName().toString();
        return fill(
                temp,
                data,
                directory.path,
                name,
                given,
                finalPermissions,
                () -> new Staged(this, temp.path(), target, given, temp.channel(), directory, tmpName, name),
                () -> directory.deleteQuietly(tmpName, temp.path()),
                permissions -> directory.setPermissions(tmpName, permissions),
                false);
    }

    /** Sets a temporary file's permissions. */
    @FunctionalInterface
    private interface Chmod {
        void set(Set<PosixFilePermission> permissions) throws IOException;
    }

    /**
     * A directory held open for many writes into it ({@link #stage(Directory, String, Bytes, BasicFileAttributes)}),
     * through a {@link SecureDirectoryStream} where the platform has one (Linux, macOS): the files of the directory
     * are then looked up relative to its open descriptor, not by its path. Thread-safe. Close it once the files
     * staged in it are committed or abandoned.
     *
     * @since 0.1.0
     */
    public static final class Directory implements Closeable {
        private final Path path;
        /** The open directory, or null where the platform has no {@link SecureDirectoryStream}. */
        private final SecureDirectoryStream<Path> stream;
        /** The directory itself, opened relative to {@link #stream} for {@link #force()}; guarded by this. */
        private FileChannel self;

        private Directory(Path path, SecureDirectoryStream<Path> stream) {
            this.path = path;
            this.stream = stream;
        }

        /**
         * Opens a directory (a link to a directory is followed, as a path would be).
         *
         * @param dir the directory
         * @return it, held open
         * @throws IOException if it cannot be opened (e.g. it is not a directory)
         */
        @SuppressWarnings("unchecked")
        public static Directory open(Path dir) throws IOException {
            Path abs = dir.toAbsolutePath();
            DirectoryStream<Path> ds = Files.newDirectoryStream(abs);
            if (ds instanceof SecureDirectoryStream<?> sds) {
                return new Directory(abs, (SecureDirectoryStream<Path>) sds);
            }
            ds.close();
            return new Directory(abs, null);
        }

        /** @return the directory's absolute path */
        public Path path() {
            return path;
        }

        /** @return whether the directory is held open (file system calls relative to it), not only named by path */
        public boolean isHeldOpen() {
            return stream != null;
        }

        /**
         * @param name a file name in the directory
         * @return its attributes from one {@code lstat} (relative to the directory where it is held open):
         *     {@link PosixFileAttributes} where the file system has them; null if there is no such file
         * @throws IOException if they cannot be read
         */
        public BasicFileAttributes attributes(String name) throws IOException {
            checkName(name);
            if (stream == null) {
                return AtomicFileWriter.attributes(path.resolve(name), LinkOption.NOFOLLOW_LINKS);
            }
            try {
                return stream.getFileAttributeView(
                                relative(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        /**
         * @param name a file name in the directory
         * @return a channel reading it; a symbolic link is not followed ({@code O_NOFOLLOW}: the open fails)
         * @throws IOException if it cannot be opened
         */
        public SeekableByteChannel newReadChannel(String name) throws IOException {
            checkName(name);
            if (stream == null) {
                return Files.newByteChannel(path.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
            return stream.newByteChannel(relative(name), READ_NOFOLLOW);
        }

        private Path relative(String name) {
            return path.getFileSystem().getPath(name);
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
                throw new IllegalArgumentException("not a file name: " + name);
            }
            return name;
        }

        /** renameat: the temporary file over the target, both in this directory, in one step. */
        private void move(String tmpName, String name) throws IOException {
            stream.move(relative(tmpName), stream, relative(name));
        }

        /**
         * chmod relative to the directory: the JDK opens the file with {@code openat(O_NOFOLLOW)} and changes the
         * open file ({@code fchmod}), so a link planted under the temporary name (in a directory swapped in at the same
         * path) is refused, not followed.
         */
        private void setPermissions(String tmpName, Set<PosixFilePermission> permissions) throws IOException {
            if (stream == null) {
                Files.setPosixFilePermissions(path.resolve(tmpName), permissions);
                return;
            }
            stream.getFileAttributeView(relative(tmpName), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
        }

        private void deleteQuietly(String tmpName, Path tmp) {
            try {
                if (stream != null) {
                    try {
                        stream.deleteFile(relative(tmpName));
                        return;
                    } catch (java.nio.file.ClosedDirectoryStreamException closed) {
                        // abandoned after close(): by path, as a directory not held open would be
                    }
                }
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException ignored) {
                // the original failure is the one to report (or it is gone already)
            }
        }

        /**
         * Makes the renames done in this directory durable, best effort as {@link AtomicFileWriter#syncDirectory}:
         * where the directory is held open, through a descriptor of the directory opened relative to it (kept until
         * {@link #close()}), so the directory forced is the one the files were renamed in even if its path now names
         * another; by path otherwise.
         */
        public void force() {
            if (stream == null) {
                syncDirectory(path);
                return;
            }
            synchronized (this) {
                try {
                    if (self == null) {
                        self = (FileChannel) stream.newByteChannel(relative("."), Set.of(StandardOpenOption.READ));
                    }
                    self.force(true);
                } catch (IOException | RuntimeException e) {
                    // not possible everywhere (as syncDirectory); forget the descriptor, open it again next time
                    if (self != null) {
                        closeQuietly(self);
                        self = null;
                    }
                }
            }
        }

        /** Closes the directory; files staged in it and not committed yet can then only be abandoned. */
        @Override
        public void close() throws IOException {
            synchronized (this) {
                if (self != null) {
                    closeQuietly(self);
                    self = null;
                }
            }
            if (stream != null) {
                stream.close();
            }
        }
    }

    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE_NEW_WRITE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private Staged stage(Path target, Path absolute, Bytes data, BasicFileAttributes targetAttributes)
            throws IOException {
        Objects.requireNonNull(data, "data");
        String given = target.toString();
        Checked checked = check(absolute, given, targetAttributes);
        Path abs = checked.path();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        String name = abs.getFileName().toString();
        Set<PosixFilePermission> finalPermissions = finalPermissions(checked, dir, given);
        Temp temp = createTemp(dir, name, given, finalPermissions);
        return fill(
                temp,
                data,
                dir,
                name,
                given,
                finalPermissions,
                () -> new Staged(this, temp.path(), abs, given, temp.channel()),
                () -> deleteQuietly(temp.path()),
                permissions -> Files.setPosixFilePermissions(temp.path(), permissions),
                removeStale);
    }

    /**
     * Writes the data into a new temporary file through its open channel, gives it its final permissions and, if
     * asked, removes stale temporary files beside it; on any failure closes and removes it.
     *
     * @param staged makes the staged file once the temporary file is complete
     * @param discard removes the temporary file (by path, or relative to an open directory)
     * @param chmod gives the temporary file its final permissions (by path, or relative to an open directory without
     *     following a link)
     * @param removeStaleFiles whether to remove stale temporary files beside it (listed by path)
     */
    private Staged fill(
            Temp temp,
            Bytes data,
            Path dir,
            String name,
            String given,
            Set<PosixFilePermission> finalPermissions,
            java.util.function.Supplier<Staged> staged,
            Runnable discard,
            Chmod chmod,
            boolean removeStaleFiles)
            throws IOException {
        FileChannel ch = temp.channel();
        boolean done = false;
        try {
            ByteBuffer b = data.asByteBuffer();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (temp.needsChmod()) {
                chmod.set(finalPermissions);
            }
            if (removeStaleFiles) {
                removeStale(dir, name, Files.getOwner(temp.path(), LinkOption.NOFOLLOW_LINKS), STALE_AFTER);
            }
            Staged result = staged.get();
            done = true;
            return result;
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw e;
        } catch (FileSystemException e) {
            throw renamed(e, given);
        } finally {
            if (!done) {
                closeQuietly(ch);
                discard.run();
            }
        }
    }

    /** The existing target's permissions (or a new file's), bounded by {@link #permissionsAtMost}; null if not POSIX. */
    private Set<PosixFilePermission> finalPermissions(Checked checked, Path dir, String given) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        Set<PosixFilePermission> p = checked.existing() != null
                ? EnumSet.copyOf(nonEmpty(checked.existing()))
                : EnumSet.copyOf(nonEmpty(defaultPermissions(dir, given)));
        if (permissionsAtMost != null) {
            p.retainAll(permissionsAtMost);
        }
        return p;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException | RuntimeException ignored) {
            // the original failure is the one to report
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException ignored) {
            // the original failure is the one to report
        }
    }

    /**
     * A file written by {@link #stage} to a temporary file beside its target, not yet durable nor renamed. Use it
     * from one thread at a time.
     */
    public static final class Staged {
        private final AtomicFileWriter writer;
        private final Path tmp;
        private final Path target;
        private final String given;
        /** The temporary file, open for writing from its creation until forced, committed or abandoned. */
        private FileChannel channel;

        private boolean done;
        /** The open directory of both files, or null when staged by path. */
        private final Directory directory;

        private final String tmpName;
        private final String name;

        private Staged(AtomicFileWriter writer, Path tmp, Path target, String given, FileChannel channel) {
            this(writer, tmp, target, given, channel, null, null, null);
        }

        @SuppressWarnings("checkstyle:ParameterNumber")
        private Staged(
                AtomicFileWriter writer,
                Path tmp,
                Path target,
                String given,
                FileChannel channel,
                Directory directory,
                String tmpName,
                String name) {
            this.writer = writer;
            this.tmp = tmp;
            this.target = target;
            this.given = given;
            this.channel = channel;
            this.directory = directory;
            this.tmpName = tmpName;
            this.name = name;
        }

        /** @return the file that {@link #commit()} replaces (the link's target when links are followed) */
        public Path target() {
            return target;
        }

        /**
         * @return the open directory this file is staged in, to force after the commit ({@link Directory#force()}),
         *     or empty when it was staged by path ({@link #syncDirectory(Path)} on the target's directory)
         */
        public java.util.Optional<Directory> directory() {
            return java.util.Optional.ofNullable(directory);
        }

        /**
         * Forces the temporary file's content to the device through the descriptor it was written with (not opened
         * again: a read-only output could not be), and closes it. Calls on many staged files from several threads
         * at once let the file system make them durable in one journal commit.
         *
         * @throws IOException naming the target; call {@link #abandon()} then
         */
        public void force() throws IOException {
            FileChannel ch;
            synchronized (this) {
                ch = channel;
                channel = null;
            }
            // the descriptor the file was created and written through: no second open of the temporary file
            try (FileChannel c =
                    ch != null ? ch : FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                c.force(true);
            } catch (FileSystemException e) {
                throw renamed(e, given);
            }
        }

        private void close() {
            FileChannel ch;
            synchronized (this) {
                ch = channel;
                channel = null;
            }
            if (ch != null) {
                closeQuietly(ch);
            }
        }

        /**
         * Renames the temporary file over the target in one step, after checking the target again (a rename
         * replaces a link, never writes through it). Call {@link #force()} first; the rename is durable once
         * {@link #syncDirectory(Path)} has been called on the target's directory.
         *
         * @return the file written
         * @throws IOException as {@link AtomicFileWriter#write}; the temporary file is deleted and the target is
         *     unchanged
         */
        public Path commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or abandoned: " + given);
            }
            done = true;
            close();
            boolean moved = false;
            try {
                if (directory != null) {
                    // relative to the open directory: the one checked is the one renamed into
                    writer.check(target, given, directory.attributes(name));
                    directory.move(tmpName, name);
                    moved = true;
                    return target;
                }
                writer.checkTarget(target, given);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
                return target;
            } catch (UnsafeTargetException e) {
                throw e;
            } catch (FileSystemException e) {
                throw renamed(e, given);
            } finally {
                if (!moved) {
                    deleteTemporary();
                }
            }
        }

        private void deleteTemporary() {
            if (directory != null) {
                directory.deleteQuietly(tmpName, tmp);
            } else {
                deleteQuietly(tmp);
            }
        }

        /** Deletes the temporary file; the target is left as it was. Does nothing after {@link #commit()}. */
        public void abandon() {
            if (!done) {
                done = true;
                close();
                deleteTemporary();
            }
        }
    }

    /** The path to write (the link's target when following) and the existing file's permissions (null if none). */
    private record Checked(Path path, Set<PosixFilePermission> existing) {}

    /** @return the path to write (the link's target when following), after refusing what is not a regular file */
    private Path checkTarget(Path abs, String given) throws IOException {
        return check(abs, given, attributes(abs, LinkOption.NOFOLLOW_LINKS)).path();
    }

    /**
     * @param a the attributes of {@code abs} read without following links (one {@code lstat}), or null if absent
     * @return what to write, after refusing what is not a regular file
     */
    private Checked check(Path abs, String given, BasicFileAttributes a) throws IOException {
        if (a == null) {
            return new Checked(abs, null);
        }
        if (a.isSymbolicLink()) {
            if (!followSymlinks) {
                throw new UnsafeTargetException(given, UnsafeTargetException.Kind.SYMBOLIC_LINK);
            }
            BasicFileAttributes t = attributes(abs);
            if (t == null) {
                throw new UnsafeTargetException(given, UnsafeTargetException.Kind.DANGLING_SYMBOLIC_LINK);
            }
            if (!t.isRegularFile()) {
                throw new UnsafeTargetException(
                        given,
                        t.isDirectory()
                                ? UnsafeTargetException.Kind.DIRECTORY
                                : UnsafeTargetException.Kind.SPECIAL_FILE);
            }
            return new Checked(abs.toRealPath(), permissions(t));
        }
        if (a.isDirectory()) {
            throw new UnsafeTargetException(given, UnsafeTargetException.Kind.DIRECTORY);
        }
        if (!a.isRegularFile()) {
            throw new UnsafeTargetException(given, UnsafeTargetException.Kind.SPECIAL_FILE);
        }
        return new Checked(abs, permissions(a));
    }

    private static Set<PosixFilePermission> permissions(BasicFileAttributes a) {
        return a instanceof PosixFileAttributes p ? p.permissions() : null;
    }

    /**
     * @return the attributes of {@code p} from one {@code stat}/{@code lstat}: {@link PosixFileAttributes} (type,
     *     size, times and permissions) where the file system has them; null if there is no such file
     */
    private static BasicFileAttributes attributes(Path p, LinkOption... options) throws IOException {
        try {
            if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.readAttributes(p, PosixFileAttributes.class, options);
            }
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Set<PosixFilePermission> nonEmpty(Set<PosixFilePermission> s) {
        return s.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class) : s;
    }

    /** What a file created without explicit permissions gets in {@code dir}: found with an empty probe file. */
    private Set<PosixFilePermission> defaultPermissions(Path dir, String given) throws IOException {
        Set<PosixFilePermission> known = defaultPermissions.get(dir);
        if (known != null) {
            return known;
        }
        Path probe = null;
        try {
            for (int attempt = 0; probe == null; attempt++) {
                Path p = dir.resolve(temporaryName("itl4j-probe"));
                try {
                    Files.newByteChannel(p, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                            .close();
                    probe = p;
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 9) {
                        throw e;
                    }
                }
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS);
            defaultPermissions.put(dir, perms);
            return perms;
        } catch (FileSystemException e) {
            throw renamed(e, given);
        } finally {
            if (probe != null) {
                Files.deleteIfExists(probe);
            }
        }
    }

    /**
     * A new temporary file, open for writing.
     *
     * @param needsChmod whether it was created with other permissions than its final ones (which are then set by
     *     path before the rename)
     */
    private record Temp(Path path, FileChannel channel, boolean needsChmod) {}

    /**
     * Creates the temporary file with {@code CREATE_NEW} ({@code O_EXCL}) and opens it for writing in one
     * {@code open}. Its permissions at creation are its final ones narrowed to {@code rw-------}: a later
     * {@code chmod} is needed only when the final permissions are wider, or when the umask may have narrowed them.
     */
    private Temp createTemp(Path dir, String name, String given, Set<PosixFilePermission> finalPermissions)
            throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return createTemp(
                dir,
                name,
                given,
                finalPermissions,
                (tmpName, attrs) -> FileChannel.open(dir.resolve(tmpName), options, attrs));
    }

    /** {@link #createTemp(Path, String, String, Set)} relative to an open directory ({@code openat}). */
    private Temp createTemp(Directory directory, String name, String given, Set<PosixFilePermission> finalPermissions)
            throws IOException {
        return createTemp(directory.path, name, given, finalPermissions, (tmpName, attrs) ->
                (FileChannel) directory.stream.newByteChannel(directory.relative(tmpName), CREATE_NEW_WRITE, attrs));
    }

    /** Creates a new file of a given name with {@code O_EXCL} (by path, or relative to an open directory). */
    @FunctionalInterface
    private interface Creator {
        FileChannel create(String tmpName, FileAttribute<?>[] attrs) throws IOException;
    }

    private Temp createTemp(
            Path dir, String name, String given, Set<PosixFilePermission> finalPermissions, Creator creator)
            throws IOException {
        Set<PosixFilePermission> initial = null;
        boolean needsChmod = false;
        if (finalPermissions != null) {
            initial = EnumSet.copyOf(OWNER_RW);
            initial.retainAll(finalPermissions);
            // O_CREAT's mode goes through the umask: the probe of a new file's permissions says what it keeps
            Set<PosixFilePermission> umaskKeeps = defaultPermissions.get(dir);
            needsChmod = !initial.equals(finalPermissions) || umaskKeeps == null || !umaskKeeps.containsAll(initial);
        }
        FileAttribute<?>[] attrs = initial != null
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(initial)}
                : new FileAttribute<?>[0];
        for (int attempt = 0; ; attempt++) {
            String tmpName = temporaryName(name);
            try {
                // CREATE_NEW: O_EXCL, never an existing file, never through a link
                return new Temp(dir.resolve(tmpName), creator.create(tmpName, attrs), needsChmod);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 9) {
                    throw new FileAlreadyExistsException(given, null, "cannot create a temporary file beside it");
                }
            } catch (FileSystemException e) {
                throw renamed(e, given);
            }
        }
    }

    /** The same kind of failure, naming the user's path instead of the temporary file. */
    private static FileSystemException renamed(FileSystemException e, String given) {
        String reason = e.getReason();
        FileSystemException r;
        if (e instanceof NoSuchFileException) {
            r = new NoSuchFileException(given, null, "its directory does not exist");
        } else if (e instanceof AccessDeniedException) {
            r = new AccessDeniedException(given, null, "permission denied in its directory");
        } else {
            r = new FileSystemException(
                    given, null, reason != null ? reason : e.getClass().getSimpleName());
        }
        r.initCause(e);
        return r;
    }

    /**
     * Makes the renames in {@code dir} durable (fsync of the directory) on POSIX file systems; best effort, since it
     * is not possible everywhere (Windows).
     *
     * @param dir a directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // ignored
        }
    }

    /**
     * @param name a file name
     * @return the name of a new temporary file for it: {@code .NAME.<16 random hex digits>.tmp} (NAME cut to 100
     *     characters)
     */
    public static String temporaryName(String name) {
        String base = name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name;
        String hex = Long.toHexString(RANDOM.nextLong());
        return "." + base + "." + "0".repeat(HEX_DIGITS - hex.length()) + hex + TEMP_SUFFIX;
    }

    /**
     * @param fileName a file name
     * @return whether {@link #write} could have made a temporary file of that name (so listings can ignore it)
     */
    public static boolean isTemporaryName(String fileName) {
        if (!fileName.startsWith(".") || !fileName.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        int end = fileName.length() - TEMP_SUFFIX.length();
        int dot = end - HEX_DIGITS - 1;
        if (dot < 1 || fileName.charAt(dot) != '.') {
            return false;
        }
        for (int i = dot + 1; i < end; i++) {
            if (Character.digit(fileName.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes the temporary files a killed writer left in {@code dir}: regular files (never links) named as
     * {@link #temporaryName} names them, owned by the user this process runs as, last modified more than
     * {@code olderThan} ago. A file being written by a live process is younger, so it is left alone.
     *
     * @param dir the directory
     * @param name only temporaries of this target name, or null for all
     * @param olderThan the age from which a temporary file is stale, e.g. {@link #STALE_AFTER}
     * @return how many were removed
     * @throws IOException if the directory cannot be listed or the user cannot be determined
     */
    public static int removeStaleTemporaryFiles(Path dir, String name, Duration olderThan) throws IOException {
        Path probe = Files.createTempFile(dir, ".itl4j-owner.", ".probe"); // whose files are "ours"
        try {
            return removeStale(dir, name, Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS), olderThan);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * {@link #removeStaleTemporaryFiles(Path, String, Duration)} for a caller that has just listed the directory
     * itself (e.g. to find its own inputs): of {@code candidates}, removes the same files, those named as
     * {@link #temporaryName} names them, regular files (never links), owned by the user this process runs as and last
     * modified more than {@code olderThan} ago. The directory is not listed again, and the user is learned (an empty
     * probe file created and deleted beside the first old candidate) only when a candidate is old enough: when there
     * is none, nothing is created.
     *
     * @param candidates paths found by the caller; names that are not temporary names are ignored
     * @param olderThan the age from which a temporary file is stale, e.g. {@link #STALE_AFTER}
     * @return how many were removed
     * @throws IOException if the user cannot be determined
     * @since 0.1.0
     */
    public static int removeStaleTemporaryFiles(Collection<Path> candidates, Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        UserPrincipal owner = null;
        int removed = 0;
        for (Path p : candidates) {
            Path name = p.getFileName();
            BasicFileAttributes a;
            try {
                if (name == null || !isTemporaryName(name.toString())) {
                    continue;
                }
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue; // gone meanwhile
            }
            if (!a.isRegularFile() || !a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                continue;
            }
            if (owner == null) {
                Path dir = p.toAbsolutePath().getParent();
                Path probe = Files.createTempFile(dir, ".itl4j-owner.", ".probe"); // whose files are "ours"
                try {
                    owner = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
                } finally {
                    Files.deleteIfExists(probe);
                }
            }
            try {
                if (owner.equals(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS))) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone meanwhile, or not ours to judge: leave it
            }
        }
        return removed;
    }

    private static int removeStale(Path dir, String name, UserPrincipal owner, Duration olderThan) throws IOException {
        String prefix = name == null
                ? null
                : "." + (name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name) + ".";
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return isTemporaryName(n)
                    && (prefix == null
                            || (n.startsWith(prefix)
                                    && n.length() == prefix.length() + HEX_DIGITS + TEMP_SUFFIX.length()));
        })) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()
                            && a.lastModifiedTime().toInstant().isBefore(cutoff)
                            && owner.equals(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS))) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // gone meanwhile, or not ours to judge: leave it
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return removed;
    }
}
