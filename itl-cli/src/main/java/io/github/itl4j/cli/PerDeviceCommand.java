package io.github.itl4j.cli;

import io.github.itl4j.ItlFile;
import io.github.itl4j.crypto.PerDeviceLists;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl per-device}: writes {@code ITLSEP<MAC>.tlv} (or {@code CTLSEP<MAC>.tlv}) copies of a trust list for a
 * list of phones (SPEC-trust.md 7.3). The copies are byte-identical: FILENAME inside stays the cluster-wide name.
 *
 * @since 0.1.0
 */
@Command(
        name = "per-device",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write per-device copies ITLSEP<MAC>.tlv / CTLSEP<MAC>.tlv of an ITL or CTL, which phones "
                    + "request before the cluster-wide file. The bytes (and FILENAME inside) are the template's."
        },
        footer = {
            "",
            "Examples:",
            "  itl per-device ITLFile.tlv --macs phones.txt -o /tftpboot",
            "  itl per-device CTLFile.tlv --mac 00:11:22:33:44:55 --mac SEP0011223344AA -o out",
            "",
            "Exit codes: 0 written, 2 usage (or a malformed MAC: nothing written), 3 malformed list, 4 I/O."
        })
public final class PerDeviceCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The ITL or CTL to copy.")
    private Path template;

    @Option(
            names = "--macs",
            paramLabel = "FILE",
            description = "A file of MAC addresses, one per line (# comments and blank lines ignored).")
    private Path macsFile;

    @Option(names = "--mac", paramLabel = "MAC", description = "A MAC address (repeatable).")
    private List<String> macs = new ArrayList<>();

    @Option(
            names = {"-o", "--out-dir"},
            paramLabel = "DIR",
            required = true,
            description = "The output directory.")
    private Path outDir;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    /** Creates the command; picocli fills in the options. */
    public PerDeviceCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException ? null : template.toString();
    }

    @Override
    public Integer call() throws CliException, IOException {
        List<String> all = new ArrayList<>(macs);
        if (macsFile != null) {
            for (String l : Files.readAllLines(macsFile, StandardCharsets.UTF_8)) {
                String s = l.replaceAll("#.*", "").strip();
                if (!s.isEmpty()) {
                    all.add(s);
                }
            }
        }
        if (all.isEmpty()) {
            throw CliException.usage("give --macs FILE or --mac MAC");
        }
        ItlFile list = limitOptions
                .reader()
                .readTrustList(Inputs.read(template.toString(), cli.stdin(), limitOptions.reader())
                        .data());
        List<Path> written;
        try {
            written = PerDeviceLists.write(list, all, outDir);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + "; nothing written");
        }
        cli.out()
                .println(written.size() + " per-device copies of " + template + " (FILENAME "
                        + list.header().fileName().orElse("?") + ") written to " + outDir);
        cli.out().flush();
        return ExitCodes.OK;
    }
}
