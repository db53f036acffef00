package io.github.itl4j.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFormatException;
import io.github.itl4j.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The two listings of the ITL reset note (testdata/reference/show-itl-seed.txt), SPEC-trust.md 7.5. */
class ShowListingParserTest {
    private static String section(String marker) throws Exception {
        String p = System.getProperty("itl.testdata");
        Path dir = p != null ? Paths.get(p) : Paths.get("..", "testdata");
        String all = Files.readString(dir.resolve("reference/show-itl-seed.txt"));
        int from = all.indexOf(marker);
        int to = all.indexOf("=====", from + marker.length() + 1);
        return all.substring(from + marker.length(), to < 0 ? all.length() : to);
    }

    @Test
    void listingA() throws Exception {
        ShowListing l = ShowListingParser.parse(section("===== Listing A ====="));
        assertEquals("ITL", l.kind());
        assertEquals(6, l.records().size());
        assertEquals(0, l.signerRecordIndex().getAsInt());
        assertEquals("b331e5bfb450926e816be37f2d8c24a2", l.md5());
        assertEquals("9d7da73d16c1501b4d27dc1ed79211f390659982", l.sha1());
        assertEquals(5302, l.length());
        assertEquals(324, l.headerLength());
        assertEquals("1.2", l.version());
        assertEquals(128, l.signatureLength());
        assertEquals("614052e91ee97c779b7b5e810ab146a5", l.serial());
        assertTrue(l.lengthsAddUp());
        assertTrue(l.verified());
        ShowListing.Record r1 = l.records().get(0);
        assertEquals(Role.SAST, r1.role());
        assertEquals("019c4c3d27d74d82cbb18484d42a639f7178bea9", r1.certificateSha1());
        assertEquals(684, r1.certificateLength());
        assertEquals(1024, r1.rsaKeyBits().getAsInt());
        ShowListing.Record r5 = l.records().get(4);
        // wrapped over two lines, and listed as ISSUERNAM
        assertEquals("CN=ITLRECOVERY_test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US", r5.subjectName());
        assertEquals(r5.subjectName(), r5.issuerName());
        assertFalse(r5.usedToSign());
        ShowListing.Record r6 = l.records().get(5);
        assertEquals(Role.TVS, r6.role());
        assertEquals(2048, r6.rsaKeyBits().getAsInt());
        assertEquals("af288916f994e662a365c2883b94081c667c49c9", r6.certHash());
        assertEquals("SHA-1", r6.hashAlgorithm());
        assertNull(r6.certificateSha1());
        assertEquals(-1, r6.certificateLength());
        assertEquals(Role.CAPF, l.records().get(2).role());
        assertEquals(Role.TFTP, l.records().get(1).role());
    }

    @Test
    void listingB() throws Exception {
        ShowListing l = ShowListingParser.parse(section("===== Listing B ====="));
        assertEquals(6, l.records().size());
        assertEquals(4, l.signerRecordIndex().getAsInt());
        assertEquals("c847df047cf5822c1ed6cf376796653d", l.md5());
        assertEquals("3440f94f9252e243c99506b4bd33ea28ec654dab", l.sha1());
        assertEquals(5322, l.length());
        assertEquals(344, l.headerLength());
        assertEquals("CN=ITLRECOVERY_test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US", l.signerName());
        assertEquals("6e3f65c297b3e01fe74281ab52cc55dc", l.serial());
        assertEquals(l.serial(), l.records().get(4).serial());
        assertTrue(l.lengthsAddUp());
        assertEquals(
                "cdc74a39878752fab0890c28abcb3632eb8716dc",
                l.records().get(4).identity().orElseThrow());
    }

    @Test
    void notAListing() {
        assertThrows(ItlFormatException.class, () -> ShowListingParser.parse(""));
        assertThrows(ItlFormatException.class, () -> ShowListingParser.parse("hello\nworld"));
        // one huge line (a regex would backtrack over it): skipped, so not a listing
        assertThrows(ItlFormatException.class, () -> ShowListingParser.parse("1 " + "A ".repeat(1_000_000) + "!"));
        assertThrows(
                ItlFormatException.class, () -> ShowListingParser.parse("x".repeat(ShowListingParser.MAX_CHARS + 1)));
    }
}
