package io.github.itl4j.crypto;

import io.github.itl4j.crypto.internal.DerScan;
import io.github.itl4j.crypto.internal.PbeLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
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
    private PemKeys() {}

    /** Bouncy Castle's provider, for encrypted keys only (created on first use: {@link Pkcs12Keys.Bc}). */
    private static java.security.Provider bc() {
        return Pkcs12Keys.Bc.PROVIDER;
    }

    static SigningKey pair(List<PrivateKey> keys, List<X509Certificate> certs) throws KeyLoadException {
        if (keys.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_KEY, "No private key found in the PEM input");
        }
        if (keys.size() > 1) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.SEVERAL_KEYS,
                    "The PEM input holds " + keys.size() + " private keys; expected one");
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
        List<PrivateKey> jdk = Jdk.keys(pem);
        if (jdk != null) {
            return jdk;
        }
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
                        throw new KeyLoadException(
                                KeyLoadException.Reason.PASSWORD_REQUIRED,
                                "The private key is encrypted; a password is required");
                    }
                    limits.checkIterations(
                            PbeLimits.iterations(enc.toASN1Structure().getEncryptionAlgorithm()),
                            "encrypted private key");
                    try {
                        InputDecryptorProvider dp = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                .setProvider(bc())
                                .build(password);
                        info = enc.decryptPrivateKeyInfo(dp);
                    } catch (org.bouncycastle.pkcs.PKCSException
                            | org.bouncycastle.operator.OperatorCreationException
                            | RuntimeException e) {
                        throw new KeyLoadException(
                                KeyLoadException.Reason.WRONG_PASSWORD,
                                "Wrong password: the encrypted private key cannot be decrypted",
                                e);
                    }
                } else if (o instanceof PEMEncryptedKeyPair enc) {
                    if (password == null) {
                        throw new KeyLoadException(
                                KeyLoadException.Reason.PASSWORD_REQUIRED,
                                "The private key is encrypted; a password is required");
                    }
                    try {
                        info = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                        .setProvider(bc())
                                        .build(password))
                                .getPrivateKeyInfo();
                    } catch (IOException | RuntimeException e) {
                        throw new KeyLoadException(
                                KeyLoadException.Reason.WRONG_PASSWORD,
                                "Wrong password: the encrypted private key cannot be decrypted",
                                e);
                    }
                }
                if (info != null) {
                    try {
                        out.add(conv.getPrivateKey(info));
                    } catch (IOException | RuntimeException e) {
                        throw new KeyLoadException(
                                KeyLoadException.Reason.UNSUPPORTED_KEY,
                                "Unsupported private key algorithm "
                                        + info.getPrivateKeyAlgorithm().getAlgorithm(),
                                e);
                    }
                }
            }
        } catch (KeyLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Malformed PEM input: " + e.getMessage(), e);
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
            List<X509Certificate> jdk = Jdk.certificates(pem, cf);
            if (jdk != null) {
                return jdk;
            }
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
            throw new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Malformed certificate: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Scans every PEM block's bytes ({@link DerScan}) before {@code PEMParser} parses them, so a hostile nesting
     * fails here with {@code MALFORMED} instead of overflowing the parser's stack.
     */
    private static void scanPem(String pem) throws KeyLoadException {
        try (org.bouncycastle.util.io.pem.PemReader r =
                new org.bouncycastle.util.io.pem.PemReader(new StringReader(pem))) {
            org.bouncycastle.util.io.pem.PemObject o;
            while ((o = r.readPemObject()) != null) {
                byte[] content = o.getContent();
                DerScan.Refusal refusal =
                        "CERTIFICATE".equals(o.getType()) ? DerScan.der(content) : DerScan.ber(content);
                KeyLoader.refuseUnsafe(refusal, "PEM " + o.getType() + " block");
            }
        } catch (IOException | RuntimeException e) {
            return; // not well-formed PEM: the parser reports it as before
        }
    }

    /**
     * The common forms read with the JDK alone: PEM text whose blocks are all {@code CERTIFICATE} or unencrypted
     * PKCS#8 {@code PRIVATE KEY} (RSA, EC, Ed25519/Ed448), as OpenSSL 1.0+ writes them. Loading Bouncy Castle's PEM
     * parser and provider costs more start-up time than the rest of a signing command; it stays the reader of every
     * other form (PKCS#1, SEC1, encrypted keys, OpenSSL's legacy encryption) and of anything this reader does not
     * accept, so that errors are reported exactly as before. A method returns null to say "not mine".
     */
    static final class Jdk {
        private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
                "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n([A-Za-z0-9+/=\\r\\n]*?)-----END \\1-----");

        private Jdk() {}

        /** The PEM blocks as (type, DER bytes), or null if any block is not a certificate or a PKCS#8 key. */
        private static List<Object[]> blocks(String pem) throws KeyLoadException {
            java.util.regex.Matcher m = BLOCK.matcher(pem);
            List<Object[]> out = new ArrayList<>();
            int begins = 0;
            for (int i = pem.indexOf("-----BEGIN "); i >= 0; i = pem.indexOf("-----BEGIN ", i + 1)) {
                begins++;
            }
            while (m.find()) {
                String type = m.group(1);
                if (!type.equals("CERTIFICATE") && !type.equals("PRIVATE KEY")) {
                    return null;
                }
                byte[] der;
                try {
                    der = java.util.Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    return null;
                }
                KeyLoader.refuseUnsafe(
                        type.equals("CERTIFICATE") ? DerScan.der(der) : DerScan.ber(der), "PEM " + type + " block");
                out.add(new Object[] {type, der});
            }
            return out.isEmpty() || out.size() != begins ? null : out;
        }

        static List<PrivateKey> keys(String pem) throws KeyLoadException {
            List<Object[]> blocks = blocks(pem);
            if (blocks == null) {
                return null;
            }
            List<PrivateKey> out = new ArrayList<>();
            for (Object[] b : blocks) {
                if (!b[0].equals("PRIVATE KEY")) {
                    continue;
                }
                byte[] der = (byte[]) b[1];
                String algorithm = algorithm(der);
                if (algorithm == null) {
                    return null;
                }
                try {
                    out.add(java.security.KeyFactory.getInstance(algorithm)
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der)));
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    return null;
                }
            }
            return out;
        }

        static List<X509Certificate> certificates(String pem, CertificateFactory cf) throws KeyLoadException {
            List<Object[]> blocks = blocks(pem);
            if (blocks == null) {
                return null;
            }
            List<X509Certificate> out = new ArrayList<>();
            for (Object[] b : blocks) {
                if (b[0].equals("CERTIFICATE")) {
                    try {
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream((byte[]) b[1])));
                    } catch (CertificateException | RuntimeException e) {
                        return null;
                    }
                }
            }
            return out;
        }

        /**
         * The JCA name of a PKCS#8 PrivateKeyInfo's algorithm ({@code SEQUENCE {INTEGER, SEQUENCE {OID ...}, ...}}
         * spanning exactly the bytes), or null for anything else.
         */
        static String algorithm(byte[] der) {
            try {
                int[] outer = header(der, 0, 0x30);
                if (outer == null || outer[0] + outer[1] != der.length) {
                    return null;
                }
                int[] version = header(der, outer[0], 0x02);
                if (version == null) {
                    return null;
                }
                int[] algId = header(der, version[0] + version[1], 0x30);
                if (algId == null) {
                    return null;
                }
                int[] oid = header(der, algId[0], 0x06);
                if (oid == null) {
                    return null;
                }
                String hex = java.util.HexFormat.of().formatHex(der, oid[0], oid[0] + oid[1]);
                switch (hex) {
                    case "2a864886f70d010101":
                        return "RSA"; // 1.2.840.113549.1.1.1 rsaEncryption
                    case "2a8648ce3d0201":
                        return "EC"; // 1.2.840.10045.2.1 id-ecPublicKey
                    case "2b6570":
                        return "Ed25519"; // 1.3.101.112
                    case "2b6571":
                        return "Ed448"; // 1.3.101.113
                    default:
                        return null;
                }
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** {content offset, content length} of the DER element at {@code off} with tag {@code tag}, or null. */
        private static int[] header(byte[] d, int off, int tag) {
            if (off + 2 > d.length || (d[off] & 0xff) != tag) {
                return null;
            }
            int len = d[off + 1] & 0xff;
            int pos = off + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || pos + n > d.length) {
                    return null;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (d[pos++] & 0xff);
                }
            }
            return pos + len <= d.length ? new int[] {pos, len} : null;
        }
    }
}
