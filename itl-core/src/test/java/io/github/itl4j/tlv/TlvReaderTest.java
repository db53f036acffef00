package io.github.itl4j.tlv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.support.Fixture;
import io.github.itl4j.tlv.TlvReader.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlvReaderTest {
    /** "event tag offset depth" per step. */
    private static List<String> walk(TlvReader r) throws ItlFormatException {
        List<String> out = new ArrayList<>();
        for (Event e; (e = r.next()) != null; ) {
            out.add(e + " " + r.tag() + " " + r.offset() + " " + r.depth());
        }
        return out;
    }

    @Test
    void headerModeWalksContainersAndPadding() throws ItlFormatException {
        TlvReader r = TlvReader.header(Bytes.wrapOwned(Fixture.header()), 0);
        assertEquals(
                List.of(
                        "VALUE 1 0 0",
                        "VALUE 2 5 0",
                        "CONTAINER_START 3 10 1",
                        "VALUE 4 13 1",
                        "VALUE 5 18 1",
                        "VALUE 6 22 1",
                        "CONTAINER_END 3 27 0",
                        "CONTAINER_START 7 27 1",
                        "VALUE 8 30 1",
                        "CONTAINER_START 9 34 2",
                        "VALUE 10 37 2",
                        "VALUE 11 41 2",
                        "CONTAINER_END 9 45 1",
                        "CONTAINER_END 7 45 0",
                        "VALUE 12 45 0",
                        "VALUE 14 112 0",
                        "VALUE 15 122 0",
                        "PADDING 13 129 0",
                        "PADDING 13 130 0",
                        "PADDING 13 131 0"),
                walk(r));
        assertNull(r.next());
        assertNull(r.event());
    }

    @Test
    void valuesAndLengthsAreViews() throws ItlFormatException {
        TlvReader r = TlvReader.header(Bytes.wrapOwned(Fixture.header()), 1000);
        r.next();
        assertEquals(Event.VALUE, r.event());
        assertEquals(2, r.length());
        assertEquals(Bytes.fromHex("0102"), r.value());
        assertEquals(1000, r.offset());
        assertEquals(0, r.position());
        assertEquals(5, r.consumed());
        r.next();
        assertEquals(Bytes.fromHex("0084"), r.value());
        assertEquals(Event.CONTAINER_START, r.next());
        assertEquals(14, r.length());
        assertEquals(3, r.containerTag());
        assertThrows(IllegalStateException.class, r::value);
    }

    @Test
    void recordModeHasNoPaddingAndNoContainers() throws ItlFormatException {
        // 0x0D and 0x03 are plain tags in a record
        byte[] b = {0x0D, 0, 1, 9, 0x03, 0, 2, 'a', 0};
        TlvReader r = TlvReader.record(Bytes.wrapOwned(b), 50);
        assertEquals(List.of("VALUE 13 50 0", "VALUE 3 54 0"), walk(r));
        assertEquals(-1, r.containerTag());
    }

    @Test
    void emptyInputAndEmptyContainer() throws ItlFormatException {
        assertNull(TlvReader.header(Bytes.EMPTY, 0).next());
        TlvReader r = TlvReader.header(Bytes.fromHex("070000"), 0);
        assertEquals(List.of("CONTAINER_START 7 0 1", "CONTAINER_END 7 3 0"), walk(r));
    }

    @Test
    void zeroLengthValue() throws ItlFormatException {
        TlvReader r = TlvReader.record(Bytes.fromHex("030000"), 0);
        assertEquals(Event.VALUE, r.next());
        assertEquals(Bytes.EMPTY, r.value());
    }

    @Test
    void truncatedTagAndLength() {
        ItlFormatException e = assertThrows(
                ItlFormatException.class, () -> walk(TlvReader.record(Bytes.fromHex("030001 04 0500"), 100)));
        assertEquals(104, e.offset());
        assertEquals(5, e.tag());
    }

    @Test
    void lengthPastTheEndOfTheInput() {
        ItlFormatException e =
                assertThrows(ItlFormatException.class, () -> walk(TlvReader.record(Bytes.fromHex("0900050102"), 7)));
        assertEquals(7, e.offset());
        assertEquals(9, e.tag());
    }

    @Test
    void childPastTheEndOfItsContainer() {
        // SIGNERID of 4 holds a SIGNERNAME declaring 2 (needs 5)
        ItlFormatException e = assertThrows(
                ItlFormatException.class, () -> walk(TlvReader.header(Bytes.fromHex("030004040002610000"), 0)));
        assertEquals(3, e.offset());
        assertEquals(4, e.tag());
    }

    @Test
    void containersNestedTooDeep() {
        // nine SIGNERIDs inside each other, each holding the rest
        byte[] b = new byte[27];
        for (int i = 0; i < 9; i++) {
            int len = 27 - 3 * (i + 1);
            b[3 * i] = 3;
            b[3 * i + 1] = (byte) (len >>> 8);
            b[3 * i + 2] = (byte) len;
        }
        ItlFormatException e =
                assertThrows(ItlFormatException.class, () -> walk(TlvReader.header(Bytes.wrapOwned(b), 0)));
        assertEquals(24, e.offset());
        assertEquals(3, e.tag());
    }

    @Test
    void paddingInsideAContainerIsATag() {
        ItlFormatException e =
                assertThrows(ItlFormatException.class, () -> walk(TlvReader.header(Bytes.fromHex("0300020d0d"), 0)));
        assertEquals(3, e.offset());
        assertEquals(13, e.tag());
    }
}
