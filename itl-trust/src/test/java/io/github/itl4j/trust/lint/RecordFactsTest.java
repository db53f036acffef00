package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.trust.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link RecordFacts} reads from a record's address fields without decoding them (L37) is what the record's own
 * accessors give: an IPADDRESS of four bytes, a DNSNAME whose text is not blank.
 */
class RecordFactsTest {
    @Test
    void theAddressFieldsOfEveryTestRecordAreReadAsTheRecordGivesThem() throws Exception {
        List<ItlRecord> records = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Fixtures.testdata().resolve("vectors"))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.getFileName().toString().endsWith(".tlv")) {
                    try {
                        records.addAll(Fixtures.read(p).records());
                    } catch (Exception e) {
                        // not a trust list (the malformed vectors): no records to compare
                    }
                }
            }
        }
        for (ItlRecord r : records) {
            RecordFacts f = RecordFacts.of(r);
            boolean dns = r.dnsName().isPresent() && !r.dnsName().get().isBlank();
            assertEquals(r.ipAddress().isPresent(), f.hasIpAddress, r::toString);
            assertEquals(dns, f.hasDnsName, r::toString);
        }
        assertTrue(records.size() > 40, "records: " + records.size());
        for (int n = 0; n <= 6; n++) { // an IPADDRESS of n bytes, with and without a DNSNAME
            ItlRecord ip = ItlRecord.of(List.of(new Tlv(RecordTags.IP_ADDRESS, Bytes.wrapOwned(new byte[n]))));
            assertEquals(ip.ipAddress().isPresent(), RecordFacts.of(ip).hasIpAddress, "IPADDRESS of " + n);
            assertEquals(n == 4, RecordFacts.of(ip).hasIpAddress, "IPADDRESS of " + n);
            assertTrue(!RecordFacts.of(ip).hasDnsName);
        }
    }

    /** Checks the fields RecordFacts reads from the record's bytes against the record's accessors. */
    static void assertFieldsAsTheRecordGivesThem(ItlRecord r) {
        RecordFacts f = RecordFacts.of(r);
        assertEquals(r.role().orElse(null), f.role, r::toString);
        assertEquals(r.certificate().orElse(null), f.der, r::toString);
        assertEquals(r.certHash().orElse(null), f.certHash, r::toString);
        assertEquals(
                r.certificate().isPresent()
                        || r.certHash().isPresent()
                        || r.publicKey().isPresent(),
                f.carries,
                r::toString);
        assertEquals(r.value(RecordTags.SUBJECT_NAME).orElse(null), f.subjectNameValue, r::toString);
        assertEquals(r.hashAlgorithm().orElse(null), f.hashAlgorithm, r::toString);
        Bytes serial = r.serialNumber().orElse(null);
        assertEquals(serial != null && serial.size() > 1 && serial.get(0) == 0, f.serialLeadingZero, r::toString);
        assertEquals(r.ipAddress().isPresent(), f.hasIpAddress, r::toString);
        assertEquals(r.dnsName().isPresent() && !r.dnsName().get().isBlank(), f.hasDnsName, r::toString);
    }

    @Test
    void theFieldsOfEveryTestRecordAreReadAsTheRecordGivesThem() throws Exception {
        int n = 0;
        try (Stream<Path> s = Files.walk(Fixtures.testdata().resolve("vectors"))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.getFileName().toString().endsWith(".tlv")) {
                    List<ItlRecord> records;
                    try {
                        records = Fixtures.read(p).records();
                    } catch (Exception e) {
                        continue; // not a trust list (the malformed vectors): no records to compare
                    }
                    for (ItlRecord r : records) {
                        assertFieldsAsTheRecordGivesThem(r);
                        n++;
                    }
                }
            }
        }
        assertTrue(n > 40, "records: " + n);
    }

    @Test
    void theFirstFieldOfATagIsReadAndOddSizesAreRefusedAsByTheRecord() {
        // every field the facts read, twice with different values, among unknown tags, in both orders; FUNCTION
        // and HASH ALGORITHM of each size from 0 to 3 bytes
        int[] tags = {
            RecordTags.FUNCTION,
            RecordTags.CERTIFICATE,
            RecordTags.CERT_HASH,
            RecordTags.PUBLIC_KEY,
            RecordTags.SUBJECT_NAME,
            RecordTags.HASH_ALGORITHM,
            RecordTags.SERIAL_NUMBER,
            RecordTags.IP_ADDRESS,
            RecordTags.DNS_NAME
        };
        int made = 0;
        for (int tag : tags) {
            for (int size = 0; size <= 5; size++) {
                for (boolean first : new boolean[] {true, false}) {
                    byte[] a = new byte[size];
                    byte[] b = new byte[size == 0 ? 4 : size];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (byte) (i == 0 ? 0 : 'a' + i); // 0x00 first: a serial with a leading zero
                    }
                    java.util.Arrays.fill(b, (byte) 2);
                    List<Tlv> fields = new ArrayList<>();
                    fields.add(new Tlv(0x20, Bytes.wrapOwned(new byte[] {9})));
                    fields.add(new Tlv(tag, Bytes.wrapOwned(first ? a : b)));
                    fields.add(new Tlv(0, Bytes.EMPTY));
                    fields.add(new Tlv(tag, Bytes.wrapOwned(first ? b : a)));
                    ItlRecord r = ItlRecord.of(fields);
                    assertFieldsAsTheRecordGivesThem(r);
                    made++;
                }
            }
        }
        assertTrue(made > 100);
        assertFieldsAsTheRecordGivesThem(ItlRecord.of(List.of()));
    }

    @Test
    void aDnsNameIsBlankExactlyWhenItsTextIs() {
        List<byte[]> values = new ArrayList<>();
        for (String t : List.of(
                "",
                " ",
                "   ",
                "\t\n",
                "host",
                " host ",
                "\u0000",
                "a\u0000",
                "\u0000a",
                " \u0000 ",
                "\u00a0",
                "\u2003",
                " \u2003 ",
                "\u2003x",
                "\u001c\u001f",
                "\u007f",
                "caf\u00e9",
                "\u3000")) {
            values.add(t.getBytes(StandardCharsets.UTF_8));
            byte[] nul = t.getBytes(StandardCharsets.UTF_8);
            values.add(java.util.Arrays.copyOf(nul, nul.length + 2)); // NUL-terminated, twice
        }
        values.add(new byte[] {(byte) 0xc3}); // malformed: U+FFFD
        values.add(new byte[] {(byte) 0xc3, 'A'});
        values.add(new byte[] {(byte) 0xe2, (byte) 0x80});
        values.add(new byte[] {(byte) 0xe2, (byte) 0x80, ' '});
        for (byte[] v : values) {
            Bytes b = Bytes.wrapOwned(v);
            assertEquals(b.toNulTerminatedString().isBlank(), RecordFacts.isBlank(b), b::toString);
            ItlRecord r = ItlRecord.of(List.of(
                    new Tlv(RecordTags.DNS_NAME, b),
                    new Tlv(RecordTags.IP_ADDRESS, Bytes.wrapOwned(new byte[v.length]))));
            assertEquals(r.dnsName().isPresent() && !r.dnsName().get().isBlank(), RecordFacts.of(r).hasDnsName);
            assertEquals(r.ipAddress().isPresent(), RecordFacts.of(r).hasIpAddress);
        }
    }
}
