package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.itl4j.Bytes;
import io.github.itl4j.trust.lint.Finding;
import io.github.itl4j.trust.lint.LintOptions;
import io.github.itl4j.trust.lint.LintReport;
import io.github.itl4j.trust.lint.Linter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code itl lint}: the lint test table (docs/lint.md) through the CLI, JSON validated against the checked-in schema.
 */
class LintCommandTest {

    @TempDir
    Path tmp;

    static JsonNode json(CliRun r) throws IOException {
        return JsonSchemas.LINT.parse(r);
    }

    static String itl(String name) {
        return CliRun.testdata().resolve("certutils/itl/" + name).toString();
    }

    static String example(String name) {
        return CliRun.testdata()
                .getParent()
                .getParent()
                .resolve("examples/" + name)
                .toString();
    }

    /** @return the rules of the WARN/ERROR findings of the only file */
    static Set<String> rules(JsonNode n, boolean info) {
        Set<String> s = new TreeSet<>();
        n.get("data").get("files").get(0).get("findings").forEach(f -> {
            if (info == f.get("severity").asText().equals("INFO")) {
                s.add(f.get("rule").asText());
            }
        });
        return s;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "ctl-rsa2048-sha1-v1.0-ctlfile.tlv;;;0",
                "itl-rsa2048-sha1-v1.0-2sast.tlv;;;0",
                "itl-rsa2048-sha512-v1.1-2sast.tlv;;L13;0",
                "itl-rsa2048-sha1-v1.0-allroles.tlv;;L06 L16;0",
                "itl-rsa2048-sha1-v1.1-allroles.tlv;;L06;0",
                "itl-rsa2048-sha1-v1.0-allroles-ec.tlv;;L06 L16;0",
                "bench-typical6-rsa2048-sha1-v1.0.tlv;;L06 L16;0",
                "itl-rsa2048-sha1-v1.0-n01.tlv;;L06 L24 L25;0",
                "itl-rsa2048-sha1-v1.0-n02.tlv;;L06 L25;0",
                "itl-rsa2048-sha1-v1.0-n12.tlv;;L06 L10 L16;0",
                "itl-rsa2048-sha1-v1.0-n25.tlv;;L06 L10 L16;0",
                "itl-rsa2048-sha1-v1.0-n50.tlv;;L02 L06 L10 L16;0",
                "itl-rsa2048-sha1-v1.0-signer-not-first.tlv;;L06 L16;0",
                "itl-rsa4096-sha1-v1.1-noappserver.tlv;;L06 L10;0",
                "itl-rsa4096-sha512-v1.0-allroles.tlv;;L06 L10 L13 L16;0",
                "itl-rsa1024-sha1-v1.0-noappserver.tlv;--fips;L06 L11;1",
                "itl-rsa2048-sha512-v1.1-2sast.tlv;--models=CP-7975;L13;1",
                "itl-rsa2048-sha1-v1.0-allroles.tlv;--werror;L06 L16;1"
            })
    void table(String file, String option, String expected, int exit) throws IOException {
        List<String> args = new ArrayList<>(List.of("lint", "--json", "--now", "2026-11-29"));
        if (option != null) {
            args.add(option);
        }
        args.add(itl(file));
        CliRun r = CliRun.run(args.toArray(new String[0]));
        assertEquals(exit, r.exitCode(), r.stderr() + r.stdout());
        JsonNode n = json(r);
        assertEquals(new TreeSet<>(expected == null ? List.of() : List.of(expected.split(" "))), rules(n, false));
        assertEquals(exit == 0 ? "PASS" : "FAIL", n.get("verdict").asText());
    }

    /** A file over a reading limit is malformed with the option that raises the limit, not the library's API. */
    @Test
    void overTheSizeLimitNamesTheOption() throws IOException {
        Path big = Files.write(tmp.resolve("ITLFile.tlv"), new byte[3_000_000]);
        CliRun t = CliRun.run("lint", big.toString());
        assertEquals(ExitCodes.INPUT, t.exitCode(), t.stderr());
        String hint = "raise it with --limit max-file-size=N (N >= 3000000)";
        assertTrue(t.stdout().contains(hint) && !t.stdout().contains("ItlLimits"), t.stdout());
        JsonNode f = JsonSchemas.LINT
                .parse(CliRun.run("lint", "--json", big.toString()))
                .get("data")
                .get("files")
                .get(0);
        assertTrue(f.get("malformed").asText().contains(hint), f.toString());
        LintReport r = Linter.of(LintOptions.defaults()).lint("ITLFile.tlv", Bytes.wrapOwned(new byte[3_000_000]));
        assertEquals(3_000_000L, r.limitExceeded().orElseThrow().actual());
    }

    @Test
    void examplesAndInfo() throws IOException {
        JsonNode a = json(CliRun.run("lint", "--json", "--now", "2026-11-29", example("ITLFile.tlv")));
        assertEquals(Set.of(), rules(a, false));
        assertTrue(rules(a, true).contains("L11"));
        JsonNode b = json(CliRun.run("lint", "--json", "--now", "2026-11-29", example("ITLFile-reset.tlv")));
        assertEquals(Set.of(), rules(b, false));
        assertTrue(rules(b, true).contains("L08"));
        JsonNode c =
                json(CliRun.run("lint", "--json", "--now", "2026-11-29", itl("ctl-rsa2048-sha1-v1.0-ctlfile.tlv")));
        assertTrue(rules(c, true).contains("L37"));
        CliRun fips = CliRun.run("lint", "--fips", "--now", "2026-11-29", example("ITLFile.tlv"));
        assertEquals(1, fips.exitCode());
        assertTrue(fips.stdout().contains("L11 ERROR [record 1 (SAST test10pub.joemar2.lab)]"), fips.stdout());
    }

    @Test
    void negativeIsMalformed() throws IOException {
        String neg = CliRun.testdata()
                .resolve("negative/rsp2k-itlbuilder/ITLFile.tlv")
                .toString();
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", neg);
        assertEquals(3, r.exitCode(), r.stderr());
        JsonNode n = json(r);
        assertEquals("UNREADABLE", n.get("verdict").asText());
        assertEquals(0, n.get("data").get("files").get(0).get("findings").size());
        assertEquals("MALFORMED", n.get("problems").get(0).get("code").asText());
        CliRun t = CliRun.run("lint", neg);
        assertEquals(3, t.exitCode());
        assertTrue(t.stdout().contains("not a trust list"), t.stdout());
    }

    @Test
    void manyFilesAndDirectoriesOneSummary() throws IOException {
        Path dir = tmp.resolve("tftpboot");
        Files.createDirectories(dir);
        Files.copy(Path.of(example("ITLFile.tlv")), dir.resolve("ITLFile.tlv"));
        Files.copy(Path.of(itl("itl-rsa2048-sha512-v1.1-2sast.tlv")), dir.resolve("ITLSEP001122334455.tlv"));
        Files.writeString(dir.resolve("README.txt"), "not linted");
        CliRun r = CliRun.run("lint", "--now", "2026-11-29", dir.toString(), itl("itl-rsa2048-sha1-v1.0-n01.tlv"));
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("lint: 3 files, 0 errors, 4 warnings"), last);
        assertTrue(r.stdout().contains("ITLSEP001122334455.tlv: L13 WARN [header]"), r.stdout());
        assertTrue(!r.stdout().contains("README"));
        CliRun missing = CliRun.run(
                "lint", "--now", "2026-11-29", tmp.resolve("nope.tlv").toString(), example("ITLFile.tlv"));
        assertEquals(4, missing.exitCode());
        assertTrue(missing.stdout().contains("lint: 2 files"), missing.stdout());
    }

    @Test
    void optionsDisableSeverityProfile() throws IOException {
        String f = itl("itl-rsa2048-sha1-v1.0-n01.tlv");
        assertEquals(
                Set.of("L24", "L25"),
                rules(json(CliRun.run("lint", "--json", "--now", "2026-11-29", "--disable", "L06", f)), false));
        // usecallmanager: a single SAST, no TFTP and no TVS are normal (INFO)
        JsonNode ucm = json(CliRun.run("lint", "--json", "--now", "2026-11-29", "--profile", "usecallmanager", f));
        assertEquals(Set.of(), rules(ucm, false));
        assertTrue(rules(ucm, true).containsAll(Set.of("L06", "L24", "L25")), ucm.toString());
        CliRun err = CliRun.run("lint", "--now", "2026-11-29", "--severity", "L25=error", f);
        assertEquals(1, err.exitCode());
        assertEquals(2, CliRun.run("lint", "--disable", "L99", f).exitCode());
        assertEquals(2, CliRun.run("lint", "--profile", "nz", f).exitCode());
        assertEquals(2, CliRun.run("lint", "--now", "yesterday", f).exitCode());
        CliRun expired = CliRun.run("lint", "--json", "--now", "2050-01-01", f);
        assertEquals(1, expired.exitCode());
        assertTrue(rules(json(expired), false).contains("L20"));
        CliRun near = CliRun.run("lint", "--now", "2026-11-29", "--near-expiry", "5000d", f);
        assertTrue(near.stdout().contains("L41 WARN"), near.stdout());
    }

    /** Every finding of the library appears in the JSON with the same rule, code, severity and location. */
    @Test
    void findingsRoundTrip() throws IOException {
        List<String> files = List.of(
                example("ITLFile.tlv"),
                example("ITLFile-reset.tlv"),
                itl("itl-rsa4096-sha512-v1.0-allroles.tlv"),
                itl("ctl-rsa2048-sha1-v1.0-ctlfile.tlv"),
                itl("itl-rsa2048-sha1-v1.0-n50.tlv"));
        Instant now = Instant.parse("2026-11-29T00:00:00Z");
        for (String f : files) {
            LintReport lib =
                    Linter.of(LintOptions.defaults().now(now)).lint(f, Bytes.wrapOwned(Files.readAllBytes(Path.of(f))));
            JsonNode n = json(CliRun.run("lint", "--json", "--now", "2026-11-29", f));
            JsonNode fs = n.get("data").get("files").get(0).get("findings");
            assertEquals(lib.findings().size(), fs.size(), f);
            for (int i = 0; i < fs.size(); i++) {
                Finding x = lib.findings().get(i);
                JsonNode j = fs.get(i);
                assertEquals(x.rule(), j.get("rule").asText());
                assertEquals(x.code(), j.get("code").asText());
                assertEquals(x.severity().name(), j.get("severity").asText());
                assertEquals(x.message(), j.get("message").asText());
                assertEquals(
                        x.recordIndex() < 0 ? null : x.recordIndex() + 1,
                        j.get("location").get("record").isNull()
                                ? null
                                : j.get("location").get("record").asInt());
                assertEquals(
                        x.offset(),
                        j.get("location").get("offset").isNull()
                                ? -1
                                : j.get("location").get("offset").asLong());
                assertEquals(x.confidence(), j.get("confidence").asText());
            }
        }
    }

    @Test
    void encryptedConfiguration() throws IOException {
        Path v2 = CliRun.testdata().resolve("enccnf/v2/SEP00112233AAFF.cnf.xml.enc.sgn");
        Path v1 = CliRun.testdata().resolve("enccnf/SEP001122334455.cnf.xml.enc.sgn");
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", v2.toString(), v1.toString());
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        JsonNode n = json(r);
        JsonNode f = n.get("data").get("files").get(0);
        assertEquals("ENC_SGN", f.get("kind").asText());
        assertEquals(Set.of("E09"), rules(n, false));
        assertEquals("ENC_SHA512", f.get("findings").get(0).get("code").asText());
        assertEquals(0, n.get("data").get("files").get(1).get("findings").size());
        // a copy under another name, and a phone that cannot verify SHA-512: exit 1
        Path copy = tmp.resolve("SEP0011223344FF.cnf.xml.enc.sgn");
        Files.copy(v2, copy);
        CliRun t = CliRun.run("lint", "--now", "2026-11-29", "--models", "CP-7975", copy.toString());
        assertEquals(1, t.exitCode(), t.stderr() + t.stdout());
        assertTrue(t.stdout().contains("E06 WARN"), t.stdout());
        assertTrue(t.stdout().contains("E09 ERROR"), t.stdout());
        assertEquals(
                0,
                CliRun.run("lint", "--now", "2026-11-29", "--disable", "E06,ENC_SHA512", copy.toString())
                        .exitCode());
    }

    /** A hostile, deeply nested CERTIFICATE: one coded finding, never a StackOverflowError (lint, diff, show). */
    @Test
    void deeplyNestedCertificate() throws IOException {
        Path deep = VerifyCommandTest.deeplyNestedSignerCertificate(tmp);
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", deep.toString());
        assertEquals("", r.stderr());
        assertEquals(1, r.exitCode());
        JsonNode n = json(r);
        boolean refused = false;
        for (JsonNode f : n.get("data").get("files").get(0).get("findings")) {
            refused |= f.get("code").asText().equals("CERTIFICATE_ENCODING_REFUSED");
        }
        assertTrue(refused, r.stdout());
        CliRun d = CliRun.run("diff", deep.toString(), itl("itl-rsa1024-sha1-v1.0-allroles.tlv"));
        assertEquals("", d.stderr());
        CliRun s = CliRun.run("show", "--json", deep.toString());
        assertEquals("", s.stderr());
    }
}
