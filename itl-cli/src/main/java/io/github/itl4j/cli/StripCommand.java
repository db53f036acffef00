package io.github.itl4j.cli;

import io.github.itl4j.HeaderTags;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlSigner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl strip}: the original file inside a signed {@code .sgn} (certutils' {@code stripsgn}): everything after
 * the header, unchanged. Refuses trust lists and encrypted ({@code .enc.sgn}) files. The signature is not checked;
 * use {@code itl verify --trust} for that.
 *
 * @since 0.1.0
 */
@Command(
        name = "strip",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write the payload of a signed .sgn file (the original config file), without its signed "
                    + "header. The signature is not checked: use 'itl verify --trust' for that."
        })
public final class StripCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            defaultValue = "-",
            description = "Where to write the payload (atomically); - (the default) is standard output.")
    private String output;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(index = "0", paramLabel = "FILE.sgn", description = "The signed file; - reads standard input.")
    private String input;

    /** Creates the command; picocli fills in the options. */
    public StripCommand() {}

    @Override
    public String subject(Throwable failure) {
        return Inputs.displayName(input);
    }

    @Override
    public Integer call() throws Exception {
        Inputs.Input in = Inputs.read(input, cli.stdin(), limitOptions.reader());
        SignedFile f = limitOptions.reader().read(in.data());
        if (!(f instanceof SgnFile sgn)) {
            throw CliException.input(
                    "a trust list (FILENAME " + f.header().fileName().orElse("none")
                            + "), not a signed file: it has records, not a payload to strip");
        }
        if (f.header().elements().stream().anyMatch(e -> e.tag() == HeaderTags.ENCRYPTION_INFO)) {
            throw CliException.input("an encrypted signed file (.enc.sgn, header tag 16): its payload is "
                    + "ciphertext, which strip would not decrypt");
        }
        Outputs.checkNotInput(in.path(), output);
        Outputs.write(output, ItlSigner.strip(sgn), cli);
        return ExitCodes.OK;
    }
}
