package io.github.itl4j.crypto.fleet;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.enc.ConfigStub;
import io.github.itl4j.crypto.enc.EncryptedConfigBuilder;
import io.github.itl4j.crypto.enc.EncryptedConfigException;
import io.github.itl4j.crypto.enc.EncryptionInfo;
import io.github.itl4j.crypto.fleet.FleetSigner.Failure;
import io.github.itl4j.crypto.fleet.FleetSigner.FileResult;
import io.github.itl4j.crypto.fleet.FleetSigner.Status;
import io.github.itl4j.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;

/**
 * Encrypts every phone configuration of a directory ({@code SEP<MAC>.cnf.xml}) for its phone, as CUCM's TFTP service
 * does with "TFTP Encrypted Config" (SPEC-trust.md 6): writes {@code SEP<MAC>.cnf.xml.enc.sgn} and, unless disabled,
 * the stub {@code SEP<MAC>.cnf.xml.sgn}, each atomically with {@link AtomicFileWriter}, made durable in batches as
 * {@link FleetSigner}'s outputs (a source's two outputs together; the clear source, when removed, only after them).
 * The phone's certificate (LSC or MIC) is {@code SEP<MAC>.pem} (or {@code .crt.pem}, {@code .crt}, {@code .cer},
 * {@code .der}) in the device certificate directory, where {@code SEP<MAC>} is the source name up to its first dot.
 *
 * <p>Same run as {@link FleetSigner} (listing, lock, threads, progress, per-file results) and resumable: a file whose
 * outputs are newer than the source and the certificate, verify with this key, carry the source's digest and a key
 * wrapped for a key of the certificate's size, and whose stub is the expected one, is skipped. Encryption is
 * randomised, so an encrypted file written again differs: skipping is what keeps reruns cheap.
 *
 * @since 0.1.0
 */
public final class FleetEncryptor {
    /** Certificate file endings tried, in order, after {@code SEP<MAC>}. */
    public static final List<String> CERTIFICATE_SUFFIXES = List.of(".pem", ".crt.pem", ".crt", ".cer", ".der");

    private final FleetSigner fleet;

    private FleetEncryptor(Builder b) {
        ItlReader reader = ItlReader.withLimits(b.limits);
        ItlVerifier verifier = ItlVerifier.builder().limits(b.limits).build();
        FleetSigner.Builder fb = FleetSigner.builder(b.signer)
                .glob(b.glob)
                .outputDirectory(b.outputDirectory)
                .threads(b.threads)
                .limits(b.limits)
                .force(b.force)
                .followSymlinks(b.followSymlinks)
                .progress(b.progress);
        fb.jobFactory((writer, out, cancelled, batches) ->
                new Job(b, writer, reader, verifier, out, cancelled, batches)::process);
        fb.batchSizes(b.batchSizes);
        this.fleet = fb.build();
    }

    /**
     * @param builder encrypts each file (signer, digest, randomness)
     * @param signer the same TFTP signer (for the resumability check)
     * @param deviceCertificates the directory of phone certificates
     * @return a builder with {@link FleetSigner}'s defaults
     */
    public static Builder builder(EncryptedConfigBuilder builder, ItlSigner signer, Path deviceCertificates) {
        return new Builder(builder, signer, deviceCertificates);
    }

    /**
     * Encrypts every matching file of {@code directory} (not its subdirectories). Blocks until all are done.
     *
     * @param directory the folder of configuration files
     * @return the summary ({@code signed} counts encrypted files); per-file failures are in it, never thrown
     * @throws IOException if a directory cannot be listed or created, or another run holds the lock
     * @throws InterruptedException if the calling thread was interrupted
     */
    public FleetSigner.Result encrypt(Path directory) throws IOException, InterruptedException {
        return fleet.sign(directory);
    }

    /**
     * @param certificates the device certificate directory
     * @param sourceName e.g. {@code SEP001122334455.cnf.xml}
     * @return the first existing certificate file for it, or null
     */
    public static Path certificateFor(Path certificates, String sourceName) {
        int dot = sourceName.indexOf('.');
        String base = dot > 0 ? sourceName.substring(0, dot) : sourceName;
        for (String s : CERTIFICATE_SUFFIXES) {
            Path p = certificates.resolve(base + s);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The work on one file. */
    private static final class Job {
        private final Builder cfg;
        private final AtomicFileWriter writer;
        /** The run's writer per source permission set (one umask probe per directory, not one per file). */
        private final ConcurrentMap<Set<PosixFilePermission>, AtomicFileWriter> writers = new ConcurrentHashMap<>();

        private final ItlReader reader;
        private final ItlVerifier verifier;
        private final Path out;
        private final BooleanSupplier cancelled;
        private final DurableBatches batches;

        Job(
                Builder cfg,
                AtomicFileWriter writer,
                ItlReader reader,
                ItlVerifier verifier,
                Path out,
                BooleanSupplier cancelled,
                DurableBatches batches) {
            this.batches = batches;
            this.cfg = cfg;
            this.writer = writer;
            this.reader = reader;
            this.verifier = verifier;
            this.out = out;
            this.cancelled = cancelled;
        }

        FileResult process(Path source) {
            String name = source.getFileName().toString();
            String encName = name + ".enc.sgn";
            String stubName = name + ".sgn";
            Path dir = out != null ? out : source.toAbsolutePath().getParent();
            Path target = dir.resolve(encName);
            long size = 0;
            Bytes plain;
            FileTime sourceTime;
            Set<PosixFilePermission> perms;
            try {
                // one lstat gives the type, size, time and permissions
                BasicFileAttributes a = FleetFileJob.attributes(source, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    if (!cfg.followSymlinks) {
                        return failure(
                                source,
                                target,
                                Failure.SOURCE_UNREADABLE,
                                0,
                                "is a symbolic link; not "
                                        + "followed (only regular files are encrypted unless links are followed)");
                    }
                    a = FleetFileJob.attributes(source);
                }
                if (!a.isRegularFile()) {
                    return failure(
                            source, target, Failure.SOURCE_UNREADABLE, 0, "is not a regular file; not " + "encrypted");
                }
                perms = a instanceof PosixFileAttributes pa ? pa.permissions() : null;
                size = a.size();
                sourceTime = a.lastModifiedTime();
                if (size > cfg.limits.maxPayloadSize()) {
                    return failure(
                            source,
                            target,
                            Failure.SOURCE_TOO_LARGE,
                            size,
                            "source is " + size + " bytes, over maxPayloadSize (" + cfg.limits.maxPayloadSize() + ")");
                }
                plain = FleetFileJob.readBounded(source, cfg.limits, cfg.followSymlinks, size);
                size = plain.size();
            } catch (ItlLimitException e) {
                return failure(
                        source,
                        target,
                        Failure.SOURCE_TOO_LARGE,
                        e.actual(),
                        "source grew to over " + "maxPayloadSize (" + cfg.limits.maxPayloadSize()
                                + ") while being read");
            } catch (IOException | RuntimeException e) {
                return interrupted(e)
                        ? null
                        : failure(
                                source,
                                target,
                                Failure.SOURCE_UNREADABLE,
                                size,
                                "cannot read source: " + FleetFileJob.describe(e));
            }
            Path certFile = certificateFor(cfg.deviceCertificates, name);
            if (certFile == null) {
                return failure(
                        source,
                        target,
                        Failure.SOURCE_UNREADABLE,
                        size,
                        "no device certificate "
                                + name.replaceFirst("\\..*", "") + "{" + String.join(",", CERTIFICATE_SUFFIXES)
                                + "} in "
                                + cfg.deviceCertificates);
            }
            X509Certificate cert;
            FileTime certTime;
            try {
                cert = KeyLoader.defaults().readCertificates(certFile).get(0);
                certTime = Files.getLastModifiedTime(certFile);
                EncryptedConfigBuilder.deviceKey(cert);
            } catch (EncryptedConfigException e) {
                return failure(
                        source,
                        target,
                        Failure.SIGNING_FAILED,
                        size,
                        certFile.getFileName() + ": " + e.getOriginalMessage());
            } catch (java.security.GeneralSecurityException | IOException | RuntimeException e) {
                return interrupted(e)
                        ? null
                        : failure(
                                source,
                                target,
                                Failure.SOURCE_UNREADABLE,
                                size,
                                "cannot read the device certificate " + certFile.getFileName() + ": "
                                        + FleetFileJob.describe(e));
            }
            Bytes stubPayload = null;
            if (cfg.stub) {
                try {
                    stubPayload = ConfigStub.payload(plain, cert);
                } catch (EncryptedConfigException e) {
                    return failure(source, target, Failure.SIGNING_FAILED, size, e.getOriginalMessage());
                }
            }
            FileTime newest = sourceTime.compareTo(certTime) >= 0 ? sourceTime : certTime;
            Path stubTarget = dir.resolve(stubName);
            if (!cfg.force
                    && encUpToDate(target, encName, plain, cert, newest)
                    && (stubPayload == null || stubUpToDate(stubTarget, stubName, stubPayload, newest))) {
                return interrupted(null)
                        ? null
                        : new FileResult(source, target, Status.UP_TO_DATE, null, size, 0, null);
            }
            Bytes enc;
            Bytes stub = null;
            try {
                enc = cfg.builder.encrypt(plain, cert, encName).encoded();
                if (stubPayload != null) {
                    stub = cfg.builder.stub(plain, cert, stubName).encoded();
                }
            } catch (EncryptedConfigException e) {
                return failure(source, target, Failure.SIGNING_FAILED, size, e.getOriginalMessage());
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                return interrupted(e)
                        ? null
                        : failure(
                                source,
                                target,
                                Failure.SIGNING_FAILED,
                                size,
                                "cannot encrypt: " + FleetFileJob.describe(e));
            }
            // both outputs are staged, then made durable in a batch with other sources' outputs (one fsync of each
            // directory per batch, not two per source); the clear source is removed only once they are durable
            AtomicFileWriter.Staged encStaged = null;
            AtomicFileWriter.Staged stubStaged = null;
            try {
                AtomicFileWriter bounded = FleetFileJob.writerFor(writers, writer, perms);
                encStaged = bounded.stage(target, enc);
                if (stub != null) {
                    stubStaged = bounded.stage(stubTarget, stub);
                }
            } catch (IOException | RuntimeException e) {
                if (encStaged != null) {
                    encStaged.abandon();
                }
                return interrupted(e)
                        ? null
                        : failure(
                                source,
                                target,
                                Failure.OUTPUT_UNWRITABLE,
                                size,
                                "cannot write " + (encStaged == null ? encName : stubName) + ": "
                                        + FleetFileJob.describe(e));
            }
            FileResult signed = new FileResult(
                    source, target, Status.SIGNED, null, size, enc.size() + (stub == null ? 0 : stub.size()), null);
            return FleetFileJob.handOff(
                    batches,
                    stubStaged == null ? List.of(encStaged) : List.of(encStaged, stubStaged),
                    signed,
                    cfg.removePlain && out == null ? () -> Files.deleteIfExists(source) : null);
        }

        private boolean encUpToDate(Path target, String encName, Bytes plain, X509Certificate cert, FileTime newest) {
            try {
                BasicFileAttributes a =
                        Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile() || a.lastModifiedTime().compareTo(newest) < 0) {
                    return false;
                }
                SgnFile f = reader.readSigned(target);
                EncryptionInfo info = EncryptionInfo.of(f);
                int modBytes =
                        (((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength() + 7) / 8;
                MessageDigest md =
                        MessageDigest.getInstance(cfg.builder.digest().jcaName().orElseThrow());
                plain.feed(md::update);
                return f.header().fileName().filter(encName::equals).isPresent()
                        && info.plainDigestAlgorithm().equals(cfg.builder.digest())
                        && MessageDigest.isEqual(md.digest(), info.plainDigest().toByteArray())
                        && info.wrappedKey().map(Bytes::size).orElse(-1) == modBytes
                        && verifier.verifySigned(f, cfg.signer.key().certificate())
                                .isVerified();
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                return false; // missing, unreadable or corrupt: encrypt again
            }
        }

        private boolean stubUpToDate(Path target, String stubName, Bytes payload, FileTime newest) {
            try {
                BasicFileAttributes a =
                        Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile() || a.lastModifiedTime().compareTo(newest) < 0) {
                    return false;
                }
                SgnFile f = reader.readSigned(target);
                return f.header().fileName().filter(stubName::equals).isPresent()
                        && f.payload().equals(payload)
                        && f.header()
                                .digestAlgorithm()
                                .filter(cfg.builder.digest()::equals)
                                .isPresent()
                        && verifier.verifySigned(f, cfg.signer.key().certificate())
                                .isVerified();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private boolean interrupted(Throwable e) {
            return FleetFileJob.interrupted(e, cancelled);
        }

        private static FileResult failure(Path source, Path target, Failure f, long size, String message) {
            return FleetFileJob.failure(source, target, f, size, message);
        }
    }

    /** Configures a {@link FleetEncryptor}. Mutable, not thread-safe. */
    public static final class Builder {
        private final EncryptedConfigBuilder builder;
        private final ItlSigner signer;
        private final Path deviceCertificates;
        private String glob = FleetSigner.DEFAULT_GLOB;
        private Path outputDirectory;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ItlLimits limits = ItlLimits.defaults();
        private boolean force;
        private boolean followSymlinks;
        private boolean stub = true;
        private boolean removePlain;
        private java.util.function.IntConsumer batchSizes;
        private FleetSigner.Progress progress;

        private Builder(EncryptedConfigBuilder builder, ItlSigner signer, Path deviceCertificates) {
            this.builder = Objects.requireNonNull(builder, "builder");
            this.signer = Objects.requireNonNull(signer, "signer");
            this.deviceCertificates = Objects.requireNonNull(deviceCertificates, "deviceCertificates");
        }

        /**
         * @param value the source names, as {@link FleetSigner.Builder#glob}
         * @return this builder
         */
        public Builder glob(String value) {
            glob = Objects.requireNonNull(value, "glob");
            return this;
        }

        /**
         * @param value where to write the outputs, or null for beside the sources
         * @return this builder
         */
        public Builder outputDirectory(Path value) {
            outputDirectory = value;
            return this;
        }

        /**
         * @param value worker threads, at least 1
         * @return this builder
         */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * @param value limits for sources and existing outputs
         * @return this builder
         */
        public Builder limits(ItlLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * @param value true to encrypt every file again, even when up to date
         * @return this builder
         */
        public Builder force(boolean value) {
            force = value;
            return this;
        }

        /**
         * @param value true to follow symbolic links
         * @return this builder
         */
        public Builder followSymlinks(boolean value) {
            followSymlinks = value;
            return this;
        }

        /**
         * @param value false to write no stub {@code .sgn}
         * @return this builder
         */
        public Builder stub(boolean value) {
            stub = value;
            return this;
        }

        /**
         * @param value true to delete each clear source once encrypted (only when writing beside the sources), as
         *     CUCM does so that phones cannot fetch it
         * @return this builder
         */
        public Builder removePlain(boolean value) {
            removePlain = value;
            return this;
        }

        /**
         * @param value the listener, or null
         * @return this builder
         */
        public Builder progress(FleetSigner.Progress value) {
            progress = value;
            return this;
        }

        /** @param value receives the number of sources in each durable batch as it is committed (tests) */
        Builder batchSizes(java.util.function.IntConsumer value) {
            batchSizes = value;
            return this;
        }

        /**
         * @return the fleet encryptor
         * @throws IllegalArgumentException for a malformed glob or fewer than 1 thread
         */
        public FleetEncryptor build() {
            return new FleetEncryptor(this);
        }
    }
}
