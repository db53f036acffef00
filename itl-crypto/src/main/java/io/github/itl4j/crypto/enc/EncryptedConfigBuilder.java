package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.NameFormat;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Tlv;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds encrypted phone configurations in certutils' {@code enccnf} layout, byte for byte (SPEC-trust.md 6.3, 6.4):
 * header VERSION 2.0 signed by the TFTP key, then AES-128-CBC of the plaintext padded with 0x0D bytes, the AES key
 * wrapped with RSAES-PKCS1-v1_5 for the device certificate (the phone's LSC or MIC). Also builds the stub
 * {@code SEP<MAC>.cnf.xml.sgn} (6.6). Immutable and thread-safe when its {@link EncryptionRandomness} is.
 *
 * <pre>{@code
 * EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(tftpSigner).build();
 * SgnFile enc = b.encrypt(Bytes.wrapOwned(xml), phoneCert, "SEP001122334455.cnf.xml.enc.sgn");
 * SgnFile stub = b.stub(Bytes.wrapOwned(xml), phoneCert, "SEP001122334455.cnf.xml.sgn");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EncryptedConfigBuilder {
    /** The AES block size, also the size of the IV and of the AES-128 key. */
    public static final int BLOCK = 16;
    /** The byte appended to the plaintext (1 to 16 times) before encryption. */
    public static final byte PAD_BYTE = 0x0D;

    private final ItlSigner signer;
    private final DigestAlgorithm digest;
    private final Long timestamp;
    private final EncryptionRandomness randomness;

    private EncryptedConfigBuilder(Builder b) {
        this.signer = b.signer;
        this.digest = b.digest != null ? b.digest : b.signer.digest();
        this.timestamp = b.timestamp;
        this.randomness = b.randomness;
    }

    /**
     * @param signer the TFTP signer (its key signs; its digest is the default digest)
     * @return a builder with secure randomness and the signer's clock
     */
    public static Builder builder(ItlSigner signer) {
        return new Builder(Objects.requireNonNull(signer, "signer"));
    }

    /** @return the digest of the signature and of the plaintext */
    public DigestAlgorithm digest() {
        return digest;
    }

    /**
     * Checks that a device certificate can receive an encrypted configuration (E01).
     *
     * @param deviceCertificate the phone's LSC or MIC
     * @return its RSA key
     * @throws EncryptedConfigException {@code ENC_DEVICE_KEY_NOT_RSA} for an EC (or other) key
     */
    public static RSAPublicKey deviceKey(X509Certificate deviceCertificate) throws EncryptedConfigException {
        PublicKey k = deviceCertificate.getPublicKey();
        if (!(k instanceof RSAPublicKey rsa)) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.DEVICE_KEY_NOT_RSA,
                    "The device certificate "
                            + deviceCertificate.getSubjectX500Principal().getName() + " holds a " + k.getAlgorithm()
                            + " key; the AES key can only be wrapped for an RSA key (give the phone an RSA LSC)");
        }
        return rsa;
    }

    /**
     * Encrypts a configuration for one device.
     *
     * @param plaintext the configuration's exact bytes (never re-serialised)
     * @param deviceCertificate the phone's LSC or MIC (RSA)
     * @param fileName FILENAME, e.g. {@code SEP001122334455.cnf.xml.enc.sgn}
     * @return the signed encrypted file
     * @throws EncryptedConfigException {@code ENC_DEVICE_KEY_NOT_RSA} (E01) for a non-RSA device key,
     *     {@code ENC_UNWRAP_FAILED} if the key cannot be wrapped for it
     * @throws ItlSigningException if signing fails
     */
    public SgnFile encrypt(Bytes plaintext, X509Certificate deviceCertificate, String fileName)
            throws EncryptedConfigException, ItlSigningException {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(fileName, "fileName");
        RSAPublicKey device = deviceKey(deviceCertificate);
        byte[] iv = randomness.iv();
        byte[] key = randomness.contentKey();
        if (iv.length != BLOCK || key.length != BLOCK) {
            throw new IllegalStateException("the randomness gave a " + iv.length + "-byte IV and a " + key.length
                    + "-byte key; both must be 16 bytes");
        }
        try {
            byte[] hash = digest(digest, plaintext);
            int n = BLOCK - plaintext.size() % BLOCK;
            byte[] padded = Arrays.copyOf(plaintext.toByteArray(), plaintext.size() + n);
            Arrays.fill(padded, plaintext.size(), padded.length, PAD_BYTE);
            byte[] body;
            byte[] wrapped;
            try {
                Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                body = aes.doFinal(padded);
                wrapped = randomness.wrap(device, key);
            } catch (GeneralSecurityException e) {
                throw new EncryptedConfigException(
                        EncryptedConfigCode.UNWRAP_FAILED,
                        "Cannot encrypt for the " + "device key: " + e.getMessage(),
                        EncryptedConfigException.NO_OFFSET,
                        HeaderTags.ENCRYPTED_KEY,
                        e);
            } finally {
                Arrays.fill(padded, (byte) 0);
            }
            Container ivInfo = new Container(
                    HeaderTags.IV_INFO,
                    List.of(
                            new Tlv(HeaderTags.IV_UNKNOWN, u8(0)),
                            new Tlv(HeaderTags.IV, Bytes.wrapOwned(iv)),
                            new Tlv(HeaderTags.PAD_COUNT, u16(n))));
            Container keyInfo = new Container(
                    HeaderTags.KEY_INFO,
                    List.of(
                            new Tlv(HeaderTags.KEY_UNKNOWN, u8(0)),
                            new Tlv(HeaderTags.KEY_SIZE, u16(8 * wrapped.length)),
                            new Tlv(HeaderTags.KEY_ALGORITHM, u8(EncryptionInfo.AES_128_CBC)),
                            new Tlv(HeaderTags.ENCRYPTED_KEY, Bytes.wrapOwned(wrapped))));
            ItlHeader h = ItlHeader.builder()
                    .version(Version.V2_0)
                    .layout(Layout.CERTUTILS)
                    .fileName(fileName)
                    .signer(headerSigner())
                    .addElement(new Container(HeaderTags.ENCRYPTION_INFO, List.of(ivInfo, keyInfo)))
                    .addElement(new Tlv(HeaderTags.PLAIN_DIGEST_ALGORITHM, u8(digest.code())))
                    .addElement(new Tlv(HeaderTags.PLAIN_DIGEST, Bytes.wrapOwned(hash)))
                    .build();
            return signer.sign(SgnFile.of(h, Bytes.wrapOwned(body)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Builds the stub {@code SEP<MAC>.cnf.xml.sgn} certutils writes beside the encrypted file: a version 1.0 .sgn
     * (as {@link ItlSigner#signConfig}) of {@link ConfigStub#payload}.
     *
     * @param plaintext the clear configuration
     * @param deviceCertificate the phone's certificate, whose MD5 goes into {@code certHash}
     * @param fileName FILENAME, e.g. {@code SEP001122334455.cnf.xml.sgn}
     * @return the signed stub
     * @throws EncryptedConfigException {@code ENC_NOT_DEVICE_CONFIG} if the source is not a device configuration
     * @throws ItlSigningException if signing fails
     */
    public SgnFile stub(Bytes plaintext, X509Certificate deviceCertificate, String fileName)
            throws EncryptedConfigException, ItlSigningException {
        Bytes payload = ConfigStub.payload(plaintext, deviceCertificate);
        ItlHeader h = ItlHeader.builder()
                .version(Version.V1_0)
                .layout(Layout.CERTUTILS)
                .fileName(fileName)
                .signer(headerSigner())
                .build();
        return signer.sign(SgnFile.of(h, payload));
    }

    private ItlHeader.Signer headerSigner() {
        ItlHeader.Signer s = signer.headerSigner(NameFormat.forLayout(Layout.CERTUTILS));
        return new ItlHeader.Signer(
                s.name(),
                s.serial(),
                s.caName(),
                s.signatureLength(),
                digest,
                timestamp != null ? timestamp : s.timestamp());
    }

    static byte[] digest(DigestAlgorithm alg, Bytes data) {
        try {
            MessageDigest md = MessageDigest.getInstance(alg.jcaName().orElseThrow());
            data.feed(md::update);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + alg, e);
        }
    }

    private static Bytes u8(int v) {
        return Bytes.wrapOwned(new byte[] {(byte) v});
    }

    private static Bytes u16(int v) {
        return Bytes.wrapOwned(new byte[] {(byte) (v >>> 8), (byte) v});
    }

    @Override
    public String toString() {
        return "EncryptedConfigBuilder[" + signer + ", " + digest + ", " + randomness + "]";
    }

    /** Configures an {@link EncryptedConfigBuilder}. Mutable, not thread-safe. */
    public static final class Builder {
        private final ItlSigner signer;
        private DigestAlgorithm digest;
        private Long timestamp;
        private EncryptionRandomness randomness = EncryptionRandomness.secure();

        private Builder(ItlSigner signer) {
            this.signer = signer;
        }

        /**
         * @param d SHA-1 or SHA-512 (certutils' choices; SHA-256 is written too), for the signature and the
         *     plaintext digest; the signer's digest by default
         * @return this builder
         * @throws IllegalArgumentException for an unknown digest
         */
        public Builder digest(DigestAlgorithm d) {
            if (!d.isKnown()) {
                throw new IllegalArgumentException("unknown digest " + d);
            }
            digest = d;
            return this;
        }

        /**
         * @param seconds TIMESTAMP in Unix seconds for every file built; by default the signer's clock at each build
         * @return this builder
         * @throws IllegalArgumentException if it does not fit 32 unsigned bits
         */
        public Builder timestamp(long seconds) {
            if (seconds < 0 || seconds > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("timestamp must fit in 32 unsigned bits: " + seconds);
            }
            timestamp = seconds;
            return this;
        }

        /**
         * @param r where the IV, the key and the wrapping padding come from; {@link EncryptionRandomness#secure()}
         *     by default
         * @return this builder
         */
        public Builder randomness(EncryptionRandomness r) {
            randomness = Objects.requireNonNull(r, "randomness");
            return this;
        }

        /** @return the builder of files */
        public EncryptedConfigBuilder build() {
            return new EncryptedConfigBuilder(this);
        }
    }
}
