package io.github.itl4j.crypto;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.crypto.internal.DerScan;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

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
        return pem(
                new String(read(certificateFile), StandardCharsets.UTF_8),
                new String(data, StandardCharsets.UTF_8),
                password);
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
        return Pkcs12Keys.load(this, data, password, alias);
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
        List<X509Certificate> certs = PemKeys.certificates(this, read(certificateFile));
        return PemKeys.pair(PemKeys.keys(this, new String(read(keyFile), StandardCharsets.UTF_8), password), certs);
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
        return PemKeys.pair(
                PemKeys.keys(this, pem, password), PemKeys.certificates(this, pem.getBytes(StandardCharsets.UTF_8)));
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
        return PemKeys.pair(
                PemKeys.keys(this, keyPem, password),
                PemKeys.certificates(this, certificatePem.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Loads a private key on its own, no certificate needed (e.g. a phone's key to decrypt an encrypted
     * configuration): the key entry of a PKCS#12 file (chosen by content, as {@link #load}), or the one key of a PEM
     * file (a certificate in it is ignored).
     *
     * @param file the PKCS#12 or PEM file
     * @param password the password, or null for an unencrypted PEM key
     * @param alias the PKCS#12 alias, or null
     * @return the key
     * @throws KeyLoadException {@code NO_KEY}, {@code SEVERAL_KEYS}, {@code PASSWORD_REQUIRED}, {@code WRONG_PASSWORD},
     *     {@code MALFORMED}, {@code LIMIT_EXCEEDED}, {@code IO_ERROR}, and for PKCS#12 as {@link #pkcs12(Path, char[],
     *     String)}
     */
    public java.security.PrivateKey privateKey(Path file, char[] password, String alias) throws KeyLoadException {
        byte[] data = read(file);
        if (data.length > 0 && data[0] == 0x30) {
            return pkcs12(data, password, alias).privateKey();
        }
        List<java.security.PrivateKey> keys = PemKeys.keys(this, new String(data, StandardCharsets.UTF_8), password);
        if (keys.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_KEY, "No private key in " + file);
        }
        if (keys.size() > 1) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.SEVERAL_KEYS,
                    file + " holds " + keys.size() + " private keys; give a file with one");
        }
        return keys.get(0);
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
        List<X509Certificate> certs = PemKeys.certificates(this, read(file));
        if (certs.isEmpty()) {
            throw new KeyLoadException(KeyLoadException.Reason.NO_CERTIFICATE, "No certificate in " + file);
        }
        return certs;
    }

    // ------------------------------------------------------------------ helpers

    /** Refuses bytes the scan found unsafe to parse (too deep, indefinite lengths where DER is expected). */
    static void refuseUnsafe(DerScan.Refusal r, String what) throws KeyLoadException {
        // only what would overflow a parser's stack: bad lengths and trailing bytes are the parsers' to report
        if (r != null && (r.issue() == DerScan.Issue.TOO_DEEP || r.issue() == DerScan.Issue.INDEFINITE_LENGTH)) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "Malformed " + what + ": " + r.describe());
        }
    }

    void checkIterations(BigInteger it, String what) throws KeyLoadException {
        if (it.compareTo(BigInteger.valueOf(maxPbeIterations)) > 0) {
            throw new KeyLoadException(
                    KeyLoadException.Reason.LIMIT_EXCEEDED,
                    "The " + what
                            + " asks for " + it + " PBE iterations; the limit is " + maxPbeIterations
                            + " (KeyLoader.withMaxPbeIterations)");
        }
    }

    void checkSize(long size, String what) throws KeyLoadException {
        if (size > maxFileSize) {
            throw tooLarge(size, what);
        }
    }

    private KeyLoadException tooLarge(long size, String what) {
        return new KeyLoadException(
                KeyLoadException.Reason.LIMIT_EXCEEDED,
                "The " + what + " is " + size + " bytes; the limit is " + maxFileSize + " (KeyLoader.withMaxFileSize)");
    }

    /** Reads a key or certificate file with the library's one bounded reader (size checked before reading). */
    private byte[] read(Path file) throws KeyLoadException {
        Objects.requireNonNull(file, "file");
        try {
            return BoundedReader.read(file, maxFileSize, "maxFileSize").toByteArray();
        } catch (ItlLimitException e) {
            throw tooLarge(e.actual(), "file " + file);
        } catch (IOException e) {
            throw new KeyLoadException(KeyLoadException.Reason.IO_ERROR, "Cannot read " + file + ": " + e, e);
        }
    }

    /** DEBUG log of what was loaded (type, size, certificate; never key material or password), then the key. */
    static SigningKey loaded(SigningKey key, String source) {
        LOG.debug(
                "Loaded {} key from {}: {}",
                key.algorithm() + (key.isRsa() ? " " + key.rsaBits() + "-bit" : ""),
                source,
                key.certificate().getSubjectX500Principal().getName());
        return key;
    }
}
