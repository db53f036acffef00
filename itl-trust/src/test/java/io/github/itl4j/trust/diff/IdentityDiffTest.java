package io.github.itl4j.trust.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.listing.ShowListingParser;
import io.github.itl4j.trust.FileKind;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.IdentityDecision;
import io.github.itl4j.trust.IdentityMode;
import io.github.itl4j.trust.IdentityVerdict;
import io.github.itl4j.trust.ListSkeleton;
import io.github.itl4j.trust.Outcome;
import io.github.itl4j.trust.SimulationPolicy;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diff and identity-mode decisions with {@code show itl} captures (docs/trust.md, "Captures"). */
class IdentityDiffTest {
    static ListSkeleton listing(String which) throws Exception {
        String name = "show-itl-" + which + ".txt";
        return ListSkeleton.of(
                ShowListingParser.parse(Files.readString(Fixtures.testdata().resolve("reference/" + name))), name);
    }

    private static IdentityDiff diff(ListSkeleton a, ListSkeleton b) {
        return IdentityDiff.compare(a, b, null, false, SimulationPolicy.defaults());
    }

    @Test
    void listingAtoBIsAPureResignByASastOfTheOldList() throws Exception {
        IdentityDiff d = diff(listing("A"), listing("B"));
        assertTrue(d.fact("recordsIdentical"), d.facts().toString());
        assertTrue(d.fact("signerChanged"));
        assertTrue(d.fact("signerWasSastInOld"), d.facts().toString());
        assertTrue(d.fact("signerIsSastInNew"));
        assertFalse(d.fact("bothAnchorsChanged"));
        assertFalse(d.fact("tvsChanged"));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity(), d.chain().toString());
        assertEquals(5, d.records().size(), d.toString()); // records 1 and 2 are one certificate
        assertTrue(d.records().stream().allMatch(c -> c.kind() == ChangeKind.UNCHANGED), d.toString());
        assertEquals(2, d.sastKept().size());
        assertTrue(d.facts().stream()
                .filter(f -> f.name().equals("signerWasSastInOld"))
                .allMatch(f -> f.explanation().contains("record 5")));
        // the signature itself cannot be checked from a capture: the chain and the warnings say so
        assertTrue(d.chain().stream().anyMatch(r -> r.rule().equals("SIG") && r.outcome() == Outcome.SKIP));
        assertTrue(d.decision().warnings().stream().anyMatch(w -> w.code().equals("SIGNATURE_NOT_CHECKED")));
        assertEquals("R3", d.decision().decisive().rule());
        assertTrue(d.header().stream()
                .anyMatch(h -> h.field().equals("HEADERLENGTH")
                        && h.oldValue().equals("324")
                        && h.newValue().equals("344")));
    }

    @Test
    void listingBtoAIsContinuousToo() throws Exception {
        IdentityDiff d = diff(listing("B"), listing("A"));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity(), d.chain().toString());
        assertTrue(d.facts().stream()
                .filter(f -> f.name().equals("signerWasSastInOld"))
                .allMatch(f -> f.explanation().contains("record 1")));
    }

    @Test
    void captureAgainstTheShippedExampleIsAlignedByIdentity() throws Exception {
        // examples/ITLFile.tlv copies listing A's names, serials and lengths with other keys: the same serial and
        // issuer with another SHA-1 is a different certificate (ROTATED), never UNCHANGED
        IdentityDiff d = diff(listing("A"), ListSkeleton.of(Fixtures.a1(), "ITLFile.tlv"));
        assertTrue(d.records(ChangeKind.UNCHANGED).isEmpty(), d.toString());
        List<RecordChange> rotated = d.records(ChangeKind.ROTATED);
        assertTrue(
                rotated.stream()
                        .anyMatch(c -> c.rolesOld().equals(List.of("SAST", "TFTP"))
                                && c.details().get(0).contains("same serial and issuer")),
                d.toString());
        assertFalse(d.fact("recordsIdentical"));
        assertTrue(d.fact("bothAnchorsChanged"), d.facts().toString());
        // the example is signed by a certificate with test10pub's serial and issuer but another SHA-1: the phone
        // would verify with the key of the certificate it holds, which the capture does not show
        assertTrue(d.fact("signerWasSastInOld"));
        assertEquals(ContinuityVerdict.UNKNOWN, d.continuity(), d.chain().toString());
        assertEquals("SIG", d.decision().decisive().rule());
        assertTrue(d.decision().decisive().detail().contains("27dfb7349e6ccf44f1986a8ba482b13eac321e4e"));
    }

    @Test
    void captureAgainstTheResetExampleMatchesItlRecoveryBySerialOnly() throws Exception {
        // the example ITLRecovery's name is 3 characters shorter than the one Cisco's page prints (examples/README.md)
        IdentityDiff d = diff(listing("A"), ListSkeleton.of(Fixtures.a1r(), "ITLFile-reset.tlv"));
        assertEquals(ContinuityVerdict.UNKNOWN, d.continuity(), d.chain().toString());
        assertTrue(
                d.decision().warnings().stream().anyMatch(w -> w.code().equals("SIGNER_ISSUER_MISMATCH")),
                d.decision().warnings().toString());
    }

    @Test
    void aFileHeldAndItsResetOfferedAsSkeletonsIsContinuous() {
        // the phone holds A1 (known only by identity here) and is offered A1r, whose ITLRecovery certificate is the
        // one A1 lists: accepted, signature not checked
        IdentityDecision d = IdentityMode.decide(
                ListSkeleton.of(Fixtures.a1(), "ITLFile.tlv"),
                null,
                IdentityMode.Offer.of(ListSkeleton.of(Fixtures.a1r(), "ITLFile-reset.tlv")),
                false,
                SimulationPolicy.defaults());
        assertEquals(IdentityVerdict.ACCEPT, d.verdict(), d.chain().toString());
        assertEquals("R3", d.decisive().rule());
        assertTrue(d.decisive().detail().contains("record 5"), d.decisive().detail());
    }

    @Test
    void fileAgainstItsOwnSkeletonIsUnchanged() {
        IdentityDiff d = diff(ListSkeleton.of(Fixtures.a1(), "A"), ListSkeleton.of(Fixtures.a1r(), "B"));
        assertTrue(d.fact("recordsIdentical"));
        assertTrue(d.records().stream().allMatch(c -> c.kind() == ChangeKind.UNCHANGED), d.toString());
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
    }

    @Test
    void anUnknownSignerIsBrokenWithoutTvsAndUnknownWithIt() throws Exception {
        ListSkeleton a = listing("A");
        IdentityMode.Offer stranger = new IdentityMode.Offer(
                "ITLFile.tlv", FileKind.ITL, 5302, new ListSkeleton.Signer("CN=x", "0102", "CN=x"), null);
        IdentityDecision no = IdentityMode.decide(a, null, stranger, false, SimulationPolicy.defaults());
        assertEquals(IdentityVerdict.REJECT, no.verdict(), no.chain().toString());
        assertEquals("R7", no.decisive().rule());
        assertEquals("F-RESIGN-OTHER-SAST", no.fixes().get(0).code().code());
        IdentityDecision tvs = IdentityMode.decide(a, null, stranger, true, SimulationPolicy.defaults());
        assertEquals(IdentityVerdict.UNKNOWN, tvs.verdict(), tvs.chain().toString());
        assertEquals(Outcome.SKIP, tvs.decisive().outcome());
    }

    @Test
    void configSignerIsLookedUpAmongTftpRecords() throws Exception {
        ListSkeleton a = listing("A");
        ListSkeleton.Signer cm = a.signer(); // test10pub is SAST and TFTP in listing A
        IdentityDecision ok = configSignedBy(a, cm);
        assertEquals(IdentityVerdict.ACCEPT, ok.verdict(), ok.chain().toString());
        assertEquals("R6", ok.decisive().rule());
        ListSkeleton.Signer rec = listing("B").signer(); // ITLRecovery: SAST only
        IdentityDecision no = configSignedBy(a, rec);
        assertEquals(IdentityVerdict.REJECT, no.verdict(), no.chain().toString());
        assertEquals("F-SIGN-CONFIG", no.fixes().get(0).code().code());
    }

    /** A phone holding {@code itl} offered a 4000-byte configuration file signed by {@code signer}, no TVS. */
    private static IdentityDecision configSignedBy(ListSkeleton itl, ListSkeleton.Signer signer) {
        return IdentityMode.decide(
                itl,
                null,
                new IdentityMode.Offer("SEP001122334455.cnf.xml.sgn", FileKind.SGN, 4000, signer, null),
                false,
                SimulationPolicy.defaults());
    }

    @Test
    void aRollbackCaptureAcceptsAnyItl() throws Exception {
        String rb =
                """
                Length of ITL file: 2000
                Version: 1.2
                HeaderLength: 324 (BYTES)
                4 SIGNERNAME 57 CN=test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US
                5 SERIALNUMBER 16 61:40:52:E9:1E:E9:7C:77:9B:7B:5E:81:0A:B1:46:A5
                ITL Record #:1
                1 RECORDLENGTH 2 1115
                3 SUBJECTNAME 57 CN=test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US
                4 FUNCTION 2 System Administrator Security Token
                5 ISSUERNAME 57 CN=test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US
                6 SERIALNUMBER 16 61:40:52:E9:1E:E9:7C:77:9B:7B:5E:81:0A:B1:46:A5
                7 PUBLICKEY 140
                ITL Record #:2
                1 RECORDLENGTH 2 12
                2 DNSNAME 2
                4 FUNCTION 2 TFTP
                ITL Record #:3
                1 RECORDLENGTH 2 12
                2 DNSNAME 2
                4 FUNCTION 2 TVS
                """;
        ListSkeleton s = ListSkeleton.of(ShowListingParser.parse(rb), "rollback.txt");
        assertTrue(s.isRollback());
        assertFalse(listing("A").isRollback());
        IdentityDiff d = diff(s, ListSkeleton.of(Fixtures.a1(), "ITLFile.tlv"));
        assertEquals(
                ContinuityVerdict.CONTINUOUS_ROLLBACK, d.continuity(), d.chain().toString());
    }

    @Test
    void identityModeNeedsAnInstalledList() {
        IdentityMode.Offer o =
                new IdentityMode.Offer("x.tlv", FileKind.ITL, 10, new ListSkeleton.Signer(null, "01", null), null);
        assertThrows(
                IllegalArgumentException.class,
                () -> IdentityMode.decide(null, null, o, false, SimulationPolicy.defaults()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new IdentityMode.Offer(
                        "x.cnf.xml", FileKind.PLAIN, 10, new ListSkeleton.Signer(null, null, null), null));
    }
}
