package io.github.itl4j;

import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvReader;
import java.util.ArrayList;
import java.util.List;

/** Parses and checks a header (FORMAT.md sections 2, 3 and 10). */
final class HeaderParser {
    /** VERSION TLV + HEADERLENGTH TLV. */
    static final int PREFIX = 10;

    private HeaderParser() {
    }

    /**
     * Checks the 10-byte prefix and returns HEADERLENGTH.
     *
     * @param prefix at least the first bytes of the file (fewer than 10 means truncated)
     * @param fileSize the file size if known, else -1
     */
    static int headerLength(Bytes prefix, long fileSize) throws ItlFormatException {
        if (prefix.size() < 5 || prefix.getUnsigned(0) != HeaderTags.VERSION || prefix.getU16(1) != 2) {
            throw new ItlFormatException(found("Not an ITL/CTL/.sgn file: expected VERSION (tag 1, length 2) "
                    + "at the start", prefix, 0), 0, HeaderTags.VERSION);
        }
        if (prefix.size() < PREFIX || prefix.getUnsigned(5) != HeaderTags.HEADER_LENGTH || prefix.getU16(6) != 2) {
            throw new ItlFormatException(found("Expected HEADERLENGTH (tag 2, length 2) after VERSION", prefix, 5),
                    5, HeaderTags.HEADER_LENGTH);
        }
        int h = prefix.getU16(8);
        if (h < PREFIX) {
            throw new ItlFormatException("HEADERLENGTH " + h + " is smaller than the 10 bytes of VERSION and "
                    + "HEADERLENGTH", 8, HeaderTags.HEADER_LENGTH);
        }
        if (fileSize >= 0 && h > fileSize) {
            throw new ItlFormatException("HEADERLENGTH " + h + " exceeds the file size " + fileSize, 8,
                    HeaderTags.HEADER_LENGTH);
        }
        return h;
    }

    private static String found(String what, Bytes b, int at) {
        int n = Math.max(0, Math.min(b.size() - at, 5));
        if (n == 0) {
            return what + "; found end of file";
        }
        String tlv = n >= 3 ? "tag " + b.getUnsigned(at) + ", length " + b.getU16(at + 1) + " " : "";
        return what + "; found " + tlv + "(bytes " + b.slice(at, n).toHex() + ")";
    }

    /** Where a known header tag may appear: the container tag that must hold it, 0 for the top level. */
    private static int parentOf(int tag) {
        switch (tag) {
            case HeaderTags.SIGNER_NAME:
            case HeaderTags.SERIAL_NUMBER:
            case HeaderTags.CA_NAME:
                return HeaderTags.SIGNER_ID;
            case HeaderTags.DIGEST_ALGORITHM:
            case HeaderTags.SIGNATURE_ALGO_INFO:
                return HeaderTags.SIGNATURE_INFO;
            case HeaderTags.SIGNATURE_ALGORITHM:
            case HeaderTags.SIGNATURE_MODULUS:
                return HeaderTags.SIGNATURE_ALGO_INFO;
            case HeaderTags.IV_INFO:
            case HeaderTags.KEY_INFO:
                return HeaderTags.ENCRYPTION_INFO;
            case 18:
            case 19:
            case 20:
                return HeaderTags.IV_INFO;
            case 22:
            case 23:
            case 24:
            case 25:
                return HeaderTags.KEY_INFO;
            default:
                return 0;
        }
    }

    private static int fixedLength(int tag) {
        switch (tag) {
            case HeaderTags.VERSION:
            case HeaderTags.HEADER_LENGTH:
            case HeaderTags.SIGNER_VERSION:
            case 20:
            case 23:
                return 2;
            case HeaderTags.DIGEST_ALGORITHM:
            case HeaderTags.SIGNATURE_ALGORITHM:
            case HeaderTags.SIGNATURE_MODULUS:
            case 18:
            case 22:
            case 24:
            case 26:
                return 1;
            case HeaderTags.TIMESTAMP:
                return 4;
            default:
                return -1;
        }
    }

    /**
     * Parses exactly one header.
     *
     * @param header exactly HEADERLENGTH bytes, starting at file offset 0
     */
    static ItlHeader parse(Bytes header, List<ItlWarning> warnings) throws ItlFormatException {
        TlvReader r = TlvReader.header(header, 0);
        List<List<TlvElement>> stack = new ArrayList<>();
        List<TlvElement> top = new ArrayList<>(16);
        stack.add(top);
        int[] openTags = new int[8];
        long seen = 0;
        TlvReader.Event e;
        while ((e = r.next()) != null) {
            int tag = r.tag();
            List<TlvElement> cur = stack.get(stack.size() - 1);
            switch (e) {
                case PADDING -> cur.add(Padding.INSTANCE);
                case CONTAINER_END -> {
                    List<TlvElement> children = stack.remove(stack.size() - 1);
                    stack.get(stack.size() - 1).add(new Container(tag, children));
                }
                case CONTAINER_START, VALUE -> {
                    int parent = r.depth() - (e == TlvReader.Event.CONTAINER_START ? 1 : 0) > 0
                            ? openTags[r.depth() - (e == TlvReader.Event.CONTAINER_START ? 2 : 1)] : 0;
                    if (HeaderTags.isKnown(tag)) {
                        if ((seen & (1L << tag)) != 0) {
                            throw new ItlFormatException("Duplicate " + HeaderTags.name(tag)
                                    + " in the header (each known tag appears once)", r.offset(), tag);
                        }
                        seen |= 1L << tag;
                        if (parentOf(tag) != parent) {
                            throw new ItlFormatException(HeaderTags.name(tag) + " is not allowed "
                                    + (parent == 0 ? "at the top level of the header" : "inside "
                                    + HeaderTags.name(parent)) + "; expected " + (parentOf(tag) == 0
                                    ? "the top level" : "inside " + HeaderTags.name(parentOf(tag))), r.offset(), tag);
                        }
                        int want = fixedLength(tag);
                        if (want >= 0 && r.length() != want) {
                            throw new ItlFormatException(String.format("%s must be %d bytes, found %d",
                                    HeaderTags.name(tag), want, r.length()), r.offset(), tag);
                        }
                        if (r.length() == 0 && e == TlvReader.Event.VALUE) {
                            warnings.add(new ItlWarning(ItlWarning.Code.ZERO_LENGTH_VALUE,
                                    HeaderTags.name(tag) + " has length 0", r.offset(), tag, -1));
                        }
                    } else {
                        warnings.add(new ItlWarning(ItlWarning.Code.UNKNOWN_HEADER_TAG, "Unknown header tag " + tag
                                + " (" + r.length() + " bytes) kept", r.offset(), tag, -1));
                    }
                    if (e == TlvReader.Event.CONTAINER_START) {
                        openTags[r.depth() - 1] = tag;
                        stack.add(new ArrayList<>(4));
                    } else {
                        cur.add(new Tlv(tag, r.value()));
                    }
                }
                default -> throw new AssertionError(e);
            }
        }
        // Positions of VERSION and HEADERLENGTH were checked by headerLength(); the reader saw them as values.
        ItlHeader h = ItlHeader.of(top);
        if (h.length() != header.size()) {
            throw new AssertionError("header size " + h.length() + " != " + header.size());
        }
        if (header.size() % 4 != 0) {
            warnings.add(new ItlWarning(ItlWarning.Code.HEADER_LENGTH_NOT_ALIGNED, "HEADERLENGTH " + header.size()
                    + " is not a multiple of 4 (CUCM pads the header with 0x0D bytes)", 8, HeaderTags.HEADER_LENGTH,
                    -1));
        }
        if (h.layout().isEmpty()) {
            warnings.add(new ItlWarning(ItlWarning.Code.HEADER_TAG_ORDER,
                    "Header tags follow neither CUCM's nor certutils' order", ItlException.NO_OFFSET,
                    ItlException.NO_TAG, -1));
        }
        return h;
    }
}
