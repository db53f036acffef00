package io.github.itl4j.crypto;

/**
 * How serious a {@link Problem} is. Errors make a {@link VerificationResult} fail; warnings do too when the verifier
 * was built with {@link ItlVerifier.Builder#treatWarningsAsErrors(boolean)}.
 *
 * @since 0.1.0
 */
public enum Severity {
    /** The file must not be trusted. */
    ERROR,
    /** Odd but accepted: phones or CUCM accept it, or it does not affect the signer. */
    WARNING
}
