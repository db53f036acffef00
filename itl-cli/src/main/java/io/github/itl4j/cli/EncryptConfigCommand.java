package io.github.itl4j.cli;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlSigningException;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.enc.EncryptedConfigBuilder;
import io.github.itl4j.crypto.enc.EncryptedConfigException;
import io.github.itl4j.crypto.fleet.FleetEncryptor;
import io.github.itl4j.crypto.fleet.FleetSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code itl encrypt-config}: encrypts a phone configuration for its phone's certificate into
 * {@code SEP<MAC>.cnf.xml.enc.sgn} plus the stub {@code SEP<MAC>.cnf.xml.sgn}, byte-compatible with certutils'
 * {@code enccnf} (SPEC-trust.md 6), or every configuration of a directory ({@code --fleet DIR --device-certs DIR}).
 *
 * @since 0.1.0
 */
@Command(
        name = "encrypt-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Encrypt a phone configuration (SEP<MAC>.cnf.xml) for the phone's certificate (LSC or MIC): "
                    + "writes SEP<MAC>.cnf.xml.enc.sgn (signed by the TFTP key) and the stub SEP<MAC>.cnf.xml.sgn, as "
                    + "certutils enccnf does. The clear file is kept unless --remove-plain."
        },
        footer = {
            "",
            "Examples:",
            "  itl encrypt-config SEP001122334455.cnf.xml --key tftp.key --cert tftp.pem \\",
            "      --device-cert SEP001122334455.pem",
            "  itl encrypt-config --fleet /tftpboot --device-certs /lsc --p12 tftp.p12 --password-file tftp.pass",
            "",
            "Exit codes: 0 done or up to date, 1 some files failed (fleet) or the device key is not RSA, 2 usage, "
                    + "3 bad key or input, 4 I/O."
        })
public final class EncryptConfigCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The configuration to encrypt.")
    private Path input;

    @Option(
            names = "--device-cert",
            paramLabel = "CERT",
            description = "The phone's certificate (PEM or DER, RSA): its LSC, else its MIC.")
    private Path deviceCert;

    @Option(
            names = {"-o", "--out-dir"},
            paramLabel = "DIR",
            description = "Write the outputs here (created if missing); default beside the source.")
    private Path outDir;

    @Option(names = "--no-stub", description = "Do not write the stub SEP<MAC>.cnf.xml.sgn.")
    private boolean noStub;

    @Option(
            names = "--remove-plain",
            description = "Delete the clear source once encrypted (as CUCM does; only when writing beside it).")
    private boolean removePlain;

    @Option(names = "--fleet", paramLabel = "DIR", description = "Encrypt every file of DIR matching --glob.")
    private Path fleet;

    @Option(
            names = "--device-certs",
            paramLabel = "DIR",
            description = "With --fleet: the phone certificates, SEP<MAC>.pem (or .crt.pem, .crt, .cer, .der).")
    private Path deviceCerts;

    @Option(
            names = "--glob",
            paramLabel = "GLOB",
            description = "With --fleet: the file names to encrypt (default '" + FleetSigner.DEFAULT_GLOB + "').")
    private String glob;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "With --fleet: worker threads (default: one per " + "processor).")
    private Integer threads;

    @Option(names = "--force", description = "With --fleet: encrypt every file again, even when up to date.")
    private boolean force;

    @Mixin
    private SignerOptions signing = new SignerOptions();

    /** The {@code --digest} value, SHA-1 when not given: of the signature and of the plaintext. */
    private DigestAlgorithm digest;

    /** Creates the command; picocli fills in the options. */
    public EncryptConfigCommand() {}

    @Override
    public String subject(Throwable failure) {
        if (failure instanceof CliException) {
            return null;
        }
        return fleet != null ? fleet.toString() : input == null ? null : input.toString();
    }

    @Override
    public Integer call() throws CliException, IOException {
        digest = signing.digest(DigestAlgorithm.SHA1);
        if (digest.equals(DigestAlgorithm.SHA256)) {
            throw CliException.usage("--digest: enccnf writes sha1 or sha512");
        }
        signing.key().check(true, null);
        return fleet != null ? fleet() : single();
    }

    private EncryptedConfigBuilder builder(ItlSigner signer) {
        EncryptedConfigBuilder.Builder b =
                EncryptedConfigBuilder.builder(signer).digest(digest);
        if (signing.timestamp() != null) {
            b.timestamp(signing.timestamp().getEpochSecond());
        }
        return b.build();
    }

    private int single() throws CliException, IOException {
        if (glob != null || threads != null || force || deviceCerts != null) {
            throw CliException.usage("--glob, --threads, --force and --device-certs go with --fleet DIR");
        }
        if (input == null || deviceCert == null) {
            throw CliException.usage(
                    "give the FILE to encrypt and --device-cert CERT, or --fleet DIR --device-certs " + "DIR");
        }
        X509Certificate cert;
        try {
            cert = KeyLoader.defaults().readCertificates(deviceCert).get(0);
        } catch (KeyLoadException e) {
            throw KeyOptions.keyError(deviceCert.toString(), e);
        }
        try {
            EncryptedConfigBuilder.deviceKey(cert);
        } catch (EncryptedConfigException e) {
            throw new CliException(ExitCodes.CHECK_FAILED, deviceCert + ": " + e.getOriginalMessage(), e);
        }
        Inputs.Input in = Inputs.read(input.toString(), cli.stdin(), ItlLimits.DEFAULT_MAX_PAYLOAD_SIZE);
        String name = input.getFileName().toString();
        Path dir = outDir != null
                ? Files.createDirectories(outDir)
                : input.toAbsolutePath().getParent();
        Path encPath = dir.resolve(name + ".enc.sgn");
        Path stubPath = dir.resolve(name + ".sgn");
        for (Path p : signing.key().files()) {
            Outputs.checkNotInput(p, encPath.toString());
            Outputs.checkNotInput(p, stubPath.toString());
        }
        ItlSigner signer = signing.signer();
        EncryptedConfigBuilder b = builder(signer);
        SgnFile enc;
        SgnFile stub = null;
        try {
            enc = b.encrypt(in.data(), cert, encPath.getFileName().toString());
            if (!noStub) {
                stub = b.stub(in.data(), cert, stubPath.getFileName().toString());
            }
        } catch (EncryptedConfigException e) {
            throw new CliException(ExitCodes.INPUT, input + ": " + e.getOriginalMessage(), e);
        } catch (ItlSigningException e) {
            throw new CliException(ExitCodes.of(e), input + ": " + e.getMessage(), e);
        }
        Set<PosixFilePermission> perms = Outputs.permissions(input);
        Outputs.write(encPath.toString(), enc.encoded(), cli, perms);
        if (stub != null) {
            Outputs.write(stubPath.toString(), stub.encoded(), cli, perms);
        }
        if (removePlain && outDir == null) {
            Files.delete(input);
        }
        PrintWriter w = cli.out();
        w.println("encrypted " + input + " -> " + encPath + ": " + enc.encoded().size() + " bytes (header "
                + enc.header().length() + ", ciphertext " + enc.payload().size() + "), " + b.digest()
                + ", for " + cert.getSubjectX500Principal().getName() + " (RSA-"
                + ((java.security.interfaces.RSAPublicKey) cert.getPublicKey())
                        .getModulus()
                        .bitLength() + ")"
                + (stub != null ? "; stub " + stubPath + " " + stub.encoded().size() + " bytes" : ""));
        w.flush();
        return ExitCodes.OK;
    }

    private int fleet() throws CliException, IOException {
        if (input != null || deviceCert != null) {
            throw CliException.usage("--fleet DIR encrypts a directory: FILE and --device-cert are for one file");
        }
        if (deviceCerts == null) {
            throw CliException.usage("--fleet needs --device-certs DIR (the phones' certificates)");
        }
        FleetRun.checkThreads(threads);
        FleetRun.checkDirectories(fleet, deviceCerts);
        ItlSigner signer = signing.signer();
        FleetEncryptor.Builder b = FleetEncryptor.builder(builder(signer), signer, deviceCerts)
                .force(force)
                .outputDirectory(outDir)
                .followSymlinks(cli.followSymlinks())
                .stub(!noStub)
                .removePlain(removePlain);
        FleetRun.glob(glob, g -> {
            FleetSigner.builder(signer).glob(g); // FleetEncryptor takes any glob; FleetSigner's check refuses a bad one
            b.glob(g);
        });
        if (threads != null) {
            b.threads(threads);
        }
        return new FleetRun(cli, "encrypted")
                .run(fleet, glob, progress -> b.progress(progress).build().encrypt(fleet));
    }
}
