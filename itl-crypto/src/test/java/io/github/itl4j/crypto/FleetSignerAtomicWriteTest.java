package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.crypto.internal.AtomicFiles;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic write under {@link FleetSigner}: temporary file, force, rename; nothing left behind on failure. */
class FleetSignerAtomicWriteTest {
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
        AtomicFiles.write(t, Bytes.utf8("first"));
        assertArrayEquals("first".getBytes(), Files.readAllBytes(t));
        AtomicFiles.write(t, Bytes.utf8("second, longer"));
        assertArrayEquals("second, longer".getBytes(), Files.readAllBytes(t));
        AtomicFiles.write(t, Bytes.EMPTY);
        assertEquals(0, Files.size(t));
        assertEquals(List.of("a.cnf.xml.sgn"), names());
    }

    @Test
    void aRelativeTargetIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Path t = dir.resolve("rel.sgn");
        AtomicFiles.write(t, Bytes.fromHex("00ff"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, Files.readAllBytes(t));
    }

    @Test
    void anInterruptedWriteLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path t = dir.resolve("b.sgn");
        Files.writeString(t, "old");
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class, () -> AtomicFiles.write(t, Bytes.utf8("new")));
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
        assertThrows(IOException.class, () -> AtomicFiles.write(t, Bytes.utf8("data")));
        assertEquals(List.of("c.sgn"), names());
        assertTrue(Files.isDirectory(t));
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingAnything() {
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("no").resolve("d.sgn"), Bytes.EMPTY));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void recognisesItsTemporaryNames() {
        assertTrue(AtomicFiles.isTempName(".SEP001122334455.cnf.xml.sgn.0123456789abcdef.tmp"));
        assertFalse(AtomicFiles.isTempName("SEP001122334455.cnf.xml.sgn.0123456789abcdef.tmp"));
        assertFalse(AtomicFiles.isTempName(".x.0123456789abcdeg.tmp"));
        assertFalse(AtomicFiles.isTempName(".tmp"));
        assertFalse(AtomicFiles.isTempName("notes.tmp"));
    }
}
