/**
 * File output shared by every module: {@link io.github.itl4j.io.AtomicFileWriter} writes a file so that readers see
 * either the old or the whole new content, and refuses targets that are not regular files (devices, FIFOs, sockets,
 * directories) and symbolic links at the final path component unless told to follow them.
 *
 * @since 0.1.0
 */
package io.github.itl4j.io;
