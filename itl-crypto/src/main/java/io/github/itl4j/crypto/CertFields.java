package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.internal.Certificates;
import java.lang.ref.WeakReference;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The values a record or a header derives from a certificate (DER, PUBLICKEY field, serial bytes, signature, names in
 * both formats), computed once per certificate instance and kept in a small cache, so that building the same entries
 * again (a fleet of files, a signer reused for every build) only assembles records. Not API.
 *
 * <p>The cache is keyed by identity ({@link X509Certificate} instances are immutable) and holds the certificates
 * weakly; it has a fixed number of slots (16 sets of 4), a newer certificate replacing an older one of the same set
 * when the set is full, so it never grows. Values that fail to compute are left null: callers then compute them again as before, so a failure shows
 * where and as it always did. Instances are immutable and thread-safe.
 */
final class CertFields {
    /** Cache slots: sets of {@link #WAYS} ways, so that a few certificates in one set do not evict each other. */
    private static final int SLOTS = 64;

    private static final int WAYS = 4;
    private static final AtomicReferenceArray<CertFields> CACHE = new AtomicReferenceArray<>(SLOTS);

    private final WeakReference<X509Certificate> cert;
    /** Null if the certificate cannot be encoded. */
    final Bytes der;
    /** Null if the key has no PUBLICKEY form. */
    final Bytes publicKey;

    final Bytes serial;
    final Bytes signature;
    private final Bytes subjectCucm;
    private final Bytes issuerCucm;
    private final Bytes subjectCertutils;
    private final Bytes issuerCertutils;

    private CertFields(X509Certificate c) {
        this.cert = new WeakReference<>(c);
        Bytes d;
        try {
            d = Bytes.wrapOwned(c.getEncoded());
        } catch (CertificateEncodingException | RuntimeException e) {
            d = null;
        }
        this.der = d;
        Bytes pk;
        try {
            pk = Certificates.publicKeyField(c.getPublicKey());
        } catch (RuntimeException e) {
            pk = null;
        }
        this.publicKey = pk;
        this.serial = Certificates.serialBytes(c.getSerialNumber());
        this.signature = Bytes.wrapOwned(c.getSignature());
        this.subjectCucm = nameOrNull(NameFormat.CUCM, c, true);
        this.issuerCucm = nameOrNull(NameFormat.CUCM, c, false);
        this.subjectCertutils = nameOrNull(NameFormat.CERTUTILS, c, true);
        this.issuerCertutils = nameOrNull(NameFormat.CERTUTILS, c, false);
    }

    /**
     * @param c a certificate
     * @return its derived values, from the cache if this instance was seen recently
     */
    static CertFields of(X509Certificate c) {
        int h = System.identityHashCode(c);
        int set = (h ^ (h >>> 16)) & (SLOTS - 1) & ~(WAYS - 1);
        int free = -1;
        for (int i = set; i < set + WAYS; i++) {
            CertFields f = CACHE.get(i);
            X509Certificate seen = f == null ? null : f.cert.get();
            if (seen == c) {
                return f;
            }
            if (seen == null && free < 0) {
                free = i;
            }
        }
        CertFields f = new CertFields(c);
        // a free (or collected) way of the set, else a random one
        CACHE.set(free >= 0 ? free : set + ThreadLocalRandom.current().nextInt(WAYS), f);
        return f;
    }

    private static Bytes nameOrNull(NameFormat f, X509Certificate c, boolean subject) {
        try {
            return subject ? f.subject(c) : f.issuer(c);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param f the name format
     * @param c the same certificate (to format again, and throw as before, if formatting failed)
     * @return the subject, encoded as {@link NameFormat#subject(X509Certificate)} does
     */
    Bytes subject(NameFormat f, X509Certificate c) {
        Bytes b = f == NameFormat.CERTUTILS ? subjectCertutils : subjectCucm;
        return b != null ? b : f.subject(c);
    }

    /**
     * @param f the name format
     * @param c the same certificate (to format again, and throw as before, if formatting failed)
     * @return the issuer, encoded as {@link NameFormat#issuer(X509Certificate)} does
     */
    Bytes issuer(NameFormat f, X509Certificate c) {
        Bytes b = f == NameFormat.CERTUTILS ? issuerCertutils : issuerCucm;
        return b != null ? b : f.issuer(c);
    }
}
