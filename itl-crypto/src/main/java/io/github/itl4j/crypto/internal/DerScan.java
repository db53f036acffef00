package io.github.itl4j.crypto.internal;

/**
 * An iterative pre-scan of ASN.1 DER (or BER) bytes, made before they are handed to a parser that recurses (the JDK's
 * {@code CertificateFactory}, Bouncy Castle's {@code ASN1InputStream}): it walks the TLV structure with an explicit
 * stack, so a hostile encoding (thousands of nested {@code 30 80} or {@code 30 82 ..} levels in 16 KB) is refused
 * here, in constant stack space, instead of overflowing the parser's stack. It checks that the bytes are exactly one
 * element, that every length fits in its container, that constructed elements nest at most {@link #MAX_DEPTH} deep,
 * and, unless allowed, that no indefinite length ({@code 80}, which DER forbids) is used. Not API.
 */
public final class DerScan {
    /**
     * The deepest nesting of constructed elements accepted. An X.509 certificate nests about 8 deep (Certificate,
     * TBSCertificate, extensions, Extension, Name, RDN, AttributeTypeAndValue); PKCS#12 about 12.
     */
    public static final int MAX_DEPTH = 64;

    /** Why bytes were refused. */
    public enum Issue {
        /** Constructed elements nest deeper than {@link #MAX_DEPTH}. */
        TOO_DEEP("nested more than " + MAX_DEPTH + " levels deep"),
        /** An indefinite length ({@code 80}), which DER forbids. */
        INDEFINITE_LENGTH("an indefinite length (BER, not DER)"),
        /** A length that does not fit, or a truncated element. */
        MALFORMED("a length that does not fit"),
        /** Bytes after the one element. */
        TRAILING_BYTES("bytes after the element");

        private final String text;

        Issue(String text) {
            this.text = text;
        }

        /** @return a short description, e.g. "nested more than 64 levels deep" */
        public String text() {
            return text;
        }
    }

    /**
     * A refusal.
     *
     * @param issue what
     * @param offset where, from the start of the scanned bytes
     */
    public record Refusal(Issue issue, int offset) {
        /** @return e.g. "nested more than 64 levels deep at offset 128" */
        public String describe() {
            return issue.text() + " at offset " + offset;
        }
    }

    private static final int INDEFINITE = -1;

    private DerScan() {}

    /**
     * Scans DER: definite lengths only.
     *
     * @param b the bytes, exactly one element
     * @return null if they may be parsed, else why not
     */
    public static Refusal der(byte[] b) {
        return scan(b, 0, b.length, false);
    }

    /**
     * Scans DER or BER (indefinite lengths allowed, as PKCS#12 files from some tools use them), bounding the depth.
     *
     * @param b the bytes, exactly one element
     * @return null if they may be parsed, else why not
     */
    public static Refusal ber(byte[] b) {
        return scan(b, 0, b.length, true);
    }

    /**
     * Scans BER bytes about to be parsed by Bouncy Castle ({@link #ber(byte[])}).
     *
     * @param b the bytes
     * @return {@code b}
     * @throws IllegalArgumentException if they are refused (callers treat it as malformed input)
     */
    public static byte[] checked(byte[] b) {
        Refusal r = ber(b);
        if (r != null) {
            throw new IllegalArgumentException("ASN.1 structure refused: " + r.describe());
        }
        return b;
    }

    /**
     * @param b bytes
     * @param off where the element starts
     * @param len how many bytes it must take exactly
     * @param allowIndefinite whether indefinite lengths (BER) are accepted
     * @return null if they may be parsed, else why not
     */
    public static Refusal scan(byte[] b, int off, int len, boolean allowIndefinite) {
        int end = off + len;
        // ends[d]: where the container at depth d ends, or INDEFINITE; ends[0] is the top level
        int[] ends = new int[MAX_DEPTH + 1];
        ends[0] = end;
        int depth = 0;
        int pos = off;
        boolean first = true;
        while (true) {
            // close the definite containers that end here
            while (depth > 0 && ends[depth] != INDEFINITE && pos == ends[depth]) {
                depth--;
            }
            if (depth == 0 && !first) {
                return pos == end ? null : new Refusal(Issue.TRAILING_BYTES, pos - off); // one element, nothing after
            }
            int limit = limitOf(ends, depth, end);
            if (pos >= limit) {
                return new Refusal(Issue.MALFORMED, pos - off);
            }
            first = false;
            int start = pos;
            int tag = b[pos++] & 0xff;
            if (tag == 0 && depth > 0 && ends[depth] == INDEFINITE) {
                // end-of-contents of an indefinite container
                if (pos >= limit || b[pos++] != 0) {
                    return new Refusal(Issue.MALFORMED, start - off);
                }
                depth--;
                continue;
            }
            if ((tag & 0x1f) == 0x1f) { // high tag number: base-128 bytes, at most 4
                int n = 0;
                do {
                    if (pos >= limit || ++n > 4) {
                        return new Refusal(Issue.MALFORMED, start - off);
                    }
                } while ((b[pos++] & 0x80) != 0);
            }
            if (pos >= limit) {
                return new Refusal(Issue.MALFORMED, start - off);
            }
            int l = b[pos++] & 0xff;
            boolean constructed = (tag & 0x20) != 0;
            int contentEnd;
            if (l == 0x80) {
                if (!allowIndefinite) {
                    return new Refusal(Issue.INDEFINITE_LENGTH, start - off);
                }
                if (!constructed) {
                    return new Refusal(Issue.MALFORMED, start - off);
                }
                contentEnd = INDEFINITE;
            } else if (l < 0x80) {
                contentEnd = pos + l;
            } else {
                int n = l & 0x7f;
                if (n > 4 || pos + n > limit) {
                    return new Refusal(Issue.MALFORMED, start - off);
                }
                long v = 0;
                for (int i = 0; i < n; i++) {
                    v = (v << 8) | (b[pos++] & 0xff);
                }
                if (v > limit - pos) {
                    return new Refusal(Issue.MALFORMED, start - off);
                }
                contentEnd = pos + (int) v;
            }
            if (contentEnd != INDEFINITE && contentEnd > limit) {
                return new Refusal(Issue.MALFORMED, start - off);
            }
            if (constructed) {
                if (depth == MAX_DEPTH) {
                    return new Refusal(Issue.TOO_DEEP, start - off);
                }
                ends[++depth] = contentEnd;
            } else {
                pos = contentEnd;
            }
        }
    }

    /** The end of the innermost definite container at or above {@code depth}. */
    private static int limitOf(int[] ends, int depth, int end) {
        for (int d = depth; d > 0; d--) {
            if (ends[d] != INDEFINITE) {
                return ends[d];
            }
        }
        return end;
    }
}
