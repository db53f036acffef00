package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlStreamReader;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.TrustAnchors.CertInfo;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.crypto.internal.DigestInfos;
import io.github.itl4j.crypto.internal.PublicKeys;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies ITL/CTL trust lists and signed (.sgn) files (docs/format.md §5 and §10, docs/trust.md §5). Immutable and
 * thread-safe once built; the {@link Builder} is mutable and not thread-safe.
 *
 * <p>Every signature, digest, certificate or consistency problem is reported in the returned
 * {@link VerificationResult}; the methods throw only when the input cannot be read at all ({@code ItlException}
 * from the reader, {@code IOException} from a stream). Each verification makes <b>exactly one RSA operation at
 * most</b>, whatever the file holds, so a hostile file cannot multiply the CPU cost.
 *
 * <p>A trust list is checked as follows:
 * <ul>
 *   <li>the header has SIGNATURE, SIGNERNAME, SERIALNUMBER, CANAME, DIGESTALGORITHM (1, 2 or 3),
 *       SIGNATUREALGORITHM (0 = RSA) and a SIGNATUREMODULUS that matches the signature length;</li>
 *   <li>the signer is the SAST record whose SERIALNUMBER equals the header's and whose ISSUERNAME equals CANAME
 *       (matching on the serial only gives a warning; several matches, a warning; none, an error);</li>
 *   <li>the signer record's CERTIFICATE decodes and agrees with its PUBLICKEY, SERIALNUMBER and SIGNATURE fields
 *       (errors); without a CERTIFICATE its PUBLICKEY serves (warning);</li>
 *   <li>the signature verifies, with the digest the header names, over the file minus the SIGNATURE TLV;</li>
 *   <li>if {@linkplain Builder#checkRecords(boolean) record checks} are on (the default), every other record's
 *       certificate is decoded and compared with its fields (warnings), see {@link ProblemCode};</li>
 *   <li>if a {@linkplain Builder#validityAt(Instant) time to check at} is configured, a signer certificate that
 *       is expired or not yet valid then gives {@link ProblemCode#SIGNER_EXPIRED} or
 *       {@link ProblemCode#SIGNER_NOT_YET_VALID} (warnings; errors with {@link Builder#strictValidity(boolean)});</li>
 *   <li>more than 2 SAST records, unknown roles, and the reader's own warnings give warnings;</li>
 *   <li>if trust anchors are configured, the signer must be one of them (docs/trust.md §5 R2, R3), else
 *       {@link ProblemCode#SIGNER_NOT_TRUSTED}.</li>
 * </ul>
 *
 * <pre>{@code
 * ItlVerifier v = ItlVerifier.builder().trustInstalled(currentItl).build();
 * VerificationResult r = v.verify(ItlReader.defaults().readTrustList(Path.of("ITLFile.tlv")));
 * if (!r.isVerified()) r.errors().forEach(p -> log.warn(p.message()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ItlVerifier {
    /**
     * The largest trust list phones load: Cisco notes that an ITL over 64 KB (more than about 39 certificates) fails to
     * load (docs/trust.md §9, docs/format.md §2.7).
     */
    static final long PHONE_MAX_TRUST_LIST_SIZE = 64 * 1024;

    private static final Role[] TRUST_LIST_SIGNERS = {Role.SAST};
    private static final Role[] SGN_SIGNERS = {Role.TFTP, Role.CCM_TFTP};

    private final TrustAnchors anchors;
    private final boolean warningsAsErrors;
    private final boolean checkRecords;
    private final Provider provider;
    private final ItlReader reader;
    /** At most this many public keys translated into {@link #provider}'s key objects are kept. */
    private static final int MAX_PROVIDER_KEYS = 256;
    /**
     * Signer keys translated into {@link #provider}'s key objects, by the key as decoded, each with the
     * {@code Signature} objects initialised with it and idle.
     */
    private final Map<PublicKey, ProviderKey> providerKeys = new ConcurrentHashMap<>();
    /** The entry of {@link #providerKeys} used last (read without hashing the key when the same object recurs). */
    private volatile ProviderKey lastProviderKey;
    /** At most this many idle {@code Signature} objects are kept per key and algorithm. */
    private static final int MAX_IDLE_SIGNATURES = 64;

    private final Instant validityAt;
    private final boolean strictValidity;
    /** Record certificates decoded by this verifier's earlier verifications. */
    private final CertCache certs = new CertCache();

    /** @return this verifier's certificate cache (for tests) */
    CertCache certificateCache() {
        return certs;
    }

    private ItlVerifier(Builder b) {
        this.anchors =
                b.certs.isEmpty() && b.installed.isEmpty() ? TrustAnchors.NONE : new TrustAnchors(b.certs, b.installed);
        this.warningsAsErrors = b.warningsAsErrors;
        this.checkRecords = b.checkRecords;
        this.provider = b.provider;
        this.reader = ItlReader.withLimits(b.limits);
        this.validityAt = b.validityAt;
        this.strictValidity = b.strictValidity;
    }

    /** @return a new builder: no anchors (self-contained checks), record checks on, warnings stay warnings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a trust list or a signed file held in memory. The signed bytes are the file's own
     * ({@link SignedFile#signedParts()}), never a re-encoding, and are not copied.
     *
     * <p>A trust list ({@link ItlFile}) is checked against itself, then against the configured anchors if any. A
     * .sgn ({@link SgnFile}) carries no certificate: its signer is looked up by the header's SERIALNUMBER among the
     * trusted certificates, then among the TFTP and CCM+TFTP records of the installed trust lists (docs/format.md §5.4,
     * docs/trust.md §5 R6); with no anchor configured it cannot verify ({@link ProblemCode#NO_SIGNER}).
     *
     * @param file the file
     * @return the result
     */
    public VerificationResult verify(SignedFile file) {
        Objects.requireNonNull(file, "file");
        if (file instanceof ItlFile f) {
            return verifyTrustList(f);
        }
        return verifySignedWithAnchors((SgnFile) file);
    }

    /**
     * Verifies a trust list read from a stream in one pass: the signed bytes are digested as they are read, and
     * only the best candidate signer record is kept, so memory stays bounded by one record whatever the file size.
     * The result has the same problem codes as {@link #verify(SignedFile)} over the same bytes. The stream is read
     * to its end and not closed.
     *
     * @param in an ITL or CTL
     * @return the result
     * @throws io.github.itl4j.ItlException if the file is malformed or over the limits
     * @throws IOException from the stream
     */
    public VerificationResult verify(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        ItlStreamReader r = reader.stream(in);
        Run run = new Run(r.header(), TRUST_LIST_SIGNERS, true);
        MessageDigest md = run.h.digestUsable() ? messageDigest(run.h.digest) : null;
        if (md != null) {
            r.signedBytesTo(b -> b.feed(md::update));
        }
        while (true) {
            long off = r.offset();
            ItlRecord rec = r.nextRecord();
            if (rec == null) {
                break;
            }
            run.search.record(rec, r.recordCount() - 1, off, null);
        }
        run.finishTrustList(r.warnings(), r.offset());
        if (run.readyForRsa()) {
            run.rsaOverDigest(md.digest());
        }
        return run.result();
    }

    /**
     * Verifies a .sgn against the certificate that should have signed it (normally the TFTP node's CallManager
     * certificate, docs/trust.md §5 R6), which the caller trusts. The configured anchors are not consulted.
     *
     * @param file the signed file
     * @param signer the signer's certificate
     * @return the result; its anchor is {@code signer}
     */
    public VerificationResult verifySigned(SgnFile file, X509Certificate signer) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(signer, "signer");
        Run run = new Run(file.header(), SGN_SIGNERS, false);
        CertInfo ci = null;
        try {
            ci = anchors.known(Bytes.wrapOwned(signer.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the signer certificate", e);
        }
        run.useCertificate(ci != null ? ci : CertInfo.of(signer, false), true);
        run.anchor = AnchorMatch.certificate(signer);
        return run.finishSigned(file);
    }

    /**
     * Verifies a .sgn against a trust list the device holds: the signer is the TFTP or CCM+TFTP record matching
     * the header's SERIALNUMBER, CANAME and SIGNERNAME (docs/format.md §5.4, docs/trust.md §5 R6). The trust list
     * itself is not verified here (that would be a second RSA operation): verify it first. The configured anchors
     * are not consulted.
     *
     * @param file the signed file
     * @param trustList the ITL or CTL to find the signer in
     * @return the result; its anchor is the matching record, and {@link VerificationResult#signerRecordIndex()}
     *     is that record's index in {@code trustList}
     */
    public VerificationResult verifySigned(SgnFile file, ItlFile trustList) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(trustList, "trustList");
        Run run = new Run(file.header(), SGN_SIGNERS, false);
        run.search.search(trustList);
        run.resolveSigner();
        if (run.search.best != null) {
            run.anchor = AnchorMatch.trustListRecord(trustList, run.search.best.index);
        }
        return run.finishSigned(file);
    }

    private VerificationResult verifyTrustList(ItlFile f) {
        Run run = new Run(f.header(), TRUST_LIST_SIGNERS, true);
        run.search.search(f);
        run.finishTrustList(f.warnings(), f.size());
        if (run.readyForRsa()) {
            run.rsaOver(f.signedParts());
        }
        return run.result();
    }

    private VerificationResult verifySignedWithAnchors(SgnFile f) {
        Run run = new Run(f.header(), SGN_SIGNERS, false);
        if (run.h.serial != null) {
            for (CertInfo ci : anchors.trusted()) {
                if (Certificates.sameSerial(ci.serial, run.h.serial)) {
                    run.useCertificate(ci, false);
                    run.anchor = AnchorMatch.certificate(ci.cert);
                    return run.finishSigned(f);
                }
            }
            for (ItlFile list : anchors.installedLists()) {
                run.search.search(list);
            }
            run.resolveSigner();
            if (run.search.best != null) {
                run.anchor = AnchorMatch.trustListRecord(run.search.best.list, run.search.best.index);
            }
        }
        return run.finishSigned(f);
    }

    /**
     * A {@code Signature} for {@code alg} initialised to verify with {@code key}: from the configured provider, with
     * the key translated into that provider's own key object (once per key, see {@link #providerKey}); from the
     * default providers when none is configured or the configured one lacks {@code alg} (e.g. {@code NONEwithRSA}).
     * With a configured provider the object is reused: {@code verify} resets it to its {@code initVerify} state, so a
     * {@link Lease} given back after a {@code verify} that returned serves the next verification with the same key
     * without a new object (a native provider allocates and frees its native context per object; the lookup, the
     * allocation and the cleanup are overhead the raw primitive need not pay per call). The idle objects wait in a
     * lock-free queue, so concurrent verifications never wait for each other.
     */
    private Lease verifier(String alg, PublicKey key) throws InvalidKeyException {
        if (provider != null) {
            ProviderKey pk = providerKey(key);
            Idle idle = pk.idle.computeIfAbsent(alg, a -> new Idle());
            Signature s = idle.take();
            if (s != null) {
                return new Lease(s, idle);
            }
            try {
                s = Signature.getInstance(alg, provider);
            } catch (NoSuchAlgorithmException e) {
                s = null; // use the default providers below
            }
            if (s != null) {
                s.initVerify(pk.key);
                return new Lease(s, idle);
            }
        }
        try {
            Signature s = Signature.getInstance(alg);
            s.initVerify(key);
            return new Lease(s, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is not available", e);
        }
    }

    /**
     * The signer's public key decoded by the configured provider ({@link KeyFactory#translateKey}), so a native
     * provider does not import it again on every verification. Keys come from certificates the verifier caches,
     * so the same few keys recur; the cache is bounded, and a key the provider cannot translate is used as is.
     */
    private ProviderKey providerKey(PublicKey key) {
        ProviderKey k = lastProviderKey;
        if (k != null && k.decoded == key) {
            return k; // the same key object as last time (the certificate cache's): no hashing of its encoding
        }
        k = providerKeys.get(key);
        if (k != null) {
            lastProviderKey = k.decoded == key ? k : lastProviderKey;
            return k;
        }
        PublicKey translated;
        try {
            translated = (PublicKey)
                    KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            translated = key;
        }
        if (providerKeys.size() >= MAX_PROVIDER_KEYS) {
            providerKeys.clear();
        }
        k = new ProviderKey(key, translated);
        ProviderKey raced = providerKeys.putIfAbsent(key, k);
        k = raced != null ? raced : k;
        lastProviderKey = k;
        return k;
    }

    /** A signer key in the configured provider's key object, and its idle {@code Signature} objects by algorithm. */
    private static final class ProviderKey {
        /** The key as decoded (the map's key). */
        final PublicKey decoded;
        /** The key in the provider's own key object. */
        final PublicKey key;

        final Map<String, Idle> idle = new ConcurrentHashMap<>(4);

        ProviderKey(PublicKey decoded, PublicKey key) {
            this.decoded = decoded;
            this.key = key;
        }
    }

    /** Initialised {@code Signature} objects not in use; lock-free, bounded. */
    private static final class Idle {
        private final ConcurrentLinkedQueue<Signature> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        Signature take() {
            Signature s = queue.poll();
            if (s != null) {
                size.decrementAndGet();
            }
            return s;
        }

        void give(Signature s) {
            if (size.incrementAndGet() <= MAX_IDLE_SIGNATURES) {
                queue.offer(s);
            } else {
                size.decrementAndGet();
            }
        }
    }

    /** A {@code Signature} in use by one verification, and where it goes back (null: not reused). */
    private record Lease(Signature signature, Idle idle) {
        /** Call only after {@code verify} returned (it reset the object); after an exception, drop the object. */
        void giveBack() {
            if (idle != null) {
                idle.give(signature);
            }
        }
    }

    private MessageDigest messageDigest(DigestAlgorithm alg) {
        if (provider != null) {
            try {
                return MessageDigest.getInstance(alg.jcaName().orElseThrow(), provider);
            } catch (NoSuchAlgorithmException e) {
                // the provider may offer only signatures: use the JDK's digest
            }
        }
        return DigestInfos.messageDigest(alg);
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey k) {
            return k.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey k) {
            return k.getParams().getCurve().getField().getFieldSize();
        }
        return -1;
    }

    /**
     * One verification: the header's fields ({@link SignerHeader}), the signer search over the records
     * ({@link SignerSearch}), the record checks ({@link RecordChecks}), then the signer's key, the anchors and the one
     * RSA operation, here. Single-threaded, short-lived.
     */
    private final class Run {
        final ProblemList problems = new ProblemList();
        final SignerHeader h;
        final SignerSearch search;
        final RecordChecks checks;
        /** True when the records searched are the file's own: they are linted, SAST records are counted. */
        final boolean ownRecords;
        // outcome
        PublicKey key;
        X509Certificate signerCert;
        Bytes signerDer;
        Bytes signerKeyField;
        AnchorMatch anchor = AnchorMatch.none();
        boolean valid;

        Run(ItlHeader header, Role[] wanted, boolean ownRecords) {
            this.ownRecords = ownRecords;
            this.h = new SignerHeader(header, problems);
            this.checks = new RecordChecks(certs, anchors, problems);
            this.search = new SignerSearch(h, wanted, ownRecords, problems, this::lint);
        }

        private void lint(ItlRecord r, int index, long offset) {
            if (ownRecords && checkRecords) {
                checks.check(r, index, offset, Severity.WARNING);
            }
        }

        /** Reports on the chosen signer record and takes its key. */
        void resolveSigner() {
            if (h.serial == null) {
                return; // MISSING_HEADER_FIELD already says why there is no signer
            }
            SignerSearch.Candidate c = search.best;
            if (c == null) {
                problems.error(
                        ProblemCode.NO_SIGNER, h.serial.toHex(), h.caName == null ? "" : h.caName, search.wantedText());
                return;
            }
            if (!c.roleOk) {
                problems.add(
                        ProblemCode.SIGNER_WRONG_ROLE,
                        Severity.ERROR,
                        c.index,
                        c.offset,
                        c.record.role().map(Role::name).orElse("none"),
                        search.wantedText());
            }
            if (!c.issuerOk && h.caName != null) {
                problems.add(
                        ProblemCode.SIGNER_ISSUER_MISMATCH,
                        Severity.WARNING,
                        c.index,
                        c.offset,
                        c.record.issuerName().orElse(""),
                        h.caName);
            }
            if (!c.subjectOk && h.signerName != null) {
                problems.add(
                        ProblemCode.SIGNER_NAME_MISMATCH,
                        Severity.WARNING,
                        c.index,
                        c.offset,
                        c.record.subjectName().orElse(""),
                        h.signerName);
            }
            if (search.wantedMatches > 1) {
                problems.add(
                        ProblemCode.SEVERAL_SIGNER_CANDIDATES,
                        Severity.WARNING,
                        c.index,
                        c.offset,
                        search.wantedMatches,
                        c.index + 1);
            }
            CertInfo ci = checks.check(c.record, c.index, c.offset, Severity.ERROR);
            if (ci != null) {
                key = ci.key;
                signerCert = ci.cert;
                signerDer = ci.der;
            } else if (c.record.certificate().isEmpty()) {
                Optional<Bytes> pk = c.record.publicKey();
                if (pk.isEmpty()) {
                    problems.add(ProblemCode.SIGNER_HAS_NO_KEY, Severity.ERROR, c.index, c.offset);
                } else {
                    problems.add(ProblemCode.SIGNER_KEY_FROM_PUBLIC_KEY_FIELD, Severity.WARNING, c.index, c.offset);
                    signerKeyField = pk.get();
                    key = PublicKeys.rsaFromPkcs1(pk.get()).orElse(null);
                    if (key == null) {
                        problems.add(
                                ProblemCode.PUBLIC_KEY_MALFORMED,
                                Severity.ERROR,
                                c.index,
                                c.offset,
                                pk.get().size());
                    }
                }
            }
        }

        /** Takes a certificate the caller gave or trusts as the .sgn signer. */
        void useCertificate(CertInfo ci, boolean compareSerial) {
            key = ci.key;
            signerCert = ci.cert;
            signerDer = ci.der;
            if (compareSerial && h.serial != null && !Certificates.sameSerial(h.serial, ci.serial)) {
                problems.add(
                        ProblemCode.SIGNER_ID_MISMATCH,
                        Severity.WARNING,
                        -1,
                        Problem.NO_OFFSET,
                        h.serial.toHex(),
                        ci.serial.toHex());
            }
        }

        /** Signer, SAST count, anchor and reader warnings of a trust list; everything but the RSA operation. */
        void finishTrustList(List<ItlWarning> readerWarnings, long fileSize) {
            resolveSigner();
            checkValidity();
            if (search.sastCount > 2) {
                problems.add(ProblemCode.TOO_MANY_SAST, Severity.WARNING, -1, Problem.NO_OFFSET, search.sastCount);
            }
            if (fileSize > PHONE_MAX_TRUST_LIST_SIZE) {
                problems.add(
                        ProblemCode.TOO_LARGE_FOR_PHONES,
                        Severity.WARNING,
                        -1,
                        Problem.NO_OFFSET,
                        fileSize,
                        PHONE_MAX_TRUST_LIST_SIZE);
            }
            if (anchors.configured() && (signerDer != null || signerKeyField != null)) {
                anchor = anchors.matchTrustListSigner(signerDer, signerKeyField);
                if (!anchor.isAnchored()) {
                    String subject = signerCert != null
                            ? signerCert.getSubjectX500Principal().getName()
                            : search.best.record.subjectName().orElse("");
                    String sha1 = signerDer == null
                            ? "no certificate"
                            : Bytes.wrapOwned(DigestInfos.messageDigest(DigestAlgorithm.SHA1)
                                            .digest(signerDer.toByteArray()))
                                    .toHex();
                    problems.add(
                            ProblemCode.SIGNER_NOT_TRUSTED,
                            Severity.ERROR,
                            search.best.index,
                            search.best.offset,
                            subject,
                            sha1);
                }
            }
            readerWarnings(readerWarnings);
        }

        VerificationResult finishSigned(SgnFile f) {
            checkValidity();
            readerWarnings(f.warnings());
            if (readyForRsa()) {
                rsaOver(f.signedParts());
            }
            return result();
        }

        /** Reports a signer certificate outside its validity period at the configured time, if any. */
        private void checkValidity() {
            if (validityAt == null || signerCert == null) {
                return;
            }
            Severity sev = strictValidity ? Severity.ERROR : Severity.WARNING;
            Instant notAfter = signerCert.getNotAfter().toInstant();
            Instant notBefore = signerCert.getNotBefore().toInstant();
            String subject = signerCert.getSubjectX500Principal().getName();
            if (validityAt.isAfter(notAfter)) {
                problems.add(
                        ProblemCode.SIGNER_EXPIRED,
                        sev,
                        signerIndex(),
                        signerOffset(),
                        subject,
                        notAfter.toString(),
                        validityAt.toString());
            } else if (validityAt.isBefore(notBefore)) {
                problems.add(
                        ProblemCode.SIGNER_NOT_YET_VALID,
                        sev,
                        signerIndex(),
                        signerOffset(),
                        subject,
                        notBefore.toString(),
                        validityAt.toString());
            }
        }

        private long signerOffset() {
            return search.best == null ? Problem.NO_OFFSET : search.best.offset;
        }

        private void readerWarnings(List<ItlWarning> ws) {
            for (ItlWarning w : ws) {
                if (w.code() != ItlWarning.Code.UNKNOWN_ROLE || !ownRecords) {
                    problems.add(
                            ProblemCode.READER_WARNING,
                            Severity.WARNING,
                            w.recordIndex(),
                            w.offset(),
                            w.code().name(),
                            w.message());
                }
            }
        }

        /** Checks the key against the header; reports why not if the one RSA operation cannot be made. */
        boolean readyForRsa() {
            if (key == null) {
                return false;
            }
            int bits = keyBits(key);
            if (!(key instanceof RSAPublicKey)) {
                problems.add(
                        ProblemCode.SIGNER_KEY_UNSUPPORTED,
                        Severity.ERROR,
                        signerIndex(),
                        Problem.NO_OFFSET,
                        key.getAlgorithm(),
                        bits);
                return false;
            }
            if (h.signature != null && (bits + 7) / 8 != h.signature.size()) {
                problems.add(
                        ProblemCode.SIGNATURE_LENGTH_MISMATCH,
                        Severity.ERROR,
                        -1,
                        h.header.signatureOffset(),
                        h.signature.size(),
                        bits);
                return false;
            }
            return h.usable && h.signature != null && h.digestUsable();
        }

        private int signerIndex() {
            return search.best == null ? -1 : search.best.index;
        }

        void rsaOver(List<Bytes> parts) {
            try {
                Lease l = verifier(DigestInfos.rsaSignatureName(h.digest), key);
                Signature s = l.signature();
                for (Bytes b : parts) {
                    b.feed(s::update);
                }
                valid = s.verify(h.signature.toByteArray());
                l.giveBack();
            } catch (InvalidKeyException e) {
                unsupportedKey();
                return;
            } catch (SignatureException | RuntimeException e) {
                // a malformed signature value; some providers throw rather than return false (the JDK a
                // ProviderException, a native provider its own RuntimeException)
                valid = false;
            }
            signatureChecked();
        }

        void rsaOverDigest(byte[] hash) {
            try {
                Lease l = verifier("NONEwithRSA", key);
                Signature s = l.signature();
                s.update(DigestInfos.encode(h.digest, hash));
                valid = s.verify(h.signature.toByteArray());
                l.giveBack();
            } catch (InvalidKeyException e) {
                unsupportedKey();
                return;
            } catch (SignatureException | RuntimeException e) {
                // a malformed signature value; some providers throw rather than return false (the JDK a
                // ProviderException, a native provider its own RuntimeException)
                valid = false;
            }
            signatureChecked();
        }

        private void unsupportedKey() {
            valid = false;
            problems.add(
                    ProblemCode.SIGNER_KEY_UNSUPPORTED,
                    Severity.ERROR,
                    signerIndex(),
                    Problem.NO_OFFSET,
                    key.getAlgorithm(),
                    keyBits(key));
        }

        private void signatureChecked() {
            if (!valid) {
                problems.add(
                        ProblemCode.SIGNATURE_INVALID,
                        Severity.ERROR,
                        -1,
                        h.header.signatureOffset(),
                        h.digest.toString());
            }
        }

        VerificationResult result() {
            int idx = search.best != null && (ownRecords || anchor.kind() == AnchorMatch.Kind.TRUST_LIST_RECORD)
                    ? search.best.index
                    : -1;
            return new VerificationResult(problems.list(), warningsAsErrors, valid, idx, signerCert, anchor, h.digest);
        }
    }

    /**
     * Configures an {@link ItlVerifier}. Mutable and not thread-safe; {@link #build()} may be called more than
     * once, and each verifier keeps what was configured when it was built.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final List<X509Certificate> certs = new ArrayList<>();
        private final List<ItlFile> installed = new ArrayList<>();
        private boolean warningsAsErrors;
        private boolean checkRecords = true;
        private Provider provider;
        private ItlLimits limits = ItlLimits.defaults();
        private Instant validityAt;
        private boolean strictValidity;

        private Builder() {}

        /**
         * Adds trusted certificates. A trust list verifies only if its signer certificate equals (DER) one of them
         * or a SAST record of an {@linkplain #trustInstalled(ItlFile) installed list}; a .sgn's signer is looked up
         * among them by serial number.
         *
         * @param certificates the certificates, e.g. a CallManager or ITLRecovery certificate
         * @return this builder
         */
        public Builder trustCertificates(Collection<? extends X509Certificate> certificates) {
            for (X509Certificate c : certificates) {
                certs.add(Objects.requireNonNull(c, "certificate"));
            }
            return this;
        }

        /**
         * Adds a trust list the device already holds (docs/trust.md §5 R2, R3): its SAST records anchor new trust lists
         * (compared by certificate bytes, or by CERTHASH for hash records), and its TFTP and CCM+TFTP records sign
         * .sgn files (R6). It is taken as trusted: verify it first. May be called for an ITL and a CTL.
         *
         * @param previouslyInstalledItlOrCtl the installed ITL or CTL
         * @return this builder
         */
        public Builder trustInstalled(ItlFile previouslyInstalledItlOrCtl) {
            installed.add(Objects.requireNonNull(previouslyInstalledItlOrCtl, "previouslyInstalledItlOrCtl"));
            return this;
        }

        /**
         * @param value true to fail verification on warnings too; false by default
         * @return this builder
         */
        public Builder treatWarningsAsErrors(boolean value) {
            warningsAsErrors = value;
            return this;
        }

        /**
         * Whether to decode the certificate of every record (not only the signer's) and compare it with the
         * record's PUBLICKEY, SERIALNUMBER, SIGNATURE and CERTHASH (warnings). On by default; turn it off for the
         * cheap path, which decodes at most the signer's certificate (none when the signer is an anchor). The
         * signer record is always checked.
         *
         * @param value true (default) to check every record
         * @return this builder
         */
        public Builder checkRecords(boolean value) {
            checkRecords = value;
            return this;
        }

        /**
         * @param value the JCA provider for the RSA signature (and digests, if it has them), or null for the
         *     default providers. The signer's public key is translated into this provider's own key object (once per
         *     key); an algorithm the provider lacks ({@code NONEwithRSA} for streamed input) falls back to the
         *     default providers
         * @return this builder
         */
        public Builder provider(Provider value) {
            provider = value;
            return this;
        }

        /**
         * @param value the reader limits for {@link ItlVerifier#verify(InputStream)}; {@link ItlLimits#defaults()}
         *     by default
         * @return this builder
         */
        public Builder limits(ItlLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * The time at which the signer's certificate (of a trust list, or the certificate or record that signs a
         * .sgn) must be valid: outside its notBefore..notAfter it gives {@link ProblemCode#SIGNER_EXPIRED} or
         * {@link ProblemCode#SIGNER_NOT_YET_VALID}. Null (the default) checks no validity period. A signer known
         * only by its PUBLICKEY field has no period to check.
         *
         * @param value the time to check at, e.g. {@code Instant.now()}, or null for no check
         * @return this builder
         */
        public Builder validityAt(Instant value) {
            validityAt = value;
            return this;
        }

        /**
         * @param value true to make {@link ProblemCode#SIGNER_EXPIRED} and {@link ProblemCode#SIGNER_NOT_YET_VALID}
         *     errors (failing verification); false (default) keeps them warnings. Needs
         *     {@link #validityAt(Instant)}.
         * @return this builder
         */
        public Builder strictValidity(boolean value) {
            strictValidity = value;
            return this;
        }

        /**
         * Builds the verifier, decoding the anchors' certificates once.
         *
         * @return an immutable, thread-safe verifier
         * @throws IllegalArgumentException if a trusted certificate cannot be encoded
         */
        public ItlVerifier build() {
            return new ItlVerifier(this);
        }
    }
}
