package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.enc.EncryptedConfigBuilder;
import io.github.itl4j.crypto.enc.EncryptedConfigCode;
import io.github.itl4j.crypto.enc.EncryptedConfigException;
import io.github.itl4j.crypto.enc.EncryptionInfo;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.ModelTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of an encrypted configuration ({@code .enc.sgn}, SPEC-trust §6.8) that need only the file: E02 (KEYSIZE),
 * E05 (body not whole AES blocks), E06 (FILENAME), E07 (VERSION), E09 (SHA-512). The fields come from the library's
 * own reader ({@link EncryptionInfo}); the codes are the library's ({@link EncryptedConfigCode}, {@code ENC_...}). E01,
 * E03, E04 and E08 need the phone's certificate or private key and are made by {@code itl decrypt-config}.
 */
final class EncChecks {
    /** Where the checks come from. */
    static final List<String> SOURCE = List.of("SPEC-trust §6.8");

    private EncChecks() {}

    /**
     * @param idOrCode an id ({@code E05}) or a code ({@code ENC_BODY_NOT_BLOCKS}), upper case
     * @return true if a check has it
     */
    static boolean isKnown(String idOrCode) {
        for (EncryptedConfigCode c : EncryptedConfigCode.values()) {
            if (c.check() != null && (c.check().equals(idOrCode) || c.id().equals(idOrCode))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lints an encrypted configuration.
     *
     * @param name the file name, or null
     * @param size the file size
     * @param file the file read as a .sgn
     * @param options the options (disabled checks, severity overrides, models for E09)
     * @return the report, malformed ({@code ENC_MALFORMED}) when the encryption fields cannot be read
     */
    static LintReport lint(String name, long size, SgnFile file, LintOptions options) {
        String n = name == null ? "-" : name;
        EncryptionInfo info;
        try {
            info = EncryptionInfo.of(file);
        } catch (EncryptedConfigException e) {
            return new LintReport(
                    n, size, FileKind.ENC_SGN, e.getMessage(), List.of()); // the message starts with the code
        }
        List<Finding> out = new ArrayList<>();
        ItlHeader h = file.header();
        // E02: KEYSIZE 128 (early certutils) or 8 x the wrapped key's length; KEYALGORITHM 1 (AES-128-CBC)
        Optional<Bytes> w = info.wrappedKey();
        if (info.keySize().isPresent() && w.isPresent()) {
            int ks = info.keySize().getAsInt();
            if (ks != 128 && ks != 8 * w.get().size()) {
                emit(
                        out,
                        options,
                        EncryptedConfigCode.KEYSIZE_UNEXPECTED,
                        null,
                        info.offsetOf(HeaderTags.KEY_SIZE),
                        "KEYSIZE is " + ks + "; expected 128 (early certutils) or "
                                + 8 * w.get().size() + " (8 x the " + w.get().size() + "-byte ENCRYPTEDKEY)",
                        "keySize",
                        ks);
            }
        }
        if (info.keyAlgorithm().isPresent() && info.keyAlgorithm().getAsInt() != EncryptionInfo.AES_128_CBC) {
            emit(
                    out,
                    options,
                    EncryptedConfigCode.KEYSIZE_UNEXPECTED,
                    null,
                    info.offsetOf(HeaderTags.KEY_ALGORITHM),
                    "KEYALGORITHM is " + info.keyAlgorithm().getAsInt() + ", not 1 (AES-128-CBC)",
                    "keyAlgorithm",
                    info.keyAlgorithm().getAsInt());
        }
        // E05: the ciphertext is whole AES blocks
        Bytes body = info.body();
        if (body.isEmpty() || body.size() % EncryptedConfigBuilder.BLOCK != 0) {
            emit(
                    out,
                    options,
                    EncryptedConfigCode.BODY_NOT_BLOCKS,
                    null,
                    info.bodyOffset(),
                    "the ciphertext is " + body.size() + " bytes; expected a non-zero multiple of 16: phones cannot "
                            + "decrypt it",
                    "bodySize",
                    body.size());
        }
        // E06: FILENAME is the file's own name, <basename>.enc.sgn
        String fn = h.fileName().orElse("");
        String base = baseName(name);
        if (base != null && base.endsWith(".enc.sgn") ? !fn.equals(base) : !fn.endsWith(".enc.sgn")) {
            emit(
                    out,
                    options,
                    EncryptedConfigCode.FILENAME_UNEXPECTED,
                    null,
                    -1,
                    "FILENAME is \"" + fn + "\"; expected "
                            + (base != null && base.endsWith(".enc.sgn") ? "\"" + base + "\"" : "<basename>.enc.sgn"),
                    "fileName",
                    fn);
        }
        // E07: VERSION 2.0
        if (!Version.V2_0.equals(h.version())) {
            emit(
                    out,
                    options,
                    EncryptedConfigCode.VERSION_UNEXPECTED,
                    null,
                    0,
                    "VERSION is " + h.version() + "; encrypted configurations have 2.0",
                    "version",
                    h.version());
        }
        // E09: SHA-512, as L13: an error when --models lists a phone that cannot verify it
        boolean plain512 = DigestAlgorithm.SHA512.equals(info.plainDigestAlgorithm());
        boolean sig512 =
                h.digestAlgorithm().filter(DigestAlgorithm.SHA512::equals).isPresent();
        if (plain512 || sig512) {
            List<String> refusing = new ArrayList<>();
            for (String m : options.models()) {
                Optional<ModelTable.Entry> e = options.modelTable().lookup(m);
                if (e.isPresent() && e.get().sha512() == ModelTable.Support.NO) {
                    refusing.add(ModelTable.normalise(m));
                }
            }
            emit(
                    out,
                    options,
                    EncryptedConfigCode.SHA512,
                    refusing.isEmpty() ? null : LintSeverity.ERROR,
                    plain512 ? info.offsetOf(HeaderTags.PLAIN_DIGEST_ALGORITHM) : -1,
                    "SHA-512 "
                            + (plain512 && sig512
                                    ? "signature and plaintext digest"
                                    : sig512 ? "signature" : "plaintext digest")
                            + ": phones without SHA-512 support cannot verify this file"
                            + (refusing.isEmpty() ? "" : "; " + String.join(", ", refusing) + " cannot"),
                    "models",
                    String.join(",", refusing));
        }
        return new LintReport(n, size, FileKind.ENC_SGN, null, out);
    }

    private static String baseName(String name) {
        if (name == null || name.equals("-")) {
            return null;
        }
        int s = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(s + 1);
    }

    private static void emit(
            List<Finding> out,
            LintOptions o,
            EncryptedConfigCode code,
            LintSeverity forced,
            long offset,
            String message,
            Object... params) {
        if (o.disabled().contains(code.check()) || o.disabled().contains(code.id())) {
            return;
        }
        LintSeverity s = forced != null ? forced : code.isError() ? LintSeverity.ERROR : LintSeverity.WARN;
        LintSeverity over = o.severities().get(code.id());
        if (over == null) {
            over = o.severities().get(code.check());
        }
        if (over != null) {
            s = over;
        }
        if (s == LintSeverity.OFF) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put(String.valueOf(params[i]), String.valueOf(params[i + 1]));
        }
        String where = code == EncryptedConfigCode.BODY_NOT_BLOCKS ? "body" : "header";
        out.add(new Finding(code.check(), code.id(), s, -1, Math.max(-1, offset), where, message, p, SOURCE, "R"));
    }
}
