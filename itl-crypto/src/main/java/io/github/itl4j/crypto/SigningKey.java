package io.github.itl4j.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate (and optionally the rest of its chain), checked to belong together. Immutable
 * and thread-safe. Load one with {@link KeyLoader}, or make one from JCA objects with {@link #of}.
 *
 * <p>EC keys can be loaded (they appear in trust lists), but only RSA keys can sign this format: see
 * {@link #isRsa()}.
 *
 * @since 0.1.0
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;

    private SigningKey(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.chain = chain;
    }

    /**
     * Pairs a key with its certificate after checking that they belong together: for RSA the modulus (and the public
     * exponent when the key carries it) must equal the certificate's; otherwise a probe is signed and verified.
     *
     * @param key the private key (RSA or EC)
     * @param certificate the key's certificate
     * @param chain the certificate chain starting with {@code certificate}, or an empty list
     * @return the signing key
     * @throws KeyLoadException {@link KeyLoadException.Reason#KEY_CERTIFICATE_MISMATCH} if the key does not belong to
     *     the certificate, {@link KeyLoadException.Reason#UNSUPPORTED_KEY} for a key that is neither RSA nor EC
     */
    public static SigningKey of(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain)
            throws KeyLoadException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        List<X509Certificate> c = new ArrayList<>(chain);
        if (c.isEmpty() || !c.get(0).equals(certificate)) {
            c.add(0, certificate);
        }
        PublicKey pub = certificate.getPublicKey();
        String alg = key.getAlgorithm();
        if ("RSA".equalsIgnoreCase(alg) && key instanceof RSAKey rk) {
            if (!(pub instanceof RSAPublicKey rp)) {
                throw mismatch(
                        certificate, "an RSA private key but the certificate holds a " + pub.getAlgorithm() + " key");
            }
            if (!rk.getModulus().equals(rp.getModulus())
                    || key instanceof RSAPrivateCrtKey crt
                            && !crt.getPublicExponent().equals(rp.getPublicExponent())) {
                throw mismatch(
                        certificate,
                        "the RSA modulus or public exponent of the key differs from the " + "certificate's");
            }
            return new SigningKey(normalizeRsa(key), certificate, List.copyOf(c));
        }
        if ("EC".equalsIgnoreCase(alg) || "ECDSA".equalsIgnoreCase(alg)) {
            if (!(pub instanceof ECPublicKey)) {
                throw mismatch(
                        certificate, "an EC private key but the certificate holds a " + pub.getAlgorithm() + " key");
            }
            if (!probe(key, pub, "SHA256withECDSA")) {
                throw mismatch(certificate, "a probe signed with the EC key does not verify with the certificate");
            }
            return new SigningKey(key, certificate, List.copyOf(c));
        }
        throw new KeyLoadException(
                KeyLoadException.Reason.UNSUPPORTED_KEY, "Unsupported key type " + alg + " (expected RSA or EC)");
    }

    private static KeyLoadException mismatch(X509Certificate cert, String detail) {
        return new KeyLoadException(
                KeyLoadException.Reason.KEY_CERTIFICATE_MISMATCH,
                "The private key does not " + "belong to the certificate "
                        + cert.getSubjectX500Principal().getName() + ": " + detail);
    }

    /** Converts a provider-specific RSA key (e.g. Bouncy Castle's) into the JDK's, so signing never re-translates. */
    private static PrivateKey normalizeRsa(PrivateKey key) {
        if (key.getClass().getName().startsWith("sun.security.")) {
            return key;
        }
        byte[] enc = key.getEncoded();
        if (enc == null || !"PKCS#8".equals(key.getFormat())) {
            return key; // e.g. a hardware key: use as is
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(enc));
        } catch (GeneralSecurityException e) {
            return key;
        } finally {
            java.util.Arrays.fill(enc, (byte) 0);
        }
    }

    /**
     * This key with its RSA private key translated once into {@code provider}'s own key object
     * ({@link KeyFactory#translateKey} of {@code KeyFactory.getInstance("RSA", provider)}), so that this provider
     * signs without importing the key again on every signature. The translation happens in memory: no key material
     * is written anywhere. {@link ItlSigner.Builder#build()} calls it for the signer's provider.
     *
     * @param provider the JCA provider that will sign, or null for the JDK's default
     * @return a key with the same certificate and chain whose {@link #privateKey()} belongs to {@code provider}; this
     *     key itself if {@code provider} is null, the key is not RSA, it already is that provider's, or the provider
     *     has no RSA key factory or cannot translate it (e.g. a hardware key), in which case the provider is left to
     *     accept the key as it is when it signs
     */
    public SigningKey forProvider(Provider provider) {
        if (provider == null || !isRsa() || isFrom(privateKey, provider)) {
            return this;
        }
        try {
            PrivateKey k = (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(privateKey);
            if (!(k instanceof RSAKey rk) || !rk.getModulus().equals(((RSAKey) privateKey).getModulus())) {
                return this;
            }
            return new SigningKey(k, certificate, chain);
        } catch (GeneralSecurityException | RuntimeException e) {
            return this;
        }
    }

    /** @return whether the key's class is the provider's own (same package, as for SunRsaSign and ACCP) */
    private static boolean isFrom(PrivateKey key, Provider provider) {
        return key.getClass().getPackageName().equals(provider.getClass().getPackageName());
    }

    private static boolean probe(PrivateKey key, PublicKey pub, String alg) throws KeyLoadException {
        byte[] data = new byte[32];
        new SecureRandom().nextBytes(data);
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(data);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(data);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.UNSUPPORTED_KEY,
                    "Cannot check the key against its " + "certificate with " + alg + ": " + e.getMessage(),
                    e);
        }
    }

    /** @return the private key (the JDK's implementation for RSA keys that could be converted) */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the key's certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /** @return the chain, starting with {@link #certificate()} */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** @return whether this is an RSA key (the only kind that can sign this format) */
    public boolean isRsa() {
        return privateKey instanceof RSAKey && "RSA".equalsIgnoreCase(privateKey.getAlgorithm());
    }

    /** @return the JCA key algorithm, {@code RSA} or {@code EC} */
    public String algorithm() {
        return privateKey.getAlgorithm();
    }

    /** @return the RSA modulus size in bits, or -1 for a non-RSA key */
    public int rsaBits() {
        return privateKey instanceof RSAKey rk ? rk.getModulus().bitLength() : -1;
    }

    /** @return the size of an RSA signature made with this key (the modulus in bytes), or -1 for a non-RSA key */
    public int signatureLength() {
        int bits = rsaBits();
        return bits < 0 ? -1 : (bits + 7) / 8;
    }

    /** @return the algorithm, size and certificate subject; never key material */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm() + (isRsa() ? "-" + rsaBits() : "") + ", "
                + certificate.getSubjectX500Principal().getName() + "]";
    }
}
