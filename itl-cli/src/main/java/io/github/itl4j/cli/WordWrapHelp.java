package io.github.itl4j.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help whose text wraps at spaces only. picocli's {@link TextTable} breaks lines where the JDK's line
 * {@link java.text.BreakIterator} allows, which includes after the {@code .}, {@code :} and {@code ,} inside a token
 * ({@code CallManager.} / {@code pem}, {@code 2026-01-31T12:} / {@code 00:00Z}): a file name broken that way is a
 * copy-paste hazard. Every table this help builds (synopsis, options, parameters, commands, exit codes, description)
 * is a {@link Table}, which wraps a column's text at whitespace. A token longer than a continuation line is indented
 * less, as far as needed to keep it whole (a long synopsis element at 60 columns); only a token longer than the whole
 * column is still cut, at the column's width.
 */
final class WordWrapHelp extends Help {
    /** Creates this help for every command ({@link CommandLine#setHelpFactory}). */
    static final CommandLine.IHelpFactory FACTORY = WordWrapHelp::new;

    /** picocli's bound of the synopsis indent (private in its {@code UsageMessageSpec}). */
    private static final double MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD = 0.9;

    private WordWrapHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    private int width() {
        return commandSpec().usageMessage().width();
    }

    @Override
    public Layout createDefaultLayout(
            List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme aColorScheme) {
        int longOptions = calcLongOptionColumnWidth(options, positionals, aColorScheme);
        Table table = new Table(aColorScheme, TextTable.forDefaultColumns(aColorScheme, longOptions, width()));
        return new Layout(aColorScheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        if (map == null || map.isEmpty()) {
            return new Table(colorScheme(), TextTable.forColumnWidths(colorScheme(), 10, width() - 10));
        }
        int spacing = 3;
        int keyLength = Math.min(
                width() - spacing - 1,
                map.keySet().stream()
                        .mapToInt(k -> String.valueOf(k).length())
                        .max()
                        .orElse(0));
        Table table = new Table(colorScheme(), new Column[] {
            new Column(keyLength + spacing, 2, Column.Overflow.SPAN),
            new Column(width() - (keyLength + spacing), 2, Column.Overflow.WRAP)
        });
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            table.addRowValues(format(String.valueOf(entry.getKey())), format(String.valueOf(entry.getValue())));
        }
        return table;
    }

    private static String format(String s, Object... params) {
        return s == null ? "" : String.format(s, params);
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int commandLength = Math.min(
                subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width() / 2);
        Table table = new Table(colorScheme(), new Column[] {
            new Column(commandLength + 2, 2, Column.Overflow.SPAN),
            new Column(width() - (commandLength + 2), 2, Column.Overflow.WRAP)
        });
        for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
            Help help = entry.getValue();
            CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
            String[] header = usage.header().length > 0 ? usage.header() : usage.description();
            String first = header.length > 0 ? header[0] : "";
            Text[] lines = colorScheme().text(format(first)).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(
                        i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
            }
        }
        return table.toString();
    }

    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
        String commandName = commandSpec().qualifiedName();
        CommandLine.Model.UsageMessageSpec usage = commandSpec().usageMessage();
        int indent = synopsisHeadingLength + commandName.length() + 1;
        if (indent > usage.synopsisAutoIndentThreshold() * width()) {
            indent = usage.synopsisIndent() < 0 ? synopsisHeadingLength : usage.synopsisIndent();
            indent = Math.min(indent, (int) (MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD * width()));
        }
        Table table = new Table(colorScheme(), new Column[] {new Column(width(), 0, Column.Overflow.WRAP)});
        table.indentWrappedLines = indent;
        Text padding = Help.Ansi.OFF.new Text(" ".repeat(synopsisHeadingLength), colorScheme());
        table.addRowValues(
                padding.concat(colorScheme().commandText(commandName)).concat(details));
        return table.toString().substring(synopsisHeadingLength);
    }

    @Override
    public String customSynopsis(Object... params) {
        return join(commandSpec().usageMessage().customSynopsis(), params);
    }

    @Override
    public String description(Object... params) {
        return join(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return join(commandSpec().usageMessage().header(), params);
    }

    private String join(String[] values, Object... params) {
        if (values == null || values.length == 0) {
            return "";
        }
        Table table = new Table(colorScheme(), new Column[] {new Column(width(), 0, Column.Overflow.WRAP)});
        table.indentWrappedLines = 0;
        for (String line : values) {
            table.addRowValues(format(line, params));
        }
        return table.toString();
    }

    /**
     * A table whose wrapping columns break lines at whitespace: each line of a value is the longest run of whole
     * words that fits (continuation lines indented as picocli indents them, less for a word that would not fit); a
     * word longer than the column is cut at the column's width. Spanning columns are picocli's.
     */
    static final class Table extends TextTable {
        Table(ColorScheme colorScheme, TextTable columnsOf) {
            this(colorScheme, columnsOf.columns());
        }

        private final ColorScheme colorScheme;

        Table(ColorScheme colorScheme, Column[] columns) {
            super(colorScheme, columns);
            this.colorScheme = colorScheme;
        }

        @Override
        public CommandLine.Help.TextTable.Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (value == null || column.overflow != Column.Overflow.WRAP) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            if (plain.isEmpty()) {
                return super.putValue(row, col, value);
            }
            int at = 0;
            int r = row;
            boolean first = true;
            while (true) {
                int pad = first ? 0 : indentWrappedLines;
                int word = wordEnd(plain, at) - at;
                int full = column.width - column.indent;
                if (word > full - pad) { // a long word is indented less rather than cut, where that is enough
                    pad = Math.max(0, full - word);
                }
                int room = Math.max(1, full - pad);
                int end = lineEnd(plain, at, room);
                Text piece = value.substring(at, end);
                if (pad > 0) {
                    piece = colorScheme.ansi().new Text(" ".repeat(pad), colorScheme).concat(piece);
                }
                super.putValue(r, col, piece);
                at = end;
                while (at < plain.length() && Character.isWhitespace(plain.charAt(at))) {
                    at++;
                }
                if (at >= plain.length()) {
                    return new Cell(col, r);
                }
                addEmptyRow();
                r++;
                first = false;
            }
        }

        private static int wordEnd(String s, int from) {
            int j = from;
            while (j < s.length() && !Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            return j;
        }

        /**
         * @param s the text
         * @param from where this line starts (not at a space, except at the start of the value)
         * @param room the characters that fit on the line
         * @return where the line ends: after the last whole word that fits, or after {@code room} characters when
         *     not even the first word fits
         */
        static int lineEnd(String s, int from, int room) {
            if (s.length() - from <= room) {
                return s.length();
            }
            int end = from;
            int i = from;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++; // leading indentation belongs to the first word
            }
            while (i < s.length()) {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                if (j - from > room) {
                    break;
                }
                end = j;
                i = j;
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            return end > from ? end : from + room;
        }
    }
}
