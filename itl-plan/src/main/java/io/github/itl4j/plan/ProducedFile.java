package io.github.itl4j.plan;

import io.github.itl4j.ItlFile;
import java.util.List;

/**
 * A file TFTP serves after an action (modelled, or built with real keys in signature mode).
 *
 * @param cluster the cluster label
 * @param node the TFTP node serving it
 * @param name {@code ITLFile.tlv} or {@code CTLFile.tlv}
 * @param file the file as phones parse it
 * @param sha1 SHA-1 of the whole file, lower-case hex (what phones report, docs/trust.md §11.3)
 * @param signer the signer's subject
 * @param changes what changed against the file served before (empty when unchanged)
 * @param real built with the cluster's real keys (signature mode): the hash can be looked for with {@code itl audit}
 * @since 0.1.0
 */
public record ProducedFile(
        String cluster,
        String node,
        String name,
        ItlFile file,
        String sha1,
        String signer,
        List<String> changes,
        boolean real) {
    /**
     * Copies.
     *
     * @param cluster cluster
     * @param node node
     * @param name name
     * @param file file
     * @param sha1 hash
     * @param signer signer
     * @param changes changes
     * @param real real
     */
    public ProducedFile {
        changes = List.copyOf(changes);
    }

    /** @return the file size in bytes */
    public long size() {
        return file.size();
    }
}
