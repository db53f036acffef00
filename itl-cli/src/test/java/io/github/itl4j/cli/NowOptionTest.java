package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's {@code --now} takes the same forms (a date or an ISO-8601 instant) and refuses others alike. */
class NowOptionTest {
    private static final String BAD = "29/11/2026";
    private static final String MESSAGE =
            "--now " + BAD + ": not a date (2026-11-29) or an ISO-8601 instant (2026-11-29T12:00:00Z)";

    private static String a() {
        return LintCommandTest.example("ITLFile.tlv");
    }

    private static String b() {
        return LintCommandTest.example("ITLFile-reset.tlv");
    }

    private static String plan() {
        return PlanCommandTest.plans().resolve("callmanager-tvs-11.5.yaml").toString();
    }

    @TempDir
    Path tmp;

    /** One phone that holds the example ITL, reported by a TFTP server that serves it. */
    private Path report() throws Exception {
        String sha1 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(Path.of(a()))));
        return Files.writeString(
                tmp.resolve("fleet.csv"),
                "devicename;model;itl_hash;itl_tftp_server\nSEP000000000001;CP-8865;" + sha1 + ";pub\n");
    }

    private List<List<String>> commands(String now) throws Exception {
        List<String> audit = List.of("audit", "--now", now, "--known", "pub:current=" + a(), report().toString());
        return List.of(
                List.of("lint", "--now", now, a()),
                List.of("diff", "--now", now, a(), b()),
                List.of("simulate", "--now", now, "--phone-itl", a(), b()),
                List.of("plan", plan(), "--now", now),
                List.of("verify", "--now", now, a()),
                List.of("show", "--now", now, a()),
                audit);
    }

    @Test
    void everyCommandRefusesOtherFormsWithOneMessage() throws Exception {
        for (List<String> c : commands(BAD)) {
            CliRun r = CliRun.run(c.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.exitCode(), c + ": " + r.stderr());
            assertTrue(r.stderr().contains(MESSAGE), c + ": " + r.stderr());
        }
    }

    @Test
    void everyCommandTakesADate() throws Exception {
        for (List<String> c : commands("2026-11-29")) {
            CliRun r = CliRun.run(c.toArray(String[]::new));
            assertTrue(r.exitCode() != ExitCodes.USAGE, c + ": " + r.stderr());
        }
    }
}
