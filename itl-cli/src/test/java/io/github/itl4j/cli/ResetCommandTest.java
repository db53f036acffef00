package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CERTUTILS;
import static io.github.itl4j.cli.CliFixtures.CLUSTER;
import static io.github.itl4j.cli.CliFixtures.build;
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
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetCommandTest {
    @TempDir
    Path tmp;

    private Path itl;
    private Path pass;

    /** A listing-A-shaped ITL signed by the CallManager-like key: SAST, TFTP, CAPF, TVS, SAST (ITLRecovery), TVS. */
    @BeforeEach
    void buildItl() throws Exception {
        itl = tmp.resolve("ITLFile.tlv");
        pass = Files.writeString(tmp.resolve("p12.pass"), "changeit\n");
        CliRun r = CliRun.run(buildListingA(itl, "--timestamp", "1795735033"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
    }

    /** {@code itl reset ITL -o OUT} and more, for the ITL built before each test. */
    private String[] reset(Path out, String... more) {
        return concat(new String[] {"reset", itl.toString(), "-o", out.toString()}, more);
    }

    /** @return {@code --p12 itlrecovery.p12 --password-file p12.pass}: the recovery key of the ITL */
    private String[] recovery() {
        return new String[] {"--p12", key("itlrecovery.p12").toString(), "--password-file", pass.toString()};
    }

    private static ItlFile read(Path p) throws Exception {
        return ItlReader.defaults().readTrustList(p);
    }

    private static void assertSameRecords(ItlFile a, ItlFile b) {
        assertEquals(a.records().size(), b.records().size());
        for (int i = 0; i < a.records().size(); i++) {
            assertEquals(a.records().get(i).encoded(), b.records().get(i).encoded(), "record " + i);
        }
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void localKeyResetKeepsRecordsAndVerifiesWithTheRecoveryKey() throws Exception {
        Path out = tmp.resolve("reset.tlv");
        CliRun r = CliRun.run(reset(out, recovery()));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        ItlFile before = read(itl);
        ItlFile after = read(out);
        assertSameRecords(before, after);
        assertTrue(after.header().signerName().orElseThrow().startsWith("CN=ITLRECOVERY_cucm-pub.example.test;"));
        // the recovery name is longer than the signer's: the header grows, by a multiple of 4
        int grew = after.header().length() - before.header().length();
        assertTrue(
                grew > 0 && grew % 4 == 0,
                "header " + before.header().length() + " -> " + after.header().length());
        assertEquals(before.encoded().size() + grew, after.encoded().size());
        VerificationResult v = ItlVerifier.builder().build().verify(after);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(4, v.signerRecordIndex().orElseThrow());
        String o = r.stdout();
        assertTrue(o.startsWith("reset " + itl + " -> " + out + "\n"), o);
        assertTrue(o.contains("(SAST record 5 of 6)"), o);
        assertTrue(
                o.contains("  header:  " + before.header().length() + " -> "
                        + after.header().length() + " bytes; file "
                        + before.encoded().size() + " -> " + after.encoded().size() + " bytes\n"),
                o);
        assertTrue(o.contains("  records: 6, unchanged\n"), o);
    }

    @Test
    void callManagerKeyResetsBackToTheOriginalBytes() throws Exception {
        Path recovered = tmp.resolve("recovered.tlv");
        Path back = tmp.resolve("back.tlv");
        CliRun r1 = CliRun.run(reset(
                recovered, "--p12", key("itlrecovery-legacy-rc2.p12").toString(), "--password-file", pass.toString()));
        assertEquals(ExitCodes.OK, r1.exitCode(), r1.stderr());
        CliRun r2 = CliRun.run(
                "reset",
                recovered.toString(),
                "-o",
                back.toString(),
                "--timestamp",
                "1795735033",
                "--key",
                key("signer-pkcs1.key").toString(),
                "--cert",
                key("signer.pem").toString());
        assertEquals(ExitCodes.OK, r2.exitCode(), r2.stderr());
        assertArrayEquals(Files.readAllBytes(itl), Files.readAllBytes(back));
    }

    @Test
    void exampleClusterRecoveryKeyWithItsPasswordFile() throws Exception {
        Path p12 = CLUSTER.resolve("ITLRecovery.p12");
        Path examplePass = CLUSTER.resolve("ITLRecovery.pass");
        assumeTrue(Files.exists(p12) && Files.exists(examplePass), "examples/cluster not generated");
        // the example cluster is regenerated from time to time: take the SAST certificate from the p12 itself
        char[] pw = PasswordOptions.readFile(examplePass, "test");
        SigningKey k = KeyLoader.defaults().pkcs12(p12, pw, null);
        Path recoveryCert =
                Files.write(tmp.resolve("recovery.der"), k.certificate().getEncoded());
        Path cluster = tmp.resolve("cluster.tlv");
        CliRun b = CliRun.run(build(
                cluster,
                "--sast",
                recoveryCert.toString(),
                "--tvs",
                key("rsa1024.pem").toString()));
        assertEquals(ExitCodes.OK, b.exitCode(), b.stderr());
        Path out = tmp.resolve("out.tlv");
        CliRun r = CliRun.run(
                "reset",
                cluster.toString(),
                "-o",
                out.toString(),
                "--p12",
                p12.toString(),
                "--password-file",
                examplePass.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertSameRecords(read(cluster), read(out));
        VerificationResult v = ItlVerifier.builder().build().verify(read(out));
        assertTrue(v.isVerified(), v.toString());
        assertEquals(1, v.signerRecordIndex().orElseThrow());
    }

    @Test
    void certutilsFileKeepsItsLayoutWhenResetToTheSecondSast() throws Exception {
        Path in = CERTUTILS.resolve("itl/itl-rsa2048-sha1-v1.0-2sast.tlv");
        Path out = tmp.resolve("out.tlv");
        CliRun r = CliRun.run(
                "reset",
                in.toString(),
                "-o",
                out.toString(),
                "--key",
                CERTUTILS.resolve("certs/sast2-rsa2048.pem").toString(),
                "--digest",
                "sha512");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        ItlFile after = read(out);
        assertSameRecords(read(in), after);
        assertEquals(io.github.itl4j.Layout.CERTUTILS, after.header().layout().orElseThrow());
        assertEquals(
                io.github.itl4j.DigestAlgorithm.SHA512,
                after.header().digestAlgorithm().orElseThrow());
        VerificationResult v = ItlVerifier.builder().build().verify(after);
        assertTrue(v.isVerified(), v.toString());
        assertEquals(1, v.signerRecordIndex().orElseThrow());
    }

    /** Exit 3 (the key does not fit the file), one line, nothing written; --force signs anyway. */
    @Test
    void refusesAKeyThatIsNotASastRecordUnlessForced() throws Exception {
        Path out = tmp.resolve("out.tlv");
        String[] args = reset(
                out,
                "--key",
                key("rsa1024.key").toString(),
                "--cert",
                key("rsa1024.pem").toString());
        List<String> before = files();
        CliRun r = CliRun.run(args);
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("--force"), r.stderr());
        assertEquals(before, files());

        CliRun forced = CliRun.run(concat(args, "--force"));
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.stderr());
        assertTrue(forced.stderr().startsWith("itl: warning: "), forced.stderr());
        assertTrue(forced.stdout().contains("(not a SAST record)"), forced.stdout());
        assertSameRecords(read(itl), read(out));
        assertFalse(ItlVerifier.builder().build().verify(read(out)).isVerified());
    }

    @Test
    void wrongPasswordIsOneLineExitThreeAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out.tlv");
        Path wrong = Files.writeString(tmp.resolve("wrong.pass"), "not-the-password\n");
        List<String> before = files();
        CliRun r =
                CliRun.run(reset(out, "--p12", key("itlrecovery.p12").toString(), "--password-file", wrong.toString()));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().startsWith("itl: " + key("itlrecovery.p12") + ": "), r.stderr());
        assertFalse(r.stderr().contains("not-the-password"));
        assertEquals(before, files());
    }

    @Test
    void missingPasswordWithoutATerminalIsAUsageError() throws Exception {
        assumeTrue(PasswordOptions.interactiveConsole() == null, "runs with a terminal: a prompt would wait");
        Path out = tmp.resolve("out.tlv");
        List<String> before = files();
        CliRun r = CliRun.run(reset(out, "--p12", key("itlrecovery.p12").toString()));
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains("--password-file") && r.stderr().contains("--password-env"), r.stderr());
        assertEquals(before, files());
        CliRun env = CliRun.run(reset(
                out, "--p12", key("itlrecovery.p12").toString(), "--password-env", "ITL4J_SURELY_UNSET_VARIABLE_42"));
        assertEquals(ExitCodes.USAGE, env.exitCode(), env.stderr());
        assertEquals(before, files());
    }

    @Test
    void outputMustDifferFromInputUnlessInPlace() throws Exception {
        byte[] original = Files.readAllBytes(itl);
        String[] key = recovery();
        CliRun same = CliRun.run(concat(new String[] {"reset", itl.toString(), "-o", itl.toString()}, key));
        assertEquals(ExitCodes.USAGE, same.exitCode(), same.stderr());
        CliRun noOut = CliRun.run(concat(new String[] {"reset", itl.toString()}, key));
        assertEquals(ExitCodes.USAGE, noOut.exitCode(), noOut.stderr());
        CliRun other = CliRun.run(concat(
                new String[] {
                    "reset",
                    itl.toString(),
                    "--in-place",
                    "-o",
                    tmp.resolve("x.tlv").toString()
                },
                key));
        assertEquals(ExitCodes.USAGE, other.exitCode(), other.stderr());
        CliRun overKey = CliRun.run(concat(new String[] {"reset", itl.toString(), "-o", pass.toString()}, key));
        assertEquals(ExitCodes.USAGE, overKey.exitCode(), overKey.stderr());
        assertArrayEquals(original, Files.readAllBytes(itl));

        CliRun inPlace = CliRun.run(concat(new String[] {"reset", itl.toString(), "--in-place"}, key));
        assertEquals(ExitCodes.OK, inPlace.exitCode(), inPlace.stderr());
        assertFalse(java.util.Arrays.equals(original, Files.readAllBytes(itl)));
        assertTrue(ItlVerifier.builder().build().verify(read(itl)).isVerified());
        assertEquals(List.of("ITLFile.tlv", "p12.pass"), files()); // no temporary file left
    }

    @Test
    void usageAndInputErrors() throws Exception {
        Path out = tmp.resolve("out.tlv");
        String p12 = key("itlrecovery.p12").toString();
        String[] reset = reset(out);
        String[] recovery = recovery();
        String[] passwords = {"--password-file", pass.toString(), "--sftp-password-file", pass.toString()};
        String[][] usage = {
            reset,
            concat(reset, "--p12", p12, "--key", p12),
            concat(reset, "--p12", p12, "--remote", "h", "u", "p"),
            concat(reset, "--remote", "h:0", "u", "p", "--password-file", pass.toString()),
            concat(reset, "--remote", "h", "u"),
            concat(concat(reset, "--remote", "h", "u", "p", "--remote", "h", "u", "q"), passwords),
            concat(concat(reset, "--remote", "[::1", "u", "p"), passwords),
            concat(concat(reset, recovery), "--known-hosts", "kh"),
            concat(concat(reset, recovery), "--digest", "md5"),
        };
        for (String[] c : usage) {
            CliRun r = CliRun.run(c);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", c) + "\n" + r.stderr());
        }
        Path sgn = CERTUTILS.resolve("sgn/SEP001122334455.cnf.xml.sgn");
        CliRun notItl = CliRun.run(concat(new String[] {"reset", sgn.toString(), "-o", out.toString()}, recovery));
        assertEquals(ExitCodes.INPUT, notItl.exitCode(), notItl.stderr());
        CliRun missing = CliRun.run(
                concat(new String[] {"reset", tmp.resolve("nope.tlv").toString(), "-o", out.toString()}, recovery));
        assertEquals(ExitCodes.IO, missing.exitCode(), missing.stderr());
        CliRun twoKeys = CliRun.run(
                concat(reset, "--p12", key("two-entries.p12").toString(), "--password-file", pass.toString()));
        assertEquals(ExitCodes.INPUT, twoKeys.exitCode(), twoKeys.stderr());
        assertTrue(twoKeys.stderr().contains("ccm, tftp"), twoKeys.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void remoteHostAndPort() throws Exception {
        assertEquals(
                new RemoteOptions.HostPort("sftp.example.com", 22), RemoteOptions.parseHostPort("sftp.example.com"));
        assertEquals(new RemoteOptions.HostPort("10.0.0.5", 2222), RemoteOptions.parseHostPort("10.0.0.5:2222"));
        assertEquals(new RemoteOptions.HostPort("::1", 2200), RemoteOptions.parseHostPort("[::1]:2200"));
        assertEquals(new RemoteOptions.HostPort("fe80::1", 22), RemoteOptions.parseHostPort("fe80::1"));
        assertEquals(new RemoteOptions.HostPort("::1", 22), RemoteOptions.parseHostPort("[::1]"));
        for (String bad : new String[] {"h:", "h:x", "h:0", "h:65536", ":22", "[::1", "[::1]x", ""}) {
            CliException e = org.junit.jupiter.api.Assertions.assertThrows(
                    CliException.class, () -> RemoteOptions.parseHostPort(bad), bad);
            assertEquals(ExitCodes.USAGE, e.exitCode());
        }
    }

    /**
     * Issue 9 item 1: the TFTP record of examples/ITLFile.tlv replaced by a foreign certificate, reset with
     * ITLRecovery.p12. The reset must be refused (the signature does not verify), else the result verifies against
     * the original list and configs signed by the foreign key verify with it.
     */
    @Test
    void refusesToResetAListWhoseSignatureDoesNotVerify() throws Exception {
        Path examples = CLUSTER.getParent();
        ItlFile orig = read(examples.resolve("ITLFile.tlv"));
        ItlFile foreign = read(itl); // its TFTP record holds rsa1024.pem, a certificate the example cluster never had
        int tftp = -1;
        for (int i = 0; i < orig.records().size(); i++) {
            if (orig.records()
                    .get(i)
                    .role()
                    .map(io.github.itl4j.Role.TFTP::equals)
                    .orElse(false)) {
                tftp = i;
            }
        }
        assertTrue(tftp >= 0);
        List<io.github.itl4j.ItlRecord> rs = new java.util.ArrayList<>(orig.records());
        rs.set(tftp, foreign.records().get(1));
        Path tampered = Files.write(
                tmp.resolve("tampered.tlv"),
                ItlFile.of(orig.header(), rs).encoded().toByteArray());
        Path out = tmp.resolve("laundered.tlv");
        String[] reset = {
            "reset",
            tampered.toString(),
            "-o",
            out.toString(),
            "--p12",
            CLUSTER.resolve("ITLRecovery.p12").toString(),
            "--password-file",
            CLUSTER.resolve("ITLRecovery.pass").toString()
        };

        CliRun r = CliRun.run(reset);
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("SIGNATURE_INVALID"), r.stderr());
        assertTrue(r.stderr().startsWith("itl: " + tampered + ": not reset: it does not verify"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertFalse(Files.exists(out));

        // with --trust the anchors are checked too: the untouched example verifies against itself
        CliRun trusted = CliRun.run(
                concat(reset, "--trust", examples.resolve("ITLFile.tlv").toString()));
        assertEquals(ExitCodes.CHECK_FAILED, trusted.exitCode(), trusted.stderr());
        assertFalse(Files.exists(out));

        // the forensic override: loud, and the result is what the attack wanted
        CliRun forced = CliRun.run(concat(reset, "--allow-unverified-input"));
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.stderr());
        assertTrue(
                forced.stderr().startsWith("itl: WARNING: " + tampered + " does not verify (SIGNATURE_INVALID)"),
                forced.stderr());
        CliRun v = CliRun.run(
                "verify",
                "--warnings-as-errors",
                "--trust",
                examples.resolve("ITLFile.tlv").toString(),
                out.toString());
        assertEquals(ExitCodes.OK, v.exitCode(), v.stdout() + v.stderr());
    }

    @Test
    void resetChecksTheTrustAnchorsWhenGiven() throws Exception {
        Path out = tmp.resolve("reset.tlv");
        String[] reset = reset(out, recovery());
        // itl is signed by signer.pem: trusting only the example cluster's ITL, it is not anchored
        CliRun r = CliRun.run(concat(
                reset, "--trust", CLUSTER.getParent().resolve("ITLFile.tlv").toString()));
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("SIGNER_NOT_TRUSTED"), r.stderr());
        assertFalse(Files.exists(out));
        CliRun ok = CliRun.run(concat(reset, "--trust", key("signer.pem").toString()));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
    }
}
