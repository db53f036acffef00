package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.internal.DigestInfos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whole-file checksums (MD5, SHA-1, SHA-256, SHA-512) as CUCM's {@code show itl} and phones display them, the SHA-1
 * fingerprint {@code show itl} prints beside a record's CERTIFICATE, and the check of a hash record's CERTHASH
 * against a certificate (FORMAT.md 7, 10.5). Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Checksums {
    private static final HexFormat LOWER = HexFormat.of();
    private static final HexFormat HEX_COLON = HexFormat.ofDelimiter(":").withUpperCase();
    private static final HexFormat HEX_SPACE = HexFormat.ofDelimiter(" ").withUpperCase();

    private final Bytes md5;
    private final Bytes sha1;
    private final Bytes sha256;
    private final Bytes sha512;
    private final long size;

    private Checksums(MessageDigest[] d, long size) {
        this.md5 = Bytes.wrapOwned(d[0].digest());
        this.sha1 = Bytes.wrapOwned(d[1].digest());
        this.sha256 = Bytes.wrapOwned(d[2].digest());
        this.sha512 = Bytes.wrapOwned(d[3].digest());
        this.size = size;
    }

    /** How a digest is written. */
    public enum Style {
        /** Lower-case hex, no separator: {@code show itl}'s checksum lines. */
        LOWER_HEX,
        /** Upper-case hex separated by colons, as phones' status pages and {@code show} serial numbers. */
        UPPER_COLON,
        /** Upper-case hex separated by spaces, as {@code show itl}'s certificate fingerprints. */
        UPPER_SPACE;

        /**
         * @param digest the bytes
         * @return the text
         */
        public String format(Bytes digest) {
            byte[] b = digest.toByteArray();
            return switch (this) {
                case LOWER_HEX -> LOWER.formatHex(b);
                case UPPER_COLON -> HEX_COLON.formatHex(b);
                case UPPER_SPACE -> HEX_SPACE.formatHex(b);
            };
        }
    }

    private static MessageDigest[] digests() {
        return new MessageDigest[] {md("MD5"), md("SHA-1"), md("SHA-256"), md("SHA-512")};
    }

    private static MessageDigest md(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }

    /**
     * Checksums of bytes in memory (a whole file as stored or served).
     *
     * @param file the bytes
     * @return the checksums
     */
    public static Checksums of(Bytes file) {
        MessageDigest[] d = digests();
        for (MessageDigest m : d) {
            m.update(file.asByteBuffer());
        }
        return new Checksums(d, file.size());
    }

    /**
     * Checksums of a file, read once as a stream (the file is never held in memory).
     *
     * @param file the path
     * @return the checksums
     * @throws IOException if the file cannot be read
     */
    public static Checksums of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /**
     * Checksums of a stream, read to its end (not closed).
     *
     * @param in the stream
     * @return the checksums
     * @throws IOException from the stream
     */
    public static Checksums of(InputStream in) throws IOException {
        MessageDigest[] d = digests();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            for (MessageDigest m : d) {
                m.update(buf, 0, r);
            }
            n += r;
        }
        return new Checksums(d, n);
    }

    /** @return the number of bytes hashed */
    public long size() {
        return size;
    }

    /** @return MD5 */
    public Bytes md5() {
        return md5;
    }

    /** @return SHA-1 */
    public Bytes sha1() {
        return sha1;
    }

    /** @return SHA-256 */
    public Bytes sha256() {
        return sha256;
    }

    /** @return SHA-512 */
    public Bytes sha512() {
        return sha512;
    }

    /**
     * @param algorithm {@code MD5}, {@code SHA-1}, {@code SHA-256} or {@code SHA-512} (case and dash insensitive)
     * @return that checksum
     * @throws IllegalArgumentException for another name; the message lists the accepted ones
     */
    public Bytes get(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT).replace("-", "")) {
            case "MD5" -> md5;
            case "SHA1" -> sha1;
            case "SHA256" -> sha256;
            case "SHA512" -> sha512;
            default -> throw new IllegalArgumentException("Unknown checksum '" + algorithm
                    + "' (expected MD5, SHA-1, SHA-256 or SHA-512)");
        };
    }

    /**
     * The two lines {@code show itl} prints under "The checksum value of the ITL file:".
     *
     * @return {@code <md5> (MD5)\n<sha1> (SHA1)}
     */
    public String showItlLines() {
        return md5.toHex() + " (MD5)\n" + sha1.toHex() + " (SHA1)";
    }

    // ------------------------------------------------------------------ records

    /**
     * The SHA-1 fingerprint of a record's CERTIFICATE bytes (the value {@code show itl} prints beside it).
     *
     * @param record a record
     * @return the 20-byte SHA-1 of the CERTIFICATE value, or empty if the record has none
     */
    public static Optional<Bytes> certificateSha1(ItlRecord record) {
        return record.certificate().map(c -> {
            MessageDigest m = md("SHA-1");
            m.update(c.asByteBuffer());
            return Bytes.wrapOwned(m.digest());
        });
    }

    /**
     * The fingerprint as {@code show itl} prints it: upper-case hex separated by spaces.
     *
     * @param record a record
     * @return e.g. {@code E9 D4 33 ...}, or empty if the record has no CERTIFICATE
     */
    public static Optional<String> certificateFingerprint(ItlRecord record) {
        return certificateSha1(record).map(Style.UPPER_SPACE::format);
    }

    /** The outcome of {@link #checkCertHash(ItlRecord, X509Certificate)}. */
    public enum CertHashCheck {
        /** CERTHASH equals the digest of the certificate's DER bytes. */
        MATCH,
        /** CERTHASH differs from the digest of the certificate. */
        MISMATCH,
        /** The record has no CERTHASH. */
        NO_CERTHASH,
        /** HASH ALGORITHM is missing or unknown (absent, CERTHASH is read as SHA-1 if it is 20 bytes long). */
        UNKNOWN_ALGORITHM
    }

    /**
     * Checks a hash record (CERTHASH + HASH ALGORITHM, FORMAT.md 4) against a certificate: CERTHASH must be the
     * digest, by HASH ALGORITHM, of the certificate's DER encoding (FORMAT.md 11.2: the most likely reading). A record
     * without HASH ALGORITHM whose CERTHASH is 20 bytes is checked as SHA-1.
     *
     * @param record a record
     * @param certificate the certificate it should stand for
     * @return the outcome
     */
    public static CertHashCheck checkCertHash(ItlRecord record, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return checkCertHash(record, Bytes.wrapOwned(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            return CertHashCheck.MISMATCH;
        }
    }

    /**
     * As {@link #checkCertHash(ItlRecord, X509Certificate)}, for DER bytes.
     *
     * @param record a record
     * @param certificateDer the certificate's DER encoding
     * @return the outcome
     */
    public static CertHashCheck checkCertHash(ItlRecord record, Bytes certificateDer) {
        Optional<Bytes> hash = record.certHash();
        if (hash.isEmpty()) {
            return CertHashCheck.NO_CERTHASH;
        }
        DigestAlgorithm alg = record.hashAlgorithm()
                .orElse(hash.get().size() == 20 ? DigestAlgorithm.SHA1 : DigestAlgorithm.of(0));
        if (!alg.isKnown()) {
            return CertHashCheck.UNKNOWN_ALGORITHM;
        }
        MessageDigest m = DigestInfos.messageDigest(alg);
        m.update(certificateDer.asByteBuffer());
        return MessageDigest.isEqual(m.digest(), hash.get().toByteArray()) ? CertHashCheck.MATCH
                : CertHashCheck.MISMATCH;
    }

    /**
     * The CERTHASH value a builder writes for a certificate: SHA-1 of its DER bytes.
     *
     * @param certificateDer the certificate's DER encoding
     * @return 20 bytes
     */
    public static Bytes certHash(Bytes certificateDer) {
        MessageDigest m = md("SHA-1");
        m.update(certificateDer.asByteBuffer());
        return Bytes.wrapOwned(m.digest());
    }

    @Override
    public String toString() {
        return "Checksums[" + size + " bytes, MD5 " + md5.toHex() + ", SHA-1 " + sha1.toHex() + "]";
    }
}
