package io.github.itl4j.sftp;

import io.github.itl4j.Bytes;
import java.util.Objects;

/**
 * The outcome of a verified upload: the file was written (or found already present with identical content), read
 * back, and its SHA-256 equals the SHA-256 of the data sent.
 *
 * @param remotePath the path of the file on the server, as passed to SFTP ({@code remoteDir/fileName})
 * @param size the number of bytes in the remote file
 * @param sha256 the SHA-256 of the remote file as read back (32 bytes)
 * @param alreadyPresent {@code true} if the file already existed with the same content and was left as it was
 * @since 0.1.0
 */
public record UploadResult(String remotePath, long size, Bytes sha256, boolean alreadyPresent) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code remotePath} or {@code sha256} is null
     * @throws IllegalArgumentException if {@code size} is negative or {@code sha256} is not 32 bytes
     */
    public UploadResult {
        Objects.requireNonNull(remotePath, "remotePath");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0: " + size);
        }
        if (sha256.size() != 32) {
            throw new IllegalArgumentException("SHA-256 must be 32 bytes, got " + sha256.size());
        }
    }
}
