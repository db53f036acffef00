package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import io.github.itl4j.SgnFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stub configuration certutils' {@code enccnf} writes beside an encrypted one, as the payload of
 * {@code SEP<MAC>.cnf.xml.sgn} (SPEC-trust.md 6.6): {@code <device>} without attributes holding
 * {@code <fullConfig>false</fullConfig>}, copies of the source's top-level {@code ipAddressMode},
 * {@code loadInformation}, {@code capfAuthMode} and {@code capfList}, {@code <certHash>} (MD5 of the device
 * certificate) and {@code <encrConfig>true</encrConfig>}, pretty-printed with two spaces as lxml does.
 *
 * <p>The source is scanned without namespace processing and without a DTD, so CUCM-style XML whose {@code xsi:}
 * prefix is not declared works (certutils' lxml parse fails there). The encrypted plaintext itself is never
 * re-serialised: only the stub is built from the scan.
 *
 * @since 0.1.0
 */
public final class ConfigStub {
    /** The top-level elements copied into the stub, in source order. */
    public static final Set<String> COPIED = Set.of("ipAddressMode", "loadInformation", "capfAuthMode", "capfList");

    private static final int MAX_DEPTH = 64;

    private ConfigStub() {}

    /**
     * Builds the stub payload.
     *
     * @param source the clear configuration ({@code SEP<MAC>.cnf.xml}), UTF-8
     * @param deviceCertificate the certificate whose MD5 goes into {@code certHash}
     * @return the stub's bytes
     * @throws EncryptedConfigException {@code ENC_NOT_DEVICE_CONFIG} if the source is not XML with root element
     *     {@code device} (the message says where the scan stopped)
     */
    public static Bytes payload(Bytes source, X509Certificate deviceCertificate) throws EncryptedConfigException {
        Node root = new Scanner(new String(source.toByteArray(), StandardCharsets.UTF_8)).document();
        if (!"device".equals(root.name)) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.NOT_DEVICE_CONFIG,
                    "The root element is <" + root.name + ">; a phone configuration's is <device>");
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device>\n");
        sb.append("  <fullConfig>false</fullConfig>\n");
        for (Object c : root.children) {
            if (c instanceof Node n && COPIED.contains(n.name)) {
                write(sb, n, 1);
            }
        }
        sb.append("  <certHash>").append(certHash(deviceCertificate)).append("</certHash>\n");
        sb.append("  <encrConfig>true</encrConfig>\n</device>\n");
        return Bytes.wrapOwned(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param certificate a certificate
     * @return the lower-case hex MD5 of its DER, as {@code <certHash>} holds it
     */
    public static String certHash(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Finds {@code <certHash>} among the top-level elements of a stub (or any device configuration).
     *
     * @param stub the payload
     * @return the text of certHash, or null if absent
     * @throws EncryptedConfigException if the payload is not a device configuration
     */
    public static String findCertHash(Bytes stub) throws EncryptedConfigException {
        Node root = new Scanner(new String(stub.toByteArray(), StandardCharsets.UTF_8)).document();
        for (Object c : root.children) {
            if (c instanceof Node n && "certHash".equals(n.name)) {
                StringBuilder sb = new StringBuilder();
                for (Object t : n.children) {
                    if (t instanceof String s) {
                        sb.append(s);
                    }
                }
                return sb.toString().trim();
            }
        }
        return null;
    }

    /**
     * Check E08 (SPEC-trust.md 6.8): the stub {@code SEP<MAC>.cnf.xml.sgn} served beside an encrypted configuration
     * must exist and its {@code <certHash>} must be the MD5 of the device certificate the configuration is encrypted
     * for (SPEC-trust.md 6.6). The stub's signature is not checked here: verify it like any {@code .sgn}.
     *
     * @param stub the stub as read with {@link io.github.itl4j.ItlReader#readSigned}, or null when there is none
     * @param deviceCertificate the phone's certificate (LSC or MIC) the configuration is encrypted for
     * @return the E08 warning ({@code ENC_STUB_MISMATCH}), or empty when the stub names the certificate
     * @since 0.1.0
     */
    public static Optional<EncryptedConfigProblem> check(SgnFile stub, X509Certificate deviceCertificate) {
        Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        String expected = certHash(deviceCertificate);
        if (stub == null) {
            return Optional.of(new EncryptedConfigProblem(
                    EncryptedConfigCode.STUB_MISMATCH,
                    "no stub (SEP<MAC>.cnf.xml.sgn) beside the encrypted configuration; expected one whose "
                            + "<certHash> is " + expected + ", the MD5 of the device certificate"));
        }
        String found;
        try {
            found = findCertHash(stub.payload());
        } catch (EncryptedConfigException e) {
            return Optional.of(new EncryptedConfigProblem(
                    EncryptedConfigCode.STUB_MISMATCH,
                    "the stub is not a device configuration (" + e.getOriginalMessage() + ")"));
        }
        if (found == null) {
            return Optional.of(new EncryptedConfigProblem(
                    EncryptedConfigCode.STUB_MISMATCH, "the stub has no <certHash>; expected " + expected));
        }
        if (!found.equalsIgnoreCase(expected)) {
            return Optional.of(new EncryptedConfigProblem(
                    EncryptedConfigCode.STUB_MISMATCH,
                    "the stub's <certHash> is " + found + "; the MD5 of the device certificate "
                            + deviceCertificate.getSubjectX500Principal().getName() + " is " + expected));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ lxml-style pretty printing

    private static void write(StringBuilder sb, Node n, int depth) {
        indent(sb, depth);
        writeInline(sb, n, depth, true);
        sb.append('\n');
    }

    /** Writes an element; children are indented unless the element has non-blank text (mixed content). */
    private static void writeInline(StringBuilder sb, Node n, int depth, boolean pretty) {
        sb.append('<').append(n.name);
        for (String[] a : n.attributes) {
            sb.append(' ').append(a[0]).append("=\"").append(escape(a[1], true)).append('"');
        }
        if (n.children.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        boolean mixed = n.children.stream().anyMatch(c -> c instanceof String s && !s.isBlank());
        boolean indentChildren = pretty && !mixed;
        for (Object c : n.children) {
            if (indentChildren) {
                if (c instanceof String) {
                    continue; // blank text removed
                }
                sb.append('\n');
                indent(sb, depth + 1);
            }
            if (c instanceof String s) {
                sb.append(escape(s, false));
            } else if (c instanceof Comment cm) {
                sb.append("<!--").append(cm.text).append("-->");
            } else {
                writeInline(sb, (Node) c, depth + 1, indentChildren);
            }
        }
        if (indentChildren) {
            sb.append('\n');
            indent(sb, depth);
        }
        sb.append("</").append(n.name).append('>');
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ tolerant scanner

    /** An element: name as written (prefix kept), attributes in order, children (Node, Comment, String). */
    private static final class Node {
        final String name;
        final List<String[]> attributes = new ArrayList<>();
        final List<Object> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }
    }

    private record Comment(String text) {}

    /** A namespace-unaware XML scanner: no DTD, no external entities, the predefined and numeric references. */
    private static final class Scanner {
        private final String s;
        private int p;

        Scanner(String s) {
            this.s = s.startsWith("\uFEFF") ? s.substring(1) : s;
        }

        Node document() throws EncryptedConfigException {
            skipMisc();
            if (!s.startsWith("<", p) || p + 1 >= s.length() || !isNameStart(s.charAt(p + 1))) {
                throw fail("expected the root element");
            }
            Node root = element(0);
            skipMisc();
            if (p < s.length()) {
                throw fail("unexpected content after the root element");
            }
            return root;
        }

        private void skipMisc() throws EncryptedConfigException {
            while (true) {
                skipSpace();
                if (s.startsWith("<?", p)) {
                    skipPast("?>");
                } else if (s.startsWith("<!--", p)) {
                    skipPast("-->");
                } else if (s.startsWith("<!", p)) {
                    throw fail("a DOCTYPE or DTD is not accepted in a phone configuration");
                } else {
                    return;
                }
            }
        }

        private void skipSpace() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
        }

        private String skipPast(String end) throws EncryptedConfigException {
            int i = s.indexOf(end, p);
            if (i < 0) {
                throw fail("unterminated markup, expected " + end);
            }
            String inner = s.substring(p, i);
            p = i + end.length();
            return inner;
        }

        private Node element(int depth) throws EncryptedConfigException {
            if (depth > MAX_DEPTH) {
                throw fail("elements nested deeper than " + MAX_DEPTH);
            }
            p++; // '<'
            Node n = new Node(name());
            while (true) {
                skipSpace();
                if (p >= s.length()) {
                    throw fail("unterminated start tag <" + n.name + ">");
                }
                char c = s.charAt(p);
                if (c == '/') {
                    if (!s.startsWith("/>", p)) {
                        throw fail("expected /> in <" + n.name + ">");
                    }
                    p += 2;
                    return n;
                }
                if (c == '>') {
                    p++;
                    break;
                }
                String an = name();
                skipSpace();
                if (p >= s.length() || s.charAt(p) != '=') {
                    throw fail("expected = after attribute " + an);
                }
                p++;
                skipSpace();
                if (p >= s.length() || s.charAt(p) != '"' && s.charAt(p) != '\'') {
                    throw fail("expected a quoted value for attribute " + an);
                }
                char q = s.charAt(p++);
                int end = s.indexOf(q, p);
                if (end < 0) {
                    throw fail("unterminated value of attribute " + an);
                }
                String raw = s.substring(p, end);
                p = end + 1;
                n.attributes.add(new String[] {an, decode(raw.replace('\n', ' ').replace('\t', ' '))});
            }
            StringBuilder text = new StringBuilder();
            while (true) {
                if (p >= s.length()) {
                    throw fail("<" + n.name + "> is not closed");
                }
                if (s.startsWith("</", p)) {
                    flush(n, text);
                    p += 2;
                    String close = name();
                    skipSpace();
                    if (!close.equals(n.name) || p >= s.length() || s.charAt(p) != '>') {
                        throw fail("</" + close + "> does not close <" + n.name + ">");
                    }
                    p++;
                    return n;
                } else if (s.startsWith("<!--", p)) {
                    flush(n, text);
                    p += 4;
                    n.children.add(new Comment(skipPast("-->")));
                } else if (s.startsWith("<![CDATA[", p)) {
                    p += 9;
                    text.append(skipPast("]]>"));
                } else if (s.startsWith("<?", p)) {
                    skipPast("?>");
                } else if (s.startsWith("<!", p)) {
                    throw fail("unexpected <! markup in <" + n.name + ">");
                } else if (s.charAt(p) == '<') {
                    flush(n, text);
                    n.children.add(element(depth + 1));
                } else {
                    int i = s.indexOf('<', p);
                    int end = i < 0 ? s.length() : i;
                    text.append(decode(s.substring(p, end)));
                    p = end;
                }
            }
        }

        private static void flush(Node n, StringBuilder text) {
            if (text.length() > 0) {
                n.children.add(text.toString());
                text.setLength(0);
            }
        }

        private String name() throws EncryptedConfigException {
            int start = p;
            while (p < s.length() && isNameChar(s.charAt(p))) {
                p++;
            }
            if (p == start) {
                throw fail("expected a name");
            }
            return s.substring(start, p);
        }

        private static boolean isNameStart(char c) {
            return Character.isLetter(c) || c == '_' || c == ':';
        }

        private static boolean isNameChar(char c) {
            return isNameStart(c) || Character.isDigit(c) || c == '-' || c == '.';
        }

        private String decode(String raw) throws EncryptedConfigException {
            if (raw.indexOf('&') < 0) {
                return raw;
            }
            StringBuilder sb = new StringBuilder(raw.length());
            int i = 0;
            while (i < raw.length()) {
                char c = raw.charAt(i);
                if (c != '&') {
                    sb.append(c);
                    i++;
                    continue;
                }
                int semi = raw.indexOf(';', i);
                if (semi < 0 || semi - i > 12) {
                    throw fail("unterminated character reference");
                }
                String ref = raw.substring(i + 1, semi);
                switch (ref) {
                    case "amp" -> sb.append('&');
                    case "lt" -> sb.append('<');
                    case "gt" -> sb.append('>');
                    case "quot" -> sb.append('"');
                    case "apos" -> sb.append('\'');
                    default -> sb.appendCodePoint(codePoint(ref));
                }
                i = semi + 1;
            }
            return sb.toString();
        }

        private int codePoint(String ref) throws EncryptedConfigException {
            try {
                int cp = ref.startsWith("#x")
                        ? Integer.parseInt(ref.substring(2), 16)
                        : ref.startsWith("#") ? Integer.parseInt(ref.substring(1)) : -1;
                if (Character.isValidCodePoint(cp) && cp > 0) {
                    return cp;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw fail("unknown entity &" + ref + "; (only the predefined and numeric references are accepted)");
        }

        private EncryptedConfigException fail(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(p, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            return new EncryptedConfigException(
                    EncryptedConfigCode.NOT_DEVICE_CONFIG,
                    "Cannot read the " + "configuration as XML: " + what + " (line " + line + ", character " + p + ")");
        }
    }
}
