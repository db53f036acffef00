package io.github.itl4j;

import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses and checks a header (docs/format.md §2, §3 and §10). */
final class HeaderParser {
    /** Size of the VERSION TLV (and of the HEADERLENGTH TLV): tag, length, 2-byte value. */
    static final int U16_TLV = Tlv.HEADER_SIZE + 2;
    /** VERSION TLV + HEADERLENGTH TLV. */
    static final int PREFIX = 2 * U16_TLV;
    /** Offset of the HEADERLENGTH value in the file. */
    static final int HEADER_LENGTH_VALUE = U16_TLV + Tlv.HEADER_SIZE;
    /** The message for a 0-byte input (homelab guides serve empty ITLFile.tlv files, TRUST.md 3.5). */
    static final String EMPTY_FILE = "The file is empty (0 bytes), not an ITL/CTL/.sgn file: a phone ignores an "
            + "empty ITLFile.tlv or CTLFile.tlv (it does not parse), as if none were served";

    private HeaderParser() {}

    /**
     * Reads and parses the header at the start of {@code src}; afterwards {@code src} is at the body. The header's
     * exact bytes are its {@link ItlHeader#encode()}.
     *
     * @param src a source at offset 0
     * @param warnings receives oddities
     */
    static ItlHeader read(ByteSource src, List<ItlWarning> warnings) throws IOException {
        Bytes whole = src.whole();
        if (whole != null) {
            // in memory: the prefix checks look at the first PREFIX bytes of the file, which are at hand
            return parse(src.read(headerLength(whole, whole.size(), whole)), warnings);
        }
        Bytes prefix = src.read(PREFIX);
        int h = headerLength(prefix, src.size(), prefix);
        Bytes hb = src.extend(prefix, h);
        if (hb.size() < h) {
            // same offset and tag as headerLength reports when the file size is known
            throw headerBeyondEnd(h, hb.size());
        }
        return parse(hb, warnings);
    }

    /**
     * The bytes a signature covers (docs/format.md §5): everything from the start of the file except the SIGNATURE
     * TLV (tag, length and value). The one place that computes the signed region.
     *
     * @param fromStart bytes from file offset 0: the whole file, or just the header
     * @param header the header of those bytes
     * @return one slice (no SIGNATURE) or two, views of {@code fromStart}
     */
    static List<Bytes> signedParts(Bytes fromStart, ItlHeader header) {
        int off = header.signatureOffset();
        if (off < 0) {
            return List.of(fromStart);
        }
        int end = off + Tlv.HEADER_SIZE + header.signatureLength();
        return List.of(fromStart.slice(0, off), fromStart.slice(end, fromStart.size() - end));
    }

    /**
     * Checks the 10-byte prefix and returns HEADERLENGTH.
     *
     * @param prefix at least the first bytes of the file (fewer than 10 means truncated)
     * @param fileSize the file size if known, else -1
     */
    static int headerLength(Bytes prefix, long fileSize) throws ItlFormatException {
        return headerLength(prefix, fileSize, prefix);
    }

    /**
     * @param hintFrom as much of the file's start as is at hand, to say what the file looks like when it is not one
     *     of ours
     */
    static int headerLength(Bytes prefix, long fileSize, Bytes hintFrom) throws ItlFormatException {
        if (prefix.size() == 0 && fileSize <= 0) {
            throw new ItlFormatException(EMPTY_FILE, 0, HeaderTags.VERSION);
        }
        if (prefix.size() < U16_TLV || prefix.getUnsigned(0) != HeaderTags.VERSION || prefix.getU16(1) != 2) {
            throw new ItlFormatException(
                    found("Not an ITL/CTL/.sgn file: expected VERSION (tag 1, length 2) " + "at the start", prefix, 0),
                    0,
                    HeaderTags.VERSION,
                    FileType.hint(hintFrom));
        }
        if (prefix.size() < PREFIX
                || prefix.getUnsigned(U16_TLV) != HeaderTags.HEADER_LENGTH
                || prefix.getU16(U16_TLV + 1) != 2) {
            throw new ItlFormatException(
                    found("Expected HEADERLENGTH (tag 2, length 2) after VERSION", prefix, U16_TLV),
                    U16_TLV,
                    HeaderTags.HEADER_LENGTH);
        }
        int h = prefix.getU16(HEADER_LENGTH_VALUE);
        if (h < PREFIX) {
            throw new ItlFormatException(
                    "HEADERLENGTH " + h + " is smaller than the " + PREFIX + " bytes of VERSION " + "and HEADERLENGTH",
                    HEADER_LENGTH_VALUE,
                    HeaderTags.HEADER_LENGTH);
        }
        if (fileSize >= 0 && h > fileSize) {
            throw headerBeyondEnd(h, fileSize);
        }
        return h;
    }

    /** HEADERLENGTH points past the end of the file (whose size is known, or was found while reading). */
    static ItlFormatException headerBeyondEnd(int headerLength, long fileSize) {
        return new ItlFormatException(
                "HEADERLENGTH " + headerLength + " exceeds the file size " + fileSize,
                HEADER_LENGTH_VALUE,
                HeaderTags.HEADER_LENGTH);
    }

    private static String found(String what, Bytes b, int at) {
        int n = Math.max(0, Math.min(b.size() - at, U16_TLV));
        if (n == 0) {
            return what + "; found end of file";
        }
        String tlv = n >= Tlv.HEADER_SIZE ? "tag " + b.getUnsigned(at) + ", length " + b.getU16(at + 1) + " " : "";
        return what + "; found " + tlv + "(bytes " + b.slice(at, n).toHex() + ")";
    }

    /**
     * Parses exactly one header: checks every element (lengths, nesting, duplicates, fixed sizes, where each known tag
     * may sit), reports oddities, and keeps only the bytes and the positions the model needs at once; the elements are
     * made from the bytes when first asked for ({@link #elements(Bytes)}).
     *
     * @param header exactly HEADERLENGTH bytes, starting at file offset 0
     */
    static ItlHeader parse(Bytes header, List<ItlWarning> warnings) throws ItlFormatException {
        TlvReader r = TlvReader.header(header, 0);
        long seen = 0; // bit set of the known tags seen (all below 64)
        int layout = ItlHeader.LAYOUT_START;
        int sigOff = -1;
        int sigLen = -1;
        int fileName = -1;
        for (int parent = 0; ; ) {
            TlvReader.Event e = r.next();
            if (e == null) {
                break;
            }
            if (e == TlvReader.Event.CONTAINER_START || e == TlvReader.Event.VALUE) {
                int tag = r.tag();
                HeaderTag known = HeaderTag.byCode(tag);
                if (known != null) {
                    if ((seen & (1L << tag)) != 0) {
                        throw new ItlFormatException(
                                "Duplicate " + known.showName() + " in the header (each known tag appears once)",
                                r.offset(),
                                tag);
                    }
                    seen |= 1L << tag;
                    int want = known.parentCode();
                    if (want != parent) {
                        throw new ItlFormatException(
                                known.showName() + " is not allowed "
                                        + (parent == 0
                                                ? "at the top level of the header"
                                                : "inside " + HeaderTags.name(parent))
                                        + "; expected "
                                        + (want == 0 ? "the top level" : "inside " + HeaderTags.name(want)),
                                r.offset(),
                                tag);
                    }
                    want = known.fixedLength();
                    if (want >= 0 && r.length() != want) {
                        throw new ItlFormatException(
                                String.format("%s must be %d bytes, found %d", HeaderTags.name(tag), want, r.length()),
                                r.offset(),
                                tag);
                    }
                    if (r.length() == 0 && e == TlvReader.Event.VALUE) {
                        warnings.add(new ItlWarning(
                                ItlWarning.Code.ZERO_LENGTH_VALUE,
                                HeaderTags.name(tag) + " has length 0",
                                r.offset(),
                                tag,
                                -1));
                    }
                    if (tag == HeaderTags.SIGNATURE) { // a known tag, so at the top level (checked above)
                        sigOff = r.position();
                        sigLen = r.length();
                    } else if (tag == HeaderTags.FILE_NAME) {
                        fileName = (r.position() + Tlv.HEADER_SIZE) << 16 | r.length();
                    }
                    layout = ItlHeader.layoutStep(layout, tag);
                } else {
                    warnings.add(new ItlWarning(
                            ItlWarning.Code.UNKNOWN_HEADER_TAG,
                            "Unknown header tag " + tag + " (" + r.length() + " bytes) kept",
                            r.offset(),
                            tag,
                            -1));
                }
            }
            // the container the next element sits in (its parent), 0 at the top level
            parent = Math.max(r.containerTag(), 0);
        }
        // Positions of VERSION and HEADERLENGTH were checked by headerLength(); the reader saw them as values.
        ItlHeader h = ItlHeader.read(header, sigOff, sigLen, fileName, layout);
        if (header.size() % 4 != 0) {
            warnings.add(new ItlWarning(
                    ItlWarning.Code.HEADER_LENGTH_NOT_ALIGNED,
                    "HEADERLENGTH " + header.size() + " is not a multiple of 4 (CUCM pads the header with 0x0D bytes)",
                    HEADER_LENGTH_VALUE,
                    HeaderTags.HEADER_LENGTH,
                    -1));
        }
        if (h.layout().isEmpty()) {
            warnings.add(new ItlWarning(
                    ItlWarning.Code.HEADER_TAG_ORDER,
                    "Header tags follow neither CUCM's nor certutils' order",
                    ItlException.NO_OFFSET,
                    ItlException.NO_TAG,
                    -1));
        }
        return h;
    }

    /** Tags below this have a row in {@link #positions(Bytes)}: every known header tag (1 to 28). */
    static final int TABLE_TAGS = 32;

    /**
     * Where the plain TLVs of a header that {@link #parse(Bytes, List)} has checked are, by tag: for each tag below
     * {@link #TABLE_TAGS}, 1 + the position of the tag byte of its first plain TLV in file order (depth-first, as
     * {@link ItlHeader#find(int)} searches the elements), or 0. What {@link ItlHeader}'s field accessors read instead
     * of the elements; allocates the table only.
     *
     * <p>A plain walk, since the bytes were checked: children fill their container exactly, so the walk enters a
     * container by stepping over its tag and length and needs to know only whether it is inside a top-level container
     * (where 0x0D is a tag, not a padding byte).
     *
     * @param header the checked header bytes
     * @return the table
     */
    static char[] positions(Bytes header) {
        char[] at = new char[TABLE_TAGS];
        byte[] a = header.array();
        int base = header.offset();
        int size = header.size();
        int topEnd = 0; // the end of the top-level container the walk is in; at or before pos at the top level
        for (int pos = 0; pos < size; ) {
            int tag = a[base + pos] & 0xFF;
            if (pos >= topEnd && tag == Padding.TAG) {
                pos++;
                continue;
            }
            int len = (a[base + pos + 1] & 0xFF) << 8 | a[base + pos + 2] & 0xFF;
            if (HeaderTags.isContainer(tag)) {
                if (pos >= topEnd) {
                    topEnd = pos + Tlv.HEADER_SIZE + len;
                }
                pos += Tlv.HEADER_SIZE;
                continue;
            }
            if (tag < TABLE_TAGS && at[tag] == 0) {
                at[tag] = (char) (pos + 1); // a tag byte sits below 65535, so 1 + its position fits a char
            }
            pos += Tlv.HEADER_SIZE + len;
        }
        return at;
    }

    /**
     * Makes the elements of a header that {@link #parse(Bytes, List)} has checked: plain TLVs, padding bytes and
     * containers in file order, values as views of {@code header}.
     *
     * @param header the checked header bytes
     * @return the top-level elements, immutable
     */
    static List<TlvElement> elements(Bytes header) {
        TlvReader r = TlvReader.header(header, 0);
        List<List<TlvElement>> stack = new ArrayList<>(4);
        List<TlvElement> top = new ArrayList<>(16);
        stack.add(top);
        try {
            for (TlvReader.Event e; (e = r.next()) != null; ) {
                List<TlvElement> cur = stack.get(stack.size() - 1);
                switch (e) {
                    case PADDING -> cur.add(Padding.INSTANCE);
                    case CONTAINER_START -> stack.add(new ArrayList<>(4));
                    case CONTAINER_END -> {
                        List<TlvElement> children = stack.remove(stack.size() - 1);
                        stack.get(stack.size() - 1).add(new Container(r.tag(), children));
                    }
                    case VALUE -> cur.add(new Tlv(r.tag(), r.value()));
                    default -> throw new AssertionError(e);
                }
            }
        } catch (ItlFormatException e) {
            throw new IllegalStateException("a header that was checked no longer parses", e);
        }
        return List.copyOf(top);
    }
}
