package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 0-byte .tlv (served by homelab guides) gets its own message, from every way of reading. */
class EmptyFileTest {
    @TempDir
    Path tmp;

    @Test
    void emptyInputSaysItIsEmpty() throws Exception {
        Path f = Files.createFile(tmp.resolve("ITLFile.tlv"));
        ItlReader r = ItlReader.defaults();
        for (ItlException e : new ItlException[] {
            assertThrows(ItlFormatException.class, () -> r.read(new byte[0])),
            assertThrows(ItlFormatException.class, () -> r.readTrustList(Bytes.EMPTY)),
            assertThrows(ItlFormatException.class, () -> r.readSigned(Bytes.EMPTY)),
            assertThrows(ItlFormatException.class, () -> r.read(f)),
            assertThrows(ItlFormatException.class, () -> r.readTrustList(new ByteArrayInputStream(new byte[0]))),
            assertThrows(ItlFormatException.class, () -> r.stream(new ByteArrayInputStream(new byte[0])))
        }) {
            assertTrue(e.getMessage().startsWith("The file is empty (0 bytes)"), e.getMessage());
            assertEquals(0, e.offset());
        }
        // one byte is not "empty": the usual message
        ItlException one = assertThrows(ItlFormatException.class, () -> r.read(new byte[] {1}));
        assertTrue(one.getMessage().startsWith("Not an ITL/CTL/.sgn file"), one.getMessage());
    }
}
