package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.trust.TrustLists;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the rules read from a record's CERTIFICATE (validity, key type and size, curve, subject, SHA-1 identity),
 * derived once per certificate from the JDK's {@link X509Certificate} and kept by DER content: the certificates of a
 * cluster recur in every list linted ({@code itl lint /tftpboot/*.tlv}: one ITL per phone, the same records), so a
 * certificate is decoded and its facts derived once per JVM, not once per record per file. The verifier keeps its own
 * decoded certificates the same way.
 *
 * <p>Kept in a bounded {@link ContentCache} by a compact copy of the DER, never a slice of a file. Bytes that do not
 * decode are not kept. Immutable entries, thread-safe cache.
 */
final class CertFacts {
    private static final ContentCache<CertFacts> CACHE = new ContentCache<>();

    final X509Certificate cert;
    final PublicKey key;
    /** The RSA modulus size, or -1. */
    final int rsaBits;
    /** The EC curve (P-256 ...), or null for a key that is not EC. */
    final String curve;

    final Instant notBefore;
    final Instant notAfter;
    /** The subject as {@link javax.security.auth.x500.X500Principal#getName()} gives it. */
    final String subject;
    /** {@link TrustLists#nameKey} of {@link #subject}. */
    private final String subjectKey;
    /** {@code sha1:HEX} of the DER (the certificate identity, docs/trust.md §3.3). */
    final String identity;
    /** {@code RSA 2048}, {@code EC P-256}: the key as findings name it. */
    final String keyText;
    /** What a record without SUBJECTNAME gets from {@link #named(Bytes)}: the subject's CN. */
    private final Named unnamed;
    /** The last SUBJECTNAME given to {@link #named(Bytes)} and what it gave, for the next record with this name. */
    private volatile Named lastNamed;

    /**
     * What lint takes from a record's SUBJECTNAME with this certificate, derived once per name: the CN findings name
     * the record by, whether it starts {@code ITLRECOVERY} (L09, L23), whether the name is the certificate's subject
     * (L32). Immutable.
     */
    static final class Named {
        /** The SUBJECTNAME value as stored (a compact copy), or null when not kept (none, or too long). */
        private final Bytes name;

        final String cn;
        final boolean recovery;
        final boolean sameSubject;

        Named(Bytes name, String cn, boolean sameSubject) {
            this.name = name;
            this.cn = cn;
            this.recovery = isRecovery(cn);
            this.sameSubject = sameSubject;
        }
    }

    /** @return true for a CN that starts {@code ITLRECOVERY}, in any case (L09, L23) */
    static boolean isRecovery(String cn) {
        return cn.regionMatches(true, 0, "ITLRECOVERY", 0, 11);
    }

    /** Names longer than this are not kept (a hostile file's SUBJECTNAME must not grow the cache). */
    static final int MAX_KEPT_NAME = 1024;

    private CertFacts(Bytes der, X509Certificate c) {
        this.cert = c;
        this.key = c.getPublicKey();
        this.rsaBits = key instanceof RSAPublicKey k ? k.getModulus().bitLength() : -1;
        this.curve = key instanceof ECPublicKey k ? curve(k) : null;
        this.notBefore = c.getNotBefore().toInstant();
        this.notAfter = c.getNotAfter().toInstant();
        this.subject = c.getSubjectX500Principal().getName();
        this.subjectKey = TrustLists.nameKey(subject);
        this.identity = "sha1:" + TrustLists.sha1(der).toHex().toLowerCase(Locale.ROOT);
        this.keyText = LintContext.Rec.keyText(key, rsaBits, curve);
        this.unnamed = new Named(null, LintContext.cn(subject), true);
    }

    /**
     * @param name the record's SUBJECTNAME value as stored (NUL-terminated), or null for a record without one
     * @return what lint takes from it (of {@link #subject} without one); kept for the next record with this
     *     certificate and name, which then costs one comparison of bytes and no decoding
     */
    Named named(Bytes name) {
        if (name == null) {
            return unnamed;
        }
        Named last = lastNamed;
        if (last != null && name.equals(last.name)) {
            return last;
        }
        String text = name.toNulTerminatedString();
        boolean keep = name.size() <= MAX_KEPT_NAME;
        Named n = new Named(keep ? Bytes.wrapOwned(name.toByteArray()) : null, LintContext.cn(text), hasSubject(text));
        if (keep) {
            lastNamed = n;
        }
        return n;
    }

    /**
     * @param der a record's CERTIFICATE (a slice of the file; copied only when kept)
     * @return its facts, or empty if the bytes are not one certificate
     */
    static Optional<CertFacts> of(Bytes der) {
        return Optional.ofNullable(get(der));
    }

    /**
     * @param der a record's CERTIFICATE (a slice of the file; copied only when kept)
     * @return its facts, or null if the bytes are not one certificate
     */
    static CertFacts get(Bytes der) {
        CertFacts f = CACHE.get(der);
        if (f != null) {
            return f;
        }
        Bytes copy = Bytes.wrapOwned(der.toByteArray());
        Optional<X509Certificate> c = io.github.itl4j.crypto.internal.Certificates.parse(copy);
        if (c.isEmpty()) {
            return null;
        }
        try {
            f = new CertFacts(copy, c.get());
        } catch (RuntimeException e) {
            return null;
        }
        CACHE.put(copy, f);
        return f;
    }

    /**
     * @param subjectName a record's SUBJECTNAME
     * @return true if it names the certificate's subject ({@link TrustLists#sameName})
     */
    boolean hasSubject(String subjectName) {
        return subjectName.equals(subject) || subjectKey.equals(TrustLists.nameKey(subjectName));
    }

    /** @return how many certificates were decoded (cache misses), for tests */
    static long decodes() {
        return CACHE.misses();
    }

    /** @return how many certificates are kept, for tests */
    static int cached() {
        return CACHE.size();
    }

    /** @return how many DER bytes are kept, for tests */
    static long cachedBytes() {
        return CACHE.bytes();
    }

    static String curve(ECPublicKey k) {
        String s = k.getParams().toString();
        for (String n : java.util.List.of("secp256r1", "secp384r1", "secp521r1")) {
            if (s.contains(n)) {
                return "P-" + n.substring(4, 7);
            }
        }
        int bits = k.getParams().getCurve().getField().getFieldSize();
        String t = s.toLowerCase(Locale.ROOT);
        int sp = t.indexOf(' ');
        return (sp > 0 ? t.substring(0, sp) : bits + "-bit curve");
    }
}
