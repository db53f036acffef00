package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItlRecordTest {
    private static Tlv t(int tag, String hex) {
        return new Tlv(tag, Bytes.fromHex(hex));
    }

    private static final List<Tlv> CUCM_CTL_FIELDS = List.of(
            new Tlv(RecordTags.DNS_NAME, TlvWriter.nulTerminated("gigantic-6")),
            new Tlv(RecordTags.SUBJECT_NAME, TlvWriter.nulTerminated("CN=gigantic-6;OU=x")),
            t(RecordTags.FUNCTION, "0002"),
            new Tlv(RecordTags.ISSUER_NAME, TlvWriter.nulTerminated("CN=ca")),
            t(RecordTags.SERIAL_NUMBER, "83e9"),
            t(RecordTags.PUBLIC_KEY, "3082"),
            t(RecordTags.SIGNATURE, "aabbcc"),
            t(RecordTags.CERTIFICATE, "308201"),
            t(RecordTags.IP_ADDRESS, "0a23306a"));

    @Test
    void ofComputesRecordLengthAndKeepsOrder() throws ItlException {
        ItlRecord r = ItlRecord.of(CUCM_CTL_FIELDS);
        int expected = 5 + CUCM_CTL_FIELDS.stream().mapToInt(Tlv::encodedSize).sum();
        assertEquals(expected, r.length());
        assertEquals(expected, r.encoded().getU16(3));
        assertEquals(Bytes.fromHex("010002"), r.encoded().slice(0, 3));
        assertEquals(CUCM_CTL_FIELDS, r.fields());
        assertEquals(9, r.fieldCount());
        assertEquals(RecordTags.DNS_NAME, r.fieldTag(0));
        assertEquals(5, r.fieldOffset(0));
        assertEquals(Bytes.fromHex("0a23306a"), r.fieldValue(8));
        assertEquals(Layout.CUCM, r.layout().orElseThrow());

        // and it reads back equal inside a file
        ItlHeader h = ItlReader.defaults()
                .readTrustList(Bytes.wrapOwned(Fixture.header()))
                .header();
        ItlFile f =
                ItlReader.defaults().readTrustList(ItlFile.of(h, List.of(r, r)).encoded());
        assertEquals(List.of(r, r), f.records());
    }

    @Test
    void typedAccessors() {
        ItlRecord r = ItlRecord.of(CUCM_CTL_FIELDS);
        assertEquals("gigantic-6", r.dnsName().orElseThrow());
        assertEquals("CN=gigantic-6;OU=x", r.subjectName().orElseThrow());
        assertEquals("CN=ca", r.issuerName().orElseThrow());
        assertEquals(Role.CCM_TFTP, r.role().orElseThrow());
        assertEquals(Bytes.fromHex("83e9"), r.serialNumber().orElseThrow());
        assertEquals(Bytes.fromHex("3082"), r.publicKey().orElseThrow());
        assertEquals(Bytes.fromHex("aabbcc"), r.signature().orElseThrow());
        assertEquals(Bytes.fromHex("308201"), r.certificate().orElseThrow());
        assertEquals("10.35.48.106", r.ipAddress().orElseThrow().getHostAddress());
        assertTrue(r.certHash().isEmpty());
        assertTrue(r.hashAlgorithm().isEmpty());
        assertTrue(r.value(0x55).isEmpty());
    }

    @Test
    void hashRecordAccessors() {
        ItlRecord r = ItlRecord.of(List.of(
                t(RecordTags.FUNCTION, "0015"),
                t(RecordTags.CERT_HASH, "00112233445566778899aabbccddeeff00112233"),
                t(RecordTags.HASH_ALGORITHM, "01")));
        assertEquals(Role.TVS, r.role().orElseThrow());
        assertEquals(20, r.certHash().orElseThrow().size());
        assertEquals(DigestAlgorithm.SHA1, r.hashAlgorithm().orElseThrow());
        assertTrue(r.certificate().isEmpty());
        assertTrue(r.ipAddress().isEmpty());
    }

    @Test
    void layoutDetection() {
        ItlRecord certutils = ItlRecord.of(
                List.of(t(3, "6100"), t(5, "6200"), t(6, "01"), t(4, "0000"), t(7, "00"), t(8, "00"), t(9, "00")));
        assertEquals(Layout.CERTUTILS, certutils.layout().orElseThrow());
        ItlRecord neither = ItlRecord.of(List.of(t(9, "00"), t(3, "6100")));
        assertFalse(neither.layout().isPresent());
        // unknown tags are ignored; a record with only RECORDLENGTH matches CUCM first
        ItlRecord unknown = ItlRecord.of(List.of(t(3, "6100"), t(0x40, "00"), t(4, "0000")));
        assertEquals(Layout.CUCM, unknown.layout().orElseThrow());
        assertEquals(Layout.CUCM, ItlRecord.of(List.of()).layout().orElseThrow());
    }

    @Test
    void sortRecordFields() {
        List<Tlv> shuffled =
                List.of(t(9, "00"), t(0x40, "01"), t(4, "0000"), t(3, "6100"), t(0x41, "02"), t(5, "6200"));
        assertEquals(
                List.of(3, 4, 5, 9, 0x40, 0x41),
                Layout.CUCM.sortRecordFields(shuffled).stream().map(Tlv::tag).toList());
        assertEquals(
                List.of(3, 5, 4, 9, 0x40, 0x41),
                Layout.CERTUTILS.sortRecordFields(shuffled).stream()
                        .map(Tlv::tag)
                        .toList());
    }

    @Test
    void equalityIsByBytes() {
        ItlRecord a = ItlRecord.of(CUCM_CTL_FIELDS);
        ItlRecord b = ItlRecord.of(List.copyOf(CUCM_CTL_FIELDS));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, ItlRecord.of(CUCM_CTL_FIELDS.subList(0, 8)));
        assertTrue(a.toString().contains("CCM+TFTP"));
    }

    @Test
    void programmerErrors() {
        assertThrows(IllegalArgumentException.class, () -> ItlRecord.of(List.of(t(1, "0005"))));
        assertThrows(
                IllegalArgumentException.class,
                () -> ItlRecord.of(List.of(new Tlv(9, Bytes.wrapOwned(new byte[65528])))));
        ItlRecord r = ItlRecord.of(List.of(t(3, "6100")));
        assertThrows(IndexOutOfBoundsException.class, () -> r.fieldTag(1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.fieldValue(-1));
    }

    @Test
    void roles() {
        assertEquals(Role.SAST, Role.of(0));
        assertEquals(Role.TVS, Role.parse("tvs"));
        assertEquals(Role.APP_SERVER, Role.parse("7"));
        assertEquals(Role.of(300), Role.parse("300"));
        assertFalse(Role.of(300).isKnown());
        assertEquals("UNKNOWN(300)", Role.of(300).name());
        assertThrows(IllegalArgumentException.class, () -> Role.parse("nope"));
        assertThrows(IllegalArgumentException.class, () -> Role.parse("70000"));
    }
}
