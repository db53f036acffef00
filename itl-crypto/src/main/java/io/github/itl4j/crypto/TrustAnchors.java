package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.crypto.internal.DigestInfos;
import io.github.itl4j.crypto.internal.PublicKeys;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The trust anchors of a verifier, decoded once when it is built so that an anchored verification decodes no
 * certificate at all: trusted certificates by DER, and the SAST (and TFTP, CCM+TFTP) records of installed trust
 * lists. Immutable.
 */
final class TrustAnchors {
    /** A decoded certificate with the values records are compared with. */
    static final class CertInfo {
        final Bytes der;
        final X509Certificate cert;
        final PublicKey key;
        final Bytes serial;
        /** The PUBLICKEY field value for this key, or null if the key encoding is unusual. */
        final Bytes keyField;
        final Bytes signature;
        /** True for a certificate given to {@code trustCertificates}. */
        final boolean trusted;

        CertInfo(Bytes der, X509Certificate cert, boolean trusted) {
            this.der = der;
            this.trusted = trusted;
            this.cert = cert;
            this.key = cert.getPublicKey();
            this.serial = Certificates.serialBytes(cert.getSerialNumber());
            this.keyField = PublicKeys.subjectPublicKeyBits(key.getEncoded()).orElse(null);
            this.signature = Bytes.wrapOwned(cert.getSignature());
        }

        /** Decodes {@code der}; empty if it is not one certificate. Never throws. */
        static Optional<CertInfo> parse(Bytes der) {
            Optional<X509Certificate> c = Certificates.parse(der);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new CertInfo(der, c.get(), false));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        static CertInfo of(X509Certificate cert, boolean trusted) {
            try {
                return new CertInfo(Bytes.wrapOwned(cert.getEncoded()), cert, trusted);
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate "
                        + cert.getSubjectX500Principal(), e);
            }
        }
    }

    /** One record of an installed trust list. */
    static final class Entry {
        final ItlFile list;
        final int index;
        final ItlRecord record;
        final Role role;
        /** The CERTIFICATE bytes, or null for hash records and placeholders. */
        final Bytes der;

        Entry(ItlFile list, int index, ItlRecord record, Role role) {
            this.list = list;
            this.index = index;
            this.record = record;
            this.role = role;
            this.der = record.certificate().orElse(null);
        }
    }

    static final TrustAnchors NONE = new TrustAnchors(List.of(), List.of());

    private final List<CertInfo> trusted;
    /**
     * Every certificate decoded at build time (trusted and installed), by DER length, for lookups that skip
     * decoding. Keyed by length rather than by content: hashing a certificate costs more than comparing a few.
     */
    private final Map<Integer, List<CertInfo>> knownBySize = new HashMap<>();
    private final List<ItlFile> lists;
    private final List<Entry> sast = new ArrayList<>();

    TrustAnchors(Collection<X509Certificate> certs, List<ItlFile> installed) {
        List<CertInfo> t = new ArrayList<>();
        for (X509Certificate c : certs) {
            CertInfo ci = CertInfo.of(c, true);
            t.add(ci);
            if (known(ci.der) == null) {
                knownBySize.computeIfAbsent(ci.der.size(), k -> new ArrayList<>()).add(ci);
            }
        }
        this.trusted = List.copyOf(t);
        this.lists = List.copyOf(installed);
        for (ItlFile f : lists) {
            List<ItlRecord> rs = f.records();
            for (int i = 0; i < rs.size(); i++) {
                ItlRecord r = rs.get(i);
                Role role = r.role().orElse(null);
                if (role == null) {
                    continue;
                }
                Entry e = new Entry(f, i, r, role);
                if (role.equals(Role.SAST)) {
                    sast.add(e);
                }
                if (e.der != null && (role.equals(Role.SAST) || role.equals(Role.TFTP)
                        || role.equals(Role.CCM_TFTP)) && known(e.der) == null) {
                    CertInfo.parse(e.der).ifPresent(ci -> knownBySize.computeIfAbsent(ci.der.size(),
                            k -> new ArrayList<>()).add(ci));
                }
            }
        }
    }

    /** @return true if any anchor was configured */
    boolean configured() {
        return !trusted.isEmpty() || !lists.isEmpty();
    }

    /** @return the trusted certificates, in the order given */
    List<CertInfo> trusted() {
        return trusted;
    }

    /** @return the installed trust lists, in the order given */
    List<ItlFile> installedLists() {
        return lists;
    }

    /**
     * @param der certificate bytes
     * @return the certificate decoded at build time, if these bytes were among the anchors
     */
    CertInfo known(Bytes der) {
        List<CertInfo> same = knownBySize.get(der.size());
        if (same != null) {
            for (CertInfo ci : same) {
                if (ci.der.equals(der)) {
                    return ci;
                }
            }
        }
        return null;
    }

    /** Slots of the decode cache: 8 sets of 4 ways, so that a few certificates in one set do not evict each other. */
    private static final int DECODED_SLOTS = 32;
    private static final int DECODED_WAYS = 4;
    /**
     * Record certificates decoded by earlier verifications with these anchors: a trust list is verified again and
     * again with the same records. Fixed size (a newer certificate replaces an older one of its set when the set is full), so memory
     * never grows with the files verified; entries hold a compact copy of the DER, never a slice of a file.
     */
    private final AtomicReferenceArray<CertInfo> decoded = new AtomicReferenceArray<>(DECODED_SLOTS);

    /**
     * A record's certificate, decoded: from the anchors, else from the decode cache, else decoded now (and cached).
     *
     * @param der certificate bytes
     * @return the decoded certificate, or null if the bytes are not one certificate
     */
    CertInfo decode(Bytes der) {
        CertInfo ci = known(der);
        if (ci != null) {
            return ci;
        }
        int n = der.size();
        // the last bytes of a certificate are its signature: as good as random, and cheaper than hashing it all
        int h = n >= 8 ? (int) (der.getU32(n - 4) ^ der.getU32(n - 8)) * 31 + n : n;
        int set = (h ^ (h >>> 16)) & (DECODED_SLOTS - 1) & ~(DECODED_WAYS - 1);
        int free = -1;
        for (int i = set; i < set + DECODED_WAYS; i++) {
            CertInfo c = decoded.get(i);
            if (c == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (c.der.equals(der)) {
                return c;
            }
        }
        ci = CertInfo.parse(Bytes.wrapOwned(der.toByteArray())).orElse(null);
        if (ci != null) {
            decoded.set(free >= 0 ? free : set + ThreadLocalRandom.current().nextInt(DECODED_WAYS), ci);
        }
        return ci;
    }

    /**
     * Finds the anchor for a trust-list signer (TRUST.md R2, R3): a trusted certificate with the same DER, else a
     * SAST record of an installed list with the same CERTIFICATE, or the same CERTHASH for hash records. Without
     * a certificate, the signer's PUBLICKEY field is compared with the anchors' keys.
     *
     * @param signerDer the signer's certificate bytes, or null
     * @param signerKeyField the signer record's PUBLICKEY, or null
     * @return the match, {@link AnchorMatch#none()} if none
     */
    AnchorMatch matchTrustListSigner(Bytes signerDer, Bytes signerKeyField) {
        if (signerDer != null) {
            CertInfo ci = known(signerDer);
            if (ci != null && ci.trusted) {
                return AnchorMatch.certificate(ci.cert);
            }
            Map<DigestAlgorithm, Bytes> hashes = new HashMap<>();
            for (Entry e : sast) {
                if (e.der != null) {
                    if (e.der.equals(signerDer)) {
                        return AnchorMatch.trustListRecord(e.list, e.index);
                    }
                    continue;
                }
                Optional<Bytes> h = e.record.certHash();
                Optional<DigestAlgorithm> alg = e.record.hashAlgorithm();
                if (h.isPresent() && alg.isPresent() && alg.get().isKnown()) {
                    Bytes mine = hashes.computeIfAbsent(alg.get(), a -> Bytes.wrapOwned(
                            DigestInfos.messageDigest(a).digest(signerDer.toByteArray())));
                    if (mine.equals(h.get())) {
                        return AnchorMatch.trustListRecord(e.list, e.index);
                    }
                }
            }
            return AnchorMatch.none();
        }
        if (signerKeyField != null) {
            for (CertInfo ci : trusted) {
                if (signerKeyField.equals(ci.keyField)) {
                    return AnchorMatch.certificate(ci.cert);
                }
            }
            for (Entry e : sast) {
                if (e.record.publicKey().map(signerKeyField::equals).orElse(false)) {
                    return AnchorMatch.trustListRecord(e.list, e.index);
                }
            }
        }
        return AnchorMatch.none();
    }
}
