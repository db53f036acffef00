package io.github.itl4j.cli;

/**
 * The exit codes of the {@code itl} command. A run over several files exits with the highest code any file produced.
 *
 * @since 0.1.0
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A verification or check failed (the input was readable). */
    public static final int CHECK_FAILED = 1;
    /** The command line was wrong: unknown option, missing argument, conflicting options. */
    public static final int USAGE = 2;
    /**
     * An input was malformed or a credential was wrong: not a trust list or signed file, invalid JSON, an edit the
     * format cannot hold; a wrong password or passphrase of any kind (PKCS#12, PEM key, SSH identity key, SFTP login)
     * or a key the SFTP server does not accept.
     */
    public static final int INPUT = 3;
    /**
     * An input could not be read or an output could not be written (missing file, permissions, disk full), a
     * remote operation failed for any reason but a wrong credential (network, timeout, host key, remote file), or the
     * signing provider failed (a token or HSM that cannot sign).
     */
    public static final int IO = 4;
    /** A bug in itl4j: an exception nobody expected. Reported with a request to run again with {@code --debug}. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    /**
     * @param e a refused or failed signing
     * @return {@link #IO} when the signing provider failed, {@link #INPUT} when the request was refused (the file or
     *     the certificate cannot be signed as asked)
     */
    static int of(io.github.itl4j.crypto.ItlSigningException e) {
        return e.isProviderFailure() ? IO : INPUT;
    }
}
