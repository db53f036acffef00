package io.github.itl4j.plan;

import java.util.List;
import java.util.Map;

/**
 * One intended change (docs/plan.md {@code change:}). The planner expands each into atomic actions and
 * orders them.
 *
 * @since 0.1.0
 */
public sealed interface ChangeSpec {
    /** @return a one-line description for reports */
    String describe();

    /**
     * Regenerate (or replace with a CA-signed one) a certificate on some nodes.
     *
     * @param what which certificate
     * @param nodes the nodes (all TFTP nodes for CallManager, all TVS nodes for TVS, when given empty)
     * @param caSigned a CA-signed replacement rather than a self-signed regeneration
     * @param next the new certificates by node name (signature mode), empty to let the planner make them
     */
    record Regenerate(CertKind what, List<String> nodes, boolean caSigned, Map<String, ClusterSpec.CertSource> next)
            implements ChangeSpec {
        /**
         * Copies.
         *
         * @param what what
         * @param nodes nodes
         * @param caSigned CA-signed
         * @param next new certificates
         */
        public Regenerate {
            nodes = List.copyOf(nodes);
            next = Map.copyOf(next);
        }

        @Override
        public String describe() {
            return (caSigned ? "replace with CA-signed " : "regenerate ") + what.cucmName() + " on "
                    + String.join(", ", nodes);
        }
    }

    /**
     * Add a node.
     *
     * @param name its name
     * @param tftp runs TFTP
     * @param tvs runs TVS
     */
    record AddNode(String name, boolean tftp, boolean tvs) implements ChangeSpec {
        @Override
        public String describe() {
            return "add node " + name + (tftp ? " (TFTP" + (tvs ? "+TVS)" : ")") : tvs ? " (TVS)" : "");
        }
    }

    /**
     * Remove a node.
     *
     * @param name its name
     */
    record RemoveNode(String name) implements ChangeSpec {
        @Override
        public String describe() {
            return "remove node " + name;
        }
    }

    /**
     * Change the enterprise parameter "TFTP File Signature Algorithm".
     *
     * @param digest SHA-1, SHA-256 or SHA-512
     */
    record SetTftpSignatureAlgorithm(io.github.itl4j.DigestAlgorithm digest) implements ChangeSpec {
        @Override
        public String describe() {
            return "set TFTP File Signature Algorithm to " + digest.toString();
        }
    }

    /**
     * Move the phones to the target cluster.
     *
     * @param method {@code bulk} (certificate import, TVS vouches) or {@code rollback} (rollback ITL, non-secure only)
     * @param imports what the as-given order imports into the source's trust stores ({@code CallManager},
     *     {@code ITLRecovery}); the safe order imports what is needed
     */
    record Migrate(String method, List<CertKind> imports) implements ChangeSpec {
        /**
         * Copies.
         *
         * @param method method
         * @param imports imports
         */
        public Migrate {
            imports = List.copyOf(imports);
        }

        @Override
        public String describe() {
            return "migrate phones to the target cluster (" + method + ")";
        }
    }

    /**
     * Enable FIPS mode on nodes: every certificate of the node regenerates at once (SG125-FIPS).
     *
     * @param nodes the nodes
     */
    record EnableFips(List<String> nodes) implements ChangeSpec {
        /**
         * Copies.
         *
         * @param nodes nodes
         */
        public EnableFips {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String describe() {
            return "enable FIPS on " + String.join(", ", nodes);
        }
    }
}
