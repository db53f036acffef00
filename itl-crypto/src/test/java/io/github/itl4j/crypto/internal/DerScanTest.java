package io.github.itl4j.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DerScanTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] nested(int levels, boolean indefinite) {
        byte[] b = new byte[levels * 4 + 2];
        for (int i = 0; i < levels; i++) {
            b[(indefinite ? 2 : 4) * i] = 0x30;
            if (indefinite) {
                b[2 * i + 1] = (byte) 0x80;
            } else {
                int len = b.length - 4 * (i + 1);
                b[4 * i + 1] = (byte) 0x82;
                b[4 * i + 2] = (byte) (len >> 8);
                b[4 * i + 3] = (byte) len;
            }
        }
        if (indefinite) {
            b[2 * levels] = 0x05; // NULL, then levels end-of-contents
            return java.util.Arrays.copyOf(b, 2 * levels + 2 + 2 * levels);
        }
        b[b.length - 2] = 0x05;
        return b;
    }

    @Test
    void acceptsRealCertificates() throws Exception {
        int n = 0;
        try (Stream<Path> s = Files.list(Path.of("../examples/cluster"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".der")).toList()) {
                assertNull(DerScan.der(Files.readAllBytes(p)), p.toString());
                assertTrue(Certificates.parse(Bytes.wrapOwned(Files.readAllBytes(p)))
                        .isPresent());
                n++;
            }
        }
        assertTrue(n >= 5);
    }

    @Test
    void boundsTheDepthWithDefiniteLengths() {
        assertNull(DerScan.der(nested(DerScan.MAX_DEPTH, false)));
        DerScan.Refusal r = DerScan.der(nested(DerScan.MAX_DEPTH + 1, false));
        assertEquals(DerScan.Issue.TOO_DEEP, r.issue());
        assertEquals(4 * DerScan.MAX_DEPTH, r.offset());
        assertEquals(DerScan.Issue.TOO_DEEP, DerScan.der(nested(4000, false)).issue());
        assertEquals(DerScan.Issue.TOO_DEEP, DerScan.ber(nested(4000, false)).issue());
    }

    @Test
    void refusesIndefiniteLengthsInDerAndBoundsThemInBer() {
        assertEquals(new DerScan.Refusal(DerScan.Issue.INDEFINITE_LENGTH, 0), DerScan.der(nested(4000, true)));
        assertNull(DerScan.ber(nested(DerScan.MAX_DEPTH, true)));
        assertEquals(DerScan.Issue.TOO_DEEP, DerScan.ber(nested(4000, true)).issue());
        assertEquals(DerScan.Issue.MALFORMED, DerScan.ber(hex("30 80 05 00")).issue()); // no end-of-contents
        assertEquals(DerScan.Issue.MALFORMED, DerScan.ber(hex("04 80 00 00")).issue()); // primitive, indefinite
    }

    @Test
    void lengthsMustFitAndNothingMayFollow() {
        assertNull(DerScan.der(hex("30 03 02 01 05")));
        assertNull(DerScan.der(hex("30 00")));
        assertNull(DerScan.der(hex("05 00")));
        assertNull(DerScan.der(hex("30 81 03 02 01 05")));
        assertNull(DerScan.der(hex("bf 81 01 02 05 00"))); // high tag number
        assertEquals(DerScan.Issue.MALFORMED, DerScan.der(hex("30 04 02 01 05")).issue());
        assertEquals(DerScan.Issue.MALFORMED, DerScan.der(hex("30 03 02 02 05")).issue());
        assertEquals(
                DerScan.Issue.MALFORMED,
                DerScan.der(hex("30 85 00 00 00 00 00")).issue());
        assertEquals(
                DerScan.Issue.MALFORMED,
                DerScan.der(hex("30 84 7f ff ff ff 00")).issue());
        assertEquals(DerScan.Issue.MALFORMED, DerScan.der(hex("")).issue());
        assertEquals(DerScan.Issue.MALFORMED, DerScan.der(hex("30")).issue());
        assertEquals(
                DerScan.Issue.MALFORMED,
                DerScan.der(hex("1f ff ff ff ff 01 00")).issue());
        assertEquals(new DerScan.Refusal(DerScan.Issue.TRAILING_BYTES, 5), DerScan.der(hex("30 03 02 01 05 00")));
        assertEquals(
                DerScan.Issue.TRAILING_BYTES, DerScan.der(hex("05 00 05 00")).issue());
    }

    @Test
    void certificatesParseRefusesBeforeTheParserSeesIt() {
        assertTrue(Certificates.parse(Bytes.wrapOwned(nested(4000, true))).isEmpty());
        assertTrue(Certificates.parse(Bytes.wrapOwned(nested(4000, false))).isEmpty());
        assertTrue(PublicKeys.rsaFromPkcs1(Bytes.wrapOwned(nested(4000, false))).isEmpty());
        assertEquals(
                DerScan.Issue.TOO_DEEP,
                Certificates.refusal(Bytes.wrapOwned(nested(4000, false))).issue());
    }
}
