package io.github.itl4j.trust;

import io.github.itl4j.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trust decision in identity mode (docs/trust.md, "Captures"): the phone holds a list known only by its skeleton
 * (a pasted {@code show itl}/{@code show ctl} capture, {@link ListSkeleton}), so the engine decides only what names,
 * serials and certificate hashes decide, and says where a rule needs bytes the capture does not have:
 *
 * <ul>
 *   <li>R11: an installed rollback ITL accepts any ITL (decided: it is a matter of which records are empty);
 *   <li>R2/R3/R19 (trust lists) and R6 (configuration files): the offered file's signer (header SERIALNUMBER and
 *       CANAME) is looked up among the required roles of the installed lists by serial and issuer; found, the phone
 *       would verify the signature with that record's key, which a capture does not hold, so the verdict is
 *       {@link IdentityVerdict#ACCEPT} with a {@code SIG} rule SKIPPED and the warning {@code SIGNATURE_NOT_CHECKED};
 *       but when the offered list carries its signer's certificate and that certificate's SHA-1 is not the one of
 *       the matching record (same serial and issuer, another certificate), the key may differ:
 *       {@link IdentityVerdict#UNKNOWN};
 *   <li>not found: without a TVS environment, or without TVS records in the installed ITL (R10), the phone rejects
 *       (REJECT, as the full simulation would); with a TVS environment the TVS path (R7) needs the installed list's
 *       TVS certificates and the offered signer's certificate, so the verdict is {@link IdentityVerdict#UNKNOWN}.
 *   <li>R17/R18: a {@code .sgn} offered to a phone whose lists hold no TFTP/CCM+TFTP certificate is
 *       {@link IdentityVerdict#NOT_REQUESTED} (the phone asks for the plain file).
 * </ul>
 *
 * Not decided in identity mode: signatures, validity dates (R20), the phone model's digest support (R16: a capture
 * does not print the digest), encrypted payloads. Stateless.
 *
 * @since 0.1.0
 */
public final class IdentityMode {
    /** The largest trust list phones load (SG14), as in the full simulation. */
    static final long MAX_LIST = 65_536;

    private IdentityMode() {}

    /**
     * What is offered to the phone, as identity mode sees it.
     *
     * @param name the file name
     * @param kind ITL, CTL or SGN
     * @param size the size in bytes, or -1 when not known
     * @param signer the header's signer
     * @param signerSha1 the SHA-1 of the signer's certificate as the offered list itself carries it (its record that
     *     signed), lower-case hex, or null (a {@code .sgn} carries none)
     */
    public record Offer(String name, FileKind kind, long size, ListSkeleton.Signer signer, String signerSha1) {
        /** Checks the arguments. */
        public Offer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(signer, "signer");
            if (kind != FileKind.ITL && kind != FileKind.CTL && kind != FileKind.SGN) {
                throw new IllegalArgumentException("identity mode decides trust lists and .sgn files, not " + kind
                        + " (give the installed list" + " as a file to simulate it)");
            }
        }

        /**
         * @param list a trust list's skeleton
         * @return the offer of that list
         */
        public static Offer of(ListSkeleton list) {
            String sha1 = null;
            for (ListSkeleton.Entry e : list.records()) {
                if (e.usedToSign() && e.sha1() != null) {
                    sha1 = e.sha1();
                    break;
                }
            }
            return new Offer(list.name(), list.kind(), list.size(), list.signer(), sha1);
        }

        /**
         * @param f a parsed offered file (ITL, CTL or SGN)
         * @return its offer
         * @throws IllegalArgumentException if the file did not parse or is of another kind
         */
        public static Offer of(OfferedFile f) {
            if (f.signed().isEmpty()) {
                throw new IllegalArgumentException(
                        f.name() + ": " + f.parseError().orElse("not a trust list or signed file"));
            }
            if (f.signed().get() instanceof io.github.itl4j.ItlFile l
                    && f.kind().isTrustList()) {
                return of(ListSkeleton.of(l, f.name()));
            }
            return new Offer(
                    f.name(),
                    f.kind(),
                    f.size(),
                    ListSkeleton.Signer.of(f.signed().get().header()),
                    null);
        }
    }

    /**
     * Decides whether a phone holding {@code itl} and/or {@code ctl} accepts {@code offered}.
     *
     * @param itl the installed ITL, or null
     * @param ctl the installed CTL, or null
     * @param offered the offered file
     * @param tvsGiven whether a TVS environment was supplied (its path is not followed in identity mode)
     * @param policy the policy ({@link SimulationPolicy#acceptTftpRoleSigner()} widens the trust-list signer roles)
     * @return the decision
     * @throws IllegalArgumentException if neither list is given (a phone with no list accepts the first list by R1:
     *     use the full simulation)
     */
    public static IdentityDecision decide(
            ListSkeleton itl, ListSkeleton ctl, Offer offered, boolean tvsGiven, SimulationPolicy policy) {
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(policy, "policy");
        if (itl == null && ctl == null) {
            throw new IllegalArgumentException("identity mode needs the list the phone holds");
        }
        List<RuleResult> chain = new ArrayList<>();
        List<SimulationWarning> warnings = new ArrayList<>();
        List<Fix> fixes = new ArrayList<>();
        boolean list = offered.kind().isTrustList();
        if (list && offered.size() > MAX_LIST) {
            chain.add(rule(
                    "SIZE",
                    Outcome.FAIL,
                    offered.name() + " is " + offered.size() + " bytes; phones load at most " + MAX_LIST,
                    Confidence.H,
                    "SG14"));
            fixes.add(fix(FixCode.F_REDUCE_SIZE));
            return new IdentityDecision(IdentityVerdict.REJECT, chain, warnings, fixes);
        }
        if (list && offered.kind() == FileKind.ITL && itl != null && itl.isRollback()) {
            chain.add(rule(
                    "R11",
                    Outcome.PASS,
                    "the installed ITL " + itl.name() + " is a rollback (empty) ITL: the phone accepts any new ITL",
                    Confidence.H,
                    "SG14",
                    "MIGSEC"));
            return new IdentityDecision(IdentityVerdict.ACCEPT, chain, warnings, fixes);
        }
        if (!list) {
            boolean cfg = hasConfigSigner(itl) || hasConfigSigner(ctl);
            if (!cfg) {
                chain.add(rule(
                        "R18",
                        Outcome.FAIL,
                        "the installed lists hold no TFTP/CCM+TFTP certificate"
                                + (itl != null && itl.isRollback() ? " (rollback ITL)" : "")
                                + ": the phone requests the plain file, not " + offered.name(),
                        Confidence.H,
                        "SBD",
                        "UCMNZ"));
                return new IdentityDecision(IdentityVerdict.NOT_REQUESTED, chain, warnings, fixes);
            }
        }
        List<Role> roles = new ArrayList<>();
        if (list) {
            roles.add(Role.SAST);
            if (policy.acceptTftpRoleSigner()) {
                roles.add(Role.TFTP);
                roles.add(Role.CCM_TFTP);
            }
        } else {
            roles.add(Role.TFTP);
            roles.add(Role.CCM_TFTP);
        }
        String rule = list ? (ctl != null ? (offered.kind() == FileKind.CTL ? "R19" : "R2") : "R3") : "R6";
        ListSkeleton.Signer s = offered.signer();
        String who = "signer " + orQ(s.subject()) + " serial " + orQ(ListSkeleton.serialText(s.serial()));
        if (s.serial() == null) {
            chain.add(rule(
                    rule,
                    Outcome.FAIL,
                    offered.name() + " names no signer SERIALNUMBER: no record can match it",
                    Confidence.H,
                    "FORMAT"));
            return new IdentityDecision(IdentityVerdict.REJECT, chain, warnings, fixes);
        }
        for (ListSkeleton l : ctl != null ? (itl != null ? List.of(ctl, itl) : List.of(ctl)) : List.of(itl)) {
            Match m = find(l, s, roles);
            if (m == null) {
                continue;
            }
            if (!m.issuerMatches) {
                warnings.add(new SimulationWarning(
                        "SIGNER_ISSUER_MISMATCH",
                        "the signer matched record " + m.entry.index() + " of " + l.name() + " by serial only: CANAME "
                                + orQ(s.issuer()) + " differs from ISSUERNAME " + orQ(m.entry.issuer())));
            }
            chain.add(rule(
                    rule,
                    Outcome.PASS,
                    who + " is " + m.entry.roleName() + " record " + m.entry.index() + " of the installed "
                            + l.kind() + " " + l.name() + " (by serial" + (m.issuerMatches ? " and issuer" : " only")
                            + ")",
                    Confidence.H,
                    list ? "UCMNZ" : "MIG8",
                    "SG14"));
            if (offered.signerSha1() != null
                    && m.entry.sha1() != null
                    && !offered.signerSha1().equals(m.entry.sha1())) {
                chain.add(rule(
                        "SIG",
                        Outcome.SKIP,
                        "unknown: " + offered.name() + " carries its signer's certificate with SHA-1 "
                                + offered.signerSha1() + ", but record " + m.entry.index() + " of " + l.name()
                                + " is the certificate with SHA-1 " + m.entry.sha1() + " (same serial): the phone"
                                + " verifies with the key of the one it holds, which "
                                + (l.isCapture() ? "a capture does not show" : "identity mode does not compare")
                                + " (a re-issued certificate with the same key passes, a new key fails); give both"
                                + " lists as files",
                        Confidence.H,
                        "FORMAT"));
                return new IdentityDecision(IdentityVerdict.UNKNOWN, chain, warnings, fixes);
            }
            if (l.isCapture()) {
                chain.add(rule(
                        "SIG",
                        Outcome.SKIP,
                        "signature not checked: " + l.name() + " is a show "
                                + l.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + " capture, which holds no certificate or key of record " + m.entry.index()
                                + " (give the installed list file to check it)",
                        Confidence.H,
                        "FORMAT"));
                warnings.add(new SimulationWarning(
                        "SIGNATURE_NOT_CHECKED",
                        "identity mode: the phone would verify the signature of " + offered.name()
                                + " with the key of record " + m.entry.index() + " of " + l.name()
                                + "; a capture does not hold that key, nor the validity dates (R20)"));
            } else {
                chain.add(rule(
                        "SIG",
                        Outcome.SKIP,
                        "signature not checked: " + offered.name() + " is known only from a capture, which holds no"
                                + " signature bytes (give the offered file to check it)",
                        Confidence.H,
                        "FORMAT"));
                warnings.add(new SimulationWarning(
                        "SIGNATURE_NOT_CHECKED",
                        "identity mode: the signature of " + offered.name() + " was not" + " verified"));
            }
            return new IdentityDecision(IdentityVerdict.ACCEPT, chain, warnings, fixes);
        }
        chain.add(rule(
                rule,
                Outcome.FAIL,
                who + " is not a " + roleText(roles) + " record of the installed list"
                        + (ctl != null && itl != null ? "s" : ""),
                Confidence.H,
                list ? "UCMNZ" : "MIG8",
                "SG14"));
        boolean tvsRecords = itl != null
                && !itl.withRole(Role.TVS).stream()
                        .filter(ListSkeleton.Entry::carriesKey)
                        .toList()
                        .isEmpty();
        if (!tvsRecords) {
            chain.add(rule(
                    "R10",
                    Outcome.FAIL,
                    "no TVS record in the installed lists: no TVS fallback",
                    Confidence.L,
                    "FWRE",
                    "MIGSEC"));
        } else if (!tvsGiven) {
            chain.add(rule(
                    "R7",
                    Outcome.FAIL,
                    "no TVS environment given (--tvs): the phone cannot have the signer vouched for",
                    Confidence.H,
                    "MIGSEC",
                    "BULK"));
        } else {
            chain.add(rule(
                    "R7",
                    Outcome.SKIP,
                    "unknown: the TVS path needs the installed list's TVS certificates and the signer's"
                            + " certificate; identity mode does not follow it (give the installed list file)",
                    Confidence.H,
                    "MIGSEC"));
            return new IdentityDecision(IdentityVerdict.UNKNOWN, chain, warnings, fixes);
        }
        fixes.add(fix(list ? FixCode.F_RESIGN_OTHER_SAST : FixCode.F_SIGN_CONFIG));
        if (list) {
            fixes.add(fix(FixCode.F_DELETE_ITL));
        }
        return new IdentityDecision(IdentityVerdict.REJECT, chain, warnings, fixes);
    }

    private record Match(ListSkeleton.Entry entry, boolean issuerMatches) {}

    /** The record with a required role whose serial is the signer's; one whose issuer also matches first. */
    private static Match find(ListSkeleton l, ListSkeleton.Signer s, List<Role> roles) {
        Match serialOnly = null;
        for (ListSkeleton.Entry e : l.records()) {
            if (e.role() == null || !roles.contains(e.role()) || !s.serial().equals(e.serial())) {
                continue;
            }
            boolean issuer = s.issuer() == null || e.issuer() == null || Certs.sameName(s.issuer(), e.issuer());
            if (issuer) {
                return new Match(e, true);
            }
            if (serialOnly == null) {
                serialOnly = new Match(e, false);
            }
        }
        return serialOnly;
    }

    private static boolean hasConfigSigner(ListSkeleton l) {
        if (l == null) {
            return false;
        }
        for (ListSkeleton.Entry e : l.withRole(Role.TFTP, Role.CCM_TFTP)) {
            if (e.carriesKey()) {
                return true;
            }
        }
        return false;
    }

    private static String roleText(List<Role> roles) {
        List<String> n = new ArrayList<>();
        roles.forEach(r -> n.add(r.name()));
        return String.join("/", n);
    }

    private static String orQ(String s) {
        return s == null ? "?" : s;
    }

    private static RuleResult rule(String id, Outcome o, String detail, Confidence c, String... source) {
        return new RuleResult(id, o, detail, List.of(source), c);
    }

    private static Fix fix(FixCode c) {
        return new Fix(c, c.text(), c.source());
    }
}
