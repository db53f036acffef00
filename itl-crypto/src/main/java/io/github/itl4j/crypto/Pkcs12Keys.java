package io.github.itl4j.crypto;

import io.github.itl4j.crypto.internal.DerScan;
import io.github.itl4j.crypto.internal.PbeLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;

/**
 * The PKCS#12 side of {@link KeyLoader}: a PFX structure scanned and its PBE iteration counts capped before anything
 * is derived from the password, the MAC checked, then the key entry read through the JDK's or Bouncy Castle's key
 * store (legacy RC2/3DES), or from an unencrypted key bag the key stores skip. Not API.
 */
final class Pkcs12Keys {
    private Pkcs12Keys() {}

    /**
     * Bouncy Castle's provider, created on first use only: constructing it loads and registers hundreds of classes
     * (about 0.2 s at start-up), which only legacy PKCS#12 files and encrypted PEM keys need.
     */
    static final class Bc {
        /** The provider instance (never registered globally). */
        static final Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

        private Bc() {}
    }

    /** {@link KeyLoader#pkcs12(byte[], char[], String)} with the loader's limits. */
    static SigningKey load(KeyLoader limits, byte[] data, char[] password, String alias) throws KeyLoadException {
        if (password == null) {
            throw new KeyLoadException(KeyLoadException.Reason.PASSWORD_REQUIRED, "A PKCS#12 file needs its password");
        }
        limits.checkSize(data.length, "PKCS#12 file");
        KeyLoader.refuseUnsafe(DerScan.ber(data), "PKCS#12 file");
        Pfx pfx;
        try {
            pfx = Pfx.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(data));
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Not a PKCS#12 file (DER PFX structure expected)", e);
        }
        BigInteger it;
        try {
            it = PbeLimits.maxIterations(pfx);
        } catch (RuntimeException e) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Malformed PKCS#12 file: " + e.getMessage(), e);
        }
        limits.checkIterations(it, "PKCS#12 file");
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
                    throw new KeyLoadException(
                            KeyLoadException.Reason.NO_KEY,
                            "The PKCS#12 file holds no private key" + " (only " + ks.size() + " certificate entr"
                                    + (ks.size() == 1 ? "y" : "ies") + ")");
                }
                if (keys.size() > 1) {
                    Collections.sort(keys);
                    throw new KeyLoadException(
                            KeyLoadException.Reason.SEVERAL_KEYS,
                            "The PKCS#12 file holds " + keys.size() + " private keys; choose one by alias: "
                                    + String.join(", ", keys));
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
                    throw new KeyLoadException(
                            KeyLoadException.Reason.ALIAS_NOT_FOUND,
                            "No private key with alias '"
                                    + alias + "' in the PKCS#12 file; key aliases: "
                                    + (keys.isEmpty() ? "(none)" : String.join(", ", keys)));
                }
            }
            Key key;
            try {
                key = ks.getKey(chosen, password);
            } catch (UnrecoverableKeyException e) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.WRONG_PASSWORD,
                        "Wrong password: the key '" + chosen + "' cannot be decrypted with the password given",
                        e);
            }
            if (!(key instanceof PrivateKey pk)) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.NO_KEY, "Entry '" + chosen + "' is not a private key");
            }
            Certificate[] chain = ks.getCertificateChain(chosen);
            if (chain == null || chain.length == 0) {
                throw new KeyLoadException(
                        KeyLoadException.Reason.NO_CERTIFICATE,
                        "The key '" + chosen + "' has no certificate in the PKCS#12 file");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                if (!(c instanceof X509Certificate x)) {
                    throw new KeyLoadException(
                            KeyLoadException.Reason.MALFORMED, "Entry '" + chosen + "' has a non-X.509 certificate");
                }
                certs.add(x);
            }
            return KeyLoader.loaded(SigningKey.of(pk, certs.get(0), certs), "PKCS#12 alias '" + chosen + "'");
        } catch (KeyLoadException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Cannot read the PKCS#12 entries: " + e.getMessage(), e);
        }
    }

    private static void checkMac(byte[] data, char[] password) throws KeyLoadException {
        boolean valid;
        try {
            PKCS12PfxPdu pdu = new PKCS12PfxPdu(data);
            if (!pdu.hasMac()) {
                return;
            }
            valid = pdu.isMacValid(
                    new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE), password);
        } catch (Exception e) {
            return; // a MAC scheme Bouncy Castle's light-weight API does not know: the key store load checks it
        }
        if (!valid) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.WRONG_PASSWORD,
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
            KeyStore ks = KeyStore.getInstance("PKCS12", Bc.PROVIDER); // legacy algorithms the JDK may lack
            ks.load(new ByteArrayInputStream(data), password);
            return jdk == null || hasKeyEntry(ks) ? ks : jdk;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (jdk != null) {
                return jdk; // the JDK read the file; its (key-less) view stands
            }
            if (isPasswordFailure(e)) {
                throw wrongPassword(e);
            }
            KeyLoadException k = new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Cannot load the PKCS#12 file: " + first.getMessage(), first);
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
                for (org.bouncycastle.pkcs.PKCS12SafeBag bag :
                        new org.bouncycastle.pkcs.PKCS12SafeBagFactory(ci).getSafeBags()) {
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
                    return KeyLoader.loaded(SigningKey.of(key, c, chain), "PKCS#12 key bag");
                } catch (KeyLoadException e) {
                    mismatch = e;
                }
            }
            throw mismatch;
        } catch (KeyLoadException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.MALFORMED, "Cannot read the PKCS#12 safe bags: " + e.getMessage(), e);
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
        return new KeyLoadException(
                KeyLoadException.Reason.WRONG_PASSWORD,
                "Wrong password: the PKCS#12 file cannot be decrypted with the password given",
                e);
    }

    private static boolean isPasswordFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof UnrecoverableKeyException
                    || t instanceof javax.crypto.BadPaddingException
                    || m.contains("password")
                    || m.contains("mac invalid")) {
                return true;
            }
        }
        return false;
    }
}
