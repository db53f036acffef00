package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Lints ITL and CTL trust lists (docs/lint.md): runs the verifier (self-signature, structure, record consistency)
 * and the rules L01 to L41 over a parsed list, and reports findings with stable rule ids and codes, record indexes and
 * byte offsets. Catches what phones will refuse before they refuse it: over 64 KB, SHA-512 on a 7975, a 1024-bit
 * ITLRecovery beside a 2048-bit CallManager, an expired signer, EC records without signer version 1.1, a single SAST.
 * Immutable and thread-safe; no I/O.
 *
 * <pre>{@code
 * LintReport r = Linter.of(LintOptions.defaults().models(List.of("CP-7975")).now(Instant.parse(...)))
 *         .lint("ITLFile.tlv", Bytes.wrapOwned(Files.readAllBytes(path)));
 * r.findings().forEach(f -> System.out.println(f.text()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Linter {
    private final LintOptions options;

    private Linter(LintOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param options the options
     * @return a linter
     */
    public static Linter of(LintOptions options) {
        return new Linter(options);
    }

    /** @return the options */
    public LintOptions options() {
        return options;
    }

    /** @return every rule, L01 to L41, in order */
    public static List<LintRule> rules() {
        return Rules.ALL;
    }

    /**
     * @param idOrCode a rule id ({@code L07}) or a rule's own code ({@code SINGLE_SAST})
     * @return the rule
     */
    public static Optional<LintRule> rule(String idOrCode) {
        String k = idOrCode.trim().toUpperCase(Locale.ROOT);
        return Rules.ALL.stream()
                .filter(r -> r.id().equals(k) || r.code().equals(k))
                .findFirst();
    }

    /**
     * @param idOrCode a rule id, a rule's code, or a code a finding can carry (the verifier's {@code ProblemCode}
     *     names, the reader's warning codes)
     * @return it in upper case
     * @throws IllegalArgumentException if nothing has it
     */
    static String checkKnown(String idOrCode) {
        String k = idOrCode.trim().toUpperCase(Locale.ROOT);
        if (rule(k).isPresent()
                || EncChecks.isKnown(k)
                || isProblemCode(k)
                || isWarningCode(k)
                || List.of("HASH_ALGORITHM", "SUBJECT_NAME_MISMATCH", "NEWER_VERSION")
                        .contains(k)) {
            return k;
        }
        throw new IllegalArgumentException("no lint rule or code " + idOrCode + " (rules are L01 to L"
                + String.format("%02d", Rules.ALL.size()) + ")");
    }

    private static boolean isProblemCode(String k) {
        for (io.github.itl4j.crypto.ProblemCode c : io.github.itl4j.crypto.ProblemCode.values()) {
            if (c.name().equals(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWarningCode(String k) {
        for (io.github.itl4j.ItlWarning.Code c : io.github.itl4j.ItlWarning.Code.values()) {
            if (c.name().equals(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lints a file's bytes. A file that cannot be read as a trust list (empty, a .sgn, truncated, over the reader's
     * limits) gives a report with {@link LintReport#malformed()} set; the size rules (L01, L03) still run on it. An
     * encrypted configuration ({@code .enc.sgn}: a .sgn whose header carries encryption fields) gets the checks that
     * need only the file, E02, E05, E06, E07 and E09 of docs/lint.md (codes {@code ENC_...}), and kind
     * {@link io.github.itl4j.trust.FileKind#ENC_SGN}.
     *
     * @param name the file name (for the kind: {@code ITL...}/{@code CTL...})
     * @param data the bytes
     * @return the report
     */
    public LintReport lint(String name, Bytes data) {
        Objects.requireNonNull(data, "data");
        ItlFile f;
        try {
            if (data.isEmpty()) {
                throw new IllegalArgumentException("the file is empty (0 bytes); phones ignore it");
            }
            if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".sgn")) {
                Optional<LintReport> enc = encrypted(name, data);
                if (enc.isPresent()) {
                    return enc.get();
                }
            }
            f = ItlReader.withLimits(options.limits()).readTrustList(data);
        } catch (ItlException | IllegalArgumentException e) {
            return encrypted(name, data).orElseGet(() -> malformed(name, data.size(), e));
        } catch (java.io.IOException e) {
            return malformed(name, data.size(), e);
        }
        return lint(f, name, data.size());
    }

    /**
     * @return the checks of an encrypted configuration (E02, E05, E06, E07, E09) if the bytes are one: a .sgn whose
     *     header carries encryption fields
     */
    private Optional<LintReport> encrypted(String name, Bytes data) {
        if (data.isEmpty()) {
            return Optional.empty();
        }
        io.github.itl4j.SgnFile s;
        try {
            s = ItlReader.withLimits(options.limits()).readSigned(data);
        } catch (ItlException | RuntimeException e) {
            return Optional.empty();
        }
        if (!io.github.itl4j.crypto.enc.EncryptionInfo.isEncrypted(s.header())) {
            return Optional.empty();
        }
        return Optional.of(EncChecks.lint(name, data.size(), s, options));
    }

    private LintReport malformed(String name, long size, Exception why) {
        LintContext ctx = new LintContext(null, name, size, options);
        ctx.run(Rules.ALL.get(0));
        ctx.run(Rules.ALL.get(2));
        return new LintReport(
                name, size, null, why.getMessage(), why instanceof ItlLimitException l ? l : null, ctx.findings());
    }

    /**
     * Lints a parsed list.
     *
     * @param file the list
     * @param name its file name, or null
     * @return the report
     */
    public LintReport lint(ItlFile file, String name) {
        return lint(file, name, file.size());
    }

    /**
     * Lints a parsed list the caller has already verified, so the verifier (and its RSA operation) does not run a
     * second time: for a tool that verifies and lints the same file. The result must come from {@link #verifier()}
     * (or a verifier built the same way: no anchors, record checks on, no validity time) over this same {@code file};
     * the findings are then those of {@link #lint(ItlFile, String)}. A result of another verifier changes the
     * findings taken from it (L07, L15, L19, L31, L32, L35) and the signer the other rules use.
     *
     * @param file the list
     * @param name its file name, or null
     * @param verification {@code verifier().verify(file)}
     * @return the report
     */
    public LintReport lint(ItlFile file, String name, VerificationResult verification) {
        return lint(file, name, file.size(), Objects.requireNonNull(verification, "verification"));
    }

    /**
     * @return the verifier lint runs (no anchors, record checks on): its result over a file can be handed to
     *     {@link #lint(ItlFile, String, VerificationResult)}
     */
    public static ItlVerifier verifier() {
        return LintContext.VERIFIER;
    }

    private LintReport lint(ItlFile file, String name, long size) {
        return lint(file, name, size, null);
    }

    private LintReport lint(ItlFile file, String name, long size, VerificationResult verification) {
        LintContext ctx = new LintContext(file, name, size, options, verification);
        if (options.disabled().isEmpty()) {
            Rules.runAll(ctx);
        } else {
            List<LintRule> all = Rules.ALL;
            for (int i = 0; i < all.size(); i++) {
                ctx.run(all.get(i));
            }
        }
        return new LintReport(name == null ? "ITL" : name, size, ctx.kind, null, ctx.findings());
    }
}
