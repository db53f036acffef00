package io.github.itl4j.cli;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.ItlVerificationException;
import io.github.itl4j.crypto.RollbackItl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl rollback}: builds the rollback ("empty") ITL of an ITL (SPEC-trust.md 7.2), or with {@code --check}
 * says whether a file is one.
 *
 * @since 0.1.0
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Build the rollback ITL CUCM serves with 'Prepare Cluster for Rollback to pre 8.0': SAST "
                    + "records unchanged, TFTP, CCM+TFTP and TVS records emptied (DNSNAME and FUNCTION only), signed by the "
                    + "current ITL signer. Phones that install it accept any unsigned configuration and any new ITL.",
            "With --check: say whether IN is a rollback ITL (exit 0) or not (exit 1)."
        },
        footer = {
            "",
            "Examples:",
            "  itl rollback ITLFile.tlv -o rollback/ITLFile.tlv --p12 ITLRecovery.p12 --password-file p",
            "  itl rollback --check ITLFile.tlv",
            "",
            "Exit codes: 0 written (or is a rollback ITL), 1 IN does not verify (or is not a rollback ITL), "
                    + "2 usage, 3 malformed input or a signer that is not a SAST record, 4 I/O."
        })
public final class RollbackCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "IN", description = "The cluster's ITL; - reads standard input.")
    private String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            description = "Where to write the rollback ITL.")
    private String output;

    @Option(names = "--check", description = "Only detect: is IN a rollback ITL?")
    private boolean check;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Mixin
    private SignerOptions signing = new SignerOptions();

    @Option(names = "--force", description = "Sign even when the key's certificate is not a SAST record of IN.")
    private boolean force;

    /** Creates the command; picocli fills in the options. */
    public RollbackCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException ? null : Inputs.displayName(input);
    }

    @Override
    public Integer call() throws CliException, IOException {
        String name = Inputs.displayName(input);
        if (check) {
            if (output != null || signing.key().given()) {
                throw CliException.usage("--check only reads IN: no -o or key");
            }
            ItlFile itl = limitOptions
                    .reader()
                    .readTrustList(Inputs.read(input, cli.stdin(), limitOptions.reader())
                            .data());
            boolean rb = RollbackItl.isRollback(itl);
            long emptied = itl.records().stream()
                    .filter(r -> r.role().filter(RollbackItl::isEmptiedRole).isPresent())
                    .count();
            cli.out()
                    .println(name + ": "
                            + (rb
                                    ? "rollback ITL (" + emptied + " TFTP/CCM+TFTP/TVS records, none "
                                            + "with a certificate, hash or key): phones that install it accept unsigned configurations"
                                    : "not a rollback ITL"));
            cli.out().flush();
            return rb ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        if (output == null) {
            throw CliException.usage("give -o OUT (or --check)");
        }
        signing.key().check(true, null);
        signing.warnDigest();
        Outputs.checkNotInput(Inputs.STDIO.equals(input) ? null : Path.of(input), output);
        for (Path p : signing.key().files()) {
            Outputs.checkNotInput(p, output);
        }
        ItlFile itl = limitOptions
                .reader()
                .readTrustList(
                        Inputs.read(input, cli.stdin(), limitOptions.reader()).data());
        ItlSigner signer = signing.signer();
        ItlFile rb;
        try {
            rb = RollbackItl.build(itl, signer, force);
        } catch (ItlVerificationException e) {
            throw new CliException(ExitCodes.CHECK_FAILED, name + ": " + e.getMessage(), e);
        } catch (ItlSigningException e) {
            if (e.reason() == ItlSigningException.Reason.SIGNER_NOT_SAST) {
                throw new CliException(
                        ExitCodes.INPUT,
                        name + ": " + e.getOriginalMessage().replace("or force)", "or give --force)"),
                        e);
            }
            throw new CliException(ExitCodes.of(e), name + ": " + e.getMessage(), e);
        }
        Outputs.write(output, rb.encoded(), cli);
        int emptied = 0;
        for (ItlRecord r : itl.records()) {
            if (r.role().filter(RollbackItl::isEmptiedRole).isPresent()) {
                emptied++;
            }
        }
        java.io.PrintWriter w = Inputs.STDIO.equals(output) ? cli.err() : cli.out();
        w.println("rollback ITL of " + name + " -> " + (Inputs.STDIO.equals(output) ? "<stdout>" : output) + ": "
                + rb.records().size() + " records (" + emptied + " emptied), "
                + rb.encoded().size()
                + " bytes, signed by "
                + signer.key().certificate().getSubjectX500Principal().getName()
                + (emptied == 0 ? "; warning: IN has no TFTP/CCM+TFTP/TVS record, so this is not a rollback ITL" : ""));
        w.flush();
        return ExitCodes.OK;
    }
}
