package io.github.itl4j.dist;

import io.github.itl4j.cli.ItlCli;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time generator of the distribution's shell completion and man pages, from the same picocli model that
 * {@code itl} runs ({@link ItlCli#commandLine}), so they cannot drift from the commands.
 *
 * <p>Usage: {@code DistDocs COMPLETION_FILE MAN_ADOC_DIR}. Writes the bash completion script (which zsh also loads
 * through {@code bashcompinit}) to COMPLETION_FILE and one AsciiDoc man page per command ({@code itl.adoc},
 * {@code itl-show.adoc}, ...) to MAN_ADOC_DIR; the build converts those to roff.
 */
public final class DistDocs {
    private DistDocs() {}

    /**
     * Runs the generator.
     *
     * @param args the completion script's path and the man page directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DistDocs COMPLETION_FILE MAN_ADOC_DIR");
        }
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine cl = ItlCli.commandLine(InputStream.nullInputStream(), OutputStream.nullOutputStream(), sink, sink);

        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash("itl", cl), StandardCharsets.UTF_8);

        List<CommandSpec> specs = new ArrayList<>();
        collect(cl, specs);
        File manDir = new File(args[1]);
        if (!manDir.isDirectory() && !manDir.mkdirs()) {
            throw new IOException("cannot create " + manDir);
        }
        int rc = ManPageGenerator.generateManPage(
                manDir, null, new boolean[0], false, specs.toArray(new CommandSpec[0]));
        if (rc != 0) {
            throw new IOException("ManPageGenerator failed with exit code " + rc);
        }
        System.out.println("DistDocs: " + completion + ", " + specs.size() + " man pages in " + manDir);
    }

    /** The command and every subcommand below it, depth first, the help command left out. */
    private static void collect(CommandLine cl, List<CommandSpec> specs) {
        if (cl.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        specs.add(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!specs.contains(sub.getCommandSpec())) {
                collect(sub, specs);
            }
        }
    }
}
