package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** {@code show}'s dates in a UTC-like zone, written without the date formatter, as the formatter writes them. */
class CucmDateTest {
    private static final DateTimeFormatter JDK =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

    private static List<Instant> instants() {
        List<Instant> out = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(1393439067L), // Wed Feb 26 2014, the reset note's listing
                Instant.ofEpochSecond(0xFFFFFFFFL), // the largest TIMESTAMP
                Instant.parse("2000-02-29T23:59:59Z"),
                Instant.parse("2100-03-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("9999-12-31T23:59:59Z")));
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 2_000; i++) {
            out.add(Instant.ofEpochSecond(r.nextLong(-62_135_596_800L, 253_402_300_800L)));
        }
        return out;
    }

    @Test
    void everyUtcLikeZoneIsNamedAsTheFormatterNamesIt() {
        Instant t = Instant.ofEpochSecond(1700000000L);
        for (Map.Entry<String, String> e : ShowFormat.UTC_ZONE_NAMES.entrySet()) {
            ZoneId z = ZoneId.of(e.getKey());
            assertEquals(true, z.getRules().isFixedOffset(), e.getKey());
            assertEquals(0, z.getRules().getOffset(t).getTotalSeconds(), e.getKey());
            assertEquals(JDK.format(t.atZone(z)), ShowFormat.utcDate(t, e.getValue()), e.getKey());
            assertEquals(e.getValue(), ShowFormat.nameOf(TimeZone.getTimeZone(e.getKey())), e.getKey());
        }
    }

    @Test
    void datesFromYear1To9999AreTheFormattersText() {
        for (Instant t : instants()) {
            assertEquals(JDK.format(t.atZone(ZoneId.of("Etc/UTC"))), ShowFormat.utcDate(t, "UTC"), t.toString());
            assertEquals(JDK.format(t.atZone(ZoneId.of("GMT"))), ShowFormat.utcDate(t, "GMT"), t.toString());
        }
    }

    @Test
    void otherYearsAndZonesAreLeftToTheFormatter() {
        assertNull(ShowFormat.utcDate(Instant.parse("+10000-01-01T00:00:00Z"), "UTC"));
        assertNull(ShowFormat.utcDate(Instant.parse("0000-12-31T23:59:59Z"), "UTC"));
        assertNull(ShowFormat.utcDate(Instant.MAX, "UTC"));
        assertNull(ShowFormat.nameOf(TimeZone.getTimeZone("Europe/London"))); // GMT in winter, BST in summer
        assertNull(ShowFormat.nameOf(TimeZone.getTimeZone("America/New_York")));
        assertNull(ShowFormat.nameOf(TimeZone.getTimeZone("GMT+01:00")));
    }

    @Test
    void cucmDateInTheDefaultZoneIsTheFormattersText() {
        Instant t = Instant.ofEpochSecond(1393439067L);
        assertEquals(JDK.format(t.atZone(ZoneId.systemDefault())), ShowFormat.cucmDate(t));
    }

    @Test
    void cucmDateFollowsTheDefaultZoneAsItIsNow() {
        Instant t = Instant.ofEpochSecond(1393439067L);
        assertEquals("Wed Feb 26 18:24:27 UTC 2014", ShowFormat.utcDate(t, "UTC"));
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Etc/UTC"));
            assertEquals("Wed Feb 26 18:24:27 UTC 2014", ShowFormat.cucmDate(t));
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertEquals("Wed Feb 26 10:24:27 PST 2014", ShowFormat.cucmDate(t)); // the reset note's listing
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
