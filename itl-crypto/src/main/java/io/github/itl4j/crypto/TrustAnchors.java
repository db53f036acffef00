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
        /** Digests of {@link #der} by DIGESTALGORITHM code (1 to 3), computed on first use: CERTHASH comparisons. */
        private final AtomicReferenceArray<Bytes> digests = new AtomicReferenceArray<>(4);

        CertInfo(Bytes der, X509Certificate cert, boolean trusted) {
            this.der = der;
            this.trusted = trusted;
            this.cert = cert;
            this.key = cert.getPublicKey();
            this.serial = Certificates.serialBytes(cert.getSerialNumber());
            this.keyField = PublicKeys.subjectPublicKeyBits(key.getEncoded()).orElse(null);
            this.signature = Bytes.wrapOwned(cert.getSignature());
        }

        /**
         * @param alg a known digest
         * @return the digest of the DER bytes, computed once
         */
        Bytes digest(DigestAlgorithm alg) {
            int i = alg.code();
            Bytes d = i > 0 && i < 4 ? digests.get(i) : null;
            if (d == null) {
                java.security.MessageDigest md = DigestInfos.messageDigest(alg);
                der.feed(md::update);
                d = Bytes.wrapOwned(md.digest());
                if (i > 0 && i < 4) {
                    digests.set(i, d);
                }
            }
            return d;
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
                throw new IllegalArgumentException("cannot encode certificate " + cert.getSubjectX500Principal(), e);
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
                knownBySize
                        .computeIfAbsent(ci.der.size(), k -> new ArrayList<>())
                        .add(ci);
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
                if (e.der != null
                        && (role.equals(Role.SAST) || role.equals(Role.TFTP) || role.equals(Role.CCM_TFTP))
                        && known(e.der) == null) {
                    CertInfo.parse(e.der).ifPresent(ci -> knownBySize
                            .computeIfAbsent(ci.der.size(), k -> new ArrayList<>())
                            .add(ci));
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
        if (knownBySize.isEmpty()) {
            return null; // no anchors: no boxing of the size
        }
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

    /**
     * Finds the anchor for a trust-list signer (docs/trust.md §5 R2, R3): a trusted certificate with the same DER, else
     * a SAST record of an installed list with the same CERTIFICATE, or the same CERTHASH for hash records. Without
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
                Optional<DigestAlgorithm> alg = Checksums.certHashAlgorithm(e.record);
                if (alg.isPresent()) {
                    Bytes mine = hashes.computeIfAbsent(
                            alg.get(),
                            a -> Bytes.wrapOwned(DigestInfos.messageDigest(a).digest(signerDer.toByteArray())));
                    if (mine.equals(e.record.certHash().orElseThrow())) {
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
