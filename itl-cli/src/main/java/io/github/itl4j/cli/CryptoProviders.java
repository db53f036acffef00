package io.github.itl4j.cli;

import io.github.itl4j.nativecrypto.NativeProvider;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider {@code itl} signs and verifies with ({@code --provider jdk|native|bc}): by default the native one
 * (Amazon Corretto Crypto Provider, from itl-native) where it loads and the command has a batch to do (a directory,
 * {@code --fleet}, or {@value #BATCH_ARGS} or more arguments), the JDK's otherwise: loading the native library and
 * running its self-tests costs about 0.14 s of CPU per process, more than one file's signature or verification takes
 * with the JDK (BENCHMARKS.md, start-up). Signatures and verdicts are
 * the same with every provider (RSA PKCS#1 v1.5 is deterministic); only the speed differs. The choice is made once per
 * run, when the first command needs it (commands that do no RSA never load the native library).
 */
final class CryptoProviders {
    /** What {@code --provider} accepts. */
    enum Choice {
        /** The default: native where it loads, else the JDK's. */
        AUTO,
        /** The JDK's providers (SunRsaSign). */
        JDK,
        /** Amazon Corretto Crypto Provider; an error where it does not load. */
        NATIVE,
        /** Bouncy Castle (pure Java, unregistered instance). */
        BC;

        /** @return the option value, lower case */
        String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** From this many arguments on, the automatic choice is the native provider. */
    static final int BATCH_ARGS = 32;

    private static volatile Choice choice = Choice.AUTO;
    private static volatile boolean batch = true;

    private CryptoProviders() {}

    /** Back to the default, at the start of every run. */
    static void reset() {
        choice = Choice.AUTO;
        batch = true;
    }

    /**
     * Tells the automatic choice how much work the command line asks for: a batch (a directory argument,
     * {@code --fleet}, or {@value #BATCH_ARGS} or more arguments) gets the native provider, anything less the JDK's.
     *
     * @param args the command line
     */
    static void workload(String[] args) {
        batch = isBatch(args);
    }

    /**
     * @param args a command line
     * @return whether it asks for a batch: a directory argument, {@code --fleet}, or {@value #BATCH_ARGS} or more
     *     arguments
     */
    static boolean isBatch(String[] args) {
        if (args == null || args.length >= BATCH_ARGS) {
            return true;
        }
        for (String a : args) {
            if (a == null) {
                continue;
            }
            if (a.equals("--fleet") || a.startsWith("--fleet=")) {
                return true;
            }
            if (!a.startsWith("-")) {
                try {
                    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(a))) {
                        return true;
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path
                }
            }
        }
        return false;
    }

    /**
     * @param value {@code jdk}, {@code native}, {@code bc} or {@code auto}
     * @throws IllegalArgumentException for another value
     */
    static void choose(String value) {
        try {
            choice = Choice.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected jdk, native, bc or auto, got '" + value + "'", e);
        }
    }

    /**
     * @return the provider to hand the library's builders: null for the JDK's default providers
     * @throws CliException ({@link ExitCodes#USAGE}) if {@code --provider native} was asked where it does not load
     */
    static Provider current() throws CliException {
        return switch (choice) {
            case JDK -> null;
            case BC -> Bc.INSTANCE;
            case AUTO -> batch ? NativeProvider.orJdk() : null;
            case NATIVE -> NativeProvider.provider()
                    .orElseThrow(() -> CliException.usage("--provider native: "
                            + NativeProvider.unavailableReason().orElse("not available") + "; use --provider jdk"));
        };
    }

    /** @return one line for {@code itl --version}: the provider in use and why */
    static String describe() {
        String jdk;
        try {
            jdk = Signature.getInstance("SHA1withRSA").getProvider().getName() + " (JDK)";
        } catch (java.security.GeneralSecurityException e) {
            jdk = "JDK";
        }
        String jdkName = jdk;
        return switch (choice) {
            case JDK -> "Crypto provider: " + jdk + " (--provider jdk)";
            case BC -> "Crypto provider: " + Bc.INSTANCE.getName() + " " + Bc.INSTANCE.getVersionStr()
                    + " (--provider bc)";
            case NATIVE, AUTO -> NativeProvider.provider()
                    .map(p -> "Crypto provider: " + p.getName() + " " + p.getVersionStr() + " (native, --provider "
                            + choice.option()
                            + (choice == Choice.AUTO
                                    ? "; " + jdkName + " for commands on fewer than " + BATCH_ARGS
                                            + " files, where loading the native library costs more than it saves)"
                                    : ")"))
                    .orElse("Crypto provider: " + jdk
                            + (choice == Choice.NATIVE
                                    ? " (--provider native is not " + "available: "
                                    : " (native not available: ")
                            + NativeProvider.unavailableReason().orElse("?") + ")");
        };
    }

    /** Bouncy Castle, made only when asked for. */
    private static final class Bc {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
