package io.github.itl4j.cli;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The signing key of a command: {@code --p12 FILE [--alias A]} (a PKCS#12 file such as CUCM's
 * {@code ITLRecovery.p12}), or {@code --key KEY [--cert CERT]} (a PEM private key with its PEM certificate, such as
 * CUCM's {@code CallManager.key} and {@code CallManager.pem}; without {@code --cert}, KEY holds both, as certutils'
 * {@code NAME.pem}). The password comes from {@link PasswordOptions.Key}: a PKCS#12 file always needs one; an
 * unencrypted PEM key needs none, and none is asked for.
 *
 * @since 0.1.0
 */
public final class KeyOptions {
    @Option(
            names = "--p12",
            paramLabel = "FILE",
            description = "Sign with the key of this PKCS#12 file (e.g. ITLRecovery.p12).")
    private Path p12;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "The PKCS#12 entry to use when the file holds several keys.")
    private String alias;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "Sign with this PEM private key (PKCS#1, PKCS#8 or encrypted PKCS#8), e.g. CallManager.key.")
    private Path key;

    @Option(
            names = "--cert",
            paramLabel = "CERT",
            description = "The PEM certificate of --key (e.g. CallManager.pem); omit it when KEY holds both.")
    private Path cert;

    @Mixin
    private PasswordOptions.Key password = new PasswordOptions.Key();

    /** Creates the options; picocli fills them in. */
    public KeyOptions() {}

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /**
     * Warns on standard error when a signature digest other than SHA-1 was asked for: certutils and Cisco's parser
     * reject SHA-256 files, and phones have no documented SHA-256 support, so such a file may brick the trust
     * chain of every phone that loads it.
     *
     * @param digest the {@code --digest} value, or null when not given
     */
    void warnDigest(DigestAlgorithm digest) {
        if (digest == null || digest.equals(DigestAlgorithm.SHA1) || mixee == null) {
            return;
        }
        java.io.PrintWriter err = mixee.commandLine().getErr();
        err.println(ItlCli.PREFIX + "warning: --digest " + digest + ": phones have no documented support for "
                + digest + " signatures, and certutils and Cisco's parser reject such files; test on a phone "
                + "before you publish (sha1 is what CUCM writes)");
        err.flush();
    }

    /** @return whether {@code --p12} or {@code --key} was given */
    public boolean given() {
        return p12 != null || key != null;
    }

    /** @return the {@code --alias} value, or null */
    public String alias() {
        return alias;
    }

    /** @return the password options (also used for a PKCS#12 file fetched over SFTP) */
    public PasswordOptions password() {
        return password;
    }

    /** @return the key, certificate and password files given, for checks that an output does not overwrite them */
    public List<Path> files() {
        List<Path> l = new ArrayList<>();
        for (Path p : new Path[] {p12, key, cert, password.file()}) {
            if (p != null) {
                l.add(p);
            }
        }
        return l;
    }

    /**
     * Checks the combination of options, and that the password can be obtained when it will surely be needed.
     *
     * @param required whether the command needs a key from these options
     * @param alternative the other way to give a key (for the message), or null
     * @throws CliException ({@link ExitCodes#USAGE}) for a wrong combination
     */
    public void check(boolean required, String alternative) throws CliException {
        if (p12 != null && key != null) {
            throw CliException.usage("--p12 and --key are mutually exclusive; give one");
        }
        if (cert != null && key == null) {
            throw CliException.usage("--cert goes with --key");
        }
        if (alias != null && key != null) {
            throw CliException.usage("--alias goes with a PKCS#12 file, not with --key");
        }
        if (required && !given()) {
            throw CliException.usage("give the signing key: --p12 FILE, or --key KEY --cert CERT"
                    + (alternative == null ? "" : ", or " + alternative));
        }
        if (p12 != null) {
            password.checkAvailable();
        } else if (password.given()) {
            password.checkAvailable(); // both file and env
        }
    }

    /**
     * Loads the key: PKCS#12 with the password, or PEM (without a password unless one was given or the key turns
     * out to be encrypted, in which case it is read or prompted for).
     *
     * @return the key
     * @throws CliException for a key that cannot be loaded: {@link ExitCodes#INPUT} (wrong password, not a key,
     *     key and certificate do not match), {@link ExitCodes#USAGE} (no password source), with the file's name
     * @throws IOException if a file is missing or unreadable
     */
    public SigningKey load() throws CliException, IOException {
        KeyLoader loader = KeyLoader.defaults();
        if (p12 != null) {
            exists(p12, "--p12");
            char[] pw = password.read();
            try {
                return loader.pkcs12(p12, pw, alias);
            } catch (KeyLoadException e) {
                throw keyError(p12.toString(), e);
            } finally {
                PasswordOptions.wipe(pw);
            }
        }
        exists(key, "--key");
        if (cert != null) {
            exists(cert, "--cert");
        }
        char[] pw = password.given() ? password.read() : null;
        try {
            try {
                return pem(loader, pw);
            } catch (KeyLoadException e) {
                if (e.reason() != KeyLoadException.Reason.PASSWORD_REQUIRED || pw != null) {
                    throw e;
                }
            }
            pw = password.read(); // encrypted: ask now
            return pem(loader, pw);
        } catch (KeyLoadException e) {
            throw keyError(
                    e.reason() == KeyLoadException.Reason.KEY_CERTIFICATE_MISMATCH && cert != null
                            ? key + " and " + cert
                            : key.toString(),
                    e);
        } finally {
            PasswordOptions.wipe(pw);
        }
    }

    private SigningKey pem(KeyLoader loader, char[] pw) throws KeyLoadException {
        return cert != null ? loader.pem(cert, key, pw) : loader.pem(key, pw);
    }

    private static void exists(Path p, String option) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file (" + option + ")");
        }
        if (Files.isDirectory(p)) {
            throw new IOException(p + " (" + option + "): is a directory, not a file");
        }
    }

    /**
     * Builds the signer of a command from a key.
     *
     * @param key the key
     * @param digest the digest, or null for SHA-1
     * @param timestamp the {@code --timestamp} value to write as TIMESTAMP, or null for the time of signing
     * @param subject the key's file, for messages
     * @return the signer
     * @throws CliException ({@link ExitCodes#INPUT}) if the key cannot sign this format (not RSA)
     */
    static ItlSigner signer(SigningKey key, DigestAlgorithm digest, Instant timestamp, String subject)
            throws CliException {
        Clock clock = timestamp != null ? Clock.fixed(timestamp, ZoneOffset.UTC) : Clock.systemUTC();
        try {
            return ItlSigner.builder(key)
                    .digest(digest == null ? DigestAlgorithm.SHA1 : digest)
                    .clock(clock)
                    .provider(CryptoProviders.current())
                    .build();
        } catch (KeyLoadException e) {
            throw keyError(subject, e);
        }
    }

    /** @return a short description of where the key comes from, for summaries */
    String source() {
        return p12 != null ? p12.toString() : cert != null ? key + " + " + cert : String.valueOf(key);
    }

    /**
     * The one-line error of a key that cannot be used: {@link ExitCodes#IO} if it could not be read,
     * {@link ExitCodes#INPUT} otherwise (wrong password, not a key file, mismatch, unsupported key).
     *
     * @param subject the file
     * @param e the failure
     * @return the exception to report
     */
    static CliException keyError(String subject, KeyLoadException e) {
        int code = e.reason() == KeyLoadException.Reason.IO_ERROR ? ExitCodes.IO : ExitCodes.INPUT;
        return new CliException(code, subject + ": " + e.getMessage(), e);
    }
}
