package io.github.itl4j.tlv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.support.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlvWriterTest {
    @Test
    void scalarsAreBigEndian() {
        Bytes b = new TlvWriter().u8(8, 3).u16(2, 0x1234).u32(15, 0xFFFFFFFEL).toBytes();
        assertEquals(Bytes.fromHex("080001 03" + "020002 1234" + "0f0004 fffffffe"), b);
    }

    @Test
    void stringsAreNulTerminatedUtf8() {
        assertEquals(
                Bytes.fromHex("0e0004 c3a96100"),
                new TlvWriter().string(14, "éa").toBytes());
        assertEquals(Bytes.fromHex("00"), TlvWriter.nulTerminated(""));
    }

    @Test
    void containerLengthsArePatched() {
        Bytes b = new TlvWriter()
                .startContainer(7)
                .u8(8, 1)
                .startContainer(9)
                .u8(10, 0)
                .u8(11, 1)
                .endContainer()
                .endContainer()
                .padding()
                .toBytes();
        assertEquals(Bytes.fromHex("07000f 080001 01 090008 0a000100 0b000101 0d"), b);
    }

    @Test
    void writesTheFixtureHeaderFromElements() throws ItlFormatException {
        byte[] header = Fixture.header();
        // read the elements back into a model and write them again
        TlvReader r = TlvReader.header(Bytes.wrapOwned(header), 0);
        List<List<TlvElement>> stack = new ArrayList<>();
        stack.add(new ArrayList<>());
        for (TlvReader.Event e; (e = r.next()) != null; ) {
            switch (e) {
                case VALUE -> stack.get(stack.size() - 1).add(new Tlv(r.tag(), r.value()));
                case PADDING -> stack.get(stack.size() - 1).add(Padding.INSTANCE);
                case CONTAINER_START -> stack.add(new ArrayList<>());
                case CONTAINER_END -> {
                    List<TlvElement> children = stack.remove(stack.size() - 1);
                    stack.get(stack.size() - 1).add(new Container(r.tag(), children));
                }
                default -> throw new AssertionError();
            }
        }
        List<TlvElement> top = stack.get(0);
        assertEquals(
                header.length, top.stream().mapToInt(TlvElement::encodedSize).sum());
        assertEquals(Bytes.wrapOwned(header), new TlvWriter(4).elements(top).toBytes());
        Container signerId = (Container) top.get(2);
        assertEquals(14, signerId.length());
        assertEquals(17, signerId.encodedSize());
    }

    @Test
    void rawBytesAndGrowth() {
        TlvWriter w = new TlvWriter(1);
        Bytes big = Bytes.wrapOwned(new byte[5000]);
        w.raw(Bytes.fromHex("ff")).tlv(9, big);
        assertEquals(5004, w.size());
        Bytes out = w.toBytes();
        assertEquals(0xFF, out.getUnsigned(0));
        assertEquals(5000, out.getU16(2));
    }

    @Test
    void programmerErrors() {
        assertThrows(IllegalArgumentException.class, () -> new TlvWriter().tlv(256, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TlvWriter().tlv(-1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TlvWriter().tlv(9, Bytes.wrapOwned(new byte[65536])));
        assertThrows(IllegalStateException.class, () -> new TlvWriter().endContainer());
        assertThrows(
                IllegalStateException.class,
                () -> new TlvWriter().startContainer(3).toBytes());
        assertThrows(IllegalArgumentException.class, () -> new TlvWriter()
                .startContainer(3)
                .tlv(9, Bytes.wrapOwned(new byte[65533]))
                .endContainer());
        TlvWriter deep = new TlvWriter();
        for (int i = 0; i < 8; i++) {
            deep.startContainer(3);
        }
        assertThrows(IllegalStateException.class, () -> deep.startContainer(3));
    }

    @Test
    void elementRecordsValidateTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Tlv(256, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Tlv(1, Bytes.wrapOwned(new byte[65536])));
        assertThrows(NullPointerException.class, () -> new Tlv(1, null));
        assertThrows(IllegalArgumentException.class, () -> new Container(300, List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Container(3, List.of(new Tlv(9, Bytes.wrapOwned(new byte[65533])))));
        assertEquals(new Padding(), Padding.INSTANCE);
        assertEquals(1, Padding.INSTANCE.encodedSize());
        assertEquals(13, Padding.INSTANCE.tag());
        assertEquals(new Tlv(4, Bytes.fromHex("6100")), new Tlv(4, Bytes.copyOf(new byte[] {'a', 0})));
    }
}
