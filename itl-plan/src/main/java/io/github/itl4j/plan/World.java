package io.github.itl4j.plan;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.trust.TvsInstance;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modelled state of the source (and target) cluster between actions: each node's certificate generations, how the
 * ITL is signed, rollback, digest, imported trust-store certificates, the CTL snapshot, and where phones get their
 * files. Files are built from it with {@link TrustListBuilder} (deterministic clock), signed with the real keys when
 * the input gives them, else with stand-ins ({@link KeyRing}). Mutable; {@link #copy()} before each action.
 */
final class World {
    /** The fixed TIMESTAMP of every modelled file. */
    static final Instant FILE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /** One cluster's state. */
    static final class Cluster {
        final ClusterSpec spec;
        final String label;
        final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
        /** NORMAL: by version; LOCALKEY: CallManager signs (utils itl/ctl reset localkey). */
        boolean localKey;

        boolean rollback;
        DigestAlgorithm digest = DigestAlgorithm.SHA1;
        final List<String> phoneSastTrust = new ArrayList<>();
        final List<String> callManagerTrust = new ArrayList<>();
        /** Certificate ids listed by the CTL last written (utils ctl update); null in non-secure mode. */
        CtlSnapshot ctl;

        Cluster(ClusterSpec spec, String label) {
            this.spec = spec;
            this.label = label;
        }

        Cluster copy() {
            Cluster c = new Cluster(spec, label);
            nodes.forEach((k, v) -> c.nodes.put(k, v.copy()));
            c.localKey = localKey;
            c.rollback = rollback;
            c.digest = digest;
            c.phoneSastTrust.addAll(phoneSastTrust);
            c.callManagerTrust.addAll(callManagerTrust);
            c.ctl = ctl;
            return c;
        }

        Node publisher() {
            return nodes.values().iterator().next();
        }

        List<Node> tftpNodes() {
            return nodes.values().stream().filter(n -> n.tftp).toList();
        }

        List<Node> tvsNodes() {
            return nodes.values().stream().filter(n -> n.tvs).toList();
        }

        boolean signedByRecovery() {
            return spec.itlSignedByRecovery() && !localKey;
        }
    }

    /** One node's state. */
    static final class Node {
        final String name;
        boolean tftp;
        boolean tvs;
        boolean capf;
        boolean fips;
        final EnumMap<CertKind, Integer> gen = new EnumMap<>(CertKind.class);

        Node(String name, boolean tftp, boolean tvs, boolean capf) {
            this.name = name;
            this.tftp = tftp;
            this.tvs = tvs;
            this.capf = capf;
            for (CertKind k : CertKind.values()) {
                gen.put(k, 0);
            }
        }

        Node copy() {
            Node n = new Node(name, tftp, tvs, capf);
            n.fips = fips;
            n.gen.putAll(gen);
            return n;
        }
    }

    /**
     * The CTL as last written.
     *
     * @param entries certificate id and role
     * @param signer the signer's certificate id
     */
    record CtlSnapshot(List<Map.Entry<String, Role>> entries, String signer) {}

    final Cluster source;
    final Cluster target;
    /** Phones use the target's TFTP (after the migration step). */
    boolean moved;

    private final Map<String, ClusterSpec.CertSource> given;
    private final Map<String, ItlFile> built;

    World(Cluster source, Cluster target, Map<String, ClusterSpec.CertSource> given, Map<String, ItlFile> built) {
        this.source = source;
        this.target = target;
        this.given = given;
        this.built = built;
    }

    World copy() {
        World w = new World(source.copy(), target == null ? null : target.copy(), given, built);
        w.moved = moved;
        return w;
    }

    /** @return the cluster phones download from now */
    Cluster serving() {
        return moved ? target : source;
    }

    // ------------------------------------------------------------------ certificates

    static String certId(Cluster c, String node, CertKind k, int gen) {
        return c.label + "/" + node + "/" + k.cucmName() + "/" + gen;
    }

    String certId(Cluster c, Node n, CertKind k) {
        return certId(c, n.name, k, n.gen.get(k));
    }

    /** The ITLRecovery that every ITL carries: the publisher's (RESET10, REGEN). */
    String recoveryId(Cluster c) {
        return certId(c, c.publisher(), CertKind.ITLRECOVERY);
    }

    /** Registers a certificate given for a generation (the input's, or a change's {@code next}). */
    void give(String id, ClusterSpec.CertSource s) {
        given.put(id, s);
    }

    boolean isReal(String id) {
        ClusterSpec.CertSource s = given.get(id);
        return s != null && s.key() != null;
    }

    SigningKey key(String id) {
        ClusterSpec.CertSource s = given.get(id);
        if (s != null && s.key() != null) {
            return s.key();
        }
        String[] p = id.split("/");
        String cluster = p[0];
        String node = p[1];
        String kind = p[2];
        String subject =
                switch (kind) {
                    case "ITLRecovery" -> "CN=ITLRECOVERY_" + node + "." + cluster + ".lab,OU=plan,O=itl4j,C=US";
                    case "CallManager" -> "CN=" + node + "." + cluster + ".lab,OU=plan,O=itl4j,C=US";
                    default -> "CN=" + kind + "-" + node + "." + cluster + ".lab,OU=plan,O=itl4j,C=US";
                };
        return KeyRing.standIn(id, subject, s == null ? null : s.certificate());
    }

    X509Certificate cert(String id) {
        return key(id).certificate();
    }

    int bits(String id) {
        ClusterSpec.CertSource s = given.get(id);
        return s == null ? 2048 : s.bits();
    }

    // ------------------------------------------------------------------ files

    /** The ITL a TFTP node serves (docs/plan.md, Identity mode and signature mode). */
    ItlFile itl(Cluster c, Node n) {
        List<Map.Entry<String, Role>> e = new ArrayList<>();
        String cm = certId(c, n, CertKind.CALLMANAGER);
        e.add(Map.entry(cm, Role.SAST));
        e.add(Map.entry(cm, c.spec.mixed() ? Role.CCM_TFTP : Role.TFTP));
        Node pub = c.publisher();
        if (pub.capf) {
            e.add(Map.entry(certId(c, pub, CertKind.CAPF), Role.CAPF));
        }
        // the order of RESET10's listing A: the node's own TVS, ITLRecovery, then the other nodes' TVS
        if (n.tvs) {
            e.add(Map.entry(certId(c, n, CertKind.TVS), Role.TVS));
        }
        if (c.spec.major() >= 10) {
            e.add(Map.entry(recoveryId(c), Role.SAST));
        }
        for (Node t : c.tvsNodes()) {
            if (t != n) {
                e.add(Map.entry(certId(c, t, CertKind.TVS), Role.TVS));
            }
        }
        String signer = c.signedByRecovery() ? recoveryId(c) : cm;
        return build(e, signer, "ITLFile.tlv", c.digest, c.rollback);
    }

    /** The CTL as written by the last {@code utils ctl update CTLFile} (docs/format.md §6.1), or null. */
    ItlFile ctl(Cluster c) {
        if (c.ctl == null) {
            return null;
        }
        return build(c.ctl.entries(), c.ctl.signer(), "CTLFile.tlv", c.digest, false);
    }

    /** {@code utils ctl update CTLFile}: the CTL lists the current certificates and the imported SAST ones. */
    void updateCtl(Cluster c) {
        List<Map.Entry<String, Role>> e = new ArrayList<>();
        Node pub = c.publisher();
        e.add(Map.entry(certId(c, pub, CertKind.CALLMANAGER), Role.SAST));
        e.add(Map.entry(recoveryId(c), Role.SAST));
        for (Node t : c.tftpNodes()) {
            e.add(Map.entry(certId(c, t, CertKind.CALLMANAGER), Role.CCM_TFTP));
        }
        if (pub.capf) {
            e.add(Map.entry(certId(c, pub, CertKind.CAPF), Role.CAPF));
        }
        for (String imp : c.phoneSastTrust) {
            e.add(Map.entry(imp, Role.SAST));
        }
        String signer = c.signedByRecovery() ? recoveryId(c) : certId(c, pub, CertKind.CALLMANAGER);
        c.ctl = new CtlSnapshot(List.copyOf(e), signer);
    }

    private ItlFile build(
            List<Map.Entry<String, Role>> entries,
            String signerId,
            String fileName,
            DigestAlgorithm digest,
            boolean rollback) {
        StringBuilder k = new StringBuilder(fileName)
                .append('|')
                .append(signerId)
                .append('|')
                .append(digest.code())
                .append('|')
                .append(rollback);
        entries.forEach(en -> k.append('|')
                .append(en.getKey())
                .append('=')
                .append(en.getValue().code()));
        return built.computeIfAbsent(k.toString(), x -> doBuild(entries, signerId, fileName, digest, rollback));
    }

    private ItlFile doBuild(
            List<Map.Entry<String, Role>> entries,
            String signerId,
            String fileName,
            DigestAlgorithm digest,
            boolean rollback) {
        try {
            ItlSigner signer = ItlSigner.builder(key(signerId))
                    .digest(digest)
                    .clock(Clock.fixed(FILE_TIME, ZoneOffset.UTC))
                    .build();
            TrustListBuilder b = TrustListBuilder.builder(signer)
                    .fileName(fileName)
                    .timestamp(FILE_TIME)
                    .tvsAsHash(true)
                    .requireSignerRecord(false);
            for (Map.Entry<String, Role> en : entries) {
                Entry entry = Entry.of(cert(en.getKey()), en.getValue());
                b.add(en.getValue().equals(Role.CAPF) ? entry.asHash() : entry);
            }
            ItlFile f = b.build();
            if (rollback) {
                f = signer.sign(ItlFile.of(f.header(), placeholders(f.records())));
            }
            return ItlReader.defaults().readTrustList(f.encoded());
        } catch (IOException | io.github.itl4j.crypto.ItlSigningException | io.github.itl4j.crypto.KeyLoadException e) {
            throw new IllegalStateException("cannot build the modelled " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Rollback ITL (docs/trust.md §3.4): TFTP and TVS records become placeholders (DNSNAME, FUNCTION). */
    private static List<ItlRecord> placeholders(List<ItlRecord> records) {
        Set<Role> empty = Set.of(Role.TFTP, Role.CCM_TFTP, Role.TVS);
        List<ItlRecord> out = new ArrayList<>();
        for (ItlRecord r : records) {
            Role role = r.role().orElse(null);
            if (role != null && empty.contains(role)) {
                out.add(ItlRecord.of(List.of(
                        new Tlv(RecordTags.DNS_NAME, Bytes.copyOf(new byte[] {0, 0})),
                        new Tlv(RecordTags.FUNCTION, Bytes.copyOf(new byte[] {0, (byte) role.code()})))));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ TVS

    /**
     * The TVS instances of a cluster as phones see them now: each TVS node's current certificate; stores: the
     * cluster's own CallManager certificates (SAST+TFTP, R8 own-cert mapping) and the imported certificates.
     */
    List<TvsInstance> tvs(Cluster c) {
        List<TvsInstance> out = new ArrayList<>();
        List<X509Certificate> own = new ArrayList<>();
        for (Node n : c.nodes.values()) {
            own.add(cert(certId(c, n, CertKind.CALLMANAGER)));
        }
        Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
        stores.put("own:CallManager", own);
        stores.put("Phone-SAST-trust", c.phoneSastTrust.stream().map(this::cert).toList());
        stores.put(
                "CallManager-trust", c.callManagerTrust.stream().map(this::cert).toList());
        for (Node n : c.tvsNodes()) {
            out.add(TvsInstance.of(c.label + "/" + n.name, cert(certId(c, n, CertKind.TVS)), stores));
        }
        return out;
    }
}
