package io.github.itl4j.crypto.fleet;

import java.nio.file.FileSystemException;

/**
 * Another {@link FleetSigner} run (in this or another process) holds the lock of the output directory: this run did
 * nothing. Wait for the other run to finish, or sign into another directory.
 *
 * @since 0.1.0
 */
public class FleetLockedException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /**
     * @param lockFile the lock file that is held
     */
    public FleetLockedException(String lockFile) {
        super(
                lockFile,
                null,
                "another fleet run is signing into this directory (it holds this lock); nothing was "
                        + "done: wait for it to finish");
    }
}
