package io.github.itl4j.crypto;

import io.github.itl4j.crypto.internal.DerScan;
import io.github.itl4j.crypto.internal.PbeLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The PEM (and DER certificate) side of {@link KeyLoader}: private keys in every PEM form (PKCS#1, SEC1, PKCS#8,
 * encrypted PKCS#8 with its iteration count capped first, OpenSSL's legacy encryption), certificates, and the pairing
 * of a key with its certificate. Every block is scanned ({@link DerScan}) before a parser sees it. Not API.
 */
final class PemKeys {
    private static final Provider BC = KeyLoader.BC;

    private PemKeys() {
    }

    static SigningKey pair(List<PrivateKey> keys, List<X509Certificate> certs) throws KeyLoadException {
        if (keys.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_KEY, "No private key found in the PEM input");
        }
        if (keys.size() > 1) {
            throw new KeyLoadException(KeyLoadException.Reason.SEVERAL_KEYS, "The PEM input holds " + keys.size()
                    + " private keys; expected one");
        }
        if (certs.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_CERTIFICATE, "No certificate found for the key");
        }
        PrivateKey key = keys.get(0);
        KeyLoadException firstMismatch = null;
        for (X509Certificate c : certs) {
            List<X509Certificate> chain = new ArrayList<>(certs);
            chain.remove(c);
            chain.add(0, c);
            try {
                return KeyLoader.loaded(SigningKey.of(key, c, chain), "PEM");
            } catch (KeyLoadException e) {
                if (e.reason() != KeyLoadException.Reason.KEY_CERTIFICATE_MISMATCH) {
                    throw e;
                }
                if (firstMismatch == null) {
                    firstMismatch = e;
                }
            }
        }
        throw firstMismatch;
    }

    static List<PrivateKey> keys(KeyLoader limits, String pem, char[] password) throws KeyLoadException {
        List<PrivateKey> out = new ArrayList<>();
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        scanPem(pem);
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                PrivateKeyInfo info = null;
                if (o instanceof PEMKeyPair kp) {
                    info = kp.getPrivateKeyInfo();
                } else if (o instanceof PrivateKeyInfo pki) {
                    info = pki;
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    if (password == null) {
                        throw new KeyLoadException(KeyLoadException.Reason.PASSWORD_REQUIRED,
                                "The private key is encrypted; a password is required");
                    }
                    limits.checkIterations(PbeLimits.iterations(enc.toASN1Structure().getEncryptionAlgorithm()),
                            "encrypted private key");
                    try {
                        InputDecryptorProvider dp = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                                .build(password);
                        info = enc.decryptPrivateKeyInfo(dp);
                    } catch (org.bouncycastle.pkcs.PKCSException | org.bouncycastle.operator.OperatorCreationException
                            | RuntimeException e) {
                        throw new KeyLoadException(KeyLoadException.Reason.WRONG_PASSWORD,
                                "Wrong password: the encrypted private key cannot be decrypted", e);
                    }
                } else if (o instanceof PEMEncryptedKeyPair enc) {
                    if (password == null) {
                        throw new KeyLoadException(KeyLoadException.Reason.PASSWORD_REQUIRED,
                                "The private key is encrypted; a password is required");
                    }
                    try {
                        info = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))
                                .getPrivateKeyInfo();
                    } catch (IOException | RuntimeException e) {
                        throw new KeyLoadException(KeyLoadException.Reason.WRONG_PASSWORD,
                                "Wrong password: the encrypted private key cannot be decrypted", e);
                    }
                }
                if (info != null) {
                    try {
                        out.add(conv.getPrivateKey(info));
                    } catch (IOException | RuntimeException e) {
                        throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_KEY,
                                "Unsupported private key algorithm " + info.getPrivateKeyAlgorithm().getAlgorithm(), e);
                    }
                }
            }
        } catch (KeyLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Malformed PEM input: " + e.getMessage(),
                    e);
        }
        return out;
    }

    static List<X509Certificate> certificates(KeyLoader limits, byte[] data) throws KeyLoadException {
        limits.checkSize(data.length, "certificate file");
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (data.length > 0 && data[0] == 0x30) {
                KeyLoader.refuseUnsafe(DerScan.der(data), "DER certificate");
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(data)));
                return out;
            }
            String pem = new String(data, StandardCharsets.UTF_8);
            scanPem(pem);
            try (PEMParser p = new PEMParser(new StringReader(pem))) {
                Object o;
                while ((o = p.readObject()) != null) {
                    if (o instanceof X509CertificateHolder h) {
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(h.getEncoded())));
                    }
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Malformed certificate: " + e.getMessage(),
                    e);
        }
        return out;
    }

    /**
     * Scans every PEM block's bytes ({@link DerScan}) before {@code PEMParser} parses them, so a hostile nesting
     * fails here with {@code MALFORMED} instead of overflowing the parser's stack.
     */
    private static void scanPem(String pem) throws KeyLoadException {
        try (org.bouncycastle.util.io.pem.PemReader r = new org.bouncycastle.util.io.pem.PemReader(
                new StringReader(pem))) {
            org.bouncycastle.util.io.pem.PemObject o;
            while ((o = r.readPemObject()) != null) {
                byte[] content = o.getContent();
                DerScan.Refusal refusal = "CERTIFICATE".equals(o.getType()) ? DerScan.der(content)
                        : DerScan.ber(content);
                KeyLoader.refuseUnsafe(refusal, "PEM " + o.getType() + " block");
            }
        } catch (IOException | RuntimeException e) {
            return; // not well-formed PEM: the parser reports it as before
        }
    }
}
