package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.listing.ShowListing;
import io.github.itl4j.listing.ShowListingParser;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the {@code show itl} listing parser: any text ends in a {@link ShowListing} or an
 * {@link ItlFormatException}. Seeds: the two listings of the ITL reset note in
 * {@code ShowListingFuzzTestInputs/parse/}.
 * To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=ShowListingFuzzTest#parse
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ShowListingFuzzTest {
    @FuzzTest(maxDuration = "1m")
    void parse(byte[] data) {
        ShowListing l;
        try {
            l = ShowListingParser.parse(new String(data, StandardCharsets.UTF_8));
        } catch (ItlFormatException e) {
            return;
        }
        l.signerRecordIndex();
        l.lengthsAddUp();
        for (ShowListing.Record r : l.records()) {
            r.rsaKeyBits();
            r.identity();
        }
        l.toString();
    }
}
