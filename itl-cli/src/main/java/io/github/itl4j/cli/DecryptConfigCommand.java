package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.enc.DecryptedConfig;
import io.github.itl4j.crypto.enc.EncryptedConfigCode;
import io.github.itl4j.crypto.enc.EncryptedConfigDecryptor;
import io.github.itl4j.crypto.enc.EncryptedConfigException;
import io.github.itl4j.crypto.enc.EncryptedConfigProblem;
import io.github.itl4j.crypto.enc.EncryptionInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl decrypt-config}: verifies and decrypts an {@code SEP<MAC>.cnf.xml.enc.sgn} with the phone's private key
 * (SPEC-trust.md 6.5). The plaintext goes to {@code -o OUT} only (never to the terminal unless {@code -o -}); a file
 * whose signature or digest fails is not written.
 *
 * @since 0.1.0
 */
@Command(
        name = "decrypt-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Verify and decrypt an encrypted phone configuration (SEP<MAC>.cnf.xml.enc.sgn) with the "
                    + "phone's private key (LSC or MIC; PEM or PKCS#12)."
        },
        footer = {
            "",
            "Examples:",
            "  itl decrypt-config SEP001122334455.cnf.xml.enc.sgn --device-key phone.key --cert tftp.pem -o plain.xml",
            "  itl decrypt-config SEP001122334455.cnf.xml.enc.sgn --device-key lsc.p12 --password-file p "
                    + "--trust ITLFile.tlv -o -",
            "  itl decrypt-config SEP001122334455.cnf.xml.enc.sgn --device-key phone.key --device-cert phone.pem "
                    + "--cert tftp.pem -o plain.xml",
            "",
            "Checks (SPEC-trust 6.8): E01 device key not RSA (error), E03 digest mismatch (error), E04 pad bytes "
                    + "not 0x0D (warning); with --device-cert, E08 (warning): the stub SEP<MAC>.cnf.xml.sgn next to "
                    + "FILE (or --stub) is missing or its certHash is not the MD5 of the certificate.",
            "",
            "Exit codes: 0 decrypted (warnings on standard error), 1 signature, key unwrap or digest check failed "
                    + "(nothing written), 2 usage, 3 malformed file or bad key (E01: not RSA), 4 I/O."
        })
public final class DecryptConfigCommand implements Callable<Integer>, ItlCli.Subject {
    /** Failures of a check on a readable file: exit 1. */
    private static final Set<EncryptedConfigCode> CHECKS = EnumSet.of(
            EncryptedConfigCode.SIGNATURE_INVALID,
            EncryptedConfigCode.UNWRAP_FAILED,
            EncryptedConfigCode.DIGEST_MISMATCH,
            EncryptedConfigCode.KEY_LENGTH);

    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .enc.sgn file; - reads standard input.")
    private String input;

    @Option(
            names = "--device-key",
            paramLabel = "KEY",
            description = "The phone's private key: PEM (PKCS#1/PKCS#8, a certificate in it is ignored) or PKCS#12.")
    private Path deviceKey;

    @Option(names = "--device-alias", paramLabel = "ALIAS", description = "The PKCS#12 entry of --device-key.")
    private String alias;

    @Mixin
    private PasswordOptions.Key password = new PasswordOptions.Key();

    @Option(names = "--cert", paramLabel = "CERT", description = "The TFTP certificate that must have signed FILE.")
    private Path tftpCert;

    @Option(
            names = "--trust",
            paramLabel = "ITL",
            description = "An ITL or CTL whose TFTP (or CCM+TFTP) record " + "must have signed FILE.")
    private Path trust;

    @Option(names = "--no-verify", description = "Skip the signature check (forensics); the digest is still checked.")
    private boolean noVerify;

    @Option(
            names = "--symmetric-key-file",
            paramLabel = "FILE",
            description = "For a manual-key file (no ENCRYPTEDKEY): a file holding the AES key as 32 hex digits.")
    private Path symmetricKeyFile;

    @Option(
            names = "--device-cert",
            paramLabel = "CERT",
            description = "The phone's certificate (LSC or MIC) FILE is encrypted for: checks that the stub "
                    + "SEP<MAC>.cnf.xml.sgn exists and its certHash is the MD5 of CERT (E08, a warning).")
    private Path deviceCert;

    @Option(
            names = "--stub",
            paramLabel = "STUB",
            description = "The stub for --device-cert (default: FILE with .enc.sgn replaced by .sgn, next to FILE).")
    private Path stub;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            required = true,
            description = "Where to write the plaintext (atomically); - writes standard output.")
    private String output;

    /** Creates the command; picocli fills in the options. */
    public DecryptConfigCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException ? null : Inputs.displayName(input);
    }

    @Override
    public Integer call() throws CliException, IOException {
        int anchors = (tftpCert != null ? 1 : 0) + (trust != null ? 1 : 0) + (noVerify ? 1 : 0);
        if (anchors != 1) {
            throw CliException.usage("give exactly one of --cert TFTP.pem, --trust ITLFile.tlv or --no-verify");
        }
        if (deviceKey == null && symmetricKeyFile == null) {
            throw CliException.usage("give --device-key KEY (or --symmetric-key-file for a manual-key file)");
        }
        if (stub != null && deviceCert == null) {
            throw CliException.usage("--stub needs --device-cert CERT (the certificate whose MD5 the stub must hold)");
        }
        if (stub != null && Inputs.STDIO.equals(stub.toString()) && Inputs.STDIO.equals(input)) {
            throw CliException.usage("FILE and --stub cannot both be standard input");
        }
        Path stubPath = stub != null ? stub : defaultStub();
        Outputs.checkNotInput(Inputs.STDIO.equals(input) ? null : Path.of(input), output);
        for (Path p : new Path[] {deviceKey, tftpCert, trust, symmetricKeyFile, deviceCert, stub}) {
            if (p != null) {
                Outputs.checkNotInput(p, output);
            }
        }
        ItlReader reader = ItlReader.defaults();
        Inputs.Input in = Inputs.read(input, cli.stdin(), reader);
        SgnFile file = reader.readSigned(in.data());
        if (!EncryptionInfo.isEncrypted(file.header())) {
            throw CliException.input(in.name() + ": not an encrypted configuration (no IV/PLAINDIGEST in the header; "
                    + "FILENAME " + file.header().fileName().orElse("?") + ")");
        }
        EncryptedConfigDecryptor.Builder b = EncryptedConfigDecryptor.builder(deviceKey == null ? null : loadKey());
        if (tftpCert != null) {
            b.signer(certificate(tftpCert));
        } else if (trust != null) {
            ItlFile itl = reader.readTrustList(
                    Inputs.read(trust.toString(), cli.stdin(), reader).data());
            b.trustList(itl);
        } else {
            b.noVerify();
        }
        if (deviceCert != null) {
            b.checkStub(readStub(stubPath, reader), certificate(deviceCert));
        }
        if (symmetricKeyFile != null) {
            byte[] k = symmetricKey();
            b.symmetricKey(k);
            Arrays.fill(k, (byte) 0);
        }
        DecryptedConfig d;
        try {
            d = b.build().decrypt(file);
        } catch (EncryptedConfigException e) {
            throw new CliException(
                    CHECKS.contains(e.code()) ? ExitCodes.CHECK_FAILED : ExitCodes.INPUT,
                    in.name() + ": " + e.getMessage(),
                    e);
        }
        boolean toStdout = Inputs.STDIO.equals(output);
        PrintWriter w = toStdout ? cli.err() : cli.out();
        for (EncryptedConfigProblem p : d.problems()) {
            if (!p.isError()) {
                cli.err()
                        .println(ItlCli.PREFIX + in.name() + ": warning "
                                + p.code().label() + ": " + p.message());
            }
        }
        Bytes plain;
        try {
            plain = d.plaintext();
        } catch (EncryptedConfigException e) {
            cli.err().flush();
            throw new CliException(
                    CHECKS.contains(e.code()) ? ExitCodes.CHECK_FAILED : ExitCodes.INPUT,
                    in.name() + ": " + e.getMessage() + "; nothing written",
                    e);
        }
        cli.err().flush();
        Outputs.write(output, plain, cli, null);
        w.println("decrypted " + in.name() + " -> " + (toStdout ? "<stdout>" : output) + ": " + plain.size()
                + " bytes, " + d.info().plainDigestAlgorithm() + " digest matches, pad "
                + d.info().padCount()
                + d.verification()
                        .map(v -> ", signature verified"
                                + v.signerCertificate()
                                        .map(c -> " ("
                                                + c.getSubjectX500Principal().getName() + ")")
                                        .orElse(""))
                        .orElse(", signature NOT checked (--no-verify)"));
        w.flush();
        return ExitCodes.OK;
    }

    /** The stub beside the input: {@code X.enc.sgn} -> {@code X.sgn}; null when there is no such name. */
    private Path defaultStub() throws CliException {
        if (deviceCert == null) {
            return null;
        }
        if (Inputs.STDIO.equals(input) || !input.endsWith(".enc.sgn")) {
            throw CliException.usage("give --stub STUB: the stub's name cannot be derived from "
                    + Inputs.displayName(input) + " (expected a name ending in .enc.sgn)");
        }
        return Path.of(input.substring(0, input.length() - ".enc.sgn".length()) + ".sgn");
    }

    /** The stub, or null when the default one does not exist (E08 then says it is missing). */
    private SgnFile readStub(Path p, ItlReader reader) throws CliException, IOException {
        if (stub == null && !Files.exists(p)) {
            return null;
        }
        Inputs.Input s = Inputs.read(p.toString(), cli.stdin(), reader);
        try {
            return reader.readSigned(s.data());
        } catch (ItlException e) {
            throw CliException.input(s.name() + " (--stub): " + e.getMessage());
        }
    }

    private PrivateKey loadKey() throws CliException, IOException {
        if (!Files.exists(deviceKey)) {
            throw new NoSuchFileException(deviceKey.toString(), null, "no such file (--device-key)");
        }
        boolean p12;
        try (java.io.InputStream in = Files.newInputStream(deviceKey)) {
            p12 = in.read() == 0x30;
        }
        char[] pw = p12 || password.given() ? password.read() : null;
        try {
            try {
                return KeyLoader.defaults().privateKey(deviceKey, pw, alias);
            } catch (KeyLoadException e) {
                if (e.reason() != KeyLoadException.Reason.PASSWORD_REQUIRED || pw != null) {
                    throw e;
                }
            }
            pw = password.read();
            return KeyLoader.defaults().privateKey(deviceKey, pw, alias);
        } catch (KeyLoadException e) {
            throw KeyOptions.keyError(deviceKey.toString(), e);
        } finally {
            PasswordOptions.wipe(pw);
        }
    }

    private static X509Certificate certificate(Path p) throws CliException {
        try {
            return KeyLoader.defaults().readCertificates(p).get(0);
        } catch (KeyLoadException e) {
            throw KeyOptions.keyError(p.toString(), e);
        }
    }

    private byte[] symmetricKey() throws CliException, IOException {
        char[] text = PasswordOptions.readFile(symmetricKeyFile, "--symmetric-key-file");
        try {
            String hex = new String(text).trim();
            if (!hex.matches("[0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64}")) {
                throw CliException.input(
                        symmetricKeyFile + ": expected 32 hex digits (AES-128; 48 or 64 for " + "AES-192/256)");
            }
            return HexFormat.of().parseHex(hex);
        } finally {
            PasswordOptions.wipe(text);
        }
    }
}
