package io.github.itl4j.plan;

import io.github.itl4j.crypto.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Stand-in keys and self-signed certificates for the certificates a plan models but the input does not give with a
 * key (identity mode, docs/plan.md). Each is derived deterministically from its id (RSA-1024 from a
 * seeded generator, fixed validity 2014-2044), so the modelled files, their hashes and the plan are reproducible. A
 * stand-in keeps the subject and serial of a given certificate, so reports name the real one; since every file is
 * then signed with the stand-in key of its signer, a signature check is exactly "the signer identity is an anchor".
 */
final class KeyRing {
    private static final Map<String, SigningKey> MADE = new ConcurrentHashMap<>();
    private static final Date NOT_BEFORE = new Date(1_388_534_400_000L); // 2014-01-01
    private static final Date NOT_AFTER = new Date(2_335_219_200_000L); // 2044-01-01

    private KeyRing() {}

    /**
     * @param id a unique id (cluster/node/kind/generation)
     * @param subject the subject when no certificate is given (RFC 4514)
     * @param given the certificate given (its subject and serial are kept), or null
     * @return the stand-in
     */
    static SigningKey standIn(String id, String subject, X509Certificate given) {
        String key = id + "|" + subject + "|"
                + (given == null ? "" : given.getSerialNumber().toString(16));
        return MADE.computeIfAbsent(key, k -> make(k, subject, given));
    }

    private static SigningKey make(String seed, String subject, X509Certificate given) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
            rnd.setSeed(h);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4), rnd);
            KeyPair kp = g.generateKeyPair();
            X500Name name = given != null
                    ? X500Name.getInstance(given.getSubjectX500Principal().getEncoded())
                    : new X500Name(subject);
            BigInteger serial = given != null
                    ? given.getSerialNumber()
                    : new BigInteger(1, java.util.Arrays.copyOf(h, 16)).setBit(120);
            ContentSigner cs = new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate());
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                            name, serial, NOT_BEFORE, NOT_AFTER, name, kp.getPublic())
                    .build(cs);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return SigningKey.of(kp.getPrivate(), cert, List.of());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a stand-in certificate for " + subject, e);
        }
    }
}
