package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItlHeaderTest {
    private static ItlHeader.Signer signer(String name, int sigLen) {
        return new ItlHeader.Signer(
                TlvWriter.nulTerminated(name),
                Bytes.fromHex("0102"),
                TlvWriter.nulTerminated("CN=ca"),
                sigLen,
                DigestAlgorithm.SHA512,
                1_700_000_000L);
    }

    private static List<Integer> tags(List<TlvElement> els) {
        List<Integer> out = new ArrayList<>();
        for (TlvElement e : els) {
            out.add(e.tag());
            if (e instanceof Container c) {
                out.addAll(tags(c.children()));
            }
        }
        return out;
    }

    @Test
    void cucmLayout() throws ItlException {
        ItlHeader h = ItlHeader.builder()
                .signer(signer("CN=a", 128))
                .fileName("ITLFile.tlv")
                .build();
        List<Integer> t = tags(h.elements());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15), t.subList(0, 14));
        assertTrue(t.subList(14, t.size()).stream().allMatch(x -> x == 13));
        assertEquals(Layout.CUCM, h.layout().orElseThrow());
        assertEquals(Version.V1_2, h.version());
        assertTrue(h.signerVersion().isEmpty());
        assertEquals("CN=a", h.signerName().orElseThrow());
        assertEquals("CN=ca", h.caName().orElseThrow());
        assertEquals(Bytes.fromHex("0102"), h.serialNumber().orElseThrow());
        assertEquals(DigestAlgorithm.SHA512, h.digestAlgorithm().orElseThrow());
        assertEquals(0, h.signatureAlgorithm().orElseThrow());
        assertEquals(SignatureModulus.of(1), h.signatureModulus().orElseThrow());
        assertEquals("ITLFile.tlv", h.fileName().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), h.timestamp().orElseThrow());
        assertEquals(h, ItlReader.defaults().readTrustList(h.encode()).header());
    }

    @Test
    void certutilsLayout() throws ItlException {
        ItlHeader h = ItlHeader.builder()
                .layout(Layout.CERTUTILS)
                .signerVersion(Version.V1_1)
                .signer(signer("CN=a,O=b", 256))
                .fileName("ITLFile.tlv")
                .build();
        List<Integer> t = tags(h.elements());
        assertEquals(List.of(1, 2, 28, 3, 4, 6, 5, 7, 8, 9, 10, 11, 12, 14, 15), t.subList(0, 15));
        assertEquals(Layout.CERTUTILS, h.layout().orElseThrow());
        assertEquals(Version.V1_1, h.signerVersion().orElseThrow());
        assertEquals(SignatureModulus.of(2), h.signatureModulus().orElseThrow());
        assertEquals(h, ItlReader.defaults().readTrustList(h.encode()).header());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void paddedToAMultipleOfFour(int extra) {
        ItlHeader h = ItlHeader.builder()
                .signer(signer("CN=" + "x".repeat(extra), 64))
                .fileName("a.tlv")
                .build();
        assertEquals(0, h.length() % 4);
        assertTrue(h.paddingCount() <= 3);
        int unpadded = h.length() - h.paddingCount();
        assertEquals((4 - unpadded % 4) % 4, h.paddingCount());
        assertEquals(h.length(), h.encode().size());
        assertEquals(h.length(), h.encode().getU16(8)); // HEADERLENGTH value
        // padding is last
        List<TlvElement> els = h.elements();
        for (int i = els.size() - h.paddingCount(); i < els.size(); i++) {
            assertTrue(els.get(i) instanceof Padding);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 128, 256, 512})
    void signatureIsReservedZeroFilledAtFullSize(int sigLen) {
        ItlHeader h = ItlHeader.builder()
                .signer(signer("CN=a", sigLen))
                .fileName("a.tlv")
                .build();
        assertEquals(sigLen, h.signatureLength());
        assertArrayEquals(new byte[sigLen], h.signature().orElseThrow().toByteArray());
        assertEquals(sigLen, h.signatureModulus().orElseThrow().signatureLength());
        Bytes enc = h.encode();
        assertEquals(HeaderTags.SIGNATURE, enc.getUnsigned(h.signatureOffset()));
        assertEquals(sigLen, enc.getU16(h.signatureOffset() + 1));
    }

    @Test
    void withSignatureChangesOnlyTheValue() {
        ItlHeader h =
                ItlHeader.builder().signer(signer("CN=a", 64)).fileName("a.tlv").build();
        byte[] sig = new byte[64];
        java.util.Arrays.fill(sig, (byte) 0x5A);
        ItlHeader s = h.withSignature(Bytes.wrapOwned(sig));
        assertEquals(h.length(), s.length());
        assertEquals(h.signatureOffset(), s.signatureOffset());
        assertArrayEquals(sig, s.signature().orElseThrow().toByteArray());
        Bytes a = h.encode();
        Bytes b = s.encode();
        int off = h.signatureOffset() + 3;
        assertEquals(a.slice(0, off), b.slice(0, off));
        assertEquals(a.slice(off + 64, a.size() - off - 64), b.slice(off + 64, b.size() - off - 64));
        assertNotEquals(h, s);
        assertThrows(IllegalArgumentException.class, () -> h.withSignature(Bytes.wrapOwned(new byte[63])));
        ItlHeader none = ItlHeader.of(h.elements().stream()
                .filter(e -> e.tag() != HeaderTags.SIGNATURE)
                .toList());
        assertThrows(IllegalArgumentException.class, () -> none.withSignature(Bytes.wrapOwned(sig)));
    }

    @Test
    void withSignerRebuildsSignerFieldsPaddingAndLength() throws ItlException {
        ItlHeader h = ItlHeader.builder()
                .signer(signer("CN=a", 64))
                .fileName("a.tlv")
                .addElement(new Tlv(0x30, Bytes.fromHex("abcd")))
                .build();
        ItlHeader r = h.withSigner(new ItlHeader.Signer(
                TlvWriter.nulTerminated("CN=recovery"),
                Bytes.fromHex("0a0b0c"),
                TlvWriter.nulTerminated("CN=recovery-ca"),
                256,
                null,
                null));
        assertEquals("CN=recovery", r.signerName().orElseThrow());
        assertEquals("CN=recovery-ca", r.caName().orElseThrow());
        assertEquals(Bytes.fromHex("0a0b0c"), r.serialNumber().orElseThrow());
        assertEquals(256, r.signatureLength());
        assertEquals(SignatureModulus.of(2), r.signatureModulus().orElseThrow());
        assertEquals(h.digestAlgorithm(), r.digestAlgorithm());
        assertEquals(h.timestampSeconds(), r.timestampSeconds());
        assertEquals(Bytes.fromHex("abcd"), r.find(0x30).orElseThrow().value());
        assertEquals(0, r.length() % 4);
        assertEquals(Layout.CUCM, r.layout().orElseThrow());
        assertEquals(r, ItlReader.defaults().readTrustList(r.encode()).header());

        ItlHeader d = h.withSigner(new ItlHeader.Signer(
                TlvWriter.nulTerminated("CN=a"),
                Bytes.fromHex("0102"),
                TlvWriter.nulTerminated("CN=ca"),
                64,
                DigestAlgorithm.SHA1,
                5L));
        assertEquals(DigestAlgorithm.SHA1, d.digestAlgorithm().orElseThrow());
        assertEquals(5L, d.timestampSeconds().orElseThrow());
    }

    @Test
    void withSignerNeedsTheFieldsItReplaces() {
        ItlHeader h =
                ItlHeader.builder().signer(signer("CN=a", 64)).fileName("a.tlv").build();
        ItlHeader noSig = ItlHeader.of(h.elements().stream()
                .filter(e -> e.tag() != HeaderTags.SIGNATURE)
                .toList());
        ItlFormatException e = assertThrows(ItlFormatException.class, () -> noSig.withSigner(signer("CN=b", 64)));
        assertEquals(HeaderTags.SIGNATURE, e.tag());
    }

    @Test
    void layoutDetection() throws ItlException {
        ItlHeader fixture = ItlReader.defaults()
                .readTrustList(Bytes.wrapOwned(Fixture.valid()))
                .header();
        assertEquals(Layout.CUCM, fixture.layout().orElseThrow());
        // unknown tags, SIGNERVERSION and padding do not matter
        List<TlvElement> els = new ArrayList<>(fixture.elements());
        els.add(2, new Tlv(HeaderTags.SIGNER_VERSION, Version.V1_0.toBytes()));
        els.add(3, new Tlv(0x40, Bytes.EMPTY));
        assertEquals(Layout.CUCM, ItlHeader.of(els).layout().orElseThrow());
        // FILENAME before SIGNATURE: neither
        List<TlvElement> swapped = new ArrayList<>(fixture.elements());
        int sig = 4;
        assertEquals(HeaderTags.SIGNATURE, swapped.get(sig).tag());
        swapped.add(sig, swapped.remove(sig + 1));
        assertFalse(ItlHeader.of(swapped).layout().isPresent());
    }

    @Test
    void ofReplacesHeaderLengthAndValidates() {
        List<TlvElement> els = new ArrayList<>(ItlHeader.builder()
                .signer(signer("CN=a", 64))
                .fileName("a.tlv")
                .build()
                .elements());
        els.set(1, new Tlv(HeaderTags.HEADER_LENGTH, Bytes.fromHex("ffff")));
        ItlHeader h = ItlHeader.of(els);
        assertEquals(h.length(), h.encode().getU16(8));

        assertThrows(IllegalArgumentException.class, () -> ItlHeader.of(els.subList(1, els.size())));
        List<TlvElement> twoSigs = new ArrayList<>(els);
        twoSigs.add(new Tlv(HeaderTags.SIGNATURE, Bytes.fromHex("00")));
        assertThrows(IllegalArgumentException.class, () -> ItlHeader.of(twoSigs));
        List<TlvElement> nested = new ArrayList<>(els);
        nested.add(new Container(HeaderTags.SIGNER_ID, List.of(new Tlv(HeaderTags.SIGNATURE, Bytes.EMPTY))));
        assertThrows(IllegalArgumentException.class, () -> ItlHeader.of(nested));
        List<TlvElement> huge = new ArrayList<>(els);
        huge.add(new Tlv(0x30, Bytes.wrapOwned(new byte[40000])));
        huge.add(new Tlv(0x31, Bytes.wrapOwned(new byte[40000])));
        assertThrows(IllegalArgumentException.class, () -> ItlHeader.of(huge));
    }

    @Test
    void builderAndSignerValidateTheirArguments() {
        assertThrows(
                IllegalStateException.class,
                () -> ItlHeader.builder().fileName("a.tlv").build());
        assertThrows(
                IllegalStateException.class,
                () -> ItlHeader.builder().signer(signer("CN=a", 64)).build());
        assertThrows(IllegalArgumentException.class, () -> signer("CN=a", 100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ItlHeader.Signer(
                        Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, 64, DigestAlgorithm.SHA1, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> ItlHeader.builder()
                .signer(new ItlHeader.Signer(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, 64, null, 1L)));
        assertThrows(
                NullPointerException.class, () -> new ItlHeader.Signer(null, Bytes.EMPTY, Bytes.EMPTY, 64, null, null));
    }

    @Test
    void extraElementsGoBeforeThePadding() throws ItlException {
        ItlHeader h = ItlHeader.builder()
                .signer(signer("CN=a", 64))
                .fileName("a.sgn")
                .version(Version.V2_0)
                .addElement(new Container(
                        HeaderTags.ENCRYPTION_INFO,
                        List.of(new Container(
                                HeaderTags.IV_INFO,
                                List.of(
                                        new Tlv(18, Bytes.fromHex("00")),
                                        new Tlv(19, Bytes.wrapOwned(new byte[16])),
                                        new Tlv(20, Bytes.fromHex("0003")))))))
                .addElement(new Tlv(26, Bytes.fromHex("01")))
                .build();
        List<Integer> t = tags(h.elements());
        int ts = t.indexOf(HeaderTags.TIMESTAMP);
        assertEquals(List.of(16, 17, 18, 19, 20, 26), t.subList(ts + 1, ts + 7));
        SgnFile s = ItlReader.defaults()
                .readSigned(SgnFile.of(h, Bytes.utf8("<x/>")).encoded());
        assertEquals(h, s.header());
        assertEquals(List.of(), s.warnings());
    }
}
