package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.FileType;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --trust CERT|ITL} (repeatable): the trust anchors a command checks files against, as a picocli mixin
 * ({@code verify}, {@code show}, {@code reset}). {@link #load(PrintWriter, ItlReader)} reads them into
 * {@link Anchors}.
 *
 * @since 0.1.0
 */
public final class TrustOptions {
    @Option(
            names = "--trust",
            paramLabel = "CERT|ITL",
            description = {
                "A trust anchor (repeatable): a certificate file (PEM, possibly with several "
                        + "certificates, or DER), e.g. CallManager.pem or ITLRecovery.pem; or an ITL/CTL the phone already "
                        + "holds (its SAST records anchor trust lists, its TFTP and CCM+TFTP records sign .sgn files).",
                "A trust list given here is verified first; if it does not verify, nothing is checked against it "
                        + "and the run fails (exit 1)."
            })
    private List<String> trust = new ArrayList<>();

    /** Creates the options; picocli fills them in. */
    public TrustOptions() {}

    /** @return the {@code --trust} arguments as given */
    public List<String> args() {
        return List.copyOf(trust);
    }

    /**
     * Reads every {@code --trust} argument ({@link Anchors#load(List, PrintWriter, ItlReader)}).
     *
     * @param err standard error, for a trust list that does not verify
     * @param reader the reader (and limits) for trust lists given as anchors
     * @return the anchors
     * @throws CliException for a .sgn or malformed file given as an anchor
     * @throws IOException if a file cannot be read
     */
    Anchors load(PrintWriter err, ItlReader reader) throws CliException, IOException {
        return Anchors.load(trust, err, reader);
    }

    /**
     * The trust anchors given with {@code --trust}: certificates, and trust lists that verified on their own.
     */
    static final class Anchors {
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

        private Anchors(List<Source> sources) {
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
         * Reads every --trust argument, trust lists with {@code reader}'s limits. A trust list is verified on its
         * own; if it fails, a line on {@code err} says so, it is not used, and {@link #allUsable()} is false: callers
         * then check no file (fail closed).
         *
         * @param args the --trust arguments
         * @param err standard error
         * @param reader the reader for trust lists given as anchors
         * @return the anchors
         * @throws CliException for a .sgn or malformed file given as an anchor
         * @throws IOException if a file cannot be read
         */
        static Anchors load(List<String> args, PrintWriter err, ItlReader reader) throws CliException, IOException {
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
                    VerificationResult r = ItlVerifier.builder()
                            .provider(CryptoProviders.current())
                            .build()
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
                        throw new CliException(
                                code,
                                "--trust " + arg + ": not a certificate (PEM or DER) or an " + "ITL/CTL: "
                                        + e.getMessage() + trustHint(d),
                                e);
                    }
                }
            }
            return new Anchors(out);
        }

        /**
         * @param d a --trust file that is neither a certificate nor a trust list
         * @return what it looks like instead and what to pass, when it looks like a key ({@link FileType#keyHint})
         */
        static String trustHint(Bytes d) {
            String hint = FileType.keyHint(d);
            return hint.isEmpty() ? "" : hint + ": pass its certificate or the ITL the phones hold";
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
            return builder(warningsAsErrors).build();
        }

        /**
         * @param warningsAsErrors whether warnings fail a file
         * @param validity when the signer's certificate must be valid
         * @return a verifier with these anchors, checking the signer's validity period
         * @throws CliException for a bad {@code --now}, or {@code --provider native} where it does not load
         */
        ItlVerifier verifier(boolean warningsAsErrors, ValidityOptions validity) throws CliException {
            return validity.apply(builder(warningsAsErrors), java.time.Clock.systemUTC())
                    .build();
        }

        private ItlVerifier.Builder builder(boolean warningsAsErrors) throws CliException {
            ItlVerifier.Builder b = ItlVerifier.builder()
                    .treatWarningsAsErrors(warningsAsErrors)
                    .provider(CryptoProviders.current());
            for (Source s : sources) {
                b.trustCertificates(s.certificates());
                if (s.list() != null && s.usable()) {
                    b.trustInstalled(s.list());
                }
            }
            return b;
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
                    ShowJson.jsonResult(g, s.listResult(), ShowFormat.AnchorNames.NONE, true);
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
