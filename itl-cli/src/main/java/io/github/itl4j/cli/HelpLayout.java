package io.github.itl4j.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The footer of every command's help, wrapped at the help's width without breaking a word: an example command line
 * ({@code   itl ...}) that does not fit continues on the next line after a {@code \}, indented, so it still pastes
 * into a shell as one command; other text wraps at spaces. (picocli's wrapping puts the rest of a long example at the
 * start of the next line, where it reads as a new command, and breaks a word longer than the line.)
 */
final class HelpLayout {
    private HelpLayout() {}

    /**
     * Installs the footer renderer and the help that wraps at spaces only ({@link WordWrapHelp}) on a command line and
     * all its subcommands.
     *
     * @param cl the command line
     */
    static void install(CommandLine cl) {
        cl.getCommandSpec().usageMessage().helpFactory(WordWrapHelp.FACTORY);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    private static String footer(CommandLine.Help help) {
        CommandSpec spec = help.commandSpec();
        return footer(
                spec.usageMessage().footer(),
                spec.root().name(),
                spec.usageMessage().width());
    }

    /**
     * @param lines the footer's lines as the command declares them
     * @param command the program's name, which starts an example line
     * @param width the width to wrap at
     * @return the footer text, each line ending with a line separator
     */
    static String footer(String[] lines, String command, int width) {
        StringBuilder sb = new StringBuilder();
        for (String declared : lines) {
            String text = declared.contains("%") ? String.format(Locale.ROOT, declared) : declared;
            for (String line : text.split("\\R", -1)) {
                String words = line.stripLeading();
                int indent = line.length() - words.length();
                boolean example = indent > 0 && words.startsWith(command + " ");
                wrap(sb, words, indent, width, example);
            }
        }
        return sb.toString();
    }

    private static void wrap(StringBuilder sb, String words, int indent, int width, boolean example) {
        String nl = System.lineSeparator();
        String[] tokens = words.isEmpty() ? new String[0] : words.split(" +");
        StringBuilder line = new StringBuilder(" ".repeat(indent));
        int lineIndent = indent;
        boolean first = true;
        for (String t : tokens) {
            int reserve = example ? 2 : 0; // room for " \" should the line continue
            if (!first && line.length() + 1 + t.length() + reserve > width) {
                sb.append(line).append(example ? " \\" : "").append(nl);
                lineIndent = example ? indent + 4 : indent;
                line = new StringBuilder(" ".repeat(lineIndent));
                first = true;
            }
            if (!first) {
                line.append(' ');
            }
            line.append(t); // a word longer than the line stays whole
            first = false;
        }
        sb.append(line).append(nl);
    }
}
