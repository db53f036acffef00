package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static io.github.itl4j.cli.CliFixtures.buildListingA;
import static io.github.itl4j.cli.CliFixtures.concat;
import static io.github.itl4j.cli.CliFixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuildCommandTest {
    /** certutils' tlvfile role options and ours. */
    private static final Map<String, String> ROLE_OPTIONS = Map.of(
            "-s",
            "--sast",
            "-c",
            "--ccm",
            "-C",
            "--ccm-tftp",
            "-t",
            "--tftp",
            "-A",
            "--capf",
            "-a",
            "--app-server",
            "-T",
            "--tvs");

    @TempDir
    Path tmp;

    /**
     * Every ITL of MANIFEST.md with its tlvfile command line and timestamp, translated into an {@code itl build}
     * command line (the first {@code -s} certificate signs, as in tlvfile).
     */
    static Stream<Arguments> certutilsVectors() throws IOException {
        String manifest = Files.readString(CERTUTILS.resolve("MANIFEST.md"));
        Matcher m = Pattern.compile("(?s)```\\n(tlvfile -b [^\\n]*)\\n```\\n\\n- [^\\n]*timestamp (\\d+)")
                .matcher(manifest);
        List<Arguments> out = new ArrayList<>();
        while (m.find()) {
            String[] t = m.group(1).split(" ");
            List<String> args = new ArrayList<>(List.of("build", "--layout", "certutils", "--timestamp", m.group(2)));
            String signer = null;
            for (int i = 2; i < t.length - 1; i += 2) {
                String v = t[i + 1];
                switch (t[i]) {
                    case "-d" -> args.addAll(List.of("--digest", v));
                    case "-v" -> args.addAll(List.of("--signer-version", v));
                    case "-F" -> args.addAll(List.of("--file-name", v));
                    default -> {
                        String opt = ROLE_OPTIONS.get(t[i]);
                        if (opt == null) {
                            throw new IllegalStateException("unknown tlvfile option " + t[i] + " in " + m.group(1));
                        }
                        args.addAll(List.of(opt, CERTUTILS.resolve(v).toString()));
                        if (signer == null && t[i].equals("-s")) {
                            signer = CERTUTILS.resolve(v).toString();
                        }
                    }
                }
            }
            args.addAll(List.of("--key", signer));
            out.add(Arguments.of(CERTUTILS.resolve(t[t.length - 1]), args));
        }
        if (out.size() < 39) {
            throw new IllegalStateException("expected the 39 ITL command lines of MANIFEST.md, found " + out.size());
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certutilsVectors")
    void reproducesEveryCertutilsVectorByteForByte(Path expected, List<String> args) throws IOException {
        Path out = tmp.resolve("out.tlv");
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("-o", out.toString()));
        CliRun r = CliRun.run(a.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        // the only message: the warning for a digest other than SHA-1
        assertEquals("", r.stderr().replaceFirst("itl: warning: --digest SHA-(256|512): [^\n]*\n", ""));
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out), String.join(" ", a));
        assertTrue(r.stdout().startsWith("wrote " + out + ": "), r.stdout());
    }

    /** Listing A's record order: SAST, TFTP, CAPF, TVS, SAST, TVS, across options, TVS as hash records. */
    @Test
    void cucmLayoutKeepsCommandLineOrderAcrossOptionsAndVerifies() throws Exception {
        Path out = tmp.resolve("ITLFile.tlv");
        CliRun r = CliRun.run(buildListingA(out));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile itl = ItlReader.defaults().readTrustList(out);
        List<Role> roles =
                itl.records().stream().map(rec -> rec.role().orElseThrow()).toList();
        assertEquals(List.of(Role.SAST, Role.TFTP, Role.CAPF, Role.TVS, Role.SAST, Role.TVS), roles);
        for (ItlRecord rec : itl.records()) {
            boolean tvs = rec.role().orElseThrow().equals(Role.TVS);
            assertEquals(tvs, rec.value(RecordTags.CERT_HASH).isPresent(), rec.toString());
            assertEquals(!tvs, rec.certificate().isPresent(), rec.toString());
            assertEquals(2, rec.value(RecordTags.DNS_NAME).orElseThrow().size()); // two NULs, CUCM's length
        }
        assertEquals(Layout.CUCM, itl.header().layout().orElseThrow());
        assertTrue(itl.header().signatureLength() == 256);
        VerificationResult v = ItlVerifier.builder().build().verify(itl);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(0, v.signerRecordIndex().orElseThrow());
        // the phone's view: trusted when the signer is the anchor
        VerificationResult anchored = ItlVerifier.builder()
                .trustCertificates(KeyLoader.defaults().readCertificates(key("signer.pem")))
                .build()
                .verify(itl);
        assertTrue(anchored.isVerified(), anchored.toString());
    }

    @Test
    void hashOptionDigestAndIsoTimestamp() throws IOException {
        Path a = tmp.resolve("a.tlv");
        Path b = tmp.resolve("b.tlv");
        String[] common = {
            "build",
            "--p12",
            key("itlrecovery.p12").toString(),
            "--password-file",
            passwordFile("changeit\n").toString(),
            "--sast",
            key("itlrecovery.pem").toString(),
            "--capf",
            key("rsa1024.pem").toString(),
            "--hash",
            "capf",
            "--digest",
            "sha512"
        };
        CliRun r1 = CliRun.run(concat(common, "--timestamp", "1795735033", "-o", a.toString()));
        CliRun r2 = CliRun.run(concat(common, "--timestamp", "2026-11-27T12:17:13+13:00", "-o", b.toString()));
        assertEquals(ExitCodes.OK, r1.exitCode(), r1.stderr());
        assertEquals(ExitCodes.OK, r2.exitCode(), r2.stderr());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b)); // same instant, deterministic signature
        ItlFile itl = ItlReader.defaults().readTrustList(a);
        assertEquals(1795735033L, itl.header().timestampSeconds().orElseThrow());
        assertEquals(
                io.github.itl4j.DigestAlgorithm.SHA512,
                itl.header().digestAlgorithm().orElseThrow());
        assertTrue(itl.records().get(1).value(RecordTags.CERT_HASH).isPresent());
        assertTrue(ItlVerifier.builder().build().verify(itl).isVerified());
    }

    @Test
    void refusesASignerThatIsNotASastRecordUnlessForced() throws IOException {
        Path out = tmp.resolve("out.tlv");
        String[] args = {
            "build",
            "-o",
            out.toString(),
            "--key",
            key("signer-pkcs1.key").toString(),
            "--cert",
            key("signer.pem").toString(),
            "--sast",
            key("itlrecovery.pem").toString(),
            "--tftp",
            key("signer.pem").toString()
        };
        CliRun r = CliRun.run(args);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("--force"), r.stderr());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());

        CliRun forced = CliRun.run(concat(args, "--force"));
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.stderr());
        assertTrue(forced.stderr().startsWith("itl: warning: "), forced.stderr());
        VerificationResult v =
                ItlVerifier.builder().build().verify(ItlReader.defaults().read(out));
        assertFalse(v.isVerified()); // phones would reject it: the signer is not a SAST record
        assertTrue(v.has(ProblemCode.SIGNER_WRONG_ROLE) || v.has(ProblemCode.NO_SIGNER), v.toString());
    }

    @Test
    void encryptedPemKeyReadsItsPasswordFromAFileAndNeverFromTheCommandLine() throws IOException {
        Path out = tmp.resolve("out.tlv");
        String[] args = {
            "build",
            "-o",
            out.toString(),
            "--key",
            key("signer-pkcs8-enc.key").toString(),
            "--cert",
            key("signer.pem").toString(),
            "--sast",
            key("signer.pem").toString()
        };
        CliRun ok = CliRun.run(
                concat(args, "--password-file", passwordFile("changeit\r\n").toString()));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
        assertTrue(ItlVerifier.builder()
                .build()
                .verify(ItlReader.defaults().read(out))
                .isVerified());
        assertFalse(ok.stdout().contains("changeit"));
        Files.delete(out);

        CliRun wrong =
                CliRun.run(concat(args, "--password-file", passwordFile("wrong").toString()));
        assertEquals(ExitCodes.INPUT, wrong.exitCode(), wrong.stderr());
        assertEquals(1, wrong.errLines().length, wrong.stderr());
        assertFalse(Files.exists(out));

        assumeTrue(PasswordOptions.interactiveConsole() == null, "runs with a terminal: a prompt would wait");
        CliRun none = CliRun.run(args);
        assertEquals(ExitCodes.USAGE, none.exitCode(), none.stderr());
        assertTrue(none.stderr().contains("--password-file"), none.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void neverWritesOverAnInput() throws IOException {
        Path cert = tmp.resolve("sast.pem");
        Files.copy(CERTUTILS.resolve("certs/sast-rsa2048.pem"), cert);
        byte[] before = Files.readAllBytes(cert);
        CliRun r = CliRun.run("build", "-o", cert.toString(), "--key", cert.toString(), "--sast", cert.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertArrayEquals(before, Files.readAllBytes(cert));
        Files.createDirectory(tmp.resolve("x"));
        CliRun viaRole = CliRun.run(
                "build",
                "-o",
                tmp.resolve("x/../sast.pem").toString(),
                "--key",
                CERTUTILS.resolve("certs/sast-rsa2048.pem").toString(),
                "--sast",
                cert.toString());
        assertEquals(ExitCodes.USAGE, viaRole.exitCode(), viaRole.stderr());
        assertArrayEquals(before, Files.readAllBytes(cert));
    }

    @Test
    void usageErrors() {
        String sast = CERTUTILS.resolve("certs/sast-rsa2048.pem").toString();
        String out = tmp.resolve("o.tlv").toString();
        // no records, no key, bad digest, layout, version, timestamp, role, missing option value, hash SAST
        String[][] cases = {
            {"build", "-o", out, "--key", sast},
            {"build", "-o", out, "--sast", sast},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--digest", "md5"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--layout", "cisco"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--signer-version", "2.0"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--timestamp", "yesterday"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--timestamp", "99999999999"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--hash", "NOPE"},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--hash", "SAST"},
            {"build", "-o", out, "--key", sast, "--sast"},
            {"build", "-o", out, "--key", sast, "--sast", "--tvs", sast},
            {"build", "-o", out, "--key", sast, "--p12", sast, "--sast", sast},
            {"build", "-o", out, "--cert", sast, "--sast", sast},
            {"build", "-o", out, "--key", sast, "--sast", sast, "--password-file", "a", "--password-env", "B"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run(c);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", c) + "\n" + r.stderr());
            assertTrue(r.stderr().startsWith("itl: "), r.stderr());
            assertFalse(Files.exists(Path.of(out)));
        }
    }

    @Test
    void inputErrorsHaveTheirCodes() throws IOException {
        String out = tmp.resolve("o.tlv").toString();
        String sast = CERTUTILS.resolve("certs/sast-rsa2048.pem").toString();
        Path notCert = Files.writeString(tmp.resolve("not.pem"), "hello\n");
        CliRun missing = CliRun.run(
                "build",
                "-o",
                out,
                "--key",
                sast,
                "--sast",
                tmp.resolve("nope.pem").toString());
        assertEquals(ExitCodes.IO, missing.exitCode(), missing.stderr());
        CliRun bad = CliRun.run("build", "-o", out, "--key", sast, "--sast", sast, "--tvs", notCert.toString());
        assertEquals(ExitCodes.INPUT, bad.exitCode(), bad.stderr());
        CliRun ec = CliRun.run(
                "build",
                "-o",
                out,
                "--key",
                key("ec256.key").toString(),
                "--cert",
                key("ec256.pem").toString(),
                "--sast",
                key("ec256.pem").toString());
        assertEquals(ExitCodes.INPUT, ec.exitCode(), ec.stderr());
        CliRun mismatch = CliRun.run(
                "build",
                "-o",
                out,
                "--key",
                key("mismatch.key").toString(),
                "--cert",
                key("mismatch.pem").toString(),
                "--sast",
                key("mismatch.pem").toString());
        assertEquals(ExitCodes.INPUT, mismatch.exitCode(), mismatch.stderr());
        for (CliRun r : List.of(missing, bad, ec, mismatch)) {
            assertEquals(1, r.errLines().length, r.stderr());
        }
        assertFalse(Files.exists(Path.of(out)));
        assertEquals(List.of("not.pem"), leftovers());
    }

    @Test
    void writesStandardOutputWithTheSummaryOnStandardError() throws IOException {
        String sast = CERTUTILS.resolve("certs/sast-rsa2048.pem").toString();
        CliRun r = CliRun.run("build", "-o", "-", "--key", sast, "--sast", sast, "--timestamp", "1795735033");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile itl = ItlReader.defaults().readTrustList(io.github.itl4j.Bytes.wrapOwned(r.stdoutBytes()));
        assertEquals(1, itl.records().size());
        assertTrue(r.stderr().startsWith("wrote <stdout>: ITLFile.tlv, "), r.stderr());
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("pw"))
                    .sorted()
                    .toList();
        }
    }

    private Path passwordFile(String content) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "pw", ".txt"), content);
    }
}
