package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlRecord;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** Certificate, serial, digest and name helpers of the simulator. Not API. */
final class Certs {
    private Certs() {}

    /**
     * Decodes one DER certificate; empty if the bytes are not one. Never throws: the bytes are scanned first (nesting
     * depth, definite lengths), so a hostile encoding never reaches the recursive parser (no StackOverflowError).
     */
    static Optional<X509Certificate> decode(Bytes der) {
        return io.github.itl4j.crypto.internal.Certificates.parse(der);
    }

    static Bytes der(X509Certificate c) {
        try {
            return Bytes.wrapOwned(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
        }
    }

    static Bytes digest(DigestAlgorithm alg, Bytes data) {
        try {
            MessageDigest md = MessageDigest.getInstance(alg.jcaName().orElseThrow());
            data.feed(md::update);
            return Bytes.wrapOwned(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is not available", e);
        }
    }

    static Bytes sha1(Bytes data) {
        return digest(DigestAlgorithm.SHA1, data);
    }

    /** A serial number as the unsigned magnitude without leading zero bytes, in lower-case hex. */
    static String serialHex(Bytes serial) {
        String h = serial.toHex();
        int i = 0;
        while (i + 2 <= h.length() - 2 && h.startsWith("00", i)) {
            i += 2;
        }
        return h.substring(i).toLowerCase(Locale.ROOT);
    }

    static String serialHex(BigInteger serial) {
        byte[] b = serial.toByteArray();
        return serialHex(Bytes.wrapOwned(b));
    }

    /** Serial as {@code show itl} prints it: upper-case hex pairs separated by colons. */
    static String serialText(String hex) {
        StringBuilder sb = new StringBuilder();
        String h = hex.length() % 2 == 1 ? "0" + hex : hex;
        for (int i = 0; i < h.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(h, i, i + 2);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * A record's key: its CERTIFICATE's, else its PUBLICKEY field (PKCS#1 RSAPublicKey DER).
     *
     * @return the key, or empty
     */
    static Optional<PublicKey> pkcs1(Bytes der) {
        try {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            byte[] b = der.toByteArray();
            int[] pos = {0};
            if (b.length < 2 || b[0] != 0x30) {
                return Optional.empty();
            }
            pos[0] = 1;
            int seqLen = length(b, pos);
            if (seqLen < 0 || pos[0] + seqLen > b.length) {
                return Optional.empty();
            }
            BigInteger n = integer(b, pos);
            BigInteger e = integer(b, pos);
            if (n == null || e == null || n.signum() <= 0 || e.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int length(byte[] b, int[] pos) {
        if (pos[0] >= b.length) {
            return -1;
        }
        int first = b[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0 || n > 3 || pos[0] + n > b.length) {
            return -1;
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (b[pos[0]++] & 0xFF);
        }
        return len;
    }

    private static BigInteger integer(byte[] b, int[] pos) {
        if (pos[0] >= b.length || b[pos[0]++] != 0x02) {
            return null;
        }
        int len = length(b, pos);
        if (len <= 0 || pos[0] + len > b.length) {
            return null;
        }
        byte[] v = new byte[len];
        System.arraycopy(b, pos[0], v, 0, len);
        pos[0] += len;
        return new BigInteger(v);
    }

    /** Does the record stand for this certificate: same CERTIFICATE bytes, or CERTHASH of its DER? */
    static boolean recordIs(ItlRecord r, Bytes der) {
        Optional<Bytes> c = r.certificate();
        if (c.isPresent()) {
            return c.get().equals(der);
        }
        Optional<Bytes> h = r.certHash();
        if (h.isPresent()) {
            DigestAlgorithm alg =
                    r.hashAlgorithm().orElse(h.get().size() == 20 ? DigestAlgorithm.SHA1 : DigestAlgorithm.of(0));
            return alg.isKnown() && digest(alg, der).equals(h.get());
        }
        return false;
    }

    /**
     * Compares two distinguished names as multisets of (type, value) (docs/trust.md §3.5): CUCM writes
     * {@code CN=..;OU=..} in a fixed order, certutils RFC 4514 joined with {@code ,} in DER order. Equal {@link
     * #nameKey name keys}, so CUCM's {@code CN=a;O=Example, Inc.} (values written as they are) names the certificate
     * whose RFC 4514 name is {@code CN=a,O=Example\, Inc.}.
     */
    static boolean sameName(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || nameKey(a).equals(nameKey(b));
    }

    /**
     * A name in a form that compares as a multiset of (type, value): its {@link #attributes attributes} sorted, joined
     * with NUL.
     */
    static String nameKey(String name) {
        if (name == null) {
            return null;
        }
        List<String> r = attributes(name);
        r.sort(null);
        return String.join("\u0000", r);
    }

    static boolean sameName(X500Principal p, String b) {
        return sameName(p.getName(X500Principal.RFC2253), b);
    }

    /**
     * @param name a name in CUCM or RFC 4514 form
     * @return the value of its first CN attribute in text order, as {@link #attributes} reads it, if it has one
     */
    static Optional<String> commonName(String name) {
        for (String a : attributes(name)) {
            if (a.startsWith("CN=")) {
                return Optional.of(a.substring(3));
            }
        }
        return Optional.empty();
    }

    /** Stands for a quote that is a character of a value (escaped, or not closed as a quote) until quotes come off. */
    private static final char ESCAPED_QUOTE = '\uffff';

    /**
     * A name's attributes in text order, each as {@code TYPE=value}: the type upper case ({@code S} is {@code ST},
     * {@code E} and {@code EMAILADDRESS} the e-mail OID), type and value trimmed. The name ends at its first NUL.
     *
     * <p>The attributes are split at unescaped {@code ;} (CUCM), {@code ,} and {@code +} (RFC 4514), all alike. CUCM
     * writes values as they are, unescaped: a piece without an unescaped {@code =} cannot be an attribute, so it and
     * the separator before it belong to the value before it ({@code CN=a;O=Example, Inc.}, {@code OU=Voice+Video},
     * {@code O=a;b}). A value that opens with a double quote (RFC 1779; the hardware-eToken CTL client's
     * {@code cn="SAST-ADN0054f509 "}, its last value cut before the closing quote) holds separators up to its closing
     * quote and is read without its quotes, when nothing but spaces follows that quote up to a separator, or when it
     * has none and no separator follows; else, and for an escaped quote ({@code \"}), the quote is a character of the
     * value. A name
     * without such a piece or quote has the attributes of the plain split.
     */
    private static List<String> attributes(String name) {
        String s = name;
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        List<StringBuilder> attrs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean eq = false; // cur holds an unescaped '='
        boolean opening = false; // after cur's first '=' and spaces: a quote here opens the value
        boolean quoted = false; // inside a value's quotes
        char sep = 0; // the separator before cur
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : 0;
            if (i < s.length() && c == '\\' && i + 1 < s.length()) {
                char x = s.charAt(++i);
                cur.append(x == '"' ? ESCAPED_QUOTE : x);
                opening = false;
            } else if (i < s.length() && quoted) {
                quoted = c != '"';
                cur.append(c);
            } else if (i == s.length() || c == ';' || c == ',' || c == '+') {
                if (eq || attrs.isEmpty() && !cur.toString().isBlank()) {
                    attrs.add(cur);
                    cur = new StringBuilder();
                } else if (!cur.toString().isBlank()) {
                    // not an attribute: the separator before it was a character of the value before it (an empty
                    // piece is none in the key)
                    attrs.get(attrs.size() - 1).append(sep).append(cur);
                }
                cur.setLength(0);
                eq = false;
                opening = false;
                sep = c;
            } else {
                boolean literal = false;
                if (opening && c == '"') {
                    quoted = quotes(s, i);
                    literal = !quoted; // a character of the value: not taken off as a quote
                }
                opening = c == '=' && !eq || opening && c <= ' ';
                eq |= c == '=';
                cur.append(literal ? ESCAPED_QUOTE : c);
            }
        }
        List<String> out = new ArrayList<>();
        for (StringBuilder a : attrs) {
            add(out, a);
        }
        return out;
    }

    /**
     * @return true if the quote at {@code q}, where a value opens, quotes it: its closing quote is followed by nothing
     *     but spaces up to a separator or the end, or it has none and no separator follows (the last value, cut before
     *     its closing quote); else it is a character of the value
     */
    private static boolean quotes(String s, int q) {
        for (int i = q + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                for (int j = i + 1; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (d == ';' || d == ',' || d == '+') {
                        return true;
                    }
                    if (d > ' ') {
                        return false;
                    }
                }
                return true;
            }
        }
        for (int i = q + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == ',' || c == '+') {
                return false;
            }
        }
        return true;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String t = cur.toString().trim();
        cur.setLength(0);
        if (t.isEmpty()) {
            return;
        }
        int eq = t.indexOf('=');
        if (eq < 0) {
            out.add(t);
            return;
        }
        String type = t.substring(0, eq).trim().toUpperCase(Locale.ROOT);
        if ("EMAILADDRESS".equals(type) || "E".equals(type)) {
            type = "1.2.840.113549.1.9.1";
        }
        if ("S".equals(type)) {
            type = "ST";
        }
        out.add(type + "=" + unquoted(t.substring(eq + 1).trim()).replace(ESCAPED_QUOTE, '"'));
    }

    /**
     * A value in double quotes (RFC 1779; the hardware-eToken CTL client writes {@code cn="SAST-ADN0054f509 "}, its
     * last value cut before the closing quote, docs/format.md §4.3) without them, trimmed; another value as it is.
     */
    private static String unquoted(String v) {
        if (v.length() < 1 || v.charAt(0) != '"') {
            return v;
        }
        int end = v.length() > 1 && v.charAt(v.length() - 1) == '"' ? v.length() - 1 : v.length();
        return v.substring(1, end).trim();
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    static String issuer(X509Certificate c) {
        return c.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    static String hex(Bytes b) {
        return b.toHex().toUpperCase(Locale.ROOT);
    }

    static String shortHex(Bytes b) {
        String h = hex(b);
        return h.length() > 8 ? h.substring(0, 8) + "…" : h;
    }

    static <T> List<T> copy(Collection<? extends T> c) {
        return List.copyOf(c);
    }
}
