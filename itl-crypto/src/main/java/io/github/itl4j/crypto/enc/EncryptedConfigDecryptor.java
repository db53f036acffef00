package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.SgnFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.VerificationResult;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts an {@code .enc.sgn} (SPEC-trust.md 6.5): verifies the TFTP signature (against a certificate or the TFTP
 * records of a trust list, or not at all for forensics), unwraps the AES key with the phone's private key (LSC or MIC),
 * decrypts, strips the 0x0D padding and checks the plaintext digest. A file with a bad signature is not decrypted.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SgnFile f = ItlReader.defaults().readSigned(Bytes.wrapOwned(bytes));
 * DecryptedConfig d = EncryptedConfigDecryptor.builder(phoneKey.privateKey()).signer(tftpCert).build().decrypt(f);
 * Bytes xml = d.plaintext(); // throws if the digest does not match
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EncryptedConfigDecryptor {
    private final PrivateKey deviceKey;
    private final byte[] symmetricKey;
    private final X509Certificate signer;
    private final ItlFile trustList;
    private final boolean verify;
    private final ItlVerifier verifier;
    private final boolean checkStub;
    private final SgnFile stub;
    private final X509Certificate deviceCertificate;

    private EncryptedConfigDecryptor(Builder b) {
        this.deviceKey = b.deviceKey;
        this.symmetricKey = b.symmetricKey == null ? null : b.symmetricKey.clone();
        this.signer = b.signer;
        this.trustList = b.trustList;
        this.verify = b.verify;
        this.verifier = b.verifier != null ? b.verifier : ItlVerifier.builder().build();
        this.checkStub = b.deviceCertificate != null;
        this.stub = b.stub;
        this.deviceCertificate = b.deviceCertificate;
    }

    /**
     * @param deviceKey the phone's private key (RSA), or null for a manual-key file decrypted with
     *     {@link Builder#symmetricKey}
     * @return a builder; give a signer, a trust list or {@link Builder#noVerify()}
     */
    public static Builder builder(PrivateKey deviceKey) {
        return new Builder(deviceKey);
    }

    /**
     * Verifies and decrypts.
     *
     * @param file an {@code .enc.sgn} read with {@link io.github.itl4j.ItlReader#readSigned}
     * @return the plaintext with findings; {@link DecryptedConfig#plaintext()} throws when there is an error
     *     ({@code ENC_DIGEST_MISMATCH}, {@code ENC_PAD_COUNT_INVALID} never reaches here: it throws); warnings
     *     include E08 ({@code ENC_STUB_MISMATCH}) when {@link Builder#checkStub} was given
     * @throws EncryptedConfigException {@code ENC_MALFORMED}, {@code ENC_SIGNATURE_INVALID},
     *     {@code ENC_UNWRAP_FAILED}, {@code ENC_DEVICE_KEY_NOT_RSA} (E01: an EC or other non-RSA device key),
     *     {@code ENC_DEVICE_KEY_UNSUPPORTED} (no device key for a wrapped AES key), {@code ENC_KEY_LENGTH},
     *     {@code ENC_SYMMETRIC_KEY_REQUIRED}, {@code ENC_BODY_NOT_BLOCKS}, {@code ENC_PAD_COUNT_INVALID},
     *     {@code ENC_UNSUPPORTED_ALGORITHM}: the plaintext cannot be had (or must not be, for a bad signature)
     */
    public DecryptedConfig decrypt(SgnFile file) throws EncryptedConfigException {
        Objects.requireNonNull(file, "file");
        List<EncryptedConfigProblem> problems = new ArrayList<>();
        EncryptionInfo info = EncryptionInfo.of(file);
        if (!Version.V2_0.equals(file.header().version())) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.VERSION_UNEXPECTED,
                    "VERSION is " + file.header().version() + "; encrypted configurations have 2.0"));
        }
        String name = file.header().fileName().orElse("");
        if (!name.endsWith(".enc.sgn")) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.FILENAME_UNEXPECTED, "FILENAME '" + name + "' does not end in .enc.sgn"));
        }
        VerificationResult vr = null;
        if (verify) {
            vr = signer != null ? verifier.verifySigned(file, signer) : verifier.verifySigned(file, trustList);
            if (!vr.isVerified()) {
                StringBuilder why = new StringBuilder();
                for (Problem p : vr.errors()) {
                    why.append(why.length() == 0 ? "" : "; ").append(p.message());
                }
                throw new EncryptedConfigException(
                        EncryptedConfigCode.SIGNATURE_INVALID,
                        "The signature does not " + "verify, so the file is not decrypted: " + why,
                        EncryptedConfigException.NO_OFFSET,
                        HeaderTags.SIGNATURE,
                        null);
            }
        }
        DigestAlgorithm d = info.plainDigestAlgorithm();
        if (!d.isKnown()) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.UNSUPPORTED_ALGORITHM,
                    "PLAINDIGESTALGORITHM " + d.code() + " is unknown; expected 1 (SHA-1), 2 (SHA-256) or 3 (SHA-512)",
                    info.offsetOf(HeaderTags.PLAIN_DIGEST_ALGORITHM),
                    HeaderTags.PLAIN_DIGEST_ALGORITHM,
                    null);
        }
        if (d.equals(DigestAlgorithm.SHA512)) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.SHA512,
                    "SHA-512 digest: phones without " + "SHA-512 support cannot verify this file"));
        }
        if (info.plainDigest().size() != d.digestLength()) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.MALFORMED,
                    "PLAINDIGEST is " + info.plainDigest().size() + " bytes; " + d + " digests are " + d.digestLength(),
                    info.offsetOf(HeaderTags.PLAIN_DIGEST),
                    HeaderTags.PLAIN_DIGEST,
                    null);
        }
        Bytes body = info.body();
        if (body.isEmpty() || body.size() % EncryptedConfigBuilder.BLOCK != 0) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.BODY_NOT_BLOCKS,
                    "The ciphertext is " + body.size() + " bytes; expected a non-zero multiple of 16",
                    info.bodyOffset(),
                    EncryptedConfigException.NO_TAG,
                    null);
        }
        byte[] key = contentKey(info, problems);
        byte[] clear;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new IvParameterSpec(info.iv().toByteArray()));
            clear = aes.doFinal(body.toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.UNSUPPORTED_ALGORITHM,
                    "AES-CBC decryption with " + "a " + key.length + "-byte key failed: " + e.getMessage(),
                    info.bodyOffset(),
                    EncryptedConfigException.NO_TAG,
                    e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        int n = info.padCount();
        if (n > EncryptedConfigBuilder.BLOCK || n > clear.length) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.PAD_COUNT_INVALID,
                    "PADCOUNT is " + n + "; expected 1 to 16 (and at most the " + clear.length + " decrypted bytes)",
                    info.offsetOf(HeaderTags.PAD_COUNT),
                    HeaderTags.PAD_COUNT,
                    null);
        }
        if (n == 0) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.PAD_COUNT_ZERO,
                    "PADCOUNT is 0: nothing " + "is stripped (certutils would strip everything)"));
        }
        for (int i = clear.length - n; i < clear.length; i++) {
            if (clear[i] != EncryptedConfigBuilder.PAD_BYTE) {
                problems.add(new EncryptedConfigProblem(
                        EncryptedConfigCode.PAD_BYTES, "The " + n + " stripped padding bytes are not all 0x0D"));
                break;
            }
        }
        Bytes plain = Bytes.wrapOwned(Arrays.copyOf(clear, clear.length - n));
        Arrays.fill(clear, (byte) 0);
        byte[] h = EncryptedConfigBuilder.digest(d, plain);
        if (!MessageDigest.isEqual(h, info.plainDigest().toByteArray())) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.DIGEST_MISMATCH,
                    "The " + d + " digest of "
                            + "the decrypted " + plain.size() + " bytes is "
                            + Bytes.wrapOwned(h).toHex() + "; PLAINDIGEST "
                            + "says " + info.plainDigest().toHex()));
        }
        if (checkStub) {
            ConfigStub.check(stub, deviceCertificate).ifPresent(problems::add);
        }
        return new DecryptedConfig(plain, info, vr, problems);
    }

    private byte[] contentKey(EncryptionInfo info, List<EncryptedConfigProblem> problems)
            throws EncryptedConfigException {
        int alg = info.keyAlgorithm().orElse(EncryptionInfo.AES_128_CBC);
        if (info.wrappedKey().isEmpty()) {
            if (symmetricKey == null) {
                throw new EncryptedConfigException(
                        EncryptedConfigCode.SYMMETRIC_KEY_REQUIRED,
                        "The file has no " + "ENCRYPTEDKEY (manual key distribution): give the symmetric key",
                        EncryptedConfigException.NO_OFFSET,
                        HeaderTags.ENCRYPTED_KEY,
                        null);
            }
            return checkKeyLength(symmetricKey.clone(), alg, info, problems);
        }
        Bytes w = info.wrappedKey().get();
        if (deviceKey == null) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.DEVICE_KEY_UNSUPPORTED,
                    "The AES key is wrapped " + "for a device key; give the phone's private key");
        }
        if (!(deviceKey instanceof RSAKey rk) || !"RSA".equalsIgnoreCase(deviceKey.getAlgorithm())) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.DEVICE_KEY_NOT_RSA,
                    "The device key is " + deviceKey.getAlgorithm() + ", not RSA; the AES key is wrapped with RSA, "
                            + "so no file can be encrypted for this key",
                    info.offsetOf(HeaderTags.ENCRYPTED_KEY),
                    HeaderTags.ENCRYPTED_KEY,
                    null);
        }
        int modBytes = (rk.getModulus().bitLength() + 7) / 8;
        long at = info.offsetOf(HeaderTags.ENCRYPTED_KEY);
        if (w.size() != modBytes) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.UNWRAP_FAILED,
                    "ENCRYPTEDKEY is " + w.size()
                            + " bytes but the " + rk.getModulus().bitLength() + "-bit device key unwraps " + modBytes
                            + "-byte values: the file was encrypted for another key",
                    at,
                    HeaderTags.ENCRYPTED_KEY,
                    null);
        }
        info.keySize().ifPresent(ks -> {
            if (ks != 128 && ks != 8 * w.size()) {
                problems.add(new EncryptedConfigProblem(
                        EncryptedConfigCode.KEYSIZE_UNEXPECTED,
                        "KEYSIZE is " + ks + "; expected 128 (early certutils) or " + 8 * w.size()));
            }
        });
        byte[] key;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, deviceKey);
            key = rsa.doFinal(w.toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.UNWRAP_FAILED,
                    "The device key cannot unwrap " + "the AES key (wrong key, or a damaged ENCRYPTEDKEY)",
                    at,
                    HeaderTags.ENCRYPTED_KEY,
                    null);
        }
        return checkKeyLength(key, alg, info, problems);
    }

    private static byte[] checkKeyLength(
            byte[] key, int alg, EncryptionInfo info, List<EncryptedConfigProblem> problems)
            throws EncryptedConfigException {
        boolean aes = key.length == 16 || key.length == 24 || key.length == 32;
        if (alg == EncryptionInfo.AES_128_CBC ? key.length != 16 : !aes) {
            int len = key.length;
            Arrays.fill(key, (byte) 0);
            throw new EncryptedConfigException(
                    EncryptedConfigCode.KEY_LENGTH,
                    "The unwrapped key is " + len
                            + " bytes; KEYALGORITHM " + alg
                            + (alg == EncryptionInfo.AES_128_CBC ? " (AES-128) needs 16" : " needs 16, 24 or 32")
                            + " (wrong device key?)",
                    info.offsetOf(HeaderTags.ENCRYPTED_KEY),
                    HeaderTags.ENCRYPTED_KEY,
                    null);
        }
        if (alg != EncryptionInfo.AES_128_CBC) {
            problems.add(new EncryptedConfigProblem(
                    EncryptedConfigCode.KEYSIZE_UNEXPECTED,
                    "KEYALGORITHM is " + alg + ", not 1 (AES-128-CBC); decrypted as AES-" + 8 * key.length + "-CBC"));
        }
        return key;
    }

    @Override
    public String toString() {
        return "EncryptedConfigDecryptor["
                + (verify
                        ? signer != null ? "signer " + signer.getSubjectX500Principal() : "trust list"
                        : "no verification")
                + "]";
    }

    /** Configures an {@link EncryptedConfigDecryptor}. Mutable, not thread-safe. */
    public static final class Builder {
        private final PrivateKey deviceKey;
        private byte[] symmetricKey;
        private X509Certificate signer;
        private ItlFile trustList;
        private boolean verify = true;
        private boolean verifySet;
        private ItlVerifier verifier;
        private SgnFile stub;
        private X509Certificate deviceCertificate;

        private Builder(PrivateKey deviceKey) {
            this.deviceKey = deviceKey;
        }

        /**
         * @param tftpCertificate the certificate that must have signed the file
         * @return this builder
         */
        public Builder signer(X509Certificate tftpCertificate) {
            signer = Objects.requireNonNull(tftpCertificate, "tftpCertificate");
            verifySet = true;
            return this;
        }

        /**
         * @param itlOrCtl a trust list whose TFTP or CCM+TFTP record must have signed the file (TRUST.md R6)
         * @return this builder
         */
        public Builder trustList(ItlFile itlOrCtl) {
            trustList = Objects.requireNonNull(itlOrCtl, "itlOrCtl");
            verifySet = true;
            return this;
        }

        /**
         * Skips the signature check (forensics): the plaintext is then only as trustworthy as its digest.
         *
         * @return this builder
         */
        public Builder noVerify() {
            verify = false;
            verifySet = true;
            return this;
        }

        /**
         * @param v the verifier for the signature check (limits, provider); a default one otherwise
         * @return this builder
         */
        public Builder verifier(ItlVerifier v) {
            verifier = Objects.requireNonNull(v, "verifier");
            return this;
        }

        /**
         * Also runs check E08 (SPEC-trust.md 6.8, {@link ConfigStub#check}): after decryption, a warning
         * {@code ENC_STUB_MISMATCH} when {@code stub} is null (missing) or its {@code <certHash>} is not the MD5 of
         * {@code deviceCertificate}.
         *
         * @param stub the stub {@code SEP<MAC>.cnf.xml.sgn} served beside the file, or null when there is none
         * @param deviceCertificate the phone's certificate (LSC or MIC) the file is encrypted for
         * @return this builder
         */
        public Builder checkStub(SgnFile stub, X509Certificate deviceCertificate) {
            this.deviceCertificate = Objects.requireNonNull(deviceCertificate, "deviceCertificate");
            this.stub = stub;
            return this;
        }

        /**
         * @param key the AES key of a manual-key file (no ENCRYPTEDKEY): 16 bytes for AES-128; copied
         * @return this builder
         */
        public Builder symmetricKey(byte[] key) {
            symmetricKey = key.clone();
            return this;
        }

        /**
         * @return the decryptor
         * @throws IllegalStateException if neither a signer, a trust list nor {@link #noVerify()} was given
         */
        public EncryptedConfigDecryptor build() {
            if (!verifySet) {
                throw new IllegalStateException("give the TFTP signer certificate, a trust list, or noVerify()");
            }
            return new EncryptedConfigDecryptor(this);
        }
    }
}
