package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.Checksums;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl checksum}: whole-file MD5, SHA-1, SHA-256 and SHA-512 in the forms CUCM's {@code show itl} prints
 * (lower-case hex and {@code (MD5)}), phones display (upper-case), with colons, or as {@code sha1sum} writes them.
 * Any file can be hashed (it is not parsed); files are read as streams, so their size does not matter. With
 * {@code --json}: the common envelope ({@link JsonDocument}) with {@code files}, each {@code file} and its digests in
 * lower-case hex ({@code md5}, {@code sha1}, {@code sha256}, {@code sha512}) or an {@code error}.
 *
 * @since 0.1.0
 */
@Command(
        name = "checksum",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print whole-file checksums the way CUCM's 'show itl' and phones show them, to compare a "
                    + "phone's ITL/CTL with the server's.",
            "Default: MD5 and SHA-1 (what 'show itl' prints); with --format sum, SHA-1 only."
        })
public final class ChecksumCommand implements Callable<Integer> {
    /** The digests, in output order. */
    enum Algorithm {
        /** MD5 */
        MD5("MD5"),
        /** SHA-1 */
        SHA1("SHA1"),
        /** SHA-256 */
        SHA256("SHA256"),
        /** SHA-512 */
        SHA512("SHA512");

        /** The label CUCM prints after the hex, without the parentheses. */
        final String label;

        Algorithm(String label) {
            this.label = label;
        }

        Bytes of(Checksums c) {
            return switch (this) {
                case MD5 -> c.md5();
                case SHA1 -> c.sha1();
                case SHA256 -> c.sha256();
                case SHA512 -> c.sha512();
            };
        }
    }

    /** Output forms. */
    enum Form {
        /** {@code show itl}: {@code <lower-case hex> (MD5)} */
        CUCM,
        /** phones: {@code <UPPER-CASE HEX> (MD5)} */
        PHONE,
        /** {@code <UP:PER:CA:SE> (MD5)} */
        COLON,
        /** {@code sha1sum}: {@code <lower-case hex>  FILE} */
        SUM
    }

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = {"-a", "--algorithm"},
            paramLabel = "ALG",
            split = ",",
            description = "md5, sha1, sha256, sha512 or all; repeatable or comma-separated.")
    private List<String> algorithms = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORM",
            defaultValue = "cucm",
            description = {
                "cucm (default): lower-case hex and '(MD5)', as 'show itl' prints;",
                "phone: upper-case hex, as phones display it;",
                "colon: upper-case hex with colons;",
                "sum: 'hex  FILE' lines, as sha1sum/md5sum write them (one line per algorithm)."
            })
    private String format;

    @Mixin
    private JsonOptions json = new JsonOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files; - reads standard input.")
    private List<String> files;

    /** Creates the command; picocli fills in the options. */
    public ChecksumCommand() {}

    @Override
    public Integer call() throws Exception {
        Form form = parseForm(format);
        Set<Algorithm> algs = parseAlgorithms(algorithms, form);
        int worst = ExitCodes.OK;
        PrintWriter out = cli.out();
        boolean first = true;
        JsonDocument doc = json.start(cli.binaryOut(), "checksum", null, 0, JsonDocument.inputs("file", files));
        if (doc != null) {
            doc.generator().writeArrayFieldStart("files"); // lower-case hex whatever --format says
        }
        for (String arg : files) {
            String name = Inputs.displayName(arg);
            try {
                Checksums c = digest(arg, algs);
                if (doc != null) {
                    JsonGenerator g = doc.generator();
                    g.writeStartObject();
                    g.writeStringField("file", name);
                    for (Algorithm a : algs) {
                        g.writeStringField(
                                a.name().toLowerCase(Locale.ROOT), a.of(c).toHex());
                    }
                    g.writeEndObject();
                    continue;
                }
                if (form == Form.SUM) {
                    for (Algorithm a : algs) {
                        out.println(a.of(c).toHex() + "  " + ShowFormat.clean(arg));
                    }
                } else {
                    if (files.size() > 1) {
                        if (!first) {
                            out.println();
                        }
                        out.println(ShowFormat.clean(name) + ":");
                    }
                    first = false;
                    for (Algorithm a : algs) {
                        out.println(format(form, a.of(c)) + " (" + a.label + ")");
                    }
                }
                out.flush();
            } catch (Exception e) {
                worst = Math.max(worst, cli.failFile(name, e, doc));
            }
        }
        if (doc != null) {
            doc.generator().writeEndArray();
            doc.end();
        }
        return worst;
    }

    /** Computes only the digests that will be printed, in one pass over the file. */
    private Checksums digest(String arg, Set<Algorithm> algs) throws IOException {
        Set<Checksums.Algorithm> wanted = java.util.EnumSet.noneOf(Checksums.Algorithm.class);
        for (Algorithm a : algs) {
            wanted.add(Checksums.Algorithm.valueOf(a.name()));
        }
        if (Inputs.STDIO.equals(arg)) {
            return Checksums.of(cli.stdin(), wanted);
        }
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory, not a file");
        }
        if (!Files.exists(p)) {
            throw new NoSuchFileException(arg);
        }
        return Checksums.of(p, wanted);
    }

    /**
     * @param form an output form
     * @param digest a digest
     * @return the digest's text in that form (not {@link Form#SUM})
     */
    static String format(Form form, Bytes digest) {
        return switch (form) {
            case CUCM, SUM -> Checksums.Style.LOWER_HEX.format(digest);
            case PHONE -> Checksums.Style.LOWER_HEX.format(digest).toUpperCase(Locale.ROOT);
            case COLON -> Checksums.Style.UPPER_COLON.format(digest);
        };
    }

    private static Form parseForm(String s) throws CliException {
        try {
            return Form.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("unknown --format '" + s + "' (expected cucm, phone, colon or sum)");
        }
    }

    private static Set<Algorithm> parseAlgorithms(List<String> names, Form form) throws CliException {
        Set<Algorithm> out = EnumSet.noneOf(Algorithm.class);
        if (names.isEmpty()) {
            return form == Form.SUM ? EnumSet.of(Algorithm.SHA1) : EnumSet.of(Algorithm.MD5, Algorithm.SHA1);
        }
        for (String n : names) {
            String k = n.trim().toUpperCase(Locale.ROOT).replace("-", "");
            if (k.equals("ALL")) {
                out.addAll(EnumSet.allOf(Algorithm.class));
                continue;
            }
            try {
                out.add(Algorithm.valueOf(k));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(
                        "unknown --algorithm '" + n + "' (expected md5, sha1, sha256, sha512 or " + "all)");
            }
        }
        return out;
    }
}
