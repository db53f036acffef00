package io.github.itl4j.trust.diff;

import io.github.itl4j.ItlFile;
import io.github.itl4j.Role;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.IdentityDecision;
import io.github.itl4j.trust.IdentityMode;
import io.github.itl4j.trust.IdentityVerdict;
import io.github.itl4j.trust.ListSkeleton;
import io.github.itl4j.trust.Outcome;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationPolicy;
import io.github.itl4j.trust.TrustLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TrustListDiff} for lists known by their skeleton (docs/trust.md, "Captures"): one side or both are a pasted
 * {@code show itl}/{@code show ctl} capture ({@link ListSkeleton#isCapture()}), which names certificates by SHA-1,
 * serial and issuer but holds no certificate, key or signature bytes. Records are aligned by certificate identity
 * (SHA-1 of the certificate or CERTHASH; else serial and issuer), then by role and subject; header fields and facts are
 * those a capture shows (a fact it cannot know says "unknown" in its explanation and is false); the continuity verdict
 * is {@link IdentityMode}'s decision (a CONTINUOUS verdict did not check the signature; UNKNOWN where the deciding rule
 * needs bytes). Immutable.
 *
 * <pre>{@code
 * IdentityDiff d = IdentityDiff.compare(ListSkeleton.of(ShowListingParser.parse(a), "listing-A.txt"),
 *         ListSkeleton.of(newItl, "ITLFile.tlv"), null, false, SimulationPolicy.defaults());
 * d.continuity(); d.fact("signerWasSastInOld");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IdentityDiff extends ListDiff {
    private final ListSkeleton oldList;
    private final ListSkeleton newList;
    private final IdentityDecision decision;

    private IdentityDiff(
            ListSkeleton oldList, ListSkeleton newList, Parts parts, IdentityDecision decision, boolean tvsConsidered) {
        super(
                parts,
                oldList.name(),
                newList.name(),
                verdictOf(decision),
                decision.chain(),
                decision.fixes(),
                tvsConsidered);
        this.oldList = oldList;
        this.newList = newList;
        this.decision = decision;
    }

    /**
     * Compares two skeletons.
     *
     * @param oldList the list phones hold (a capture or a file's skeleton)
     * @param newList the list now served
     * @param phoneCtl a CTL the phones also hold, or null (only when the old list is an ITL)
     * @param tvsGiven whether a TVS environment was supplied (identity mode does not follow the TVS path: a phone that
     *     would need it gets the verdict UNKNOWN)
     * @param policy the simulation policy
     * @return the diff
     */
    public static IdentityDiff compare(
            ListSkeleton oldList,
            ListSkeleton newList,
            ListSkeleton phoneCtl,
            boolean tvsGiven,
            SimulationPolicy policy) {
        Objects.requireNonNull(oldList, "oldList");
        Objects.requireNonNull(newList, "newList");
        Objects.requireNonNull(policy, "policy");
        List<Rec> o = recs(oldList);
        List<Rec> n = recs(newList);
        List<RecordChange> changes = align(o, n);
        Map<String, String> so = anchors(o);
        Map<String, String> sn = anchors(n);
        List<String> kept = new ArrayList<>();
        for (Rec a : o) {
            if (a.roles.contains(Role.SAST.name())
                    && a.partner != null
                    && a.partner.roles.contains(Role.SAST.name())
                    && a.sameCert) {
                kept.add(so.get(a.id));
            }
        }
        ListSkeleton itl = oldList.kind() == FileKind.CTL ? null : oldList;
        ListSkeleton ctl = oldList.kind() == FileKind.CTL ? oldList : phoneCtl;
        IdentityDecision d = IdentityMode.decide(itl, ctl, IdentityMode.Offer.of(newList), tvsGiven, policy);
        List<Fact> facts = facts(oldList, newList, o, n, changes, so, kept);
        return new IdentityDiff(
                oldList,
                newList,
                new Parts(headerChanges(oldList, newList), changes, facts, so, sn, kept),
                d,
                tvsGiven);
    }

    // ------------------------------------------------------------------ records

    /** A certificate of one list: its records. */
    private static final class Rec extends Group {
        final String sha1;
        final List<ListSkeleton.Entry> entries = new ArrayList<>();
        Rec partner;
        boolean sameCert;

        Rec(String id, ListSkeleton.Entry e) {
            super(id, e.serialIdentity().orElse(null), e.subject() == null ? "" : e.subject());
            this.sha1 = e.sha1();
        }

        @Override
        String certificateId() {
            return !entries.get(0).carriesKey() ? null : sha1 != null ? sha1 : id;
        }
    }

    private static List<Rec> recs(ListSkeleton l) {
        Map<String, Rec> m = new LinkedHashMap<>();
        for (ListSkeleton.Entry e : l.records()) {
            String id = e.identity().orElse("record:" + e.index() + ":" + e.roleName());
            Rec g = m.computeIfAbsent(id, k -> new Rec(k, e));
            g.index.add(e.index());
            g.entries.add(e);
            g.roles.add(e.roleName());
        }
        return new ArrayList<>(m.values());
    }

    private static List<RecordChange> align(List<Rec> o, List<Rec> n) {
        List<RecordChange> out = new ArrayList<>();
        // 1. same identity: SHA-1 equal; or serial and issuer equal where a SHA-1 is missing on one side
        for (Rec a : o) {
            if (a.id.startsWith("record:")) {
                continue;
            }
            Rec b = null;
            for (Rec x : n) {
                if (x.partner == null && x.id.equals(a.id)) {
                    b = x;
                    break;
                }
            }
            for (int i = 0; b == null && a.serialId != null && i < n.size(); i++) {
                Rec x = n.get(i);
                if (x.partner == null && a.serialId.equals(x.serialId)) {
                    b = x;
                }
            }
            if (b != null) {
                a.partner = b;
                b.partner = a;
                boolean sameCert = a.sha1 == null || b.sha1 == null || a.sha1.equals(b.sha1);
                a.sameCert = sameCert;
                b.sameCert = sameCert;
                out.add(sameCert ? same(a, b) : rotated(a, b, "same serial and issuer, different certificate SHA-1"));
            }
        }
        // 1b. a record without identity (a placeholder) is the same record when its role, length and subject are (what
        // a capture shows of it); another has nothing to be paired by
        for (Rec a : o) {
            if (a.partner != null || !a.id.startsWith("record:")) {
                continue;
            }
            ListSkeleton.Entry ea = a.entries.get(0);
            for (Rec b : n) {
                ListSkeleton.Entry eb = b.entries.get(0);
                if (b.partner == null
                        && b.id.startsWith("record:")
                        && ea.roleName().equals(eb.roleName())
                        && ea.recordLength() == eb.recordLength()
                        && Objects.equals(ea.subject(), eb.subject())) {
                    a.partner = b;
                    b.partner = a;
                    a.sameCert = true;
                    b.sameCert = true;
                    out.add(same(a, b));
                    break;
                }
            }
        }
        // 2. same role and normalised SUBJECTNAME: rotated
        for (Rec a : o) {
            if (a.partner != null || a.subjectKey == null) {
                continue;
            }
            for (Rec b : n) {
                if (b.partner == null && a.subjectKey.equals(b.subjectKey) && shareRole(a, b)) {
                    a.partner = b;
                    b.partner = a;
                    out.add(rotated(a, b, "same subject"));
                    break;
                }
            }
        }
        // 3. the rest
        for (Rec a : o) {
            if (a.partner == null) {
                out.add(removed(a));
            }
        }
        for (Rec b : n) {
            if (b.partner == null) {
                out.add(added(b));
            }
        }
        return out;
    }

    private static RecordChange same(Rec a, Rec b) {
        List<String> details = new ArrayList<>();
        for (ListSkeleton.Entry ea : a.entries) {
            for (ListSkeleton.Entry eb : b.entries) {
                if (ea.roleName().equals(eb.roleName())) {
                    differences(ea, eb, details);
                }
            }
        }
        if ((a.sha1 == null || b.sha1 == null) && !a.id.startsWith("record:")) {
            details.add(0, "paired by serial and issuer (no certificate SHA-1 on one side)");
        }
        boolean unchanged = details.isEmpty();
        roleDetails(a, b, details);
        return paired(
                unchanged ? ChangeKind.UNCHANGED : ChangeKind.REENCODED,
                a,
                b,
                b.subject.isEmpty() ? a.subject : b.subject,
                details);
    }

    /** What a capture shows of one record that differs: RECORDLENGTH, names, key size, certificate form. */
    private static void differences(ListSkeleton.Entry a, ListSkeleton.Entry b, List<String> out) {
        List<String> parts = new ArrayList<>();
        if (a.recordLength() >= 0 && b.recordLength() >= 0 && a.recordLength() != b.recordLength()) {
            parts.add("RECORDLENGTH " + a.recordLength() + " -> " + b.recordLength());
        }
        name("SUBJECTNAME", a.subject(), b.subject(), parts);
        name("ISSUERNAME", a.issuer(), b.issuer(), parts);
        if (a.keyBits() > 0 && b.keyBits() > 0 && a.keyBits() != b.keyBits()) {
            parts.add("key RSA " + a.keyBits() + " -> RSA " + b.keyBits());
        }
        if (a.carriesKey() != b.carriesKey()) {
            parts.add(a.carriesKey() ? "certificate removed (placeholder)" : "certificate added");
        }
        if (!parts.isEmpty()) {
            out.add(a.roleName() + ": " + String.join(", ", parts));
        }
    }

    private static void name(String field, String a, String b, List<String> parts) {
        if (a == null || b == null || a.equals(b)) {
            return;
        }
        parts.add(field + (TrustLists.sameName(a, b) ? " formatting" : " changed"));
    }

    private static RecordChange rotated(Rec a, Rec b, String why) {
        List<String> d = pairing(a, b, why);
        ListSkeleton.Entry ea = a.entries.get(0);
        ListSkeleton.Entry eb = b.entries.get(0);
        if (!Objects.equals(ea.serial(), eb.serial())) {
            d.add("serial: " + orDash(ListSkeleton.serialText(ea.serial())) + " -> "
                    + orDash(ListSkeleton.serialText(eb.serial())));
        }
        if (!Objects.equals(a.sha1, b.sha1)) {
            d.add("SHA-1: " + orDash(a.sha1) + " -> " + orDash(b.sha1));
        }
        if (ea.keyBits() != eb.keyBits()) {
            d.add("key: " + bits(ea) + " -> " + bits(eb));
        }
        return rotated(a, b, d);
    }

    private static String bits(ListSkeleton.Entry e) {
        return e.keyBits() > 0 ? "RSA " + e.keyBits() : "unknown";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    // ------------------------------------------------------------------ header and facts

    private static List<HeaderChange> headerChanges(ListSkeleton a, ListSkeleton b) {
        List<HeaderChange> out = new ArrayList<>();
        field(out, "VERSION", a.version(), b.version());
        field(out, "HEADERLENGTH", num(a.headerLength()), num(b.headerLength()));
        field(out, "SIGNERNAME", a.signer().subject(), b.signer().subject());
        field(
                out,
                "SERIALNUMBER",
                ListSkeleton.serialText(a.signer().serial()),
                ListSkeleton.serialText(b.signer().serial()));
        field(out, "CANAME", a.signer().issuer(), b.signer().issuer());
        field(out, "SIGNATURE", bitsText(a.signatureBits()), bitsText(b.signatureBits()));
        field(
                out,
                "length",
                a.size() < 0 ? null : Long.toString(a.size()),
                b.size() < 0 ? null : Long.toString(b.size()));
        return out;
    }

    /** A header field that both sides show and that differs (a capture that does not show a field says nothing). */
    private static void field(List<HeaderChange> out, String name, String a, String b) {
        if (a != null && b != null && !a.equals(b)) {
            out.add(new HeaderChange(name, a, b));
        }
    }

    private static String num(int v) {
        return v < 0 ? null : Integer.toString(v);
    }

    private static String bitsText(int v) {
        return v < 0 ? null : v + " bits";
    }

    private static boolean signerMatches(ListSkeleton.Signer s, ListSkeleton l, Role role, int[] record) {
        if (s.serial() == null) {
            return false;
        }
        int serialOnly = -1;
        for (ListSkeleton.Entry e : l.records()) {
            if (role.equals(e.role()) && s.serial().equals(e.serial())) {
                if (s.issuer() == null || e.issuer() == null || TrustLists.sameName(s.issuer(), e.issuer())) {
                    record[0] = e.index();
                    return true;
                }
                serialOnly = serialOnly < 0 ? e.index() : serialOnly;
            }
        }
        record[0] = serialOnly;
        return serialOnly > 0;
    }

    private static List<Fact> facts(
            ListSkeleton a,
            ListSkeleton b,
            List<Rec> o,
            List<Rec> n,
            List<RecordChange> changes,
            Map<String, String> so,
            List<String> kept) {
        List<Fact> f = new ArrayList<>();
        f.add(recordsIdentical(a, b, changes));
        ListSkeleton.Signer sa = a.signer();
        ListSkeleton.Signer sb = b.signer();
        boolean signerChanged = !(Objects.equals(sa.serial(), sb.serial())
                && (sa.issuer() == null || sb.issuer() == null || TrustLists.sameName(sa.issuer(), sb.issuer())));
        f.add(new Fact(
                "signerChanged",
                signerChanged,
                signerChanged
                        ? "signer " + orQ(sb.subject()) + " replaces " + orQ(sa.subject())
                        : "same signer " + orQ(sb.subject())));
        int[] rec = {-1};
        boolean wasSast = signerMatches(sb, a, Role.SAST, rec);
        f.add(new Fact(
                "signerWasSastInOld",
                wasSast,
                wasSast
                        ? "the new signer is SAST record " + rec[0] + " of the old list, by serial and issuer"
                        : "the new signer is not a SAST record of the old list"));
        boolean isSast = signerMatches(sb, b, Role.SAST, rec);
        f.add(new Fact(
                "signerIsSastInNew",
                isSast,
                isSast
                        ? "the new signer is a SAST record of the new list"
                        : "the new signer is not a SAST record of the new list (the list after it must be signed by"
                                + " another)"));
        anchorFacts(f, so, kept, signerChanged, wasSast, o, n);
        if (a.file().isPresent() && b.file().isPresent()) {
            String da = digest(a.file().get());
            String db = digest(b.file().get());
            f.add(new Fact("digestChanged", !da.equals(db), da.equals(db) ? da : da + " -> " + db));
        } else {
            f.add(new Fact(
                    "digestChanged", false, "unknown: a show itl capture does not print the DIGESTALGORITHM value"));
        }
        if (a.signatureBits() > 0 && b.signatureBits() > 0) {
            boolean k = a.signatureBits() != b.signatureBits();
            f.add(new Fact(
                    "keySizeChanged",
                    k,
                    "signature " + a.signatureBits() + " bits" + (k ? " -> " + b.signatureBits() + " bits" : "")));
        } else {
            f.add(new Fact("keySizeChanged", false, "unknown: the signature length is not listed"));
        }
        if (a.version() != null && b.version() != null) {
            boolean v = !a.version().equals(b.version());
            f.add(new Fact(
                    "versionChanged",
                    v,
                    "VERSION " + (v ? a.version() + " -> " + b.version() : a.version())
                            + " (SIGNERVERSION is not in a capture)"));
        } else {
            f.add(new Fact("versionChanged", false, "unknown: VERSION is not listed"));
        }
        return f;
    }

    private static String digest(ItlFile f) {
        return f.header().digestAlgorithm().map(Object::toString).orElse("none");
    }

    /**
     * Two files: their record bytes. With a capture: the same certificates with the same roles, RECORDLENGTHs and
     * order, and (when both lengths are listed) the same record-region length; the bytes themselves are not listed.
     */
    private static Fact recordsIdentical(ListSkeleton a, ListSkeleton b, List<RecordChange> changes) {
        if (a.file().isPresent() && b.file().isPresent()) {
            ItlFile x = a.file().get();
            ItlFile y = b.file().get();
            boolean eq = x.encoded()
                    .slice(x.header().length(), (int) x.size() - x.header().length())
                    .equals(y.encoded()
                            .slice(
                                    y.header().length(),
                                    (int) y.size() - y.header().length()));
            return new Fact(
                    "recordsIdentical",
                    eq,
                    eq ? "the record bytes are equal: a pure re-sign" : "the record bytes differ");
        }
        boolean same = a.records().size() == b.records().size();
        for (int i = 0; same && i < a.records().size(); i++) {
            ListSkeleton.Entry x = a.records().get(i);
            ListSkeleton.Entry y = b.records().get(i);
            // a placeholder (no identity) as the pairing takes it: same role, length and subject
            same = (x.identity().isPresent() || Objects.equals(x.subject(), y.subject()))
                    && x.identity().equals(y.identity())
                    && x.roleName().equals(y.roleName())
                    && x.recordLength() == y.recordLength()
                    && x.recordLength() >= 0;
        }
        for (RecordChange c : changes) {
            same &= c.kind() == ChangeKind.UNCHANGED;
        }
        if (same && a.size() >= 0 && b.size() >= 0 && a.headerLength() >= 0 && b.headerLength() >= 0) {
            same = a.size() - a.headerLength() == b.size() - b.headerLength();
        }
        return new Fact(
                "recordsIdentical",
                same,
                same
                        ? "the same certificates (SHA-1), roles and RECORDLENGTHs in the same order: a pure re-sign as"
                                + " far as a capture shows (it does not hold the record bytes)"
                        : "the records differ");
    }

    private static String orQ(String s) {
        return s == null ? "?" : s;
    }

    private static ContinuityVerdict verdictOf(IdentityDecision d) {
        if (d.verdict() == IdentityVerdict.UNKNOWN) {
            return ContinuityVerdict.UNKNOWN;
        }
        if (!d.verdict().isAccepted()) {
            return ContinuityVerdict.BROKEN;
        }
        for (RuleResult r : d.chain()) {
            if (r.outcome() == Outcome.PASS && r.rule().equals("R11")) {
                return ContinuityVerdict.CONTINUOUS_ROLLBACK;
            }
        }
        return ContinuityVerdict.CONTINUOUS;
    }

    // ------------------------------------------------------------------ accessors

    /** @return the old list's skeleton */
    public ListSkeleton oldList() {
        return oldList;
    }

    /** @return the new list's skeleton */
    public ListSkeleton newList() {
        return newList;
    }

    /** @return the identity-mode decision behind the verdict */
    public IdentityDecision decision() {
        return decision;
    }
}
