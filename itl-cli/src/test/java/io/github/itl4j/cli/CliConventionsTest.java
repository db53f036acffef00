package io.github.itl4j.cli;

import static io.github.itl4j.cli.CliFixtures.cluster;
import static io.github.itl4j.cli.CliFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What users expect of a command-line tool: only the invoked command's model is built (start-up), help that wraps
 * without breaking words, "did you mean" for mistyped commands and options, no binary output on a terminal.
 */
class CliConventionsTest {
    @TempDir
    Path tmp;

    @Test
    void buildsOnlyTheInvokedSubcommand() {
        assertEquals(Set.of(ShowCommand.class), Subcommands.modelled(new String[] {"show", "x.tlv"}));
        assertEquals(Set.of(VerifyCommand.class), Subcommands.modelled(new String[] {"--debug", "verify", "x"}));
        assertEquals(Set.of(), Subcommands.modelled(new String[] {"--version"}));
        // the top-level option with a value: its value is not the command
        assertEquals(Set.of(VerifyCommand.class), Subcommands.modelled(new String[] {"--provider", "jdk", "verify"}));
        assertEquals(Set.of(ShowCommand.class), Subcommands.modelled(new String[] {"--provider=bc", "show", "x"}));
        assertEquals(Set.of(), Subcommands.modelled(new String[] {"--provider", "jdk", "--version"}));
        assertEquals(Set.of(ShowCommand.class), Subcommands.modelled(new String[] {"--provider", "show", "show", "x"}));
        // everything for help, a mistyped command, an unknown top-level option, no command, --
        for (String[] args : new String[][] {
            {},
            {"help", "show"},
            {"--help"},
            {"-h", "show"},
            {"shwo", "x"},
            {"--debgu", "show"},
            {"--", "show"},
            {"--provider"},
            {"--provider", "jdk"},
            {"--providr", "jdk", "show"},
            {"@args.txt"}
        }) {
            assertNull(Subcommands.modelled(args), String.join(" ", args));
        }
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine lazy = ItlCli.commandLine(
                InputStream0.EMPTY, OutputStream.nullOutputStream(), sink, sink, Set.of(ShowCommand.class));
        assertInstanceOf(ShowCommand.class, lazy.getSubcommands().get("show").getCommand());
        assertEquals(Set.of("show"), lazy.getSubcommands().keySet()); // no other subcommand, not even its name
        CommandLine full = ItlCli.commandLine(InputStream0.EMPTY, OutputStream.nullOutputStream(), sink, sink);
        assertTrue(full.getSubcommands().keySet().containsAll(Set.of("show", "verify")));
        for (CommandLine sub : full.getSubcommands().values()) {
            assertFalse(sub.getCommand() == null, sub.getCommandName());
        }
    }

    @Test
    void noOptionNeedsAConverterTheProcessLeavesOut() {
        // ItlCli.main keeps picocli from registering the built-in converters of UNUSED_CONVERTERS: an option of such
        // a type must bring its own converter
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine full = ItlCli.commandLine(InputStream0.EMPTY, OutputStream.nullOutputStream(), sink, sink);
        List<String> excludes = List.of(ItlCli.UNUSED_CONVERTERS.split(","));
        List<String> checked = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(full));
        while (!todo.isEmpty()) {
            CommandLine c = todo.remove(todo.size() - 1);
            todo.addAll(c.getSubcommands().values());
            for (CommandLine.Model.ArgSpec a : c.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.auxiliaryTypes()));
                types.add(a.type());
                for (Class<?> t : types) {
                    if (excludes.stream().anyMatch(t.getName()::matches)) {
                        checked.add(c.getCommandSpec().qualifiedName() + " " + a);
                        assertTrue(
                                a.converters().length > 0,
                                c.getCommandSpec().qualifiedName() + " " + a + " has no converter for " + t);
                    }
                }
            }
        }
        assertFalse(checked.isEmpty()); // the check sees the Instant options (expiry --now, sign-config --timestamp)
        assertTrue(excludes.stream().anyMatch("java.time.Instant"::matches));
        assertFalse(excludes.stream().anyMatch("java.nio.file.Path"::matches));
    }

    @Test
    void everySubcommandRunsThroughTheLazyModel() {
        for (Class<?> c : Subcommands.all()) {
            String name = c.getAnnotation(Command.class).name();
            if (c == CommandLine.HelpCommand.class) {
                continue;
            }
            CliRun r = CliRun.run(name, "--help");
            assertEquals(ExitCodes.OK, r.exitCode(), name + ": " + r.stderr());
            // the lazy model's help is the full model's, byte for byte (itl help CMD builds every model)
            assertEquals(CliRun.run("help", name).stdout(), r.stdout(), name);
            assertTrue(r.stdout().startsWith("Usage: itl " + name), r.stdout());
            assertTrue(r.stdout().contains("--debug"), name + " inherits itl's options: " + r.stdout());
            CliRun bad = CliRun.run(name, "--no-such-option");
            assertEquals(ExitCodes.USAGE, bad.exitCode(), name);
            assertTrue(bad.stderr().contains("Try 'itl " + name + " --help'"), bad.stderr());
        }
        CliRun version = CliRun.run("--version");
        assertEquals(ExitCodes.OK, version.exitCode());
        assertTrue(version.stdout().startsWith("itl "), version.stdout());
        CliRun help = CliRun.run("--help");
        for (Class<?> c : Subcommands.all()) {
            assertTrue(
                    help.stdout().contains("  " + c.getAnnotation(Command.class).name() + " "), help.stdout());
        }
    }

    @Test
    void suggestsTheCommandOrOptionMeant() {
        CliRun cmd = CliRun.run("shwo", "ITLFile.tlv");
        assertEquals(ExitCodes.USAGE, cmd.exitCode());
        assertTrue(cmd.stderr().contains("Did you mean: itl show?"), cmd.stderr());
        CliRun opt = CliRun.run("show", "--jsn", "ITLFile.tlv");
        assertEquals(ExitCodes.USAGE, opt.exitCode());
        assertTrue(opt.stderr().contains("Possible solutions: --json"), opt.stderr());
    }

    @Test
    void examplesInHelpAreContinuedNotBroken() {
        String example = "  itl sign-config SEP001122334455.cnf.xml -o SEP001122334455.cnf.xml.sgn --key tftp.key "
                + "--cert tftp.pem";
        String text = "Only regular files are signed: a symbolic link is refused unless --follow-symlinks.";
        for (int width : new int[] {40, 60, 80, 120, 200}) {
            String out = HelpLayout.footer(new String[] {"Examples:", example, text}, "itl", width);
            List<String> lines = List.of(out.split("\\R"));
            for (String l : lines) {
                assertTrue(l.length() <= width, width + ": " + l);
            }
            // pasted into a shell, the continued example is the one command line
            String joined = out.replace(" \\" + System.lineSeparator() + "     ", "");
            assertTrue(joined.contains(example + System.lineSeparator()), width + ":\n" + out);
            List<String> outWords = words(out);
            outWords.remove("\\"); // the continuation marks, nothing else, were added
            outWords.removeIf("\\"::equals);
            assertEquals(words("Examples: " + example + " " + text), outWords, width + ":\n" + out);
        }
        String narrow = HelpLayout.footer(new String[] {"  itl x SEP001122334455.cnf.xml.sgn"}, "itl", 20);
        assertTrue(narrow.contains("SEP001122334455.cnf.xml.sgn"), narrow); // a word longer than the line stays whole
        CliRun help = CliRun.run("sign-config", "--help"); // 80 columns without a terminal
        assertTrue(
                help.stdout()
                        .contains("  itl sign-config SEP001122334455.cnf.xml -o SEP001122334455.cnf.xml.sgn"
                                + " --key \\" + System.lineSeparator() + "      tftp.key --cert tftp.pem"),
                help.stdout());
    }

    private static List<String> words(String s) {
        return new ArrayList<>(List.of(s.strip().split("\\s+")));
    }

    @Test
    void refusesBinaryOutputOnATerminalUnlessForced() throws Exception {
        String[] sign = {
            "sign-config",
            "-",
            "-o",
            "-",
            "--file-name",
            "SEP001122334455.cnf.xml.sgn",
            "--key",
            cluster("test10pub.key"),
            "--cert",
            cluster("test10pub.pem")
        };
        byte[] xml = "<device/>\n".getBytes(StandardCharsets.UTF_8);
        CliRun tty = CliRun.run(new ByteArrayInputStream(xml), () -> true, sign);
        assertEquals(ExitCodes.USAGE, tty.exitCode(), tty.stderr());
        assertTrue(
                tty.stderr().startsWith("itl: refusing to write ")
                        && tty.stderr().contains("--to-terminal"),
                tty.stderr());
        assertEquals(0, tty.stdoutBytes().length);
        String[] forced = concat(sign, "--to-terminal");
        CliRun yes = CliRun.run(new ByteArrayInputStream(xml), () -> true, forced);
        assertEquals(ExitCodes.OK, yes.exitCode(), yes.stderr());
        CliRun pipe = CliRun.run(new ByteArrayInputStream(xml), () -> false, sign);
        assertEquals(ExitCodes.OK, pipe.exitCode(), pipe.stderr());
        assertArrayEquals(
                pipe.stdoutBytes().length > 0 ? new byte[] {pipe.stdoutBytes()[0]} : new byte[0],
                new byte[] {yes.stdoutBytes()[0]});
        // a stripped configuration file is text: shown on the terminal
        Path sgn = Files.write(tmp.resolve("SEP001122334455.cnf.xml.sgn"), pipe.stdoutBytes());
        CliRun strip =
                CliRun.run(new ByteArrayInputStream(new byte[0]), () -> true, "strip", sgn.toString(), "-o", "-");
        assertEquals(ExitCodes.OK, strip.exitCode(), strip.stderr());
        assertArrayEquals(xml, strip.stdoutBytes());
    }

    @Test
    void tellsBinaryFromText() {
        assertFalse(Outputs.isBinary(Bytes.utf8("<device>\n\t<x>é</x>\r\n</device>\n")));
        assertTrue(Outputs.isBinary(Bytes.wrapOwned(new byte[] {'a', 0, 'b'})));
        assertTrue(Outputs.isBinary(Bytes.wrapOwned(new byte[] {'a', (byte) 0xff, 'b'})));
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertFalse(Terminal.isTerminalDevice("/tmp/out.txt"));
        assertFalse(Terminal.isTerminalDevice("pipe:[12345]"));
    }

    private static final class InputStream0 {
        static final java.io.InputStream EMPTY = java.io.InputStream.nullInputStream();
    }
}
