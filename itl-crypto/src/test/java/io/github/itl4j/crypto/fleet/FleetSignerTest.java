package io.github.itl4j.crypto.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.fleet.FleetSigner.Failure;
import io.github.itl4j.crypto.fleet.FleetSigner.FileResult;
import io.github.itl4j.crypto.fleet.FleetSigner.Result;
import io.github.itl4j.crypto.fleet.FleetSigner.Status;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSignerTest {
    private static final int FILES = 200;
    private static final long T0 = 1_750_000_000L;

    private static SigningKey key;
    private static SigningKey otherKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        key = KeyLoader.defaults()
                .pem(FleetTestSupport.keys("signer.pem"), FleetTestSupport.keys("signer-pkcs8.key"), null);
        otherKey = FleetTestSupport.certutilsKey("tftp-rsa2048");
    }

    private static ItlSigner signer(long epochSeconds) throws KeyLoadException {
        return ItlSigner.builder(key)
                .digest(DigestAlgorithm.SHA256)
                .clock(FleetTestSupport.fixedClock(epochSeconds))
                .build();
    }

    private static FleetSigner.Builder fleet(long epochSeconds) throws KeyLoadException {
        return FleetSigner.builder(signer(epochSeconds)).threads(4);
    }

    /** Writes {@code n} phone configurations of varied sizes (one empty) plus files that must not be selected. */
    private static List<Path> configs(Path d, int n) throws IOException {
        Random rnd = new Random(42);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = d.resolve(String.format("SEP%012X.cnf.xml", 0x001122000000L + i));
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device>\n");
            int lines = i == 0 ? -1 : rnd.nextInt(60);
            for (int j = 0; j < lines; j++) {
                sb.append("  <line index=\"")
                        .append(j)
                        .append("\">")
                        .append(Long.toHexString(rnd.nextLong()))
                        .append("</line>\n");
            }
            sb.append("</device>\n");
            Files.write(p, i == 0 ? new byte[0] : sb.toString().getBytes(StandardCharsets.UTF_8));
            out.add(p);
        }
        Files.writeString(d.resolve("readme.txt"), "not a configuration");
        Files.writeString(d.resolve("old.cnf.xml.sgn"), "an unrelated signed file, never a source");
        Files.createDirectory(d.resolve("folder.cnf.xml"));
        return out;
    }

    private static Path sgn(Path source) {
        return source.resolveSibling(source.getFileName() + ".sgn");
    }

    private static Set<String> tempFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertSignedCorrectly(Path source, Path out, X509Certificate cert) throws Exception {
        byte[] src = Files.readAllBytes(source);
        SgnFile f = ItlReader.defaults().readSigned(out);
        assertTrue(FleetTestSupport.jcaVerify(f, cert.getPublicKey()), out + " does not verify");
        assertArrayEquals(src, ItlSigner.strip(f).toByteArray(), out + " does not strip back to its source");
        assertEquals(out.getFileName().toString(), f.header().fileName().orElseThrow());
    }

    @Test
    void signsEveryConfigurationAndEachVerifiesAndStripsBack() throws Exception {
        List<Path> sources = configs(dir, FILES);
        List<Long> completed = new ArrayList<>();
        long[] started = {-1};
        FleetSigner.Progress progress = new FleetSigner.Progress() {
            @Override
            public void started(long expectedFiles) {
                started[0] = expectedFiles;
            }

            @Override
            public void fileDone(FileResult r, long done, long expected) {
                completed.add(done); // not thread-safe on purpose: calls must be serialized
                assertEquals(FILES, expected);
            }
        };
        Result r = fleet(T0).progress(progress).build().sign(dir);

        assertEquals(FILES, r.signed());
        assertEquals(0, r.upToDate());
        assertEquals(0, r.failed());
        assertTrue(r.isSuccess());
        assertTrue(r.failures().isEmpty());
        long srcBytes = 0;
        long sgnBytes = 0;
        for (Path p : sources) {
            assertSignedCorrectly(p, sgn(p), key.certificate());
            srcBytes += Files.size(p);
            sgnBytes += Files.size(sgn(p));
        }
        assertEquals(srcBytes, r.sourceBytes());
        assertEquals(sgnBytes, r.writtenBytes());
        assertEquals(FILES, started[0]);
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= FILES; i++) {
            expected.add(i);
        }
        assertEquals(expected, completed);
        assertFalse(Files.exists(dir.resolve("readme.txt.sgn")));
        assertFalse(Files.exists(dir.resolve("old.cnf.xml.sgn.sgn")));
        assertFalse(Files.exists(dir.resolve("folder.cnf.xml.sgn")));
        assertEquals(Set.of(), tempFiles(dir));
    }

    @Test
    void aRunCreatesNoFileBesideItsOutputsButAUmaskProbePerWorker() throws Exception {
        // issue 17: a writer per file probed the umask with an empty file (created, then unlinked) beside every
        // new output: two extra syscalls and an inode freed per file, which a journal-less ext4 then scans past
        List<Path> sources = configs(dir, FILES);
        Set<String> created = createdDuring(
                dir, () -> assertEquals(FILES, fleet(T0).build().sign(dir).signed()));
        Set<String> probes = created.stream()
                .filter(n -> n.startsWith(".itl4j-probe."))
                .collect(Collectors.toCollection(TreeSet::new));
        // the writer learns the umask once per directory; the 4 workers may race on the first files, no more
        assertTrue(probes.size() <= 4, "one umask probe per directory and worker, not one per file: " + probes);
        for (Path p : sources) {
            assertTrue(created.contains(sgn(p).getFileName().toString()), "output created: " + sgn(p));
        }
    }

    @Test
    void staleTemporaryFilesAreRemovedFromTheListingAndNoOwnerProbeIsMadeWhenThereAreNone() throws Exception {
        // issue 17: the run found stale temporaries by listing the directory a second time and learned the user
        // with a probe file (created, then unlinked) every time; now its own listing finds them and the probe is
        // only made when one is old enough to be removed
        configs(dir, 20);
        Path stale = Files.writeString(dir.resolve(".SEP000000000001.cnf.xml.sgn.0123456789abcdef.tmp"), "killed");
        Files.setLastModifiedTime(
                stale,
                FileTime.from(java.time.Instant.now()
                        .minus(io.github.itl4j.io.AtomicFileWriter.STALE_AFTER)
                        .minusSeconds(60)));
        Path fresh = Files.writeString(dir.resolve(".SEP000000000002.cnf.xml.sgn.fedcba9876543210.tmp"), "live");
        assertEquals(20, fleet(T0).build().sign(dir).signed());
        assertFalse(Files.exists(stale, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(fresh));
        Files.delete(fresh);

        Set<String> created = createdDuring(
                dir,
                () -> assertEquals(20, fleet(T0).force(true).build().sign(dir).signed()));
        assertEquals(
                Set.of(),
                created.stream().filter(n -> n.contains("probe")).collect(Collectors.toSet()),
                "no probe file when no temporary file is stale");
    }

    @Test
    void aFileIsReportedSignedOnlyOnceItsOutputIsInPlaceOverSeveralBatches() throws Exception {
        int n = DurableBatches.MAX_BATCH + 57;
        List<Path> sources = configs(dir, n);
        List<String> notInPlace = new ArrayList<>();
        Result r = fleet(T0)
                .threads(3)
                .progress((res, done, total) -> {
                    try {
                        if (res.status() == Status.SIGNED
                                && !java.util.Arrays.equals(
                                        ItlReader.defaults()
                                                .readSigned(res.output())
                                                .payload()
                                                .toByteArray(),
                                        Files.readAllBytes(res.source()))) {
                            notInPlace.add(res.output().getFileName().toString());
                        }
                    } catch (IOException e) {
                        notInPlace.add(res.output().getFileName() + " (" + e + ")");
                    }
                })
                .build()
                .sign(dir);
        assertEquals(n, r.signed(), r.toString());
        assertEquals(List.of(), notInPlace, "reported signed before the output was renamed into place");
        assertEquals(Set.of(), tempFiles(dir));
        for (Path p : List.of(sources.get(0), sources.get(n / 2), sources.get(n - 1))) {
            assertSignedCorrectly(p, sgn(p), key.certificate());
        }
    }

    @Test
    void outputIsByteForByteWhatSignConfigGivesWithTheSameClock() throws Exception {
        List<Path> sources = configs(dir, 20);
        fleet(T0).threads(3).build().sign(dir);
        ItlSigner reference = signer(T0);
        for (Path p : sources) {
            String name = p.getFileName() + ".sgn";
            byte[] expected = reference
                    .signConfig(Bytes.wrapOwned(Files.readAllBytes(p)), name)
                    .encoded()
                    .toByteArray();
            assertArrayEquals(expected, Files.readAllBytes(sgn(p)), name);
        }
    }

    @Test
    void secondRunSkipsEverythingAndWritesNothing() throws Exception {
        List<Path> sources = configs(dir, FILES);
        fleet(T0).build().sign(dir);
        Map<Path, byte[]> before = snapshot(sources);

        // another clock: any file signed again would get another TIMESTAMP, hence other bytes
        Result r = fleet(T0 + 1000).build().sign(dir);

        assertEquals(0, r.signed());
        assertEquals(FILES, r.upToDate());
        assertEquals(0, r.failed());
        assertEquals(0, r.writtenBytes());
        assertUnchanged(before, sources, Set.of());
    }

    @Test
    void touchingOneSourceResignsOnlyIt() throws Exception {
        List<Path> sources = configs(dir, FILES);
        fleet(T0).build().sign(dir);
        Map<Path, byte[]> before = snapshot(sources);
        Path touched = sources.get(17);
        Files.setLastModifiedTime(
                touched,
                FileTime.fromMillis(Files.getLastModifiedTime(sgn(touched)).toMillis() + 3_600_000));

        List<FileResult> signedNow = new ArrayList<>();
        Result r = fleet(T0 + 1000)
                .progress((res, done, total) -> {
                    if (res.status() == Status.SIGNED) {
                        signedNow.add(res);
                    }
                })
                .build()
                .sign(dir);

        assertEquals(1, r.signed());
        assertEquals(FILES - 1, r.upToDate());
        assertEquals(1, signedNow.size());
        assertEquals(touched, signedNow.get(0).source());
        assertUnchanged(before, sources, Set.of(touched));
        assertNotEquals(Bytes.wrapOwned(before.get(touched)), Bytes.wrapOwned(Files.readAllBytes(sgn(touched))));
        SgnFile f = ItlReader.defaults().readSigned(sgn(touched));
        assertEquals(T0 + 1000, f.header().timestampSeconds().orElseThrow());
        assertSignedCorrectly(touched, sgn(touched), key.certificate());
    }

    @Test
    void changedContentIsResignedEvenIfTheSgnIsNewer() throws Exception {
        List<Path> sources = configs(dir, 10);
        fleet(T0).build().sign(dir);
        Path changed = sources.get(3);
        FileTime sgnTime = Files.getLastModifiedTime(sgn(changed));
        Files.writeString(changed, "<device>changed</device>\n");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(sgnTime.toMillis() - 60_000));

        Result r = fleet(T0 + 1000).build().sign(dir);

        assertEquals(1, r.signed());
        assertEquals(9, r.upToDate());
        assertSignedCorrectly(changed, sgn(changed), key.certificate());
    }

    @Test
    void corruptedTruncatedOrForeignSgnIsResigned() throws Exception {
        List<Path> sources = configs(dir, 30);
        fleet(T0).build().sign(dir);
        Map<Path, byte[]> before = snapshot(sources);

        Path flipped = sources.get(1);
        byte[] b = Files.readAllBytes(sgn(flipped));
        Files.write(sgn(flipped), FleetTestSupport.flip(b, b.length - 1)); // in the payload
        Path sigFlipped = sources.get(2);
        SgnFile parsed = ItlReader.defaults().readSigned(sgn(sigFlipped));
        byte[] c = Files.readAllBytes(sgn(sigFlipped));
        Files.write(sgn(sigFlipped), FleetTestSupport.flip(c, parsed.header().signatureOffset() + 10));
        Path truncated = sources.get(3);
        byte[] t = Files.readAllBytes(sgn(truncated));
        Files.write(sgn(truncated), java.util.Arrays.copyOf(t, 40));
        Path foreign = sources.get(4); // a valid .sgn of the same source, but signed by another key
        ItlSigner other = ItlSigner.builder(otherKey)
                .digest(DigestAlgorithm.SHA256)
                .clock(FleetTestSupport.fixedClock(T0))
                .build();
        Files.write(
                sgn(foreign),
                other.signConfig(Bytes.wrapOwned(Files.readAllBytes(foreign)), foreign.getFileName() + ".sgn")
                        .encoded()
                        .toByteArray());
        Path otherDigest = sources.get(5); // valid and ours, but SHA-1 while the run asks for SHA-256
        ItlSigner sha1 =
                ItlSigner.builder(key).clock(FleetTestSupport.fixedClock(T0)).build();
        Files.write(
                sgn(otherDigest),
                sha1.signConfig(Bytes.wrapOwned(Files.readAllBytes(otherDigest)), otherDigest.getFileName() + ".sgn")
                        .encoded()
                        .toByteArray());
        Path emptied = sources.get(6);
        Files.write(sgn(emptied), new byte[0]);
        Set<Path> damaged = Set.of(flipped, sigFlipped, truncated, foreign, otherDigest, emptied);

        Set<Path> resigned = new HashSet<>();
        Result r = fleet(T0 + 1000)
                .progress((res, done, total) -> {
                    if (res.status() == Status.SIGNED) {
                        resigned.add(res.source());
                    }
                })
                .build()
                .sign(dir);

        assertEquals(damaged, resigned);
        assertEquals(damaged.size(), r.signed());
        assertEquals(30 - damaged.size(), r.upToDate());
        for (Path p : damaged) {
            assertSignedCorrectly(p, sgn(p), key.certificate());
        }
        assertUnchanged(before, sources, damaged);
    }

    @Test
    void forceResignsEverything() throws Exception {
        configs(dir, 12);
        fleet(T0).build().sign(dir);
        Result r = fleet(T0 + 1000).force(true).build().sign(dir);
        assertEquals(12, r.signed());
        assertEquals(0, r.upToDate());
    }

    @Test
    void brokenLinkSourceFailsAndTheRestSucceed() throws Exception {
        List<Path> sources = configs(dir, 25);
        Path broken = dir.resolve("SEPDEADBEEF0000.cnf.xml");
        Files.createSymbolicLink(broken, dir.resolve("no-such-target.xml"));

        Result r = fleet(T0).build().sign(dir);

        assertEquals(25, r.signed());
        assertEquals(1, r.failed());
        assertFalse(r.isSuccess());
        FileResult f = r.failures().get(0);
        assertEquals(broken, f.source());
        assertEquals(Status.FAILED, f.status());
        assertEquals(Failure.SOURCE_UNREADABLE, f.failure().orElseThrow());
        assertFalse(f.message().orElseThrow().contains("\n"));
        assertFalse(Files.exists(sgn(broken), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        for (Path p : sources) {
            assertSignedCorrectly(p, sgn(p), key.certificate());
        }
    }

    @Test
    void unreadableSourceFailsAndTheRestSucceed() throws Exception {
        List<Path> sources = configs(dir, 25);
        Path locked = sources.get(7);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as root: permissions do not stop reads");
        try {
            Result r = fleet(T0).build().sign(dir);
            assertEquals(24, r.signed());
            assertEquals(1, r.failed());
            assertEquals(locked, r.failures().get(0).source());
            assertEquals(
                    Failure.SOURCE_UNREADABLE, r.failures().get(0).failure().orElseThrow());
            assertFalse(Files.exists(sgn(locked)));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void readOnlySourcesAreSignedAndTheirOutputsStayReadOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        List<Path> sources = configs(dir, 5);
        for (Path p : sources) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        }
        // the output is written and forced through the descriptor it was created with: opening the read-only
        // temporary file again to force it failed ("access denied") for every user but root
        Result r = fleet(T0).build().sign(dir);
        assertEquals(5, r.signed(), r.failures().toString());
        for (Path p : sources) {
            Set<PosixFilePermission> out = Files.getPosixFilePermissions(sgn(p));
            assertTrue(PosixFilePermissions.fromString("r--r--r--").containsAll(out), out.toString());
            assertTrue(out.contains(PosixFilePermission.OWNER_READ), out.toString());
        }
        Result again = fleet(T0).force(true).build().sign(dir); // replacing read-only outputs
        assertEquals(5, again.signed(), again.failures().toString());
    }

    @Test
    void sourceOverMaxPayloadSizeFails() throws Exception {
        Files.write(dir.resolve("SEP000000000001.cnf.xml"), new byte[100]);
        Files.write(dir.resolve("SEP000000000002.cnf.xml"), new byte[101]);
        Result r = fleet(T0)
                .limits(ItlLimits.builder().maxPayloadSize(100).build())
                .build()
                .sign(dir);
        assertEquals(1, r.signed());
        assertEquals(1, r.failed());
        assertEquals(dir.resolve("SEP000000000002.cnf.xml"), r.failures().get(0).source());
        assertEquals(Failure.SOURCE_TOO_LARGE, r.failures().get(0).failure().orElseThrow());
        assertTrue(Files.exists(dir.resolve("SEP000000000001.cnf.xml.sgn")));
        assertFalse(Files.exists(dir.resolve("SEP000000000002.cnf.xml.sgn")));
    }

    @Test
    void outputDirectoryReceivesTheFilesAndSourcesAreUntouched() throws Exception {
        List<Path> sources = configs(dir, 15);
        Path out = dir.resolve("out").resolve("signed");
        Result r = fleet(T0).outputDirectory(out).build().sign(dir);
        assertEquals(15, r.signed());
        for (Path p : sources) {
            assertSignedCorrectly(p, out.resolve(p.getFileName() + ".sgn"), key.certificate());
            assertFalse(Files.exists(sgn(p)));
        }
        assertEquals(0, fleet(T0).outputDirectory(out).build().sign(dir).signed());
    }

    @Test
    void outputsThatCannotBeWrittenAreReportedAndLeaveNoTemporaryFiles() throws Exception {
        List<Path> sources = configs(dir, 20);
        Path out = Files.createDirectory(dir.resolve("out"));
        Set<Path> blocked = Set.of(sources.get(2), sources.get(11), sources.get(19));
        for (Path p : blocked) { // a non-empty folder where the .sgn should go: the rename must fail
            Path d = Files.createDirectory(out.resolve(p.getFileName() + ".sgn"));
            Files.writeString(d.resolve("keep"), "x");
        }

        Result r = fleet(T0).outputDirectory(out).build().sign(dir);

        assertEquals(17, r.signed());
        assertEquals(3, r.failed());
        Set<Path> failed = new HashSet<>();
        for (FileResult f : r.failures()) {
            assertEquals(Failure.OUTPUT_UNWRITABLE, f.failure().orElseThrow());
            failed.add(f.source());
        }
        assertEquals(blocked, failed);
        assertEquals(Set.of(), tempFiles(out));
        for (Path p : blocked) {
            assertTrue(Files.isDirectory(out.resolve(p.getFileName() + ".sgn")));
        }
    }

    @Test
    void readOnlyOutputDirectoryFailsEveryFileAndLeavesItEmpty() throws Exception {
        configs(dir, 10);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(out), "running as root: permissions do not stop writes");
            Result r = fleet(T0).outputDirectory(out).build().sign(dir);
            assertEquals(0, r.signed());
            assertEquals(10, r.failed());
            r.failures()
                    .forEach(f ->
                            assertEquals(Failure.OUTPUT_UNWRITABLE, f.failure().orElseThrow()));
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void globSelectsFilesButNeverSgn() throws Exception {
        Files.writeString(dir.resolve("SEP000000000001.cnf.xml"), "<a/>");
        Files.writeString(dir.resolve("RingList.xml"), "<b/>");
        Files.writeString(dir.resolve("already.sgn"), "x");
        Result r = fleet(T0).glob("*").build().sign(dir);
        assertEquals(2, r.signed());
        assertTrue(Files.exists(dir.resolve("RingList.xml.sgn")));
        assertFalse(Files.exists(dir.resolve("already.sgn.sgn")));
        Result again = fleet(T0).glob("*").build().sign(dir);
        assertEquals(2, again.upToDate());
        assertEquals(0, again.signed());
        assertThrows(IllegalArgumentException.class, () -> fleet(T0).glob("*.{xml"));
    }

    @Test
    void interruptStopsTheRunLeavesNoPartialFilesAndTheNextRunResumes() throws Exception {
        List<Path> sources = configs(dir, FILES);
        Thread caller = Thread.currentThread();
        AtomicInteger calls = new AtomicInteger();
        FleetSigner cancelling = fleet(T0)
                .threads(2)
                .progress((res, done, total) -> {
                    if (calls.incrementAndGet() == 5) {
                        caller.interrupt();
                    }
                })
                .build();

        assertThrows(InterruptedException.class, () -> cancelling.sign(dir));
        assertFalse(Thread.interrupted());

        assertEquals(Set.of(), tempFiles(dir));
        int present = 0;
        for (Path p : sources) {
            if (Files.exists(sgn(p))) {
                present++;
                assertSignedCorrectly(p, sgn(p), key.certificate());
            }
        }
        assertTrue(present >= 5 && present < FILES, "signed before the interrupt: " + present);

        Result r = fleet(T0).build().sign(dir);
        assertEquals(FILES, r.total());
        assertEquals(present, r.upToDate());
        assertEquals(FILES - present, r.signed());
    }

    @Test
    void aThrowingListenerStopsTheRunAndItsExceptionIsRethrown() throws Exception {
        configs(dir, 50);
        IllegalStateException boom = new IllegalStateException("listener broke");
        FleetSigner f = fleet(T0)
                .threads(2)
                .progress((res, done, total) -> {
                    if (done == 3) {
                        throw boom;
                    }
                })
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.sign(dir));
        assertSame(boom, e);
        assertFalse(Thread.interrupted());
        assertEquals(Set.of(), tempFiles(dir));
    }

    @Test
    void aMissingDirectoryIsAnIoException() throws Exception {
        assertThrows(
                java.nio.file.NotDirectoryException.class,
                () -> fleet(T0).build().sign(dir.resolve("nope")));
        assertThrows(IllegalArgumentException.class, () -> fleet(T0).threads(0));
    }

    @Test
    void symlinkedSourcesAreRefusedPerFileUnlessLinksAreFollowed() throws Exception {
        List<Path> sources = configs(dir, 5);
        Path secretDir = Files.createDirectory(dir.resolve("private"));
        Path secret = Files.writeString(secretDir.resolve("shadow"), "<password>hunter2</password>");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path planted = Files.createSymbolicLink(dir.resolve("SEP0000DEADBEEF.cnf.xml"), secret);

        Result r = fleet(T0).build().sign(dir);

        assertEquals(5, r.signed());
        assertEquals(1, r.failed());
        FileResult f = r.failures().get(0);
        assertEquals(planted, f.source());
        assertEquals(Failure.SOURCE_UNREADABLE, f.failure().orElseThrow());
        assertTrue(
                f.message().orElseThrow().contains("symbolic link"), f.message().orElseThrow());
        assertFalse(Files.exists(sgn(planted), LinkOption.NOFOLLOW_LINKS));
        for (Path p : sources) {
            assertSignedCorrectly(p, sgn(p), key.certificate());
        }

        Result followed = fleet(T0).followSymlinks(true).build().sign(dir);
        assertEquals(1, followed.signed());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sgn(planted))));
    }

    @Test
    void aSymlinkedSgnIsNotWrittenThrough() throws Exception {
        Path src = Files.writeString(dir.resolve("SEP000000000001.cnf.xml"), "<a/>");
        Path victim = Files.writeString(dir.resolve("victim"), "root-only content");
        Files.createSymbolicLink(sgn(src), victim);
        Result r = fleet(T0).build().sign(dir);
        assertEquals(1, r.failed());
        assertEquals(Failure.OUTPUT_UNWRITABLE, r.failures().get(0).failure().orElseThrow());
        assertEquals("root-only content", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(sgn(src)));
    }

    @Test
    void outputsNeverGetWiderPermissionsThanTheirSource() throws Exception {
        Path priv = Files.writeString(dir.resolve("SEP000000000001.cnf.xml"), "<secret/>");
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        Path group = Files.writeString(dir.resolve("SEP000000000002.cnf.xml"), "<shared/>");
        Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(2, fleet(T0).build().sign(dir).signed());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sgn(priv))));
        Set<java.nio.file.attribute.PosixFilePermission> g = Files.getPosixFilePermissions(sgn(group));
        assertTrue(PosixFilePermissions.fromString("rw-r-----").containsAll(g), g.toString());

        // an up-to-date .sgn that is wider than its source (written by an older version) is written again
        Files.setPosixFilePermissions(sgn(priv), PosixFilePermissions.fromString("rw-r--r--"));
        Result again = fleet(T0).build().sign(dir);
        assertEquals(1, again.signed());
        assertEquals(1, again.upToDate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sgn(priv))));
    }

    @Test
    void aSecondRunOnALockedDirectoryFailsAtOnceAndSignsNothing() throws Exception {
        configs(dir, 3);
        try (FileChannel ch = FileChannel.open(
                        dir.resolve(FleetSigner.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            FleetLockedException e = assertThrows(
                    FleetLockedException.class, () -> fleet(T0).build().sign(dir));
            assertTrue(e.getMessage().contains(FleetSigner.LOCK_FILE), e.getMessage());
            assertEquals(0, tempFiles(dir).size());
            assertFalse(Files.exists(dir.resolve("SEP001122000000.cnf.xml.sgn")));
        }
        assertEquals(3, fleet(T0).build().sign(dir).signed()); // released: the next run works
    }

    private static Map<Path, byte[]> snapshot(List<Path> sources) throws IOException {
        Map<Path, byte[]> m = new HashMap<>();
        for (Path p : sources) {
            m.put(p, Files.readAllBytes(sgn(p)));
        }
        return m;
    }

    private static void assertUnchanged(Map<Path, byte[]> before, List<Path> sources, Set<Path> except)
            throws IOException {
        for (Path p : sources) {
            if (!except.contains(p)) {
                assertArrayEquals(before.get(p), Files.readAllBytes(sgn(p)), p + " was rewritten");
            }
        }
    }

    /** SPEC 7.7: a recursive run keeps the path relative to the TFTP root in FILENAME, as UCMNZ signs its files. */
    @Test
    void recursiveRunNamesFilenameWithThePathRelativeToTheRoot() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("Desktops/320x196x4"));
        Path list = Files.writeString(sub.resolve("List.xml"), "<CIPPhoneImageList/>\n");
        Path top = Files.writeString(dir.resolve("SEP001122334455.cnf.xml"), "<device/>\n");
        Result r = fleet(T0).glob("*.xml").recursive(true).build().sign(dir);
        assertEquals(2, r.signed(), r.toString());
        SgnFile f = ItlReader.defaults().readSigned(sgn(list));
        assertEquals("Desktops/320x196x4/List.xml.sgn", f.header().fileName().orElseThrow());
        assertEquals(
                32,
                f.header()
                        .find(io.github.itl4j.HeaderTags.FILE_NAME)
                        .orElseThrow()
                        .length()); // incl. NUL
        assertTrue(FleetTestSupport.jcaVerify(f, key.certificate().getPublicKey()));
        assertEquals(
                "SEP001122334455.cnf.xml.sgn",
                ItlReader.defaults().readSigned(sgn(top)).header().fileName().orElseThrow());
        // resumable with the relative FILENAME: the second run finds both up to date
        assertEquals(
                2,
                fleet(T0 + 1000).glob("*.xml").recursive(true).build().sign(dir).upToDate());

        // into an output directory: the same relative path below it
        Path out = dir.resolve("signed-out"); // holds only .sgn files and the lock: never a source
        Result o = fleet(T0)
                .glob("*.xml")
                .recursive(true)
                .outputDirectory(out)
                .build()
                .sign(dir);
        assertEquals(2, o.signed(), o.toString());
        assertArrayEquals(
                Files.readAllBytes(sgn(list)), Files.readAllBytes(out.resolve("Desktops/320x196x4/List.xml.sgn")));

        // not recursive (the default): the subdirectory is left alone
        Files.delete(sgn(list));
        fleet(T0).glob("*.xml").force(true).build().sign(dir);
        assertFalse(Files.exists(sgn(list)));
    }

    /** Something to run that may throw. */
    private interface Run {
        void run() throws Exception;
    }

    /**
     * @param dir a directory
     * @param run what to watch
     * @return the names of the entries created in {@code dir} while {@code run} ran (inotify), even those deleted again
     */
    private static Set<String> createdDuring(Path dir, Run run) throws Exception {
        Set<String> created = new TreeSet<>();
        try (java.nio.file.WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            run.run();
            Files.writeString(dir.resolve("zz-sentinel"), "events are ordered: once this one is seen, all are");
            while (!created.contains("zz-sentinel")) {
                java.nio.file.WatchKey k = watch.take();
                for (java.nio.file.WatchEvent<?> e : k.pollEvents()) {
                    assertNotEquals(java.nio.file.StandardWatchEventKinds.OVERFLOW, e.kind(), "events were lost");
                    created.add(e.context().toString());
                }
                k.reset();
            }
        }
        return created;
    }
}
