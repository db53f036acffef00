package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.Version;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.TrustLists;
import java.time.Instant;
import java.util.Optional;

/**
 * What the rules read from a header (L12 to L17, L33, L35, L36, L40), derived once per header content and kept by its
 * bytes, as {@link RecordFacts} keeps what they read from a record: per-device copies of one list share their header.
 * Holds only values decoded from the header (no view of the file), in a bounded {@link ContentCache}. Immutable
 * entries, thread-safe cache.
 */
final class HeaderFacts {
    private static final ContentCache<HeaderFacts> CACHE = new ContentCache<>();

    final Version version;
    final Optional<Version> signerVersion;
    /** SIGNERVERSION as L16 names it: {@code 1.0}, or {@code absent}. */
    final String signerVersionText;

    final Optional<SignatureModulus> signatureModulus;
    /** The RSA size SIGNATUREMODULUS gives ({@link SignatureModulus#bits()}), or -1 without one (L10). */
    final int signatureModulusBits;
    /** True for SIGNATUREMODULUS 0, a 512-bit RSA key (L12). */
    final boolean signatureModulus512;
    /** DIGESTALGORITHM, or null. */
    final DigestAlgorithm digest;

    final Optional<String> fileName;
    /** The kind FILENAME tells ({@link TrustLists#kindOfName}), which decides the file's kind; or null. */
    final FileKind kindByFileName;

    final Optional<Instant> timestamp;
    /** True for a SERIALNUMBER of more than one byte that starts 0x00 (L40). */
    final boolean serialLeadingZero;
    /**
     * L16's last message ({@link #ecWithoutV11}), for any header: it depends on SIGNERVERSION's text and the key's
     * alone, and lists of a cluster share both.
     */
    private static volatile KeyMessage lastEcMessage;

    private HeaderFacts(ItlHeader h) {
        this.version = h.version();
        this.signerVersion = h.signerVersion();
        this.signerVersionText = signerVersion.isEmpty()
                ? "absent"
                : signerVersion.get().equals(Version.V1_0)
                        ? "1.0"
                        : signerVersion.get().toString();
        this.signatureModulus = h.signatureModulus();
        this.signatureModulusBits = signatureModulus.map(SignatureModulus::bits).orElse(-1);
        this.signatureModulus512 =
                signatureModulus.isPresent() && signatureModulus.get().code() == 0;
        this.digest = h.digestAlgorithm().orElse(null);
        this.fileName = h.fileName();
        this.kindByFileName = TrustLists.kindOfName(fileName.orElse(null)).orElse(null);
        this.timestamp = h.timestamp();
        Bytes serial = h.serialNumber().orElse(null);
        this.serialLeadingZero = serial != null && serial.size() > 1 && serial.get(0) == 0;
    }

    /**
     * @param h the header of a list being linted
     * @return what the rules read from it, derived now or when a header with the same bytes was seen before
     */
    static HeaderFacts of(ItlHeader h) {
        if (!ContentCache.ENABLED) {
            return new HeaderFacts(h);
        }
        Bytes bytes = h.encode();
        HeaderFacts f = CACHE.get(bytes);
        if (f != null) {
            return f;
        }
        f = new HeaderFacts(h);
        CACHE.put(Bytes.wrapOwned(bytes.toByteArray()), f);
        return f;
    }

    /**
     * @param keyText an EC key as L16 names it
     * @return L16's message for an EC record with that key under this header's SIGNERVERSION, made once per key text
     */
    String ecWithoutV11(String keyText) {
        KeyMessage last = lastEcMessage;
        if (last != null && last.keyText.equals(keyText) && last.signerVersionText.equals(signerVersionText)) {
            return last.message;
        }
        String m = "EC key (" + keyText + ") but SIGNERVERSION is " + signerVersionText
                + ": phones enable EC (\"advanced encryption algorithms\") only with version 1.1";
        lastEcMessage = new KeyMessage(signerVersionText, keyText, m);
        return m;
    }

    private record KeyMessage(String signerVersionText, String keyText, String message) {}

    /** @return how many headers are kept, for tests */
    static int cached() {
        return CACHE.size();
    }
}
