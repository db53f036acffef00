package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl verify}: checks the signature and consistency of ITL/CTL and .sgn files, optionally against trust anchors
 * (docs/trust.md §5 R2, R3, R6), and prints one line per file. Exits 0 only when every file verifies.
 *
 * <p>With {@code --json} it writes one JSON document for the whole run, in the common envelope ({@link JsonDocument}):
 * {@code {"tool", "version", "command": "verify", "format": "itl4j-verify", "formatVersion": 1, "inputs",
 * "trust": [...], "files": [...], "verified": bool, "verdict": "VERIFIED"|"FAILED", "problems"}}, each file with its
 * verification (see {@link ShowJson#jsonResult}) or an {@code error}.
 *
 * @since 0.1.0
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Verify ITL/CTL and signed (.sgn) files: one line per file (OK or FAILED with the problem "
                    + "codes, the signer and the trust anchor), then the problems, indented.",
            "Without --trust a trust list is checked against itself (its signer must be one of its SAST records); a "
                    + ".sgn carries no certificate, so it needs --trust (else it fails with NO_SIGNER).",
            "Exits 0 only when every file verifies, 1 if one does not."
        })
public final class VerifyCommand implements Callable<Integer> {
    /** Identifies the JSON document: {@code "format": "itl4j-verify"}. */
    static final String FORMAT = "itl4j-verify";

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Mixin
    private TrustOptions trust = new TrustOptions();

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
    public VerifyCommand() {}

    @Override
    public Integer call() throws Exception {
        TrustOptions.Anchors t = trust.load(cli.err(), limitOptions.reader()); // a failure goes to ItlCli's handler
        ItlVerifier verifier = t.verifier(warningsAsErrors, validity);
        int worst = ExitCodes.OK;
        JsonDocument doc = null;
        JsonGenerator g = null;
        if (json.given()) {
            List<JsonDocument.Input> inputs = new ArrayList<>(JsonDocument.inputs("trust", trust.args()));
            inputs.addAll(JsonDocument.inputs("file", files));
            doc = JsonDocument.start(cli.binaryOut(), "verify", FORMAT, 1, inputs);
            g = doc.generator();
            t.writeJson(g);
            g.writeArrayFieldStart("files");
        }
        if (!t.allUsable()) {
            // fail closed: a file must not pass for lack of the anchor the user asked for
            worst = ExitCodes.CHECK_FAILED;
            files = List.of();
            if (doc != null) {
                doc.problem(JsonDocument.Entry.of(
                        "TRUST_LIST_NOT_VERIFIED",
                        "ERROR",
                        "a --trust list does not " + "verify; no file is checked against it"));
            }
        }
        for (String arg : files) {
            String name = Inputs.displayName(arg);
            try {
                Inputs.Input in = Inputs.read(arg, cli.stdin(), limitOptions.reader());
                SignedFile f = limitOptions.reader().read(in.data());
                VerificationResult r = verifier.verify(f);
                if (!r.isVerified()) {
                    worst = Math.max(worst, ExitCodes.CHECK_FAILED);
                }
                if (doc != null) {
                    g.writeStartObject();
                    g.writeStringField("file", name);
                    g.writeStringField("kind", ShowFormat.Kind.of(f).word);
                    g.writeFieldName("verification");
                    ShowJson.jsonResult(g, r, t.names(), f instanceof ItlFile);
                    g.writeEndObject();
                    doc.problems(name, r.problems());
                } else {
                    line(cli.out(), name, f, r, t.names());
                    cli.out().flush();
                }
            } catch (Exception e) {
                worst = Math.max(worst, cli.failFile(name, e, doc));
            }
        }
        if (doc != null) {
            g.writeEndArray();
            g.writeBooleanField("verified", worst == ExitCodes.OK);
            doc.verdict(worst == ExitCodes.OK ? "VERIFIED" : "FAILED");
            doc.end();
        } else if (t.configured() && !files.isEmpty()) {
            cli.out().flush();
            cli.err()
                    .println(
                            "hint: --trust checks one rule (the signer is a SAST/TFTP anchor of the list); 'itl "
                                    + "simulate --phone-itl LIST FILE' gives a phone's whole decision (TVS, CTL, rollback, model, fix)");
            cli.err().flush();
        }
        return worst;
    }

    /**
     * Prints the one-line verdict of a file, then its problems indented.
     *
     * @param out where to print
     * @param name the file's name
     * @param f the file
     * @param r its verification
     * @param anchors names of the trust anchors
     */
    static void line(PrintWriter out, String name, SignedFile f, VerificationResult r, ShowFormat.AnchorNames anchors) {
        StringBuilder sb = new StringBuilder(name).append(": ");
        if (r.isVerified()) {
            sb.append("OK");
        } else {
            sb.append("FAILED ").append(ShowFormat.codes(r.errors().isEmpty() ? r.warnings() : r.errors()));
        }
        sb.append(" - ").append(ShowFormat.Kind.of(f).word).append(f instanceof SgnFile ? " file" : "");
        String signer = f.header().signerName().orElse(null);
        sb.append(", signer ").append(signer == null ? "(no SIGNERNAME)" : "\"" + ShowFormat.clean(signer) + "\"");
        if (f instanceof ItlFile itl && r.signerRecordIndex().isPresent()) {
            int i = r.signerRecordIndex().getAsInt();
            ItlRecord rec = itl.records().get(i);
            sb.append(" (record ")
                    .append(i + 1)
                    .append(", ")
                    .append(rec.role().map(Role::name).orElse("no FUNCTION"))
                    .append(')');
        }
        sb.append(", anchor: ").append(anchors.describe(r.anchor(), f instanceof ItlFile));
        out.println(sb);
        ShowFormat.problems(out, r, "  ");
    }
}
