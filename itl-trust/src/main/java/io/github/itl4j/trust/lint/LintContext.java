package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.TrustLists;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One lint run over one file: the parsed list, its records decoded once, the verifier's result, the findings. */
final class LintContext {
    static final ItlVerifier VERIFIER = ItlVerifier.builder().build();

    /**
     * A record with what the rules need: its place in the file and what was derived from its bytes ({@link #looks}),
     * which the rules read directly.
     */
    static final class Rec {
        final int index;
        /** The record's offset in the file (an int: a file is one array of bytes). */
        final int offset;
        /** What the rules read from the record, derived once per record content. */
        final RecordFacts looks;

        /** FUNCTION, or null. */
        final Role role;
        /** CERTIFICATE (content equal to the record's), or null. */
        final Bytes der;

        /** {@link #rsaBits()}. */
        private final int rsaBits;
        /** {@link #isEc()}. */
        private final boolean ec;

        Rec(int index, int offset, ItlRecord record) {
            this.index = index;
            this.offset = offset;
            RecordFacts f = RecordFacts.of(record);
            this.looks = f;
            this.role = f.role;
            this.der = f.der;
            CertFacts facts = f.facts;
            // the facts know both (a type check against an interface is slow for keys of alternating classes); a
            // record without a certificate that decodes asks its PUBLICKEY field's key, once per lint
            if (facts != null) {
                this.rsaBits = facts.rsaBits;
                this.ec = facts.curve != null;
            } else {
                PublicKey k = f.key();
                this.rsaBits = k instanceof RSAPublicKey r ? r.getModulus().bitLength() : -1;
                this.ec = k instanceof ECPublicKey;
            }
        }

        /** @return true if the record has a CERTIFICATE that decodes (its validity and subject are known) */
        boolean hasCert() {
            return looks.facts != null;
        }

        /** @return the certificate's notBefore; call only when {@link #hasCert()} */
        Instant notBefore() {
            return looks.facts.notBefore;
        }

        /** @return the certificate's notAfter; call only when {@link #hasCert()} */
        Instant notAfter() {
            return looks.facts.notAfter;
        }

        /** @return the certificate's subject ({@code X500Principal.getName()}); only when {@link #hasCert()} */
        String certSubject() {
            return looks.facts.subject();
        }

        /** @return SUBJECTNAME as text, or null */
        String subjectName() {
            return looks.subjectNameValue == null ? null : looks.subjectNameValue.toNulTerminatedString();
        }

        boolean is(Role r) {
            return r.equals(role);
        }

        boolean isConfigSigner() {
            return Role.TFTP.equals(role) || Role.CCM_TFTP.equals(role);
        }

        /** @return the RSA modulus size, or -1 if the key is not RSA or unknown */
        int rsaBits() {
            return rsaBits;
        }

        /** @return true for an EC key */
        boolean isEc() {
            return ec;
        }

        /** @return the EC curve; only for an EC key */
        String curve() {
            CertFacts facts = looks.facts;
            return facts != null && facts.curve != null ? facts.curve : CertFacts.curve((ECPublicKey) looks.key());
        }

        String keyText() {
            CertFacts facts = looks.facts;
            if (facts != null) {
                return facts.keyText();
            }
            return keyText(looks.key(), rsaBits(), isEc() ? curve() : null);
        }

        static String keyText(PublicKey key, int rsaBits, String curve) {
            if (key instanceof RSAPublicKey) {
                return "RSA " + rsaBits;
            }
            if (key instanceof ECPublicKey) {
                return "EC " + curve;
            }
            return key == null ? "no key" : key.getAlgorithm();
        }
    }

    final ItlFile file;
    final String name;
    final long size;
    final LintOptions options;
    final FileKind kind;
    /** What the rules read from the header, or null without a file. */
    final HeaderFacts header;
    /** The records, in file order. */
    final Rec[] recs;
    /** The SAST records, in file order. */
    final List<Rec> sast;

    // What decides, for the whole list, whether a rule can find anything: made in the one pass over the records that
    // makes them, so that Rules.runAll skips the rules whose precondition no record meets (most rules, for most lists)
    // instead of each going over every record.

    /** The largest RSA key size of a record, or -1 without an RSA key (L09, L10). */
    final int maxRsaBits;
    /** The smallest RSA key size of a record, or {@link Integer#MAX_VALUE} without an RSA key (L09, L11, L12). */
    final int minRsaBits;
    /** True if a record has an EC key (L16, L17, L18). */
    final boolean anyEc;
    /** The earliest notAfter of the records' certificates, or null without a certificate (L20, L21). */
    final Instant minNotAfter;
    /** The latest notBefore of the records' certificates, or null without a certificate (L22). */
    final Instant maxNotBefore;
    /** True if a record with a certificate is an ITLRecovery (L23). */
    final boolean anyRecoveryCertificate;
    /** The roles of the records: bit {@code code} for a role code below 31, bit 31 for any other ({@link #has}). */
    private final int roles;
    /** True if a TFTP or CCM+TFTP record carries CERTIFICATE, CERTHASH or PUBLICKEY (L24, L27). */
    final boolean anyConfigSignerCarries;
    /** True if a TVS record carries CERTIFICATE, CERTHASH or PUBLICKEY (L25, L27). */
    final boolean anyTvsCarries;
    /** True if a record has a HASH ALGORITHM other than SHA-1, or a CERTHASH without CERTIFICATE (L31). */
    final boolean anyHashToCheck;
    /** True if a record's SUBJECTNAME differs from its certificate's subject (L32). */
    final boolean anySubjectMismatch;
    /** True if a record's SERIALNUMBER has a leading 0x00 (L40). */
    final boolean anySerialLeadingZero;

    private VerificationResult verification;
    /** The signer's record, or null; valid once {@link #signerKnown}. */
    private Rec signer;

    private boolean signerKnown;
    /** {@link #firstSameIdentity()}, or null before its first use. */
    private int[] firstSameIdentity;

    private final List<Finding> findings = new ArrayList<>();

    LintContext(ItlFile file, String name, long size, LintOptions options) {
        this(file, name, size, options, null);
    }

    /** @param verification the verifier's result over {@code file}, or null to verify when a rule needs it */
    LintContext(ItlFile file, String name, long size, LintOptions options, VerificationResult verification) {
        this.verification = verification;
        this.file = file;
        this.name = name;
        this.size = size;
        this.options = options;
        this.header = file == null ? null : HeaderFacts.of(file.header());
        // FILENAME decides first (TrustLists.kindOf), and the header's facts know what it tells
        this.kind = file == null
                ? null
                : header.kindByFileName != null ? header.kindByFileName : TrustLists.kindOf(file, name);
        List<ItlRecord> rs = file == null ? List.of() : file.records();
        Rec[] l = new Rec[rs.size()];
        int off = file == null ? 0 : file.header().length();
        Rec firstSast = null;
        Rec secondSast = null;
        int sasts = 0;
        int maxRsa = -1;
        int minRsa = Integer.MAX_VALUE;
        boolean ec = false;
        Instant minNa = null;
        Instant maxNb = null;
        boolean recovery = false;
        int rolesSeen = 0;
        boolean configCarries = false;
        boolean tvsCarries = false;
        boolean hashToCheck = false;
        boolean subjectMismatch = false;
        boolean serialZero = false;
        for (int i = 0; i < l.length; i++) {
            ItlRecord r = rs.get(i);
            Rec x = new Rec(i, off, r);
            l[i] = x;
            off += r.length();
            RecordFacts f = x.looks;
            Role role = x.role;
            if (role != null) {
                int code = role.code();
                rolesSeen |= code < 31 ? 1 << code : 1 << 31;
                if (code == SAST_CODE) {
                    if (sasts == 0) {
                        firstSast = x;
                    } else if (sasts == 1) {
                        secondSast = x;
                    }
                    sasts++;
                } else if (f.carries) {
                    configCarries |= x.isConfigSigner();
                    tvsCarries |= code == TVS_CODE;
                }
            }
            int bits = x.rsaBits;
            if (bits > 0) {
                maxRsa = Math.max(maxRsa, bits);
                minRsa = Math.min(minRsa, bits);
            }
            ec |= x.ec;
            CertFacts cert = f.facts;
            if (cert != null) {
                if (minNa == null || cert.notAfter.isBefore(minNa)) {
                    minNa = cert.notAfter;
                }
                if (maxNb == null || cert.notBefore.isAfter(maxNb)) {
                    maxNb = cert.notBefore;
                }
                recovery |= f.recovery;
            }
            DigestAlgorithm ha = f.hashAlgorithm;
            hashToCheck |= ha != null && !ha.equals(DigestAlgorithm.SHA1) || f.certHash != null && f.der == null;
            subjectMismatch |= !f.subjectConsistent;
            serialZero |= f.serialLeadingZero;
        }
        this.recs = l;
        if (sasts == 0) {
            this.sast = List.of();
        } else if (sasts == 1) {
            this.sast = List.of(firstSast);
        } else if (sasts == 2) {
            this.sast = List.of(firstSast, secondSast);
        } else {
            Rec[] s = new Rec[sasts];
            int n = 0;
            for (Rec x : l) {
                if (x.is(Role.SAST)) {
                    s[n++] = x;
                }
            }
            this.sast = List.of(s);
        }
        this.maxRsaBits = maxRsa;
        this.minRsaBits = minRsa;
        this.anyEc = ec;
        this.minNotAfter = minNa;
        this.maxNotBefore = maxNb;
        this.anyRecoveryCertificate = recovery;
        this.roles = rolesSeen;
        this.anyConfigSignerCarries = configCarries;
        this.anyTvsCarries = tvsCarries;
        this.anyHashToCheck = hashToCheck;
        this.anySubjectMismatch = subjectMismatch;
        this.anySerialLeadingZero = serialZero;
    }

    private static final int SAST_CODE = Role.SAST.code();
    private static final int TVS_CODE = Role.TVS.code();

    /**
     * @param role a role
     * @return true if a record has it
     */
    boolean has(Role role) {
        int code = role.code();
        if (code < 31) {
            return (roles & 1 << code) != 0;
        }
        for (Rec x : recs) {
            if (x.is(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For lists of up to {@link Rules#PAIRWISE_MAX} records (L28, L29): by record, the index of the first record with
     * the same certificate identity (itself when none is earlier), or -1 for a record without one. Made on first use.
     */
    int[] firstSameIdentity() {
        int[] f = firstSameIdentity;
        if (f == null) {
            f = new int[recs.length];
            for (int i = 0; i < f.length; i++) {
                RecordFacts x = recs[i].looks;
                f[i] = x.hasIdentity() ? i : -1;
                for (int j = 0; j < i && f[i] == i; j++) {
                    // records of one certificate share its facts; others compare by bytes (no SHA-1 for two
                    // CERTIFICATEs) or by identity
                    RecordFacts y = recs[j].looks;
                    if (f[j] == j && (x == y || x.sameIdentity(y))) {
                        f[i] = j;
                    }
                }
            }
            firstSameIdentity = f;
        }
        return f;
    }

    /**
     * @return true if two records have the same certificate identity (L28 and L29 find nothing otherwise); for lists of
     *     up to {@link Rules#PAIRWISE_MAX} records: it compares pairs, as {@link #firstSameIdentity()} does, without
     *     an array, and two CERTIFICATEs by length first (most differ in length: no call, no look at their bytes)
     */
    boolean anySameIdentity() {
        for (int i = 1; i < recs.length; i++) {
            RecordFacts x = recs[i].looks;
            if (!x.hasIdentity()) {
                continue;
            }
            Bytes a = x.der;
            for (int j = 0; j < i; j++) {
                RecordFacts y = recs[j].looks;
                Bytes b = y.der;
                if (x == y
                        || (a != null && b != null
                                ? a.size() == b.size() && a.equals(b)
                                : y.hasIdentity() && x.sameIdentity(y))) {
                    return true;
                }
            }
        }
        return false;
    }

    VerificationResult verification() {
        if (verification == null) {
            verification = VERIFIER.verify(file);
        }
        return verification;
    }

    /** @return the signer's record (as the verifier found it), or null */
    Rec signer() {
        if (!signerKnown) {
            OptionalInt i = verification().signerRecordIndex();
            signer = i.isPresent() ? recs[i.getAsInt()] : null;
            signerKnown = true;
        }
        return signer;
    }

    /** @return the header's DIGESTALGORITHM, or null (L13, L14) */
    DigestAlgorithm digest() {
        return header.digest;
    }

    /** @return {@code now + nearExpiry} of the options (L21, L41) */
    Instant nearExpiryLimit() {
        return options.nearExpiryLimit();
    }

    /** @return the signer's record index, or -1 */
    int signerIndex() {
        Rec s = signer();
        return s == null ? -1 : s.index;
    }

    boolean isItl() {
        return kind == FileKind.ITL;
    }

    boolean isCtl() {
        return kind == FileKind.CTL;
    }

    void run(LintRule rule) {
        if (!options.disabled().isEmpty() && options.disabled().contains(rule.id())) {
            return;
        }
        rule.run(this);
    }

    List<Finding> findings() {
        return findings;
    }

    /** Reports a finding at the rule's default severity. */
    void report(LintRule rule, Rec rec, String message, Object... params) {
        emit(rule, null, null, rec, -1, message, params);
    }

    /** Reports a finding without parameters at the rule's default severity (no array made for them). */
    void report(LintRule rule, Rec rec, String message) {
        emit(rule, null, null, rec, -1, message, NO_PARAMS);
    }

    private static final Object[] NO_PARAMS = {};

    /**
     * Reports a finding.
     *
     * @param severity the severity, or null for the rule's default in the profile
     * @param code the code, or null for the rule's
     * @param rec the record, or null for the header
     * @param offset the offset for a header finding, or -1
     * @param params name, value pairs
     */
    void emit(
            LintRule rule, LintSeverity severity, String code, Rec rec, long offset, String message, Object... params) {
        String c = code == null ? rule.code() : code;
        LintSeverity s = options.disabled().isEmpty() && options.severities().isEmpty()
                ? (severity != null ? severity : rule.severity(options.profile()))
                : severity(rule, c, severity);
        if (s == LintSeverity.OFF || s == null) {
            return;
        }
        Map<String, String> p = params.length < 2 ? Map.of() : params(params);
        findings.add(
                rec != null
                        ? Finding.of(rule, c, s, rec.index, rec.offset, null, roleName(rec), rec.looks.cn, message, p)
                        : Finding.of(
                                rule,
                                c,
                                s,
                                -1,
                                Math.max(-1, offset),
                                offset == -2 ? "file" : "header",
                                null,
                                null,
                                message,
                                p));
    }

    /**
     * @return the severity of a finding with code {@code c} under the options' disabled codes and overrides, or null
     *     for a disabled code
     */
    private LintSeverity severity(LintRule rule, String c, LintSeverity severity) {
        if (!options.disabled().isEmpty() && options.disabled().contains(c)) {
            return null;
        }
        LintSeverity s = severity != null ? severity : rule.severity(options.profile());
        Map<String, LintSeverity> overrides = options.severities();
        LintSeverity o = overrides.isEmpty() ? null : overrides.get(c);
        if (o == null && !overrides.isEmpty()) {
            o = overrides.get(rule.id());
        }
        return o != null ? o : s;
    }

    /** @return name, value pairs as a map, in order, a later equal name replacing an earlier value */
    private static Map<String, String> params(Object... params) {
        if (params.length < 4) {
            return Map.of(String.valueOf(params[0]), String.valueOf(params[1]));
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            m.put(String.valueOf(params[i]), String.valueOf(params[i + 1]));
        }
        return Collections.unmodifiableMap(m); // Finding keeps it as it is (findings of one kind share it)
    }

    /** @return the role's name for a finding's location, or null for a record without FUNCTION */
    private static String roleName(Rec rec) {
        return rec.role == null ? null : rec.role.name();
    }

    /**
     * The CN of a name for a finding's location: the value of its first {@code CN=} attribute, trimmed; or the name
     * itself (cut at 40 characters) without one. A name that a plain split at {@code ;} and {@code ,} would misread (an
     * escape, a quote, a {@code +}, a piece without {@code =}) is read as {@link TrustLists#commonName} reads it:
     * {@code CN=Example, Inc.} is the CN {@code Example, Inc.}, {@code CN=a\\,b,O=x} is {@code a,b}, {@code
     * cn="SAST-1 ";ou=x} is {@code SAST-1}.
     *
     * @param subject a name in CUCM or RFC 4514 form
     * @return its CN, for display
     */
    static String cn(String subject) {
        if (misread(subject)) {
            Optional<String> cn = TrustLists.commonName(subject);
            if (cn.isPresent()) {
                return cn.get();
            }
        }
        int start = 0;
        int n = subject.length();
        while (start <= n) {
            int end = start;
            while (end < n && subject.charAt(end) != ';' && subject.charAt(end) != ',') {
                end++;
            }
            int ts = start; // the token trimmed, as String.trim() does, without a copy
            int te = end;
            while (ts < te && subject.charAt(ts) <= ' ') {
                ts++;
            }
            while (te > ts && subject.charAt(te - 1) <= ' ') {
                te--;
            }
            if (te - ts >= 3 && subject.regionMatches(true, ts, "CN=", 0, 3)) {
                return subject.substring(ts + 3, te).trim();
            }
            start = end + 1;
        }
        return subject.length() > 40 ? subject.substring(0, 40) + "…" : subject;
    }

    /** @return true if a plain split at {@code ;} and {@code ,} would misread the name's attributes */
    private static boolean misread(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '+' || c == '"') {
                return true;
            }
        }
        // a piece without '=' (part of the value before it); other characters than ASCII are content alike
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return CertDer.glued(b, 0, b.length);
    }

    /**
     * {@link #cn(String)} of an ASCII text given as its bytes, without making the whole text.
     *
     * @param a holds the text (read only)
     * @param from where it starts
     * @param to where it ends; every byte of {@code [from, to)} is ASCII (not negative)
     * @return the CN, as {@link #cn(String)} gives it
     */
    static String cn(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = a[i];
            if (c == '\\' || c == '+' || c == ',' || c == '"') { // rare at first sight: decided on the text
                return cn(new String(a, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        if (CertDer.glued(a, from, to)) { // a piece without '=', as misread() finds it
            return cn(new String(a, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        int start = from;
        while (start <= to) {
            int end = start;
            while (end < to && a[end] != ';' && a[end] != ',') {
                end++;
            }
            int ts = start;
            int te = end;
            while (ts < te && a[ts] <= ' ') {
                ts++;
            }
            while (te > ts && a[te - 1] <= ' ') {
                te--;
            }
            if (te - ts >= 3 && (a[ts] | 0x20) == 'c' && (a[ts + 1] | 0x20) == 'n' && a[ts + 2] == '=') {
                int vs = ts + 3; // the value trimmed, as String.trim() does
                while (vs < te && a[vs] <= ' ') {
                    vs++;
                }
                return new String(a, vs, te - vs, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            start = end + 1;
        }
        return to - from > 40
                ? new String(a, from, 40, java.nio.charset.StandardCharsets.ISO_8859_1) + "…"
                : new String(a, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
