package io.github.itl4j.trust.diff;

import static io.github.itl4j.trust.Fixtures.clusterKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.trust.Fixtures;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.TrustSimulator;
import io.github.itl4j.trust.TvsEnvironment;
import io.github.itl4j.trust.TvsInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff table (docs/lint.md, itl diff). */
class TrustListDiffTest {
    private static TrustSimulator sim(TvsInstance... tvs) {
        return TrustSimulator.builder()
                .phone(PhoneState.none().at(Fixtures.NOW))
                .tvs(TvsEnvironment.of(List.of(tvs)))
                .build();
    }

    private static TrustListDiff diff(ItlFile a, ItlFile b, TvsInstance... tvs) {
        return TrustListDiff.compare(a, "ITLFile.tlv", b, "ITLFile.tlv", sim(tvs));
    }

    private static List<String> kinds(TrustListDiff d, ChangeKind k) {
        return d.records(k).stream()
                .map(c -> String.join("+", c.rolesNew().isEmpty() ? c.rolesOld() : c.rolesNew()))
                .toList();
    }

    @Test
    void resetListingAtoB() {
        TrustListDiff d = diff(Fixtures.a1(), Fixtures.a1r());
        assertTrue(d.fact("recordsIdentical"), d.facts().toString());
        assertTrue(d.fact("signerChanged"));
        assertTrue(d.fact("signerWasSastInOld"));
        assertFalse(d.fact("bothAnchorsChanged"));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity(), d.chain().toString());
        assertTrue(d.records().stream().allMatch(c -> c.kind() == ChangeKind.UNCHANGED), d.toString());
        assertEquals(2, d.sastKept().size());
        assertTrue(
                d.header().stream().anyMatch(h -> h.field().equals("SIGNERNAME")),
                d.header().toString());
        assertFalse(d.tvsConsidered());
    }

    @Test
    void callManagerRegeneratedPre12() {
        TrustListDiff d = diff(Fixtures.a1(), Fixtures.a2());
        assertEquals(List.of("SAST+TFTP"), kinds(d, ChangeKind.ROTATED), d.toString());
        assertTrue(d.fact("signerChanged"));
        assertFalse(d.fact("signerWasSastInOld"));
        assertEquals(ContinuityVerdict.BROKEN, d.continuity());
        assertFalse(d.fixes().isEmpty());
        TvsInstance tvsA =
                Fixtures.tvsA("pub", Fixtures.tvsPub(), List.of(Fixtures.cmA(), Fixtures.cmA2()), List.of(), List.of());
        TrustListDiff v = diff(Fixtures.a1(), Fixtures.a2(), tvsA);
        assertEquals(
                ContinuityVerdict.CONTINUOUS_VIA_TVS, v.continuity(), v.chain().toString());
        assertTrue(v.tvsConsidered());
        RecordChange rot = v.records(ChangeKind.ROTATED).get(0);
        assertTrue(
                rot.details().stream().anyMatch(s -> s.startsWith("serial:")),
                rot.details().toString());
    }

    @Test
    void tvsRegenerated() {
        TrustListDiff d = diff(Fixtures.a1(), Fixtures.a3());
        assertEquals(List.of("TVS"), kinds(d, ChangeKind.ROTATED), d.toString());
        assertFalse(d.fact("signerChanged"));
        assertTrue(d.fact("tvsChanged"));
        assertFalse(d.fact("tvsChangedWithSigner"));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
    }

    @Test
    void callManagerAndTvsTogether() {
        TvsInstance pub = Fixtures.tvsA("pub", Fixtures.tvsA2(), List.of(Fixtures.cmA2()), List.of(), List.of());
        TrustListDiff d = diff(Fixtures.a1(), Fixtures.a4(), pub);
        assertTrue(d.fact("tvsChangedWithSigner"), d.facts().toString());
        assertEquals(
                List.of("SAST+TFTP", "TVS"),
                kinds(d, ChangeKind.ROTATED).stream().sorted().toList());
        assertEquals(ContinuityVerdict.BROKEN, d.continuity(), d.chain().toString());
        TvsInstance sub = Fixtures.tvsA("sub", Fixtures.tvsSub(), List.of(Fixtures.cmA2()), List.of(), List.of());
        assertEquals(
                ContinuityVerdict.CONTINUOUS_VIA_TVS,
                diff(Fixtures.a1(), Fixtures.a4(), pub, sub).continuity());
    }

    @Test
    void singleAnchorRotated() {
        TrustListDiff d = diff(Fixtures.a8(), Fixtures.a8x());
        assertTrue(d.fact("bothAnchorsChanged"), d.facts().toString());
        assertEquals(ContinuityVerdict.BROKEN, d.continuity());
    }

    @Test
    void signerVersion() {
        TrustListDiff d = diff(
                Fixtures.read(vec("itl-rsa2048-sha1-v1.0-allroles.tlv")),
                Fixtures.read(vec("itl-rsa2048-sha1-v1.1-allroles.tlv")));
        assertTrue(
                d.header().stream().anyMatch(h -> h.field().equals("SIGNERVERSION") && "1.1".equals(h.newValue())),
                d.header().toString());
        assertTrue(d.fact("recordsIdentical"), d.facts().toString());
        assertTrue(d.fact("versionChanged"));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
    }

    @Test
    void digestChange() {
        ItlFile a = Fixtures.read(vec("itl-rsa2048-sha1-v1.0-allroles.tlv"));
        ItlFile b = Fixtures.read(vec("itl-rsa2048-sha512-v1.0-allroles.tlv"));
        TrustListDiff d = diff(a, b);
        assertTrue(d.fact("digestChanged"));
        TrustSimulator m8865 = TrustSimulator.builder()
                .phone(PhoneState.none().model("CP-8865").at(Fixtures.NOW))
                .build();
        assertEquals(
                ContinuityVerdict.CONTINUOUS,
                TrustListDiff.compare(a, "ITLFile.tlv", b, "ITLFile.tlv", m8865).continuity());
        TrustSimulator m7975 = TrustSimulator.builder()
                .phone(PhoneState.none().model("CP-7975").at(Fixtures.NOW))
                .build();
        assertEquals(
                ContinuityVerdict.BROKEN,
                TrustListDiff.compare(a, "ITLFile.tlv", b, "ITLFile.tlv", m7975).continuity());
    }

    @Test
    void recordsAdded() {
        TrustListDiff d = diff(
                Fixtures.read(vec("itl-rsa2048-sha1-v1.0-n06.tlv")),
                Fixtures.read(vec("itl-rsa2048-sha1-v1.0-n12.tlv")));
        assertEquals(6, d.records(ChangeKind.ADDED).size(), d.toString());
        assertTrue(d.records(ChangeKind.REMOVED).isEmpty());
        assertTrue(d.records(ChangeKind.ROTATED).isEmpty());
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
    }

    @Test
    void cucmToCertutilsLayoutIsReencoded() throws Exception {
        TrustListBuilder b = TrustListBuilder.builder(Fixtures.signer(clusterKey("test10pub")))
                .fileName("ITLFile.tlv")
                .timestamp(Fixtures.T0)
                .layout(Layout.CERTUTILS)
                .tvsAsHash(true);
        b.add(Fixtures.e(Fixtures.cmA(), Role.SAST))
                .add(Fixtures.e(Fixtures.cmA(), Role.TFTP))
                .add(Fixtures.hash(Fixtures.capfA(), Role.CAPF))
                .add(Fixtures.e(Fixtures.tvsPub(), Role.TVS))
                .add(Fixtures.e(Fixtures.tvsSub(), Role.TVS))
                .add(Fixtures.e(Fixtures.recA(), Role.SAST));
        TrustListDiff d = diff(Fixtures.a1(), Fixtures.reread(b.build()));
        assertTrue(d.records(ChangeKind.ADDED).isEmpty(), d.toString());
        assertTrue(d.records(ChangeKind.REMOVED).isEmpty(), d.toString());
        assertTrue(d.records(ChangeKind.ROTATED).isEmpty(), d.toString());
        assertFalse(d.records(ChangeKind.REENCODED).isEmpty(), d.toString());
        assertTrue(d.records(ChangeKind.REENCODED).stream()
                .anyMatch(c -> c.rolesNew().contains("SAST")));
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
    }

    @Test
    void roleAdded() {
        // CTL_A -> CTL_A': two SAST certificates added
        TrustListDiff d = TrustListDiff.compare(Fixtures.ctlA(), "CTLFile.tlv", Fixtures.ctlA2(), "CTLFile.tlv", sim());
        assertEquals(2, d.records(ChangeKind.ADDED).size(), d.toString());
        assertEquals(ContinuityVerdict.CONTINUOUS, d.continuity());
        // a TFTP role taken away from CM_A (A8 -> A8 without TFTP)
        ItlFile noTftp = Fixtures.build(
                clusterKey("test10pub"),
                "ITLFile.tlv",
                List.of(Fixtures.e(Fixtures.cmA(), Role.SAST), Fixtures.e(Fixtures.tvsPub(), Role.TVS)));
        TrustListDiff r = diff(Fixtures.a8(), noTftp);
        RecordChange cm = r.records().stream()
                .filter(c -> c.rolesOld().contains("SAST"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("TFTP"), cm.rolesRemoved(), r.toString());
        assertTrue(r.fact("tftpChanged"));
    }

    @Test
    void rollbackOld() {
        TrustListDiff d = diff(Fixtures.aRb(), Fixtures.b1());
        assertEquals(
                ContinuityVerdict.CONTINUOUS_ROLLBACK, d.continuity(), d.chain().toString());
    }

    private static java.nio.file.Path vec(String n) {
        return Fixtures.testdata().resolve("vectors/certutils/itl/" + n);
    }

    /** Listing A with its first record's fields followed by {@code extra} (an unknown tag may repeat). */
    private static ItlFile firstRecordWith(io.github.itl4j.tlv.Tlv... extra) {
        ItlFile a = Fixtures.a1();
        List<io.github.itl4j.tlv.Tlv> fields =
                new java.util.ArrayList<>(a.records().get(0).fields());
        fields.addAll(List.of(extra));
        List<io.github.itl4j.ItlRecord> records = new java.util.ArrayList<>(a.records());
        records.set(0, io.github.itl4j.ItlRecord.of(fields));
        return ItlFile.of(a.header(), records);
    }

    private static io.github.itl4j.tlv.Tlv tag99(String value) {
        return new io.github.itl4j.tlv.Tlv(99, io.github.itl4j.Bytes.utf8(value));
    }

    /**
     * A field repeated in a record (an unknown tag; the parser refuses a known one twice) on both sides, in the same
     * order: no "tag order" detail (before, the repeats made one, and a change of a later repeat was named "tag order"
     * only). The later repeat's change, or a repeat dropped, is named instead.
     */
    @Test
    void repeatedFieldIsNoTagOrderDifference() {
        TrustListDiff d = diff(firstRecordWith(tag99("x"), tag99("y")), firstRecordWith(tag99("x"), tag99("z")));
        RecordChange c = d.records(ChangeKind.REENCODED).get(0);
        assertEquals(1, d.records(ChangeKind.REENCODED).size(), d.toString());
        assertEquals(1, c.details().size(), c.toString());
        assertFalse(c.details().get(0).contains("tag order"), c.toString());
        assertTrue(c.details().get(0).contains("UNKNOWN(99) repeat changed"), c.toString());

        TrustListDiff dropped = diff(firstRecordWith(tag99("x"), tag99("x")), firstRecordWith(tag99("x")));
        RecordChange r = dropped.records(ChangeKind.REENCODED).get(0);
        assertFalse(r.details().get(0).contains("tag order"), r.toString());
        assertTrue(r.details().get(0).contains("UNKNOWN(99) repeated 2 -> 1 times"), r.toString());

        // only the first occurrence changed: said once, not also as a repeat
        TrustListDiff first = diff(firstRecordWith(tag99("x"), tag99("y")), firstRecordWith(tag99("w"), tag99("y")));
        RecordChange f = first.records(ChangeKind.REENCODED).get(0);
        assertEquals(1, f.details().size(), f.toString());
        assertTrue(f.details().get(0).contains("UNKNOWN(99) changed"), f.toString());
        assertFalse(f.details().get(0).contains("repeat"), f.toString());

        // the same repeats on both sides: unchanged
        ItlFile a = firstRecordWith(tag99("x"), tag99("y"));
        TrustListDiff same = diff(a, firstRecordWith(tag99("x"), tag99("y")));
        assertEquals(same.records(), same.records(ChangeKind.UNCHANGED), same.toString());
    }
}
