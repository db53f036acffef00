package io.github.itl4j.trust.diff;

import io.github.itl4j.Role;
import io.github.itl4j.trust.Fix;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.TrustLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a diff of two trust lists shows, whether of two files ({@link TrustListDiff}, decided by the trust simulator) or
 * with a capture ({@link IdentityDiff}, decided in identity mode): the aligned records, header changes, derived facts,
 * SAST anchors and the continuity verdict with its rule chain and fixes. Immutable.
 *
 * @since 0.1.0
 */
public abstract sealed class ListDiff permits TrustListDiff, IdentityDiff {
    private final Parts parts;
    private final String oldName;
    private final String newName;
    private final ContinuityVerdict continuity;
    private final List<RuleResult> chain;
    private final List<Fix> fixes;
    private final boolean tvsConsidered;

    /**
     * What both diffs compute alike before their verdict.
     *
     * @param header the header changes
     * @param records the record changes
     * @param facts the derived facts
     * @param so the old list's SAST anchors (identity to subject)
     * @param sn the new list's SAST anchors
     * @param kept the SAST subjects kept
     */
    record Parts(
            List<HeaderChange> header,
            List<RecordChange> records,
            List<Fact> facts,
            Map<String, String> so,
            Map<String, String> sn,
            List<String> kept) {
        Parts {
            header = List.copyOf(header);
            records = List.copyOf(records);
            facts = List.copyOf(facts);
            so = new LinkedHashMap<>(so);
            sn = new LinkedHashMap<>(sn);
            kept = List.copyOf(kept);
        }
    }

    ListDiff(
            Parts parts,
            String oldName,
            String newName,
            ContinuityVerdict continuity,
            List<RuleResult> chain,
            List<Fix> fixes,
            boolean tvsConsidered) {
        this.parts = parts;
        this.oldName = oldName;
        this.newName = newName;
        this.continuity = continuity;
        this.chain = chain;
        this.fixes = fixes;
        this.tvsConsidered = tvsConsidered;
    }

    /** @return the old list's name */
    public String oldName() {
        return oldName;
    }

    /** @return the new list's name */
    public String newName() {
        return newName;
    }

    /** @return the header fields that differ (of two files: SIGNATURE excluded, it always does; with a capture: those
     *     both sides show) */
    public List<HeaderChange> header() {
        return parts.header();
    }

    /** @return one change per certificate, old order first, then the added ones */
    public List<RecordChange> records() {
        return parts.records();
    }

    /**
     * @param k a kind
     * @return the changes of that kind
     */
    public List<RecordChange> records(ChangeKind k) {
        return parts.records().stream().filter(r -> r.kind() == k).toList();
    }

    /** @return the derived facts */
    public List<Fact> facts() {
        return parts.facts();
    }

    /**
     * @param name a fact name
     * @return its value
     * @throws IllegalArgumentException for an unknown fact
     */
    public boolean fact(String name) {
        return parts.facts().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fact " + name))
                .value();
    }

    /** @return the SAST subjects of the old list */
    public List<String> sastOld() {
        return List.copyOf(parts.so().values());
    }

    /** @return the SAST subjects of the new list */
    public List<String> sastNew() {
        return List.copyOf(parts.sn().values());
    }

    /** @return the SAST subjects of the old list the new one keeps (same certificate) */
    public List<String> sastKept() {
        return parts.kept();
    }

    /** @return the continuity verdict */
    public ContinuityVerdict continuity() {
        return continuity;
    }

    /** @return whether a TVS environment was given (without one, the verdict states "TVS not considered") */
    public boolean tvsConsidered() {
        return tvsConsidered;
    }

    /** @return the rule chain of the verdict */
    public List<RuleResult> chain() {
        return chain;
    }

    /** @return the fixes (for a BROKEN verdict) */
    public List<Fix> fixes() {
        return fixes;
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder(getClass().getSimpleName()).append('[').append(continuity);
        for (RecordChange c : parts.records()) {
            sb.append(' ').append(c.kind()).append(c.rolesNew().isEmpty() ? c.rolesOld() : c.rolesNew());
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ shared derivations

    /**
     * Adds the facts a file and a capture derive alike: bothAnchorsChanged, tvsChanged, tvsChangedWithSigner,
     * tftpChanged.
     *
     * @param f the facts so far
     * @param so the old list's SAST anchors
     * @param kept the SAST subjects kept
     * @param signerChanged whether the signer changed
     * @param wasSast whether the new signer was a SAST of the old list
     * @param o the old list's certificates
     * @param n the new list's certificates
     */
    static void anchorFacts(
            List<Fact> f,
            Map<String, String> so,
            List<String> kept,
            boolean signerChanged,
            boolean wasSast,
            List<? extends Group> o,
            List<? extends Group> n) {
        boolean both = !so.isEmpty() && kept.isEmpty();
        f.add(new Fact(
                "bothAnchorsChanged",
                both,
                both
                        ? "no SAST certificate of the old list is kept: without TVS the chain breaks"
                        : "SAST kept: "
                                + (kept.isEmpty() ? "none (no SAST in the old list)" : String.join("; ", kept))));
        Set<String> tvsA = idsWithRole(o, Role.TVS);
        Set<String> tvsB = idsWithRole(n, Role.TVS);
        boolean tvsChanged = !tvsA.equals(tvsB);
        f.add(new Fact(
                "tvsChanged",
                tvsChanged,
                tvsChanged
                        ? "the set of TVS certificates changed (" + tvsA.size() + " -> " + tvsB.size() + ")"
                        : "same TVS certificates"));
        boolean together = tvsChanged && signerChanged;
        f.add(new Fact(
                "tvsChangedWithSigner",
                together,
                together
                        ? "TVS and the signer changed in the same step (never change the TVS certificate and the"
                                + " trust-list signer together, REGEN)"
                                + (wasSast ? "; harmless here: the new signer was a SAST of the old list" : "")
                        : "no"));
        boolean tftp = !idsWithRole(o, Role.TFTP, Role.CCM_TFTP).equals(idsWithRole(n, Role.TFTP, Role.CCM_TFTP));
        f.add(new Fact(
                "tftpChanged",
                tftp,
                tftp ? "the TFTP/CCM+TFTP (configuration signer) certificates changed" : "same configuration signers"));
    }

    /** A certificate of one list, as both diffs align it: its identity, subject, records and roles. */
    abstract static class Group {
        final String id;
        final String serialId;
        final String subject;
        final String subjectKey;
        final List<Integer> index = new ArrayList<>();
        final Set<String> roles = new LinkedHashSet<>();

        Group(String id, String serialId, String subject) {
            this.id = id;
            this.serialId = serialId;
            this.subject = subject;
            this.subjectKey = subject.isEmpty() ? null : TrustLists.nameKey(subject);
        }

        /** @return what names the certificate in the TVS and TFTP facts, or null when the list holds none */
        abstract String certificateId();
    }

    private static Set<String> idsWithRole(List<? extends Group> l, Role... roles) {
        Set<String> s = new LinkedHashSet<>();
        for (Group r : l) {
            for (Role role : roles) {
                String id = r.certificateId();
                if (r.roles.contains(role.name()) && id != null) {
                    s.add(id);
                }
            }
        }
        return s;
    }

    /**
     * @param a a certificate of the old list
     * @return it, as one the new list no longer holds
     */
    static RecordChange removed(Group a) {
        return new RecordChange(
                ChangeKind.REMOVED,
                List.copyOf(a.roles),
                List.of(),
                List.of(),
                List.of(),
                a.index,
                List.of(),
                a.id,
                null,
                a.subject,
                List.of());
    }

    /**
     * @param b a certificate of the new list
     * @return it, as one only the new list holds
     */
    static RecordChange added(Group b) {
        return new RecordChange(
                ChangeKind.ADDED,
                List.of(),
                List.copyOf(b.roles),
                List.of(),
                List.of(),
                List.of(),
                b.index,
                null,
                b.id,
                b.subject,
                List.of());
    }

    /**
     * @param a a certificate
     * @param b another
     * @return whether they share a role
     */
    static boolean shareRole(Group a, Group b) {
        for (String r : a.roles) {
            if (b.roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param b roles of one side
     * @param a roles of the other
     * @return the roles of {@code b} that {@code a} lacks, in {@code b}'s order
     */
    static List<String> rolesOnlyIn(Set<String> b, Set<String> a) {
        List<String> out = new ArrayList<>(b);
        out.removeAll(a);
        return out;
    }

    /**
     * Adds ROLE_ADDED and ROLE_REMOVED details for a certificate both lists hold.
     *
     * @param a the old certificate
     * @param b the new one
     * @param details the details so far
     */
    static void roleDetails(Group a, Group b, List<String> details) {
        rolesOnlyIn(b.roles, a.roles).forEach(r -> details.add("ROLE_ADDED " + r));
        rolesOnlyIn(a.roles, b.roles).forEach(r -> details.add("ROLE_REMOVED " + r));
    }

    /**
     * @param a the old certificate
     * @param b the new one
     * @param why why they are paired
     * @return the first details of a rotation: why paired, and the subjects when they differ
     */
    static List<String> pairing(Group a, Group b, String why) {
        List<String> d = new ArrayList<>();
        d.add("paired by: " + why);
        if (!Objects.equals(a.subjectKey, b.subjectKey)) {
            d.add("subject: " + a.subject + " -> " + b.subject);
        }
        return d;
    }

    /**
     * @param a the old certificate
     * @param b the new one
     * @param details how they differ
     * @return a certificate replaced by another
     */
    static RecordChange rotated(Group a, Group b, List<String> details) {
        // the roles it gained or lost, as for a certificate both lists hold (text shows only the new roles)
        List<String> d = new ArrayList<>(details);
        roleDetails(a, b, d);
        return paired(ChangeKind.ROTATED, a, b, b.subject, d);
    }

    /**
     * @param kind UNCHANGED, REENCODED or ROTATED
     * @param a the old certificate
     * @param b the new one
     * @param subject the subject to show
     * @param details how they differ
     * @return the change between two paired certificates
     */
    static RecordChange paired(ChangeKind kind, Group a, Group b, String subject, List<String> details) {
        return new RecordChange(
                kind,
                List.copyOf(a.roles),
                List.copyOf(b.roles),
                rolesOnlyIn(b.roles, a.roles),
                rolesOnlyIn(a.roles, b.roles),
                a.index,
                b.index,
                a.id,
                b.id,
                subject,
                details);
    }

    /**
     * @param l the certificates of a list
     * @return its SAST certificates: identity to subject (the identity where there is no subject)
     */
    static Map<String, String> anchors(List<? extends Group> l) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Group r : l) {
            if (r.roles.contains(Role.SAST.name())) {
                m.put(r.id, r.subject.isEmpty() ? r.id : r.subject);
            }
        }
        return m;
    }
}
