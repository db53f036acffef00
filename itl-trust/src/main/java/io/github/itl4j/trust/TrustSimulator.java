package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.Severity;
import io.github.itl4j.crypto.VerificationResult;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Simulates a Cisco IP phone deciding whether to accept an offered trust list or signed file (docs/trust.md §6,
 * decision procedures A and B), and explains why: the rule chain, assumptions, warnings, fixes and the phone's state
 * afterwards. Immutable and thread-safe; {@link #offer(OfferedFile)} does no I/O (the phone's lists, the TVS exports
 * and the model table are read before, by their loaders).
 *
 * <p>Every signature is verified with the <b>anchor's</b> key: the installed record's CERTIFICATE (or PUBLICKEY), the
 * certificate a TVS returned, or a cache entry; never with the offered file's own copy of its signer. One RSA
 * verification per offered file (a first list on an empty phone is checked against itself with {@link ItlVerifier},
 * which reports the self-signature status).
 *
 * <pre>{@code
 * SimulationResult r = TrustSimulator.builder()
 *         .phone(PhoneState.holding(itl).model("CP-7975").at(Instant.parse("2026-11-29T12:00:00Z")))
 *         .tvs(TvsEnvironment.fromDirectory(Path.of("tvs-clusterA")))
 *         .policy(SimulationPolicy.defaults().acceptTftpRoleSigner(false))
 *         .build()
 *         .offer(OfferedFile.of(newItl, "ITLFile.tlv"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TrustSimulator {
    /** The largest trust list phones load (SG14: more than about 39 certificates fails to load). */
    public static final long MAX_TRUST_LIST_SIZE = 65_536;
    /** Phones cap downloads at 2048 KB (EMCC log "LIMIT download will be limited to 2048 KB"). */
    public static final long MAX_DOWNLOAD_SIZE = 2048L * 1024;

    private static final Set<Role> TL_SIGNER = Set.of(Role.SAST);
    private static final Set<Role> CFG_SIGNER = Set.of(Role.TFTP, Role.CCM_TFTP);
    private static final ItlVerifier SELF_VERIFIER =
            ItlVerifier.builder().checkRecords(false).build();

    private final PhoneState phone;
    private final TvsEnvironment tvs;
    private final SimulationPolicy policy;
    private final ModelTable models;

    private TrustSimulator(Builder b) {
        this.phone = b.phone;
        this.tvs = b.tvs;
        this.policy = b.policy;
        this.models = b.models;
    }

    /** @return a builder: a phone with no list, no TVS, the default policy and model table */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the phone */
    public PhoneState phone() {
        return phone;
    }

    /** @return the TVS environment */
    public TvsEnvironment tvs() {
        return tvs;
    }

    /** @return the policy */
    public SimulationPolicy policy() {
        return policy;
    }

    /** @return the model table */
    public ModelTable models() {
        return models;
    }

    /**
     * @param p another phone state
     * @return a simulator with the same TVS, policy and model table for that phone
     */
    public TrustSimulator withPhone(PhoneState p) {
        Builder b = new Builder();
        b.phone = Objects.requireNonNull(p, "phone");
        b.tvs = tvs;
        b.policy = policy;
        b.models = models;
        return new TrustSimulator(b);
    }

    /**
     * Offers a file to the phone.
     *
     * @param file the offered file
     * @return the result; never throws for bad content (a malformed file is a REJECT with a {@code PARSE} rule)
     */
    public SimulationResult offer(OfferedFile file) {
        Objects.requireNonNull(file, "file");
        Run run = new Run(file);
        try {
            if (file.kind().isTrustList()) {
                run.trustList();
            } else {
                run.config();
            }
        } catch (RuntimeException e) {
            // a decision never throws: an unexpected failure is reported as a rejection of the file
            run.chain.clear();
            run.add("PARSE", Outcome.FAIL, "the file could not be evaluated: " + e, List.of(), Confidence.H);
            run.verdict = Verdict.REJECT;
            run.after = phone;
        }
        return run.result();
    }

    /**
     * @param file a trust list
     * @param name its file name
     * @return as {@link #offer(OfferedFile)}
     */
    public SimulationResult offer(ItlFile file, String name) {
        return offer(OfferedFile.of(file, name));
    }

    /**
     * @param file a signed file
     * @param name its file name
     * @return as {@link #offer(OfferedFile)}
     */
    public SimulationResult offer(SgnFile file, String name) {
        return offer(OfferedFile.of(file, name));
    }

    /**
     * One step of a sequence (docs/trust.md §6.5).
     *
     * @param file the file offered
     * @param advanceBefore how much time passes before it is offered ({@link Duration#ZERO} for none)
     */
    public record Step(OfferedFile file, Duration advanceBefore) {
        /**
         * Validates the arguments.
         *
         * @param file the file
         * @param advanceBefore the time advance
         */
        public Step {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(advanceBefore, "advanceBefore");
            if (advanceBefore.isNegative()) {
                throw new IllegalArgumentException("time cannot go backwards: " + advanceBefore);
            }
        }
    }

    /**
     * Sequence mode (docs/trust.md §6.5): offers the files in order, each to the phone state left by the previous one
     * (an accepted list is installed; the TVS cache persists; a rejected file leaves the state unchanged).
     *
     * @param steps the files, with the time that passes before each
     * @param stopOnReject whether to stop at the first REJECT or NOT_REQUESTED
     * @return one result per file offered
     */
    public List<SimulationResult> sequence(List<Step> steps, boolean stopOnReject) {
        List<SimulationResult> out = new ArrayList<>();
        TrustSimulator sim = this;
        for (Step s : steps) {
            if (!s.advanceBefore().isZero()) {
                sim = sim.withPhone(sim.phone.advance(s.advanceBefore()));
            }
            SimulationResult r = sim.offer(s.file());
            out.add(r);
            if (stopOnReject && !r.verdict().isAccepted()) {
                break;
            }
            sim = sim.withPhone(r.phoneAfter());
        }
        return out;
    }

    /** A signer search result in the installed lists. */
    private static final class Match {
        Anchor anchor;
        InstalledList list;
        boolean issuerMismatch;
        final List<Anchor> wrongRole = new ArrayList<>();
    }

    /** Why a TVS could not be used. */
    private enum TvsReason {
        NO_ENV,
        UNREACHABLE,
        CERT_CHANGED,
        IMPL
    }

    /** One simulation. Single-threaded, short-lived. */
    private final class Run {
        final OfferedFile o;
        final List<RuleResult> chain = new ArrayList<>();
        final List<Assumption> assumptions = new ArrayList<>();
        final List<SimulationWarning> warnings = new ArrayList<>();
        final List<Fix> fixes = new ArrayList<>();
        final List<SimulationProblem> problems = new ArrayList<>();
        Verdict verdict;
        PhoneState after = phone;
        String requested;
        // facts for the fixes
        final Set<TvsReason> tvsReasons = EnumSet.noneOf(TvsReason.class);
        String tvsLabel;

        Run(OfferedFile o) {
            this.o = o;
        }

        void add(String rule, Outcome outcome, String detail, List<String> source, Confidence c) {
            chain.add(new RuleResult(rule, outcome, detail, source, c));
        }

        void problem(String code, Severity s, String message) {
            problems.add(new SimulationProblem(code, s, message));
        }

        void problem(ProblemCode code, Severity s, Object... params) {
            problems.add(SimulationProblem.of(new Problem(code, s, -1, Problem.NO_OFFSET, List.of(params))));
        }

        void warn(String code, String detail) {
            warnings.add(new SimulationWarning(code, detail));
        }

        void reject() {
            verdict = Verdict.REJECT;
            after = phone;
        }

        SimulationResult result() {
            return new SimulationResult(
                    verdict, o, phone, after, chain, assumptions, warnings, fixes, problems, requested);
        }

        // ------------------------------------------------------------------ common steps

        /** PARSE and R12. @return false if the file is malformed (then rejected). */
        boolean parse() {
            Optional<String> err = o.parseError();
            if (err.isPresent() && o.isOverLimit() && o.kind().isTrustList()) {
                add(
                        "SIZE",
                        Outcome.FAIL,
                        "the phone does not load it: " + err.get(),
                        List.of("SG14", "EMCC"),
                        Confidence.M);
                problem("MALFORMED", Severity.ERROR, err.get());
                fixes.add(Fix.of(FixCode.F_REDUCE_SIZE, null));
                reject();
                return false;
            }
            if (err.isPresent()) {
                add(
                        "PARSE",
                        Outcome.FAIL,
                        "the phone cannot parse " + o.name() + ": " + err.get(),
                        List.of("R12", "docs/format.md §10"),
                        Confidence.H);
                problem("MALFORMED", Severity.ERROR, err.get());
                reject();
                return false;
            }
            SignedFile f = o.signed().orElse(null);
            if (f == null) {
                return true;
            }
            ItlHeader h = f.header();
            if (h.signature().isEmpty()) {
                add("PARSE", Outcome.FAIL, "the header has no SIGNATURE", List.of("docs/format.md §5"), Confidence.H);
                problem(ProblemCode.MISSING_HEADER_FIELD, Severity.ERROR, "SIGNATURE");
                reject();
                return false;
            }
            List<String> notes = new ArrayList<>();
            boolean encV2 = o.kind() == FileKind.ENC_SGN && h.version().equals(Version.V2_0);
            if (h.version().compareTo(Version.V1_2) > 0 && !encV2) {
                notes.add("header version " + h.version() + " > 1.2 (\"knows only upto 1.1\")");
            }
            for (ItlWarning w : f.warnings()) {
                notes.add(w.code().name() + ": " + w.message());
            }
            if (!notes.isEmpty()) {
                add(
                        "R12",
                        Outcome.INFO,
                        "tolerated: " + String.join("; ", notes),
                        List.of("MIGSEC", "EMCC"),
                        Confidence.H);
            }
            return true;
        }

        /** R16 and the SHA-256 policy. @return false if rejected. */
        boolean digest(ItlHeader h) {
            Optional<DigestAlgorithm> d = h.digestAlgorithm();
            if (d.isEmpty() || !d.get().isKnown()) {
                String what = d.map(DigestAlgorithm::toString).orElse("missing");
                add(
                        "PARSE",
                        Outcome.FAIL,
                        "DIGESTALGORITHM is " + what + "; the phone cannot check the signature",
                        List.of("docs/format.md §4.6"),
                        Confidence.H);
                if (d.isPresent()) {
                    problem(
                            ProblemCode.UNKNOWN_DIGEST_ALGORITHM,
                            Severity.ERROR,
                            d.get().code());
                } else {
                    problem(ProblemCode.MISSING_HEADER_FIELD, Severity.ERROR, "DIGESTALGORITHM");
                }
                reject();
                return false;
            }
            DigestAlgorithm alg = d.get();
            Optional<String> model = phone.model();
            if (model.isPresent() && !alg.equals(DigestAlgorithm.SHA1)) {
                Optional<ModelTable.Entry> e = models.lookup(model.get());
                if (e.isPresent()) {
                    modelAssumption(e.get());
                    if (e.get().sha512() == ModelTable.Support.NO) {
                        add(
                                "R16",
                                Outcome.FAIL,
                                ModelTable.normalise(model.get()) + " validates " + alg
                                        + " signatures? no: the 7900/8900/9900 series verify TFTP file signatures with SHA-1 "
                                        + "only",
                                List.of("SG125-PHONE"),
                                Confidence.H);
                        problem("DIGEST_UNSUPPORTED_BY_MODEL", Severity.ERROR, model.get() + " cannot verify " + alg);
                        fixes.add(Fix.of(FixCode.F_DIGEST_SHA1, null));
                        reject();
                        return false;
                    }
                    if (e.get().sha512() == ModelTable.Support.UNKNOWN && !unknownModelDigest(model.get(), alg)) {
                        return false;
                    }
                } else {
                    assumptions.add(new Assumption(
                            "model." + ModelTable.normalise(model.get()),
                            "not in the model table: SHA-1 assumed supported, " + alg + " unknown",
                            Confidence.P,
                            List.of("docs/trust.md §8"),
                            "--models FILE / policy unknownModelDigest"));
                    if (!unknownModelDigest(model.get(), alg)) {
                        return false;
                    }
                }
            }
            if (alg.equals(DigestAlgorithm.SHA256)) {
                if (policy.sha256() == SimulationPolicy.Strictness.STRICT) {
                    add(
                            "R16",
                            Outcome.FAIL,
                            "DIGESTALGORITHM 2 (SHA-256) refused by policy sha256=STRICT",
                            List.of("docs/trust.md §13 Q15"),
                            Confidence.P);
                    fixes.add(Fix.of(FixCode.F_DIGEST_SHA1, null));
                    reject();
                    return false;
                }
                warn(
                        "DIGEST_SHA256",
                        "DIGESTALGORITHM 2 (SHA-256): whether phones honour it is not known; assumed "
                                + "supported (policy sha256=WARN)");
            }
            return true;
        }

        private boolean unknownModelDigest(String model, DigestAlgorithm alg) {
            if (policy.unknownModelDigest() == SimulationPolicy.Strictness.STRICT) {
                add(
                        "R16",
                        Outcome.FAIL,
                        "whether " + model + " verifies " + alg + " signatures is not known; refused "
                                + "by policy unknownModelDigest=STRICT",
                        List.of("docs/trust.md §8"),
                        Confidence.P);
                fixes.add(Fix.of(FixCode.F_DIGEST_SHA1, null));
                reject();
                return false;
            }
            warn(
                    "DIGEST_SUPPORT_UNKNOWN",
                    "whether " + model + " verifies " + alg + " signatures is not known; " + "assumed yes");
            return true;
        }

        private void modelAssumption(ModelTable.Entry e) {
            assumptions.add(new Assumption(
                    "model." + e.pattern(),
                    "itl=" + (e.requestsItl() ? "yes" : "no")
                            + ";sha512=" + e.sha512().name().toLowerCase(Locale.ROOT) + ";ec="
                            + e.ec().name().toLowerCase(Locale.ROOT),
                    e.confidence(),
                    e.source(),
                    "--models FILE"));
        }

        List<InstalledList> lists(boolean itlWhenCtl) {
            List<InstalledList> l = new ArrayList<>(2);
            if (phone.installedCtl() != null) {
                l.add(phone.installedCtl());
            }
            if (phone.installedItl() != null && (phone.installedCtl() == null || itlWhenCtl)) {
                l.add(phone.installedItl());
            }
            return l;
        }

        Match find(List<InstalledList> lists, ItlHeader h, Set<Role> roles) {
            Match m = new Match();
            String serial = h.serialNumber().map(Certs::serialHex).orElse(null);
            if (serial == null) {
                return m;
            }
            String ca = h.caName().orElse(null);
            String caKey = null;
            Anchor fallback = null;
            InstalledList fallbackList = null;
            for (InstalledList l : lists) {
                for (Anchor a : l.anchors()) {
                    if (!a.serialHex.equals(serial)) {
                        continue;
                    }
                    boolean roleOk = a.roles.stream().anyMatch(roles::contains);
                    if (!roleOk) {
                        m.wrongRole.add(a);
                        continue;
                    }
                    if (ca != null && !a.issuer.equals(ca) && caKey == null) {
                        caKey = Certs.nameKey(ca);
                    }
                    if (ca != null && (a.issuer.equals(ca) || a.issuerKey.equals(caKey))) {
                        m.anchor = a;
                        m.list = l;
                        return m;
                    }
                    if (fallback == null) {
                        fallback = a;
                        fallbackList = l;
                    }
                }
            }
            if (fallback != null) {
                m.anchor = fallback;
                m.list = fallbackList;
                m.issuerMismatch = true;
            }
            return m;
        }

        String signerText(ItlHeader h) {
            String name = h.signerName().map(Anchor::clean).orElse("(no SIGNERNAME)");
            String serial = h.serialNumber()
                    .map(s -> Certs.serialText(Certs.serialHex(s)))
                    .orElse("(no SERIAL)");
            return name + " serial " + serial;
        }

        /** The key to verify with: the anchor's, or (hash-only anchor) the offered certificate that hashes to it. */
        PublicKey anchorKey(Anchor a, SignedFile f) {
            if (a.key != null) {
                return a.key;
            }
            if (a.record != null && f instanceof ItlFile itl) {
                for (ItlRecord r : itl.records()) {
                    Optional<Bytes> der = r.certificate();
                    if (der.isPresent() && Certs.recordIs(a.record, der.get())) {
                        return Certs.decode(der.get())
                                .map(X509Certificate::getPublicKey)
                                .orElse(null);
                    }
                }
            }
            return null;
        }

        /**
         * SIG with the anchor's key. A pass is folded into the rule that found the anchor (R2, R3, R6, R9: "found, and
         * the signature verifies") unless {@code separate}; a failure is its own SIG rule. @return true if valid (a
         * FAIL rejects).
         */
        boolean signature(SignedFile f, PublicKey key, String whose) {
            return signature(f, key, whose, false);
        }

        boolean signature(SignedFile f, PublicKey key, String whose, boolean separate) {
            if (key == null) {
                add(
                        "SIG",
                        Outcome.FAIL,
                        "the anchor " + whose + " has no usable key (neither CERTIFICATE nor "
                                + "PUBLICKEY, and no certificate in the file matches its hash)",
                        List.of("docs/format.md §5"),
                        Confidence.H);
                problem(ProblemCode.SIGNER_HAS_NO_KEY, Severity.ERROR);
                reject();
                return false;
            }
            DigestAlgorithm alg = f.header().digestAlgorithm().orElse(DigestAlgorithm.SHA1);
            String problemText = verifyRsa(f, key, alg);
            if (problemText == null) {
                if (separate || chain.isEmpty()) {
                    add(
                            "SIG",
                            Outcome.PASS,
                            "the signature (" + alg + ") verifies with the key of " + whose,
                            List.of("docs/format.md §5"),
                            Confidence.H);
                } else {
                    RuleResult last = chain.remove(chain.size() - 1);
                    chain.add(new RuleResult(
                            last.rule(),
                            last.outcome(),
                            last.detail() + "; the signature (" + alg + ") verifies with its key",
                            last.source(),
                            last.confidence()));
                }
                return true;
            }
            add(
                    "SIG",
                    Outcome.FAIL,
                    problemText + " (key of " + whose + ")",
                    List.of("docs/format.md §5"),
                    Confidence.H);
            problem(ProblemCode.SIGNATURE_INVALID, Severity.ERROR, alg.toString());
            reject();
            return false;
        }

        /** R20. @return false if rejected. */
        boolean validity(Anchor a, String whose) {
            String p = a.validityProblem(phone.now());
            if (p == null) {
                return true;
            }
            String text = "the anchor " + whose + " is " + p + " (now " + phone.now() + ")";
            problem(
                    "CERT_NOT_VALID",
                    policy.validity() == SimulationPolicy.Strictness.STRICT ? Severity.ERROR : Severity.WARNING,
                    text);
            if (policy.validity() == SimulationPolicy.Strictness.STRICT) {
                add("R20", Outcome.FAIL, text + "; refused by policy validity=STRICT", List.of("REGEN"), Confidence.M);
                fixes.add(Fix.of(FixCode.F_RENEW_CERT, Anchor.clean(a.subject)));
                reject();
                return false;
            }
            add(
                    "R20",
                    Outcome.INFO,
                    text + "; accepted with a warning (policy validity=WARN)",
                    List.of("REGEN"),
                    Confidence.M);
            warn("CERT_EXPIRED", text);
            return true;
        }

        // ------------------------------------------------------------------ procedure A

        void trustList() {
            FileKind kind = o.kind();
            boolean tofu = phone.isEmpty();
            assumptions.addAll(policy.assumptions(true, tofu));
            if (!parse()) {
                return;
            }
            ItlFile f = (ItlFile) o.signed().orElseThrow();
            ItlHeader h = f.header();
            Optional<String> model = phone.model();
            if (model.isPresent()) {
                Optional<ModelTable.Entry> e = models.lookup(model.get());
                if (e.isPresent() && !e.get().requestsItl()) {
                    modelAssumption(e.get());
                    add(
                            "MODEL",
                            Outcome.FAIL,
                            ModelTable.normalise(model.get()) + " does not support Security by "
                                    + "Default: it never requests " + kind + " files",
                            e.get().source(),
                            e.get().confidence());
                    problem("NOT_REQUESTED", Severity.ERROR, model.get() + " does not request trust lists");
                    verdict = Verdict.NOT_REQUESTED;
                    return;
                }
            }
            if (o.size() > MAX_TRUST_LIST_SIZE) {
                boolean cap = o.size() > MAX_DOWNLOAD_SIZE;
                add(
                        "SIZE",
                        Outcome.FAIL,
                        o.size() + " bytes > "
                                + (cap
                                        ? MAX_DOWNLOAD_SIZE + " (download cap)"
                                        : MAX_TRUST_LIST_SIZE + ": the list does not load and registration fails"),
                        cap ? List.of("EMCC") : List.of("SG14"),
                        cap ? Confidence.M : Confidence.H);
                problem(ProblemCode.TOO_LARGE_FOR_PHONES, Severity.ERROR, o.size(), MAX_TRUST_LIST_SIZE);
                fixes.add(Fix.of(FixCode.F_REDUCE_SIZE, null));
                reject();
                return;
            }
            if (!digest(h)) {
                return;
            }
            if (tofu) {
                tofu(f, kind);
                return;
            }
            if (kind == FileKind.ITL && phone.hasRollbackItl()) {
                add(
                        "R11",
                        Outcome.PASS,
                        "the installed ITL is a rollback (empty) ITL: the phone accepts any new ITL",
                        List.of("SG14", "MIGSEC"),
                        Confidence.H);
                accept(f, kind, null);
                return;
            }
            Set<Role> roles = policy.acceptTftpRoleSigner() ? Set.of(Role.SAST, Role.TFTP, Role.CCM_TFTP) : TL_SIGNER;
            List<InstalledList> lists = lists(kind == FileKind.CTL || policy.itlSignerFromItlWhenCtl());
            Match m = find(lists, h, roles);
            if (m.anchor != null) {
                String rule = m.list.kind == FileKind.CTL ? "R2" : kind == FileKind.CTL ? "R19" : "R3";
                List<String> src =
                        switch (rule) {
                            case "R2" -> List.of("SG14", "MIGSEC");
                            case "R19" -> List.of("MIGSEC");
                            default -> List.of("UCMNZ", "SG14");
                        };
                boolean viaTftp = !m.anchor.roles.contains(Role.SAST);
                add(
                        rule,
                        Outcome.PASS,
                        "signer " + m.anchor.describe() + " is " + m.anchor.where
                                + (m.issuerMismatch ? " (matched by serial only: ISSUERNAME differs from CANAME)" : "")
                                + (viaTftp ? "; a TFTP-role signer, accepted by policy acceptTftpRoleSigner=true" : ""),
                        src,
                        viaTftp ? Confidence.P : rule.equals("R19") ? Confidence.M : Confidence.H);
                if (m.issuerMismatch) {
                    problem(
                            ProblemCode.SIGNER_ISSUER_MISMATCH,
                            Severity.WARNING,
                            m.anchor.issuer,
                            h.caName().orElse(""));
                }
                String whose = m.anchor.where;
                if (!signature(f, anchorKey(m.anchor, f), whose) || !validity(m.anchor, whose)) {
                    return;
                }
                accept(f, kind, null);
                return;
            }
            String rule = kind == FileKind.CTL
                    ? (phone.installedItl() != null ? "R19" : "R2")
                    : phone.installedCtl() != null ? "R2" : "R3";
            String detail;
            if (!m.wrongRole.isEmpty()) {
                Anchor a = m.wrongRole.get(0);
                detail = "signer " + signerText(h) + " is " + a.where + ": role " + roleNames(a.roles)
                        + ", not SAST (a new trust list must be signed by a SAST; policy acceptTftpRoleSigner="
                        + policy.acceptTftpRoleSigner() + ")";
                problem(ProblemCode.SIGNER_WRONG_ROLE, Severity.ERROR, roleNames(a.roles), "SAST");
            } else {
                detail = "signer " + signerText(h) + " is not a SAST record of the installed " + listNames(lists)
                        + " (SAST records: " + sastList(lists) + ")";
                problem(ProblemCode.SIGNER_NOT_TRUSTED, Severity.ERROR, signerText(h), "not a SAST anchor");
            }
            add(
                    rule,
                    Outcome.FAIL,
                    detail,
                    rule.equals("R19") ? List.of("MIGSEC") : List.of("UCMNZ", "SG14"),
                    rule.equals("R19") ? Confidence.M : Confidence.H);
            tvsPath(f, h, TL_SIGNER, true, kind);
        }

        void tofu(ItlFile f, FileKind kind) {
            VerificationResult self = SELF_VERIFIER.verify(f);
            String rule = kind == FileKind.ITL ? "R1" : "R1b";
            List<String> src = kind == FileKind.ITL ? List.of("SG14") : List.of("FWRE");
            Confidence c = kind == FileKind.ITL ? Confidence.H : Confidence.L;
            if (self.isSignatureValid()) {
                add(
                        rule,
                        Outcome.PASS,
                        "no trust list installed: the phone trusts the first " + kind + " (leap of "
                                + "faith); its self-signature is valid",
                        src,
                        c);
                accept(f, kind, null);
                return;
            }
            String why = self.errors().isEmpty() ? "invalid" : codes(self.errors());
            if (policy.tofuRequiresSelfSignature()) {
                add(
                        rule,
                        Outcome.INFO,
                        "no trust list installed: leap of faith, but policy tofuRequiresSelfSignature"
                                + "=true checks the file against itself",
                        src,
                        c);
                add(
                        "SIG",
                        Outcome.FAIL,
                        "the file's self-signature does not verify (" + why + ")",
                        List.of("docs/format.md §5"),
                        Confidence.P);
                for (Problem p : self.errors()) {
                    problems.add(SimulationProblem.of(p));
                }
                reject();
                return;
            }
            add(
                    rule,
                    Outcome.PASS,
                    "no trust list installed: the phone trusts the first " + kind + " (leap of faith, "
                            + "no cryptographic check); its self-signature does NOT verify (" + why + ")",
                    src,
                    c);
            warn(
                    "SELF_SIGNATURE_INVALID",
                    "the file does not verify against itself (" + why + "); a phone with no "
                            + "list accepts it anyway (FWRE), but any later list must be signed by one of its SAST records");
            for (Problem p : self.errors()) {
                problems.add(new SimulationProblem(p.code().name(), Severity.WARNING, p.message()));
            }
            accept(f, kind, null);
        }

        void accept(ItlFile f, FileKind kind, CacheEntry cached) {
            verdict = Verdict.ACCEPT;
            PhoneState p = phone;
            if (cached != null) {
                p = p.plusCache(cached);
            }
            if (kind == FileKind.ITL && phone.installedItl() != null) {
                tvsChanged(phone.installedItl().file, f);
            }
            after = p.install(f, kind, o.name());
        }

        void tvsChanged(ItlFile old, ItlFile neu) {
            List<String> gone = new ArrayList<>();
            for (ItlRecord r : old.records()) {
                if (!r.role().map(Role.TVS::equals).orElse(false) || !InstalledList.carriesCertificate(r)) {
                    continue;
                }
                boolean kept = false;
                for (ItlRecord n : neu.records()) {
                    if (n.role().map(Role.TVS::equals).orElse(false) && sameIdentity(r, n)) {
                        kept = true;
                        break;
                    }
                }
                if (!kept) {
                    gone.add(r.subjectName().map(Anchor::clean).orElse("?"));
                }
            }
            if (!gone.isEmpty()) {
                warn(
                        "TVS_CHANGED",
                        "the new ITL drops or changes TVS " + String.join(", ", gone) + ": until every "
                                + "phone has downloaded it, those TVS cannot vouch for anything to phones holding the old ITL "
                                + "(R15)");
            }
        }

        private boolean sameIdentity(ItlRecord a, ItlRecord b) {
            Optional<Bytes> ca = a.certificate();
            Optional<Bytes> cb = b.certificate();
            if (ca.isPresent()) {
                return Certs.recordIs(b, ca.get());
            }
            if (cb.isPresent()) {
                return Certs.recordIs(a, cb.get());
            }
            if (a.certHash().isPresent() && b.certHash().isPresent()) {
                return a.certHash().get().equals(b.certHash().get());
            }
            return a.serialNumber().equals(b.serialNumber()) && a.issuerName().equals(b.issuerName());
        }

        // ------------------------------------------------------------------ cache and TVS (A.7, B.4)

        void tvsPath(SignedFile f, ItlHeader h, Set<Role> required, boolean trustList, FileKind kind) {
            String serial = h.serialNumber().map(Certs::serialHex).orElse("");
            String ca = h.caName().orElse("");
            // a. cache
            if (!phone.cache().isEmpty()) {
                CacheEntry hit = null;
                String miss = "the TVS cache holds no entry for " + signerText(h);
                for (CacheEntry e : phone.cache()) {
                    X509Certificate c = e.certificate();
                    if (!Certs.serialHex(c.getSerialNumber()).equals(serial)
                            || !Certs.sameName(c.getIssuerX500Principal(), ca)) {
                        continue;
                    }
                    if (!phone.now().isBefore(e.expires())) {
                        miss = "the TVS cache entry for " + signerText(h) + " expired at " + e.expires() + " (now "
                                + phone.now() + ")";
                        problem("CACHE_EXPIRED", Severity.WARNING, miss);
                        continue;
                    }
                    if (e.roles().stream().noneMatch(required::contains)
                            && policy.tvsRoleCheck() == SimulationPolicy.RoleCheck.STRICT) {
                        miss = "the TVS cache entry for " + signerText(h) + " has roles " + roleNames(e.roles())
                                + ", none of " + roleNames(required);
                        continue;
                    }
                    hit = e;
                    break;
                }
                if (hit != null) {
                    add(
                            "R9",
                            Outcome.PASS,
                            "the TVS cache vouches for " + signerText(h) + " (roles " + roleNames(hit.roles())
                                    + ", from TVS \"" + hit.tvs() + "\", until " + hit.expires() + ")",
                            List.of("MIGSEC"),
                            Confidence.M);
                    Anchor a = Anchor.ofCertificate("the TVS cache", hit.roles(), hit.certificate());
                    String whose = "the TVS-cached certificate";
                    if (!signature(f, a.key, whose) || !validity(a, whose)) {
                        return;
                    }
                    acceptVia(f, kind, null);
                    return;
                }
                add("R9", Outcome.FAIL, miss, List.of("MIGSEC"), Confidence.M);
            }
            // b. TVS records of the installed ITL
            InstalledList itl = phone.installedItl();
            if (itl == null || itl.tvsRecords.isEmpty()) {
                String why = itl == null
                        ? "the phone holds no ITL (CTLs carry no TVS records)"
                        : itl.rollback
                                ? "the installed ITL is a rollback ITL: its TVS records are empty"
                                : "the installed ITL has no TVS record";
                add(
                        "R10",
                        Outcome.FAIL,
                        why + ": no TVS fallback (\"Not using TVS - TVS not in Trust list\")",
                        List.of("FWRE", "MIGSEC"),
                        Confidence.L);
                problem("TVS_NOT_IN_TRUST_LIST", Severity.ERROR, why);
                reject();
                fixesR10(f, trustList, kind);
                return;
            }
            // c. a usable TVS
            TvsInstance usable = null;
            List<String> reasons = new ArrayList<>();
            if (tvs.isEmpty()) {
                tvsReasons.add(TvsReason.NO_ENV);
                reasons.add("no TVS environment was given: the phone's TVS cannot be asked");
                problem("NO_TVS_ENVIRONMENT", Severity.ERROR, "no TVS environment");
            }
            for (TvsInstance t : tvs.instances()) {
                if (!t.isReachable()) {
                    tvsReasons.add(TvsReason.UNREACHABLE);
                    reasons.add("TVS \"" + t.label() + "\" is unreachable");
                    problem("TVS_UNREACHABLE", Severity.ERROR, t.label());
                    continue;
                }
                Bytes der = Certs.der(t.serverCertificate());
                Integer recNo = null;
                for (ItlRecord r : itl.tvsRecords) {
                    if (Certs.recordIs(r, der)) {
                        recNo = itl.file.records().indexOf(r) + 1;
                        break;
                    }
                }
                if (recNo == null) {
                    tvsReasons.add(TvsReason.CERT_CHANGED);
                    reasons.add("TVS \"" + t.label() + "\": server certificate SHA-1 " + Certs.shortHex(Certs.sha1(der))
                            + " is not a TVS record of the installed ITL (TVS records: " + tvsList(itl)
                            + "); phones never validate a TVS certificate through TVS (R15)");
                    problem("TVS_SERVER_CERT_UNKNOWN", Severity.ERROR, t.label());
                    continue;
                }
                if (t.impl() != TvsImpl.CUCM) {
                    tvsReasons.add(TvsReason.IMPL);
                    reasons.add("TVS \"" + t.label() + "\" is usecallmanager tvsd, which answers only VERIFY "
                            + "requests and cannot vouch for a file signer");
                    problem("TVS_IMPL_UNSUPPORTED", Severity.ERROR, t.label());
                    continue;
                }
                usable = t;
                reasons.add("TVS \"" + t.label() + "\": server certificate is record " + recNo
                        + " (TVS) of the installed ITL");
                break;
            }
            if (usable == null) {
                Confidence c = tvsReasons.contains(TvsReason.CERT_CHANGED)
                        ? Confidence.L
                        : tvsReasons.contains(TvsReason.IMPL) ? Confidence.M : Confidence.H;
                add(
                        "R7",
                        Outcome.FAIL,
                        String.join("; ", reasons),
                        tvsReasons.contains(TvsReason.IMPL) ? List.of("MIGSEC", "DAEMONS") : List.of("MIGSEC", "FWRE"),
                        c);
                reject();
                fixesR7(f, trustList);
                return;
            }
            tvsLabel = usable.label();
            add(
                    "R7",
                    Outcome.PASS,
                    "signer not found locally: the phone asks " + String.join("; ", reasons),
                    List.of("MIGSEC", "BULK"),
                    Confidence.H);
            // d. query by serial + issuer
            List<Anchor> found = usable.lookup(serial, ca);
            if (found.isEmpty()) {
                add(
                        "R8",
                        Outcome.FAIL,
                        "TVS \"" + usable.label() + "\" has no certificate with serial "
                                + Certs.serialText(serial) + " and issuer " + Anchor.clean(ca)
                                + " in its stores (looked up by "
                                + "serial + issuer, R14)",
                        List.of("MIGSEC"),
                        Confidence.M);
                problem("TVS_SIGNER_NOT_IN_STORE", Severity.ERROR, signerText(h));
                reject();
                fixesR8(f, trustList, false);
                return;
            }
            // e. roles
            Set<Role> roles = new LinkedHashSet<>();
            Set<String> stores = new LinkedHashSet<>();
            for (Anchor a : found) {
                stores.add(a.where);
            }
            List<String> mapText = new ArrayList<>();
            Confidence weakest = Confidence.M;
            for (String s : stores) {
                TvsRoleMap.Line line = tvs.roleMap().line(s);
                if (line == null) {
                    mapText.add(s + "=(unmapped: no role)");
                    continue;
                }
                roles.addAll(line.roles());
                mapText.add(s + "=" + line.rolesText());
                assumptions.add(new Assumption(
                        "tvsRoleMap." + line.store(),
                        line.rolesText(),
                        line.confidence(),
                        line.source(),
                        "--tvs-role-map FILE"));
                if (line.confidence().ordinal() > weakest.ordinal()) {
                    weakest = line.confidence();
                }
            }
            boolean roleOk = roles.stream().anyMatch(required::contains);
            if (!roleOk && policy.tvsRoleCheck() == SimulationPolicy.RoleCheck.STRICT) {
                add(
                        "R8-ROLE",
                        Outcome.FAIL,
                        "TVS \"" + usable.label() + "\" returns roles " + roleNames(roles)
                                + " for " + signerText(h) + " (" + String.join(", ", mapText) + "); "
                                + roleNames(required)
                                + " required",
                        List.of("MIGSEC", "BULK"),
                        weakest);
                problem("TVS_ROLE_MISSING", Severity.ERROR, roleNames(required));
                reject();
                fixesR8(f, trustList, true);
                return;
            }
            add(
                    "R8",
                    Outcome.PASS,
                    "TVS \"" + usable.label() + "\" returns roles " + roleNames(roles) + " for "
                            + signerText(h) + " (" + String.join(", ", mapText) + ")"
                            + (roleOk ? "" : "; accepted by policy tvsRoleCheck=LENIENT"),
                    List.of("MIGSEC", "BULK"),
                    roleOk ? weakest : Confidence.P);
            // f. verify with the TVS-returned certificate
            Anchor a = found.get(0);
            String whose = "the certificate TVS \"" + usable.label() + "\" returned";
            if (!signature(f, a.key, whose, true) || !validity(a, whose)) {
                return;
            }
            CacheEntry ce = new CacheEntry(a.cert, roles, phone.now().plusSeconds(usable.ttlSeconds()), usable.label());
            acceptVia(f, kind, ce);
        }

        void acceptVia(SignedFile f, FileKind kind, CacheEntry ce) {
            if (kind.isTrustList()) {
                accept((ItlFile) f, kind, ce);
            } else {
                verdict = Verdict.ACCEPT;
                after = ce == null ? phone : phone.plusCache(ce);
            }
        }

        // ------------------------------------------------------------------ fixes

        boolean commonSast(SignedFile f) {
            return otherSast(f) != null;
        }

        /** A SAST of the phone's lists that is also a SAST record of the offered list (not its signer), or null. */
        Anchor otherSast(SignedFile f) {
            if (!(f instanceof ItlFile itl)) {
                return null;
            }
            String signerSerial =
                    f.header().serialNumber().map(Certs::serialHex).orElse("");
            for (ItlRecord r : itl.records()) {
                if (!r.role().map(Role.SAST::equals).orElse(false)
                        || r.certificate().isEmpty()) {
                    continue;
                }
                if (r.serialNumber().map(Certs::serialHex).orElse("").equals(signerSerial)) {
                    continue;
                }
                for (InstalledList l : lists(true)) {
                    for (Anchor a : l.anchors()) {
                        if (a.roles.contains(Role.SAST)
                                && a.record != null
                                && Certs.recordIs(a.record, r.certificate().get())) {
                            return a;
                        }
                    }
                }
            }
            return null;
        }

        boolean looksLikeItlRecovery(SignedFile f) {
            String name = f.header().signerName().orElse("").toUpperCase(Locale.ROOT);
            if (name.contains("ITLRECOVERY")) {
                return true;
            }
            if (f instanceof ItlFile itl) {
                String serial = f.header().serialNumber().map(Certs::serialHex).orElse("");
                int sast = 0;
                for (ItlRecord r : itl.records()) {
                    if (r.role().map(Role.SAST::equals).orElse(false)) {
                        sast++;
                        if (r.serialNumber().map(Certs::serialHex).orElse("").equals(serial)) {
                            return sast > 1;
                        }
                    }
                }
            }
            return false;
        }

        boolean ctlInvolved() {
            return phone.installedCtl() != null || o.kind() == FileKind.CTL;
        }

        void fix(FixCode c, String extra) {
            for (Fix f : fixes) {
                if (f.code() == c) {
                    return;
                }
            }
            fixes.add(Fix.of(c, extra));
        }

        String signerSubject(SignedFile f) {
            return f.header().signerName().map(Anchor::clean).orElse("the signer");
        }

        void fixesR10(SignedFile f, boolean trustList, FileKind kind) {
            if (!trustList) {
                fix(FixCode.F_SIGN_CONFIG, null);
                return;
            }
            if (ctlInvolved()) {
                fix(FixCode.F_IMPORT_PHONE_SAST, signerSubject(f));
                fix(FixCode.F_UPDATE_CTL, "secure clusters cannot use the rollback ITL");
                return;
            }
            if (commonSast(f)) {
                fix(FixCode.F_RESIGN_OTHER_SAST, null);
            }
            fix(FixCode.F_DELETE_ITL, null);
        }

        void fixesR7(SignedFile f, boolean trustList) {
            if (!trustList) {
                if (tvsReasons.contains(TvsReason.UNREACHABLE)) {
                    fix(FixCode.F_TVS_REACH, null);
                }
                fix(FixCode.F_SIGN_CONFIG, null);
                if (tvsReasons.contains(TvsReason.CERT_CHANGED)) {
                    fix(FixCode.F_TVS_CERT_CHANGED, null);
                }
                return;
            }
            Anchor other = otherSast(f);
            boolean common = other != null;
            if (common) {
                fix(
                        FixCode.F_RESIGN_OTHER_SAST,
                        "sign it with " + other.describe() + ", " + other.where
                                + " and a SAST of the offered list too");
            }
            if (tvsReasons.contains(TvsReason.CERT_CHANGED)) {
                if (!common) {
                    fix(
                            FixCode.F_RESTORE_KEY,
                            "unrecoverable otherwise: no SAST of the phone's list signs the new "
                                    + "list and the TVS the phone trusts is gone");
                    fix(FixCode.F_DELETE_ITL, null);
                }
                fix(FixCode.F_TVS_CERT_CHANGED, null);
            }
            if (tvsReasons.contains(TvsReason.IMPL)) {
                fix(
                        FixCode.F_RESIGN_OTHER_SAST,
                        "usecallmanager tvsd cannot vouch for a file signer; sign with a " + "SAST the phone holds");
            }
            if (tvsReasons.contains(TvsReason.UNREACHABLE) || tvsReasons.contains(TvsReason.NO_ENV)) {
                fix(FixCode.F_TVS_REACH, null);
            }
            fix(FixCode.F_DELETE_ITL, null);
        }

        void fixesR8(SignedFile f, boolean trustList, boolean roleMissing) {
            String where = tvsLabel == null ? "" : " (TVS \"" + tvsLabel + "\")";
            if (!trustList) {
                fix(FixCode.F_IMPORT_CM_TRUST, signerSubject(f) + where);
                return;
            }
            if (!roleMissing && looksLikeItlRecovery(f)) {
                fix(FixCode.F_IMPORT_ITLRECOVERY, signerSubject(f) + where);
            }
            fix(FixCode.F_IMPORT_PHONE_SAST, signerSubject(f) + where);
            if (ctlInvolved()) {
                fix(FixCode.F_UPDATE_CTL, null);
            }
        }

        // ------------------------------------------------------------------ procedure B

        void config() {
            assumptions.addAll(policy.assumptions(false, phone.isEmpty()));
            if (!parse()) {
                return;
            }
            String base = baseName(o.name());
            List<InstalledList> lists = lists(true);
            boolean signedWanted = false;
            String rule;
            String why;
            if (lists.isEmpty()) {
                rule = "R17";
                why = "the phone holds no trust list";
            } else if (lists.stream().noneMatch(l -> l.hasConfigSignerCert)) {
                rule = "R18";
                why = phone.hasRollbackItl()
                        ? "the installed ITL is a rollback ITL (no TFTP certificates)"
                        : "the phone's lists hold no TFTP or CCM+TFTP certificate";
                if (phone.hasRollbackItl()) {
                    add(
                            "R11",
                            Outcome.INFO,
                            "rollback ITL installed: the phone accepts unsigned configuration files",
                            List.of("SG14"),
                            Confidence.H);
                }
            } else {
                rule = "R17";
                signedWanted = true;
                why = "the phone holds a trust list with TFTP certificates";
            }
            FileKind wantedKind =
                    !signedWanted ? FileKind.PLAIN : phone.encryptedConfig() ? FileKind.ENC_SGN : FileKind.SGN;
            requested = base + (wantedKind == FileKind.PLAIN ? "" : wantedKind == FileKind.SGN ? ".sgn" : ".enc.sgn");
            List<String> src = rule.equals("R18") ? List.of("7906 admin guide", "UCMNZ") : List.of("SBD", "EMCC");
            if (o.kind() != wantedKind) {
                String offeredName = o.name()
                        .substring(Math.max(o.name().lastIndexOf('/'), o.name().lastIndexOf('\\')) + 1);
                add(rule, Outcome.FAIL, why + ": it requests " + requested + ", not " + offeredName, src, Confidence.H);
                problem("NOT_REQUESTED", Severity.ERROR, "the phone requests " + requested);
                verdict = Verdict.NOT_REQUESTED;
                if (wantedKind != FileKind.PLAIN && o.kind() == FileKind.PLAIN) {
                    fix(FixCode.F_SIGN_CONFIG, "serve " + requested);
                }
                return;
            }
            if (wantedKind == FileKind.PLAIN) {
                add(rule, Outcome.PASS, why + ": it requests and uses the unsigned " + requested, src, Confidence.H);
                verdict = Verdict.ACCEPT_UNSIGNED;
                return;
            }
            SignedFile f = o.signed().orElseThrow();
            ItlHeader h = f.header();
            if (!digest(h)) {
                return;
            }
            Match m = find(lists, h, CFG_SIGNER);
            if (m.anchor != null) {
                add(
                        "R6",
                        Outcome.PASS,
                        "signer " + m.anchor.describe() + " is " + m.anchor.where
                                + (m.issuerMismatch ? " (matched by serial only)" : ""),
                        List.of("SG14", "MIG8"),
                        Confidence.H);
                String whose = m.anchor.where;
                if (!signature(f, anchorKey(m.anchor, f), whose)) {
                    return;
                }
                if (!enc()) {
                    return;
                }
                if (!validity(m.anchor, whose)) {
                    return;
                }
                verdict = Verdict.ACCEPT;
                return;
            }
            String detail;
            if (!m.wrongRole.isEmpty()) {
                Anchor a = m.wrongRole.get(0);
                detail = "signer " + signerText(h) + " is " + a.where + ": role " + roleNames(a.roles)
                        + ", not TFTP or CCM+TFTP";
                problem(ProblemCode.SIGNER_WRONG_ROLE, Severity.ERROR, roleNames(a.roles), "TFTP or CCM+TFTP");
            } else {
                detail = "signer " + signerText(h) + " is not a TFTP or CCM+TFTP record of the installed "
                        + listNames(lists);
                problem(
                        ProblemCode.NO_SIGNER,
                        Severity.ERROR,
                        h.serialNumber().map(Bytes::toHex).orElse(""),
                        h.caName().orElse(""),
                        "TFTP or CCM+TFTP");
            }
            add("R6", Outcome.FAIL, detail, List.of("SG14", "MIG8"), Confidence.H);
            tvsPath(f, h, policy.tvsConfigRoles(), false, o.kind());
            if (verdict == Verdict.ACCEPT) {
                PhoneState kept = after;
                if (enc()) {
                    after = kept;
                }
            }
        }

        /** B.5: decrypts an .enc.sgn with the phone's key, if given. @return false if rejected. */
        boolean enc() {
            if (o.kind() != FileKind.ENC_SGN) {
                return true;
            }
            if (phone.phoneKey().isEmpty() || !(o.signed().orElse(null) instanceof SgnFile sgn)) {
                add(
                        "ENC",
                        Outcome.INFO,
                        "encrypted payload not checked: no phone key given",
                        List.of("CU-ENC"),
                        Confidence.U);
                return true;
            }
            String why = EncryptedPayload.check(sgn, phone.phoneKey().get());
            if (why == null) {
                add(
                        "ENC",
                        Outcome.PASS,
                        "the phone's key unwraps the AES key; the decrypted configuration matches its " + "digest",
                        List.of("CU-ENC", "SG15-ENC"),
                        Confidence.U);
                return true;
            }
            add("ENC", Outcome.FAIL, why, List.of("CU-ENC", "SG15-ENC"), Confidence.U);
            problem("ENC_FAILED", Severity.ERROR, why);
            fix(FixCode.F_REENCRYPT, null);
            reject();
            return false;
        }

        private String baseName(String name) {
            String n = name;
            int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
            n = n.substring(slash + 1);
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".enc.sgn")) {
                return n.substring(0, n.length() - 8);
            }
            if (lower.endsWith(".sgn")) {
                return n.substring(0, n.length() - 4);
            }
            return n;
        }
    }

    static String roleNames(Set<Role> roles) {
        if (roles.isEmpty()) {
            return "{}";
        }
        List<String> n = new ArrayList<>();
        for (Role r : roles) {
            n.add(r.name());
        }
        n.sort(null);
        return "{" + String.join(",", n) + "}";
    }

    private static String listNames(List<InstalledList> lists) {
        List<String> n = new ArrayList<>();
        for (InstalledList l : lists) {
            n.add(l.kind.name());
        }
        return n.isEmpty() ? "lists" : String.join(" and ", n);
    }

    private static String sastList(List<InstalledList> lists) {
        List<String> n = new ArrayList<>();
        for (InstalledList l : lists) {
            for (Anchor a : l.anchors()) {
                if (a.roles.contains(Role.SAST)) {
                    n.add(a.describe());
                }
            }
        }
        return n.isEmpty() ? "none" : String.join("; ", n);
    }

    private static String tvsList(InstalledList itl) {
        List<String> n = new ArrayList<>();
        for (ItlRecord r : itl.tvsRecords) {
            Optional<Bytes> id = r.certificate().map(Certs::sha1).or(r::certHash);
            n.add(id.map(Certs::shortHex).orElse("?"));
        }
        return String.join(", ", n);
    }

    private static String codes(List<Problem> ps) {
        Set<String> s = new LinkedHashSet<>();
        for (Problem p : ps) {
            s.add(p.code().name());
        }
        return String.join(", ", s);
    }

    /**
     * Verifies an RSA PKCS#1 v1.5 signature over the file's signed bytes (never a re-encoding).
     *
     * @return null if valid, else why not
     */
    static String verifyRsa(SignedFile f, PublicKey key, DigestAlgorithm alg) {
        if (!(key instanceof RSAPublicKey rsa)) {
            return "the anchor's key is " + key.getAlgorithm() + ", not RSA";
        }
        Bytes sig = f.header().signature().orElse(null);
        if (sig == null) {
            return "the file has no SIGNATURE";
        }
        int bytes = (rsa.getModulus().bitLength() + 7) / 8;
        if (bytes != sig.size()) {
            return "SIGNATURE has " + sig.size() + " bytes, which the anchor's "
                    + rsa.getModulus().bitLength() + "-bit key cannot have made";
        }
        String name =
                switch (alg.code()) {
                    case 1 -> "SHA1withRSA";
                    case 2 -> "SHA256withRSA";
                    case 3 -> "SHA512withRSA";
                    default -> null;
                };
        if (name == null) {
            return "DIGESTALGORITHM " + alg + " is unknown";
        }
        try {
            Signature s = Signature.getInstance(name);
            s.initVerify(key);
            for (Bytes b : f.signedParts()) {
                b.feed(s::update);
            }
            return s.verify(sig.toByteArray()) ? null : "the signature does not verify";
        } catch (SignatureException | RuntimeException e) {
            return "the signature does not verify (" + e.getMessage() + ")";
        } catch (InvalidKeyException e) {
            return "the anchor's key cannot verify RSA signatures: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }

    /**
     * Configures a {@link TrustSimulator}. Mutable, not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private PhoneState phone = PhoneState.none();
        private TvsEnvironment tvs = TvsEnvironment.none();
        private SimulationPolicy policy = SimulationPolicy.defaults();
        private ModelTable models = ModelTable.defaults();

        private Builder() {}

        /**
         * @param p the phone
         * @return this builder
         */
        public Builder phone(PhoneState p) {
            phone = Objects.requireNonNull(p, "phone");
            return this;
        }

        /**
         * @param e the TVS environment
         * @return this builder
         */
        public Builder tvs(TvsEnvironment e) {
            tvs = Objects.requireNonNull(e, "tvs");
            return this;
        }

        /**
         * @param p the policy
         * @return this builder
         */
        public Builder policy(SimulationPolicy p) {
            policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * @param m the model table
         * @return this builder
         */
        public Builder models(ModelTable m) {
            models = Objects.requireNonNull(m, "models");
            return this;
        }

        /** @return the simulator */
        public TrustSimulator build() {
            return new TrustSimulator(this);
        }
    }
}
