package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlResetter;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerificationException;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.sftp.RemoteKeyException;
import io.github.itl4j.sftp.SftpKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl reset}: re-signs an existing ITL/CTL with another key, as CUCM's {@code utils itl reset localkey}
 * ({@code --p12 ITLRecovery.p12}), {@code utils itl reset remotekey HOST USER PATH} ({@code --remote}: the PKCS#12
 * is fetched over SFTP into memory, never written to disk) or with the CallManager key ({@code --key/--cert}). Every
 * record stays byte for byte; the signer fields, SIGNATUREMODULUS, the signature, padding and HEADERLENGTH are
 * recomputed.
 *
 * <p>The new signer must be a SAST record of the file (phones would reject the file otherwise): if it is not, the
 * reset is refused with exit {@value ExitCodes#INPUT} unless {@code --force}.
 *
 * <p>The file must verify first (its signature with its own signer record, and the {@code --trust} anchors when
 * given): re-signing a list whose signature does not verify would make records an attacker changed trusted. A file
 * that fails is refused with exit {@value ExitCodes#CHECK_FAILED} and its problem codes, unless
 * {@code --allow-unverified-input} (forensics only; a WARNING line is printed).
 *
 * @since 0.1.0
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Re-sign an ITL/CTL with another key, as CUCM's 'utils itl reset localkey|remotekey'.",
            "Records are kept byte for byte; the signer, SIGNATUREMODULUS, signature, padding and HEADERLENGTH are "
                    + "recomputed. The new key must be a SAST record of the file (else exit 3) unless --force.",
            "IN must verify first (its own signature, and the --trust anchors if given); a file that does not is "
                    + "refused (exit 1) and its problems listed."
        },
        footer = {
            "",
            "Examples:",
            "  itl reset ITLFile.tlv -o ITLFile.new.tlv --p12 ITLRecovery.p12 --password-file ITLRecovery.pass",
            "  itl reset ITLFile.tlv -o ITLFile.new.tlv --key CallManager.key --cert CallManager.pem",
            "  itl reset ITLFile.tlv -o ITLFile.new.tlv --remote sftp.example.com backup itl/ITLRecovery.p12",
            "Passwords are never taken from the command line: --password-file, --password-env, or a prompt."
        })
public final class ResetCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "IN", description = "The ITL/CTL to reset; - reads standard input.")
    private String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            description = "Where to write the reset file (atomically); - writes standard output. Must differ from "
                    + "IN unless --in-place.")
    private String output;

    @Option(names = "--in-place", description = "Replace IN with the reset file (atomically).")
    private boolean inPlace;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Mixin
    private SignerOptions signing = new SignerOptions();

    @Mixin
    private RemoteOptions remote = new RemoteOptions();

    @Option(
            names = "--force",
            description = "Reset even when the new key's certificate is not a SAST record of the file.")
    private boolean force;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Option(
            names = "--allow-unverified-input",
            description = "DANGEROUS, for forensics: re-sign IN even when it does not verify, which makes whatever "
                    + "it holds trusted. Never publish the result.")
    private boolean allowUnverifiedInput;

    /** Creates the command; picocli fills in the options. */
    public ResetCommand() {}

    @Override
    public String subject(Throwable failure) {
        // a CliException names its subject (IN, the key file or the server)
        return failure instanceof CliException ? null : Inputs.displayName(input);
    }

    @Override
    public Integer call() throws CliException, IOException {
        signing.warnDigest();
        run(Inputs.displayName(input));
        return ExitCodes.OK;
    }

    private void run(String name) throws CliException, IOException {
        // ---- the command line
        if (remote.given() && signing.key().given()) {
            throw CliException.usage("--remote fetches the PKCS#12 file: give it instead of --p12 or --key, not with");
        }
        signing.key().check(!remote.given(), "--remote HOST[:PORT] USER PATH");
        remote.check();
        if (remote.given()) {
            signing.key().password().checkAvailable();
        }
        String out = output;
        if (inPlace) {
            if (Inputs.STDIO.equals(input)) {
                throw CliException.usage("--in-place needs a file, not standard input");
            }
            if (out != null && !sameFile(Path.of(input), out)) {
                throw CliException.usage("--in-place writes IN; -o names another file (give one or the other)");
            }
            out = input;
        } else {
            if (out == null) {
                throw CliException.usage("give -o OUT (or --in-place to replace IN)");
            }
            Outputs.checkNotInput(Inputs.STDIO.equals(input) ? null : Path.of(input), out);
            if (!Inputs.STDIO.equals(out)
                    && Path.of(input).normalize().equals(Path.of(out).normalize())) {
                throw CliException.usage(
                        "the output " + out + " is the input file; write to another file or give " + "--in-place");
            }
        }
        for (Path p : signing.key().files()) {
            Outputs.checkNotInput(p, out);
        }

        // ---- the anchors and the file
        TrustOptions.Anchors anchors = trust.load(cli.err(), limitOptions.reader());
        if (!anchors.allUsable()) {
            throw new CliException(ExitCodes.CHECK_FAILED, name + ": not reset: a --trust list does not verify");
        }
        Inputs.Input in = Inputs.read(input, cli.stdin(), limitOptions.reader());
        ItlFile old = limitOptions.reader().readTrustList(in.data());
        if (allowUnverifiedInput) {
            VerificationResult v = anchors.verifier(false).verify(old);
            if (!v.isVerified()) {
                cli.err()
                        .println(ItlCli.PREFIX + "WARNING: " + name + " does not verify ("
                                + ShowFormat.codes(v.errors()) + "); re-signing it anyway because of "
                                + "--allow-unverified-input: the result makes its content trusted, never publish it");
                cli.err().flush();
            }
        }

        // ---- the key
        SigningKey k = remote.given() ? fetchKey() : signing.key().load();
        // the resetter keeps the file's digest unless --digest: the signer's own digest is not used
        ItlSigner signer = signing.signer(
                k, remote.given() ? remote.display() : signing.key().source());
        Optional<ItlRecord> sast = ItlResetter.findSastRecord(old, k.certificate());
        ItlFile reset;
        try {
            reset = ItlResetter.builder(signer)
                    .force(force)
                    .digest(signing.digest())
                    .verifier(anchors.verifier(false))
                    .allowUnverifiedInput(allowUnverifiedInput)
                    .build()
                    .reset(old);
        } catch (ItlVerificationException e) {
            throw new CliException(
                    ExitCodes.CHECK_FAILED,
                    name + ": not reset: it does not verify ("
                            + problems(e.problems()) + "); re-signing it would make its content trusted. Check it with "
                            + "'itl verify'; --allow-unverified-input overrides this, for forensics only",
                    e);
        } catch (ItlSigningException e) {
            if (e.reason() == ItlSigningException.Reason.SIGNER_NOT_SAST) {
                // the CLI's own words (the library's name its builder method): decided by the reason, not the text
                throw new CliException(
                        ExitCodes.INPUT,
                        name + ": the new signer "
                                + k.certificate().getSubjectX500Principal().getName()
                                + " is not a SAST record of the file; phones would "
                                + "reject the reset file. Give --force to reset anyway",
                        e);
            }
            throw new CliException(ExitCodes.of(e), name + ": " + e.getMessage(), e);
        }
        if (sast.isEmpty()) {
            cli.err()
                    .println(ItlCli.PREFIX + "warning: the new signer "
                            + k.certificate().getSubjectX500Principal().getName() + " is not a SAST record of " + name
                            + ": phones will not accept the reset file");
            cli.err().flush();
        }
        Outputs.write(out, reset.encoded(), cli);
        boolean toStdout = Inputs.STDIO.equals(out);
        summary(
                toStdout ? cli.err() : cli.out(),
                name,
                toStdout ? "<stdout>" : out,
                old,
                reset,
                sast.map(r -> old.records().indexOf(r)).orElse(-1));
    }

    /** @return each problem as {@code CODE: message}, separated by "; " */
    private static String problems(List<Problem> ps) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : ps) {
            sb.append(sb.length() == 0 ? "" : "; ")
                    .append(p.code().name())
                    .append(": ")
                    .append(p.message());
        }
        return sb.toString();
    }

    /** Fetches the PKCS#12 file over SFTP and loads it from memory; the bytes are wiped afterwards. */
    private SigningKey fetchKey() throws CliException, IOException {
        SftpKeyStore store = remote.store();
        byte[] data = null;
        char[] pw = null;
        String where = remote.display();
        try {
            try {
                data = store.fetch(remote.path());
            } catch (RemoteKeyException e) {
                throw RemoteOptions.remoteError(e);
            }
            pw = signing.key().password().read();
            try {
                return KeyLoader.defaults().pkcs12(data, pw, signing.key().alias());
            } catch (KeyLoadException e) {
                if (e.reason() == KeyLoadException.Reason.MALFORMED) {
                    throw new CliException(
                            ExitCodes.INPUT,
                            where + ": not a PKCS#12 file (" + data.length + " bytes fetched): " + e.getMessage(),
                            e);
                }
                throw KeyOptions.keyError(where, e);
            }
        } finally {
            if (data != null) {
                Arrays.fill(data, (byte) 0);
            }
            PasswordOptions.wipe(pw);
        }
    }

    private static boolean sameFile(Path in, String out) {
        if (Inputs.STDIO.equals(out)) {
            return false;
        }
        try {
            return Files.isSameFile(in, Path.of(out));
        } catch (IOException e) {
            return in.normalize().equals(Path.of(out).normalize());
        }
    }

    private static void summary(PrintWriter w, String in, String out, ItlFile old, ItlFile reset, int signerIndex) {
        int unchanged = 0;
        for (int i = 0; i < old.records().size() && i < reset.records().size(); i++) {
            if (old.records().get(i).encoded().equals(reset.records().get(i).encoded())) {
                unchanged++;
            }
        }
        int n = old.records().size();
        w.println("reset " + in + " -> " + out);
        w.println("  signer:  " + signer(old) + " -> " + signer(reset)
                + (signerIndex >= 0
                        ? " (SAST record " + (signerIndex + 1) + " of " + n + ")"
                        : " (not a SAST record)"));
        w.println(
                "  header:  " + old.header().length() + " -> " + reset.header().length() + " bytes; file "
                        + old.encoded().size() + " -> " + reset.encoded().size() + " bytes");
        w.println("  records: " + n
                + (unchanged == n && reset.records().size() == n
                        ? ", unchanged"
                        : ", " + (n - unchanged) + " changed"));
        w.println("  digest:  "
                + reset.header()
                        .digestAlgorithm()
                        .map(DigestAlgorithm::toString)
                        .orElse("?")
                + ", " + reset.header().signatureLength() * 8 + "-bit RSA, timestamp "
                + reset.header().timestamp().map(Instant::toString).orElse("?"));
        w.flush();
    }

    private static String signer(ItlFile f) {
        return f.header().signerName().orElse("?") + " (serial "
                + f.header().serialNumber().map(Bytes::toHex).orElse("?") + ")";
    }
}
