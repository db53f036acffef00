package io.github.itl4j.cli;

import io.github.itl4j.crypto.ItlVerifier;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --now} and {@code --strict-validity}: when the signer's certificate must be valid, as a picocli mixin
 * shared by the commands that print the verification verdict ({@code verify}, {@code show}). The signer's
 * certificate is checked at the current time unless {@code --now} says otherwise; outside its validity period it is
 * a warning ({@code SIGNER_EXPIRED}, {@code SIGNER_NOT_YET_VALID}), an error with {@code --strict-validity}.
 *
 * @since 0.1.0
 */
public final class ValidityOptions {
    @Option(
            names = "--now",
            paramLabel = "DATE|INSTANT",
            description = "The time the signer's certificate must be "
                    + "valid at (2026-11-29 or 2026-11-29T12:00:00Z); the current time by default.")
    private String now;

    @Option(
            names = "--strict-validity",
            description =
                    "Fail files whose signer certificate is expired or not yet " + "valid (by default a warning).")
    private boolean strict;

    /** Creates the options; picocli fills them in. */
    public ValidityOptions() {}

    /**
     * Applies the options to a verifier builder.
     *
     * @param b the builder
     * @param clock the clock giving the default time
     * @return {@code b}
     * @throws CliException for a {@code --now} that is not a date or an instant
     */
    ItlVerifier.Builder apply(ItlVerifier.Builder b, Clock clock) throws CliException {
        Instant at = now == null ? clock.instant() : Converters.now(now, "--now");
        return b.validityAt(at).strictValidity(strict);
    }
}
