package io.github.itl4j.cli;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.sftp.PasswordSource;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a secret comes from: a file ({@code --password-file F}: its first line, the line break stripped), an
 * environment variable ({@code --password-env NAME}), or else an interactive prompt on the terminal. A secret is
 * never taken from the command line itself, where other users can read it in the process list.
 *
 * <p>Secrets are {@code char[]} from end to end; every method that returns one hands the caller a fresh array to
 * fill with zeros after use. They are never printed nor put in messages.
 *
 * <p>Three picocli mixins share this logic, one per secret: {@link Key} (the PKCS#12 password or the PEM key's
 * password), {@link Sftp} (the SFTP login password) and {@link Identity} (the passphrase of the SSH private key given
 * with {@code --identity}).
 *
 * @since 0.1.0
 */
public abstract class PasswordOptions {
    /** The largest password file read: a password is one line, so anything larger is a mistake. */
    static final int MAX_FILE = 64 * 1024;

    private final String fileOption;
    private final String envOption;
    private final String what;
    private Path file;
    private String env;

    /**
     * Creates the options of one secret; picocli fills them in.
     *
     * @param fileOption the name of the file option, for messages
     * @param envOption the name of the environment option, for messages
     * @param what what the secret is, for prompts and messages, e.g. {@code key password}
     */
    protected PasswordOptions(String fileOption, String envOption, String what) {
        this.fileOption = fileOption;
        this.envOption = envOption;
        this.what = what;
    }

    /** @return the {@code --...-file} value, or null */
    protected final Path file() {
        return file;
    }

    /** @return the {@code --...-env} value, or null */
    protected final String env() {
        return env;
    }

    /**
     * Called by picocli with the file option's value (the subclass annotates an override of this method with its own
     * option name).
     *
     * @param value the file, or null
     */
    protected void setFile(Path value) {
        this.file = value;
    }

    /**
     * Called by picocli with the environment option's value (the subclass annotates an override with its name).
     *
     * @param value the variable's name, or null
     */
    protected void setEnv(String value) {
        this.env = value;
    }

    /** @return the name of the file option, for messages */
    protected final String fileOption() {
        return fileOption;
    }

    /** @return the name of the environment option, for messages */
    protected final String envOption() {
        return envOption;
    }

    /** @return what the secret is, for prompts and messages, e.g. {@code key password} */
    protected final String what() {
        return what;
    }

    /** @return whether a file or an environment variable was given (so no prompt is needed) */
    public boolean given() {
        return file() != null || env() != null;
    }

    /**
     * Fails early, before any work, when the secret could not be obtained: both sources given, or neither given and
     * no terminal to prompt on.
     *
     * @throws CliException ({@link ExitCodes#USAGE}) with what to give instead
     */
    public void checkAvailable() throws CliException {
        if (file() != null && env() != null) {
            throw CliException.usage(fileOption() + " and " + envOption() + " are mutually exclusive; give one");
        }
        if (!given() && interactiveConsole() == null) {
            throw CliException.usage("the " + what() + " is needed and there is no terminal to ask it on; give "
                    + fileOption() + " FILE or " + envOption() + " NAME");
        }
    }

    /**
     * Reads the secret from the file, the environment variable or, when neither is given, the terminal.
     *
     * @return a fresh array the caller fills with zeros after use
     * @throws CliException ({@link ExitCodes#USAGE}) if the sources conflict, the variable is unset, the prompt is
     *     impossible (no terminal) or was ended without input; ({@link ExitCodes#INPUT}) if the file is not UTF-8
     *     text or is too large
     * @throws IOException if the file cannot be read
     */
    public char[] read() throws CliException, IOException {
        checkAvailable();
        if (file() != null) {
            return readFile(file(), fileOption());
        }
        if (env() != null) {
            String v = System.getenv(env());
            if (v == null) {
                throw CliException.usage("the environment variable " + env() + " (" + envOption() + ") is not set");
            }
            return v.toCharArray(); // the String itself cannot be wiped: it belongs to the environment
        }
        Console c = interactiveConsole();
        char[] pw = c == null ? null : c.readPassword("%s: ", capitalized(what()));
        if (pw == null) {
            throw CliException.usage("no " + what() + " was entered");
        }
        return pw;
    }

    /**
     * A source that reads the secret only when it is needed, for {@link io.github.itl4j.sftp.SftpKeyStore}; call
     * {@link #checkAvailable()} first so that a missing terminal is a usage error, not a connection failure.
     *
     * @return the source; its {@link IOException} carries the one-line reason
     */
    public PasswordSource source() {
        return () -> {
            try {
                return read();
            } catch (CliException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    /**
     * Reads the first line of a password file: the line break ({@code \n} or {@code \r\n}) and anything after it are
     * dropped; an empty file is an empty password.
     *
     * @param file the file
     * @param option the option that named it, for messages
     * @return a fresh array
     * @throws CliException ({@link ExitCodes#INPUT}) if the file is larger than {@value #MAX_FILE} bytes or is not
     *     UTF-8
     * @throws IOException if it cannot be read
     */
    static char[] readFile(Path file, String option) throws CliException, IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " (" + option + "): is a directory, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = BoundedReader.readSecret(in, MAX_FILE, "maxPasswordFile");
        } catch (ItlLimitException e) {
            throw CliException.input(
                    file + " (" + option + ") is larger than " + MAX_FILE + " bytes; a password file holds one line");
        }
        CharBuffer chars = null;
        try {
            CharsetDecoder dec = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                chars = dec.decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw CliException.input(file + " (" + option + ") is not UTF-8 text");
            }
            int start = bytes.length >= 3
                            && (bytes[0] & 0xFF) == 0xEF
                            && (bytes[1] & 0xFF) == 0xBB
                            && (bytes[2] & 0xFF) == 0xBF
                    ? 1
                    : 0; // a UTF-8 byte order mark is not part of the password
            int end = start;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] pw = new char[end - start];
            for (int i = start; i < end; i++) {
                pw[i - start] = chars.get(i);
            }
            return pw;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /**
     * The console to prompt on, or null when there is no interactive terminal (input or output redirected). From
     * Java 22 {@link System#console()} may return a console for redirected streams; {@code Console.isTerminal()}
     * is then asked too.
     *
     * @return the console, or null
     */
    static Console interactiveConsole() {
        Console c = System.console();
        if (c == null) {
            return null;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(m.invoke(c)) ? c : null;
        } catch (NoSuchMethodException e) {
            return c; // Java 17-21: a console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Zeroes a secret; null is ignored. @param secret the array */
    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * {@code --password-file F} / {@code --password-env NAME}: the PKCS#12 password or the PEM private key's password.
     *
     * @since 0.1.0
     */
    public static final class Key extends PasswordOptions {
        /** Creates the options; picocli fills them in. */
        public Key() {
            super("--password-file", "--password-env", "key password");
        }

        @Override
        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "Read the PKCS#12 or private key password from the first line of FILE.")
        protected void setFile(Path value) {
            super.setFile(value);
        }

        @Override
        @Option(
                names = "--password-env",
                paramLabel = "NAME",
                description = "Read the PKCS#12 or private key password from the environment variable NAME.")
        protected void setEnv(String value) {
            super.setEnv(value);
        }
    }

    /**
     * {@code --sftp-password-file F} / {@code --sftp-password-env NAME}: the SFTP login password.
     *
     * @since 0.1.0
     */
    public static final class Sftp extends PasswordOptions {
        /** Creates the options; picocli fills them in. */
        public Sftp() {
            super("--sftp-password-file", "--sftp-password-env", "SFTP password");
        }

        @Override
        @Option(
                names = "--sftp-password-file",
                paramLabel = "FILE",
                description = "Read the SFTP password from the first line of FILE.")
        protected void setFile(Path value) {
            super.setFile(value);
        }

        @Override
        @Option(
                names = "--sftp-password-env",
                paramLabel = "NAME",
                description = "Read the SFTP password from the environment variable NAME.")
        protected void setEnv(String value) {
            super.setEnv(value);
        }
    }

    /**
     * {@code --identity-passphrase-file F} / {@code --identity-passphrase-env NAME}: the passphrase of an encrypted
     * SSH private key ({@code --identity}).
     *
     * @since 0.1.0
     */
    public static final class Identity extends PasswordOptions {
        /** Creates the options; picocli fills them in. */
        public Identity() {
            super("--identity-passphrase-file", "--identity-passphrase-env", "SSH key passphrase");
        }

        @Override
        @Option(
                names = "--identity-passphrase-file",
                paramLabel = "FILE",
                description = "Read the passphrase of the --identity key from the first line of FILE.")
        protected void setFile(Path value) {
            super.setFile(value);
        }

        @Override
        @Option(
                names = "--identity-passphrase-env",
                paramLabel = "NAME",
                description = "Read the passphrase of the --identity key from the environment variable NAME.")
        protected void setEnv(String value) {
            super.setEnv(value);
        }
    }
}
