package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.trust.TrustLists;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * What the rules read from a record's CERTIFICATE (validity, key type and size, curve, subject, SHA-1 identity),
 * derived once per certificate and kept by DER content. A certificate is read by {@link CertDer}, a light walk over
 * its bytes, when it lies in that reader's subset (the common case); otherwise the JDK decodes it ({@link
 * X509Certificate}), as before. What few rules need (the subject's text, the key object, the SHA-1 identity, the key
 * as findings name it) is made on first use, so a list seen for the first time costs one walk per certificate and
 * one comparison of its subject's key with the record's SUBJECTNAME. The certificates of a
 * cluster recur in every list linted ({@code itl lint /tftpboot/*.tlv}: one ITL per phone, the same records), so a
 * certificate is decoded and its facts derived once per JVM, not once per record per file. The verifier keeps its own
 * decoded certificates the same way.
 *
 * <p>Kept in a bounded {@link ContentCache} by a compact copy of the DER, never a slice of a file. Bytes that do not
 * decode are not kept. Immutable entries, thread-safe cache.
 */
final class CertFacts {
    private static final ContentCache<CertFacts> CACHE = new ContentCache<>();

    /** The DER: a compact copy when kept in the cache, else the record's own bytes (a slice of the file). */
    private final Bytes der;
    /** What the light reading found, or null for a certificate the JDK decoded ({@link #jdk}). */
    private final CertDer light;
    /** The JDK's certificate, or null for one read by {@link CertDer}. */
    private final X509Certificate jdk;

    /** The RSA modulus size, or -1. */
    final int rsaBits;
    /** The EC curve (P-256 ...), or null for a key that is not EC. */
    final String curve;

    final Instant notBefore;
    final Instant notAfter;
    /** {@link TrustLists#nameKey} of {@link #subject()} for a certificate the JDK decoded, else null. */
    private final String subjectKey;

    /** {@link #subject()}, or null before its first use. */
    private volatile String subject;
    /** {@link #key()}, or null before its first use. */
    private volatile PublicKey key;
    /** {@link #identity()}, or null before its first use. */
    private volatile String identity;
    /** {@link #keyText()}, or null before its first use. */
    private volatile String keyText;
    /** What a record without SUBJECTNAME gets from {@link #named(Bytes)}, or null before its first use. */
    private volatile Named unnamed;
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

    /** Facts of a certificate the JDK decoded (one outside {@link CertDer}'s subset). */
    private CertFacts(Bytes der, X509Certificate c) {
        this.der = der;
        this.light = null;
        this.jdk = c;
        PublicKey k = c.getPublicKey();
        this.key = k;
        this.rsaBits = k instanceof RSAPublicKey r ? r.getModulus().bitLength() : -1;
        this.curve = k instanceof ECPublicKey e ? curve(e) : null;
        this.notBefore = c.getNotBefore().toInstant();
        this.notAfter = c.getNotAfter().toInstant();
        String s = c.getSubjectX500Principal().getName();
        this.subject = s;
        this.subjectKey = TrustLists.nameKey(s);
        this.unnamed = new Named(null, LintContext.cn(s), true);
    }

    /** Facts of a certificate read lightly: no JDK decoding; the subject's text and the key are made when asked. */
    private CertFacts(Bytes der, CertDer d) {
        this.der = der;
        this.light = d;
        this.jdk = null;
        this.rsaBits = d.rsaBits;
        this.curve = d.curve;
        this.notBefore = d.notBefore;
        this.notAfter = d.notAfter;
        this.subjectKey = null; // d.subjectKey() when needed
    }

    /** @return the subject as {@link javax.security.auth.x500.X500Principal#getName()} gives it */
    String subject() {
        String s = subject;
        if (s == null) {
            s = new X500Principal(light.subject()).getName();
            subject = s;
        }
        return s;
    }

    /** @return the certificate's key, as {@link X509Certificate#getPublicKey()} gives it */
    PublicKey key() {
        PublicKey k = key;
        if (k == null) {
            byte[] spki = light.spki();
            try {
                k = KeyFactory.getInstance(rsaBits > 0 ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a key the light reading accepted does not decode", e);
            }
            key = k;
        }
        return k;
    }

    /**
     * @param o another certificate's facts
     * @return true if both hold the same key ({@link PublicKey#equals}); without decoding a key when both were read
     *     lightly (their SubjectPublicKeyInfo encodings are canonical in that subset: equal keys, equal bytes)
     */
    boolean sameKey(CertFacts o) {
        if (light != null && o.light != null) {
            return light.sameKey(o.light);
        }
        return key().equals(o.key());
    }

    /** @return {@code sha1:HEX} of the DER (the certificate identity, docs/trust.md §3.3) */
    String identity() {
        String i = identity;
        if (i == null) {
            i = "sha1:" + TrustLists.sha1(der).toHex().toLowerCase(Locale.ROOT);
            identity = i;
        }
        return i;
    }

    /** @return {@code RSA 2048}, {@code EC P-256}: the key as findings name it */
    String keyText() {
        String t = keyText;
        if (t == null) {
            t = light != null ? keyText(rsaBits, curve) : LintContext.Rec.keyText(key, rsaBits, curve);
            keyText = t;
        }
        return t;
    }

    /**
     * @param rsaBits an RSA key's size, or -1 for an EC key
     * @param curve the EC key's curve
     * @return {@code RSA 2048}, {@code EC P-256}: constants for the common keys, no text made per certificate
     */
    static String keyText(int rsaBits, String curve) {
        if (rsaBits > 0) {
            switch (rsaBits) {
                case 1024:
                    return "RSA 1024";
                case 2048:
                    return "RSA 2048";
                case 3072:
                    return "RSA 3072";
                case 4096:
                    return "RSA 4096";
                default:
                    return "RSA " + rsaBits;
            }
        }
        switch (curve) {
            case "P-256":
                return "EC P-256";
            case "P-384":
                return "EC P-384";
            case "P-521":
                return "EC P-521";
            default:
                return "EC " + curve;
        }
    }

    /** @return {@link TrustLists#nameKey} of {@link #subject()} */
    String subjectKey() {
        return light != null ? light.subjectKey() : subjectKey;
    }

    /** @return true if the JDK decoded this certificate (it is outside the light reading's subset), for tests */
    boolean decodedByJdk() {
        return jdk != null;
    }

    /**
     * @param name the record's SUBJECTNAME value as stored (NUL-terminated), or null for a record without one
     * @return what lint takes from it (of {@link #subject} without one); kept for the next record with this
     *     certificate and name, which then costs one comparison of bytes and no decoding
     */
    Named named(Bytes name) {
        if (name == null) {
            Named u = unnamed;
            if (u == null) {
                u = new Named(null, LintContext.cn(subject()), true);
                unnamed = u;
            }
            return u;
        }
        Named last = lastNamed;
        if (last != null && name.equals(last.name)) {
            return last;
        }
        // an ASCII name (the common case) is read as bytes, its text never made: the CN and the match come from them
        NameScan scan = new NameScan(light);
        name.feed(scan);
        String cn = scan.cn;
        Boolean same = scan.same;
        if (cn == null || same == null) {
            String text = name.toNulTerminatedString();
            cn = cn != null ? cn : LintContext.cn(text);
            same = hasSubject(text);
        }
        boolean keep = ContentCache.ENABLED && name.size() <= MAX_KEPT_NAME; // facts not kept: no next record
        Named n = new Named(keep ? Bytes.wrapOwned(name.toByteArray()) : null, cn, same);
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
        if (!ContentCache.ENABLED) {
            return derive(der, false);
        }
        CertFacts f = CACHE.get(der);
        if (f == null) {
            f = derive(der, true);
            if (f != null) {
                CACHE.put(f.der, f);
            }
        }
        return f;
    }

    /**
     * @param der a certificate's DER
     * @param keep true to make the facts of a compact copy (to be kept in the cache); false to read the bytes in place
     *     and keep them as given, no copy (caches off: the facts live as long as the lint run, like the file)
     * @return its facts, or null if the bytes are not one certificate
     */
    static CertFacts derive(Bytes der, boolean keep) {
        Bytes copy;
        CertDer d;
        if (keep) {
            byte[] b = der.toByteArray();
            copy = Bytes.wrapOwned(b);
            d = CertDer.read(b); // keeps the copy
        } else {
            copy = der;
            d = CertDer.read(der); // reads the slice where it lies, no copy
        }
        if (d != null) {
            return new CertFacts(copy, d);
        }
        Optional<X509Certificate> c = io.github.itl4j.crypto.internal.Certificates.parse(copy.toByteArray());
        if (c.isEmpty()) {
            return null;
        }
        try {
            return new CertFacts(copy, c.get());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param subjectName a record's SUBJECTNAME
     * @return true if it names the certificate's subject ({@link TrustLists#sameName})
     */
    boolean hasSubject(String subjectName) {
        // equal texts have equal keys: the key alone decides, and no subject text is made for it
        if (light != null) {
            byte[] ascii = subjectName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Boolean b = ascii.length == subjectName.length() ? light.names(ascii, 0, ascii.length) : null;
            return b != null ? b : light.subjectKey().equals(TrustLists.nameKey(subjectName));
        }
        return subjectKey.equals(TrustLists.nameKey(subjectName));
    }

    /**
     * Reads a SUBJECTNAME value in place ({@link Bytes#feed}): for an ASCII name, the CN findings name the record by
     * ({@link LintContext#cn(byte[], int, int)}) and whether it names the subject of a certificate read lightly
     * ({@link CertDer#names}); null for what the text must decide.
     */
    private static final class NameScan implements Bytes.Sink<RuntimeException> {
        private final CertDer light;
        /** The CN, or null for a name that is not ASCII. */
        String cn;
        /** Whether the name is the subject's, or null when unknown (not ASCII, an escape, a JDK-decoded certificate). */
        Boolean same;

        NameScan(CertDer light) {
            this.light = light;
        }

        @Override
        public void write(byte[] a, int off, int len) {
            int end = off + len;
            while (end > off && a[end - 1] == 0) {
                end--; // as Bytes.toNulTerminatedString() drops them
            }
            CertDer.Spelling spelling = light == null ? null : light.spell(a, off, end);
            if (spelling != null && spelling.spelled >= 0) {
                // the subject's attributes spelled exactly (printable ASCII): the common case
                cn = spelling.cn != null ? spelling.cn : LintContext.cn(a, off, end);
                same = Boolean.TRUE;
                return;
            }
            for (int i = off; i < end; i++) {
                if (a[i] < 0) {
                    return; // UTF-8 beyond ASCII: the text decides
                }
            }
            cn = LintContext.cn(a, off, end);
            same = light == null ? null : light.names(a, off, end);
        }
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
