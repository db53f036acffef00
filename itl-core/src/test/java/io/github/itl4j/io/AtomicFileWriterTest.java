package io.github.itl4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.Bytes;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic write: temporary file, force, rename; nothing left behind on failure; no writes through links. */
class AtomicFileWriterTest {
    private static final AtomicFileWriter W = AtomicFileWriter.defaults();

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void createsThenReplaces() throws Exception {
        Path t = dir.resolve("a.cnf.xml.sgn");
        W.write(t, Bytes.utf8("first"));
        assertArrayEquals("first".getBytes(), Files.readAllBytes(t));
        W.write(t, Bytes.utf8("second, longer"));
        assertArrayEquals("second, longer".getBytes(), Files.readAllBytes(t));
        W.write(t, Bytes.EMPTY);
        assertEquals(0, Files.size(t));
        assertEquals(List.of("a.cnf.xml.sgn"), names());
    }

    @Test
    void aRelativeTargetIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Path t = dir.resolve("rel.sgn");
        W.write(t, Bytes.fromHex("00ff"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, Files.readAllBytes(t));
    }

    @Test
    void anInterruptedWriteLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path t = dir.resolve("b.sgn");
        Files.writeString(t, "old");
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class, () -> W.write(t, Bytes.utf8("new")));
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertEquals("old", Files.readString(t));
        assertEquals(List.of("b.sgn"), names());
    }

    @Test
    void aFailedRenameDeletesTheTemporaryFile() throws Exception {
        Path t = Files.createDirectory(dir.resolve("c.sgn"));
        Files.writeString(t.resolve("inside"), "x");
        assertThrows(IOException.class, () -> W.write(t, Bytes.utf8("data")));
        assertEquals(List.of("c.sgn"), names());
        assertTrue(Files.isDirectory(t));
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingAnything() {
        assertThrows(IOException.class, () -> W.write(dir.resolve("no").resolve("d.sgn"), Bytes.EMPTY));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void recognisesItsTemporaryNames() {
        assertTrue(AtomicFileWriter.isTemporaryName(".SEP001122334455.cnf.xml.sgn.0123456789abcdef.tmp"));
        assertFalse(AtomicFileWriter.isTemporaryName("SEP001122334455.cnf.xml.sgn.0123456789abcdef.tmp"));
        assertFalse(AtomicFileWriter.isTemporaryName(".x.0123456789abcdeg.tmp"));
        assertFalse(AtomicFileWriter.isTemporaryName(".tmp"));
        assertFalse(AtomicFileWriter.isTemporaryName("notes.tmp"));
    }

    @Test
    void aSymbolicLinkAtTheTargetIsRefusedAndItsTargetKept() throws Exception {
        Path secret = Files.writeString(dir.resolve("root-only"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("ITLFile.tlv"), secret);
        UnsafeTargetException e = assertThrows(UnsafeTargetException.class, () -> W.write(link, Bytes.utf8("x")));
        assertEquals(UnsafeTargetException.Kind.SYMBOLIC_LINK, e.kind());
        assertEquals(link.toString(), e.getFile());
        assertEquals("precious", Files.readString(secret));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("ITLFile.tlv", "root-only"), names());
    }

    @Test
    void aSymbolicLinkIsFollowedOnlyWhenAsked() throws Exception {
        Path real = Files.writeString(dir.resolve("real"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertEquals(real.toRealPath(), W.followSymlinks(true).write(link, Bytes.utf8("new")));
        assertEquals("new", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));
        UnsafeTargetException e = assertThrows(
                UnsafeTargetException.class, () -> W.followSymlinks(true).write(dangling, Bytes.utf8("x")));
        assertEquals(UnsafeTargetException.Kind.DANGLING_SYMBOLIC_LINK, e.kind());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void aDeviceNodeOrFifoIsNeverReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "no /dev/null here");
        UnsafeTargetException e = assertThrows(UnsafeTargetException.class, () -> W.write(devNull, Bytes.utf8("x")));
        assertEquals(UnsafeTargetException.Kind.SPECIAL_FILE, e.kind());
        assertFalse(Files.isRegularFile(devNull));
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "no mkfifo");
        assertThrows(UnsafeTargetException.class, () -> W.write(fifo, Bytes.utf8("x")));
        assertFalse(Files.isRegularFile(fifo));
        assertEquals(
                UnsafeTargetException.Kind.DIRECTORY,
                assertThrows(UnsafeTargetException.class, () -> W.write(dir, Bytes.EMPTY))
                        .kind());
    }

    @Test
    void permissionsAreTheTargetsOrNarrowerNeverWider() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path t = Files.writeString(dir.resolve("keep"), "old");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r-----"));
        W.write(t, Bytes.utf8("new"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(t)));
        Path n = dir.resolve("new");
        W.permissionsAtMost(PosixFilePermissions.fromString("rw-------")).write(n, Bytes.utf8("secret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(n)));
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-rw-rw-"));
        W.permissionsAtMost(PosixFilePermissions.fromString("rw-r-----")).write(t, Bytes.utf8("x"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(t)));
    }

    @Test
    void aMissingDirectoryIsReportedUnderTheTargetsNameNotTheTemporaryFiles() {
        Path t = dir.resolve("nodir").resolve("x.tlv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> W.write(t, Bytes.EMPTY));
        assertEquals(t.toString(), e.getFile());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void staleTemporaryFilesOfTheSameUserAreRemovedFreshOnesKept() throws Exception {
        Path stale = Files.writeString(dir.resolve(".ITLFile.tlv.0123456789abcdef.tmp"), "left by kill -9");
        Files.setLastModifiedTime(
                stale,
                FileTime.from(Instant.now().minus(AtomicFileWriter.STALE_AFTER).minusSeconds(60)));
        Path fresh = Files.writeString(dir.resolve(".ITLFile.tlv.fedcba9876543210.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".other.0123456789abcdef.tmp"), "another name");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(stale));
        Path notOurs = Files.writeString(dir.resolve("notes.tmp"), "x");
        Files.setLastModifiedTime(notOurs, Files.getLastModifiedTime(stale));

        W.write(dir.resolve("ITLFile.tlv"), Bytes.utf8("new"));

        assertFalse(Files.exists(stale, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(notOurs));
        assertEquals(1, AtomicFileWriter.removeStaleTemporaryFiles(dir, null, AtomicFileWriter.STALE_AFTER));
        assertFalse(Files.exists(other));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void staleTemporaryFilesAmongListedCandidatesAreRemovedWithoutAProbeWhenNoneIsOld() throws Exception {
        // issue 17: a fleet run lists its directory once; the stale temporaries are found in that listing, and the
        // owner probe is only created when one of them is old enough to go
        Instant old = Instant.now().minus(AtomicFileWriter.STALE_AFTER).minusSeconds(60);
        Path fresh = Files.writeString(dir.resolve(".a.sgn.fedcba9876543210.tmp"), "being written");
        Path notTemporary = Files.writeString(dir.resolve("notes.tmp"), "x");
        Files.setLastModifiedTime(notTemporary, FileTime.from(old));
        List<Path> listed = List.of(fresh, notTemporary, dir.resolve(".gone.0123456789abcdef.tmp"));

        assertEquals(0, AtomicFileWriter.removeStaleTemporaryFiles(listed, AtomicFileWriter.STALE_AFTER));
        assertEquals(List.of(".a.sgn.fedcba9876543210.tmp", "notes.tmp"), names()); // no probe file was created

        Path stale = Files.writeString(dir.resolve(".b.sgn.0123456789abcdef.tmp"), "left by kill -9");
        Files.setLastModifiedTime(stale, FileTime.from(old));
        Path staleDir = Files.createDirectory(dir.resolve(".c.sgn.0123456789abcdef.tmp"));
        Files.setLastModifiedTime(staleDir, FileTime.from(old));
        assertEquals(
                1,
                AtomicFileWriter.removeStaleTemporaryFiles(
                        List.of(fresh, notTemporary, stale, staleDir), AtomicFileWriter.STALE_AFTER));
        assertEquals(List.of(".a.sgn.fedcba9876543210.tmp", ".c.sgn.0123456789abcdef.tmp", "notes.tmp"), names());
    }

    @Test
    void aStagedFileReplacesTheTargetOnlyWhenCommitted() throws Exception {
        Path t = dir.resolve("c.cnf.xml.sgn");
        W.write(t, Bytes.utf8("old"));
        AtomicFileWriter.Staged s = W.stage(t, Bytes.utf8("new content"));
        assertArrayEquals("old".getBytes(), Files.readAllBytes(t), "staging must not touch the target");
        assertEquals(2, names().size(), "one temporary file beside the target: " + names());
        assertTrue(AtomicFileWriter.isTemporaryName(names().get(0)), names().toString());
        s.force();
        assertEquals(t, s.commit());
        AtomicFileWriter.syncDirectory(dir);
        assertArrayEquals("new content".getBytes(), Files.readAllBytes(t));
        assertEquals(List.of("c.cnf.xml.sgn"), names());
        assertThrows(IllegalStateException.class, s::commit);
        s.abandon(); // no effect after the commit
        assertArrayEquals("new content".getBytes(), Files.readAllBytes(t));
    }

    @Test
    void anAbandonedStagedFileLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path t = dir.resolve("d.sgn");
        W.write(t, Bytes.utf8("old"));
        AtomicFileWriter.Staged s = W.stage(t, Bytes.utf8("new"));
        s.abandon();
        assertEquals(List.of("d.sgn"), names());
        assertArrayEquals("old".getBytes(), Files.readAllBytes(t));
        assertThrows(IllegalStateException.class, s::commit);
    }

    @Test
    void aLinkPlantedBetweenStagingAndCommitIsRefused() throws Exception {
        Path t = dir.resolve("e.sgn");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "keep");
        AtomicFileWriter.Staged s = W.stage(t, Bytes.utf8("new"));
        try {
            Files.createSymbolicLink(t, elsewhere);
        } catch (UnsupportedOperationException | IOException e) {
            s.abandon();
            assumeTrue(false, "no symbolic links here");
        }
        assertThrows(UnsafeTargetException.class, s::commit);
        assertEquals("keep", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(t));
        assertEquals(List.of("e.sgn", "elsewhere.txt"), names(), "the temporary file was not removed");
    }

    @Test
    void aStagedFileIsForcedThroughTheDescriptorItWasWrittenWithNotOpenedAgain() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path t = dir.resolve("f.sgn");
        // a read-only output (the signed copy of a read-only source): opening it again for writing to force it
        // failed with "access denied" for every user but root
        AtomicFileWriter.Staged s = W.permissionsAtMost(PosixFilePermissions.fromString("r--r--r--"))
                .stage(t, Bytes.utf8("read-only"));
        Path tmp = dir.resolve(names().get(0));
        assertTrue(AtomicFileWriter.isTemporaryName(tmp.getFileName().toString()), names().toString());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)), "set when staged");
        Path aside = Files.move(tmp, dir.resolve("aside"));
        s.force(); // the descriptor, not the name: a second open by name would not find it
        assertThrows(IOException.class, s::commit);
        assertEquals("read-only", Files.readString(aside));
        assertFalse(Files.exists(t, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void stagingWithTheCallersAttributesRefusesWhatTheyDescribe() throws Exception {
        Path t = dir.resolve("g.sgn");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        BasicFileAttributes ofADirectory =
                Files.readAttributes(sub, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UnsafeTargetException e =
                assertThrows(UnsafeTargetException.class, () -> W.stage(t, Bytes.utf8("x"), ofADirectory));
        assertEquals(UnsafeTargetException.Kind.DIRECTORY, e.kind());
        assertEquals(List.of("sub"), names(), "nothing created");
    }

    @Test
    void stagingWithAttributesSayingAbsentStillChecksTheTargetBeforeTheRename() throws Exception {
        Path t = dir.resolve("h.sgn");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "keep");
        try {
            Files.createSymbolicLink(t, elsewhere);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here");
        }
        AtomicFileWriter.Staged s = W.stage(t, Bytes.utf8("new"), null); // stale: the link came after the lstat
        s.force();
        assertThrows(UnsafeTargetException.class, s::commit);
        assertEquals("keep", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(t));
        assertEquals(List.of("elsewhere.txt", "h.sgn"), names(), "the temporary file was not removed");
    }

    @Test
    void ownerOnlyPermissionsGivenAtCreationAreExactlyTheFinalOnes() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        // a new file first: the writer learns what the umask keeps in this directory, so the temporary files
        // below are created with their final permissions and not changed afterwards
        AtomicFileWriter w = W.permissionsAtMost(PosixFilePermissions.fromString("rw-------"));
        Path n = dir.resolve("new");
        w.write(n, Bytes.utf8("x"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(n)));
        assertEquals("x", Files.readString(n));
        for (String p : List.of("rw-------", "r--------", "-w-------", "---------")) {
            Path t = Files.writeString(dir.resolve("perm-" + p), "old");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(p));
            w.write(t, Bytes.utf8("new")); // a replaced file keeps its permissions, set at the temporary's creation
            assertEquals(p, PosixFilePermissions.toString(Files.getPosixFilePermissions(t)), p);
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-------"));
            assertEquals("new", Files.readString(t));
        }
    }

    @Test
    void aFileStagedInAnOpenDirectoryReplacesTheTargetOnlyWhenCommitted() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path t = Files.writeString(dir.resolve("i.sgn"), "old");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r-----"));
        try (AtomicFileWriter.Directory d = AtomicFileWriter.Directory.open(dir)) {
            assertEquals(dir.toAbsolutePath(), d.path());
            assertEquals(null, d.attributes("missing"));
            BasicFileAttributes a = d.attributes("i.sgn");
            assertTrue(a.isRegularFile());
            assertEquals(3, a.size());
            AtomicFileWriter.Staged s = W.stage(d, "i.sgn", Bytes.utf8("new content"), a);
            assertEquals("old", Files.readString(t), "staging must not touch the target");
            assertEquals(2, names().size(), "one temporary file beside the target: " + names());
            s.force();
            assertEquals(dir.toAbsolutePath().resolve("i.sgn"), s.commit());
            assertEquals("new content", Files.readString(t));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(t)));
            assertEquals(List.of("i.sgn"), names());
            try (var ch = d.newReadChannel("i.sgn")) {
                assertEquals(11, ch.size());
            }
            AtomicFileWriter.Staged n = W.stage(d, "j.sgn", Bytes.utf8("j"), null); // a new file
            n.force();
            n.commit();
            assertEquals("j", Files.readString(dir.resolve("j.sgn")));
            W.stage(d, "k.sgn", Bytes.utf8("k"), null).abandon();
            assertEquals(List.of("i.sgn", "j.sgn"), names());
            assertThrows(IllegalArgumentException.class, () -> W.stage(d, "sub/x.sgn", Bytes.utf8("x"), null));
            assertThrows(IllegalArgumentException.class, () -> W.stage(d, "..", Bytes.utf8("x"), null));
            assertThrows(IllegalArgumentException.class, () -> d.attributes("../x"));
        }
    }

    @Test
    void aLinkOrDirectoryPlantedInAnOpenDirectoryBetweenStagingAndCommitIsRefused() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "keep");
        try (AtomicFileWriter.Directory d = AtomicFileWriter.Directory.open(dir)) {
            AtomicFileWriter.Staged s = W.stage(d, "l.sgn", Bytes.utf8("new"), null);
            try {
                Files.createSymbolicLink(dir.resolve("l.sgn"), elsewhere);
            } catch (UnsupportedOperationException | IOException e) {
                s.abandon();
                assumeTrue(false, "no symbolic links here");
            }
            s.force();
            UnsafeTargetException e = assertThrows(UnsafeTargetException.class, s::commit);
            assertEquals(UnsafeTargetException.Kind.SYMBOLIC_LINK, e.kind());
            assertEquals("keep", Files.readString(elsewhere));
            assertTrue(Files.isSymbolicLink(dir.resolve("l.sgn")));
            AtomicFileWriter.Staged m = W.stage(d, "m.sgn", Bytes.utf8("new"), null);
            Files.createDirectory(dir.resolve("m.sgn"));
            m.force();
            e = assertThrows(UnsafeTargetException.class, m::commit);
            assertEquals(UnsafeTargetException.Kind.DIRECTORY, e.kind());
            assertEquals(List.of("elsewhere.txt", "l.sgn", "m.sgn"), names(), "the temporary files were not removed");
            assertTrue(Files.isDirectory(dir.resolve("m.sgn"), LinkOption.NOFOLLOW_LINKS));
            // a symbolic link is not read through either
            Path link = dir.resolve("link.txt");
            Files.createSymbolicLink(link, elsewhere);
            assertTrue(d.attributes("link.txt").isSymbolicLink());
            assertThrows(IOException.class, () -> d.newReadChannel("link.txt").close());
        }
    }

    @Test
    void aFileStagedInAnOpenDirectoryIsRenamedInThatDirectoryEvenWhenItsPathNowNamesAnother() throws Exception {
        Path held = Files.createDirectory(dir.resolve("held"));
        try (AtomicFileWriter.Directory d = AtomicFileWriter.Directory.open(held)) {
            assumeTrue(d.isHeldOpen(), "no SecureDirectoryStream on this platform");
            AtomicFileWriter.Staged s = W.stage(d, "n.sgn", Bytes.utf8("new"), null);
            s.force();
            // the directory is moved away and another put at its path (e.g. a link to a place the user did not
            // name): the commit renames within the directory that was checked, not by its path
            Path moved = Files.move(held, dir.resolve("moved"));
            Path other = Files.createDirectory(dir.resolve("other"));
            Files.createSymbolicLink(held, other);
            s.commit();
            assertEquals("new", Files.readString(moved.resolve("n.sgn")));
            assertFalse(Files.exists(other.resolve("n.sgn"), LinkOption.NOFOLLOW_LINKS), "written by path");
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no symbolic links here");
        }
    }

    /**
     * Staging after the held directory's path was given to another directory: the temporary file is created, given
     * its final (wider) permissions and renamed in the held directory; nothing is done by path, where a link under the
     * temporary name could make the chmod change another file.
     */
    @Test
    void aFileStagedAfterTheOpenDirectoryWasSwappedGetsItsPermissionsInTheHeldDirectory() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path held = Files.createDirectory(dir.resolve("held"));
        Path t = Files.writeString(held.resolve("p.sgn"), "old");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
        try (AtomicFileWriter.Directory d = AtomicFileWriter.Directory.open(held)) {
            assumeTrue(d.isHeldOpen(), "no SecureDirectoryStream on this platform");
            BasicFileAttributes a = d.attributes("p.sgn");
            Path moved = Files.move(held, dir.resolve("moved"));
            Path other = Files.createDirectory(dir.resolve("other"));
            Files.createSymbolicLink(held, other);
            AtomicFileWriter.Staged s = W.stage(d, "p.sgn", Bytes.utf8("new"), a);
            s.force();
            s.commit();
            assertEquals("new", Files.readString(moved.resolve("p.sgn")));
            assertEquals(
                    "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved.resolve("p.sgn"))));
            d.force(); // the held directory's own descriptor (opened relative to it), not the path
            d.force();
            try (var names = Files.list(other)) {
                assertEquals(List.of(), names.toList(), "something was done by path");
            }
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no symbolic links here");
        }
    }

    @Test
    void aFileStagedInAnOpenDirectoryCanBeAbandonedAfterTheDirectoryIsClosed() throws Exception {
        AtomicFileWriter.Staged s;
        try (AtomicFileWriter.Directory d = AtomicFileWriter.Directory.open(dir)) {
            s = W.stage(d, "q.sgn", Bytes.utf8("q"), null);
        }
        s.abandon();
        assertEquals(List.of(), names(), "the temporary file was left behind");
    }
}
