package io.github.itl4j.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * The label of a known file (docs/audit.md): {@code node:generation[:cluster]}, generation {@code current},
 * {@code previous} or any tag. A file without a cluster belongs to the audited cluster. Immutable.
 *
 * @param node the TFTP node, e.g. {@code pub} or {@code cucm-115.home.lab}
 * @param generation {@code current}, {@code previous} or a tag
 * @param cluster the cluster, or empty for the audited cluster
 * @since 0.1.0
 */
public record KnownLabel(String node, String generation, String cluster) {
    /** The generation of the files phones should hold. */
    public static final String CURRENT = "current";

    /**
     * Validates the parts.
     *
     * @param node the node
     * @param generation the generation
     * @param cluster the cluster, or empty
     */
    public KnownLabel {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(cluster, "cluster");
        if (node.isBlank() || generation.isBlank()) {
            throw new IllegalArgumentException("a label needs a node and a generation (node:generation[:cluster])");
        }
    }

    /**
     * @param text {@code node:generation[:cluster]}
     * @return the label
     * @throws IllegalArgumentException if the text is not a label
     */
    public static KnownLabel parse(String text) {
        String[] p = text.strip().split(":", -1);
        if (p.length < 2 || p.length > 3 || p[0].isBlank() || p[1].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not a label: expected node:generation[:cluster], "
                    + "e.g. pub:current or pub:previous or pub:current:clusterB");
        }
        return new KnownLabel(p[0].strip(), p[1].strip().toLowerCase(Locale.ROOT), p.length == 3 ? p[2].strip() : "");
    }

    /** @return whether the generation is {@code current} */
    public boolean isCurrent() {
        return generation.equals(CURRENT);
    }

    /** @return whether the file belongs to another cluster than the audited one */
    public boolean isForeign() {
        return !cluster.isEmpty();
    }

    /**
     * @param tftp a TFTP server name as a phone reports it (host name, FQDN or IP)
     * @return whether it names this node: equal ignoring case, or the first DNS label of one equals the other
     */
    public boolean nodeMatches(String tftp) {
        if (tftp == null || tftp.isBlank()) {
            return false;
        }
        String a = node.toLowerCase(Locale.ROOT);
        String b = tftp.strip().toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        return shortName(a).equals(shortName(b)) && !Character.isDigit(b.charAt(0));
    }

    private static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    @Override
    public String toString() {
        return node + ":" + generation + (cluster.isEmpty() ? "" : ":" + cluster);
    }
}
