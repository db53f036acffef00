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

    /**
     * A certificate rotated while its roles changed (SAST+TFTP -> SAST only: the new certificate no longer signs
     * configurations) says so in its details as a same-certificate pairing does (ROLE_REMOVED TFTP), so the text row
     * (which shows the new roles) does not hide the lost role.
     */
    @Test
    void rotationWithRoleChangeNamesTheRoles() {
        ItlFile a = Fixtures.build(
                Fixtures.vectorKey("sast2-rsa2048"),
                "ITLFile.tlv",
                List.of(
                        e(Fixtures.vectorKey("sast-rsa1024").certificate(), Role.SAST),
                        e(Fixtures.vectorKey("sast-rsa1024").certificate(), Role.TFTP),
                        e(Fixtures.vectorKey("sast2-rsa2048").certificate(), Role.SAST),
                        e(Fixtures.tvsB(), Role.TVS)));
        ItlFile b = Fixtures.build(
                Fixtures.vectorKey("sast2-rsa2048"),
                "ITLFile.tlv",
                List.of(
                        e(Fixtures.vectorKey("sast-rsa4096").certificate(), Role.SAST),
                        e(Fixtures.vectorKey("sast2-rsa2048").certificate(), Role.SAST),
                        e(Fixtures.tvsB(), Role.TVS)));
        TrustListDiff d = diff(a, b);
        List<RecordChange> rotated = d.records(ChangeKind.ROTATED);
        assertEquals(1, rotated.size(), d.toString());
        RecordChange r = rotated.get(0);
        assertEquals(List.of("SAST", "TFTP"), r.rolesOld());
        assertEquals(List.of("SAST"), r.rolesNew());
        assertEquals(List.of("TFTP"), r.rolesRemoved());
        assertTrue(r.details().contains("ROLE_REMOVED TFTP"), r.details().toString());
        assertTrue(
                r.details().stream().anyMatch(x -> x.equals("key: RSA 1024 -> RSA 4096")),
                r.details().toString());
        assertTrue(d.fact("tftpChanged"), d.toString());
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity(), "signed by the kept SAST sast2");
        // the other way round: ROLE_ADDED
        RecordChange back = diff(b, a).records(ChangeKind.ROTATED).get(0);
        assertTrue(back.details().contains("ROLE_ADDED TFTP"), back.details().toString());
    }

    /**
     * A list against itself has no changes (SPEC §4.4), also when it has records without a certificate identity: the
     * rollback ITL's emptied TFTP and TVS records and a non-secure CTL's CCM+TFTP placeholders (DNSNAME, FUNCTION,
     * IPADDRESS only) are the same records when their bytes are equal, not one REMOVED and one ADDED each.
     */
    @Test
    void placeholdersAgainstThemselvesAreUnchanged() {
        for (ItlFile f : List.of(Fixtures.aRb(), Fixtures.ctlNonSecure())) {
            TrustListDiff d = diff(f, f);
            assertTrue(d.fact("recordsIdentical"), d.toString());
            assertEquals(d.records(), d.records(ChangeKind.UNCHANGED), d.toString());
            assertEquals(
                    f.records().size(),
                    d.records().stream().mapToInt(c -> c.recordsOld().size()).sum(),
                    d.toString());
        }
        // a placeholder that differs is still one removed and one added (it has no identity to pair it by)
        TrustListDiff ab = diff(Fixtures.a1(), Fixtures.aRb());
        assertEquals(2, ab.records(ChangeKind.REMOVED).size(), ab.toString());
        assertEquals(3, ab.records(ChangeKind.ADDED).size(), ab.toString());
    }

    /** The same in identity mode (lists known only as a {@code show itl} capture shows them: roles, lengths). */
    @Test
    void placeholdersAgainstThemselvesAreUnchangedInIdentityMode() {
        for (ItlFile f : List.of(Fixtures.aRb(), Fixtures.ctlNonSecure())) {
            io.github.itl4j.trust.ListSkeleton s = io.github.itl4j.trust.ListSkeleton.of(f, "ITLFile.tlv");
            IdentityDiff d = IdentityDiff.compare(s, s, null, false, io.github.itl4j.trust.SimulationPolicy.defaults());
            assertEquals(d.records(), d.records(ChangeKind.UNCHANGED), d.toString());
            assertEquals(
                    f.records().size(),
                    d.records().stream().mapToInt(c -> c.recordsOld().size()).sum(),
                    d.toString());
            assertTrue(d.fact("recordsIdentical"), d.facts().toString());
        }
    }
}
