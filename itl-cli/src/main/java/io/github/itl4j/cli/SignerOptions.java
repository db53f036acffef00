package io.github.itl4j.cli;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.SigningKey;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command signs: the key ({@link KeyOptions}: {@code --p12} or {@code --key/--cert}, with its password
 * options), {@code --digest} and {@code --timestamp}. The picocli mixin of {@code build}, {@code reset},
 * {@code sign-config}, {@code encrypt-config} and {@code rollback}; a new command that signs declares {@code @Mixin SignerOptions signer} and calls
 * {@link #warnDigest()}, then {@link #signer()} (or {@link #signer(SigningKey, String)} for a key from elsewhere,
 * such as {@code reset --remote}).
 *
 * @since 0.1.0
 */
public final class SignerOptions {
    @Mixin
    private KeyOptions key = new KeyOptions();

    @Option(
            names = "--digest",
            paramLabel = "ALG",
            converter = Converters.DigestConverter.class,
            description = "The signature digest: sha1 (CUCM's), sha256 or sha512; default sha1 (reset: the file's own; "
                    + "encrypt-config: sha1 or sha512, also the plaintext's digest).")
    private DigestAlgorithm digest;

    @Option(
            names = "--timestamp",
            paramLabel = "TIME",
            converter = Converters.TimestampConverter.class,
            description = "TIMESTAMP: Unix seconds or ISO-8601 (2026-01-31T12:00:00Z); default now.")
    private Instant timestamp;

    /** Creates the options; picocli fills them in. */
    public SignerOptions() {}

    /** @return the key options */
    public KeyOptions key() {
        return key;
    }

    /** @return the {@code --digest} value, or null when not given (SHA-1; {@code reset} keeps the file's) */
    public DigestAlgorithm digest() {
        return digest;
    }

    /**
     * @param fallback what to use when {@code --digest} was not given
     * @return the {@code --digest} value, or {@code fallback}
     */
    public DigestAlgorithm digest(DigestAlgorithm fallback) {
        return digest != null ? digest : fallback;
    }

    /** @return the {@code --timestamp} value, or null when not given (the time of signing) */
    public Instant timestamp() {
        return timestamp;
    }

    /** Warns on standard error when {@code --digest} is not SHA-1 ({@link KeyOptions#warnDigest}). */
    public void warnDigest() {
        key.warnDigest(digest);
    }

    /**
     * Loads the key of {@code --p12} or {@code --key/--cert} and builds the signer.
     *
     * @return the signer
     * @throws CliException for a key that cannot be loaded or cannot sign this format
     * @throws IOException if a file is missing or unreadable
     */
    public ItlSigner signer() throws CliException, IOException {
        return signer(key.load(), key.source());
    }

    /**
     * Builds the signer of a key with {@code --digest} (SHA-1 when not given) and {@code --timestamp}.
     *
     * @param k the key
     * @param subject where the key comes from, for messages
     * @return the signer
     * @throws CliException ({@link ExitCodes#INPUT}) if the key cannot sign this format (not RSA)
     */
    public ItlSigner signer(SigningKey k, String subject) throws CliException {
        return KeyOptions.signer(k, digest, timestamp, subject);
    }
}
