package io.github.itl4j.crypto;

import io.github.itl4j.crypto.internal.PbeLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;

/**
 * Loads {@link SigningKey}s from PKCS#12 files (as CUCM exports {@code ITLRecovery.p12}) and PEM files (certificate
 * plus PKCS#1, PKCS#8 or encrypted PKCS#8 key, separately or in one file as certutils' {@code NAME.pem}).
 * Immutable and thread-safe; {@link #defaults()} is shared.
 *
 * <p>Hostile files: a PKCS#12 file or an encrypted key whose password-based-encryption iteration count exceeds
 * {@link #maxPbeIterations()} is refused before any key derivation; files larger than {@link #maxFileSize()} are
 * refused before parsing. Bouncy Castle is used as a provider <em>instance</em>; it is never registered globally.
 *
 * <p>Every failure is a {@link KeyLoadException} whose {@link KeyLoadException#reason() reason} says why. Passwords
 * are never kept, logged or put in messages; the caller owns the {@code char[]} and may clear it afterwards.
 *
 * @since 0.1.0
 */
public final class KeyLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeyLoader.class);
    /** Default cap on PBE/PBKDF2/MAC iteration counts: ten times more than any common tool writes. */
    public static final int DEFAULT_MAX_PBE_ITERATIONS = 1_000_000;
    /** Default cap on the size of a key or certificate file: 1 MiB. */
    public static final int DEFAULT_MAX_FILE_SIZE = 1 << 20;

    private static final KeyLoader DEFAULTS = new KeyLoader(DEFAULT_MAX_PBE_ITERATIONS, DEFAULT_MAX_FILE_SIZE);
    private static final Provider BC = new BouncyCastleProvider();

    private final int maxPbeIterations;
    private final int maxFileSize;

    private KeyLoader(int maxPbeIterations, int maxFileSize) {
        this.maxPbeIterations = maxPbeIterations;
        this.maxFileSize = maxFileSize;
    }

    /** @return a loader with the default limits */
    public static KeyLoader defaults() {
        return DEFAULTS;
    }

    /**
     * @param max the largest PBE iteration count accepted, at least 1
     * @return a loader with that limit
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public KeyLoader withMaxPbeIterations(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxPbeIterations must be >= 1: " + max);
        }
        return new KeyLoader(max, maxFileSize);
    }

    /**
     * @param max the largest file accepted, in bytes, at least 1
     * @return a loader with that limit
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public KeyLoader withMaxFileSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxFileSize must be >= 1: " + max);
        }
        return new KeyLoader(maxPbeIterations, max);
    }

    /** @return the largest PBE iteration count accepted */
    public int maxPbeIterations() {
        return maxPbeIterations;
    }

    /** @return the largest file accepted, in bytes */
    public int maxFileSize() {
        return maxFileSize;
    }

    // ------------------------------------------------------------------ detection

    /**
     * Loads a key from a PKCS#12 file or a PEM file, chosen by content (a DER SEQUENCE byte {@code 0x30} first means
     * PKCS#12).
     *
     * @param file the PKCS#12 file, or a PEM file with the key (and the certificate, if {@code certificateFile} is null)
     * @param certificateFile a PEM/DER certificate file for a PEM key, or null
     * @param password the PKCS#12 password or the PEM key's password; null for an unencrypted PEM key
     * @param alias the PKCS#12 alias, or null when the file holds one key
     * @return the key
     * @throws KeyLoadException as {@link #pkcs12(Path, char[], String)} and {@link #pem(Path, Path, char[])}
     */
    public SigningKey load(Path file, Path certificateFile, char[] password, String alias) throws KeyLoadException {
        byte[] data = read(file);
        if (data.length > 0 && data[0] == 0x30 && certificateFile == null) {
            return pkcs12(data, password, alias);
        }
        if (certificateFile == null) {
            return pemText(new String(data, StandardCharsets.UTF_8), password);
        }
        return pem(new String(read(certificateFile), StandardCharsets.UTF_8),
                new String(data, StandardCharsets.UTF_8), password);
    }

    // ------------------------------------------------------------------ PKCS#12

    /**
     * Loads the key entry of a PKCS#12 file.
     *
     * @param file the file
     * @param password the store password (also used for the key)
     * @param alias the entry's alias, or null if the file holds exactly one key entry
     * @return the key with its certificate chain
     * @throws KeyLoadException {@code WRONG_PASSWORD}, {@code PASSWORD_REQUIRED}, {@code NO_KEY} (e.g. a
     *     certificate-only file), {@code SEVERAL_KEYS} (the message lists the aliases), {@code ALIAS_NOT_FOUND},
     *     {@code NO_CERTIFICATE}, {@code KEY_CERTIFICATE_MISMATCH}, {@code LIMIT_EXCEEDED}, {@code MALFORMED},
     *     {@code IO_ERROR}
     */
    public SigningKey pkcs12(Path file, char[] password, String alias) throws KeyLoadException {
        return pkcs12(read(file), password, alias);
    }

    /**
     * Loads the key entry of a PKCS#12 file held in memory.
     *
     * @param data the file's bytes (not modified)
     * @param password the store password
     * @param alias the entry's alias, or null if the file holds exactly one key entry
     * @return the key with its certificate chain
     * @throws KeyLoadException as {@link #pkcs12(Path, char[], String)}
     */
    public SigningKey pkcs12(byte[] data, char[] password, String alias) throws KeyLoadException {
        if (password == null) {
            throw new KeyLoadException(KeyLoadException.Reason.PASSWORD_REQUIRED,
                    "A PKCS#12 file needs its password");
        }
        checkSize(data.length, "PKCS#12 file");
        Pfx pfx;
        try {
            pfx = Pfx.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(data));
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED,
                    "Not a PKCS#12 file (DER PFX structure expected)", e);
        }
        BigInteger it;
        try {
            it = PbeLimits.maxIterations(pfx);
        } catch (RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Malformed PKCS#12 file: "
                    + e.getMessage(), e);
        }
        checkIterations(it, "PKCS#12 file");
        checkMac(data, password);
        KeyStore ks = loadStore(data, password);
        try {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            String chosen;
            if (alias == null) {
                if (keys.isEmpty()) {
                    SigningKey plain = unencryptedKeyBag(data);
                    if (plain != null) {
                        return plain;
                    }
                    throw new KeyLoadException(KeyLoadException.Reason.NO_KEY, "The PKCS#12 file holds no private key"
                            + " (only " + ks.size() + " certificate entr" + (ks.size() == 1 ? "y" : "ies") + ")");
                }
                if (keys.size() > 1) {
                    Collections.sort(keys);
                    throw new KeyLoadException(KeyLoadException.Reason.SEVERAL_KEYS, "The PKCS#12 file holds "
                            + keys.size() + " private keys; choose one by alias: " + String.join(", ", keys));
                }
                chosen = keys.get(0);
            } else {
                chosen = null;
                for (String a : keys) {
                    if (a.equals(alias)) {
                        chosen = a;
                    }
                }
                for (String a : keys) {
                    if (chosen == null && a.equalsIgnoreCase(alias)) {
                        chosen = a;
                    }
                }
                if (chosen == null) {
                    Collections.sort(keys);
                    throw new KeyLoadException(KeyLoadException.Reason.ALIAS_NOT_FOUND, "No private key with alias '"
                            + alias + "' in the PKCS#12 file; key aliases: "
                            + (keys.isEmpty() ? "(none)" : String.join(", ", keys)));
                }
            }
            Key key;
            try {
                key = ks.getKey(chosen, password);
            } catch (UnrecoverableKeyException e) {
                throw new KeyLoadException(KeyLoadException.Reason.WRONG_PASSWORD, "Wrong password: the key '"
                        + chosen + "' cannot be decrypted with the password given", e);
            }
            if (!(key instanceof PrivateKey pk)) {
                throw new KeyLoadException(KeyLoadException.Reason.NO_KEY, "Entry '" + chosen
                        + "' is not a private key");
            }
            Certificate[] chain = ks.getCertificateChain(chosen);
            if (chain == null || chain.length == 0) {
                throw new KeyLoadException(KeyLoadException.Reason.NO_CERTIFICATE, "The key '" + chosen
                        + "' has no certificate in the PKCS#12 file");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                if (!(c instanceof X509Certificate x)) {
                    throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Entry '" + chosen
                            + "' has a non-X.509 certificate");
                }
                certs.add(x);
            }
            return loaded(SigningKey.of(pk, certs.get(0), certs), "PKCS#12 alias '" + chosen + "'");
        } catch (KeyLoadException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Cannot read the PKCS#12 entries: "
                    + e.getMessage(), e);
        }
    }

    private void checkMac(byte[] data, char[] password) throws KeyLoadException {
        boolean valid;
        try {
            PKCS12PfxPdu pdu = new PKCS12PfxPdu(data);
            if (!pdu.hasMac()) {
                return;
            }
            valid = pdu.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE),
                    password);
        } catch (Exception e) {
            return; // a MAC scheme Bouncy Castle's light-weight API does not know: the key store load checks it
        }
        if (!valid) {
            throw new KeyLoadException(KeyLoadException.Reason.WRONG_PASSWORD,
                    "Wrong password: the PKCS#12 integrity check failed (or the file is corrupted)");
        }
    }

    private static KeyStore loadStore(byte[] data, char[] password) throws KeyLoadException {
        Exception first;
        KeyStore jdk = null;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(data), password);
            if (hasKeyEntry(ks)) {
                return ks;
            }
            // The JDK skips key bags it cannot use (e.g. unencrypted ones written with -keypbe NONE) and
            // certificates without Oracle's trust attribute: let Bouncy Castle have a look before saying "no key".
            jdk = ks;
            first = null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (isPasswordFailure(e)) {
                throw wrongPassword(e);
            }
            first = e;
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12", BC); // legacy algorithms the JDK may lack
            ks.load(new ByteArrayInputStream(data), password);
            return jdk == null || hasKeyEntry(ks) ? ks : jdk;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (jdk != null) {
                return jdk; // the JDK read the file; its (key-less) view stands
            }
            if (isPasswordFailure(e)) {
                throw wrongPassword(e);
            }
            KeyLoadException k = new KeyLoadException(KeyLoadException.Reason.MALFORMED,
                    "Cannot load the PKCS#12 file: " + first.getMessage(), first);
            k.addSuppressed(e);
            throw k;
        }
    }

    /**
     * Neither the JDK's nor Bouncy Castle's key store reads a key bag stored without encryption (as
     * {@code openssl pkcs12 -keypbe NONE -certpbe NONE} writes). Read such a file's plain safe bags directly: exactly
     * one key bag and the certificates beside it. Returns null when there is no such key.
     */
    private static SigningKey unencryptedKeyBag(byte[] data) throws KeyLoadException {
        PrivateKeyInfo keyInfo = null;
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (org.bouncycastle.asn1.pkcs.ContentInfo ci : new PKCS12PfxPdu(data).getContentInfos()) {
                if (!org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.data.equals(ci.getContentType())) {
                    continue; // encrypted safes were the key stores' job
                }
                for (org.bouncycastle.pkcs.PKCS12SafeBag bag
                        : new org.bouncycastle.pkcs.PKCS12SafeBagFactory(ci).getSafeBags()) {
                    Object v = bag.getBagValue();
                    if (v instanceof PrivateKeyInfo k) {
                        if (keyInfo != null) {
                            return null; // several keys: let the caller's "no key" stand rather than guess
                        }
                        keyInfo = k;
                    } else if (v instanceof X509CertificateHolder h) {
                        certs.add((X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(h.getEncoded())));
                    }
                }
            }
            if (keyInfo == null || certs.isEmpty()) {
                return null;
            }
            PrivateKey key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(keyInfo);
            KeyLoadException mismatch = null;
            for (X509Certificate c : certs) { // the certificate that belongs to the key comes first
                try {
                    List<X509Certificate> chain = new ArrayList<>(certs);
                    chain.remove(c);
                    chain.add(0, c);
                    return loaded(SigningKey.of(key, c, chain), "PEM");
                } catch (KeyLoadException e) {
                    mismatch = e;
                }
            }
            throw mismatch;
        } catch (KeyLoadException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Cannot read the PKCS#12 safe bags: "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasKeyEntry(KeyStore ks) throws KeyStoreException {
        for (String a : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(a)) {
                return true;
            }
        }
        return false;
    }

    private static KeyLoadException wrongPassword(Exception e) {
        return new KeyLoadException(KeyLoadException.Reason.WRONG_PASSWORD,
                "Wrong password: the PKCS#12 file cannot be decrypted with the password given", e);
    }

    private static boolean isPasswordFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException
                    || m.contains("password") || m.contains("mac invalid")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ PEM

    /**
     * Loads a key from a PEM certificate file and a PEM key file (PKCS#1 {@code RSA PRIVATE KEY}, {@code EC PRIVATE
     * KEY}, PKCS#8 {@code PRIVATE KEY}, encrypted PKCS#8 {@code ENCRYPTED PRIVATE KEY}, or OpenSSL's legacy
     * {@code Proc-Type: 4,ENCRYPTED}). The certificate file may hold a chain: the certificate matching the key comes
     * first, the others follow in file order.
     *
     * @param certificateFile PEM certificate(s), or DER
     * @param keyFile the PEM key
     * @param password the key's password, or null for an unencrypted key
     * @return the key
     * @throws KeyLoadException {@code WRONG_PASSWORD}, {@code PASSWORD_REQUIRED}, {@code NO_KEY}, {@code SEVERAL_KEYS},
     *     {@code NO_CERTIFICATE}, {@code KEY_CERTIFICATE_MISMATCH}, {@code LIMIT_EXCEEDED}, {@code MALFORMED},
     *     {@code IO_ERROR}
     */
    public SigningKey pem(Path certificateFile, Path keyFile, char[] password) throws KeyLoadException {
        List<X509Certificate> certs = certificates(read(certificateFile));
        return pair(keys(new String(read(keyFile), StandardCharsets.UTF_8), password), certs);
    }

    /**
     * Loads a key from one PEM file that holds both the key and its certificate (certutils' {@code NAME.pem}).
     *
     * @param file the PEM file
     * @param password the key's password, or null
     * @return the key
     * @throws KeyLoadException as {@link #pem(Path, Path, char[])}
     */
    public SigningKey pem(Path file, char[] password) throws KeyLoadException {
        return pemText(new String(read(file), StandardCharsets.UTF_8), password);
    }

    /**
     * Loads a key from PEM text holding both the key and its certificate.
     *
     * @param pem the text
     * @param password the key's password, or null
     * @return the key
     * @throws KeyLoadException as {@link #pem(Path, Path, char[])}
     */
    public SigningKey pemText(String pem, char[] password) throws KeyLoadException {
        checkSize(pem.length(), "PEM text");
        return pair(keys(pem, password), certificates(pem.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Loads a key from PEM certificate text and PEM key text.
     *
     * @param certificatePem the certificate(s)
     * @param keyPem the key
     * @param password the key's password, or null
     * @return the key
     * @throws KeyLoadException as {@link #pem(Path, Path, char[])}
     */
    public SigningKey pem(String certificatePem, String keyPem, char[] password) throws KeyLoadException {
        checkSize(certificatePem.length(), "certificate PEM");
        checkSize(keyPem.length(), "key PEM");
        return pair(keys(keyPem, password), certificates(certificatePem.getBytes(StandardCharsets.UTF_8)));
    }

    private static SigningKey pair(List<PrivateKey> keys, List<X509Certificate> certs) throws KeyLoadException {
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
                return loaded(SigningKey.of(key, c, chain), "PEM");
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

    private List<PrivateKey> keys(String pem, char[] password) throws KeyLoadException {
        List<PrivateKey> out = new ArrayList<>();
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
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
                    checkIterations(PbeLimits.iterations(enc.toASN1Structure().getEncryptionAlgorithm()),
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

    // ------------------------------------------------------------------ certificates

    /**
     * Reads the X.509 certificates of a file: every {@code CERTIFICATE} block of a PEM file (other blocks, such as
     * keys, are skipped), or one DER certificate.
     *
     * @param file the file
     * @return the certificates in file order (at least one)
     * @throws KeyLoadException {@code NO_CERTIFICATE}, {@code MALFORMED}, {@code LIMIT_EXCEEDED}, {@code IO_ERROR}
     */
    public List<X509Certificate> readCertificates(Path file) throws KeyLoadException {
        List<X509Certificate> certs = certificates(read(file));
        if (certs.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_CERTIFICATE, "No certificate in " + file);
        }
        return certs;
    }

    private List<X509Certificate> certificates(byte[] data) throws KeyLoadException {
        checkSize(data.length, "certificate file");
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (data.length > 0 && data[0] == 0x30) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(data)));
                return out;
            }
            try (PEMParser p = new PEMParser(new StringReader(new String(data, StandardCharsets.UTF_8)))) {
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

    // ------------------------------------------------------------------ helpers

    private void checkIterations(BigInteger it, String what) throws KeyLoadException {
        if (it.compareTo(BigInteger.valueOf(maxPbeIterations)) > 0) {
            throw new KeyLoadException(KeyLoadException.Reason.LIMIT_EXCEEDED, "The " + what
                    + " asks for " + it + " PBE iterations; the limit is " + maxPbeIterations
                    + " (KeyLoader.withMaxPbeIterations)");
        }
    }

    private void checkSize(long size, String what) throws KeyLoadException {
        if (size > maxFileSize) {
            throw new KeyLoadException(KeyLoadException.Reason.LIMIT_EXCEEDED, "The " + what + " is " + size
                    + " bytes; the limit is " + maxFileSize + " (KeyLoader.withMaxFileSize)");
        }
    }

    private byte[] read(Path file) throws KeyLoadException {
        Objects.requireNonNull(file, "file");
        try {
            long size = Files.size(file);
            checkSize(size, "file " + file);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes(maxFileSize + 1);
                checkSize(b.length, "file " + file);
                return b;
            }
        } catch (IOException e) {
            throw new KeyLoadException(KeyLoadException.Reason.IO_ERROR, "Cannot read " + file + ": " + e, e);
        }
    }

    /** DEBUG log of what was loaded (type, size, certificate; never key material or password), then the key. */
    private static SigningKey loaded(SigningKey key, String source) {
        LOG.debug("Loaded {} key from {}: {}", key.algorithm() + (key.isRsa() ? " " + key.rsaBits() + "-bit" : ""),
                source, key.certificate().getSubjectX500Principal().getName());
        return key;
    }
}
