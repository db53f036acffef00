package io.github.itl4j.nativecrypto;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;

/**
 * The native JCA provider, Amazon Corretto Crypto Provider (ACCP: AWS-LC behind a standard {@link Provider}), when
 * it loads on this platform; nothing otherwise. ACCP's jar carries its native library for linux-x86_64 only; on any
 * other OS or architecture, on a JVM that cannot load it, or when its self-tests fail, {@link #provider()} is empty and
 * callers use the JDK's provider, silently: signatures and verdicts are the same either way (RSA PKCS#1 v1.5 is
 * deterministic), only the speed differs.
 *
 * <p>Pass the provider to {@link io.github.itl4j.crypto.ItlSigner.Builder#provider} and
 * {@link io.github.itl4j.crypto.ItlVerifier.Builder#provider}; the signer translates its key once into the provider's
 * own key object (in memory, never written anywhere). Nothing is registered with {@link Security} unless
 * {@link #install()} is called.
 *
 * <pre>{@code
 * ItlSigner signer = ItlSigner.builder(key).provider(NativeProvider.orJdk()).build();
 * }</pre>
 *
 * <p>The native library is loaded once, on first use of this class; thread-safe.
 *
 * @since 0.1.0
 */
public final class NativeProvider {
    /** ACCP's JCA provider name. */
    public static final String NAME = "AmazonCorrettoCryptoProvider";

    private NativeProvider() {}

    /** Loaded once: the provider, or why there is none. */
    private static final class Holder {
        static final Provider PROVIDER;
        static final String REASON;

        static {
            Provider p = null;
            String reason;
            try {
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider accp =
                        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
                Throwable err = accp.getLoadingError();
                if (err != null) {
                    reason = "the native library did not load on " + platform() + ": " + err;
                } else {
                    accp.assertHealthy();
                    p = accp;
                    reason = null;
                }
            } catch (LinkageError | RuntimeException e) {
                reason = "not available on " + platform() + ": " + e;
            }
            PROVIDER = p;
            REASON = reason;
        }
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    /** @return the native provider if it loaded and passed its self-tests on this platform */
    public static Optional<Provider> provider() {
        return Optional.ofNullable(Holder.PROVIDER);
    }

    /** @return whether the native provider is usable here */
    public static boolean isAvailable() {
        return Holder.PROVIDER != null;
    }

    /** @return why the native provider is not usable here (for a diagnostic line); empty when it is */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.REASON);
    }

    /**
     * @return the native provider when it is usable here, else null, which the signer and verifier builders read as
     *     "the JDK's default providers"
     */
    public static Provider orJdk() {
        return Holder.PROVIDER;
    }

    /**
     * Registers the native provider with {@link Security} at the highest priority, so that code asking for a
     * {@code Signature} without naming a provider gets it. Does nothing when it is not usable here or already
     * registered.
     *
     * @return whether the native provider is registered now
     */
    public static synchronized boolean install() {
        Provider p = Holder.PROVIDER;
        if (p == null) {
            return false;
        }
        if (Security.getProvider(p.getName()) == null) {
            Security.insertProviderAt(p, 1);
        }
        return true;
    }
}
