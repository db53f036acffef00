package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** itl audit's progress bar: on standard error only when it is a terminal, never with --no-progress. */
class AuditProgressTest {
    private final BooleanSupplier real = AuditCommand.stderrTerminal;

    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        AuditCommand.stderrTerminal = real;
    }

    private static final String HASH = "1b a1 c9 07 e9 9e 4d 3c 53 9d c8 14 24 af 6c 9f 7d ce 4d 6d ";

    static String[] args(String... more) {
        List<String> a = new ArrayList<>(
                List.of("audit", "--now", AuditCommandTest.NOW, "--known-hash", "pub:current=" + HASH.strip()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static String s(Path p) {
        return p.toString();
    }

    private Path csv(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("device,itl\n");
        for (int i = 0; i < rows; i++) {
            sb.append(String.format("SEP%012X,", i))
                    .append(HASH.replace(" ", ""))
                    .append('\n');
        }
        return Files.writeString(tmp.resolve("r.csv"), sb);
    }

    @Test
    void drawnOnATerminalWithTheBytesOfTheFile() throws Exception {
        Path csv = csv(2000);
        long size = Files.size(csv);
        AuditCommand.stderrTerminal = () -> true;
        CliRun r = CliRun.run(args("--json", s(csv)));
        assertEquals(0, r.exitCode(), r.stderr());
        // standard output is the JSON document alone
        assertEquals(
                "ALL_CURRENT",
                new ObjectMapper().readTree(r.stdoutBytes()).get("verdict").asText());
        assertTrue(r.stderr().startsWith("\r["), r.stderr());
        assertTrue(r.stderr().endsWith(ReadProgressBar.render(size, size, 2000, ProgressBar.WIDTH) + "\n"), r.stderr());
    }

    @Test
    void standardInputShowsACounterOfRows() throws Exception {
        byte[] in = Files.readAllBytes(csv(3));
        AuditCommand.stderrTerminal = () -> true;
        CliRun r = CliRun.run(in, args("-"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(
                r.stderr().endsWith("\r" + ReadProgressBar.render(in.length, -1, 3, ProgressBar.WIDTH) + "\n"),
                r.stderr());
        assertTrue(r.stdout().contains("Verdict: ALL_CURRENT"), r.stdout());
    }

    @Test
    void nothingDrawnWithoutATerminalOrWithNoProgress() throws Exception {
        Path csv = csv(10);
        AuditCommand.stderrTerminal = () -> false;
        CliRun r = CliRun.run(args(s(csv)));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        AuditCommand.stderrTerminal = () -> true;
        r = CliRun.run(args("--no-progress", s(csv)));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        r = CliRun.run(args(s(csv)));
        assertTrue(r.stderr().contains(" 10 rows\n"), r.stderr()); // the same run, a terminal: drawn
    }

    @Test
    void severalInputsAddUp() throws Exception {
        Path a = csv(4);
        Path b = Files.copy(a, tmp.resolve("b.csv"));
        AuditCommand.stderrTerminal = () -> true;
        CliRun r = CliRun.run(args(s(a), s(b)));
        assertEquals(0, r.exitCode(), r.stderr());
        long both = 2 * Files.size(a);
        assertTrue(r.stderr().endsWith(ReadProgressBar.render(both, both, 8, ProgressBar.WIDTH) + "\n"), r.stderr());
    }

    @Test
    void barText() {
        assertEquals("[----------]  0.0/1.0 MiB    0%  0 rows", ReadProgressBar.render(0, 1 << 20, 0, 10));
        assertEquals("[#####-----]  0.5/1.0 MiB   50%  1 row", ReadProgressBar.render(1 << 19, 1 << 20, 1, 10));
        assertEquals("[####]  2.0/2.0 MiB  100%  7 rows", ReadProgressBar.render(2 << 20, 1 << 20, 7, 4));
        assertEquals("[####]  0.0/0.0 MiB  100%  0 rows", ReadProgressBar.render(0, 0, 0, 4));
        assertEquals("12.5 MiB  81234 rows", ReadProgressBar.render(25 << 19, -1, 81234, 4));
    }
}
