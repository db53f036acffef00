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
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whole-file checksums (MD5, SHA-1, SHA-256, SHA-512) as CUCM's {@code show itl} and phones display them, the SHA-1
 * fingerprint {@code show itl} prints beside a record's CERTIFICATE, and the check of a hash record's CERTHASH
 * against a certificate (docs/format.md §7, §10.5). Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Checksums {
    private static final HexFormat LOWER = HexFormat.of();
    private static final HexFormat HEX_COLON = HexFormat.ofDelimiter(":").withUpperCase();
    private static final HexFormat HEX_SPACE = HexFormat.ofDelimiter(" ").withUpperCase();

    private static final Set<Algorithm> ALL = Collections.unmodifiableSet(EnumSet.allOf(Algorithm.class));
    private static final Set<Algorithm> MD5_SHA1 =
            Collections.unmodifiableSet(EnumSet.of(Algorithm.MD5, Algorithm.SHA1));

    /** Indexed by {@link Algorithm#ordinal()}; null for an algorithm that was not requested. */
    private final Bytes[] values;

    private final Set<Algorithm> computed;
    private final long size;

    private Checksums(Set<Algorithm> computed, MessageDigest[] d, long size) {
        this.values = new Bytes[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != null) {
                values[i] = Bytes.wrapOwned(d[i].digest());
            }
        }
        this.computed = computed;
        this.size = size;
    }

    /**
     * The whole-file checksums this class computes.
     *
     * @since 0.1.0
     */
    public enum Algorithm {
        /** MD5 (16 bytes), {@code show itl}'s first checksum line. */
        MD5("MD5"),
        /** SHA-1 (20 bytes), {@code show itl}'s second checksum line. */
        SHA1("SHA-1"),
        /** SHA-256 (32 bytes). */
        SHA256("SHA-256"),
        /** SHA-512 (64 bytes). */
        SHA512("SHA-512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        /** @return the JCA {@code MessageDigest} name, e.g. {@code SHA-1} */
        public String jcaName() {
            return jcaName;
        }
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

    private static Set<Algorithm> requested(Set<Algorithm> algorithms) {
        Objects.requireNonNull(algorithms, "algorithms");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("No checksum algorithm requested (expected one or more of " + ALL + ")");
        }
        if (algorithms.equals(ALL)) {
            return ALL;
        }
        if (algorithms.equals(MD5_SHA1)) {
            return MD5_SHA1;
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(algorithms));
    }

    private static MessageDigest[] digests(Set<Algorithm> algorithms) {
        MessageDigest[] d = new MessageDigest[Algorithm.values().length];
        for (Algorithm a : algorithms) {
            d[a.ordinal()] = md(a.jcaName);
        }
        return d;
    }

    private static MessageDigest md(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }

    /**
     * Checksums of bytes in memory (a whole file as stored or served): all four algorithms.
     *
     * @param file the bytes
     * @return the checksums
     */
    public static Checksums of(Bytes file) {
        return of(file, ALL);
    }

    /**
     * Only the checksums {@code show itl} prints, MD5 and SHA-1 (the default of {@code itl checksum}); about twice as
     * fast as {@link #of(Bytes)}. {@link #sha256()} and {@link #sha512()} of the result throw.
     *
     * @param file the bytes
     * @return the checksums
     */
    public static Checksums md5AndSha1(Bytes file) {
        return of(file, MD5_SHA1);
    }

    /**
     * Only the requested checksums of bytes in memory; the others are not computed, and asking the result for one
     * of them throws {@link IllegalStateException}.
     *
     * @param file the bytes
     * @param algorithms which checksums, at least one
     * @return the checksums
     * @throws IllegalArgumentException if {@code algorithms} is empty
     */
    public static Checksums of(Bytes file, Set<Algorithm> algorithms) {
        Set<Algorithm> req = requested(algorithms);
        MessageDigest[] d = digests(req);
        for (MessageDigest m : d) {
            if (m != null) {
                file.feed(m::update);
            }
        }
        return new Checksums(req, d, file.size());
    }

    /**
     * Checksums of a file, read once as a stream (the file is never held in memory): all four algorithms.
     *
     * @param file the path
     * @return the checksums
     * @throws IOException if the file cannot be read
     */
    public static Checksums of(Path file) throws IOException {
        return of(file, ALL);
    }

    /**
     * Only the requested checksums of a file, read once as a stream.
     *
     * @param file the path
     * @param algorithms which checksums, at least one
     * @return the checksums
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code algorithms} is empty
     */
    public static Checksums of(Path file, Set<Algorithm> algorithms) throws IOException {
        Set<Algorithm> req = requested(algorithms);
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, req);
        }
    }

    /**
     * Checksums of a stream, read to its end (not closed): all four algorithms.
     *
     * @param in the stream
     * @return the checksums
     * @throws IOException from the stream
     */
    public static Checksums of(InputStream in) throws IOException {
        return of(in, ALL);
    }

    /**
     * Only the requested checksums of a stream, read to its end (not closed).
     *
     * @param in the stream
     * @param algorithms which checksums, at least one
     * @return the checksums
     * @throws IOException from the stream
     * @throws IllegalArgumentException if {@code algorithms} is empty
     */
    public static Checksums of(InputStream in, Set<Algorithm> algorithms) throws IOException {
        Set<Algorithm> req = requested(algorithms);
        MessageDigest[] d = digests(req);
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            for (MessageDigest m : d) {
                if (m != null) {
                    m.update(buf, 0, r);
                }
            }
            n += r;
        }
        return new Checksums(req, d, n);
    }

    /** @return the algorithms that were computed (all four unless fewer were requested) */
    public Set<Algorithm> computed() {
        return computed;
    }

    /**
     * @param algorithm a checksum
     * @return its value
     * @throws IllegalStateException if it was not requested when these checksums were computed
     */
    public Bytes get(Algorithm algorithm) {
        Bytes v = values[algorithm.ordinal()];
        if (v == null) {
            throw new IllegalStateException(algorithm.jcaName + " was not computed: these checksums hold only "
                    + computed + " (use Checksums.of(..., Set.of(Checksums.Algorithm." + algorithm.name()
                    + ", ...)) or Checksums.of(...) for all four)");
        }
        return v;
    }

    /** @return the number of bytes hashed */
    public long size() {
        return size;
    }

    /**
     * @return MD5
     * @throws IllegalStateException if MD5 was not requested
     */
    public Bytes md5() {
        return get(Algorithm.MD5);
    }

    /**
     * @return SHA-1
     * @throws IllegalStateException if SHA-1 was not requested
     */
    public Bytes sha1() {
        return get(Algorithm.SHA1);
    }

    /**
     * @return SHA-256
     * @throws IllegalStateException if SHA-256 was not requested
     */
    public Bytes sha256() {
        return get(Algorithm.SHA256);
    }

    /**
     * @return SHA-512
     * @throws IllegalStateException if SHA-512 was not requested
     */
    public Bytes sha512() {
        return get(Algorithm.SHA512);
    }

    /**
     * @param algorithm {@code MD5}, {@code SHA-1}, {@code SHA-256} or {@code SHA-512} (case and dash insensitive)
     * @return that checksum
     * @throws IllegalArgumentException for another name; the message lists the accepted ones
     * @throws IllegalStateException if that checksum was not requested
     */
    public Bytes get(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT).replace("-", "")) {
            case "MD5" -> md5();
            case "SHA1" -> sha1();
            case "SHA256" -> sha256();
            case "SHA512" -> sha512();
            default -> throw new IllegalArgumentException(
                    "Unknown checksum '" + algorithm + "' (expected MD5, SHA-1, SHA-256 or SHA-512)");
        };
    }

    /**
     * The two lines {@code show itl} prints under "The checksum value of the ITL file:".
     *
     * @return {@code <md5> (MD5)\n<sha1> (SHA1)}
     * @throws IllegalStateException if MD5 or SHA-1 was not requested
     */
    public String showItlLines() {
        return md5().toHex() + " (MD5)\n" + sha1().toHex() + " (SHA1)";
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
            c.feed(m::update);
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
     * The algorithm of a record's CERTHASH: <b>the one rule</b> the verifier (record checks), the trust anchors (SAST
     * hash records of an installed list) and {@link #checkCertHash} all use. It is the record's HASH ALGORITHM when
     * present and known (1 = SHA-1, 2 = SHA-256, 3 = SHA-512); without HASH ALGORITHM, a 20-byte CERTHASH is SHA-1
     * (the only length seen in ITLs, docs/format.md §4, tag 11, and what certutils and CUCM write); otherwise,
     * including an unknown HASH ALGORITHM code, there is no algorithm and the CERTHASH is not compared.
     *
     * @param record a record
     * @return the algorithm, or empty if the record has no CERTHASH or its algorithm is unknown
     */
    public static Optional<DigestAlgorithm> certHashAlgorithm(ItlRecord record) {
        Optional<Bytes> hash = record.certHash();
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Optional<DigestAlgorithm> declared = record.hashAlgorithm();
        if (declared.isPresent()) {
            return declared.get().isKnown() ? declared : Optional.empty();
        }
        return hash.get().size() == DigestAlgorithm.SHA1.digestLength()
                ? Optional.of(DigestAlgorithm.SHA1)
                : Optional.empty();
    }

    /**
     * Checks a hash record (CERTHASH + HASH ALGORITHM, docs/format.md §4) against a certificate: CERTHASH must be the
     * digest, by HASH ALGORITHM, of the certificate's DER encoding (docs/format.md §11.2: the most likely reading). The
     * algorithm follows {@link #certHashAlgorithm(ItlRecord)}: a record without HASH ALGORITHM whose CERTHASH is 20
     * bytes is checked as SHA-1.
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
        Optional<DigestAlgorithm> alg = certHashAlgorithm(record);
        if (alg.isEmpty()) {
            return CertHashCheck.UNKNOWN_ALGORITHM;
        }
        MessageDigest m = DigestInfos.messageDigest(alg.get());
        certificateDer.feed(m::update);
        return MessageDigest.isEqual(m.digest(), hash.get().toByteArray())
                ? CertHashCheck.MATCH
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
        certificateDer.feed(m::update);
        return Bytes.wrapOwned(m.digest());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Checksums[").append(size).append(" bytes");
        for (Algorithm a : computed) {
            if (a == Algorithm.MD5 || a == Algorithm.SHA1) {
                sb.append(", ").append(a.jcaName).append(' ').append(values[a.ordinal()].toHex());
            }
        }
        return sb.append(']').toString();
    }
}
