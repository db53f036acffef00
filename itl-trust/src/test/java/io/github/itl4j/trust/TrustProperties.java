package io.github.itl4j.trust;

import static io.github.itl4j.trust.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlResetter;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import io.github.itl4j.testkit.ItlArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the simulator (docs/trust.md §6), over trust lists built by {@code TrustListBuilder} from the RSA
 * keys in the repository, and over the testkit's generated and mutated files.
 */
class TrustProperties {
    /** RSA keys with certificates: examples/cluster and the certutils vectors. */
    private static final String[] KEYS = {
        "c:test10pub",
        "c:itlrecovery",
        "v:sast-rsa2048",
        "v:sast2-rsa2048",
        "v:sast-rsa1024",
        "v:node01-rsa2048",
        "v:node05-rsa2048",
        "v:node09-rsa2048",
        "v:node13-rsa2048",
        "v:tftp-rsa2048",
        "v:ccm-tftp-rsa2048",
        "v:node03-rsa1024"
    };

    private static final Role[] OTHER_ROLES = {Role.TFTP, Role.CCM_TFTP, Role.CCM, Role.CAPF, Role.TVS, Role.APP_SERVER
    };

    static SigningKey key(int i) {
        String k = KEYS[i];
        return k.startsWith("c:") ? Fixtures.clusterKey(k.substring(2)) : Fixtures.vectorKey(k.substring(2));
    }

    /** A list: 1-3 distinct SAST keys, 0-3 other records, the signer one of the SAST keys. */
    record ListSpec(List<Integer> sast, List<Integer> others, List<Role> otherRoles, int signer, boolean hashTvs) {
        ItlFile build() {
            List<Entry> es = new ArrayList<>();
            for (int s : sast) {
                es.add(Fixtures.e(key(s).certificate(), Role.SAST));
            }
            for (int i = 0; i < others.size(); i++) {
                Role r = otherRoles.get(i);
                Entry e = Fixtures.e(key(others.get(i)).certificate(), r);
                es.add(r.equals(Role.TVS) && hashTvs ? e.asHash() : e);
            }
            return Fixtures.build(key(sast.get(signer)), "ITLFile.tlv", es);
        }
    }

    @Provide
    Arbitrary<ListSpec> lists() {
        Arbitrary<List<Integer>> sast = Arbitraries.integers()
                .between(0, KEYS.length - 1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements();
        Arbitrary<List<Integer>> others =
                Arbitraries.integers().between(0, KEYS.length - 1).list().ofMaxSize(3);
        Arbitrary<List<Role>> roles = Arbitraries.of(OTHER_ROLES).list().ofSize(3);
        return Combinators.combine(
                        sast, others, roles, Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
                .as((s, o, r, sig, h) -> new ListSpec(s, o, r, sig % s.size(), h));
    }

    @Property(tries = 40)
    void aResetByAnySastOfTheInstalledListIsAccepted(@ForAll("lists") ListSpec x, @ForAll("indexes") int which)
            throws Exception {
        ItlFile installed = x.build();
        int s = x.sast().get(which % x.sast().size());
        ItlFile reset = ItlResetter.builder(Fixtures.signer(key(s))).build().reset(installed);
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(installed).at(NOW))
                .build()
                .offer(Fixtures.reread(reset), "ITLFile.tlv");
        assertEquals(Verdict.ACCEPT, r.verdict(), r::toString);
        assertEquals(Fixtures.reread(reset), r.phoneAfter().itl().orElseThrow());
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 2);
    }

    @Property(tries = 40)
    void aListSignedByANonSastIsRejectedWithoutTvsOrRollback(@ForAll("lists") ListSpec x, @ForAll("lists") ListSpec y) {
        ItlFile installed = x.build();
        int signer = y.sast().get(y.signer());
        boolean signerIsSastOfX = x.sast().stream()
                .anyMatch(i -> key(i).certificate().equals(key(signer).certificate()));
        net.jqwik.api.Assume.that(!signerIsSastOfX);
        ItlFile offered = y.build();
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(installed).at(NOW))
                .build()
                .offer(offered, "ITLFile.tlv");
        assertEquals(Verdict.REJECT, r.verdict(), r::toString);
        assertEquals(installed, r.phoneAfter().itl().orElseThrow());
    }

    @Property(tries = 200)
    void mutatedFilesNeverThrowAndNeverInstallAnUnverifiedList(@ForAll("mutatedA1") byte[] bytes) {
        OfferedFile o = OfferedFile.read("ITLFile.tlv", Bytes.wrapOwned(bytes), ItlLimits.defaults());
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(Fixtures.a1()).at(NOW))
                .build()
                .offer(o);
        assertFalse(r.chain().isEmpty());
        if (r.verdict() == Verdict.ACCEPT) {
            // accepted only through an anchor whose key verified the signature
            assertEquals("R3", r.decisive().rule(), r::toString);
            assertTrue(r.decisive().detail().endsWith("verifies with its key"), r::toString);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedA1() {
        return ItlArbitraries.mutatedBytes(Fixtures.a1());
    }

    @Property(tries = 100)
    void generatedFilesNeverThrow(@ForAll("generated") Object f) {
        OfferedFile o = f instanceof ItlFile itl
                ? OfferedFile.of(itl, "ITLFile.tlv")
                : OfferedFile.of((SgnFile) f, "SEP001122334455.cnf.xml.sgn");
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(Fixtures.all()).at(NOW))
                .build()
                .offer(o);
        assertFalse(r.chain().isEmpty());
        assertFalse(r.verdict().isAccepted() && f instanceof ItlFile, r::toString);
    }

    @Provide
    Arbitrary<Object> generated() {
        return Arbitraries.oneOf(
                ItlArbitraries.itlFiles().map(x -> (Object) x),
                ItlArbitraries.sgnFiles().map(x -> (Object) x));
    }
}
