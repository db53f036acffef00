package io.github.itl4j;

import io.github.itl4j.tlv.Tlv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * What kind of file some bytes are, judged from their start: a trust list, a signed file, or one of the files users
 * pass by mistake where a trust list is expected (a PEM certificate or key, a PKCS#12 key store, DER). The readers use
 * it to add a hint to "not an ITL/CTL/.sgn file" errors; the CLI uses it to tell a trust anchor from a trust list.
 *
 * <pre>{@code
 * FileType t = FileType.detect(Bytes.wrapOwned(Files.readAllBytes(p)));
 * if (!t.isSignedFormat()) System.err.println("not a trust list" + FileType.hint(bytes));
 * }</pre>
 *
 * @since 0.1.0
 */
public enum FileType {
    /** An ITL/CTL trust list: a signed header whose FILENAME ends in {@code .tlv} (or no FILENAME). */
    TRUST_LIST("a trust list"),
    /** A signed file ({@code .sgn}, {@code .enc.sgn}): a signed header and an opaque payload. */
    SIGNED("a signed (.sgn) file"),
    /** Starts with the VERSION and HEADERLENGTH of a signed header, but the header does not parse. */
    DAMAGED("a damaged ITL/CTL/.sgn file"),
    /** PEM text: {@code -----BEGIN ...-----} (a certificate, a key). */
    PEM("a PEM file"),
    /** A PKCS#12 key store ({@code .p12}, {@code .pfx}), e.g. ITLRecovery.p12. */
    PKCS12("a PKCS#12 key store (.p12/.pfx)"),
    /** Other DER data: a certificate or a key in binary form. */
    DER("DER data (a certificate or a key)"),
    /** None of the above. */
    UNKNOWN("unknown data");

    private static final byte[] PEM_BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);

    private final String description;

    FileType(String description) {
        this.description = description;
    }

    /** @return a short description for messages, e.g. {@code a PKCS#12 key store (.p12/.pfx)} */
    public String description() {
        return description;
    }

    /**
     * @return whether the bytes start like an ITL/CTL/.sgn file ({@link #TRUST_LIST}, {@link #SIGNED},
     *     {@link #DAMAGED})
     */
    public boolean isSignedFormat() {
        return this == TRUST_LIST || this == SIGNED || this == DAMAGED;
    }

    /**
     * Detects the kind of file. Never throws for any input.
     *
     * @param data the whole file, or at least its start (a trust list is told from a signed file by the header's
     *     FILENAME, so the whole header is needed for that; with less, the result is {@link #DAMAGED})
     * @return the kind
     */
    public static FileType detect(Bytes data) {
        if (data.size() >= Tlv.HEADER_SIZE && data.getUnsigned(0) == HeaderTags.VERSION && data.getU16(1) == 2) {
            if (data.size() < HeaderParser.PREFIX) {
                return DAMAGED;
            }
            try {
                int h = HeaderParser.headerLength(data, data.size());
                ItlHeader header = HeaderParser.parse(data.slice(0, h), new ArrayList<>());
                return ItlReader.isTrustListName(header.fileName().orElse(null)) ? TRUST_LIST : SIGNED;
            } catch (ItlException | RuntimeException e) {
                return DAMAGED;
            }
        }
        int p = skipBomAndWhitespace(data);
        if (startsWith(data, p, PEM_BEGIN)) {
            return PEM;
        }
        if (data.size() >= 2 && data.getUnsigned(0) == 0x30) {
            int at = derContentStart(data);
            if (at > 0
                    && data.size() >= at + 3
                    && data.getUnsigned(at) == 0x02
                    && data.getUnsigned(at + 1) == 1
                    && data.getUnsigned(at + 2) == 3) {
                return PKCS12; // PFX ::= SEQUENCE { version INTEGER (v3), ... }
            }
            if (at > 0) {
                return DER;
            }
        }
        return UNKNOWN;
    }

    /**
     * A hint to append to a "not a trust list" message when the bytes look like something users pass by mistake,
     * e.g. {@code "; this looks like a PEM certificate (-----BEGIN CERTIFICATE-----), not a trust list or signed
     * file"}; empty otherwise.
     *
     * @param data the file, or at least its start
     * @return the hint, starting with {@code "; "}, or {@code ""}
     */
    public static String hint(Bytes data) {
        FileType t = detect(data);
        return switch (t) {
            case PEM -> "; this looks like " + pemDescription(data) + ", not a trust list or signed file";
            case PKCS12, DER -> "; this looks like " + t.description + ", not a trust list or signed file";
            default -> "";
        };
    }

    /**
     * A hint to append to a "not a certificate" message (a trust anchor, a phone's certificate) when the bytes look
     * like a key rather than a certificate: a PKCS#12 key store or a PEM key, e.g. {@code "; this looks like a
     * PKCS#12 key store (.p12/.pfx), not a certificate"}; empty otherwise (a certificate that does not parse gets
     * no hint: the message says what is wrong with it).
     *
     * @param data the file, or at least its start
     * @return the hint, starting with {@code "; "}, or {@code ""}
     * @since 0.2.0
     */
    public static String keyHint(Bytes data) {
        FileType t = detect(data);
        if (t == PKCS12) {
            return "; this looks like " + t.description + ", not a certificate";
        }
        if (t == PEM) {
            String what = pemDescription(data);
            return what.startsWith("a PEM certificate") ? "" : "; this looks like " + what + ", not a certificate";
        }
        return "";
    }

    private static String pemDescription(Bytes data) {
        int p = skipBomAndWhitespace(data) + PEM_BEGIN.length;
        StringBuilder label = new StringBuilder();
        for (int i = p; i < data.size() && label.length() < 40; i++) {
            int c = data.getUnsigned(i);
            if (c == '-') {
                break;
            }
            if (c < 0x20 || c > 0x7e) {
                return "a PEM file";
            }
            label.append((char) c);
        }
        String l = label.toString().trim();
        String what = l.contains("CERTIFICATE")
                ? "a PEM certificate"
                : l.contains("PRIVATE KEY")
                        ? "a PEM private key"
                        : l.contains("PUBLIC KEY") ? "a PEM public key" : "a PEM file";
        return l.isEmpty() ? what : what + " (-----BEGIN " + l + "-----)";
    }

    private static int skipBomAndWhitespace(Bytes d) {
        int p = 0;
        if (d.size() >= 3 && d.getUnsigned(0) == 0xEF && d.getUnsigned(1) == 0xBB && d.getUnsigned(2) == 0xBF) {
            p = 3;
        }
        while (p < d.size() && (d.get(p) == ' ' || d.get(p) == '\t' || d.get(p) == '\r' || d.get(p) == '\n')) {
            p++;
        }
        return p;
    }

    private static boolean startsWith(Bytes d, int at, byte[] prefix) {
        if (d.size() - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the contents of the outer DER/BER SEQUENCE, or -1 if its length field is not plausible. */
    private static int derContentStart(Bytes d) {
        int l = d.getUnsigned(1);
        if (l == 0x80) {
            return 2; // BER indefinite length
        }
        if (l < 0x80) {
            return l >= 2 ? 2 : -1;
        }
        int n = l & 0x7F;
        if (n > 4 || d.size() < 2 + n || d.getUnsigned(2) == 0) {
            return -1;
        }
        return 2 + n;
    }
}
