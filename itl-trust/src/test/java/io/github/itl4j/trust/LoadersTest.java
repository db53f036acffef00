package io.github.itl4j.trust;

import static io.github.itl4j.trust.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TVS exports, the role map, the model table and policy files. */
class LoadersTest {
    @TempDir
    Path tmp;

    static String csvRow(String server, String store, X509Certificate c) {
        return server + "," + store + ",distribution,10.0.0.1,\"" + ScenarioTest.pem(c) + "\"\n";
    }

    @Test
    void sqlExportMakesOneTvsPerServerWithTheClusterStores() throws IOException {
        String csv = "servername,name,moniker,ipv4address,certificate\n"
                + csvRow("pub", "CallManager", cmA())
                + csvRow("pub", "TVS", tvsPub())
                + csvRow("pub", "ITLRecovery", recA())
                + csvRow("sub", "TVS", tvsSub())
                + csvRow("pub", "Phone-SAST-trust", cmB())
                + csvRow("pub", "CallManager-trust", cmB());
        Path f = tmp.resolve("certs.csv");
        Files.writeString(f, csv);
        TvsEnvironment e = TvsEnvironment.fromSqlExport(f);
        assertEquals(
                List.of("pub", "sub"),
                e.instances().stream().map(TvsInstance::label).toList());
        assertEquals(tvsSub(), e.instances().get(1).serverCertificate());
        assertEquals(List.of(cmB()), e.instances().get(1).stores().get("Phone-SAST-trust"));
        // S15 through the SQL export
        SimulationResult r =
                ScenarioTest.sim(PhoneState.holding(a1()).at(NOW), e).offer(b1(), "ITLFile.tlv");
        assertEquals(Verdict.ACCEPT, r.verdict(), r::toString);
    }

    @Test
    void sqlExportErrorsNameTheProblem() {
        IOException noTvs = assertThrows(
                IOException.class,
                () -> TvsEnvironment.fromSqlExport(
                        "servername,name,moniker,ipv4address,certificate\n" + csvRow("pub", "CallManager", cmA()),
                        "x.csv"));
        assertTrue(noTvs.getMessage().contains("no TVS row"), noTvs.getMessage());
        IOException noCol = assertThrows(IOException.class, () -> TvsEnvironment.fromSqlExport("a,b\n1,2\n", "x.csv"));
        assertTrue(noCol.getMessage().contains("no column servername"), noCol.getMessage());
        IOException bad = assertThrows(
                IOException.class,
                () -> TvsEnvironment.fromSqlExport(
                        "servername,name,moniker,ipv4address,certificate\npub,TVS,d,1,\"-----BEGIN CERTIFICATE-----\nAAAA\n"
                                + "-----END CERTIFICATE-----\"\n",
                        "x.csv"));
        assertTrue(bad.getMessage().contains("row 2"), bad.getMessage());
        assertThrows(
                IOException.class, () -> TvsEnvironment.fromSqlExport("servername,name,certificate\n\"open", "x.csv"));
    }

    @Test
    void directoryExportErrors() throws IOException {
        assertThrows(IOException.class, () -> TvsEnvironment.fromDirectory(tmp));
        Files.writeString(tmp.resolve("tvs.pem"), "not a certificate");
        IOException e = assertThrows(IOException.class, () -> TvsEnvironment.fromDirectory(tmp));
        assertTrue(e.getMessage().contains("tvs.pem"), e.getMessage());
    }

    @Test
    void roleMapOverridesChangeTheVerdictAndAreReported() {
        TvsEnvironment e = TvsEnvironment.of(List.of(ScenarioTest.tvsAWith(List.of(), List.of(cmB()))))
                .withRoleMap(TvsRoleMap.defaults()
                        .withOverrides("# CallManager-trust grants both\n" + "CallManager-trust=SAST,TFTP\n"));
        SimulationResult r =
                ScenarioTest.sim(PhoneState.holding(a1()).at(NOW), e).offer(b1(), "ITLFile.tlv");
        assertEquals(Verdict.ACCEPT, r.verdict(), r::toString);
        assertTrue(r.assumptions().stream()
                .anyMatch(a -> a.key().equals("tvsRoleMap.CallManager-trust")
                        && a.value().equals("SAST,TFTP")
                        && a.confidence() == Confidence.P));
        assertThrows(IllegalArgumentException.class, () -> TvsRoleMap.defaults().withOverrides("x=NOPE"));
        assertThrows(IllegalArgumentException.class, () -> TvsRoleMap.defaults().withOverrides("no equals"));
        assertEquals(
                Set.of(Role.SAST),
                TvsRoleMap.defaults().line("phone-sast-trust").roles());
    }

    @Test
    void modelTableIsDataAndCanBeCorrected() throws IOException {
        ModelTable t = ModelTable.defaults();
        assertEquals(ModelTable.Support.NO, t.lookup("7975").orElseThrow().sha512());
        assertEquals(ModelTable.Support.YES, t.lookup("CP-8865").orElseThrow().sha512());
        assertFalse(t.lookup("CP-6911").orElseThrow().requestsItl());
        assertTrue(t.lookup("CP-3905").isEmpty());
        ModelTable mine = t.withOverrides("CP-7975=itl=yes;sha512=yes;confidence=M;source=lab\n", "mine");
        assertEquals(
                ModelTable.Support.YES, mine.lookup("CP-7975").orElseThrow().sha512());
        assertEquals(ModelTable.Support.NO, mine.lookup("CP-7965").orElseThrow().sha512());
        assertThrows(IOException.class, () -> t.withOverrides("CP-1=sha512=maybe", "bad"));
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(all()).model("7975").at(NOW))
                .models(mine)
                .build()
                .offer(OfferedFile.of(readSgn(cfg512()), "SEP0011223344AA.cnf.xml.sgn"));
        assertEquals(Verdict.ACCEPT, r.verdict(), r::toString);
    }

    @Test
    void unknownModelWithSha512WarnsByDefault() {
        SimulationResult r = TrustSimulator.builder()
                .phone(PhoneState.holding(all()).model("CP-3905").at(NOW))
                .build()
                .offer(OfferedFile.of(readSgn(cfg512()), "SEP0011223344AA.cnf.xml.sgn"));
        assertEquals(Verdict.ACCEPT, r.verdict(), r::toString);
        assertTrue(r.warnings().stream().anyMatch(w -> w.code().equals("DIGEST_SUPPORT_UNKNOWN")));
        assertTrue(r.assumptions().stream().anyMatch(a -> a.key().equals("model.CP-3905")));
    }

    @Test
    void policyFromProperties() {
        Properties p = new Properties();
        p.setProperty("acceptTftpRoleSigner", "true");
        p.setProperty("validity", "strict");
        p.setProperty("tvsConfigRoles", "TFTP,CCM+TFTP");
        SimulationPolicy s = SimulationPolicy.fromProperties(p);
        assertTrue(s.acceptTftpRoleSigner());
        assertEquals(SimulationPolicy.Strictness.STRICT, s.validity());
        assertEquals(Set.of(Role.TFTP, Role.CCM_TFTP), s.tvsConfigRoles());
        Properties bad = new Properties();
        bad.setProperty("acceptTftpRoleSigner", "yes");
        assertThrows(IllegalArgumentException.class, () -> SimulationPolicy.fromProperties(bad));
        Properties unknown = new Properties();
        unknown.setProperty("nope", "1");
        assertThrows(IllegalArgumentException.class, () -> SimulationPolicy.fromProperties(unknown));
    }
}
