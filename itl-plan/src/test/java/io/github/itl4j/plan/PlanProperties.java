package io.github.itl4j.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.TrustSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property (docs/plan.md, Invariants): for random clusters and random single changes, the planner's SAFE plans keep
 * every registered phone class accepting at every step when the files are replayed through the trust engine on their
 * own (a phone holding the initial files, offered each step's CTL and ITL with the step's TVS servers); and the
 * as-given order of a change the safe order needed gates for is never reported SAFE while it strands a class.
 */
class PlanProperties {
    record Case(String version, boolean mixed, int nodes, boolean subTftp, String change) {
        String yaml() {
            StringBuilder sb = new StringBuilder("cluster:\n  name: R\n  version: \"" + version + "\"\n  mode: "
                    + (mixed ? "mixed" : "non-secure") + "\n  nodes:\n    - {name: pub, tftp: true, tvs: true, "
                    + "capf: true}\n");
            for (int i = 1; i < nodes; i++) {
                sb.append("    - {name: sub")
                        .append(i)
                        .append(", tftp: ")
                        .append(subTftp)
                        .append(", tvs: true}\n");
            }
            sb.append("fleet: {classes: [{name: on-pub, count: 10}")
                    .append(nodes > 1 && subTftp ? ", {name: on-sub1, count: 5, tftp: sub1}" : "")
                    .append("]}\n");
            return sb.append("change:\n  - ").append(change).append('\n').toString();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> version = Arbitraries.of("9.1", "10.5", "11.5", "12.5", "14", "15");
        Arbitrary<Boolean> mixed = Arbitraries.of(false, true);
        Arbitrary<Integer> nodes = Arbitraries.integers().between(1, 3);
        Arbitrary<Boolean> subTftp = Arbitraries.of(false, true);
        Arbitrary<String> change = Arbitraries.of(
                "regenerate: {what: CallManager, nodes: [pub]}",
                "regenerate: {what: TVS, nodes: [pub]}",
                "regenerate: {what: ITLRecovery}",
                "regenerate: {what: CAPF}",
                "regenerate: {what: CallManager}",
                "regenerate: {what: TVS}",
                "addNode: {name: subx, tftp: true, tvs: true}",
                "setTftpSignatureAlgorithm: SHA-256",
                "enableFips: {nodes: [pub]}");
        return Combinators.combine(version, mixed, nodes, subTftp, change).as(Case::new);
    }

    @Property(tries = 40)
    void safePlansReplayAcceptedThroughTheTrustEngine(@ForAll("cases") Case c) throws Exception {
        Plan p = Planner.defaults().plan(PlanInput.parse(c.yaml(), Path.of("."), RecipeTest.NOW));
        if (p.verdict() != PlanVerdict.SAFE) {
            // only BLOCKED/UNSAFE with a reason: a stranded class or a violated invariant
            assertTrue(
                    !p.stranded().isEmpty()
                            || p.invariants().stream().anyMatch(i -> i.status() == InvariantCheck.Status.VIOLATED),
                    PlanText.render(p));
            return;
        }
        Map<String, ItlFile> served = new LinkedHashMap<>();
        for (ProducedFile f : p.initial()) {
            served.put(f.cluster() + "/" + f.node() + "/" + f.name(), f.file());
        }
        for (FleetSpec.PhoneClass pc : p.request().fleet().classes()) {
            String node = pc.tftp() == null ? "pub" : pc.tftp();
            PhoneState phone = PhoneState.holding(served.get("R/" + node + "/ITLFile.tlv"));
            ItlFile ctl0 = served.get("R/null/CTLFile.tlv");
            if (ctl0 != null) {
                phone = phone.withCtl(ctl0);
            }
            phone = phone.at(RecipeTest.NOW);
            Map<String, ItlFile> now = new LinkedHashMap<>(served);
            for (PlanStep s : p.steps()) {
                for (ProducedFile f : s.produced()) {
                    now.put(f.cluster() + "/" + f.node() + "/" + f.name(), f.file());
                }
                if (s.classes().isEmpty()) {
                    continue;
                }
                List<OfferedFile> offered = new ArrayList<>();
                if (now.get("R/null/CTLFile.tlv") != null) {
                    offered.add(OfferedFile.of(now.get("R/null/CTLFile.tlv"), "CTLFile.tlv"));
                }
                offered.add(OfferedFile.of(now.get("R/" + node + "/ITLFile.tlv"), "ITLFile.tlv"));
                phone = phone.advance(p.request().options().minHold());
                for (OfferedFile o : offered) {
                    SimulationResult r = TrustSimulator.builder()
                            .phone(phone)
                            .tvs(s.tvs())
                            .build()
                            .offer(o);
                    assertTrue(
                            r.verdict().isAccepted(),
                            c + " step " + s.id() + " " + o.name() + ": " + r.chain() + "\n" + PlanText.render(p));
                    phone = r.phoneAfter();
                }
            }
        }
    }
}
