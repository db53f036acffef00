package io.github.itl4j.listing;

import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a pasted {@code show itl} / {@code show ctl} listing into a {@link ShowListing}. Tolerant of what pasting
 * does: markdown fences and bold markers, blank lines, names wrapped onto the next line, hex dumps of the signature,
 * Cisco's misspellings ({@code ISSUERNAM}, {@code DIGESTALGORTITHM}: fields are recognised by tag number), checksums
 * glued to "(MD5)". Lines it does not understand are skipped. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ShowListingParser {
    /** The largest listing accepted, in characters (a 50-record ITL lists in about 60 kB). */
    public static final int MAX_CHARS = 4 << 20;

    /** Lines longer than this are skipped (a listing's lines are short; this bounds the work per line). */
    private static final int MAX_LINE = 1024;

    private static final Pattern MD5 = Pattern.compile("^([0-9a-fA-F]{32})\\s*\\(MD5\\)");
    private static final Pattern SHA1 = Pattern.compile("^([0-9a-fA-F]{40})\\s*\\(SHA1\\)");
    private static final Pattern LENGTH = Pattern.compile("^Length of (ITL|CTL) file:\\s*(\\d{1,12})");
    private static final Pattern RECORD = Pattern.compile("^(ITL|CTL) Record #:?\\s*(\\d{1,6})");
    private static final Pattern VERSION = Pattern.compile("^Version:\\s*(\\S+)");
    private static final Pattern HEADER_LENGTH = Pattern.compile("^HeaderLength:\\s*(\\d{1,6})");
    private static final Pattern HEX_DUMP = Pattern.compile("^([0-9a-fA-F]{1,2}\\s+)*[0-9a-fA-F]{1,2}$");
    private static final Pattern FINGERPRINT = Pattern.compile("^((?:[0-9A-Fa-f]{2}\\s*){20})");

    private ShowListingParser() {}

    /**
     * Parses a listing.
     *
     * @param text the pasted text
     * @return the skeleton
     * @throws ItlFormatException if the text is larger than {@link #MAX_CHARS}, or holds neither a checksum, a
     *     header field nor a record (not a listing)
     */
    public static ShowListing parse(String text) throws ItlFormatException {
        if (text.length() > MAX_CHARS) {
            throw new ItlFormatException(
                    "The listing is " + text.length() + " characters; at most " + MAX_CHARS + " are read",
                    ItlException.NO_OFFSET,
                    ItlException.NO_TAG);
        }
        State s = new State();
        for (String raw : text.split("\\R")) {
            s.line(clean(raw));
        }
        s.finishRecord();
        if (s.md5 == null && s.sha1 == null && s.records.isEmpty() && s.headerLength < 0 && s.signerName == null) {
            throw new ItlFormatException(
                    "Not a 'show itl' or 'show ctl' listing: no checksum, header field or " + "record found",
                    ItlException.NO_OFFSET,
                    ItlException.NO_TAG);
        }
        return new ShowListing(
                s.kind,
                s.md5,
                s.sha1,
                s.length,
                s.version,
                s.headerLength,
                s.signerName,
                s.serial,
                s.caName,
                s.signatureLength,
                s.records,
                s.verified);
    }

    /**
     * Splits {@code TAG NAME... LENGTH [VALUE]} (the name is one or more upper-case words, e.g. {@code HASH
     * ALGORITHM}).
     *
     * @return tag, length and value (null if none), or null if the line is not a field
     */
    private static String[] fieldLine(String l) {
        String[] t = l.split("\\s+");
        if (t.length < 3 || !t[0].matches("\\d{1,3}")) {
            return null;
        }
        int i = 1;
        while (i < t.length && t[i].matches("[A-Z][A-Z_]*")) {
            i++;
        }
        if (i == 1 || i >= t.length || !t[i].matches("\\d{1,5}")) {
            return null;
        }
        String value =
                i + 1 < t.length ? String.join(" ", java.util.Arrays.asList(t).subList(i + 1, t.length)) : null;
        return new String[] {t[0], t[i], value};
    }

    private static String clean(String raw) {
        String l = raw.replace("**", "").replace("`", "").strip();
        if (l.startsWith("admin:")) {
            l = l.substring(6).strip();
        }
        while (l.endsWith("<")) {
            l = l.substring(0, l.length() - 1).strip();
        }
        return l;
    }

    private static String hex(String s) {
        return s == null ? null : s.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Role role(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 7, 21}) {
            Role r = Role.of(code);
            if (r.showText().equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t)) {
                return r;
            }
        }
        try {
            return Role.parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The parse in progress. */
    private static final class State {
        String kind = "ITL";
        String md5;
        String sha1;
        long length = -1;
        String version;
        int headerLength = -1;
        String signerName;
        String serial;
        String caName;
        int signatureLength = -1;
        boolean verified;
        final List<ShowListing.Record> records = new ArrayList<>();
        // the record being read
        boolean inRecord;
        int recordLength = -1;
        String dnsName;
        String subject;
        Role role;
        String issuer;
        String recSerial;
        int publicKeyLength = -1;
        int recSignatureLength = -1;
        int certLength = -1;
        String certSha1;
        String certHash;
        String hashAlgorithm;
        String ip;
        boolean usedToSign;
        /** The name field the previous line set (for wrapped names), or 0. */
        int lastNameTag;

        boolean awaitingFingerprint;

        void line(String l) {
            if (l.isEmpty() || l.length() > MAX_LINE) {
                return;
            }
            Matcher m;
            String[] f;
            if ((m = MD5.matcher(l)).find()) {
                md5 = m.group(1).toLowerCase(Locale.ROOT);
            } else if ((m = SHA1.matcher(l)).find()) {
                sha1 = m.group(1).toLowerCase(Locale.ROOT);
            } else if ((m = LENGTH.matcher(l)).find()) {
                kind = m.group(1);
                length = Long.parseLong(m.group(2));
            } else if ((m = RECORD.matcher(l)).find()) {
                finishRecord();
                kind = m.group(1);
                inRecord = true;
            } else if ((m = VERSION.matcher(l)).find()) {
                version = m.group(1);
            } else if ((m = HEADER_LENGTH.matcher(l)).find()) {
                headerLength = parseInt(m.group(1));
            } else if (l.startsWith("This etoken was used to sign")) {
                usedToSign = true;
            } else if (l.startsWith("This etoken was not used")) {
                usedToSign = false;
            } else if (l.matches("(?i)The (ITL|CTL) file was verified successfully\\.?")) {
                verified = true;
            } else if (l.startsWith("(SHA1 Hash HEX)")) {
                awaitingFingerprint = false;
            } else if ((f = fieldLine(l)) != null) {
                field(Integer.parseInt(f[0]), parseInt(f[1]), f[2]);
                return;
            } else if (awaitingFingerprint && (m = FINGERPRINT.matcher(l)).find()) {
                certSha1 = hex(m.group(1));
                awaitingFingerprint = false;
            } else if (HEX_DUMP.matcher(l).matches()) {
                return; // a line of the signature's hex dump
            } else if (lastNameTag != 0 && !l.contains(" ") && l.contains("=")) {
                wrapped(l);
                return;
            }
            lastNameTag = 0;
        }

        private void wrapped(String l) {
            if (!inRecord) {
                switch (lastNameTag) {
                    case 4 -> signerName = signerName + l;
                    case 6 -> caName = caName + l;
                    default -> {}
                }
            } else {
                switch (lastNameTag) {
                    case 3 -> subject = subject + l;
                    case 5 -> issuer = issuer + l;
                    default -> {}
                }
            }
        }

        private void field(int tag, int len, String value) {
            lastNameTag = 0;
            if (!inRecord) {
                switch (tag) {
                    case 4 -> {
                        signerName = value;
                        lastNameTag = value != null ? 4 : 0;
                    }
                    case 5 -> serial = hex(value);
                    case 6 -> {
                        caName = value;
                        lastNameTag = value != null ? 6 : 0;
                    }
                    case 12 -> signatureLength = len;
                    default -> {}
                }
                return;
            }
            switch (tag) {
                case 1 -> recordLength = value != null ? parseInt(value) : -1;
                case 2 -> dnsName = value;
                case 3 -> {
                    subject = value;
                    lastNameTag = value != null ? 3 : 0;
                }
                case 4 -> role = role(value);
                case 5 -> {
                    issuer = value;
                    lastNameTag = value != null ? 5 : 0;
                }
                case 6 -> recSerial = hex(value);
                case 7 -> publicKeyLength = len;
                case 8 -> recSignatureLength = len;
                case 9 -> {
                    certLength = len;
                    Matcher fp = value == null ? null : FINGERPRINT.matcher(value);
                    if (fp != null && fp.find()) {
                        certSha1 = hex(fp.group(1));
                    } else {
                        awaitingFingerprint = true;
                    }
                }
                case 10 -> ip = value;
                case 11 -> certHash = hex(value);
                case 12 -> hashAlgorithm = value;
                default -> {}
            }
        }

        void finishRecord() {
            if (inRecord) {
                records.add(new ShowListing.Record(
                        recordLength,
                        dnsName,
                        subject,
                        role,
                        issuer,
                        recSerial,
                        publicKeyLength,
                        recSignatureLength,
                        certLength,
                        certSha1,
                        certHash,
                        hashAlgorithm,
                        ip,
                        usedToSign));
            }
            inRecord = false;
            recordLength = -1;
            dnsName = null;
            subject = null;
            role = null;
            issuer = null;
            recSerial = null;
            publicKeyLength = -1;
            recSignatureLength = -1;
            certLength = -1;
            certSha1 = null;
            certHash = null;
            hashAlgorithm = null;
            ip = null;
            usedToSign = false;
            lastNameTag = 0;
            awaitingFingerprint = false;
        }
    }
}
