package io.github.itl4j.trust.diff;

import static io.github.itl4j.trust.Fixtures.e;
import static io.github.itl4j.trust.Fixtures.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.TrustSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Second acceptance pass of {@code itl diff} (SPEC-trust §4.4), expected results from the SPEC's table: lists built
 * by the library in both layouts.
 */
class DiffAcceptance2Test {
    private static TrustListDiff diff(ItlFile a, ItlFile b) {
        return TrustListDiff.compare(
                a,
                "ITLFile.tlv",
                b,
                "ITLFile.tlv",
                TrustSimulator.builder()
                        .phone(PhoneState.none().at(Fixtures.NOW))
                        .build());
    }

    /** Listing A's records (examples/ITLFile.tlv), CAPF and TVS as hash records, in one layout, signed by CM_A. */
    private static ItlFile listingA(Layout layout) throws Exception {
        TrustListBuilder b = TrustListBuilder.builder(Fixtures.signer(Fixtures.clusterKey("test10pub")))
                .fileName("ITLFile.tlv")
                .timestamp(Fixtures.T0)
                .layout(layout);
        for (Entry x : List.of(
                e(Fixtures.cmA(), Role.SAST),
                e(Fixtures.cmA(), Role.TFTP),
                hash(Fixtures.capfA(), Role.CAPF),
                hash(Fixtures.tvsPub(), Role.TVS),
                e(Fixtures.recA(), Role.SAST),
                hash(Fixtures.tvsSub(), Role.TVS))) {
            b.add(x);
        }
        return Fixtures.reread(b.build());
    }

    /**
     * The diff table's last row: {@code examples/ITLFile.tlv} (CUCM layout) -> the same certificates in certutils
     * layout is "all REENCODED (names ';' vs ',', DNSNAME absent, tag order)". certutils writes FUNCTION after
     * SERIALNUMBER (record tags 1,3,5,6,4,...), CUCM in ascending order: every record's details name the tag order
     * beside the other differences, not only when nothing else differs.
     */
    @Test
    void cucmToCertutilsLayoutIsAllReencodedWithTagOrder() throws Exception {
        ItlFile cucm = listingA(Layout.CUCM);
        assertEquals(Fixtures.a1().encoded(), cucm.encoded(), "the fixture is examples/ITLFile.tlv");
        ItlFile certutils = listingA(Layout.CERTUTILS);
        TrustListDiff d = diff(cucm, certutils);
        assertEquals(5, d.records().size(), d.toString());
        assertEquals(d.records(), d.records(ChangeKind.REENCODED), d.toString());
        for (RecordChange c : d.records()) {
            assertEquals(c.rolesOld(), c.rolesNew(), c.toString());
            assertEquals(c.rolesOld().size(), c.details().size(), c.toString());
            for (String x : c.details()) {
                assertTrue(x.contains("DNSNAME removed"), x);
                assertTrue(x.contains("SUBJECTNAME formatting"), x);
                assertTrue(x.contains("ISSUERNAME formatting"), x);
                assertTrue(x.contains("tag order"), x);
            }
        }
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
        // and back; a list against itself has no details at all
        assertTrue(
                diff(certutils, cucm).records().stream()
                        .allMatch(c -> c.details().stream().allMatch(x -> x.contains("tag order"))),
                diff(certutils, cucm).toString());
        TrustListDiff same = diff(certutils, certutils);
        assertEquals(same.records(), same.records(ChangeKind.UNCHANGED));
        assertTrue(same.records().stream().allMatch(c -> c.details().isEmpty()), same.toString());
    }
}
