package io.github.itl4j.trust.lint;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.github.itl4j.Bytes;
import java.time.Instant;
import java.util.Arrays;

/**
 * A light reading of a DER X.509 certificate for lint: the facts the rules need (validity, key type and size, curve,
 * where the subject's attribute values, the serial and the key are) in one bounded walk over the bytes, with no
 * {@code CertificateFactory}, no {@code X500Principal} and no strings.
 *
 * <p>It reads only a strict subset of DER certificates, the common one: version 3 (or 1 without extensions), minimal
 * lengths and integers, a positive serial, an RSA key of 512 to 16,384 bits or an EC key on P-256, P-384 or P-521
 * (named curve, uncompressed point), signature algorithms without parameters other than NULL and equal inside and
 * outside the signed part, UTCTime or GeneralizedTime validity to the second in UTC, non-empty names of string
 * values, a subject whose attributes all have an RFC 2253 keyword and printable ASCII values, extensions without
 * duplicates whose critical ones are unknown to the JDK or well-formed basic constraints, key usage or extended key
 * usage. For anything else {@link #read} returns null and the caller decodes the certificate with the JDK, which then
 * decides: within the subset the JDK accepts every certificate this accepts and gives the same values
 * ({@code CertDerTest} checks that over every certificate of the test data and over generated and mutated ones).
 * Never throws; the walk is iterative and each length is checked against its container, so malformed bytes end it,
 * in time linear in their length. Immutable, but for a copy of a certificate read in place, made once when first
 * needed (thread-safe).
 */
final class CertDer {
    private static final byte[] RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] P256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    private static final byte[] P384 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
    private static final byte[] P521 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x23};
    /** 2.5.29 (id-ce): extensions the JDK decodes. */
    private static final byte[] ID_CE = {0x55, 0x1d};
    /** 1.3.6.1.5.5.7: PKIX arcs of the JDK's known extensions (authority info access ...). */
    private static final byte[] ID_PKIX = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07};
    /** 2.16.840.1.113730.1: Netscape certificate type. */
    private static final byte[] NETSCAPE = {0x60, (byte) 0x86, 0x48, 0x01, (byte) 0x86, (byte) 0xf8, 0x42, 0x01};

    private static final byte[] DC_UID_ARC = {0x09, (byte) 0x92, 0x26, (byte) 0x89, (byte) 0x93, (byte) 0xf2, 0x2c, 0x64
    };
    private static final int MAX_EXTENSIONS = 32;

    /** By the last byte x of an OID 2.5.4.x (id-at) below 12, the index of its keyword in {@link #KEYWORDS}, or -1. */
    private static final int[] ID_AT_KEYWORDS = {-1, -1, -1, 0, -1, -1, 1, 2, 3, 4, 5, 6};

    /**
     * What a subject value's byte is, by its unsigned value: 0 printable ASCII, 1 printable ASCII that splits, escapes
     * or quotes a name's attributes ({@code , ; + \ "}), 2 any other.
     */
    private static final byte[] VALUE_BYTES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            VALUE_BYTES[c] = (byte)
                    (c < 0x20 || c >= 0x7f ? 2 : c == ',' || c == ';' || c == '+' || c == '\\' || c == '"' ? 1 : 0);
        }
    }

    /** Thrown (one shared instance, no stack trace) when the bytes leave the subset. */
    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super("outside the light subset", null, false, false);
        }
    }

    private static final Outside OUTSIDE = new Outside();

    /**
     * The certificate's bytes, the offsets below from its start: the caller's compact copy ({@link #read(byte[])}); for
     * one read in place ({@link #read(Bytes)}), null, and a copy made from {@link #cert} on first use by what is not
     * the common case ({@link #bytes()}).
     */
    private volatile byte[] der;
    /** The certificate read in place (a slice of a file: not copied), or null for one read from its own copy. */
    private final Bytes cert;

    final Instant notBefore;
    final Instant notAfter;
    /** The RSA modulus size in bits, or -1 for an EC key. */
    final int rsaBits;
    /** {@code P-256}, {@code P-384}, {@code P-521} for an EC key, else null. */
    final String curve;
    /** The serial number's content octets (two's complement, as encoded). */
    final int serialOff;

    final int serialLen;
    /** The subject Name, tag and length included. */
    final int subjectOff;

    final int subjectLen;
    /** The SubjectPublicKeyInfo, tag and length included. */
    final int spkiOff;

    final int spkiLen;
    /**
     * The subject's attributes, three ints each: the index of the type's keyword in {@link #KEYWORDS}, where the value
     * starts (after leading spaces) and where it ends (before trailing spaces). Values are printable ASCII.
     */
    private final int[] avas;
    /** How many attributes the subject has. */
    private final int avaCount;
    /** {@link #subjectKey()}, or null before its first use. */
    private volatile String subjectKey;

    /** The RFC 2253 keywords {@code X500Principal.getName()} writes for the attribute types read here. */
    static final String[] KEYWORDS = {"CN", "C", "L", "ST", "STREET", "O", "OU", "DC", "UID"};

    /** {@link #KEYWORDS} as ASCII bytes. */
    private static final byte[][] KEYWORD_BYTES = new byte[KEYWORDS.length][];

    static {
        for (int i = 0; i < KEYWORDS.length; i++) {
            KEYWORD_BYTES[i] = KEYWORDS[i].getBytes(ISO_8859_1);
        }
    }

    /**
     * True if no subject value holds a byte that splits or escapes a name's attributes ({@code , ; + \}): then a
     * name that spells the attributes exactly ({@link #spelled}) names the subject.
     */
    private final boolean plain;

    /**
     * @param r the walk's results
     * @param cert the certificate read in place (its bytes are walked, a slice starting at {@code base}), or null for
     *     one read from the caller's own copy (the walked array, kept)
     * @param base where the certificate starts in the walked array
     */
    private CertDer(Reader r, Bytes cert, int base) {
        this.der = cert == null ? r.b : null;
        this.cert = cert;
        this.notBefore = r.notBefore;
        this.notAfter = r.notAfter;
        this.rsaBits = r.rsaBits;
        this.curve = r.curve;
        this.serialOff = r.serialOff - base;
        this.serialLen = r.serialLen;
        this.subjectOff = r.subjectOff - base;
        this.subjectLen = r.subjectLen;
        this.spkiOff = r.spkiOff - base;
        this.spkiLen = r.spkiLen;
        int[] a = r.avas;
        if (base != 0) {
            for (int i = 0; i < r.avaCount; i++) {
                a[3 * i + 1] -= base;
                a[3 * i + 2] -= base;
            }
        }
        this.avas = a;
        this.avaCount = r.avaCount;
        this.plain = r.plain;
    }

    /**
     * @return the subject as {@code TrustLists.nameKey} gives it for {@code X500Principal.getName()}: its attributes
     *     as {@code KEYWORD=value}, values trimmed, sorted, joined by NUL
     */
    String subjectKey() {
        String k = subjectKey;
        if (k == null) {
            byte[] der = bytes();
            String[] keys = new String[avaCount];
            for (int i = 0; i < avaCount; i++) {
                keys[i] = KEYWORDS[avas[3 * i]]
                        + '='
                        + new String(der, avas[3 * i + 1], avas[3 * i + 2] - avas[3 * i + 1], ISO_8859_1);
            }
            Arrays.sort(keys);
            k = String.join("\u0000", keys);
            subjectKey = k;
        }
        return k;
    }

    /**
     * Whether a name names this subject as {@code TrustLists.sameName(name, subject)} decides (equal name keys),
     * without making the keys or the name's text: the name's attributes ({@code TYPE=value} split at {@code ;},
     * {@code ,} and {@code +}, trimmed, the type in any case, {@code S} for {@code ST}) are matched with the subject's as
     * a multiset. The name ends at its first NUL; it must be ASCII up to there (UTF-8 decodes ASCII bytes to the same
     * chars, so the bytes are its text). A name with an escape ({@code \\}) or a quote, or a piece without {@code =}
     * (part of the value before it: a CUCM-form value holds separators unescaped) is left to the caller: null.
     *
     * @param n holds a record's SUBJECTNAME (read only)
     * @param from where it starts
     * @param to where it ends; no byte of {@code [from, to)} before the first NUL is negative (not ASCII)
     * @return whether it names the subject, or null when the caller must compare the name keys
     */
    Boolean names(byte[] n, int from, int to) {
        int end = from;
        while (end < to && n[end] != 0) {
            end++;
        }
        long used = 0;
        int tokens = 0;
        int start = from;
        while (start <= end) {
            int te = start;
            while (te < end) {
                byte c = n[te];
                if (c == ';' || c == ',' || c == '+') {
                    break;
                }
                if (c == '\\' || c == '"') {
                    return null; // an escape, or a quoted value (read without its quotes by the keys)
                }
                te++;
            }
            int next = te + 1;
            int ts = start;
            while (ts < te && n[ts] <= ' ') {
                ts++;
            }
            while (te > ts && n[te - 1] <= ' ') {
                te--;
            }
            start = next;
            if (ts == te) {
                continue; // an empty token: none in the key
            }
            tokens++;
            int eq = ts;
            while (eq < te && n[eq] != '=') {
                eq++;
            }
            if (eq == te) {
                return null; // a token without '=': part of the value before it (TrustLists.nameKey)
            }
            int ks = ts;
            int ke = eq;
            while (ke > ks && n[ke - 1] <= ' ') {
                ke--;
            }
            int vs = eq + 1;
            while (vs < te && n[vs] <= ' ') {
                vs++;
            }
            // first the attribute a name written in reverse DER order (CUCM's, RFC 2253's) has here, then the one in
            // DER order, then any
            int guess = avaCount - tokens;
            int found = guess >= 0 && matches(n, ks, ke, vs, te, guess, used) ? guess : -1;
            if (found < 0 && tokens - 1 < avaCount && matches(n, ks, ke, vs, te, tokens - 1, used)) {
                found = tokens - 1;
            }
            for (int a = 0; a < avaCount && found < 0; a++) {
                if (matches(n, ks, ke, vs, te, a, used)) {
                    found = a;
                }
            }
            if (found < 0) {
                return glued(n, next, end) ? null : Boolean.FALSE;
            }
            used |= 1L << found;
        }
        return tokens == avaCount;
    }

    /**
     * @return true if a piece of {@code [from, end)} (split at {@code ;}, {@code ,}, {@code +}) is not blank and has
     *     no {@code =}: it belongs to the value before it ({@code TrustLists.nameKey}), so a mismatch met before it
     *     is not final, and a plain split would misread the name ({@link LintContext#cn})
     */
    static boolean glued(byte[] n, int from, int end) {
        boolean eq = false;
        boolean content = false;
        for (int i = from; i <= end; i++) {
            byte c = i < end ? n[i] : (byte) ';';
            if (c == ';' || c == ',' || c == '+') {
                if (content && !eq) {
                    return true;
                }
                eq = false;
                content = false;
            } else {
                eq |= c == '=';
                content |= c > ' ';
            }
        }
        return false;
    }

    /**
     * Whether a name spells the subject's attributes exactly, the common case: {@code KEYWORD=value} for each, the
     * keyword as {@link #KEYWORDS} writes it, the value as encoded (trimmed), joined by {@code ,} or {@code ;}, in
     * reverse DER order (CUCM's, RFC 2253's) or in DER order, nothing before or after. Such a name has the subject's
     * attributes as its own, split as {@link #names} splits it (no value of the subject holds a separator: {@link
     * #plain}), so {@link #names} gives true for it; and its CN, as {@link LintContext#cn(byte[], int, int)} takes it,
     * is the value of the first CN attribute it spells. A name that does not is left to {@link #names}. Reads each
     * byte of the name at most once per order.
     *
     * @param n holds the name (read only)
     * @param from where it starts
     * @param to where it ends
     * @return -1 if the name does not spell the attributes so; else the index of the attribute whose value is its CN,
     *     or the number of attributes when it has no CN
     */
    int spelled(byte[] n, int from, int to) {
        return spell(n, from, to).spelled;
    }

    /**
     * {@link #spelled} and the CN of a name that spells the subject, read where the certificate lies (no copy).
     *
     * @param n holds the name (read only)
     * @param from where it starts
     * @param to where it ends
     * @return the spelling: {@link Spelling#spelled} as {@link #spelled} gives it, and its CN
     */
    Spelling spell(byte[] n, int from, int to) {
        Spelling s = new Spelling(n, from, to);
        if (plain) {
            byte[] d = der;
            if (d != null) {
                s.write(d, 0, d.length);
            } else {
                cert.feed(s); // the certificate where it lies, no copy
            }
        }
        return s;
    }

    /** A name's spelling of the subject ({@link #spell}), made over the certificate's bytes. */
    final class Spelling implements Bytes.Sink<RuntimeException> {
        private final byte[] n;
        private final int from;
        private final int to;
        /** As {@link #spelled} gives it: -1, or the index of the attribute whose value is the name's CN. */
        int spelled = -1;
        /** The CN's value, or null for a name not spelled as the subject or without a CN. */
        String cn;

        Spelling(byte[] n, int from, int to) {
            this.n = n;
            this.from = from;
            this.to = to;
        }

        @Override
        public void write(byte[] c, int off, int len) {
            int a = spelled(n, from, to, c, off);
            spelled = a;
            if (a >= 0 && a < avaCount) {
                int vs = avas[3 * a + 1];
                cn = new String(c, off + vs, avas[3 * a + 2] - vs, ISO_8859_1);
            }
        }
    }

    /** {@link #spelled(byte[], int, int)} with the certificate at {@code c[base ..]}. */
    private int spelled(byte[] n, int from, int to, byte[] c, int base) {
        int cn = spelled(n, from, to, true, c, base);
        return cn >= 0 ? cn : spelled(n, from, to, false, c, base);
    }

    /** {@link #spelled(byte[], int, int)} in one order. */
    private int spelled(byte[] n, int from, int to, boolean reverse, byte[] c, int base) {
        int p = from;
        int cn = avaCount;
        for (int j = 0; j < avaCount; j++) {
            int a = reverse ? avaCount - 1 - j : j;
            if (j > 0) {
                if (p >= to || n[p] != ',' && n[p] != ';') {
                    return -1;
                }
                p++;
            }
            int kw = avas[3 * a];
            byte[] k = KEYWORD_BYTES[kw];
            int vs = avas[3 * a + 1];
            int ve = avas[3 * a + 2];
            int q = p + k.length; // where '=' must be
            if (to - q <= ve - vs || n[q] != '=') {
                return -1;
            }
            // the keyword: one or two letters mostly, compared without a loop
            if (n[p] != k[0]
                    || k.length > 1 && (n[p + 1] != k[1] || k.length > 2 && !same(n, p + 2, k, 2, k.length - 2))) {
                return -1;
            }
            if (!same(n, q + 1, c, base + vs, ve - vs)) {
                return -1;
            }
            if (kw == 0 && cn == avaCount) {
                cn = a;
            }
            p = q + 1 + ve - vs;
        }
        return p == to ? cn : -1;
    }

    /** @return how many attributes the subject has, for tests */
    int avaCount() {
        return avaCount;
    }

    /**
     * @return the certificate's bytes, the offsets from their start: the caller's copy, or for a certificate read in
     *     place a copy made now (once), for what is not the common case (a name that is not spelled as the subject)
     */
    byte[] bytes() {
        byte[] d = der;
        if (d == null) {
            d = cert.toByteArray(); // a race makes equal copies, any one kept
            der = d;
        }
        return d;
    }

    /** @return true if this holds a copy of the certificate (its own, or one made for what is not the common case) */
    boolean hasCopy() {
        return der != null;
    }

    /** @return the subject Name's DER, a copy */
    byte[] subject() {
        return range(subjectOff, subjectLen);
    }

    /** @return the SubjectPublicKeyInfo's DER, a copy */
    byte[] spki() {
        return range(spkiOff, spkiLen);
    }

    private byte[] range(int off, int len) {
        byte[] d = der;
        return d != null
                ? Arrays.copyOfRange(d, off, off + len)
                : cert.slice(off, len).toByteArray();
    }

    /** @return true if attribute {@code a}, not used yet, has the type {@code [ks, ke)} and the value {@code [vs, ve)} */
    private boolean matches(byte[] n, int ks, int ke, int vs, int ve, int a, long used) {
        int as = avas[3 * a + 1];
        int ae = avas[3 * a + 2];
        return (used & (1L << a)) == 0
                && ae - as == ve - vs
                && isType(n, ks, ke, avas[3 * a])
                && same(n, vs, ve, bytes(), as, ae);
    }

    private static boolean isType(byte[] n, int s, int e, int keyword) {
        String k = KEYWORDS[keyword];
        if (e - s == 1 && keyword == 3 && (n[s] | 0x20) == 's') {
            return true; // S is ST
        }
        if (e - s != k.length()) {
            return false;
        }
        for (int i = 0; i < e - s; i++) {
            int c = n[s + i];
            if (c != k.charAt(i) && (c < 'a' || c > 'z' || c - 32 != k.charAt(i))) {
                return false; // the keywords are upper-case ASCII letters
            }
        }
        return true;
    }

    /**
     * @param der the bytes of one certificate (kept, not copied)
     * @return the facts, or null if the bytes are not a certificate of the subset this reads (malformed, or for the
     *     JDK to decode)
     */
    static CertDer read(byte[] der) {
        return read(der, 0, der.length, null);
    }

    /**
     * Reads a certificate where it lies, a slice of a file, without copying it: the result keeps the slice (as the
     * caller does: lint with its caches off, whose facts live as long as the run) and reads it again where it lies
     * (the common case) or copies it once for what is not.
     *
     * @param der the bytes of one certificate (read in place; the slice is kept, not copied)
     * @return the facts, or null as {@link #read(byte[])}
     */
    static CertDer read(Bytes der) {
        Walk w = new Walk(der);
        der.feed(w);
        return w.result;
    }

    /** Reads within {@link Bytes#feed}, keeping no reference to the array. */
    private static final class Walk implements Bytes.Sink<RuntimeException> {
        private final Bytes cert;
        CertDer result;

        Walk(Bytes cert) {
            this.cert = cert;
        }

        @Override
        public void write(byte[] array, int offset, int length) {
            result = read(array, offset, length, cert);
        }
    }

    /** @param cert the certificate read in place, or null when {@code der} is the caller's own copy (kept) */
    private static CertDer read(byte[] der, int off, int len, Bytes cert) {
        try {
            Reader r = new Reader(der, off, off + len);
            r.certificate();
            return new CertDer(r, cert, off);
        } catch (Outside e) {
            return null;
        }
    }

    /** @return true if the other certificate holds the same key (the same SubjectPublicKeyInfo bytes) */
    boolean sameKey(CertDer o) {
        byte[] a = der;
        byte[] b = o.der;
        if (a != null && b != null) {
            return Arrays.equals(a, spkiOff, spkiOff + spkiLen, b, o.spkiOff, o.spkiOff + o.spkiLen);
        }
        Bytes x = a != null ? Bytes.wrapOwned(a) : cert;
        Bytes y = b != null ? Bytes.wrapOwned(b) : o.cert;
        return x.slice(spkiOff, spkiLen).equals(y.slice(o.spkiOff, o.spkiLen));
    }

    /** @return true if {@code a[as, as + n)} and {@code b[bs, bs + n)} hold the same bytes (one index: a tight loop) */
    static boolean same(byte[] a, int as, byte[] b, int bs, int n) {
        for (int i = 0; i < n; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }

    /** @return true if the two ranges hold the same bytes (a loop: the ranges here are a few bytes long) */
    static boolean same(byte[] a, int as, int ae, byte[] b, int bs, int be) {
        if (ae - as != be - bs) {
            return false;
        }
        for (int i = 0; i < ae - as; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }

    /** Days in the year before the first of each month (index 1 to 12) of a common year. */
    private static final int[] DAYS_BEFORE_MONTH = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    /**
     * @param year from 1 on
     * @return days since 1970-01-01 of a proleptic Gregorian date (as {@code LocalDate.toEpochDay()})
     */
    static long epochDay(int year, int month, int day) {
        int y = year - 1; // leap days before the year: of the years 1 to year - 1 (int arithmetic, no floor)
        int leapDays = y / 4 - y / 100 + y / 400 - 477; // 477 leap days in the years 1 to 1969
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        return 365L * (year - 1970) + leapDays + DAYS_BEFORE_MONTH[month] + (leap && month > 2 ? 1 : 0) + day - 1;
    }

    /** One walk; the fields are the results. */
    private static final class Reader {
        final byte[] b;
        /** Where the certificate ends in {@link #b}. */
        final int limit;

        int pos;
        Instant notBefore;
        Instant notAfter;
        int rsaBits = -1;
        String curve;
        int serialOff;
        int serialLen;
        int subjectOff;
        int subjectLen;
        int spkiOff;
        int spkiLen;
        int[] avas;
        int avaCount;
        /** {@link CertDer#plain}. */
        boolean plain = true;

        Reader(byte[] b, int start, int limit) {
            this.b = b;
            this.pos = start;
            this.limit = limit;
        }

        /**
         * Reads a tag and a minimal definite length at {@link #pos}.
         *
         * @return the end of the content; {@link #pos} is at its start
         */
        int open(int tag, int end) {
            int p = pos;
            if (end - p < 2 || b[p] != (byte) tag) {
                throw OUTSIDE;
            }
            int l = b[p + 1];
            p += 2;
            if (l < 0) {
                return openLong(l & 0x7f, p, end);
            }
            if (l > end - p) {
                throw OUTSIDE;
            }
            pos = p;
            return p + l;
        }

        /** {@link #open}'s long form: {@code n} length octets at {@code p}. */
        private int openLong(int n, int p, int end) {
            if (n == 0 || n > 3 || n > end - p || b[p] == 0) {
                throw OUTSIDE; // indefinite, too long, or not minimal
            }
            int l = 0;
            for (int i = 0; i < n; i++) {
                l = l << 8 | (b[p++] & 0xff);
            }
            if (l < 0x80 || l > end - p) {
                throw OUTSIDE; // the short form was due, or too long for its container
            }
            pos = p;
            return p + l;
        }

        int peek(int end) {
            return pos < end ? b[pos] & 0xff : -1;
        }

        static void require(boolean ok) {
            if (!ok) {
                throw OUTSIDE;
            }
        }

        void certificate() {
            int certEnd = open(0x30, limit);
            require(certEnd == limit);
            int tbsEnd = open(0x30, certEnd);
            boolean v3 = false;
            if (peek(tbsEnd) == 0xa0) {
                int ve = open(0xa0, tbsEnd);
                int ie = open(0x02, ve);
                require(ie == ve && ie - pos == 1 && b[pos] == 2);
                v3 = true;
                pos = ie;
            }
            int se = open(0x02, tbsEnd);
            serialOff = pos;
            serialLen = se - pos;
            integer(serialOff, serialLen, true);
            pos = se;
            int algStart = pos;
            algorithm(tbsEnd);
            int algEnd = pos;
            int issuerOff = pos;
            int issuerEnd = open(0x30, tbsEnd); // the issuer, walked below unless it is the subject
            pos = issuerEnd;
            int ve = open(0x30, tbsEnd);
            notBefore = time(ve);
            notAfter = time(ve);
            require(pos == ve);
            subjectOff = pos;
            subject(tbsEnd);
            subjectLen = pos - subjectOff;
            // a self-signed certificate's (CUCM's) issuer has the subject's bytes, which the stricter subject walk
            // has just accepted: the issuer's walk would accept them too
            if (!Arrays.equals(b, issuerOff, issuerEnd, b, subjectOff, pos)) {
                int after = pos;
                pos = issuerOff;
                name(tbsEnd);
                require(pos == issuerEnd);
                pos = after;
            }
            spki(tbsEnd);
            if (pos < tbsEnd) {
                require(v3); // no unique identifiers; extensions only in version 3
                int xe = open(0xa3, tbsEnd);
                require(xe == tbsEnd);
                extensions(xe);
            }
            require(pos == tbsEnd);
            // the outer signature algorithm: the bytes of the inner one (which were read as an AlgorithmIdentifier)
            int a2 = pos;
            require(certEnd - a2 >= algEnd - algStart && same(b, a2, a2 + algEnd - algStart, b, algStart, algEnd));
            pos = a2 + algEnd - algStart;
            int sigEnd = open(0x03, certEnd);
            require(sigEnd - pos >= 2 && b[pos] == 0 && sigEnd == certEnd);
            pos = sigEnd;
        }

        /** An INTEGER's content: minimal, not empty; positive when asked. */
        void integer(int off, int len, boolean positive) {
            require(len >= 1);
            if (len > 1) {
                require(!(b[off] == 0 && b[off + 1] >= 0) && !(b[off] == -1 && b[off + 1] < 0));
            }
            if (positive) {
                require(b[off] >= 0 && !(len == 1 && b[off] == 0));
            }
        }

        /** @return the bit length of a positive minimal INTEGER's content */
        int bits(int off, int len) {
            int skip = b[off] == 0 ? 1 : 0;
            return (len - skip) * 8 - Integer.numberOfLeadingZeros(b[off + skip] & 0xff) + 24;
        }

        /** An OBJECT IDENTIFIER: well formed as the JDK requires. @return its content start; pos past it */
        int oid(int end) {
            int e = open(0x06, end);
            int start = pos;
            require(e > start && e - start < 0x80 && b[e - 1] >= 0);
            // no subidentifier starts 0x80 (not minimal): no 0x80 first or after a byte that ends one
            int prev = 0;
            for (int i = start; i < e; i++) {
                byte c = b[i];
                require(c != (byte) 0x80 || prev < 0);
                prev = c;
            }
            pos = e;
            return start;
        }

        boolean isOid(int start, int end, byte[] oid) {
            return same(b, start, end, oid, 0, oid.length);
        }

        /** AlgorithmIdentifier with absent or NULL parameters. */
        void algorithm(int end) {
            int e = open(0x30, end);
            oid(e);
            if (pos < e) {
                require(open(0x05, e) == pos);
            }
            require(pos == e);
        }

        /** A Name of at least one RDN, each of at least one attribute with a primitive string value. */
        void name(int end) {
            int ne = open(0x30, end);
            require(ne > pos);
            while (pos < ne) {
                int se = open(0x31, ne);
                require(se > pos);
                while (pos < se) {
                    int ae = open(0x30, se);
                    oid(ae);
                    int tag = peek(ae);
                    require(tag == 0x0c
                            || tag == 0x13
                            || tag == 0x16
                            || tag == 0x14
                            || tag == 0x1e
                            || tag == 0x1c
                            || tag == 0x12
                            || tag == 0x1a);
                    require(open(tag, ae) == ae);
                    pos = ae;
                }
            }
        }

        /**
         * The subject: a Name as {@link #name} reads it whose attributes all have a type with an RFC 2253 keyword
         * ({@link #KEYWORDS}) and a UTF8String, PrintableString or IA5String value of printable ASCII; puts them in
         * {@link #avas}.
         */
        void subject(int end) {
            int ne = open(0x30, end);
            require(ne > pos);
            int[] a = new int[3 * 8];
            int n = 0;
            while (pos < ne) {
                int se = open(0x31, ne);
                require(se > pos);
                while (pos < se) {
                    int ae = open(0x30, se);
                    // the type, one of the keywords' OIDs (each well formed): 2.5.4.x, or DC or UID
                    int p = pos;
                    int kw;
                    if (ae - p >= 5 && b[p] == 0x06 && b[p + 1] == 3 && b[p + 2] == 0x55 && b[p + 3] == 0x04) {
                        int x = b[p + 4];
                        kw = x >= 0 && x < ID_AT_KEYWORDS.length ? ID_AT_KEYWORDS[x] : -1;
                        pos = p + 5;
                    } else if (ae - p >= 12
                            && b[p] == 0x06
                            && b[p + 1] == 10
                            && same(b, p + 2, p + 10, DC_UID_ARC, 0, 8)
                            && b[p + 10] == 0x01) {
                        kw = b[p + 11] == 0x19 ? 7 : b[p + 11] == 0x01 ? 8 : -1;
                        pos = p + 12;
                    } else {
                        throw OUTSIDE;
                    }
                    require(kw >= 0 && n < 64);
                    byte tag = pos < ae ? b[pos] : 0;
                    require(tag == 0x0c || tag == 0x13 || tag == 0x16);
                    require(open(tag, ae) == ae);
                    if (3 * n == a.length) {
                        a = Arrays.copyOf(a, a.length * 2);
                    }
                    a[3 * n] = kw;
                    ascii(pos, ae, a, 3 * n + 1);
                    n++;
                    pos = ae;
                }
            }
            avas = a;
            avaCount = n;
        }

        /** Checks a value is printable ASCII; puts where it starts and ends, trimmed (as the name key trims it). */
        void ascii(int s, int e, int[] out, int at) {
            int k = 0;
            for (int i = s; i < e; i++) {
                k |= VALUE_BYTES[b[i] & 0xff];
            }
            require(k < 2);
            if (k != 0) {
                plain = false;
            }
            while (s < e && b[s] == ' ') {
                s++;
            }
            while (e > s && b[e - 1] == ' ') {
                e--;
            }
            out[at] = s;
            out[at + 1] = e;
        }

        /** UTCTime {@code YYMMDDhhmmssZ} or GeneralizedTime {@code YYYYMMDDhhmmssZ}, valid dates only. */
        Instant time(int end) {
            // the tag and the length (short: 13 or 15) read as open() reads them, then the digits in straight code
            int p = pos;
            int century; // -1 for UTCTime
            if (end - p >= 15 && b[p] == 0x17 && b[p + 1] == 13 && b[p + 14] == 'Z') {
                century = -1;
                pos = p + 15;
                p += 2;
            } else if (end - p >= 17 && b[p] == 0x18 && b[p + 1] == 15 && b[p + 16] == 'Z') {
                int c1 = b[p + 2] - '0';
                int c2 = b[p + 3] - '0';
                require((c1 | 9 - c1 | c2 | 9 - c2) >= 0);
                century = c1 * 10 + c2;
                pos = p + 17;
                p += 4;
            } else {
                throw OUTSIDE;
            }
            int y1 = b[p] - '0';
            int y2 = b[p + 1] - '0';
            int mo1 = b[p + 2] - '0';
            int mo2 = b[p + 3] - '0';
            int d1 = b[p + 4] - '0';
            int d2 = b[p + 5] - '0';
            int h1 = b[p + 6] - '0';
            int h2 = b[p + 7] - '0';
            int mi1 = b[p + 8] - '0';
            int mi2 = b[p + 9] - '0';
            int s1 = b[p + 10] - '0';
            int s2 = b[p + 11] - '0';
            // each a digit: none negative, none above 9
            require((y1 | 9 - y1 | y2 | 9 - y2 | mo1 | 9 - mo1 | mo2 | 9 - mo2 | d1 | 9 - d1 | d2 | 9 - d2 | h1 | 9 - h1
                            | h2 | 9 - h2 | mi1 | 9 - mi1 | mi2 | 9 - mi2 | s1 | 9 - s1 | s2 | 9 - s2)
                    >= 0);
            int yy = y1 * 10 + y2;
            int year;
            if (century < 0) {
                year = yy < 50 ? 2000 + yy : 1900 + yy;
            } else {
                year = century * 100 + yy;
                require(year >= 1950);
            }
            int month = mo1 * 10 + mo2;
            int day = d1 * 10 + d2;
            int hour = h1 * 10 + h2;
            int minute = mi1 * 10 + mi2;
            int second = s1 * 10 + s2;
            require(month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60);
            boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
            require(day
                    <= (month == 2
                            ? (leap ? 29 : 28)
                            : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31));
            long days = epochDay(year, month, day);
            return Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second);
        }

        /** SubjectPublicKeyInfo: RSA (rsaEncryption, NULL) or EC on a named NIST curve, uncompressed point. */
        void spki(int end) {
            spkiOff = pos;
            int e = open(0x30, end);
            int ae = open(0x30, e);
            int oe = open(0x06, ae); // compared with known OIDs alone (well formed)
            int os = pos;
            pos = oe;
            if (isOid(os, oe, RSA)) {
                require(open(0x05, ae) == pos && pos == ae);
                int be = open(0x03, e);
                require(be == e && be - pos >= 1 && b[pos] == 0);
                pos++;
                int ke = open(0x30, be);
                require(ke == be);
                int ne = open(0x02, ke);
                integer(pos, ne - pos, true);
                int bits = bits(pos, ne - pos);
                pos = ne;
                int ee = open(0x02, ke);
                integer(pos, ee - pos, true);
                int ebits = bits(pos, ee - pos);
                pos = ee;
                require(ee == ke && bits >= 512 && bits <= 16384 && ebits >= 2 && (bits <= 3072 || ebits <= 64));
                rsaBits = bits;
            } else if (isOid(os, oe, EC)) {
                int ce = open(0x06, ae); // compared with known OIDs alone
                int cs = pos;
                pos = ce;
                require(ce == ae);
                int size;
                if (isOid(cs, ce, P256)) {
                    curve = "P-256";
                    size = 32;
                } else if (isOid(cs, ce, P384)) {
                    curve = "P-384";
                    size = 48;
                } else if (isOid(cs, ce, P521)) {
                    curve = "P-521";
                    size = 66;
                } else {
                    throw OUTSIDE;
                }
                int be = open(0x03, e);
                require(be == e && be - pos == 2 + 2 * size && b[pos] == 0 && b[pos + 1] == 4);
                pos = be;
            } else {
                throw OUTSIDE;
            }
            require(pos == e);
            spkiLen = pos - spkiOff;
        }

        /** Extensions: no duplicates; critical ones unknown to the JDK or well-formed BC, KU, EKU. */
        void extensions(int end) {
            int se = open(0x30, end);
            require(se > pos && se == end);
            int first = pos;
            int n = 0;
            long seen = 0; // the id-ce extensions 2.5.29.0 to 2.5.29.63 met so far (their OID's last byte)
            boolean others = false; // whether an extension of another OID was met
            while (pos < se) {
                int start = pos;
                int ee = open(0x30, se);
                int t = pos;
                int os;
                if (ee - t >= 5
                        && b[t] == 0x06
                        && b[t + 1] == 3
                        && b[t + 2] == 0x55
                        && b[t + 3] == 0x1d
                        && b[t + 4] >= 0) {
                    os = t + 2; // 2.5.29.x, x below 128: a well-formed OID, as oid() would find
                    pos = t + 5;
                } else {
                    os = oid(ee);
                }
                int oe = pos;
                require(++n <= MAX_EXTENSIONS);
                // no duplicate: an id-ce OID of three bytes (the common ones) is told by the set, no other OID can
                // equal it; another is compared with the earlier extensions, read and checked already, walked again
                // (no array)
                boolean ce = oe - os == 3 && b[os] == 0x55 && b[os + 1] == 0x1d && b[os + 2] >= 0 && b[os + 2] < 64;
                if (ce) {
                    long bit = 1L << b[os + 2];
                    require((seen & bit) == 0);
                    seen |= bit;
                }
                for (int p = first; p < start && !ce && others; ) {
                    int l = b[p + 1] & 0xff; // the Extension's length, checked when it was read
                    int q = p + 2;
                    if (l >= 0x80) {
                        int k = l & 0x7f;
                        l = 0;
                        for (int i = 0; i < k; i++) {
                            l = l << 8 | (b[q++] & 0xff);
                        }
                    }
                    // its OID: tag 06 and a short length (the walk keeps OIDs under 128 bytes)
                    require(!same(b, os, oe, b, q + 2, q + 2 + b[q + 1]));
                    p = q + l;
                }
                others |= !ce;
                boolean critical = false;
                if (peek(ee) == 0x01) {
                    int be = open(0x01, ee);
                    require(be - pos == 1 && b[pos] == (byte) 0xff);
                    critical = true;
                    pos = be;
                }
                int ve = open(0x04, ee);
                require(ve == ee);
                if (critical && knownToJdk(os, oe)) {
                    require(oe - os == 3);
                    switch (b[os + 2]) {
                        case 0x13:
                            basicConstraints(ve);
                            break;
                        case 0x0f:
                            keyUsage(ve);
                            break;
                        case 0x25:
                            extendedKeyUsage(ve);
                            break;
                        default:
                            throw OUTSIDE;
                    }
                }
                pos = ee;
            }
        }

        boolean knownToJdk(int s, int e) {
            int n = e - s;
            return n >= 2 && same(b, s, s + 2, ID_CE, 0, 2)
                    || n >= 6 && same(b, s, s + 6, ID_PKIX, 0, 6)
                    || n >= 8 && same(b, s, s + 8, NETSCAPE, 0, 8);
        }

        /** BasicConstraints ::= SEQUENCE { cA BOOLEAN TRUE OPTIONAL, pathLen INTEGER (small) OPTIONAL } */
        void basicConstraints(int end) {
            int e = open(0x30, end);
            require(e == end);
            if (pos < e) {
                int be = open(0x01, e);
                require(be - pos == 1 && b[pos] == (byte) 0xff);
                pos = be;
                if (pos < e) {
                    int ie = open(0x02, e);
                    require(ie - pos == 1 && b[pos] >= 0);
                    pos = ie;
                }
            }
            require(pos == e);
        }

        /** KeyUsage ::= BIT STRING of at least one byte, unused bits 0 to 7 and zero. */
        void keyUsage(int end) {
            int e = open(0x03, end);
            require(e == end && e - pos >= 2);
            int unused = b[pos];
            require(unused >= 0 && unused <= 7 && (b[e - 1] & ((1 << unused) - 1)) == 0);
            pos = e;
        }

        /** ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
        void extendedKeyUsage(int end) {
            int e = open(0x30, end);
            require(e == end && e > pos);
            while (pos < e) {
                oid(e);
            }
        }
    }
}
