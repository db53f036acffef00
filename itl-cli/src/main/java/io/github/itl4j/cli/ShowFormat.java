package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTag;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTag;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.SignedFile;
import io.github.itl4j.cli.FieldFormat.Decoded;
import io.github.itl4j.cli.FieldFormat.Scope;
import io.github.itl4j.crypto.AnchorMatch;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renders what {@code itl show} prints as text: the layout of CUCM's {@code show itl} / {@code show ctl}
 * (docs/format.md §7, the seed listings in {@code show-itl-seed.txt}); {@link ShowJson} writes the same facts as JSON.
 * Also the model both share ({@link Kind}, {@link Shown}, {@link AnchorNames}) and the verdict and problem lines of
 * {@code itl verify}.
 *
 * <p>Text layout: the checksums, length and modification time, {@code Parse ITL File}, Version and HeaderLength,
 * the header's tag table (BYTEPOS is the tag number; containers print LENGTH 2 and their length as VALUE; padding is
 * not listed; the SIGNATURE follows in lower-case unpadded hex, 8 bytes per line), then one table per record
 * ({@code ITL Record #:n}) with {@code This etoken was [not] used to sign the ITL file.} after each SAST record, then
 * the verdict. Values Cisco does not print (DIGESTALGORTITHM, FILENAME, TIMESTAMP, PUBLICKEY, ...) are printed only
 * with {@code verbose}. Text from the file is escaped so that it cannot drive a terminal.
 */
final class ShowFormat {
    /** The widths of the BYTEPOS, TAG and LENGTH columns; VALUE starts after them. */
    private static final int BYTEPOS_WIDTH = 8;

    private static final int TAG_WIDTH = 22;
    private static final int LENGTH_WIDTH = 8;
    private static final int VALUE_COLUMN = BYTEPOS_WIDTH + TAG_WIDTH + LENGTH_WIDTH;
    /** Binary values longer than this are cut unless verbose. */
    private static final int HEX_PREVIEW = 32;

    private ShowFormat() {}

    /** What a file is, for the wording: CUCM says "ITL" or "CTL"; a .sgn is "signed". */
    enum Kind {
        /** an ITL (any trust list whose FILENAME does not start with CTL) */
        ITL("ITL"),
        /** a CTL (FILENAME starts with CTL) */
        CTL("CTL"),
        /** a .sgn (or other signed file with a payload) */
        SIGNED("signed");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        static Kind of(SignedFile f) {
            if (f instanceof SgnFile) {
                return SIGNED;
            }
            String name = f.header().fileName().orElse("");
            return name.toUpperCase(Locale.ROOT).startsWith("CTL") ? CTL : ITL;
        }
    }

    /**
     * One file to show.
     *
     * @param name the name in messages
     * @param modified the file's modification time, or null (standard input)
     * @param data the whole file
     * @param file the parsed file
     * @param sums its checksums
     * @param result the verification, or null if it was not checked
     * @param notChecked why it was not checked (when {@code result} is null)
     */
    record Shown(
            String name,
            Instant modified,
            Bytes data,
            SignedFile file,
            Checksums sums,
            VerificationResult result,
            String notChecked) {}

    /** Describes anchors: which --trust source a certificate or trust list came from. */
    record AnchorNames(Map<X509Certificate, String> certificates, Map<ItlFile, String> trustLists, boolean configured) {
        static final AnchorNames NONE = new AnchorNames(Map.of(), Map.of(), false);

        /**
         * @param a which anchor vouched for a signer
         * @param trustList whether the file is a trust list (else a .sgn, which needs an anchor)
         * @return the anchor in words
         */
        String describe(AnchorMatch a, boolean trustList) {
            switch (a.kind()) {
                case CERTIFICATE: {
                    X509Certificate c = a.certificate().orElseThrow();
                    String src = certificates.get(c);
                    return "certificate \"" + clean(c.getSubjectX500Principal().getName()) + "\""
                            + (src != null ? " from " + src : "");
                }
                case TRUST_LIST_RECORD: {
                    ItlFile list = a.trustList().orElseThrow();
                    String src = null;
                    for (Map.Entry<ItlFile, String> e : trustLists.entrySet()) {
                        if (e.getKey() == list) {
                            src = e.getValue();
                        }
                    }
                    String role = a.recordIndex() >= 0
                                    && a.recordIndex() < list.records().size()
                            ? list.records()
                                    .get(a.recordIndex())
                                    .role()
                                    .map(Role::name)
                                    .orElse("no FUNCTION")
                            : "?";
                    return "record " + (a.recordIndex() + 1) + " (" + role + ") of "
                            + (src != null ? src : "a trusted trust list");
                }
                default:
                    if (configured) {
                        return "none matched";
                    }
                    return trustList ? "none (no --trust: checked against itself only)" : "none (no --trust)";
            }
        }
    }

    // ------------------------------------------------------------------ text

    /**
     * Prints a file as {@code show itl} does.
     *
     * @param out where to print
     * @param s the file
     * @param verbose print the values Cisco leaves out
     * @param anchors names of the trust anchors
     */
    static void text(PrintWriter out, Shown s, boolean verbose, AnchorNames anchors) {
        Kind kind = Kind.of(s.file());
        String w = kind.word;
        ItlHeader h = s.file().header();
        out.println("The checksum value of the " + w + " file:");
        out.println(s.sums().showItlLines());
        out.println();
        out.println("Length of " + w + " file: " + s.data().size());
        out.println("The " + w + " File was last modified on "
                + (s.modified() != null ? cucmDate(s.modified()) : "(unknown: " + s.name() + ")"));
        out.println();
        out.println("Parse " + w + " File");
        out.println("----------------");
        out.println();
        out.println("Version: " + h.version());
        out.println("HeaderLength: " + h.length() + " (BYTES)");
        out.println();
        tableHeader(out);
        for (TlvElement e : h.elements()) {
            headerElement(out, e, verbose);
        }
        OptionalInt signer = s.result() != null ? s.result().signerRecordIndex() : OptionalInt.empty();
        if (s.file() instanceof ItlFile itl) {
            List<ItlRecord> records = itl.records();
            for (int i = 0; i < records.size(); i++) {
                ItlRecord r = records.get(i);
                out.println();
                out.println(w + " Record #:" + (i + 1));
                out.println("----");
                tableHeader(out);
                row(out, RecordTags.RECORD_LENGTH, "RECORDLENGTH", 2, Integer.toString(r.length()));
                for (Tlv f : r.fields()) {
                    recordField(out, f, verbose);
                }
                certificateValidity(r).ifPresent(v -> out.println("Certificate: " + v.text()));
                if (r.role().map(Role.SAST::equals).orElse(false)) {
                    out.println();
                    boolean used = signer.isPresent() && signer.getAsInt() == i;
                    out.println("This etoken was " + (used ? "" : "not ") + "used to sign the " + w + " file.");
                }
            }
        } else {
            SgnFile sgn = (SgnFile) s.file();
            out.println();
            out.println("Payload: " + sgn.payload().size() + " bytes (offset " + h.length() + " to "
                    + s.data().size() + ")");
        }
        out.println();
        verdict(out, w, s, anchors);
    }

    private static void verdict(PrintWriter out, String w, Shown s, AnchorNames anchors) {
        VerificationResult r = s.result();
        if (r == null) {
            out.println("The " + w + " file was not verified: " + s.notChecked());
            return;
        }
        if (r.isVerified()) {
            out.println("The " + w + " file was verified successfully.");
        } else {
            out.println(
                    "The " + w + " file was NOT verified: " + codes(r.errors().isEmpty() ? r.warnings() : r.errors()));
        }
        if (anchors.configured() || r.anchor().isAnchored()) {
            out.println("Trust anchor: " + anchors.describe(r.anchor(), s.file() instanceof ItlFile));
        }
        problems(out, r, "  ");
    }

    /**
     * Prints every problem on its own line: {@code INDENT error CODE: message}.
     *
     * @param out where to print
     * @param r the result
     * @param indent the indentation
     */
    static void problems(PrintWriter out, VerificationResult r, String indent) {
        problems(out, r.problems(), indent);
    }

    /**
     * Prints problems one per line, at most {@link #MAX_PROBLEMS_PER_CODE} of each code, the rest counted.
     *
     * @param out where to print
     * @param list the problems
     * @param indent the indentation
     */
    static void problems(PrintWriter out, List<Problem> list, String indent) {
        // a header of thousands of unknown tags gives thousands of warnings of one code: the first few of each code
        // are printed, the rest counted on one line
        java.util.Map<String, Integer> seen = new java.util.LinkedHashMap<>();
        for (Problem p : list) {
            String key = (p.isError() ? "error " : "warning ") + p.code();
            int n = seen.merge(key, 1, Integer::sum);
            if (n <= MAX_PROBLEMS_PER_CODE) {
                out.println(indent + key + ": " + clean(p.message()));
            }
        }
        seen.forEach((key, n) -> {
            if (n > MAX_PROBLEMS_PER_CODE) {
                out.println(indent + key + ": ... and " + (n - MAX_PROBLEMS_PER_CODE) + " more like this (" + n
                        + " in all)");
            }
        });
    }

    /** How many problems of one code are printed before the rest are counted. */
    static final int MAX_PROBLEMS_PER_CODE = 5;

    /**
     * @param problems problems
     * @return their codes, comma-separated, each once, in order
     */
    static String codes(List<Problem> problems) {
        List<String> c = new ArrayList<>();
        for (Problem p : problems) {
            String n = p.code().name();
            if (!c.contains(n)) {
                c.add(n);
            }
        }
        return String.join(", ", c);
    }

    private static void tableHeader(PrintWriter out) {
        out.println(columns("BYTEPOS", "TAG", "LENGTH", "VALUE"));
        out.println(columns("-------", "---", "------", "-----"));
    }

    private static void row(PrintWriter out, int tag, String name, int length, String value) {
        out.println(columns(Integer.toString(tag), name, Integer.toString(length), value == null ? "" : value)
                .stripTrailing());
    }

    /**
     * One table line: BYTEPOS, TAG and LENGTH each left-aligned and padded with spaces to its column's width (a
     * longer value is kept whole and pushes the rest right), then VALUE; what {@code String.format("%-8s%-22s%-8s%s",
     * ...)} makes, without {@link java.util.Formatter}, whose first use costs milliseconds at start-up.
     */
    static String columns(String bytepos, String tag, String length, String value) {
        StringBuilder sb = new StringBuilder(VALUE_COLUMN + value.length());
        padded(sb, bytepos, BYTEPOS_WIDTH);
        padded(sb, tag, TAG_WIDTH);
        padded(sb, length, LENGTH_WIDTH);
        return sb.append(value).toString();
    }

    private static void padded(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static void headerElement(PrintWriter out, TlvElement e, boolean verbose) {
        if (e instanceof Padding) {
            return;
        }
        if (e instanceof Container c) {
            row(out, c.tag(), HeaderTag.nameOf(c.tag()), 2, Integer.toString(c.length()));
            for (TlvElement child : c.children()) {
                headerElement(out, child, verbose);
            }
            return;
        }
        Tlv t = (Tlv) e;
        int tag = t.tag();
        if (tag == HeaderTags.VERSION || tag == HeaderTags.HEADER_LENGTH) {
            return;
        }
        Bytes v = t.value();
        if (tag == HeaderTags.SIGNATURE) {
            row(out, tag, HeaderTag.nameOf(tag), t.length(), null);
            List<String> lines = signatureLines(v);
            for (String line : lines) {
                out.println(" ".repeat(VALUE_COLUMN) + line);
            }
            return;
        }
        row(out, tag, HeaderTag.nameOf(tag), t.length(), headerValue(tag, v, verbose));
    }

    private static String headerValue(int tag, Bytes v, boolean verbose) {
        switch (tag) {
            case HeaderTags.SIGNER_NAME:
            case HeaderTags.CA_NAME:
                return text(v);
            case HeaderTags.SERIAL_NUMBER:
                return colonHex(v);
            case HeaderTags.SIGNER_VERSION:
                return v.size() == 2 ? v.getUnsigned(0) + "." + v.getUnsigned(1) : hex(v, verbose);
            case HeaderTags.DIGEST_ALGORITHM:
            case HeaderTags.SIGNATURE_ALGORITHM:
                return verbose && v.size() == 1
                        ? HeaderTag.byCode(tag).codeSet().describe(v.getUnsigned(0))
                        : null;
            case HeaderTags.SIGNATURE_MODULUS: {
                if (!verbose || v.size() != 1) {
                    return null;
                }
                SignatureModulus m = SignatureModulus.of(v.getUnsigned(0));
                return m.isKnown() ? m.bits() + "-bit" : "UNKNOWN(" + v.getUnsigned(0) + ")";
            }
            case HeaderTags.FILE_NAME:
                return verbose ? text(v) : null;
            case HeaderTags.TIMESTAMP:
                return verbose && v.size() == 4
                        ? cucmDate(Instant.ofEpochSecond(v.getU32(0))) + " (" + v.getU32(0) + ")"
                        : null;
            default: {
                if (!verbose) {
                    return HeaderTag.byCode(tag) != null ? null : hex(v, false);
                }
                Decoded d = FieldFormat.decode(Scope.HEADER, tag, v);
                return d.value() != null ? clean(d.value().toString()) : hex(v, true);
            }
        }
    }

    private static void recordField(PrintWriter out, Tlv f, boolean verbose) {
        int tag = f.tag();
        Bytes v = f.value();
        String value;
        switch (tag) {
            case RecordTags.DNS_NAME:
                value = text(v);
                if (verbose && !isPlainString(v)) {
                    value = (value.isEmpty() ? "" : value + " ") + "(hex " + v.toHex() + ")";
                }
                break;
            case RecordTags.SUBJECT_NAME:
            case RecordTags.ISSUER_NAME:
                value = text(v);
                break;
            case RecordTags.FUNCTION:
                value = v.size() == 2 ? clean(Role.of(v.getU16(0)).showText()) : hex(v, verbose);
                break;
            case RecordTags.SERIAL_NUMBER:
                value = colonHex(v);
                break;
            case RecordTags.CERTIFICATE: {
                ItlRecord one = ItlRecord.of(List.of(f));
                value = Checksums.certificateFingerprint(one).orElse("") + " (SHA1 Hash HEX)";
                break;
            }
            case RecordTags.IP_ADDRESS:
                value = v.size() == 4
                        ? v.getUnsigned(0) + "." + v.getUnsigned(1) + "." + v.getUnsigned(2) + "." + v.getUnsigned(3)
                        : hex(v, verbose);
                break;
            case RecordTags.CERT_HASH:
                value = Checksums.Style.UPPER_SPACE.format(v);
                break;
            case RecordTags.HASH_ALGORITHM:
                value = v.size() == 1 ? DigestAlgorithm.of(v.getUnsigned(0)).toString() : hex(v, verbose);
                break;
            case RecordTags.PUBLIC_KEY:
            case RecordTags.SIGNATURE:
                value = verbose ? hex(v, true) : null;
                break;
            default:
                value = hex(v, verbose);
        }
        row(out, tag, RecordTag.nameOf(tag), f.length(), value);
    }

    /**
     * A record certificate's validity and key (issue 12: dates must be visible wherever users look).
     *
     * @param notBefore the start of validity
     * @param notAfter the end of validity
     * @param keyType RSA, EC or the key's algorithm
     * @param keyBits the RSA modulus or EC field size, -1 if unknown
     */
    record Validity(Instant notBefore, Instant notAfter, String keyType, int keyBits) {
        String text() {
            return "notBefore " + notBefore + ", notAfter " + notAfter + ", " + keyType
                    + (keyBits > 0 ? " " + keyBits + " bits" : "");
        }
    }

    /**
     * @param r a record
     * @return its CERTIFICATE's validity and key, empty if it has none that decodes
     */
    static Optional<Validity> certificateValidity(ItlRecord r) {
        return io.github.itl4j.trust.TrustLists.certificate(r).map(c -> {
            java.security.PublicKey k = c.getPublicKey();
            int bits = k instanceof java.security.interfaces.RSAPublicKey rsa
                    ? rsa.getModulus().bitLength()
                    : k instanceof java.security.interfaces.ECPublicKey ec
                            ? ec.getParams().getCurve().getField().getFieldSize()
                            : -1;
            return new Validity(c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), k.getAlgorithm(), bits);
        });
    }

    /**
     * The SIGNATURE as {@code show itl} prints it: lower-case hex without leading zeros, 8 bytes per line.
     *
     * @param sig the signature
     * @return the lines
     */
    static List<String> signatureLines(Bytes sig) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sig.size(); i++) {
            if (i % 8 != 0) {
                sb.append(' ');
            }
            sb.append(Integer.toHexString(sig.getUnsigned(i)));
            if (i % 8 == 7 || i == sig.size() - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            }
        }
        return lines;
    }

    /**
     * @param t an instant
     * @return it as CUCM prints dates, in the local time zone
     */
    static String cucmDate(Instant t) {
        String zone = nameOf(java.util.TimeZone.getDefault()); // the default as it is now, as ZoneId.systemDefault()
        String fast = zone != null ? utcDate(t, zone) : null;
        return fast != null ? fast : CucmDate.FORMAT.format(t.atZone(ZoneId.systemDefault()));
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /**
     * The time zone IDs whose rules are offset zero all year and the name the date formatter prints for each (UTC or
     * GMT; the JDK's own answers are checked in the tests). Servers usually run in one of them.
     */
    static final Map<String, String> UTC_ZONE_NAMES = Map.ofEntries(
            Map.entry("UTC", "UTC"),
            Map.entry("Etc/UTC", "UTC"),
            Map.entry("UCT", "UTC"),
            Map.entry("Etc/UCT", "UTC"),
            Map.entry("Universal", "UTC"),
            Map.entry("Etc/Universal", "UTC"),
            Map.entry("Zulu", "UTC"),
            Map.entry("Etc/Zulu", "UTC"),
            Map.entry("GMT", "GMT"),
            Map.entry("Etc/GMT", "GMT"),
            Map.entry("GMT0", "GMT"),
            Map.entry("Etc/GMT0", "GMT"),
            Map.entry("Etc/GMT+0", "GMT"),
            Map.entry("Etc/GMT-0", "GMT"),
            Map.entry("Greenwich", "GMT"),
            Map.entry("Etc/Greenwich", "GMT"));

    /**
     * {@link #cucmDate} in a zone of {@link #UTC_ZONE_NAMES}, without the date formatter: building it and loading the
     * day, month and zone names of the locale data cost about 20 ms of a fresh JVM's time, the rest of {@code show}
     * about as much.
     *
     * @param t an instant
     * @param zoneName the zone's name as printed (UTC or GMT)
     * @return the text, or null for a year outside 1-9999 (the formatter's year-of-era then applies)
     */
    static String utcDate(Instant t, String zoneName) {
        LocalDateTime d;
        try {
            d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        if (d.getYear() < 1 || d.getYear() > 9999) {
            return null;
        }
        StringBuilder sb = new StringBuilder(28);
        sb.append(DAYS[d.getDayOfWeek().ordinal()]).append(' ');
        sb.append(MONTHS[d.getMonthValue() - 1]).append(' ');
        two(sb, d.getDayOfMonth()).append(' ');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond()).append(' ');
        sb.append(zoneName).append(' ');
        int y = d.getYear();
        for (int div = 1000; div > y && div > 1; div /= 10) {
            sb.append('0');
        }
        return sb.append(y).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * @param tz a time zone
     * @return its printed name if it is one of {@link #UTC_ZONE_NAMES} (offset zero, no daylight saving), else null
     */
    static String nameOf(java.util.TimeZone tz) {
        String name = UTC_ZONE_NAMES.get(tz.getID());
        return name != null && tz.getRawOffset() == 0 && !tz.observesDaylightTime() ? name : null;
    }

    /**
     * Starts building the date formatter and loading the local time zone's rules and names on a daemon thread, for a
     * command that will print a date ({@link #cucmDate}) after other work: the first date costs about 20 ms in a fresh
     * JVM (the time zone database, the locale data of the day, month and zone names), which then overlaps that work
     * instead of following it. Nothing is printed or kept here: a failure is left for the real call to report.
     */
    static void prepareDates() {
        new DatePreparer().start();
    }

    /** A thread class rather than a lambda: linking a lambda costs the main thread more than starting the thread. */
    private static final class DatePreparer extends Thread {
        DatePreparer() {
            super("itl-dates");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                cucmDate(Instant.EPOCH);
            } catch (Throwable ignored) { // the real call fails the same way and reports it
                // nothing to do
            }
        }
    }

    /**
     * How CUCM prints dates: {@code Wed Feb 26 10:24:27 PST 2014} (java.util.Date's format). In a class of its own so
     * that the formatter, costly to build at start-up, is built only by a command that prints a date ({@code show}),
     * not by those that use only the rest of this class ({@code verify}).
     */
    private static final class CucmDate {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
    }

    static String colonHex(Bytes v) {
        return v.isEmpty() ? "" : Checksums.Style.UPPER_COLON.format(v);
    }

    private static String hex(Bytes v, boolean full) {
        if (full || v.size() <= HEX_PREVIEW) {
            return v.toHex();
        }
        return v.slice(0, HEX_PREVIEW).toHex() + "\u2026 (" + v.size() + " bytes)";
    }

    private static boolean isPlainString(Bytes v) {
        return FieldFormat.strictString(v) != null;
    }

    /**
     * A name or file name as text: trailing NULs dropped, UTF-8 (invalid bytes replaced), control characters
     * escaped.
     *
     * @param v the value
     * @return the text
     */
    static String text(Bytes v) {
        int n = v.size();
        while (n > 0 && v.get(n - 1) == 0) {
            n--;
        }
        return clean(new String(v.slice(0, n).toByteArray(), StandardCharsets.UTF_8));
    }

    /**
     * @param s text from a file
     * @return the text with control characters (and NUL) escaped as {@code \\uXXXX}, so it cannot drive a terminal
     */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
