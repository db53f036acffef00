package io.github.itl4j.trust.diff;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTag;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTag;
import io.github.itl4j.Role;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.Outcome;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.RuleResult;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.TrustLists;
import io.github.itl4j.trust.TrustSimulator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between two versions of a trust list (docs/lint.md): records aligned by certificate identity
 * (UNCHANGED, REENCODED, ROTATED, ADDED, REMOVED, role changes), header changes, derived facts, and the continuity
 * verdict: would a phone holding the old list accept the new one. The verdict <b>is</b> a simulation: the phone of the
 * given {@link TrustSimulator} (its CTL, model, time, TVS cache) with the old list installed is offered the new one.
 * Immutable.
 *
 * <pre>{@code
 * TrustListDiff d = TrustListDiff.compare(oldItl, "old/ITLFile.tlv", newItl, "ITLFile.tlv",
 *         TrustSimulator.builder().tvs(TvsEnvironment.fromDirectory(dir)).build());
 * d.continuity(); d.records(); d.fact("signerWasSastInOld");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TrustListDiff extends ListDiff {
    private final ItlFile oldFile;
    private final ItlFile newFile;
    private final SimulationResult simulation;

    private TrustListDiff(
            ItlFile oldFile,
            String oldName,
            ItlFile newFile,
            String newName,
            Parts parts,
            SimulationResult simulation,
            boolean tvsConsidered) {
        super(parts, oldName, newName, verdictOf(simulation), simulation.chain(), simulation.fixes(), tvsConsidered);
        this.oldFile = oldFile;
        this.newFile = newFile;
        this.simulation = simulation;
    }

    /**
     * Compares two trust lists.
     *
     * @param oldList the list phones hold
     * @param oldName its file name (for the kind and reports)
     * @param newList the list now served
     * @param newName its file name
     * @param simulator the phone, TVS environment, policy and model table for the continuity verdict; its phone's
     *     list of the old list's kind is replaced by the old list (a CTL it holds is kept when the old list is an ITL)
     * @return the diff
     */
    public static TrustListDiff compare(
            ItlFile oldList, String oldName, ItlFile newList, String newName, TrustSimulator simulator) {
        Objects.requireNonNull(oldList, "oldList");
        Objects.requireNonNull(newList, "newList");
        Objects.requireNonNull(simulator, "simulator");
        String on = oldName == null ? "OLD" : oldName;
        String nn = newName == null ? "NEW" : newName;
        List<Rec> o = recs(oldList);
        List<Rec> n = recs(newList);
        List<RecordChange> changes = align(o, n);
        List<HeaderChange> hc = headerChanges(oldList.header(), newList.header());
        // anchors
        Map<String, String> so = anchors(o);
        Map<String, String> sn = anchors(n);
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, String> e : so.entrySet()) {
            if (sn.containsKey(e.getKey())) {
                kept.add(e.getValue());
            }
        }
        List<Fact> facts = facts(oldList, newList, o, n, so, sn, kept);
        PhoneState p = simulator.phone();
        p = TrustLists.kindOf(oldList, on) == FileKind.CTL ? p.withCtl(oldList, on) : p.withItl(oldList, on);
        SimulationResult sim = simulator.withPhone(p).offer(newList, nn);
        return new TrustListDiff(
                oldList,
                on,
                newList,
                nn,
                new Parts(hc, changes, facts, so, sn, kept),
                sim,
                !simulator.tvs().isEmpty());
    }

    // ------------------------------------------------------------------ records

    /** A certificate of one list: its records. */
    private static final class Rec extends Group {
        final List<ItlRecord> records = new ArrayList<>();
        boolean matched;

        Rec(String id, ItlRecord r) {
            super(
                    id,
                    TrustLists.serialIdentity(r).orElse(null),
                    r.subjectName()
                            .orElse(TrustLists.certificate(r)
                                    .map(c -> c.getSubjectX500Principal().getName())
                                    .orElse("")));
        }

        @Override
        String certificateId() {
            return TrustLists.carriesCertificate(first()) ? id : null;
        }

        ItlRecord first() {
            return records.get(0);
        }

        Optional<ItlRecord> withRole(String role) {
            for (ItlRecord r : records) {
                if (roleName(r).equals(role)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    private static String roleName(ItlRecord r) {
        return r.role().map(Role::name).orElse("none");
    }

    private static List<Rec> recs(ItlFile f) {
        Map<String, Rec> m = new LinkedHashMap<>();
        List<ItlRecord> rs = f.records();
        for (int i = 0; i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            String id = TrustLists.identity(r).orElse("record:" + (i + 1) + ":" + roleName(r));
            Rec g = m.computeIfAbsent(id, k -> new Rec(k, r));
            g.index.add(i + 1);
            g.records.add(r);
            g.roles.add(roleName(r));
        }
        return new ArrayList<>(m.values());
    }

    private static List<RecordChange> align(List<Rec> o, List<Rec> n) {
        List<RecordChange> out = new ArrayList<>();
        Map<String, Rec> byId = new LinkedHashMap<>();
        n.forEach(x -> byId.put(x.id, x));
        // 1. same identity (SHA-1 of the certificate or CERTHASH; else serial + issuer)
        for (Rec a : o) {
            Rec b = byId.get(a.id);
            if (b == null && a.serialId != null) {
                // serial + issuer identify a certificate only where a side has no SHA-1 (no CERTIFICATE, no CERTHASH):
                // two certificates of other bytes are two certificates, whatever their serials
                b = n.stream()
                        .filter(x -> !x.matched
                                && a.serialId.equals(x.serialId)
                                && !(a.id.startsWith("sha1:") && x.id.startsWith("sha1:")))
                        .findFirst()
                        .orElse(null);
            }
            if (b != null && !b.matched && !a.id.startsWith("record:")) {
                a.matched = true;
                b.matched = true;
                out.add(same(a, b));
            }
        }
        // 1b. a record without identity (a placeholder: DNSNAME, FUNCTION, IPADDRESS) is the same record when its bytes
        // are equal; one that differs has nothing to be paired by
        for (Rec a : o) {
            if (a.matched || !a.id.startsWith("record:")) {
                continue;
            }
            for (Rec b : n) {
                if (!b.matched
                        && b.id.startsWith("record:")
                        && a.first().encoded().equals(b.first().encoded())) {
                    a.matched = true;
                    b.matched = true;
                    out.add(same(a, b));
                    break;
                }
            }
        }
        // 2. same role and normalised SUBJECTNAME: rotated
        for (Rec a : o) {
            if (a.matched || a.subjectKey == null) {
                continue;
            }
            for (Rec b : n) {
                if (!b.matched && a.subjectKey.equals(b.subjectKey) && shareRole(a, b)) {
                    a.matched = true;
                    b.matched = true;
                    out.add(rotated(a, b, "same subject"));
                    break;
                }
            }
        }
        // 2b. the only certificate of a role set that left, and the only one that came: rotated
        Map<String, List<Rec>> leftOld = new LinkedHashMap<>();
        Map<String, List<Rec>> leftNew = new LinkedHashMap<>();
        o.stream().filter(x -> !x.matched).forEach(x -> leftOld.computeIfAbsent(
                        String.join(",", x.roles), k -> new ArrayList<>())
                .add(x));
        n.stream().filter(x -> !x.matched).forEach(x -> leftNew.computeIfAbsent(
                        String.join(",", x.roles), k -> new ArrayList<>())
                .add(x));
        for (Map.Entry<String, List<Rec>> e : leftOld.entrySet()) {
            List<Rec> nb = leftNew.get(e.getKey());
            if (e.getValue().size() == 1
                    && nb != null
                    && nb.size() == 1
                    && !e.getKey().equals("none")) {
                Rec a = e.getValue().get(0);
                Rec b = nb.get(0);
                if (TrustLists.carriesCertificate(a.first()) && TrustLists.carriesCertificate(b.first())) {
                    a.matched = true;
                    b.matched = true;
                    out.add(rotated(a, b, "the only " + e.getKey() + " certificate replaced"));
                }
            }
        }
        // 3. the rest
        for (Rec a : o) {
            if (!a.matched) {
                out.add(removed(a));
            }
        }
        for (Rec b : n) {
            if (!b.matched) {
                out.add(added(b));
            }
        }
        return out;
    }

    private static RecordChange same(Rec a, Rec b) {
        List<String> details = new ArrayList<>();
        boolean equal = true;
        for (String role : a.roles) {
            Optional<ItlRecord> rb = b.withRole(role);
            ItlRecord ra = a.withRole(role).orElseThrow();
            if (rb.isPresent() && !ra.encoded().equals(rb.get().encoded())) {
                equal = false;
                reencoding(ra, rb.get(), role, details);
            }
        }
        roleDetails(a, b, details);
        return paired(equal ? ChangeKind.UNCHANGED : ChangeKind.REENCODED, a, b, b.subject, details);
    }

    /** Says how two records of one certificate differ: fields added, removed, changed, or their order. */
    private static void reencoding(ItlRecord a, ItlRecord b, String role, List<String> out) {
        Map<Integer, Bytes> fa = fields(a);
        Map<Integer, Bytes> fb = fields(b);
        Set<Integer> tags = new java.util.TreeSet<>(fa.keySet());
        tags.addAll(fb.keySet());
        List<String> parts = new ArrayList<>();
        for (int t : tags) {
            Bytes x = fa.get(t);
            Bytes y = fb.get(t);
            String name = RecordTag.nameOf(t);
            if (x == null) {
                parts.add(name + " added");
            } else if (y == null) {
                parts.add(name + " removed");
            } else if (!x.equals(y)) {
                if ((t == 3 || t == 5) && TrustLists.sameName(x.toNulTerminatedString(), y.toNulTerminatedString())) {
                    parts.add(name + " formatting");
                } else {
                    parts.add(name + " changed");
                }
            }
        }
        // a field repeated in a record (an unknown tag: the parser refuses a known one twice), in both: its later
        // occurrences (the first is compared above)
        List<String> moved = new ArrayList<>();
        for (int t : tags) {
            List<Bytes> x = occurrences(a, t);
            List<Bytes> y = occurrences(b, t);
            if (x.isEmpty() || y.isEmpty() || x.size() == 1 && y.size() == 1) {
                continue;
            }
            String name = RecordTag.nameOf(t);
            if (x.size() != y.size()) {
                parts.add(name + " repeated " + x.size() + " -> " + y.size() + " times");
            } else if (!x.subList(1, x.size()).equals(y.subList(1, y.size()))) {
                parts.add(name + " repeat changed");
            } else if (x.equals(y)) {
                moved.add(name + " repeat moved");
            }
        }
        // the tags both records have, in the order each first writes them (certutils puts FUNCTION after
        // SERIALNUMBER): a repeated field makes no order of its own
        if (!commonOrder(a, fb.keySet()).equals(commonOrder(b, fa.keySet()))) {
            parts.add("tag order");
        } else if (parts.isEmpty()) {
            // the same fields in the same first order: the records differ where a repeat stands
            parts.addAll(moved.isEmpty() ? List.of("tag order") : moved);
        }
        out.add(role + ": " + String.join(", ", parts));
    }

    /** @return the tags of {@code r} that {@code other} also has, in {@code r}'s order of first occurrence */
    private static List<Integer> commonOrder(ItlRecord r, Set<Integer> other) {
        Set<Integer> l = new LinkedHashSet<>();
        for (Tlv t : r.fields()) {
            if (other.contains(t.tag())) {
                l.add(t.tag());
            }
        }
        return new ArrayList<>(l);
    }

    /** @return the values of {@code r}'s fields of tag {@code tag}, in order */
    private static List<Bytes> occurrences(ItlRecord r, int tag) {
        List<Bytes> l = new ArrayList<>();
        for (Tlv t : r.fields()) {
            if (t.tag() == tag) {
                l.add(t.value());
            }
        }
        return l;
    }

    private static Map<Integer, Bytes> fields(ItlRecord r) {
        Map<Integer, Bytes> m = new TreeMap<>();
        for (Tlv t : r.fields()) {
            m.putIfAbsent(t.tag(), t.value());
        }
        return m;
    }

    private static RecordChange rotated(Rec a, Rec b, String why) {
        List<String> d = pairing(a, b, why);
        ItlRecord ra = a.first();
        ItlRecord rb = b.first();
        String sa = ra.serialNumber().map(TrustLists::serialHex).orElse("-");
        String sb = rb.serialNumber().map(TrustLists::serialHex).orElse("-");
        if (!sa.equals(sb)) {
            d.add("serial: " + sa + " -> " + sb);
        }
        String ka = keyText(TrustLists.publicKey(ra).orElse(null));
        String kb = keyText(TrustLists.publicKey(rb).orElse(null));
        if (!ka.equals(kb)) {
            d.add("key: " + ka + " -> " + kb);
        }
        Optional<X509Certificate> ca = TrustLists.certificate(ra);
        Optional<X509Certificate> cb = TrustLists.certificate(rb);
        String ia = issuerKind(ra, ca);
        String ib = issuerKind(rb, cb);
        if (!ia.equals(ib)) {
            d.add("issuer: " + ia + " -> " + ib);
        }
        if (ca.isPresent() && cb.isPresent()) {
            d.add("validity: " + validity(ca.get()) + " -> " + validity(cb.get()));
        }
        Optional<String> ha = TrustLists.sha1Identity(ra);
        Optional<String> hb = TrustLists.sha1Identity(rb);
        if (ha.isPresent() && hb.isPresent()) {
            d.add("sha1: " + ha.get().substring(5) + " -> " + hb.get().substring(5));
        }
        return rotated(a, b, d);
    }

    private static String issuerKind(ItlRecord r, Optional<X509Certificate> c) {
        if (c.isPresent()) {
            return c.get().getSubjectX500Principal().equals(c.get().getIssuerX500Principal())
                    ? "self-signed"
                    : "CA-signed (" + c.get().getIssuerX500Principal().getName() + ")";
        }
        String s = r.subjectName().orElse("");
        String i = r.issuerName().orElse("");
        return s.isEmpty() || i.isEmpty()
                ? "unknown"
                : TrustLists.sameName(s, i) ? "self-signed" : "CA-signed (" + i + ")";
    }

    private static String validity(X509Certificate c) {
        return day(c.getNotBefore().toInstant()) + ".." + day(c.getNotAfter().toInstant());
    }

    private static String day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    static String keyText(PublicKey k) {
        if (k instanceof RSAPublicKey r) {
            return "RSA " + r.getModulus().bitLength();
        }
        if (k instanceof ECPublicKey e) {
            return "EC " + e.getParams().getCurve().getField().getFieldSize();
        }
        return k == null ? "none" : k.getAlgorithm();
    }

    // ------------------------------------------------------------------ header and facts

    private static List<HeaderChange> headerChanges(ItlHeader a, ItlHeader b) {
        Map<String, String> va = headerValues(a);
        Map<String, String> vb = headerValues(b);
        Set<String> keys = new LinkedHashSet<>(va.keySet());
        keys.addAll(vb.keySet());
        List<HeaderChange> out = new ArrayList<>();
        for (String k : keys) {
            String x = va.get(k);
            String y = vb.get(k);
            if (!Objects.equals(x, y)) {
                out.add(new HeaderChange(k, x, y));
            }
        }
        return out;
    }

    private static Map<String, String> headerValues(ItlHeader h) {
        Map<String, String> m = new LinkedHashMap<>();
        walk(h.elements(), m);
        m.remove(HeaderTag.nameOf(HeaderTags.SIGNATURE));
        return m;
    }

    private static void walk(List<TlvElement> els, Map<String, String> m) {
        for (TlvElement e : els) {
            if (e instanceof Container c) {
                m.put(HeaderTag.nameOf(c.tag()), Integer.toString(c.length()));
                walk(c.children(), m);
            } else if (e instanceof Tlv t) {
                String name = HeaderTag.nameOf(t.tag());
                m.putIfAbsent(HeaderTag.of(t.tag()).isPresent() ? name : "tag " + t.tag(), value(t));
            }
        }
    }

    private static String value(Tlv t) {
        Bytes v = t.value();
        switch (t.tag()) {
            case HeaderTags.VERSION, HeaderTags.SIGNER_VERSION:
                return v.size() == 2 ? v.getUnsigned(0) + "." + v.getUnsigned(1) : v.toHex();
            case HeaderTags.HEADER_LENGTH:
                return v.size() == 2 ? Integer.toString(v.getU16(0)) : v.toHex();
            case HeaderTags.SIGNER_NAME, HeaderTags.CA_NAME, HeaderTags.FILE_NAME:
                return v.toNulTerminatedString();
            case HeaderTags.DIGEST_ALGORITHM:
                return v.size() == 1 ? DigestAlgorithm.of(v.getUnsigned(0)).toString() : v.toHex();
            case HeaderTags.SIGNATURE_MODULUS:
                return v.size() == 1 ? SignatureModulus.of(v.getUnsigned(0)).bits() + " bits" : v.toHex();
            case HeaderTags.TIMESTAMP:
                return v.size() == 4 ? Instant.ofEpochSecond(v.getU32(0)).toString() : v.toHex();
            case HeaderTags.SERIAL_NUMBER:
                return TrustLists.serialHex(v);
            default:
                return v.size() == 1
                        ? Integer.toString(v.getUnsigned(0))
                        : v.size() == 2 ? Integer.toString(v.getU16(0)) : v.toHex();
        }
    }

    private static boolean signerIsSast(ItlHeader h, ItlFile list) {
        Optional<Bytes> serial = h.serialNumber();
        if (serial.isEmpty()) {
            return false;
        }
        String s = TrustLists.serialHex(serial.get());
        String ca = h.caName().orElse(null);
        for (ItlRecord r : list.records()) {
            if (r.role().map(Role.SAST::equals).orElse(false)
                    && r.serialNumber()
                            .map(TrustLists::serialHex)
                            .map(s::equals)
                            .orElse(false)
                    && (ca == null
                            || r.issuerName()
                                    .map(i -> TrustLists.sameName(i, ca))
                                    .orElse(true))) {
                return true;
            }
        }
        return false;
    }

    private static int signerRecord(ItlHeader h, ItlFile list) {
        Optional<Bytes> serial = h.serialNumber();
        List<ItlRecord> rs = list.records();
        for (int i = 0; serial.isPresent() && i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            if (r.role().map(Role.SAST::equals).orElse(false)
                    && r.serialNumber()
                            .map(TrustLists::serialHex)
                            .map(TrustLists.serialHex(serial.get())::equals)
                            .orElse(false)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static List<Fact> facts(
            ItlFile a,
            ItlFile b,
            List<Rec> o,
            List<Rec> n,
            Map<String, String> so,
            Map<String, String> sn,
            List<String> kept) {
        List<Fact> f = new ArrayList<>();
        Bytes ra = a.encoded()
                .slice(a.header().length(), a.encoded().size() - a.header().length());
        Bytes rb = b.encoded()
                .slice(b.header().length(), b.encoded().size() - b.header().length());
        boolean identical = ra.equals(rb);
        f.add(new Fact(
                "recordsIdentical",
                identical,
                identical ? "the record bytes are equal: a pure re-sign" : "the record bytes differ"));
        ItlHeader ha = a.header();
        ItlHeader hb = b.header();
        String sa = ha.serialNumber().map(TrustLists::serialHex).orElse("") + "/"
                + ha.caName().map(TrustLists::nameKey).orElse("");
        String sbb = hb.serialNumber().map(TrustLists::serialHex).orElse("") + "/"
                + hb.caName().map(TrustLists::nameKey).orElse("");
        boolean signerChanged = !sa.equals(sbb);
        f.add(new Fact(
                "signerChanged",
                signerChanged,
                signerChanged
                        ? "signer " + hb.signerName().orElse("?") + " replaces "
                                + ha.signerName().orElse("?")
                        : "same signer " + hb.signerName().orElse("?")));
        boolean wasSast = signerIsSast(hb, a);
        int rec = signerRecord(hb, a);
        f.add(new Fact(
                "signerWasSastInOld",
                wasSast,
                wasSast
                        ? "the new signer is SAST record " + rec + " of the old " + "list"
                        : "the new signer is not a SAST record of the old list"));
        boolean isSast = signerIsSast(hb, b);
        f.add(
                new Fact(
                        "signerIsSastInNew",
                        isSast,
                        isSast
                                ? "the new signer is a SAST record of the new list"
                                : "the new signer is not a SAST record of the new list (the list after it must be signed by another)"));
        anchorFacts(f, so, kept, signerChanged, wasSast, o, n);
        String da = ha.digestAlgorithm().map(Object::toString).orElse("none");
        String db = hb.digestAlgorithm().map(Object::toString).orElse("none");
        f.add(new Fact(
                "digestChanged",
                !da.equals(db),
                da.equals(db)
                        ? da
                        : da + " -> " + db
                                + (DigestAlgorithm.SHA512.equals(
                                                hb.digestAlgorithm().orElse(null))
                                        ? " (L13: 79xx/89xx/99xx phones validate only SHA-1 signatures; --model "
                                                + "decides the verdict for one)"
                                        : "")));
        String ka = ha.signatureModulus().map(m -> m.bits() + " bits").orElse("none");
        String kb = hb.signatureModulus().map(m -> m.bits() + " bits").orElse("none");
        f.add(new Fact("keySizeChanged", !ka.equals(kb), ka.equals(kb) ? ka : ka + " -> " + kb));
        String va =
                ha.version() + "/" + ha.signerVersion().map(Object::toString).orElse("-");
        String vb =
                hb.version() + "/" + hb.signerVersion().map(Object::toString).orElse("-");
        f.add(new Fact(
                "versionChanged", !va.equals(vb), "VERSION/SIGNERVERSION " + (va.equals(vb) ? va : va + " -> " + vb)));
        return f;
    }

    private static ContinuityVerdict verdictOf(SimulationResult r) {
        if (!r.verdict().isAccepted()) {
            return ContinuityVerdict.BROKEN;
        }
        boolean rollback = false;
        boolean tvs = false;
        for (RuleResult x : r.chain()) {
            if (x.outcome() == Outcome.PASS && x.rule().equals("R11")) {
                rollback = true;
            }
            if (x.outcome() == Outcome.PASS
                    && (x.rule().equals("R7") || x.rule().equals("R9"))) {
                tvs = true;
            }
        }
        return rollback
                ? ContinuityVerdict.CONTINUOUS_ROLLBACK
                : tvs ? ContinuityVerdict.CONTINUOUS_VIA_TVS : ContinuityVerdict.CONTINUOUS;
    }

    // ------------------------------------------------------------------ accessors

    /** @return the old list */
    public ItlFile oldList() {
        return oldFile;
    }

    /** @return the new list */
    public ItlFile newList() {
        return newFile;
    }

    /** @return the simulation behind the verdict: chain, fixes, warnings, assumptions */
    public SimulationResult simulation() {
        return simulation;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
