package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordOptionsTest {
    @TempDir
    Path tmp;

    private char[] file(byte[] content) throws Exception {
        Path f = Files.write(tmp.resolve("pw-" + System.nanoTime()), content);
        return PasswordOptions.readFile(f, "--password-file");
    }

    private char[] file(String content) throws Exception {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordFileGivesItsFirstLineWithoutTheLineBreak() throws Exception {
        assertArrayEquals("changeit".toCharArray(), file("changeit"));
        assertArrayEquals("changeit".toCharArray(), file("changeit\n"));
        assertArrayEquals("changeit".toCharArray(), file("changeit\r\n"));
        assertArrayEquals("first".toCharArray(), file("first\nsecond\n"));
        assertArrayEquals(" spaced pass ".toCharArray(), file(" spaced pass \n")); // spaces are kept
        assertArrayEquals(new char[0], file(""));
        assertArrayEquals(new char[0], file("\n"));
        assertArrayEquals("pässwörd".toCharArray(), file("pässwörd\n"));
        assertArrayEquals("bom".toCharArray(), file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'b', 'o', 'm'}));
    }

    @Test
    void badPasswordFiles() throws Exception {
        CliException notUtf8 = assertThrows(CliException.class, () -> file(new byte[] {'a', (byte) 0xFF, '\n'}));
        assertEquals(ExitCodes.INPUT, notUtf8.exitCode());
        CliException huge = assertThrows(CliException.class, () -> file(new byte[PasswordOptions.MAX_FILE + 1]));
        assertEquals(ExitCodes.INPUT, huge.exitCode());
        assertThrows(IOException.class, () -> PasswordOptions.readFile(tmp.resolve("missing"), "--password-file"));
        assertThrows(IOException.class, () -> PasswordOptions.readFile(tmp, "--password-file"));
    }

    @Test
    void aMissingPasswordFileIsAnIoErrorOfTheCommand() throws Exception {
        CliRun r = CliRun.run(
                "build",
                "-o",
                tmp.resolve("o.tlv").toString(),
                "--p12",
                key("itlrecovery.p12").toString(),
                "--password-file",
                tmp.resolve("missing.pass").toString(),
                "--sast",
                key("itlrecovery.pem").toString());
        assertEquals(ExitCodes.IO, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertFalse(Files.exists(tmp.resolve("o.tlv")));
    }

    /** The environment cannot be changed in-process: run the CLI in a child JVM with the test class path. */
    private static Process cli(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ItlCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("ITL4J_TEST_P12_PASSWORD");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close(); // no terminal, no input
        return p;
    }

    private static String[] finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out, err};
    }

    @Test
    void passwordFromAnEnvironmentVariableInAChildProcess() throws Exception {
        Path out = tmp.resolve("ITLFile.tlv");
        String[] args = {
            "build",
            "-o",
            out.toString(),
            "--p12",
            key("itlrecovery.p12").toString(),
            "--password-env",
            "ITL4J_TEST_P12_PASSWORD",
            "--sast",
            key("itlrecovery.pem").toString()
        };
        String[] ok = finish(cli(Map.of("ITL4J_TEST_P12_PASSWORD", "changeit"), args));
        assertEquals("0", ok[0], ok[2]);
        assertFalse(ok[1].contains("changeit") || ok[2].contains("changeit"));
        assertTrue(ItlVerifier.builder()
                .build()
                .verify(ItlReader.defaults().read(out))
                .isVerified());
        Files.delete(out);

        String[] unset = finish(cli(Map.of(), args));
        assertEquals(Integer.toString(ExitCodes.USAGE), unset[0], unset[2]);
        assertTrue(unset[2].contains("ITL4J_TEST_P12_PASSWORD"), unset[2]);

        String[] wrong = finish(cli(Map.of("ITL4J_TEST_P12_PASSWORD", "not-it"), args));
        assertEquals(Integer.toString(ExitCodes.INPUT), wrong[0], wrong[2]);
        assertEquals(1, wrong[2].split("\\R").length, wrong[2]);
        assertFalse(wrong[2].contains("not-it"));

        // no password source and no terminal (the child's streams are pipes): a usage error, not a hang
        String[] none = finish(cli(
                Map.of(),
                "build",
                "-o",
                out.toString(),
                "--p12",
                key("itlrecovery.p12").toString(),
                "--sast",
                key("itlrecovery.pem").toString()));
        assertEquals(Integer.toString(ExitCodes.USAGE), none[0], none[2]);
        assertFalse(Files.exists(out));
    }
}
