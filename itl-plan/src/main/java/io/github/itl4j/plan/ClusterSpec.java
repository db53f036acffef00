package io.github.itl4j.plan;

import io.github.itl4j.crypto.SigningKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CUCM cluster as the planner sees it (docs/plan.md {@code cluster:}): name, version, security mode, whether
 * phones reset themselves when a certificate changes, and its nodes. Immutable.
 *
 * @param name the cluster name (labels only)
 * @param major the CUCM major version (e.g. 11 for "11.5")
 * @param minor the CUCM minor version (e.g. 5 for "11.5")
 * @param mixed true in mixed mode (tokenless CTL), false in non-secure mode
 * @param autoReset the enterprise parameter "Phone Interaction on Certificate Update" is auto-reset (not none)
 * @param emcc the cluster takes part in Extension Mobility Cross Cluster (P11)
 * @param nodes the nodes, publisher first
 * @since 0.1.0
 */
public record ClusterSpec(
        String name, int major, int minor, boolean mixed, boolean autoReset, boolean emcc, List<NodeSpec> nodes) {
    /**
     * Validates and copies.
     *
     * @param name name
     * @param major major version
     * @param minor minor version
     * @param mixed mixed mode
     * @param autoReset auto-reset
     * @param emcc EMCC
     * @param nodes nodes
     */
    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

    /** @return "11.5" */
    public String version() {
        return major + "." + minor;
    }

    /** @return true from 12.0: the ITL is signed by ITLRecovery (REGEN) */
    public boolean itlSignedByRecovery() {
        return major >= 12;
    }

    /** @return the publisher (first node) */
    public NodeSpec publisher() {
        return nodes.get(0);
    }

    /**
     * @param nodeName a node name
     * @return the node
     */
    public Optional<NodeSpec> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /**
     * A certificate given in the input: the certificate and, in signature mode, its key.
     *
     * @param certificate the certificate (its subject, serial and key size are used), or null to let the planner
     *     make a stand-in
     * @param key the private key with the certificate (signature mode), or null (identity mode)
     * @param keyBits the declared key size (P6) when no certificate is given, or 0
     */
    public record CertSource(X509Certificate certificate, SigningKey key, int keyBits) {
        /** @return the key size: the certificate's RSA modulus length, else the declared size, else 2048 */
        public int bits() {
            if (key != null && key.isRsa()) {
                return key.rsaBits();
            }
            if (certificate != null && certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey k) {
                return k.getModulus().bitLength();
            }
            return keyBits > 0 ? keyBits : 2048;
        }
    }

    /**
     * One node.
     *
     * @param name the host name
     * @param tftp runs the TFTP service (serves an ITL)
     * @param tvs runs TVS (its certificate is a TVS record in every ITL)
     * @param capf CAPF is active on it (a CAPF hash record in the ITLs)
     * @param certs the certificates given, by kind (may be empty: the planner makes stand-ins)
     */
    public record NodeSpec(String name, boolean tftp, boolean tvs, boolean capf, Map<CertKind, CertSource> certs) {
        /**
         * Copies.
         *
         * @param name name
         * @param tftp TFTP
         * @param tvs TVS
         * @param capf CAPF
         * @param certs certificates
         */
        public NodeSpec {
            Objects.requireNonNull(name, "name");
            certs = Map.copyOf(certs);
        }
    }
}
