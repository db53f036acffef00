package io.github.itl4j.cli;

import io.github.itl4j.ItlFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl show}: a trust list or signed file as CUCM's {@code show itl} / {@code show ctl} prints it (checksums,
 * length, modification time, the header's and every record's tag table, which SAST record signed the file, the
 * verdict), or the same facts as JSON. A trust list is always verified (against itself, or against {@code --trust});
 * a .sgn only when {@code --trust} is given, because it carries no certificate.
 *
 * <p>With {@code --json} it writes one JSON document for the whole run, in the common envelope ({@link JsonDocument}):
 * {@code {"tool", "version", "command": "show", "format": "itl4j-show", "formatVersion": 1, "inputs",
 * "files": [...], "verdict", "problems"}}, one object per file (see {@link ShowJson#json}) or, for a file that could
 * not be read, {@code {"file": ..., "error": {"exitCode": n, "message": ...}}}.
 *
 * @since 0.1.0
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show ITL/CTL and signed (.sgn) files the way CUCM's 'show itl' / 'show ctl' does: checksums, "
                    + "length, the header and record tag tables, which SAST record signed the file, and the verdict.",
            "A trust list is verified against itself, or against the --trust anchors; a .sgn is verified only when "
                    + "--trust is given. Exits 1 if a file does not verify, as 'itl verify' does (a signed file "
                    + "without --trust cannot be verified, so it exits 1 too)."
        })
public final class ShowCommand implements Callable<Integer> {
    /** Identifies the JSON document: {@code "format": "itl4j-show"}. */
    static final String FORMAT = "itl4j-show";

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Option(
            names = {"-v", "--verbose"},
            description = "Also print the values CUCM leaves out (digest, modulus, FILENAME, TIMESTAMP, keys).")
    private boolean verbose;

    @Option(names = "--warnings-as-errors", description = "Fail files that have warnings too.")
    private boolean warningsAsErrors;

    @Mixin
    private ValidityOptions validity = new ValidityOptions();

    @Mixin
    private JsonOptions json = new JsonOptions();

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ITL/CTL/.sgn files; - reads standard input.")
    private List<String> files;

    /** Creates the command; picocli fills in the options. */
    public ShowCommand() {}

    @Override
    public Integer call() throws Exception {
        if (!json.given()) {
            ShowFormat.prepareDates(); // the modification time's date, ready by the time it is printed
        }
        TrustOptions.Anchors t = trust.load(cli.err(), limitOptions.reader()); // a failure goes to ItlCli's handler
        if (!t.allUsable()) {
            return ExitCodes.CHECK_FAILED; // fail closed; Trust.load said why
        }
        ItlVerifier verifier = t.verifier(warningsAsErrors, validity);
        int worst = ExitCodes.OK;
        JsonDocument doc = null;
        if (json.given()) {
            List<JsonDocument.Input> inputs = new ArrayList<>(JsonDocument.inputs("trust", trust.args()));
            inputs.addAll(JsonDocument.inputs("file", files));
            doc = JsonDocument.start(cli.binaryOut(), "show", FORMAT, 1, inputs);
            doc.generator().writeArrayFieldStart("files");
        }
        boolean first = true;
        for (String arg : files) {
            String name = Inputs.displayName(arg);
            try {
                Inputs.Input in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
                SignedFile f = limitOptions.reader().read(in.data());
                Instant modified =
                        in.path() != null ? Files.getLastModifiedTime(in.path()).toInstant() : null;
                VerificationResult r = null;
                String notChecked = null;
                if (f instanceof ItlFile || t.configured()) {
                    r = verifier.verify(f);
                    if (!r.isVerified()) {
                        worst = Math.max(worst, ExitCodes.CHECK_FAILED);
                    }
                } else {
                    worst = Math.max(worst, ExitCodes.CHECK_FAILED); // not verified: exit as verify would
                    notChecked = "a signed file carries no certificate; give --trust with the TFTP certificate, or "
                            + "an ITL/CTL that holds it, to verify it";
                }
                // the text prints MD5 and SHA-1 only (as CUCM does); SHA-256 and SHA-512 are for the JSON
                Checksums sums = doc != null ? Checksums.of(in.data()) : Checksums.md5AndSha1(in.data());
                ShowFormat.Shown s = new ShowFormat.Shown(name, modified, in.data(), f, sums, r, notChecked);
                if (doc != null) {
                    ShowJson.json(doc.generator(), s, t.names());
                    if (r != null) {
                        doc.problems(name, r.problems());
                    } else {
                        doc.problem(new JsonDocument.Entry("NOT_VERIFIED", "ERROR", notChecked, name, 0, -1, -1));
                    }
                } else {
                    if (files.size() > 1) {
                        if (!first) {
                            cli.out().println();
                        }
                        cli.out().println("==> " + name + " <==");
                    }
                    first = false;
                    ShowFormat.text(cli.out(), s, verbose, t.names());
                    cli.out().flush();
                }
            } catch (Exception e) {
                worst = Math.max(worst, cli.failFile(name, e, doc));
            }
        }
        if (doc != null) {
            doc.generator().writeEndArray();
            doc.verdict(worst == ExitCodes.OK ? "VERIFIED" : "FAILED");
            doc.end();
        }
        return worst;
    }
}
