package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.RecordTags;
import io.github.itl4j.SignedFile;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Every byte of a file as {@code itl dump} shows it: the header's TLVs (containers with their children, padding bytes)
 * and the records' TLVs, each with its file offset, or the opaque payload of a signed file. Built by walking the bytes
 * with {@link TlvReader} after the library has accepted the file, so unknown tags and unusual orders show as they are.
 */
final class FileWalk {
    /** What an element is. */
    enum Kind {
        /** a plain TLV */
        VALUE,
        /** one 0x0D byte */
        PADDING,
        /** a container TLV; see {@link Element#children()} */
        CONTAINER
    }

    /**
     * One element as it sits in the file.
     *
     * @param offset file offset of the tag byte
     * @param tag the tag (13 for padding)
     * @param length the length field (0 for padding)
     * @param kind what it is
     * @param value the value of a {@link Kind#VALUE}, else null
     * @param children the children of a {@link Kind#CONTAINER}, else empty
     */
    record Element(long offset, int tag, int length, Kind kind, Bytes value, List<Element> children) {}

    /**
     * One record.
     *
     * @param number 1-based
     * @param offset file offset of its RECORDLENGTH
     * @param length its size in bytes
     * @param fields its TLVs in order, RECORDLENGTH first
     */
    record Record(int number, long offset, int length, List<Element> fields) {}

    final SignedFile file;
    final Bytes data;
    final int headerLength;
    final List<Element> header;
    final List<Record> records;
    final Bytes payload;

    private FileWalk(
            SignedFile file, Bytes data, int headerLength, List<Element> header, List<Record> records, Bytes payload) {
        this.file = file;
        this.data = data;
        this.headerLength = headerLength;
        this.header = header;
        this.records = records;
        this.payload = payload;
    }

    /** @return whether the file is a trust list (records) rather than a signed file (payload) */
    boolean isTrustList() {
        return file instanceof ItlFile;
    }

    /**
     * Parses with the library (so malformed input fails with its message), then walks the bytes.
     *
     * @param data the whole file
     * @return the walk
     * @throws ItlException if the library rejects the file
     */
    static FileWalk of(Bytes data) throws ItlException {
        return of(data, ItlReader.defaults());
    }

    /**
     * As {@link #of(Bytes)}, parsing with {@code reader} (its limits apply).
     *
     * @param data the whole file
     * @param reader the reader
     * @return the walk
     * @throws ItlException if the library rejects the file
     */
    static FileWalk of(Bytes data, ItlReader reader) throws ItlException {
        SignedFile file = reader.read(data);
        int h = file.header().length();
        List<Element> header = walkHeader(TlvReader.header(data.slice(0, h), 0));
        if (!ItlReader.isTrustListName(file.header().fileName().orElse(null))) {
            return new FileWalk(file, data, h, header, List.of(), data.slice(h, data.size() - h));
        }
        List<Record> records = new ArrayList<>();
        int pos = h;
        while (pos < data.size()) {
            int rl = data.getU16(pos + Tlv.HEADER_SIZE); // the library checked the RECORDLENGTH TLV
            TlvReader r = TlvReader.record(data.slice(pos, rl), pos);
            List<Element> fields = new ArrayList<>();
            while (r.next() != null) {
                fields.add(new Element(r.offset(), r.tag(), r.length(), Kind.VALUE, r.value(), List.of()));
            }
            if (fields.isEmpty() || fields.get(0).tag() != RecordTags.RECORD_LENGTH) {
                throw new IllegalStateException("record " + (records.size() + 1) + " lacks RECORDLENGTH");
            }
            records.add(new Record(records.size() + 1, pos, rl, fields));
            pos += rl;
        }
        return new FileWalk(file, data, h, header, records, null);
    }

    private static List<Element> walkHeader(TlvReader r) throws ItlException {
        List<List<Element>> stack = new ArrayList<>();
        List<long[]> open = new ArrayList<>();
        List<Element> top = new ArrayList<>();
        stack.add(top);
        TlvReader.Event e;
        while ((e = r.next()) != null) {
            List<Element> cur = stack.get(stack.size() - 1);
            switch (e) {
                case PADDING -> cur.add(new Element(r.offset(), r.tag(), 0, Kind.PADDING, null, List.of()));
                case VALUE -> cur.add(new Element(r.offset(), r.tag(), r.length(), Kind.VALUE, r.value(), List.of()));
                case CONTAINER_START -> {
                    open.add(new long[] {r.offset(), r.tag(), r.length()});
                    stack.add(new ArrayList<>());
                }
                case CONTAINER_END -> {
                    long[] o = open.remove(open.size() - 1);
                    List<Element> children = stack.remove(stack.size() - 1);
                    stack.get(stack.size() - 1)
                            .add(new Element(
                                    o[0], (int) o[1], (int) o[2], Kind.CONTAINER, null, List.copyOf(children)));
                }
                default -> throw new IllegalStateException(e.toString());
            }
        }
        return List.copyOf(top);
    }
}
