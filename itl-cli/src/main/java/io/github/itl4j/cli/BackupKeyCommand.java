package io.github.itl4j.cli;

import io.github.itl4j.BoundedReader;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.sftp.RemoteKeyException;
import io.github.itl4j.sftp.SftpKeyStore;
import io.github.itl4j.sftp.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl backup-key P12 --remote HOST[:PORT] USER DIR}: copies a key file (CUCM's {@code ITLRecovery.p12}) to an
 * SFTP server, as Cisco tells administrators to do, so that {@code itl reset --remote} (CUCM's {@code utils itl reset
 * remotekey}) can use it after the publisher is rebuilt. The file is uploaded under a temporary name and renamed, an
 * existing different file is never replaced, and the result is read back and compared by SHA-256.
 *
 * @since 0.1.0
 */
@Command(
        name = "backup-key",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copy a key file (ITLRecovery.p12) to an SFTP server and check it by reading it back.",
            "The remote file is never replaced: the same content is reported as already present, different content "
                    + "is an error."
        },
        footer = {"", "Example:", "  itl backup-key ITLRecovery.p12 --remote sftp.example.com backup itl-backup"})
public final class BackupKeyCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "P12", description = "The file to back up.")
    private Path file;

    @Mixin
    private RemoteOptions remote = new RemoteOptions();

    @Option(names = "--name", paramLabel = "NAME", description = "The remote file name (default: the name of P12).")
    private String name;

    /** Creates the command; picocli fills in the options. */
    public BackupKeyCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException ? null : file.toString(); // a CliException names its subject
    }

    @Override
    public Integer call() throws CliException, IOException {
        run();
        return ExitCodes.OK;
    }

    private void run() throws CliException, IOException {
        if (!remote.given()) {
            throw CliException.usage("give --remote HOST[:PORT] USER DIR: where to copy the file");
        }
        remote.check();
        String remoteName = name != null ? name : String.valueOf(file.getFileName());
        if (remoteName.isEmpty()
                || remoteName.equals(".")
                || remoteName.equals("..")
                || remoteName.contains("/")
                || remoteName.indexOf('\0') >= 0) {
            throw CliException.usage("--name must be a plain file name, got '" + remoteName + "'");
        }
        byte[] data = read(file);
        try {
            if (data.length == 0) {
                throw CliException.input(file + ": the file is empty; nothing to back up");
            }
            SftpKeyStore store = remote.store();
            UploadResult r;
            try {
                r = store.upload(data, remote.path(), remoteName);
            } catch (RemoteKeyException e) {
                throw RemoteOptions.remoteError(e);
            }
            String where = remote.endpoint() + ":" + r.remotePath();
            cli.out()
                    .println((r.alreadyPresent()
                                    ? "already present (same content, left as it was): "
                                    : "uploaded " + file + " to ")
                            + where);
            cli.out().println("  size:    " + r.size() + " bytes");
            cli.out().println("  sha256:  " + r.sha256().toHex());
            cli.out().println("  verified by read-back");
            cli.out().flush();
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    private static byte[] read(Path file) throws CliException, IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        int max = KeyLoader.DEFAULT_MAX_FILE_SIZE;
        try (InputStream in = Files.newInputStream(file)) {
            return BoundedReader.readSecret(in, max, "maxFileSize"); // wiped as it grows; the caller wipes the rest
        } catch (ItlLimitException e) {
            throw CliException.input(file + ": larger than " + max + " bytes; not a key file");
        }
    }
}
