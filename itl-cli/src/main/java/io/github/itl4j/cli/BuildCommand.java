package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.DnsName;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Stack;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code itl build}: makes and signs a new ITL (or CTL) from certificates, one option per role. Records are written
 * in the order the role options appear on the command line, across options (as certutils' {@code tlvfile -b}), so
 * {@code --sast A --tftp B --sast C} gives SAST A, TFTP B, SAST C.
 *
 * <p>By default the file is refused (exit {@value ExitCodes#INPUT}) when the signing certificate is not one of the
 * {@code --sast} certificates, because phones could not verify it; {@code --force} builds it anyway.
 *
 * @since 0.1.0
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Build and sign a new ITL/CTL from certificates, one option per role.",
            "Records follow the command-line order of the role options (--sast A --tftp B --sast C gives SAST, TFTP, "
                    + "SAST). Each CERT file gives its first certificate (PEM or DER; a PEM file may also hold a key).",
            "The signer (--p12, or --key/--cert) must be one of the --sast certificates unless --force.",
            "--ctl builds a tokenless CTL (CTLFile.tlv, CUCM layout): each CERT may be followed by @IP[,HOST] "
                    + "(IPADDRESS and DNSNAME; DNSNAME defaults to the CN's host name); sign with the publisher's "
                    + "CallManager key (10.x, 11.x) or ITLRecovery (12.0 and later)."
        },
        footer = {
            "",
            "Example (certutils' tlvfile -b -d sha1 -v 1.0 -s sast.pem -C ccm-tftp.pem -T tvs.pem):",
            "  itl build -o ITLFile.tlv --key sast.pem --sast sast.pem --ccm-tftp ccm-tftp.pem --tvs tvs.pem "
                    + "--layout certutils --signer-version 1.0",
            "Tokenless CTL: itl build --ctl -o CTLFile.tlv --key pub.key --cert pub.pem "
                    + "--sast pub.pem@10.0.0.1,pub --ccm-tftp pub.pem@10.0.0.1,pub --capf capf.pem@10.0.0.1,pub",
            "Passwords are never taken from the command line: --password-file, --password-env, or a prompt."
        })
public final class BuildCommand implements Callable<Integer> {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT",
            description = "Where to write the file (atomically); - writes standard output. Never one of the inputs.")
    private String output;

    @Mixin
    private SignerOptions signing = new SignerOptions();

    @Option(
            names = "--sast",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a SAST record (the signer, ITLRecovery). Repeatable, like every role option.")
    private List<String> sast;

    @Option(
            names = "--ccm",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a CCM record.")
    private List<String> ccm;

    @Option(
            names = "--ccm-tftp",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a CCM+TFTP record.")
    private List<String> ccmTftp;

    @Option(
            names = "--tftp",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a TFTP record.")
    private List<String> tftp;

    @Option(
            names = "--capf",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a CAPF record.")
    private List<String> capf;

    @Option(
            names = "--app-server",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add an APP-SERVER record.")
    private List<String> appServer;

    @Option(
            names = "--tvs",
            paramLabel = "CERT",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "Add a TVS record.")
    private List<String> tvs;

    @Option(
            names = "--placeholder",
            paramLabel = "ROLE@IP,HOST",
            arity = "1",
            parameterConsumer = RoleConsumer.class,
            description = "With --ctl: add a non-secure placeholder record (DNSNAME HOST, FUNCTION ROLE, IPADDRESS IP "
                    + "only), as a CTL keeps for each CCM+TFTP record after utils ctl set-cluster non-secure-mode.")
    private List<String> placeholders;

    @Option(
            names = "--ctl",
            description = "Build a tokenless CTL: CTLFile.tlv, CUCM layout, DNSNAME the host name, "
                    + "CERT@IP[,HOST] role values.")
    private boolean ctl;

    @Option(
            names = "--hash",
            paramLabel = "ROLE",
            converter = Converters.RoleConverter.class,
            description = "Write the records of ROLE as hash records (CERTHASH + HASH ALGORITHM instead of the "
                    + "CERTIFICATE), as CUCM writes TVS in ITLs. Repeatable. Not for SAST.")
    private List<Role> hashRoles = new ArrayList<>();

    @Option(names = "--tvs-hash", description = "The same as --hash TVS.")
    private boolean tvsHash;

    @Option(
            names = "--layout",
            paramLabel = "LAYOUT",
            defaultValue = "cucm",
            converter = Converters.LayoutConverter.class,
            description = "Field order and name format: cucm (default) or certutils.")
    private Layout layout;

    @Option(
            names = "--signer-version",
            paramLabel = "VER",
            converter = Converters.VersionConverter.class,
            description = "Write SIGNERVERSION (tag 28) 1.0 or 1.1, as certutils does (1.1 lets phones accept EC "
                    + "certificates); omitted by default, as CUCM.")
    private Version signerVersion;

    @Option(
            names = "--file-name",
            paramLabel = "NAME",
            description = "FILENAME in the header (default ITLFile.tlv; CTLFile.tlv with --ctl).")
    private String fileName;

    @Option(
            names = "--dns-name",
            paramLabel = "MODE",
            converter = Converters.DnsNameConverter.class,
            description = "DNSNAME of CUCM-layout records: two-nuls (default; the length CUCM's records have), "
                    + "empty, omit, or cn-host (the certificate CN's host name, as in CTLs).")
    private DnsName dnsName;

    @Option(
            names = "--force",
            description = "Build even when the signer is not one of the --sast certificates, "
                    + "and replace OUT when it exists (refused otherwise).")
    private boolean force;

    /** The role options in command-line order, filled by {@link RoleConsumer}. */
    private final List<RoleArg> entries = new ArrayList<>();

    /** Creates the command; picocli fills in the options. */
    public BuildCommand() {}

    /**
     * One role option as given.
     *
     * @param role the role (for a {@code --placeholder}, null until {@link #split()})
     * @param option the option name, for messages
     * @param file the certificate file (the whole value before {@link #split()})
     * @param ip IPADDRESS, or null
     * @param host DNSNAME text, or null for the builder's default
     * @param placeholder whether this is a {@code --placeholder}
     */
    record RoleArg(Role role, String option, String file, Inet4Address ip, String host, boolean placeholder) {
        /**
         * Splits a {@code --ctl} value: {@code CERT@IP[,HOST]} for role options, {@code ROLE@IP,HOST} for
         * {@code --placeholder}.
         *
         * @return the argument with its address, host name and (for a placeholder) role
         * @throws CliException USAGE if the value has no valid address, or a placeholder no role or host
         */
        RoleArg split() throws CliException {
            int at = file.lastIndexOf('@');
            if (at < 0) {
                if (placeholder) {
                    throw CliException.usage(option + " " + file + ": expected ROLE@IP,HOST");
                }
                return this;
            }
            String rest = file.substring(at + 1);
            int comma = rest.indexOf(',');
            String ipText = comma < 0 ? rest : rest.substring(0, comma);
            String h = comma < 0 ? null : rest.substring(comma + 1);
            Inet4Address addr = ipv4(ipText);
            if (addr == null) {
                throw CliException.usage(option + " " + file + ": '" + ipText + "' is not an IPv4 address "
                        + "(expected " + (placeholder ? "ROLE" : "CERT") + "@IP[,HOST], e.g. 10.0.0.1)");
            }
            if (h != null && (h.isEmpty() || h.length() > 255)) {
                throw CliException.usage(option + " " + file + ": HOST after the comma must be 1 to 255 characters");
            }
            if (!placeholder) {
                return new RoleArg(role, option, file.substring(0, at), addr, h, false);
            }
            if (h == null) {
                throw CliException.usage(
                        option + " " + file + ": expected ROLE@IP,HOST (the host name or IP " + "string for DNSNAME)");
            }
            Role r;
            try {
                r = new Converters.RoleConverter().convert(file.substring(0, at));
            } catch (CommandLine.TypeConversionException e) {
                throw CliException.usage(option + " " + file + ": " + e.getMessage());
            }
            return new RoleArg(r, option, file, addr, h, true);
        }

        private static Inet4Address ipv4(String s) {
            String[] p = s.split("\\.", -1);
            if (p.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!p[i].matches("[0-9]{1,3}") || Integer.parseInt(p[i]) > 255) {
                    return null;
                }
                b[i] = (byte) Integer.parseInt(p[i]);
            }
            try {
                return (Inet4Address) InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always a valid address
            }
        }
    }

    @Override
    public Integer call() throws CliException, IOException {
        signing.warnDigest();
        run();
        return ExitCodes.OK;
    }

    private void run() throws CliException, IOException {
        signing.key().check(true, null);
        if (entries.isEmpty()) {
            throw CliException.usage("no records: give certificates with --sast, --ccm, --ccm-tftp, --tftp, --capf, "
                    + "--app-server or --tvs");
        }
        Set<Role> hash = new LinkedHashSet<>(hashRoles);
        if (tvsHash) {
            hash.add(Role.TVS);
        }
        if (hash.contains(Role.SAST)) {
            throw CliException.usage(
                    "--hash SAST: SAST records must carry the certificate (phones verify the file " + "with it)");
        }
        if (ctl && layout == Layout.CERTUTILS) {
            throw CliException.usage("--ctl writes CUCM's layout; --layout certutils does not apply");
        }
        if (!ctl && entries.stream().anyMatch(RoleArg::placeholder)) {
            throw CliException.usage("--placeholder needs --ctl");
        }
        if (dnsName != null && layout == Layout.CERTUTILS) {
            throw CliException.usage("--dns-name applies to the cucm layout only");
        }
        for (Path p : signing.key().files()) {
            Outputs.checkNotInput(p, output);
        }
        if (!force) {
            Outputs.checkAbsent(output, "--force");
        }
        List<RoleArg> args = new ArrayList<>(entries.size());
        for (RoleArg r : entries) {
            RoleArg a = ctl ? r.split() : r;
            if (!a.placeholder()) {
                Outputs.checkNotInput(Path.of(a.file()), output);
            }
            args.add(a);
        }

        List<TrustListBuilder.Entry> list = new ArrayList<>();
        List<Object> items = new ArrayList<>();
        for (RoleArg r : args) {
            if (r.placeholder()) {
                items.add(new TrustListBuilder.Placeholder(r.role(), r.ip(), r.host()));
                continue;
            }
            TrustListBuilder.Entry e = TrustListBuilder.Entry.of(certificate(r), r.role());
            if (r.ip() != null) {
                e = e.withIpAddress(r.ip());
            }
            if (r.host() != null) {
                e = e.withDnsName(r.host());
            }
            e = hash.contains(r.role()) ? e.asHash() : e;
            list.add(e);
            items.add(e);
        }
        SigningKey k = signing.key().load();
        ItlSigner signer = signing.signer(k, signing.key().source());
        TrustListBuilder b = (ctl ? TrustListBuilder.ctlBuilder(signer) : TrustListBuilder.builder(signer))
                .layout(layout)
                .signerVersion(signerVersion)
                .requireSignerRecord(!force);
        if (fileName != null) {
            b.fileName(fileName);
        }
        if (dnsName != null) {
            b.dnsName(dnsName);
        }
        for (Object o : items) {
            if (o instanceof TrustListBuilder.Placeholder p) {
                b.addPlaceholder(p);
            } else {
                b.add((TrustListBuilder.Entry) o);
            }
        }
        ItlFile itl;
        try {
            itl = b.build();
        } catch (ItlSigningException e) {
            if (e.reason() == ItlSigningException.Reason.SIGNER_NOT_SAST) {
                // the CLI's own words (the library's name its builder methods): decided by the reason, not the text
                throw new CliException(
                        ExitCodes.INPUT,
                        "The signer's certificate "
                                + k.certificate().getSubjectX500Principal().getName()
                                + " is not a SAST entry; phones could not verify the "
                                + "file (add it with --sast, or give --force) (tag " + e.tag() + ")",
                        e);
            }
            throw new CliException(ExitCodes.of(e), e.getMessage(), e);
        }
        if (force && !signerListed(k, list)) {
            cli.err()
                    .println(ItlCli.PREFIX + "warning: the signer "
                            + k.certificate().getSubjectX500Principal().getName()
                            + " is not a SAST record: phones will not accept this file");
        }
        Outputs.write(output, itl.encoded(), cli);
        boolean toStdout = Inputs.STDIO.equals(output);
        summary(toStdout ? cli.err() : cli.out(), "wrote " + (toStdout ? "<stdout>" : output), itl);
    }

    private static boolean signerListed(SigningKey k, List<TrustListBuilder.Entry> list) {
        return list.stream()
                .anyMatch(e -> e.role().equals(Role.SAST) && e.certificate().equals(k.certificate()));
    }

    private static X509Certificate certificate(RoleArg r) throws CliException, IOException {
        Path p = Path.of(r.file());
        if (!Files.exists(p)) {
            throw new NoSuchFileException(r.file(), null, "no such file (" + r.option() + ")");
        }
        try {
            return KeyLoader.defaults().readCertificates(p).get(0);
        } catch (KeyLoadException e) {
            throw KeyOptions.keyError(r.file() + " (" + r.option() + ")", e);
        }
    }

    /**
     * Prints what was written: name, records, sizes, signer and checksums.
     *
     * @param w where
     * @param first the first line
     * @param itl the file
     */
    static void summary(PrintWriter w, String first, ItlFile itl) {
        StringJoiner roles = new StringJoiner(", ");
        for (ItlRecord r : itl.records()) {
            roles.add(r.role().map(Role::name).orElse("?") + (r.certificate().isPresent() ? "" : " (hash)"));
        }
        Checksums sums = Checksums.of(itl.encoded());
        w.println(first + ": " + itl.header().fileName().orElse("?") + ", "
                + itl.encoded().size() + " bytes, header " + itl.header().length() + " bytes, "
                + itl.records().size() + " records: " + roles);
        w.println("  signer:    " + itl.header().signerName().orElse("?") + " (serial "
                + itl.header().serialNumber().map(Bytes::toHex).orElse("?") + "), "
                + itl.header().digestAlgorithm().map(DigestAlgorithm::toString).orElse("?") + ", "
                + itl.header().signatureLength() * 8 + "-bit RSA, timestamp "
                + itl.header().timestamp().map(Instant::toString).orElse("?"));
        w.println("  sha1 " + sums.sha1().toHex() + "  md5 " + sums.md5().toHex());
        w.flush();
    }

    /**
     * Records each role option in command-line order (picocli keeps per-option lists only).
     */
    static final class RoleConsumer implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            OptionSpec o = (OptionSpec) argSpec;
            if (args.isEmpty() || commandSpec.optionsMap().containsKey(args.peek())) {
                throw new CommandLine.MissingParameterException(
                        commandSpec.commandLine(),
                        argSpec,
                        "Missing required parameter for option '" + o.longestName() + "' (" + o.paramLabel() + ")");
            }
            Role role =
                    switch (o.longestName()) {
                        case "--sast" -> Role.SAST;
                        case "--ccm" -> Role.CCM;
                        case "--ccm-tftp" -> Role.CCM_TFTP;
                        case "--tftp" -> Role.TFTP;
                        case "--capf" -> Role.CAPF;
                        case "--app-server" -> Role.APP_SERVER;
                        case "--tvs" -> Role.TVS;
                        case "--placeholder" -> null;
                        default -> throw new IllegalStateException(o.longestName());
                    };
            ((BuildCommand) commandSpec.userObject())
                    .entries.add(new RoleArg(role, o.longestName(), args.pop(), null, null, role == null));
        }
    }
}
