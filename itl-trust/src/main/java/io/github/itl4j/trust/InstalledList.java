package io.github.itl4j.trust;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.RollbackItl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A trust list the phone holds, with its anchors decoded once (SAST, TFTP, CCM+TFTP records) and the facts the rules
 * need: kind, rollback, TVS records, whether it has a TFTP certificate. Immutable. Not API.
 */
final class InstalledList {
    final ItlFile file;
    final FileKind kind;
    final String label;
    /** Decoded on first use (a list installed by a simulation may never be asked); see {@link #anchors()}. */
    private volatile List<Anchor> anchors;
    /** Records with role TVS (21) that carry a certificate or a hash. */
    final List<ItlRecord> tvsRecords;

    final boolean rollback;
    final boolean hasConfigSignerCert;

    InstalledList(ItlFile file, FileKind kind, String label) {
        this.file = file;
        this.kind = kind;
        this.label = label;
        List<ItlRecord> tvs = new ArrayList<>();
        boolean cfg = false;
        List<ItlRecord> rs = file.records();
        for (int i = 0; i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            Role role = r.role().orElse(null);
            if (role == null) {
                continue;
            }
            if (role.equals(Role.TVS) && carriesCertificate(r)) {
                tvs.add(r);
            }
            if ((role.equals(Role.TFTP) || role.equals(Role.CCM_TFTP)) && carriesCertificate(r)) {
                cfg = true;
            }
        }
        this.tvsRecords = List.copyOf(tvs);
        this.rollback = RollbackItl.isRollback(file);
        this.hasConfigSignerCert = cfg;
    }

    /**
     * The SAST, TFTP and CCM+TFTP records with their certificates decoded, once (idempotent, so a race only decodes
     * twice).
     *
     * @return the anchors in record order
     */
    List<Anchor> anchors() {
        List<Anchor> a = anchors;
        if (a == null) {
            List<Anchor> l = new ArrayList<>();
            List<ItlRecord> rs = file.records();
            for (int i = 0; i < rs.size(); i++) {
                ItlRecord r = rs.get(i);
                Role role = r.role().orElse(null);
                if (role != null && (role.equals(Role.SAST) || role.equals(Role.TFTP) || role.equals(Role.CCM_TFTP))) {
                    Anchor.ofRecord(kind.name(), r, i).ifPresent(l::add);
                }
            }
            a = List.copyOf(l);
            anchors = a;
        }
        return a;
    }

    static boolean carriesCertificate(ItlRecord r) {
        return r.certificate().isPresent()
                || r.certHash().isPresent()
                || r.publicKey().isPresent();
    }

    /**
     * The kind of a trust list (docs/trust.md §3.1): FILENAME header, then the file name, then content (TVS records
     * mean an ITL, IPADDRESS in records a CTL); ITL when nothing tells.
     *
     * @param f the list
     * @param name its file name, or null
     * @return ITL or CTL
     */
    static FileKind kindOf(ItlFile f, String name) {
        Optional<FileKind> k = kindOfName(f.header().fileName().orElse(null));
        if (k.isEmpty()) {
            k = kindOfName(name);
        }
        if (k.isPresent()) {
            return k.get();
        }
        boolean ip = false;
        for (ItlRecord r : f.records()) {
            if (r.role().map(Role.TVS::equals).orElse(false)) {
                return FileKind.ITL;
            }
            ip |= r.ipAddress().isPresent();
        }
        return ip ? FileKind.CTL : FileKind.ITL;
    }

    static Optional<FileKind> kindOfName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (n.length() - slash > 3 && ascii(n, slash + 1, 3)) { // upper case is per char then: no copy (lint's path)
            if (n.regionMatches(true, slash + 1, "CTL", 0, 3)) {
                return Optional.of(FileKind.CTL);
            }
            return n.regionMatches(true, slash + 1, "ITL", 0, 3) ? Optional.of(FileKind.ITL) : Optional.empty();
        }
        n = n.substring(slash + 1).toUpperCase(Locale.ROOT);
        if (n.startsWith("CTL")) {
            return Optional.of(FileKind.CTL);
        }
        if (n.startsWith("ITL")) {
            return Optional.of(FileKind.ITL);
        }
        return Optional.empty();
    }

    private static boolean ascii(String s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    int sastCount() {
        int n = 0;
        for (Anchor a : anchors()) {
            if (a.roles.contains(Role.SAST)) {
                n++;
            }
        }
        return n;
    }
}
