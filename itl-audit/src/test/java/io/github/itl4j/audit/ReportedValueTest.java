package io.github.itl4j.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Normalisation of reported values (docs/audit.md), with examples/ITLFile.tlv. */
class ReportedValueTest {
    static final String SHA1 = "10818e3a94544e74ad3f2b31c2b4c4c62a16cbe6";
    static final String MD5 = "b00760976782b0d30b7c47cbcbdce834";

    @Test
    void alarmFormWithTrailingSpace() {
        ReportedValue v = ReportedValue.normalise("10 81 8E 3A 94 54 4E 74 AD 3F 2B 31 C2 B4 C4 C6 2A 16 CB E6 ");
        assertEquals(ReportedValue.Status.DIGEST, v.status());
        assertEquals(SHA1, v.hex());
        assertEquals(Checksums.Algorithm.SHA1, v.algorithm());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                SHA1,
                "10:81:8e:3a:94:54:4e:74:ad:3f:2b:31:c2:b4:c4:c6:2a:16:cb:e6",
                "10818E3A94544E74AD3F2B31C2B4C4C62A16CBE6",
                "0x10818e3a94544e74ad3f2b31c2b4c4c62a16cbe6",
                "  10-81-8e-3a-94-54-4e-74-ad-3f-2b-31-c2-b4-c4-c6-2a-16-cb-e6\t",
                "10818e3a94544e74ad3f2b31c2b4c4c62a16cbe6(SHA1)",
                "10818e3a94544e74ad3f2b31c2b4c4c62a16cbe6 (SHA-1)"
            })
    void sameSha1(String input) {
        ReportedValue v = ReportedValue.normalise(input);
        assertEquals(SHA1, v.hex(), input);
        assertEquals(Checksums.Algorithm.SHA1, v.algorithm());
    }

    @Test
    void md5Label() {
        ReportedValue v = ReportedValue.normalise(MD5 + "(MD5)");
        assertEquals(MD5, v.hex());
        assertEquals(Checksums.Algorithm.MD5, v.algorithm());
    }

    @Test
    void labelContradictsLength() {
        ReportedValue v = ReportedValue.normalise(MD5 + "(SHA1)");
        assertEquals(ReportedValue.Status.MALFORMED, v.status());
        assertTrue(v.detail().contains("contradicts"), v.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Not Installed", "not installed", "N/A", "none", "-", "", "   "})
    void notInstalled(String input) {
        assertEquals(
                ReportedValue.Status.NOT_INSTALLED,
                ReportedValue.normalise(input).status());
    }

    @Test
    void nullIsNotInstalled() {
        assertEquals(
                ReportedValue.Status.NOT_INSTALLED,
                ReportedValue.normalise(null).status());
    }

    @Test
    void thirtyNineHexDigits() {
        ReportedValue v = ReportedValue.normalise(SHA1.substring(1));
        assertEquals(ReportedValue.Status.MALFORMED, v.status());
        assertTrue(v.detail().startsWith("39 hex digits"), v.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10818e3a94544e74ad3f2b31c2b4c4c62a16cbeg", "Match", "١٢٣", "abc(CRC32)", "0x"})
    void malformed(String input) {
        assertEquals(
                ReportedValue.Status.MALFORMED, ReportedValue.normalise(input).status(), input);
    }

    @Test
    void sha256AndSha512ByLength() {
        assertEquals(
                Checksums.Algorithm.SHA256,
                ReportedValue.normalise("ab".repeat(32)).algorithm());
        assertEquals(
                Checksums.Algorithm.SHA512,
                ReportedValue.normalise("AB ".repeat(64)).algorithm());
    }

    @Test
    void hugeValueIsMalformedNotScanned() {
        assertEquals(
                ReportedValue.Status.MALFORMED,
                ReportedValue.normalise("a".repeat(10_000_000)).status());
    }
}
