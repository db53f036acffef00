package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code show}'s tag tables are laid out without {@link java.util.Formatter}, exactly as its format string did. */
class ShowColumnsTest {
    @Test
    void sameAsTheFormatString() {
        String[][] rows = {
            {"BYTEPOS", "TAG", "LENGTH", "VALUE"},
            {"-------", "---", "------", "-----"},
            {"1", "VERSION", "2", "1.2"},
            {"", "", "", ""},
            {"12345678", "ABCDEFGHIJKLMNOPQRSTUV", "87654321", "exact widths"},
            {"123456789", "A_TAG_NAME_LONGER_THAN_22", "1234567890", "wider than the columns"},
            {"255", "\u00e9t\u00e9 \u2026", "0", "non-ASCII \u2026 (64 bytes)"}
        };
        for (String[] r : rows) {
            assertEquals(
                    String.format(Locale.ROOT, "%-8s%-22s%-8s%s", (Object[]) r),
                    ShowFormat.columns(r[0], r[1], r[2], r[3]));
        }
    }
}
