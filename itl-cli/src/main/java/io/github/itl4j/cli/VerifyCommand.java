package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.FileType;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code itl verify}: checks the signature and consistency of ITL/CTL and .sgn files, optionally against trust anchors
 * (TRUST.md R2, R3, R6), and prints one line per file. Exits 0 only when every file verifies.
 *
 * <p>With {@code --json} it writes one JSON document for the whole run: {@code {"format": "itl4j-verify",
 * "formatVersion": 1, "verified": bool, "trust": [...], "files": [...]}}, each file with its verification (see
 * {@link ShowFormat#jsonResult}) or an {@code error}.
 *
 * @since 0.1.0
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verify ITL/CTL and signed (.sgn) files: one line per file (OK or FAILED with the problem "
                + "codes, the signer and the trust anchor), then the problems, indented.",
            "Without --trust a trust list is checked against itself (its signer must be one of its SAST records); a "
                + ".sgn carries no certificate, so it needs --trust (else it fails with NO_SIGNER).",
            "Exits 0 only when every file verifies, 1 if one does not."})
public final class VerifyCommand implements Callable<Integer> {
    /**
     * The largest file {@code strip} and {@code show} used to accept before the library's limits applied while
     * reading; kept for callers, no longer used by {@code verify}.
     */
    static final long MAX_INPUT = 256L * 1024 * 1024;
    /** Identifies the JSON document: {@code "format": "itl4j-verify"}. */
    static final String FORMAT = "itl4j-verify";

    @ParentCommand
    private ItlCli cli;

    @Option(names = "--trust", paramLabel = "CERT|ITL",
            description = {"A trust anchor (repeatable): a certificate file (PEM, possibly with several "
                + "certificates, or DER), e.g. CallManager.pem or ITLRecovery.pem; or an ITL/CTL the phone already "
                + "holds (its SAST records anchor trust lists, its TFTP and CCM+TFTP records sign .sgn files).",
                "A trust list given here is verified first; if it does not verify, no FILE is checked and the "
                + "run fails (exit 1)."})
    private List<String> trust = new ArrayList<>();

    @Option(names = "--warnings-as-errors", description = "Fail files that have warnings too.")
    private boolean warningsAsErrors;

    @Option(names = "--json", description = "Write one JSON document for the whole run instead of text.")
    private boolean json;

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ITL/CTL/.sgn files; - reads standard input.")
    private List<String> files;

    /** Creates the command; picocli fills in the options. */
    public VerifyCommand() {
    }

    @Override
    public Integer call() throws Exception {
        Trust t;
        try {
            t = Trust.load(trust, cli.err(), limitOptions.reader());
        } catch (CliException | IOException e) {
            return cli.fail(null, e);
        }
        ItlVerifier verifier = t.verifier(warningsAsErrors);
        int worst = ExitCodes.OK;
        JsonGenerator g = null;
        if (json) {
            g = Json.start(cli.binaryOut(), FORMAT);
            t.writeJson(g);
            g.writeArrayFieldStart("files");
        }
        if (!t.allUsable()) {
            // fail closed: a file must not pass for lack of the anchor the user asked for
            worst = ExitCodes.CHECK_FAILED;
            files = List.of();
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
                if (g != null) {
                    g.writeStartObject();
                    g.writeStringField("file", name);
                    g.writeStringField("kind", ShowFormat.Kind.of(f).word);
                    g.writeFieldName("verification");
                    ShowFormat.jsonResult(g, r, t.names(), f instanceof ItlFile);
                    g.writeEndObject();
                } else {
                    line(cli.out(), name, f, r, t.names());
                    cli.out().flush();
                }
            } catch (Exception e) {
                worst = Math.max(worst, cli.failFile(name, e, g));
            }
        }
        if (g != null) {
            g.writeEndArray();
            g.writeBooleanField("verified", worst == ExitCodes.OK);
            Json.end(g, cli.binaryOut());
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
            sb.append(" (record ").append(i + 1).append(", ").append(rec.role().map(Role::name).orElse("no FUNCTION"))
                    .append(')');
        }
        sb.append(", anchor: ").append(anchors.describe(r.anchor(), f instanceof ItlFile));
        out.println(sb);
        ShowFormat.problems(out, r, "  ");
    }

    /** The JSON document shared by {@code verify} and {@code show}. */
    static final class Json {
        private Json() {
        }

        static JsonGenerator start(OutputStream os, String format) throws IOException {
            JsonGenerator g = JsonFactory.builder().build().createGenerator(os, JsonEncoding.UTF8);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", format);
            g.writeNumberField("formatVersion", 1);
            return g;
        }

        static void error(JsonGenerator g, String name, int code, Exception e) throws IOException {
            g.writeStartObject();
            g.writeStringField("file", name);
            g.writeObjectFieldStart("error");
            g.writeNumberField("exitCode", code);
            g.writeStringField("message", ItlCli.oneLine(ItlCli.message(name, e)));
            g.writeEndObject();
            g.writeEndObject();
        }

        static void end(JsonGenerator g, OutputStream os) throws IOException {
            g.writeEndObject();
            g.close();
            os.write('\n');
            os.flush();
        }
    }

    /**
     * The trust anchors given with {@code --trust}: certificates, and trust lists that verified on their own.
     * Shared with {@code itl show}.
     */
    static final class Trust {
        /** The largest --trust file read. */
        static final long MAX_TRUST_INPUT = 16L * 1024 * 1024;

        /**
         * One --trust argument.
         *
         * @param name the argument
         * @param certificates the certificates it held (empty for a trust list)
         * @param list the trust list, or null
         * @param listResult the trust list's own verification, or null
         */
        record Source(String name, List<X509Certificate> certificates, ItlFile list, VerificationResult listResult) {
            boolean usable() {
                return list == null || listResult.isVerified();
            }
        }

        private final List<Source> sources;
        private final ShowFormat.AnchorNames names;

        private Trust(List<Source> sources) {
            this.sources = List.copyOf(sources);
            Map<X509Certificate, String> certs = new HashMap<>();
            Map<ItlFile, String> lists = new IdentityHashMap<>();
            for (Source s : sources) {
                for (X509Certificate c : s.certificates()) {
                    certs.putIfAbsent(c, s.name());
                }
                if (s.list() != null && s.usable()) {
                    lists.put(s.list(), s.name());
                }
            }
            this.names = new ShowFormat.AnchorNames(certs, lists, !sources.isEmpty());
        }

        /**
         * Reads every --trust argument. A trust list is verified on its own; if it fails, a line on {@code err} says
         * so, it is not used, and {@link #allUsable()} is false: callers then check no file (fail closed).
         *
         * @param args the --trust arguments
         * @param err standard error
         * @return the anchors
         * @throws CliException for a .sgn or malformed file given as an anchor
         * @throws IOException if a file cannot be read
         */
        static Trust load(List<String> args, PrintWriter err) throws CliException, IOException {
            return load(args, err, ItlReader.defaults());
        }

        /**
         * As {@link #load(List, PrintWriter)}, reading trust lists with {@code reader}'s limits.
         *
         * @param args the --trust arguments
         * @param err standard error
         * @param reader the reader for trust lists given as anchors
         * @return the anchors
         * @throws CliException for a .sgn or malformed file given as an anchor
         * @throws IOException if a file cannot be read
         */
        static Trust load(List<String> args, PrintWriter err, ItlReader reader) throws CliException, IOException {
            List<Source> out = new ArrayList<>();
            for (String arg : args) {
                if (Inputs.STDIO.equals(arg)) {
                    throw CliException.usage("--trust needs a file, not standard input");
                }
                Inputs.Input in;
                try {
                    in = Inputs.read(arg, InputStream.nullInputStream(), MAX_TRUST_INPUT);
                } catch (CliException e) {
                    throw new CliException(e.exitCode(), "--trust " + arg + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new CliException(ItlCli.exitCode(e), "--trust " + arg + ": " + ItlCli.message(arg, e), e);
                }
                Bytes d = in.data();
                if (FileType.detect(d).isSignedFormat()) {
                    SignedFile f;
                    try {
                        f = reader.read(d);
                    } catch (IOException e) {
                        throw new CliException(ExitCodes.INPUT, "--trust " + arg + ": " + e.getMessage(), e);
                    }
                    if (!(f instanceof ItlFile list)) {
                        throw CliException.usage("--trust " + arg + " is a signed file (FILENAME "
                                + f.header().fileName().orElse("?") + "), not a certificate or an ITL/CTL");
                    }
                    VerificationResult r = ItlVerifier.builder().provider(CryptoProviders.current()).build()
                            .verify(list);
                    if (!r.isVerified()) {
                        err.println(ItlCli.PREFIX + "--trust " + arg + ": the trust list itself does not verify ("
                                + ShowFormat.codes(r.errors()) + "); no file is checked against it");
                        err.flush();
                    }
                    out.add(new Source(arg, List.of(), list, r));
                } else {
                    try {
                        out.add(new Source(arg, KeyLoader.defaults().readCertificates(Path.of(arg)), null, null));
                    } catch (KeyLoadException e) {
                        int code = e.reason() == KeyLoadException.Reason.IO_ERROR ? ExitCodes.IO : ExitCodes.INPUT;
                        throw new CliException(code, "--trust " + arg + ": not a certificate (PEM or DER) or an "
                                + "ITL/CTL: " + e.getMessage(), e);
                    }
                }
            }
            return new Trust(out);
        }

        /** @return false if a trust list given as an anchor did not verify */
        boolean allUsable() {
            return sources.stream().allMatch(Source::usable);
        }

        /** @return whether any --trust was given */
        boolean configured() {
            return !sources.isEmpty();
        }

        /** @return names of the anchors, for messages */
        ShowFormat.AnchorNames names() {
            return names;
        }

        /**
         * @param warningsAsErrors whether warnings fail a file
         * @return a verifier with these anchors
         * @throws CliException if {@code --provider native} was asked where it does not load
         */
        ItlVerifier verifier(boolean warningsAsErrors) throws CliException {
            ItlVerifier.Builder b = ItlVerifier.builder().treatWarningsAsErrors(warningsAsErrors)
                    .provider(CryptoProviders.current());
            for (Source s : sources) {
                b.trustCertificates(s.certificates());
                if (s.list() != null && s.usable()) {
                    b.trustInstalled(s.list());
                }
            }
            return b.build();
        }

        /**
         * Writes {@code "trust": [...]}: per source its {@code source}, {@code kind} (certificates or trust-list),
         * {@code certificates} (subjects) or the list's {@code verification}, and {@code used}.
         */
        void writeJson(JsonGenerator g) throws IOException {
            g.writeArrayFieldStart("trust");
            for (Source s : sources) {
                g.writeStartObject();
                g.writeStringField("source", s.name());
                g.writeStringField("kind", s.list() != null ? "trust-list" : "certificates");
                if (s.list() != null) {
                    g.writeFieldName("verification");
                    ShowFormat.jsonResult(g, s.listResult(), ShowFormat.AnchorNames.NONE, true);
                } else {
                    g.writeArrayFieldStart("certificates");
                    for (X509Certificate c : s.certificates()) {
                        g.writeString(c.getSubjectX500Principal().getName());
                    }
                    g.writeEndArray();
                }
                g.writeBooleanField("used", s.usable());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }
}
