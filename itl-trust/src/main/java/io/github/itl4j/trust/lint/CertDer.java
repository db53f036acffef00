package io.github.itl4j.trust.lint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A light reading of a DER X.509 certificate for lint: the facts the rules need (validity, key type and size, curve,
 * subject comparison key, serial, where the subject and the key are) in one bounded walk over the bytes, with no
 * {@code CertificateFactory}, no {@code X500Principal} and no strings but the subject's key.
 *
 * <p>It reads only a strict subset of DER certificates, the common one: version 3 (or 1 without extensions), minimal
 * lengths and integers, an RSA key of 512 to 16,384 bits or an EC key on P-256, P-384 or P-521 (named curve,
 * uncompressed point), signature algorithms without parameters other than NULL and equal inside and outside the
 * signed part, UTCTime or GeneralizedTime validity to the second in UTC, non-empty names of string values, a subject
 * whose attributes all have an RFC 2253 keyword and printable ASCII values, extensions without duplicates whose
 * critical ones are unknown to the JDK or well-formed basic constraints, key usage or extended key usage. For
 * anything else {@link #read} returns null and the caller decodes the certificate with the JDK, which then decides:
 * within the subset the JDK accepts every certificate this accepts and gives the same values ({@code CertDerTest}
 * checks that over every certificate of the test data and over generated and mutated ones). Never throws; the walk
 * is iterative and each length is checked against its container, so malformed bytes end it, in time linear in their
 * length. Immutable.
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

    /** Thrown (one shared instance, no stack trace) when the bytes leave the subset. */
    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super("outside the light subset", null, false, false);
        }
    }

    private static final Outside OUTSIDE = new Outside();

    /** The certificate (not copied: the caller's compact copy). */
    final byte[] der;

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
     * The subject as {@code TrustLists.nameKey} gives it for {@code X500Principal.getName()}: its attributes as
     * {@code KEYWORD=value}, values trimmed, sorted, joined by NUL.
     */
    final String subjectKey;

    private CertDer(Reader r) {
        this.der = r.b;
        this.notBefore = r.notBefore;
        this.notAfter = r.notAfter;
        this.rsaBits = r.rsaBits;
        this.curve = r.curve;
        this.serialOff = r.serialOff;
        this.serialLen = r.serialLen;
        this.subjectOff = r.subjectOff;
        this.subjectLen = r.subjectLen;
        this.spkiOff = r.spkiOff;
        this.spkiLen = r.spkiLen;
        this.subjectKey = r.subjectKey;
    }

    /**
     * @param der the bytes of one certificate (kept, not copied)
     * @return the facts, or null if the bytes are not a certificate of the subset this reads (malformed, or for the
     *     JDK to decode)
     */
    static CertDer read(byte[] der) {
        try {
            Reader r = new Reader(der);
            r.certificate();
            return new CertDer(r);
        } catch (Outside e) {
            return null;
        }
    }

    /** @return true if the other certificate holds the same key (the same SubjectPublicKeyInfo bytes) */
    boolean sameKey(CertDer o) {
        return Arrays.equals(der, spkiOff, spkiOff + spkiLen, o.der, o.spkiOff, o.spkiOff + o.spkiLen);
    }

    /** One walk; the fields are the results. */
    private static final class Reader {
        final byte[] b;
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
        String subjectKey;

        Reader(byte[] b) {
            this.b = b;
        }

        /**
         * Reads a tag and a minimal definite length at {@link #pos}.
         *
         * @return the end of the content; {@link #pos} is at its start
         */
        int open(int tag, int end) {
            if (pos + 2 > end || (b[pos] & 0xff) != tag) {
                throw OUTSIDE;
            }
            pos++;
            int l = b[pos++] & 0xff;
            if (l >= 0x80) {
                int n = l & 0x7f;
                if (n == 0 || n > 3 || n > end - pos || b[pos] == 0) {
                    throw OUTSIDE; // indefinite, too long, or not minimal
                }
                l = 0;
                for (int i = 0; i < n; i++) {
                    l = l << 8 | (b[pos++] & 0xff);
                }
                if (l < 0x80) {
                    throw OUTSIDE; // the short form was due
                }
            }
            if (l > end - pos) {
                throw OUTSIDE;
            }
            return pos + l;
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
            int certEnd = open(0x30, b.length);
            require(certEnd == b.length);
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
            name(tbsEnd, false); // issuer
            int ve = open(0x30, tbsEnd);
            notBefore = time(ve);
            notAfter = time(ve);
            require(pos == ve);
            subjectOff = pos;
            name(tbsEnd, true);
            subjectLen = pos - subjectOff;
            spki(tbsEnd);
            if (pos < tbsEnd) {
                require(v3); // no unique identifiers; extensions only in version 3
                int xe = open(0xa3, tbsEnd);
                require(xe == tbsEnd);
                extensions(xe);
            }
            require(pos == tbsEnd);
            int a2 = pos;
            algorithm(certEnd);
            require(Arrays.equals(b, a2, pos, b, algStart, algEnd));
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
            require(e > start && (b[e - 1] & 0x80) == 0);
            for (int i = start; i < e; i++) {
                require(!(b[i] == (byte) 0x80 && (i == start || (b[i - 1] & 0x80) == 0)));
            }
            pos = e;
            return start;
        }

        boolean isOid(int start, int end, byte[] oid) {
            return Arrays.equals(b, start, end, oid, 0, oid.length);
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
        void name(int end, boolean subject) {
            int ne = open(0x30, end);
            require(ne > pos);
            String[] keys = subject ? new String[4] : null;
            int n = 0;
            while (pos < ne) {
                int se = open(0x31, ne);
                require(se > pos);
                while (pos < se) {
                    int ae = open(0x30, se);
                    int os = oid(ae);
                    int oe = pos;
                    int tag = peek(ae);
                    require(tag == 0x0c
                            || tag == 0x13
                            || tag == 0x16
                            || tag == 0x14
                            || tag == 0x1e
                            || tag == 0x1c
                            || tag == 0x12
                            || tag == 0x1a);
                    int vs = open(tag, ae);
                    int vstart = pos;
                    require(vs == ae);
                    if (subject) {
                        require(tag == 0x0c || tag == 0x13 || tag == 0x16);
                        String kw = keyword(os, oe);
                        require(kw != null);
                        if (n == keys.length) {
                            require(n < 64);
                            keys = Arrays.copyOf(keys, n * 2);
                        }
                        keys[n++] = kw + '=' + ascii(vstart, vs);
                    }
                    pos = ae;
                }
            }
            if (subject) {
                Arrays.sort(keys, 0, n);
                subjectKey = n == 1
                        ? keys[0]
                        : String.join("\u0000", Arrays.asList(keys).subList(0, n));
            }
        }

        /** @return a printable ASCII value, trimmed (as the name key trims it) */
        String ascii(int s, int e) {
            for (int i = s; i < e; i++) {
                require(b[i] >= 0x20 && b[i] < 0x7f);
            }
            while (s < e && b[s] == ' ') {
                s++;
            }
            while (e > s && b[e - 1] == ' ') {
                e--;
            }
            return new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /** @return the RFC 2253 keyword of an attribute type, as {@code X500Principal.getName()} writes it, or null */
        String keyword(int s, int e) {
            int n = e - s;
            if (n == 3 && b[s] == 0x55 && b[s + 1] == 0x04) {
                switch (b[s + 2]) {
                    case 3:
                        return "CN";
                    case 6:
                        return "C";
                    case 7:
                        return "L";
                    case 8:
                        return "ST";
                    case 9:
                        return "STREET";
                    case 10:
                        return "O";
                    case 11:
                        return "OU";
                    default:
                        return null;
                }
            }
            if (n == 10 && Arrays.equals(b, s, s + 8, DC_UID_ARC, 0, 8) && b[s + 8] == 0x01) {
                return b[s + 9] == 0x19 ? "DC" : b[s + 9] == 0x01 ? "UID" : null;
            }
            return null;
        }

        /** UTCTime {@code YYMMDDhhmmssZ} or GeneralizedTime {@code YYYYMMDDhhmmssZ}, valid dates only. */
        Instant time(int end) {
            int tag = peek(end);
            int year;
            int p;
            if (tag == 0x17) {
                int e = open(0x17, end);
                require(e - pos == 13 && b[e - 1] == 'Z');
                int yy = digits(pos, 2);
                year = yy < 50 ? 2000 + yy : 1900 + yy;
                p = pos + 2;
                pos = e;
            } else {
                int e = open(0x18, end);
                require(e - pos == 15 && b[e - 1] == 'Z');
                year = digits(pos, 4);
                require(year >= 1950);
                p = pos + 4;
                pos = e;
            }
            int month = digits(p, 2);
            int day = digits(p + 2, 2);
            int hour = digits(p + 4, 2);
            int minute = digits(p + 6, 2);
            int second = digits(p + 8, 2);
            require(month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60);
            require(day <= LocalDate.of(year, month, 1).lengthOfMonth());
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second);
        }

        int digits(int at, int n) {
            int v = 0;
            for (int i = at; i < at + n; i++) {
                int d = b[i] - '0';
                require(d >= 0 && d <= 9);
                v = v * 10 + d;
            }
            return v;
        }

        /** SubjectPublicKeyInfo: RSA (rsaEncryption, NULL) or EC on a named NIST curve, uncompressed point. */
        void spki(int end) {
            spkiOff = pos;
            int e = open(0x30, end);
            int ae = open(0x30, e);
            int os = oid(ae);
            int oe = pos;
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
                int cs = oid(ae);
                int ce = pos;
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
            int[] oids = new int[MAX_EXTENSIONS * 2];
            int n = 0;
            while (pos < se) {
                int ee = open(0x30, se);
                int os = oid(ee);
                int oe = pos;
                for (int i = 0; i < n; i++) {
                    require(!Arrays.equals(b, os, oe, b, oids[2 * i], oids[2 * i + 1]));
                }
                require(n < MAX_EXTENSIONS);
                oids[2 * n] = os;
                oids[2 * n + 1] = oe;
                n++;
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
            return n >= 2 && Arrays.equals(b, s, s + 2, ID_CE, 0, 2)
                    || n >= 6 && Arrays.equals(b, s, s + 6, ID_PKIX, 0, 6)
                    || n >= 8 && Arrays.equals(b, s, s + 8, NETSCAPE, 0, 8);
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
