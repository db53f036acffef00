package io.github.itl4j.io;

import java.nio.file.FileSystemException;

/**
 * An output was refused because its target is not a regular file: a symbolic link that is not to be followed, a
 * directory, a device, a FIFO or a socket. Nothing was written.
 *
 * @since 0.1.0
 */
public class UnsafeTargetException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /** What the target is. */
    public enum Kind {
        /** a symbolic link (at the final path component), not followed */
        SYMBOLIC_LINK,
        /** a symbolic link whose target does not exist */
        DANGLING_SYMBOLIC_LINK,
        /** a directory */
        DIRECTORY,
        /** a device node, FIFO, socket or anything else that is not a regular file */
        SPECIAL_FILE
    }

    private final Kind kind;

    /**
     * @param file the path as the caller gave it
     * @param kind what it is
     */
    public UnsafeTargetException(String file, Kind kind) {
        super(file, null, describe(kind));
        this.kind = kind;
    }

    /** @return what the target is */
    public Kind kind() {
        return kind;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case SYMBOLIC_LINK -> "is a symbolic link; not followed, nothing written";
            case DANGLING_SYMBOLIC_LINK -> "is a symbolic link to a missing file; nothing written";
            case DIRECTORY -> "is a directory; nothing written";
            case SPECIAL_FILE -> "is not a regular file (a device, FIFO or socket); nothing written";
        };
    }
}
