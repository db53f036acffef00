package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Help wraps at spaces only: no token of any command's help (a file name such as {@code CallManager.pem}, a time,
 * {@code ROLE@IP,HOST}) is broken at a {@code .}, {@code :} or {@code ,}, at any width, and no line is wider than the
 * help's width.
 */
class HelpWrapTest {
    /** The help of every command at a width where nothing wraps: the tokens each narrower help must keep whole. */
    private static Map<String, String> helps(int width) {
        StringWriter sink = new StringWriter();
        PrintWriter pw = new PrintWriter(sink);
        CommandLine cl = ItlCli.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), pw, pw);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width);
        Map<String, String> helps = new LinkedHashMap<>();
        helps.put("itl", cl.getUsageMessage());
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            helps.put(sub.getKey(), sub.getValue().getUsageMessage());
        }
        return helps;
    }

    @Test
    void everyTokenOfEveryCommandsHelpStaysWholeAtEveryWidth() {
        Map<String, String> wide = helps(2000);
        for (int width = 60; width <= 200; width++) {
            Map<String, String> narrow = helps(width);
            for (Map.Entry<String, String> e : wide.entrySet()) {
                String help = narrow.get(e.getKey());
                // a token longer than the narrowest description column is the one thing still cut: that column
                // starts at most at column 29 (5 + picocli's long options column, at most 24) and is indented by 1
                int longest = width - 30;
                assertKeepsTokens(e.getValue(), help, e.getKey() + " at " + width, longest);
                for (String line : help.split("\\R")) {
                    assertTrue(line.length() <= width, e.getKey() + " at " + width + ": " + line);
                }
            }
        }
    }

    @Test
    void noDescriptionHasAWordWiderThanTheNarrowestDescriptionColumn() {
        // at 60 columns the description column is 30 wide: a longer word there is the one thing the wrapping must
        // cut (it was "StrictHostKeyChecking=accept-new)." and "Desktops/320x196x4/List.xml.sgn."); say it otherwise
        StringWriter sink = new StringWriter();
        PrintWriter pw = new PrintWriter(sink);
        CommandLine cl = ItlCli.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), pw, pw);
        List<String> wide = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        all.addAll(cl.getSubcommands().values());
        for (CommandLine c : all) {
            List<picocli.CommandLine.Model.ArgSpec> args =
                    new ArrayList<>(c.getCommandSpec().args());
            for (picocli.CommandLine.Model.ArgSpec a : args) {
                for (String line : a.description()) {
                    for (String word : line.split("\\s+")) {
                        if (word.length() > 30) {
                            wide.add(c.getCommandName() + " " + a + ": " + word);
                        }
                    }
                }
            }
        }
        assertTrue(wide.isEmpty(), wide.toString());
    }

    @Test
    void helpCommandAndHelpOptionWrapAtSpaces() {
        Map<String, String> wide = helps(2000);
        for (String command : List.of("build", "verify", "simulate", "sign-config", "audit", "lint")) {
            // 80 columns: the tests' standard output is not a terminal
            String help = CliRun.run("help", command).stdout();
            assertKeepsTokens(wide.get(command), help, "help " + command, 80);
            assertEquals(help, CliRun.run(command, "--help").stdout(), command + " --help");
        }
        assertTrue(CliRun.run("help", "build").stdout().contains("CallManager.pem"));
    }

    @Test
    void wrapsAtSpacesAndCutsOnlyAWordLongerThanTheLine() {
        assertEquals(1, WordWrapHelp.Table.lineEnd("a CallManager.pem", 0, 14)); // not after "CallManager."
        assertEquals(15, WordWrapHelp.Table.lineEnd("CallManager.pem abc", 0, 18));
        assertEquals(19, WordWrapHelp.Table.lineEnd("CallManager.pem abc", 0, 19));
        assertEquals(5, WordWrapHelp.Table.lineEnd("CallManager.pem", 0, 5)); // longer than the line: cut
    }

    private static void assertKeepsTokens(String reference, String help, String what, int longest) {
        Map<String, Integer> have = new HashMap<>();
        for (String t : tokens(help)) {
            have.merge(t, 1, Integer::sum);
        }
        Map<String, Integer> need = new HashMap<>();
        for (String t : tokens(reference)) {
            need.merge(t, 1, Integer::sum);
        }
        List<String> broken = new ArrayList<>();
        need.forEach((t, n) -> {
            if (have.getOrDefault(t, 0) < n && t.length() <= longest) {
                broken.add(t);
            }
        });
        assertTrue(broken.isEmpty(), what + ": broken " + broken + "\n" + help);
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>(List.of(s.strip().split("\\s+")));
        out.removeIf("\\"::equals); // an example's continuation mark
        return out;
    }
}
