package io.github.itl4j.trust.lint;

import static io.github.itl4j.trust.lint.LintSeverity.ERROR;
import static io.github.itl4j.trust.lint.LintSeverity.INFO;
import static io.github.itl4j.trust.lint.LintSeverity.OFF;
import static io.github.itl4j.trust.lint.LintSeverity.WARN;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.Role;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.trust.ModelTable;
import io.github.itl4j.trust.TrustLists;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.lint.LintContext.Rec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rule catalogue of docs/lint.md, L01 to L41, in order. */
final class Rules {
    /** Trust lists phones load at most (SG14). */
    static final long MAX_TRUST_LIST = TrustSimulator.MAX_TRUST_LIST_SIZE;
    /** Phones cap downloads at 2048 KB (EMCC). */
    static final long MAX_DOWNLOAD = TrustSimulator.MAX_DOWNLOAD_SIZE;
    /** Cisco's certificate count for a 64 KB ITL (SG14). */
    static final int MAX_CERTIFICATES = 39;

    private static final Set<ProblemCode> SIGNER_ERRORS = EnumSet.of(
            ProblemCode.NO_SIGNER,
            ProblemCode.SIGNER_WRONG_ROLE,
            ProblemCode.SIGNATURE_INVALID,
            ProblemCode.SIGNATURE_MODULUS_MISMATCH,
            ProblemCode.SIGNATURE_LENGTH_MISMATCH,
            ProblemCode.SIGNER_HAS_NO_KEY,
            ProblemCode.PUBLIC_KEY_MALFORMED,
            ProblemCode.MISSING_HEADER_FIELD,
            ProblemCode.MALFORMED_HEADER_FIELD,
            ProblemCode.SIGNER_NOT_TRUSTED,
            ProblemCode.SIGNER_ISSUER_MISMATCH,
            ProblemCode.SIGNER_NAME_MISMATCH,
            ProblemCode.SEVERAL_SIGNER_CANDIDATES,
            ProblemCode.SIGNER_KEY_FROM_PUBLIC_KEY_FIELD);
    private static final Set<ProblemCode> RECORD_CONSISTENCY = EnumSet.of(
            ProblemCode.PUBLIC_KEY_MISMATCH,
            ProblemCode.SERIAL_NUMBER_MISMATCH,
            ProblemCode.CERTIFICATE_SIGNATURE_MISMATCH,
            ProblemCode.CERTIFICATE_MALFORMED,
            ProblemCode.CERTIFICATE_ENCODING_REFUSED);
    private static final Set<ProblemCode> UNKNOWN_DIGEST = EnumSet.of(ProblemCode.UNKNOWN_DIGEST_ALGORITHM);
    private static final Set<ProblemCode> NOT_RSA =
            EnumSet.of(ProblemCode.UNSUPPORTED_SIGNATURE_ALGORITHM, ProblemCode.SIGNER_KEY_UNSUPPORTED);
    private static final Set<ProblemCode> CERT_HASH = EnumSet.of(ProblemCode.CERT_HASH_MISMATCH);
    private static final Set<ProblemCode> MISSING_ROLE = EnumSet.of(ProblemCode.MISSING_ROLE);

    static final List<LintRule> ALL = List.of(
            rule(
                    "L01",
                    "TOO_LARGE_FOR_PHONES",
                    "file size > 65 536 bytes",
                    ERROR,
                    ERROR,
                    null,
                    "H",
                    Rules::l01,
                    "SG14"),
            rule(
                    "L02",
                    "TOO_MANY_CERTIFICATES",
                    "certificate/hash records > 39",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l02,
                    "SG14"),
            rule("L03", "TOO_LARGE_TO_DOWNLOAD", "size > 2 MiB", ERROR, ERROR, null, "M", Rules::l03, "EMCC"),
            rule(
                    "L04",
                    "TOO_MANY_SAST",
                    "SAST records > 2",
                    WARN,
                    WARN,
                    "INFO for a CTL in the cucm profile",
                    "M",
                    Rules::l04,
                    "UCMNZ",
                    "SG125-PHONE"),
            rule("L05", "NO_SAST", "no SAST record", ERROR, ERROR, null, "H", Rules::l05, "SG14", "UCMNZ"),
            rule("L06", "SINGLE_SAST", "exactly one SAST record", WARN, INFO, null, "H", Rules::l06, "REGEN", "SG14"),
            rule(
                    "L07",
                    "SIGNER_PROBLEM",
                    "signer not found / not SAST / signature invalid / modulus mismatch",
                    ERROR,
                    ERROR,
                    "the verifier's signer warnings (SIGNER_ISSUER_MISMATCH ...) stay WARN",
                    "R",
                    Rules::l07,
                    "docs/format.md §5"),
            rule("L08", "SIGNER_NOT_FIRST", "signer is not record 1", INFO, INFO, null, "H", Rules::l08, "RESET10"),
            rule(
                    "L09",
                    "RECOVERY_KEY_SHORTER",
                    "the non-signing SAST (or a SAST whose CN starts ITLRECOVERY) has a "
                            + "shorter RSA key than the longest CallManager/TFTP key",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l09,
                    "REGEN"),
            rule(
                    "L10",
                    "RSA_KEY_OVER_2048",
                    "any RSA key > 2048 bits (record or signer)",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l10,
                    "SG125-CERT",
                    "UCMNZ"),
            rule(
                    "L11",
                    "RSA_KEY_NOT_FIPS",
                    "RSA key < 2048",
                    INFO,
                    INFO,
                    "ERROR with --fips",
                    "H",
                    Rules::l11,
                    "8800-SEC"),
            rule("L12", "RSA_512", "RSA 512 (SIGNATUREMODULUS 0)", WARN, WARN, null, "L", Rules::l12),
            rule(
                    "L13",
                    "SHA512_LEGACY_PHONES",
                    "DIGESTALGORITHM = 3 (SHA-512)",
                    WARN,
                    WARN,
                    "ERROR if --models lists a 79xx/89xx/99xx (a model the table says cannot verify SHA-512)",
                    "H",
                    Rules::l13,
                    "SG125-PHONE",
                    "SG15-ENC"),
            rule(
                    "L14",
                    "SHA256_DIGEST",
                    "DIGESTALGORITHM = 2 (SHA-256)",
                    WARN,
                    WARN,
                    null,
                    "M",
                    Rules::l14,
                    "SG15-ENC"),
            rule(
                    "L15",
                    "UNKNOWN_DIGEST_ALGORITHM",
                    "DIGESTALGORITHM unknown",
                    ERROR,
                    ERROR,
                    null,
                    "R",
                    Rules::l15,
                    "docs/format.md §4.6"),
            rule(
                    "L16",
                    "EC_WITHOUT_V11",
                    "an EC key in any record and SIGNERVERSION absent or < 1.1",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l16,
                    "UCMNZ",
                    "CAMELOT"),
            rule(
                    "L17",
                    "EC_TFTP_WITHOUT_RSA_TFTP",
                    "v1.1 with EC TFTP certificates but no RSA TFTP/CCM+TFTP certificate",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l17,
                    "UCMNZ"),
            rule(
                    "L18",
                    "EC_CURVE_NOT_RECOMMENDED",
                    "EC curve not P-256, P-384 or P-521",
                    WARN,
                    WARN,
                    null,
                    "M",
                    Rules::l18,
                    "UCMNZ"),
            rule(
                    "L19",
                    "NOT_RSA_SIGNED",
                    "SIGNATUREALGORITHM != 0 or signer key not RSA",
                    ERROR,
                    ERROR,
                    null,
                    "M",
                    Rules::l19,
                    "docs/format.md §5.2",
                    "docs/trust.md §9"),
            rule(
                    "L20",
                    "CERTIFICATE_EXPIRED",
                    "certificate expired at --now",
                    WARN,
                    WARN,
                    "ERROR if the record is the signer or TFTP/CCM+TFTP",
                    "M",
                    Rules::l20,
                    "REGEN"),
            rule(
                    "L21",
                    "CERTIFICATE_NEAR_EXPIRY",
                    "expires within --near-expiry (default 60 days)",
                    WARN,
                    WARN,
                    null,
                    "M",
                    Rules::l21,
                    "SG125-CERT"),
            rule("L22", "CERTIFICATE_NOT_YET_VALID", "not yet valid at --now", WARN, WARN, null, "L", Rules::l22),
            rule(
                    "L23",
                    "ITLRECOVERY_SHORT_VALIDITY",
                    "ITLRecovery validity < 5 years",
                    INFO,
                    INFO,
                    null,
                    "H",
                    Rules::l23,
                    "SG14"),
            rule(
                    "L24",
                    "NO_TFTP_CERTIFICATE",
                    "no TFTP/CCM+TFTP certificate record",
                    WARN,
                    INFO,
                    null,
                    "H",
                    Rules::l24,
                    "7906 admin guide",
                    "UCMNZ"),
            rule("L25", "NO_TVS", "ITL without a TVS record", WARN, INFO, null, "L", Rules::l25, "R10", "MIG8"),
            rule("L26", "TVS_IN_CTL", "CTL containing a TVS record", WARN, WARN, null, "H", Rules::l26, "REGEN"),
            rule("L27", "ROLLBACK_ITL", "rollback ITL (docs/trust.md §3.4)", WARN, WARN, null, "H", Rules::l27, "SG14"),
            rule(
                    "L28",
                    "DUPLICATE_RECORD",
                    "two records with the same role and certificate identity",
                    WARN,
                    WARN,
                    null,
                    "L",
                    Rules::duplicates),
            rule(
                    "L29",
                    "SEVERAL_ROLES",
                    "one certificate in several roles",
                    INFO,
                    INFO,
                    null,
                    "H",
                    Rules::severalRoles,
                    "SG14"),
            rule(
                    "L30",
                    "SAST_SAME_KEY",
                    "both SAST records hold the same key",
                    WARN,
                    WARN,
                    null,
                    "L",
                    Rules::l30,
                    "inference"),
            rule(
                    "L31",
                    "CERT_HASH_PROBLEM",
                    "CERTHASH != SHA-1(CERTIFICATE) of the same certificate elsewhere, or HASH " + "ALGORITHM != 1",
                    WARN,
                    WARN,
                    null,
                    "R",
                    Rules::l31,
                    "docs/format.md §4"),
            rule(
                    "L32",
                    "RECORD_INCONSISTENT",
                    "PUBLICKEY/SIGNATURE/SERIALNUMBER/SUBJECTNAME differ from the certificate",
                    WARN,
                    WARN,
                    "the verifier's ERROR for the signer's record stays ERROR",
                    "R",
                    Rules::l32,
                    "docs/format.md §10.6"),
            rule(
                    "L33",
                    "FILENAME_NOT_BASE_NAME",
                    "FILENAME not ITLFile.tlv/CTLFile.tlv for a trust list",
                    WARN,
                    WARN,
                    null,
                    "U",
                    Rules::l33,
                    "UCMNZ",
                    "RESET10"),
            rule(
                    "L34",
                    "HEADER_LENGTH_NOT_ALIGNED",
                    "HEADERLENGTH % 4 != 0",
                    WARN,
                    WARN,
                    null,
                    "R",
                    Rules::l34,
                    "docs/format.md §2.3"),
            rule(
                    "L35",
                    "TOLERATED_UNKNOWN",
                    "VERSION > 1.2, unknown tags or roles",
                    INFO,
                    INFO,
                    null,
                    "H",
                    Rules::l35,
                    "MIGSEC",
                    "EMCC"),
            rule(
                    "L36",
                    "TIMESTAMP_ODD",
                    "TIMESTAMP in the future or before the signer's notBefore",
                    INFO,
                    INFO,
                    null,
                    "L",
                    Rules::l36),
            rule(
                    "L37",
                    "CTL_RECORD_WITHOUT_ADDRESS",
                    "CTL CCM+TFTP/TFTP record without IPADDRESS or DNSNAME",
                    INFO,
                    INFO,
                    null,
                    "R",
                    Rules::l37,
                    "docs/format.md §4.5"),
            rule(
                    "L38",
                    "MODE_MISMATCH",
                    "--mode given and the ITL's TFTP record kind disagrees (TFTP = non-secure, " + "CCM+TFTP = mixed)",
                    WARN,
                    WARN,
                    null,
                    "H",
                    Rules::l38,
                    "SG125",
                    "REGEN"),
            rule("L39", "NO_CAPF", "ITL without CAPF record", INFO, OFF, null, "H", Rules::l39, "SG14"),
            rule(
                    "L40",
                    "SERIAL_LEADING_ZERO",
                    "SERIALNUMBER with a leading 0x00",
                    INFO,
                    INFO,
                    null,
                    "R",
                    Rules::l40,
                    "docs/format.md §4.4"),
            rule(
                    "L41",
                    "SIGNER_NEAR_EXPIRY",
                    "signer certificate expires within --near-expiry",
                    WARN,
                    WARN,
                    null,
                    "M",
                    Rules::l41,
                    "REGEN"));

    private Rules() {}

    /**
     * Runs every rule, L01 to L41 in order, as {@link LintContext#run(LintRule)} does when nothing is disabled, but
     * with direct calls of the checks: one method where the JIT sees (and may inline) every check, instead of 41 calls
     * through {@link LintRule.Check}. The checks are the methods {@link #ALL} names, so the findings are the same. A
     * rule that goes over the records runs only when the list meets its precondition, one test of what {@link
     * LintContext} gathered in its one pass over the records (an RSA key over 2048 bits for L10, an EC key for L16): a
     * condition without which the rule finds nothing, never one that decides a finding (the rule tests it again).
     *
     * @param c the context, whose options disable no rule
     */
    static void runAll(LintContext c) {
        List<LintRule> a = ALL;
        l01(c, a.get(0));
        if (c.recs.length > MAX_CERTIFICATES) {
            l02(c, a.get(1));
        }
        l03(c, a.get(2));
        l04(c, a.get(3));
        l05(c, a.get(4));
        l06(c, a.get(5));
        boolean problems = !c.verification().problems().isEmpty(); // the verifier's, taken over by L07, L15, L31 ...
        if (problems) {
            l07(c, a.get(6));
        }
        l08(c, a.get(7));
        if (c.minRsaBits < c.maxRsaBits) { // a SAST key shorter than another
            l09(c, a.get(8));
        }
        if (c.maxRsaBits > 2048 || c.header.signatureModulusBits > 2048) {
            l10(c, a.get(9));
        }
        if (c.minRsaBits < 2048) {
            l11(c, a.get(10));
        }
        if (c.minRsaBits <= 512 || c.header.signatureModulus512) {
            l12(c, a.get(11));
        }
        l13(c, a.get(12));
        l14(c, a.get(13));
        if (problems) {
            l15(c, a.get(14));
        }
        if (c.anyEc) {
            l16(c, a.get(15));
            l17(c, a.get(16));
            l18(c, a.get(17));
        }
        l19(c, a.get(18));
        Instant now = c.options.now();
        if (c.minNotAfter != null) {
            if (now.isAfter(c.minNotAfter)) {
                l20(c, a.get(19));
            }
            if (c.minNotAfter.isBefore(c.nearExpiryLimit())) {
                l21(c, a.get(20));
            }
            if (now.isBefore(c.maxNotBefore)) {
                l22(c, a.get(21));
            }
        }
        if (c.anyRecoveryCertificate) {
            l23(c, a.get(22));
        }
        if (!c.anyConfigSignerCarries) {
            l24(c, a.get(23));
        }
        if (!c.anyTvsCarries) {
            l25(c, a.get(24));
        }
        if (c.isCtl()) {
            l26(c, a.get(25));
        }
        if (!c.anyConfigSignerCarries && !c.anyTvsCarries) { // a rollback ITL: none carries a certificate
            l27(c, a.get(26));
        }
        if (c.recs.length > PAIRWISE_MAX || c.anySameIdentity()) {
            duplicates(c, a.get(27));
            severalRoles(c, a.get(28));
        }
        if (c.sast.size() > 1) {
            l30(c, a.get(29));
        }
        if (problems || c.anyHashToCheck) {
            l31(c, a.get(30));
        }
        if (problems || c.anySubjectMismatch) {
            l32(c, a.get(31));
        }
        l33(c, a.get(32));
        l34(c, a.get(33));
        if (problems || !c.file.warnings().isEmpty() || c.header.version.compareTo(Version.V1_2) > 0) {
            l35(c, a.get(34));
        }
        l36(c, a.get(35));
        if (c.isCtl()) {
            l37(c, a.get(36));
        }
        l38(c, a.get(37));
        l39(c, a.get(38));
        if (c.header.serialLeadingZero || c.anySerialLeadingZero) {
            l40(c, a.get(39));
        }
        l41(c, a.get(40));
    }

    private static void l01(LintContext c, LintRule r) {
        if (c.size > MAX_TRUST_LIST) {
            c.emit(
                    r,
                    null,
                    null,
                    null,
                    -2,
                    "the file is " + c.size + " bytes: phones fail to load trust lists " + "over " + MAX_TRUST_LIST
                            + " bytes; registration fails",
                    "size",
                    c.size,
                    "limit",
                    MAX_TRUST_LIST);
        }
    }

    private static void l02(LintContext c, LintRule r) {
        long n = 0;
        for (Rec x : c.recs) {
            if (x.der != null || x.looks.certHash != null) {
                n++;
            }
        }
        if (n > MAX_CERTIFICATES) {
            c.report(
                    r,
                    null,
                    "" + n + " certificate/hash records: Cisco's limit for the 64 KB ITL is " + MAX_CERTIFICATES
                            + " (the actual limit is the size, L01)",
                    "count",
                    n,
                    "limit",
                    MAX_CERTIFICATES);
        }
    }

    private static void l03(LintContext c, LintRule r) {
        if (c.size > MAX_DOWNLOAD) {
            c.emit(
                    r,
                    null,
                    null,
                    null,
                    -2,
                    "the file is " + c.size + " bytes: phones cap downloads at 2048 KB",
                    "size",
                    c.size,
                    "limit",
                    MAX_DOWNLOAD);
        }
    }

    private static void l04(LintContext c, LintRule r) {
        List<Rec> s = c.sast;
        if (s.size() > 2) {
            c.emit(
                    r,
                    c.isCtl() && c.options.profile() == Profile.CUCM ? INFO : null,
                    null,
                    null,
                    -1,
                    s.size()
                            + " SAST records: usecallmanager states phones accept at most 2; CUCM CTLs can "
                            + "carry more after Phone-SAST-trust imports",
                    "count",
                    s.size());
        }
    }

    private static void l05(LintContext c, LintRule r) {
        if (c.sast.isEmpty()) {
            c.report(r, null, "no SAST record: nothing can authenticate the next version of this list (R3)");
        }
    }

    private static void l06(LintContext c, LintRule r) {
        List<Rec> s = c.sast;
        if (s.size() == 1) {
            c.report(
                    r,
                    s.get(0),
                    "the only SAST record: no second anchor, a lost or regenerated signer key "
                            + "strands phones (8.x-9.x \"unrecoverable\")");
        }
    }

    private static void l07(LintContext c, LintRule r) {
        fromVerifier(c, r, SIGNER_ERRORS, null);
    }

    private static void l08(LintContext c, LintRule r) {
        Rec s = c.signer();
        if (s != null && s.index > 0) {
            c.report(
                    r,
                    s,
                    "the signer is record " + (s.index + 1)
                            + ", not record 1: normal after a reset (RESET10 listing B)",
                    "record",
                    s.index + 1);
        }
    }

    private static void l09(LintContext c, LintRule r) {
        int longest = -1;
        for (Rec x : c.recs) {
            if (x.isConfigSigner() || x.is(Role.CCM)) {
                longest = Math.max(longest, x.rsaBits());
            }
        }
        int signer = c.signerIndex();
        for (Rec x : c.sast) {
            boolean recovery = x.index != signer || x.looks.recovery;
            if (recovery && x.rsaBits() > 0 && x.rsaBits() < longest) {
                c.report(
                        r,
                        x,
                        "the recovery anchor has a " + x.rsaBits() + "-bit key, shorter than the "
                                + longest
                                + "-bit CallManager/TFTP key: \"the ITL recovery command fails\"",
                        "bits",
                        x.rsaBits(),
                        "longest",
                        longest);
            }
        }
    }

    private static void l10(LintContext c, LintRule r) {
        for (Rec x : c.recs) {
            if (x.rsaBits() > 2048) {
                c.report(
                        r,
                        x,
                        "RSA " + x.rsaBits() + "-bit key: some endpoints do not accept 4096-bit "
                                + "certificates in mixed mode; usecallmanager recommends at most 2048",
                        "bits",
                        x.rsaBits());
            }
        }
        // "(record or signer)": a signer that is not a record of the list is known by SIGNATUREMODULUS
        int bits = c.header.signatureModulusBits;
        if (bits > 2048 && c.signer() == null) {
            c.report(
                    r,
                    null,
                    "the file is signed with a " + bits + "-bit RSA key: some endpoints do not accept 4096-bit "
                            + "certificates in mixed mode; usecallmanager recommends at most 2048",
                    "bits",
                    bits);
        }
    }

    private static void l11(LintContext c, LintRule r) {
        for (Rec x : c.recs) {
            if (x.rsaBits() > 0 && x.rsaBits() < 2048) {
                c.emit(
                        r,
                        c.options.fips() ? ERROR : null,
                        null,
                        x,
                        -1,
                        "RSA " + x.rsaBits() + "-bit key: "
                                + "\"Phone failed to register. Cert key size is not FIPS compliant\""
                                + (c.options.fips() ? "" : " (matters in FIPS mode, --fips)"),
                        "bits",
                        x.rsaBits());
            }
        }
    }

    private static void l12(LintContext c, LintRule r) {
        Optional<SignatureModulus> m = c.header.signatureModulus;
        if (m.isPresent() && m.get().code() == 0) {
            c.emit(r, null, null, null, -1, "SIGNATUREMODULUS 0: the file is signed with a 512-bit RSA key");
        }
        for (Rec x : c.recs) {
            if (x.rsaBits() > 0 && x.rsaBits() <= 512) {
                c.report(r, x, "RSA " + x.rsaBits() + "-bit key: weak", "bits", x.rsaBits());
            }
        }
    }

    private static void l13(LintContext c, LintRule r) {
        if (!DigestAlgorithm.SHA512.equals(c.digest())) {
            return;
        }
        List<String> refusing = new ArrayList<>();
        for (String m : c.options.models()) {
            Optional<ModelTable.Entry> e = c.options.modelTable().lookup(m);
            if (e.isPresent() && e.get().sha512() == ModelTable.Support.NO) {
                refusing.add(ModelTable.normalise(m));
            }
        }
        c.emit(
                r,
                refusing.isEmpty() ? null : ERROR,
                null,
                null,
                -1,
                "signed with SHA-512: 79xx/89xx/99xx "
                        + "validate only SHA-1 signatures"
                        + (refusing.isEmpty()
                                ? ""
                                : "; " + String.join(", ", refusing)
                                        + " cannot verify it (\"if not, the phones don't work\")"),
                "models",
                String.join(",", refusing));
    }

    private static void l14(LintContext c, LintRule r) {
        if (DigestAlgorithm.SHA256.equals(c.digest())) {
            c.report(
                    r,
                    null,
                    "signed with SHA-256: CUCM offers only SHA-1 or SHA-512 (\"TFTP File Signature "
                            + "Algorithm\"); phone support unknown");
        }
    }

    private static void l15(LintContext c, LintRule r) {
        fromVerifier(c, r, UNKNOWN_DIGEST, ERROR);
    }

    private static void l16(LintContext c, LintRule r) {
        Optional<Version> v = c.header.signerVersion;
        if (v.isPresent() && v.get().compareTo(Version.V1_1) >= 0) {
            return;
        }
        String keyText = null; // the last message, for the next EC record with the same key type
        String message = null;
        for (Rec x : c.recs) {
            if (x.isEc()) {
                String k = x.keyText();
                if (!k.equals(keyText)) {
                    keyText = k;
                    message = c.header.ecWithoutV11(k);
                }
                c.report(r, x, message);
            }
        }
    }

    private static void l17(LintContext c, LintRule r) {
        Optional<Version> v = c.header.signerVersion;
        if (v.isEmpty() || v.get().compareTo(Version.V1_1) < 0) {
            return;
        }
        boolean ec = false;
        boolean rsa = false;
        for (Rec x : c.recs) {
            ec |= x.isConfigSigner() && x.isEc();
            rsa |= x.isConfigSigner() && x.rsaBits() > 0;
        }
        if (ec && !rsa) {
            c.report(
                    r,
                    null,
                    "EC TFTP certificates but no RSA TFTP/CCM+TFTP certificate: other provisioning "
                            + "files must still be signed with an RSA TFTP key");
        }
    }

    private static void l18(LintContext c, LintRule r) {
        for (Rec x : c.recs) {
            if (x.isEc()) {
                String curve = x.curve();
                if (!curve.equals("P-256") && !curve.equals("P-384") && !curve.equals("P-521")) {
                    c.report(
                            r,
                            x,
                            "EC curve " + curve + " is not one of the recommended P-256, P-384, P-521",
                            "curve",
                            curve);
                }
            }
        }
    }

    private static void l19(LintContext c, LintRule r) {
        fromVerifier(c, r, NOT_RSA, ERROR);
        Rec s = c.signer();
        if (s != null
                && s.looks.hasKey()
                && s.rsaBits() < 0
                && !c.verification().has(ProblemCode.SIGNER_KEY_UNSUPPORTED)) {
            c.report(
                    r,
                    s,
                    "the signer's key is " + s.keyText() + ": trust lists are RSA-signed; "
                            + "no ECDSA layout is known to work on phones");
        }
    }

    private static void l20(LintContext c, LintRule r) {
        int signer = c.signerIndex();
        for (Rec x : c.recs) {
            if (x.hasCert() && c.options.now().isAfter(x.notAfter())) {
                boolean hard = x.index == signer || x.isConfigSigner();
                c.emit(
                        r,
                        hard ? ERROR : null,
                        null,
                        x,
                        -1,
                        "certificate expired on "
                                + day(x.notAfter())
                                + (hard
                                        ? ": \"TFTP is not trusted (phones do not accept "
                                                + "signed configuration files and/or ITL files)\""
                                        : ""),
                        "notAfter",
                        x.notAfter());
            }
        }
    }

    private static void l21(LintContext c, LintRule r) {
        Instant limit = c.nearExpiryLimit();
        for (Rec x : c.recs) {
            Instant na = x.hasCert() ? x.notAfter() : null;
            if (na != null && !c.options.now().isAfter(na) && na.isBefore(limit)) {
                c.report(
                        r,
                        x,
                        "certificate expires on " + day(na) + " (within "
                                + c.options.nearExpiry().toDays() + " days): plan the regeneration",
                        "notAfter",
                        na);
            }
        }
    }

    private static void l22(LintContext c, LintRule r) {
        for (Rec x : c.recs) {
            if (x.hasCert() && c.options.now().isBefore(x.notBefore())) {
                c.report(r, x, "certificate not valid before " + day(x.notBefore()), "notBefore", x.notBefore());
            }
        }
    }

    private static void l23(LintContext c, LintRule r) {
        for (Rec x : c.recs) {
            if (x.hasCert() && x.looks.recovery) {
                Instant nb = x.notBefore();
                Instant na = x.notAfter();
                if (na.isBefore(nb.atZone(ZoneOffset.UTC).plusYears(5).toInstant())) {
                    c.report(
                            r,
                            x,
                            "ITLRecovery valid " + day(nb) + " to " + day(na)
                                    + ", less than 5 years: CUCM "
                                    + "issues it for 5, 10, 15 or 20 years");
                }
            }
        }
    }

    private static void l24(LintContext c, LintRule r) {
        // a rollback ITL (docs/trust.md §3.4): its emptied TFTP and TVS records are L27's finding, not L24/L25's
        if (none(c, Rec::isConfigSigner) && !(c.isItl() && isRollback(c))) {
            c.report(
                    r,
                    null,
                    "no TFTP/CCM+TFTP certificate record: phones then request unsigned configuration " + "files");
        }
    }

    private static void l25(LintContext c, LintRule r) {
        if (c.isItl() && none(c, x -> x.is(Role.TVS)) && !isRollback(c)) {
            c.report(
                    r,
                    null,
                    "ITL without a TVS record: no TVS fallback, every future signer must already be a "
                            + "SAST here (R10)");
        }
    }

    private static void l26(LintContext c, LintRule r) {
        if (c.isCtl()) {
            for (Rec x : c.recs) {
                if (x.is(Role.TVS)) {
                    c.report(r, x, "a CTL with a TVS record: \"TVS is not referenced " + "in CTL\"");
                }
            }
        }
    }

    private static void l27(LintContext c, LintRule r) {
        if (c.isItl() && isRollback(c)) {
            c.report(
                    r,
                    null,
                    "rollback (empty) ITL: Security by Default is disabled, phones accept any ITL and "
                            + "unsigned configuration files");
        }
    }

    private static void l30(LintContext c, LintRule r) {
        List<Rec> s = c.sast;
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                if (s.get(i).looks.sameKey(s.get(j).looks)) {
                    c.report(
                            r,
                            s.get(j),
                            "SAST records " + (s.get(i).index + 1) + " and " + (s.get(j).index + 1)
                                    + " hold the same key: no independent recovery anchor");
                }
            }
        }
    }

    private static void l31(LintContext c, LintRule r) {
        fromVerifier(c, r, CERT_HASH, null);
        for (Rec x : c.recs) {
            DigestAlgorithm ha = x.looks.hashAlgorithm;
            if (ha != null && !ha.equals(DigestAlgorithm.SHA1)) {
                c.emit(r, null, "HASH_ALGORITHM", x, -1, "HASH ALGORITHM is " + ha + ", not SHA-1 (1)");
            }
            Bytes h = x.looks.certHash;
            if (h == null || x.der != null) {
                continue;
            }
            String sid = x.looks.serialIdentity();
            for (Rec y : c.recs) {
                if (y.der != null
                        && sid != null
                        && sid.equals(y.looks.serialIdentity())
                        && !TrustLists.sha1(y.der).equals(h)) {
                    c.emit(
                            r,
                            null,
                            "CERT_HASH_MISMATCH",
                            x,
                            -1,
                            "CERTHASH is not the SHA-1 of record " + (y.index + 1)
                                    + "'s CERTIFICATE (same serial and issuer)",
                            "record",
                            y.index + 1);
                    break;
                }
            }
        }
    }

    private static void l32(LintContext c, LintRule r) {
        fromVerifier(c, r, RECORD_CONSISTENCY, null);
        for (Rec x : c.recs) {
            if (!x.looks.subjectConsistent) {
                c.emit(
                        r,
                        null,
                        "SUBJECT_NAME_MISMATCH",
                        x,
                        -1,
                        "SUBJECTNAME \"" + x.subjectName() + "\" differs " + "from the certificate's subject \""
                                + x.certSubject() + "\"");
            }
        }
    }

    private static void l33(LintContext c, LintRule r) {
        Optional<String> fn = c.header.fileName;
        if (fn.isPresent() && !fn.get().equals("ITLFile.tlv") && !fn.get().equals("CTLFile.tlv")) {
            c.report(
                    r,
                    null,
                    "FILENAME is \"" + fn.get() + "\": per-device copies carry the base name "
                            + "(itl build --filename ITLFile.tlv)",
                    "fileName",
                    fn.get());
        }
    }

    private static void l34(LintContext c, LintRule r) {
        int hl = c.file.header().length();
        if (hl % 4 != 0) {
            c.emit(
                    r,
                    null,
                    null,
                    null,
                    0,
                    "HEADERLENGTH " + hl + " is not a multiple of 4: CUCM and certutils " + "pad to 4",
                    "headerLength",
                    hl);
        }
    }

    private static void l35(LintContext c, LintRule r) {
        Version v = c.header.version;
        if (v.compareTo(Version.V1_2) > 0) {
            c.emit(
                    r,
                    null,
                    "NEWER_VERSION",
                    null,
                    0,
                    "header VERSION " + v + " > 1.2: phones skip what they do " + "not know");
        }
        for (ItlWarning w : c.file.warnings()) {
            if (w.code() == ItlWarning.Code.HEADER_LENGTH_NOT_ALIGNED || w.code() == ItlWarning.Code.NEWER_VERSION) {
                continue;
            }
            Rec x = w.recordIndex() >= 0 && w.recordIndex() < c.recs.length ? c.recs[w.recordIndex()] : null;
            c.emit(r, null, w.code().name(), x, w.offset(), w.message() + " (phones skip unknown TLVs)");
        }
        fromVerifier(c, r, MISSING_ROLE, INFO);
    }

    private static void l36(LintContext c, LintRule r) {
        Optional<Instant> t = c.header.timestamp;
        if (t.isEmpty()) {
            return;
        }
        if (t.get().isAfter(c.options.now())) {
            c.emit(r, null, null, null, -1, "TIMESTAMP " + t.get() + " is after --now " + c.options.now());
        }
        Rec s = c.signer();
        if (s != null && s.hasCert() && t.get().isBefore(s.notBefore())) {
            c.report(r, s, "TIMESTAMP " + t.get() + " is before the signer's notBefore " + s.notBefore());
        }
    }

    private static void l37(LintContext c, LintRule r) {
        if (!c.isCtl()) {
            return;
        }
        for (Rec x : c.recs) {
            if (x.isConfigSigner() && (!x.looks.hasIpAddress || !x.looks.hasDnsName)) {
                c.report(
                        r,
                        x,
                        "CTL " + x.role.name() + " record without "
                                + (!x.looks.hasIpAddress ? "IPADDRESS" : "DNSNAME")
                                + ": CUCM CTL records carry host name and IPv4");
            }
        }
    }

    private static void l38(LintContext c, LintRule r) {
        if (c.options.mode().isEmpty() || !c.isItl()) {
            return;
        }
        boolean tftp = false;
        boolean ccmTftp = false;
        for (Rec x : c.recs) {
            tftp |= x.is(Role.TFTP);
            ccmTftp |= x.is(Role.CCM_TFTP);
        }
        LintOptions.Mode m = c.options.mode().get();
        if (m == LintOptions.Mode.NON_SECURE && !tftp || m == LintOptions.Mode.MIXED && !ccmTftp) {
            c.report(
                    r,
                    null,
                    "--mode "
                            + (m == LintOptions.Mode.MIXED ? "mixed expects a CCM+TFTP" : "non-secure expects a TFTP")
                            + " record; the ITL has "
                            + (tftp ? "TFTP" : ccmTftp ? "CCM+TFTP" : "neither"),
                    "mode",
                    m);
        }
    }

    private static void l39(LintContext c, LintRule r) {
        if (c.isItl() && !any(c, Role.CAPF)) {
            c.report(
                    r,
                    null,
                    "ITL without CAPF record: \"The CAPF certificate isn't required in the ITL File "
                            + "(TVS can authenticate it)\"");
        }
    }

    private static void l40(LintContext c, LintRule r) {
        if (c.header.serialLeadingZero) {
            c.report(
                    r,
                    null,
                    "header SERIALNUMBER has a leading 0x00: CUCM/certutils write the unsigned " + "magnitude");
        }
        for (Rec x : c.recs) {
            if (x.looks.serialLeadingZero) {
                c.report(r, x, "SERIALNUMBER has a leading 0x00: CUCM/certutils write the unsigned magnitude");
            }
        }
    }

    private static void l41(LintContext c, LintRule r) {
        Rec s = c.signer();
        if (s != null
                && s.hasCert()
                && s.notAfter().isBefore(c.nearExpiryLimit())
                && !c.options.now().isAfter(s.notAfter())) {
            c.report(
                    r,
                    s,
                    "the signer's certificate expires on "
                            + day(s.notAfter()) + ": the next "
                            + "list signed with it may be rejected after that (R20)");
        }
    }

    private static LintRule rule(
            String id,
            String code,
            String condition,
            LintSeverity cucm,
            LintSeverity ucm,
            String note,
            String confidence,
            LintRule.Check check,
            String... source) {
        return new LintRule(
                id,
                code,
                condition,
                cucm,
                ucm,
                note,
                List.of(source.length == 0 ? new String[] {"docs/lint.md"} : source),
                confidence,
                check);
    }

    /**
     * Up to this many records, L28 and L29 compare every pair (no allocation unless they fire); above it they index
     * the records in a map (linear).
     */
    static final int PAIRWISE_MAX = 64;

    /** L28: a record with the role and certificate identity of an earlier one. */
    private static void duplicates(LintContext c, LintRule r) {
        if (c.recs.length > PAIRWISE_MAX) {
            Map<List<Object>, Rec> seen = new HashMap<>();
            for (Rec x : c.recs) {
                if (x.looks.identity() != null && x.role != null) {
                    duplicate(c, r, x, seen.putIfAbsent(List.of(x.role, x.looks.identity()), x));
                }
            }
            return;
        }
        int[] first = c.firstSameIdentity();
        for (int i = 1; i < c.recs.length; i++) {
            Rec x = c.recs[i];
            int f = first[i];
            if (f < 0 || f == i || x.role == null) {
                continue; // no identity, or the first record with it
            }
            for (int j = f; j < i; j++) {
                Rec y = c.recs[j];
                if (first[j] == f && x.role.equals(y.role)) {
                    duplicate(c, r, x, y);
                    break;
                }
            }
        }
    }

    private static void duplicate(LintContext c, LintRule r, Rec x, Rec first) {
        if (first != null) {
            c.report(
                    r,
                    x,
                    "duplicate of record " + (first.index + 1) + " (same role and certificate)",
                    "duplicateOf",
                    first.index + 1);
        }
    }

    /** L29: one certificate identity in records of several roles, reported at its first record. */
    private static void severalRoles(LintContext c, LintRule r) {
        if (c.recs.length > PAIRWISE_MAX) {
            Map<String, List<Rec>> byId = new LinkedHashMap<>();
            for (Rec x : c.recs) {
                if (x.looks.identity() != null) {
                    byId.computeIfAbsent(x.looks.identity(), k -> new ArrayList<>())
                            .add(x);
                }
            }
            for (List<Rec> l : byId.values()) {
                Set<String> roles = new LinkedHashSet<>();
                l.forEach(x -> roles.add(roleName(x)));
                severalRoles(c, r, l.get(0), roles);
            }
            return;
        }
        int[] firstSame = c.firstSameIdentity();
        for (int i = 0; i < c.recs.length; i++) {
            if (firstSame[i] != i) {
                continue; // no identity, or reported (or not) at its first record
            }
            Rec x = c.recs[i];
            String first = roleName(x);
            Set<String> roles = null; // made only when a second role shows
            for (int j = i + 1; j < c.recs.length; j++) {
                Rec y = c.recs[j];
                if (firstSame[j] == i) {
                    String role = roleName(y);
                    if (roles == null && !role.equals(first)) {
                        roles = new LinkedHashSet<>();
                        roles.add(first);
                    }
                    if (roles != null) {
                        roles.add(role);
                    }
                }
            }
            if (roles != null) {
                severalRoles(c, r, x, roles);
            }
        }
    }

    private static void severalRoles(LintContext c, LintRule r, Rec first, Set<String> roles) {
        if (roles.size() > 1) {
            c.report(
                    r,
                    first,
                    "the certificate has roles " + String.join(", ", roles) + " (normal for "
                            + "CallManager: SAST + TFTP)",
                    "roles",
                    String.join(",", roles));
        }
    }

    private static String roleName(Rec x) {
        return x.role == null ? "none" : x.role.name();
    }

    /** @return true if a record has this role */
    private static boolean any(LintContext c, Role role) {
        return c.has(role);
    }

    /** @return true if no record of these carries CERTIFICATE, CERTHASH or PUBLICKEY */
    private static boolean none(LintContext c, java.util.function.Predicate<Rec> which) {
        for (Rec x : c.recs) {
            if (x.looks.carries && which.test(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link TrustLists#isRollback} over the records as decoded: at least one TFTP, CCM+TFTP or TVS record, and none of
     * those carries CERTIFICATE, CERTHASH or PUBLICKEY.
     */
    private static boolean isRollback(LintContext c) {
        int placeholders = 0;
        for (Rec x : c.recs) {
            if (x.isConfigSigner() || x.is(Role.TVS)) {
                if (x.looks.carries) {
                    return false;
                }
                placeholders++;
            }
        }
        return placeholders > 0;
    }

    /** @return true for a SERIALNUMBER of more than one byte starting 0x00 (false for null: none) */
    private static boolean leadingZero(Bytes b) {
        return b != null && b.size() > 1 && b.get(0) == 0;
    }

    private static String day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Takes over the verifier's problems with these codes, under the verifier's code. */
    private static void fromVerifier(LintContext c, LintRule r, Set<ProblemCode> codes, LintSeverity forced) {
        List<Problem> problems = c.verification().problems();
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            if (!codes.contains(p.code())) {
                continue;
            }
            LintSeverity s = forced != null ? forced : p.isError() ? ERROR : WARN;
            Rec x = p.recordIndex() >= 0 && p.recordIndex() < c.recs.length ? c.recs[p.recordIndex()] : null;
            c.emit(
                    r,
                    s,
                    p.code().name(),
                    x,
                    p.offset(),
                    String.format(Locale.ROOT, p.code().format(), p.params().toArray()));
        }
    }
}
