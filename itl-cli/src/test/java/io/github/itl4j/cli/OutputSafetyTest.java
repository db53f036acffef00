package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.EXAMPLES;
import static io.github.itl4j.cli.CliFixtures.build;
import static io.github.itl4j.cli.CliFixtures.concat;
import static io.github.itl4j.cli.CliFixtures.signerKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Issue 9 items 3, 4 and 8 and the smaller findings, as a user of the command line meets them. */
class OutputSafetyTest {
    @TempDir
    Path tmp;

    private Path sgn() throws Exception {
        return ShowCommandTest.sgnVectors().findFirst().orElseThrow().file();
    }

    @Test
    void anOutputThatIsADeviceNodeIsNeverReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        CliRun r = CliRun.run("strip", sgn().toString(), "-o", devNull.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("itl: /dev/null: is not a regular file"), r.stderr());
        assertFalse(Files.isRegularFile(devNull));
    }

    @Test
    void anOutputThatIsAPlantedSymlinkIsRefusedUnlessFollowed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("root-only"), "precious");
        Path link = Files.createSymbolicLink(tmp.resolve("ITLFile.tlv"), victim);
        CliRun r = CliRun.run("strip", sgn().toString(), "-o", link.toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(link + ": is a symbolic link"), r.stderr());
        assertTrue(r.stderr().contains("--follow-symlinks"), r.stderr());
        assertEquals("precious", Files.readString(victim));

        CliRun followed = CliRun.run("strip", sgn().toString(), "-o", link.toString(), "--follow-symlinks");
        assertEquals(ExitCodes.OK, followed.exitCode(), followed.stderr());
        assertFalse(Files.readString(victim).equals("precious"));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void signConfigRefusesASymlinkedSourceAndKeepsTheSourcesPermissions() throws Exception {
        Path secret = Files.writeString(tmp.resolve("shadow.xml"), "<secret/>");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(tmp.resolve("SEP001122334455.cnf.xml"), secret);
        String[] keyArgs = signerKey();
        CliRun r = CliRun.run(concat(new String[] {"sign-config", link.toString()}, keyArgs));
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("is a symbolic link"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("SEP001122334455.cnf.xml.sgn")));

        CliRun direct = CliRun.run(concat(new String[] {"sign-config", secret.toString()}, keyArgs));
        assertEquals(ExitCodes.OK, direct.exitCode(), direct.stderr());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("shadow.xml.sgn"))));
    }

    @Test
    void signConfigOfAnOversizedFileNamesIt() throws Exception {
        Path big = tmp.resolve("huge.cnf.xml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L * 1024 * 1024 + 1); // sparse: no 64 MiB written
        }
        CliRun r = CliRun.run(concat(new String[] {"sign-config", big.toString()}, signerKey()));
        assertEquals(ExitCodes.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("itl: " + big + ": input is "), r.stderr());
    }

    @Test
    void aFleetRunThatMatchesNothingSaysSo() throws Exception {
        Files.writeString(tmp.resolve("readme.txt"), "x");
        CliRun r = CliRun.run(concat(new String[] {"sign-config", "--fleet", tmp.toString()}, signerKey()));
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no file matches '*.cnf.xml'; nothing signed"), r.stderr());
    }

    @Test
    void buildRefusesToReplaceAnExistingFileWithoutForce() throws Exception {
        Path out = Files.writeString(tmp.resolve("ITLFile.tlv"), "an existing ITL");
        String[] args = build(out);
        CliRun r = CliRun.run(args);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(out + " exists; give --force"), r.stderr());
        assertEquals("an existing ITL", Files.readString(out));
        CliRun forced = CliRun.run(concat(args, "--force"));
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.stderr());
    }

    @Test
    void aPasswordTypedOnTheCommandLineIsNeverEchoed() throws Exception {
        for (String[] args : new String[][] {
            {"reset", sgn().toString(), "-o", "x", "--password", "hunter2secret"},
            {"reset", sgn().toString(), "-o", "x", "--password=hunter2secret"},
            {"sign-config", sgn().toString(), "--pass", "hunter2secret"}
        }) {
            CliRun r = CliRun.run(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.stderr());
            assertFalse(r.stderr().contains("hunter2secret"), r.stderr());
            assertTrue(r.stderr().contains("****"), r.stderr());
        }
    }

    @Test
    void sha256SigningWarns() throws Exception {
        Path src = Files.writeString(tmp.resolve("a.cnf.xml"), "<a/>");
        CliRun r = CliRun.run(concat(new String[] {"sign-config", src.toString(), "--digest", "sha256"}, signerKey()));
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr().startsWith("itl: warning: --digest SHA-256: phones have no documented support"), r.stderr());
    }

    /** A command that fails the way a bug would. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Throwable failure;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error e) {
                throw e;
            }
            throw (Exception) failure;
        }
    }

    @Test
    void anInternalErrorExitsSeventyInOneLineNeverOne() {
        for (Throwable t : new Throwable[] {
            new StackOverflowError(), new IllegalStateException("bug"), new OutOfMemoryError("Java heap space")
        }) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
            PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
            CommandLine cl = ItlCli.commandLine(new ByteArrayInputStream(new byte[0]), out, o, e);
            cl.addSubcommand("boom", new Boom(t));
            int code = cl.execute("boom");
            String s = err.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.INTERNAL, code, s);
            assertEquals(1, s.lines().count(), s);
            assertTrue(s.contains("run again with --debug"), s);
        }
    }

    @Test
    void showFailsAFileWhoseFileNameHasOneFlippedBitAsVerifyDoes() throws Exception {
        Path itl = EXAMPLES.resolve("ITLFile.tlv");
        byte[] b = Files.readAllBytes(itl);
        byte[] name = "ITLFile.tlv".getBytes(StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i + name.length <= b.length && at < 0; i++) {
            if (java.util.Arrays.equals(b, i, i + name.length, name, 0, name.length)) {
                at = i;
            }
        }
        assertTrue(at > 0);
        b[at + name.length - 1] ^= 0x01; // ITLFile.tlv -> ITLFile.tlw: now read as a signed file
        Path flipped = Files.write(tmp.resolve("ITLFile.tlv"), b);
        CliRun verify = CliRun.run("verify", flipped.toString());
        CliRun show = CliRun.run("show", flipped.toString());
        assertEquals(ExitCodes.CHECK_FAILED, verify.exitCode(), verify.stdout() + verify.stderr());
        assertEquals(verify.exitCode(), show.exitCode(), show.stdout() + show.stderr());
    }
}
