package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.CLUSTER;
import static io.github.itl4j.cli.CliFixtures.EXAMPLES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.TlvElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the project ships in {@code examples/}: {@code ITLFile.tlv} must have the structure of Cisco's
 * {@code show itl} listing A and {@code ITLFile-reset.tlv} the header of listing B (show-itl-seed.txt, docs/format.md
 * §8.1, §8.2), both must verify, and {@code examples/build-itl.sh}'s commands must rebuild them byte for byte from
 * {@code examples/cluster/}.
 */
class ExampleFilesTest {
    private static final Path ITL = EXAMPLES.resolve("ITLFile.tlv");
    private static final Path RESET = EXAMPLES.resolve("ITLFile-reset.tlv");

    private static ItlFile read(Path p) throws IOException {
        return ItlReader.defaults().readTrustList(p);
    }

    private static int containerLength(ItlFile f, int tag) {
        return containerLength(f.header().elements(), tag).orElseThrow(() -> new AssertionError("no container " + tag));
    }

    private static Optional<Integer> containerLength(List<TlvElement> elements, int tag) {
        for (TlvElement e : elements) {
            if (e instanceof Container c) {
                if (c.tag() == tag) {
                    return Optional.of(c.length());
                }
                Optional<Integer> inner = containerLength(c.children(), tag);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static int valueLength(ItlFile f, int tag) {
        return f.header().find(tag).orElseThrow().length();
    }

    @Test
    void itlHasListingAsStructure() throws IOException {
        ItlFile f = read(ITL);
        assertEquals(5302, Files.size(ITL));
        assertEquals(324, f.header().length());
        assertEquals(139, containerLength(f, HeaderTags.SIGNER_ID));
        assertEquals(57, valueLength(f, HeaderTags.SIGNER_NAME));
        assertEquals(16, valueLength(f, HeaderTags.SERIAL_NUMBER));
        assertEquals(57, valueLength(f, HeaderTags.CA_NAME));
        assertEquals(15, containerLength(f, HeaderTags.SIGNATURE_INFO));
        assertEquals(8, containerLength(f, HeaderTags.SIGNATURE_ALGO_INFO));
        assertEquals(128, valueLength(f, HeaderTags.SIGNATURE));
        assertEquals(12, valueLength(f, HeaderTags.FILE_NAME));
        assertEquals(4, valueLength(f, HeaderTags.TIMESTAMP));
        assertEquals(
                Optional.of(Instant.parse("2014-02-26T18:24:27Z")), f.header().timestamp());
        assertEquals(
                "CN=test10pub.joemar2.lab;OU=tac;O=cisco;L=rtp;ST=nc;C=US",
                f.header().signerName().orElseThrow());
        assertEquals(
                "6140" + "52e91ee97c779b7b5e810ab146a5",
                f.header().serialNumber().orElseThrow().toHex());

        List<ItlRecord> r = f.records();
        assertEquals(
                List.of(1115, 1115, 439, 455, 1141, 713),
                r.stream().map(ItlRecord::length).toList());
        assertEquals(
                List.of(Role.SAST, Role.TFTP, Role.CAPF, Role.TVS, Role.SAST, Role.TVS),
                r.stream().map(x -> x.role().orElseThrow()).toList());
        // the certificates and hashes are those of examples/cluster
        assertEquals(der("test10pub"), r.get(0).certificate().orElseThrow());
        assertEquals(der("test10pub"), r.get(1).certificate().orElseThrow());
        assertEquals(sha1(der("capf")), r.get(2).certHash().orElseThrow());
        assertEquals(sha1(der("tvs-pub")), r.get(3).certHash().orElseThrow());
        assertEquals(der("itlrecovery"), r.get(4).certificate().orElseThrow());
        assertEquals(sha1(der("tvs-sub")), r.get(5).certHash().orElseThrow());
        assertEquals(684, der("test10pub").size());
        assertEquals(692, der("itlrecovery").size());
        assertEquals(
                66,
                r.get(4)
                        .value(io.github.itl4j.RecordTags.SUBJECT_NAME)
                        .orElseThrow()
                        .size());
    }

    @Test
    void resetHasListingBsHeaderAndTheSameRecords() throws IOException {
        ItlFile before = read(ITL);
        ItlFile after = read(RESET);
        assertEquals(5322, Files.size(RESET));
        assertEquals(344, after.header().length());
        assertEquals(157, containerLength(after, HeaderTags.SIGNER_ID));
        assertEquals(66, valueLength(after, HeaderTags.SIGNER_NAME));
        assertEquals(16, valueLength(after, HeaderTags.SERIAL_NUMBER));
        assertEquals(66, valueLength(after, HeaderTags.CA_NAME));
        assertEquals(128, valueLength(after, HeaderTags.SIGNATURE));
        assertEquals(
                "6e3f65c297b3e01fe74281ab52cc55dc",
                after.header().serialNumber().orElseThrow().toHex());
        assertEquals(before.records().size(), after.records().size());
        for (int i = 0; i < before.records().size(); i++) {
            assertEquals(
                    before.records().get(i).encoded(), after.records().get(i).encoded(), "record " + (i + 1));
        }
        // the record bytes, as one block, are the same
        byte[] a = Files.readAllBytes(ITL);
        byte[] b = Files.readAllBytes(RESET);
        assertArrayEquals(
                java.util.Arrays.copyOfRange(a, 324, a.length), java.util.Arrays.copyOfRange(b, 344, b.length));
    }

    @Test
    void bothVerifyAndShowTheirSigner() {
        CliRun r = CliRun.run("verify", ITL.toString(), RESET.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        // a phone holding ITLFile.tlv accepts the reset file: its signer is that file's SAST record 5
        r = CliRun.run("verify", "--trust", ITL.toString(), RESET.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().endsWith("(record 5, SAST), anchor: record 5 (SAST) of " + ITL + "\n"), r.stdout());

        r = CliRun.run("show", ITL.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.contains("\nLength of ITL file: 5302\n"), out);
        assertTrue(out.contains("\nHeaderLength: 324 (BYTES)\n"), out);
        assertTrue(out.contains("\n3       SIGNERID              2       139\n"), out);
        List<String> blocks = ShowCommandTest.recordBlocks(out, "ITL");
        assertTrue(blocks.get(0).contains("This etoken was used to sign the ITL file."));
        assertTrue(blocks.get(4).contains("This etoken was not used to sign the ITL file."));

        r = CliRun.run("show", RESET.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        out = r.stdout();
        assertTrue(out.contains("\nHeaderLength: 344 (BYTES)\n"), out);
        assertTrue(out.contains("\n3       SIGNERID              2       157\n"), out);
        assertTrue(out.contains("\n4       SIGNERNAME            66      CN=ITLRECOVERY_test10pub.joe2.lab;"), out);
        blocks = ShowCommandTest.recordBlocks(out, "ITL");
        assertTrue(blocks.get(0).contains("This etoken was not used to sign the ITL file."));
        assertTrue(blocks.get(4).contains("This etoken was used to sign the ITL file."));
    }

    /** The commands of examples/build-itl.sh reproduce the shipped files byte for byte. */
    @Test
    void buildItlShRebuildsTheShippedFiles(@TempDir Path dir) throws IOException {
        String script = Files.readString(EXAMPLES.resolve("build-itl.sh"));
        assertTrue(script.contains("--timestamp 2014-02-26T18:24:27Z") && script.contains("--hash CAPF --hash TVS"));
        Path itl = dir.resolve("ITLFile.tlv");
        String c = CLUSTER.toString();
        CliRun r = CliRun.run(
                "build",
                "-o",
                itl.toString(),
                "--key",
                c + "/test10pub.key",
                "--cert",
                c + "/test10pub.pem",
                "--sast",
                c + "/test10pub.pem",
                "--tftp",
                c + "/test10pub.pem",
                "--capf",
                c + "/capf.pem",
                "--tvs",
                c + "/tvs-pub.pem",
                "--sast",
                c + "/itlrecovery.pem",
                "--tvs",
                c + "/tvs-sub.pem",
                "--hash",
                "CAPF",
                "--hash",
                "TVS",
                "--layout",
                "cucm",
                "--digest",
                "sha1",
                "--file-name",
                "ITLFile.tlv",
                "--timestamp",
                "2014-02-26T18:24:27Z");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(ITL), Files.readAllBytes(itl));
        Path reset = dir.resolve("ITLFile-reset.tlv");
        r = CliRun.run(
                "reset",
                itl.toString(),
                "-o",
                reset.toString(),
                "--p12",
                c + "/ITLRecovery.p12",
                "--password-file",
                c + "/ITLRecovery.pass",
                "--timestamp",
                "2014-02-26T18:34:46Z");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(RESET), Files.readAllBytes(reset));
    }

    private static Bytes der(String name) throws IOException {
        return Bytes.wrapOwned(Files.readAllBytes(CLUSTER.resolve(name + ".der")));
    }

    private static Bytes sha1(Bytes b) {
        try {
            return Bytes.wrapOwned(MessageDigest.getInstance("SHA-1").digest(b.toByteArray()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
