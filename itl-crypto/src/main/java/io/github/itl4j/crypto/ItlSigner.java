package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.SignedFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.crypto.internal.DigestInfos;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs trust lists and .sgn files with RSA PKCS#1 v1.5 (docs/format.md §5): the signature covers
 * {@link SignedFile#signedParts()}, the whole file without the SIGNATURE TLV, fed straight from the file's bytes into
 * the JCA {@link Signature} (no copy of the file is made).
 *
 * <p>Immutable and thread-safe once built; one instance can sign from many threads (a {@code Signature} object is
 * made per call). Output is deterministic: PKCS#1 v1.5 signatures are, and every timestamp this class writes comes
 * from the injected {@link Clock}.
 *
 * <pre>{@code
 * ItlSigner signer = ItlSigner.builder(KeyLoader.defaults().pkcs12(p12, password, null))
 *         .digest(DigestAlgorithm.SHA512).build();
 * SgnFile sgn = signer.signConfig(Bytes.wrapOwned(xml), "SEP001122334455.cnf.xml.sgn");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ItlSigner {
    private final SigningKey key;
    private final DigestAlgorithm digest;
    private final Clock clock;
    private final Provider provider;
    /** The key's private key as {@link #provider}'s own key object when it could be translated. */
    private final java.security.PrivateKey privateKey;

    private final Bytes serial;

    private ItlSigner(Builder b, Provider provider, java.security.PrivateKey privateKey) {
        this.key = b.key;
        this.privateKey = privateKey;
        this.digest = b.digest;
        this.clock = b.clock;
        this.provider = provider;
        this.serial = CertFields.of(b.key.certificate()).serial;
    }

    /**
     * @param key an RSA signing key (EC keys are refused by {@link Builder#build()})
     * @return a builder: SHA-1, the system UTC clock and the JDK's provider by default
     */
    public static Builder builder(SigningKey key) {
        return new Builder(Objects.requireNonNull(key, "key"));
    }

    /** @return the key */
    public SigningKey key() {
        return key;
    }

    /** @return the digest written into headers this signer builds */
    public DigestAlgorithm digest() {
        return digest;
    }

    /** @return the clock timestamps come from */
    public Clock clock() {
        return clock;
    }

    /** @return the JCA provider that signs */
    public Provider provider() {
        return provider;
    }

    /** @return the clock's current time in Unix seconds, as TIMESTAMP holds it */
    public long nowSeconds() {
        long s = clock.instant().getEpochSecond();
        if (s < 0 || s > 0xFFFFFFFFL) {
            throw new IllegalStateException(
                    "The clock's time " + clock.instant() + " does not fit the 32-bit unsigned TIMESTAMP");
        }
        return s;
    }

    /**
     * The header signer fields for this key, names written in {@code format}, with this signer's digest and the
     * clock's time.
     *
     * @param format how to write SIGNERNAME and CANAME
     * @return the fields
     */
    public ItlHeader.Signer headerSigner(NameFormat format) {
        CertFields cf = CertFields.of(key.certificate());
        return new ItlHeader.Signer(
                cf.subject(format, key.certificate()),
                serial,
                cf.issuer(format, key.certificate()),
                key.signatureLength(),
                digest,
                nowSeconds());
    }

    /**
     * Computes the signature of a file whose header reserves the SIGNATURE at this key's size. The digest is the one
     * the header declares (DIGESTALGORITHM), since that is what a verifier uses.
     *
     * @param file the file; its current SIGNATURE value is ignored
     * @return the signature value
     * @throws ItlSigningException {@code SIGNATURE_SIZE} if the header has no SIGNATURE or reserves another size,
     *     {@code UNKNOWN_DIGEST} if DIGESTALGORITHM is missing or unknown, {@code SIGNER_MISMATCH} if the header's
     *     SERIALNUMBER is not this key's certificate's, {@code SIGNATURE_FAILED} if the provider fails
     */
    public Bytes signature(SignedFile file) throws ItlSigningException {
        return signature(file, true);
    }

    /** As {@link #signature(SignedFile)}; the serial check is skipped for resets, which take names from a record. */
    Bytes signature(SignedFile file, boolean checkSerial) throws ItlSigningException {
        ItlHeader h = file.header();
        if (h.signatureOffset() < 0 || h.signatureLength() != key.signatureLength()) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNATURE_SIZE,
                    "The header reserves "
                            + (h.signatureOffset() < 0
                                    ? "no SIGNATURE"
                                    : "a " + h.signatureLength() + "-byte SIGNATURE")
                            + "; this " + key.rsaBits() + "-bit key makes " + key.signatureLength()
                            + "-byte signatures",
                    HeaderTags.SIGNATURE,
                    null);
        }
        Optional<DigestAlgorithm> d = h.digestAlgorithm();
        if (d.isEmpty() || !d.get().isKnown()) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.UNKNOWN_DIGEST,
                    "The header's DIGESTALGORITHM is "
                            + d.map(DigestAlgorithm::toString).orElse("missing")
                            + "; expected 1 (SHA-1), 2 (SHA-256) or 3 "
                            + "(SHA-512)",
                    HeaderTags.DIGEST_ALGORITHM,
                    null);
        }
        Optional<Bytes> hs = h.serialNumber();
        if (checkSerial && hs.isPresent() && !Certificates.sameSerial(hs.get(), serial)) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNER_MISMATCH,
                    "The header names signer serial " + hs.get().toHex() + " but the key's certificate has serial "
                            + serial.toHex(),
                    HeaderTags.SERIAL_NUMBER,
                    null);
        }
        return sign(d.get(), file.signedParts());
    }

    private Bytes sign(DigestAlgorithm alg, List<Bytes> parts) throws ItlSigningException {
        try {
            Signature s = Signature.getInstance(DigestInfos.rsaSignatureName(alg), provider);
            s.initSign(privateKey);
            for (Bytes p : parts) {
                p.feed(s::update);
            }
            return Bytes.wrapOwned(s.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNATURE_FAILED,
                    "Signing with " + provider.getName() + " failed: " + e.getMessage(),
                    HeaderTags.SIGNATURE,
                    e);
        }
    }

    /**
     * Signs a trust list whose header reserves the signature (a built file, or one prepared by
     * {@link ItlHeader#withSigner}). Records are not touched.
     *
     * @param file the file
     * @return the signed file
     * @throws ItlSigningException as {@link #signature(SignedFile)}
     */
    public ItlFile sign(ItlFile file) throws ItlSigningException {
        return file.withSignature(signature(file));
    }

    /**
     * Signs a .sgn file whose header reserves the signature.
     *
     * @param file the file
     * @return the signed file
     * @throws ItlSigningException as {@link #signature(SignedFile)}
     */
    public SgnFile sign(SgnFile file) throws ItlSigningException {
        return file.withSignature(signature(file));
    }

    /**
     * Wraps a payload (configuration XML, ring list, ...) into a signed .sgn file as certutils' {@code sgnfile}
     * does: header VERSION 1.0, no SIGNERVERSION, SIGNERID in certutils order with names in {@link NameFormat#CERTUTILS},
     * this signer's digest, the clock's time, padding to a multiple of 4, then the unchanged payload.
     *
     * @param payload the file to sign
     * @param fileName FILENAME, written as given: the published .sgn name, e.g. {@code SEP001122334455.cnf.xml.sgn}
     * @return the signed file
     * @throws ItlSigningException {@code SIGNATURE_FAILED} if the provider fails
     */
    public SgnFile signConfig(Bytes payload, String fileName) throws ItlSigningException {
        return signConfig(payload, fileName, Layout.CERTUTILS);
    }

    /**
     * As {@link #signConfig(Bytes, String)}, with the header's field order and names in {@code layout}.
     *
     * @param payload the file to sign
     * @param fileName FILENAME, written as given
     * @param layout {@link Layout#CERTUTILS} (certutils-compatible) or {@link Layout#CUCM}
     * @return the signed file
     * @throws ItlSigningException {@code SIGNATURE_FAILED} if the provider fails
     */
    public SgnFile signConfig(Bytes payload, String fileName, Layout layout) throws ItlSigningException {
        ItlHeader h = ItlHeader.builder()
                .version(Version.V1_0)
                .layout(layout)
                .fileName(fileName)
                .signer(headerSigner(NameFormat.forLayout(layout)))
                .build();
        return sign(SgnFile.of(h, payload));
    }

    /**
     * The original file inside a .sgn ({@code stripsgn}): its payload.
     *
     * @param file a .sgn file
     * @return the payload, unchanged
     */
    public static Bytes strip(SgnFile file) {
        return file.payload();
    }

    @Override
    public String toString() {
        return "ItlSigner[" + key + ", " + digest + ", " + provider.getName() + "]";
    }

    /** Configures an {@link ItlSigner}. Mutable, not thread-safe. */
    public static final class Builder {
        private final SigningKey key;
        private DigestAlgorithm digest = DigestAlgorithm.SHA1;
        private Clock clock = Clock.systemUTC();
        private Provider provider;

        private Builder(SigningKey key) {
            this.key = key;
        }

        /**
         * @param d the digest for headers this signer builds: SHA-1 (default, CUCM's default), SHA-256, SHA-512
         * @return this builder
         * @throws IllegalArgumentException for an unknown code
         */
        public Builder digest(DigestAlgorithm d) {
            if (!d.isKnown()) {
                throw new IllegalArgumentException("Cannot sign with unknown digest " + d);
            }
            digest = d;
            return this;
        }

        /**
         * @param c where TIMESTAMPs come from; {@link Clock#systemUTC()} by default
         * @return this builder
         */
        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * @param p the JCA provider that signs, or null for the JDK's default ({@code SunRsaSign}). The key's
         *     private key is translated once into this provider's own key object ({@link SigningKey#forProvider}),
         *     in memory, so a native provider does not import the key again on every signature
         * @return this builder
         */
        public Builder provider(Provider p) {
            provider = p;
            return this;
        }

        /**
         * @return the signer
         * @throws KeyLoadException {@code UNSUPPORTED_KEY} if the key is not RSA (the format's signature is RSA
         *     PKCS#1 v1.5, SIGNATUREALGORITHM 0), its size has no SIGNATUREMODULUS code (512, 1024, 2048, 4096
         *     bits), or the provider cannot sign with it
         */
        public ItlSigner build() throws KeyLoadException {
            if (!key.isRsa()) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.UNSUPPORTED_KEY,
                        "Cannot sign with an "
                                + key.algorithm()
                                + " key: the format's signature is RSA PKCS#1 v1.5 (SIGNATUREALGORITHM 0); "
                                + "use an RSA key");
            }
            try {
                SignatureModulus.forSignatureLength(key.signatureLength());
            } catch (IllegalArgumentException e) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.UNSUPPORTED_KEY,
                        "Cannot sign with a "
                                + key.rsaBits()
                                + "-bit RSA key: SIGNATUREMODULUS only has codes for 512, 1024, 2048 and "
                                + "4096 bits",
                        e);
            }
            String name = DigestInfos.rsaSignatureName(digest);
            try {
                Signature s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
                java.security.PrivateKey pk = key.forProvider(s.getProvider()).privateKey();
                s.initSign(pk);
                org.slf4j.LoggerFactory.getLogger(ItlSigner.class)
                        .debug(
                                "Signing {} with provider {} ({})",
                                name,
                                s.getProvider().getName(),
                                key);
                return new ItlSigner(this, s.getProvider(), pk);
            } catch (GeneralSecurityException e) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.UNSUPPORTED_KEY,
                        "The provider "
                                + (provider == null ? "(default)" : provider.getName()) + " cannot sign " + name
                                + " with this key: " + e.getMessage(),
                        e);
            }
        }
    }
}
