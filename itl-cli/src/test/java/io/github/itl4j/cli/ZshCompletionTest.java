package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;

/**
 * The zsh completion of the distribution ({@code itl-dist/src/main/dist/share/zsh/site-functions/_itl}, which runs
 * picocli's bash script through bashcompinit) completes in a plain {@code zsh -f} without an error on the terminal.
 * Types {@code itl verify --tru<Tab>} into an interactive zsh through zpty; skipped where zsh is not installed.
 */
class ZshCompletionTest {
    private static final Path ZSH_FUNCTION =
            CliFixtures.EXAMPLES.getParent().resolve("itl-dist/src/main/dist/share/zsh/site-functions/_itl");

    @TempDir
    Path home;

    @Test
    void completesAnOptionWithoutCompoptErrors() throws Exception {
        Path zsh = onPath("zsh");
        assumeTrue(zsh != null, "zsh is not installed");
        // the layout of the distribution: share/zsh/site-functions/_itl finds ../../bash-completion/completions/itl
        Path functions = Files.createDirectories(home.resolve("share/zsh/site-functions"));
        Files.copy(ZSH_FUNCTION, functions.resolve("_itl"));
        Path bash = Files.createDirectories(home.resolve("share/bash-completion/completions"));
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        Files.writeString(
                bash.resolve("itl"),
                AutoComplete.bash(
                        "itl",
                        ItlCli.commandLine(InputStream.nullInputStream(), OutputStream.nullOutputStream(), sink, sink)),
                StandardCharsets.UTF_8);
        Path script = home.resolve("complete.zsh");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "zmodload zsh/zpty",
                        "zpty z 'zsh -f -i'",
                        "zpty -w z \"fpath=($1/share/zsh/site-functions \\$fpath); autoload -U compinit; compinit -u\"",
                        "zpty -w -n z $'itl verify --tru\\t'",
                        "out=",
                        "for i in {1..100}; do",
                        "  while zpty -r -t z chunk; do out+=$chunk; done",
                        "  [[ $out == *--trust* ]] && break",
                        "  sleep 0.1",
                        "done",
                        "zpty -d z",
                        "print -r -- \"$out\"",
                        ""),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(zsh.toString(), "-f", script.toString(), home.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "zsh did not finish");
        String typed = out.toString(StandardCharsets.UTF_8);
        assertFalse(typed.contains("command not found"), typed);
        assertTrue(typed.contains("itl verify --trust"), typed);
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
