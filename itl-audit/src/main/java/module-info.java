/**
 * itl4j audit: normalises the ITL/CTL hashes phones report, matches them against a catalogue of the files CUCM
 * served, and classifies each phone (current, equivalent, stale and recoverable or stranded by trust simulation,
 * foreign, unknown, not installed, malformed), reading CSV exports and DeviceTLInfo alarms as streams.
 */
module io.github.itl4j.audit {
    requires transitive io.github.itl4j.trust;
    requires org.apache.commons.csv;

    exports io.github.itl4j.audit;
}
