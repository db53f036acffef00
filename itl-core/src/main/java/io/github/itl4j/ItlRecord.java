package io.github.itl4j;

import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvReader;
import io.github.itl4j.tlv.TlvWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ITL/CTL record: its exact bytes (RECORDLENGTH included) and a compact index of its fields. Values are decoded
 * only when asked for; certificates stay bytes. Immutable and thread-safe; equal when the bytes are equal.
 *
 * <p>A record that was read is checked in full while it is read; its field index is made from its bytes when a field
 * is first asked for, once.
 *
 * @since 0.1.0
 */
public final class ItlRecord {
    private final Bytes encoded;
    /**
     * The field index, made from {@link #encoded} when first needed for a record that was read: first, by tag 0 to 12
     * (the known ones and 0), 1 + the position of the tag byte of the first field with that tag, or 0; then, from {@link #KNOWN} on,
     * the position of each field's tag byte after RECORDLENGTH, in file order. Tags and lengths are read from the bytes;
     * every position is below 65535, so 1 + it fits a char.
     */
    private volatile char[] index;

    /** The number of fields after RECORDLENGTH (a record of at most 65535 bytes has at most 21843). */
    private final short count;
    /** {@link #layout()}: {@link #NO_LAYOUT}, or 1 + the ordinal of the layout. */
    private final byte layout;

    private static final byte NO_LAYOUT = 0;
    private static final Layout[] LAYOUTS = Layout.values();

    /** Where the fields in file order start in {@link #index}: after the table of known tags 0 to 12. */
    private static final int KNOWN = RecordTags.HASH_ALGORITHM + 1;

    private ItlRecord(Bytes encoded, char[] index, int count, byte layout) {
        this.encoded = encoded;
        this.index = index;
        this.count = (short) count;
        this.layout = layout;
    }

    /** @return the layout code of a record whose tags follow CUCM's order (or not) and certutils' (or not) */
    private static byte layoutCode(boolean cucm, boolean certutils) {
        return cucm
                ? (byte) (1 + Layout.CUCM.ordinal())
                : certutils ? (byte) (1 + Layout.CERTUTILS.ordinal()) : NO_LAYOUT;
    }

    /**
     * Encodes a record: RECORDLENGTH (computed) followed by {@code fields} in the given order.
     *
     * @param fields the fields, without RECORDLENGTH
     * @return the record
     * @throws IllegalArgumentException if a field is RECORDLENGTH or the record would exceed 65535 bytes
     */
    public static ItlRecord of(List<Tlv> fields) {
        long size = RecordTags.RECORD_LENGTH_SIZE;
        for (Tlv t : fields) {
            if (t.tag() == RecordTags.RECORD_LENGTH) {
                throw new IllegalArgumentException("RECORDLENGTH is computed; do not pass it");
            }
            size += t.encodedSize();
        }
        if (size > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("record would be " + size + " bytes; RECORDLENGTH holds at most 65535");
        }
        TlvWriter w = new TlvWriter((int) size);
        w.u16(RecordTags.RECORD_LENGTH, (int) size);
        int cucmRank = -1; // as in parse
        int certutilsRank = -1;
        for (Tlv t : fields) {
            w.tlv(t.tag(), t.value());
            cucmRank = nextRank(cucmRank, Layout.CUCM.recordRank(t.tag()));
            certutilsRank = nextRank(certutilsRank, Layout.CERTUTILS.recordRank(t.tag()));
        }
        Bytes encoded = w.toBytes();
        return new ItlRecord(
                encoded,
                index(encoded, fields.size()),
                fields.size(),
                layoutCode(cucmRank != Integer.MAX_VALUE, certutilsRank != Integer.MAX_VALUE));
    }

    /**
     * Parses one record whose bytes are exactly {@code encoded} (framed by its RECORDLENGTH).
     *
     * @param encoded the record bytes
     * @param fileOffset the offset of the record in the file, for messages
     * @param recordIndex 0-based index, for messages
     * @param warnings receives oddities that are not errors
     * @return the record
     * @throws ItlFormatException if the record is malformed
     */
    static ItlRecord parse(Bytes encoded, long fileOffset, int recordIndex, List<ItlWarning> warnings)
            throws ItlFormatException {
        return parse(encoded, fileOffset, recordIndex, warnings, null);
    }

    /** @return the value of the field whose tag byte is at {@code position} (a view) */
    private Bytes valueAt(int position) {
        return encoded.slice(position + Tlv.HEADER_SIZE, encoded.getU16(position + 1));
    }

    /**
     * As {@link #parse(Bytes, long, int, List)}, walking the fields with {@code cursor} (reset for this record) when
     * one is given, so a reader of many records allocates one cursor.
     */
    static ItlRecord parse(Bytes encoded, long fileOffset, int recordIndex, List<ItlWarning> warnings, TlvReader cursor)
            throws ItlFormatException {
        int start = RecordTags.RECORD_LENGTH_SIZE;
        if (encoded.size() < start
                || encoded.getUnsigned(0) != RecordTags.RECORD_LENGTH
                || encoded.getU16(1) != 2
                || encoded.getU16(Tlv.HEADER_SIZE) != encoded.size()) {
            throw new ItlFormatException(
                    "Record " + (recordIndex + 1) + " does not start with a RECORDLENGTH "
                            + "(tag 1, length 2) equal to its size " + encoded.size(),
                    fileOffset,
                    RecordTags.RECORD_LENGTH);
        }
        int n = 0;
        int seen = 0; // bit set of known tags 1..12
        int cucmRank = -1; // the rank in each layout of the last known tag, or MAX_VALUE once out of order
        int certutilsRank = -1;
        TlvReader r = cursor == null
                ? TlvReader.record(encoded, start, fileOffset)
                : cursor.resetRecord(encoded, start, fileOffset);
        while (r.next() != null) {
            int tag = r.tag();
            if (tag == RecordTags.RECORD_LENGTH) {
                throw new ItlFormatException(
                        "RECORDLENGTH again inside record " + (recordIndex + 1) + " (a record has exactly one, first)",
                        r.offset(),
                        tag);
            }
            RecordTag known = RecordTag.byCode(tag);
            if (known != null) {
                if ((seen & (1 << tag)) != 0) {
                    throw new ItlFormatException(
                            "Duplicate " + RecordTags.name(tag) + " in record " + (recordIndex + 1), r.offset(), tag);
                }
                seen |= 1 << tag;
                int want = known.fixedLength();
                if (want >= 0 && r.length() != want) {
                    throw new ItlFormatException(
                            String.format(
                                    "%s must be %d bytes, found %d, in record %d",
                                    RecordTags.name(tag), want, r.length(), recordIndex + 1),
                            r.offset(),
                            tag);
                }
                if (tag == RecordTags.FUNCTION) {
                    int code = encoded.getU16(r.position() + Tlv.HEADER_SIZE);
                    if (!Role.of(code).isKnown()) {
                        warnings.add(new ItlWarning(
                                ItlWarning.Code.UNKNOWN_ROLE,
                                "Unknown FUNCTION code " + code + " kept",
                                r.offset(),
                                tag,
                                recordIndex));
                    }
                }
            } else {
                warnings.add(new ItlWarning(
                        ItlWarning.Code.UNKNOWN_RECORD_TAG,
                        "Unknown record tag " + tag + " (" + r.length() + " bytes) kept",
                        r.offset(),
                        tag,
                        recordIndex));
            }
            if (r.length() == 0) {
                warnings.add(new ItlWarning(
                        ItlWarning.Code.ZERO_LENGTH_VALUE,
                        RecordTags.name(tag) + " has length 0",
                        r.offset(),
                        tag,
                        recordIndex));
            }
            cucmRank = nextRank(cucmRank, Layout.CUCM.recordRank(tag));
            certutilsRank = nextRank(certutilsRank, Layout.CERTUTILS.recordRank(tag));
            n++;
        }
        // the field index is made when a field is first asked for (index())
        return new ItlRecord(
                encoded, null, n, layoutCode(cucmRank != Integer.MAX_VALUE, certutilsRank != Integer.MAX_VALUE));
    }

    /**
     * One step of {@link Layout#recordOrderMatches}, for tags in file order.
     *
     * @param last the rank of the last known tag so far (-1 before any), or MAX_VALUE once out of order
     * @param rank the next tag's rank (MAX_VALUE for a tag the layout does not order)
     * @return the new state
     */
    private static int nextRank(int last, int rank) {
        if (rank == Integer.MAX_VALUE || last == Integer.MAX_VALUE) {
            return last;
        }
        return rank <= last ? Integer.MAX_VALUE : rank;
    }

    /** @return the field index, made from the bytes on first use (fields were checked when the record was read) */
    private char[] index() {
        char[] idx = index;
        if (idx == null) {
            // Single check: threads that race here make equal arrays, never written after, and keep any one.
            idx = index(encoded, count);
            index = idx;
        }
        return idx;
    }

    /** @return the {@link #index} of the {@code count} fields of {@code encoded}, checked: a plain walk */
    private static char[] index(Bytes encoded, int count) {
        char[] idx = new char[KNOWN + count];
        byte[] a = encoded.array();
        int base = encoded.offset();
        int pos = RecordTags.RECORD_LENGTH_SIZE;
        for (int i = 0; i < count; i++) {
            int p = base + pos;
            int tag = a[p] & 0xFF;
            if (tag < KNOWN && idx[tag] == 0) {
                idx[tag] = (char) (pos + 1);
            }
            idx[KNOWN + i] = (char) pos;
            pos += Tlv.HEADER_SIZE + ((a[p + 1] & 0xFF) << 8 | a[p + 2] & 0xFF);
        }
        return idx;
    }

    /** @return whether the field index exists (built, or made from the bytes already): for tests of laziness */
    boolean hasIndex() {
        return index != null;
    }

    /** @return the record's exact bytes, RECORDLENGTH included */
    public Bytes encoded() {
        return encoded;
    }

    /** @return RECORDLENGTH: the record's size in bytes */
    public int length() {
        return encoded.size();
    }

    /** @return the number of fields after RECORDLENGTH */
    public int fieldCount() {
        return count;
    }

    /**
     * @param i field index, 0-based, RECORDLENGTH not counted
     * @return the tag of field {@code i}
     */
    public int fieldTag(int i) {
        Objects.checkIndex(i, count);
        return encoded.getUnsigned(index()[KNOWN + i]);
    }

    /**
     * @param i field index, 0-based
     * @return the value of field {@code i} (a view, no copy)
     */
    public Bytes fieldValue(int i) {
        Objects.checkIndex(i, count);
        return valueAt(index()[KNOWN + i]);
    }

    /**
     * @param i field index, 0-based
     * @return offset of field {@code i}'s tag byte from the start of the record
     */
    public int fieldOffset(int i) {
        Objects.checkIndex(i, count);
        return index()[KNOWN + i];
    }

    /** @return the fields after RECORDLENGTH, in file order (unknown tags included) */
    public List<Tlv> fields() {
        char[] idx = index();
        List<Tlv> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int p = idx[KNOWN + i];
            out.add(new Tlv(encoded.getUnsigned(p), valueAt(p)));
        }
        return out;
    }

    /**
     * @return the position of the tag byte of the first field with {@code tag}, or -1: what the accessors below read,
     *     without an {@code Optional} on the way
     */
    private int find(int tag) {
        char[] idx = index();
        if (tag >= 0 && tag < KNOWN) {
            return idx[tag] - 1;
        }
        for (int i = KNOWN; i < idx.length; i++) {
            if (encoded.getUnsigned(idx[i]) == tag) {
                return idx[i];
            }
        }
        return -1;
    }

    /** @return the length of the value of the field whose tag byte is at {@code position} */
    private int lengthAt(int position) {
        return encoded.getU16(position + 1);
    }

    /** @return the value of the first field with {@code tag} as NUL-terminated text, if there is one */
    private Optional<String> text(int tag) {
        int p = find(tag);
        return p < 0 ? Optional.empty() : Optional.of(valueAt(p).toNulTerminatedString());
    }

    /**
     * @param tag a record tag
     * @return the value of the first field with that tag
     */
    public Optional<Bytes> value(int tag) {
        int p = find(tag);
        return p < 0 ? Optional.empty() : Optional.of(valueAt(p));
    }

    /** @return FUNCTION, known or not */
    public Optional<Role> role() {
        int p = find(RecordTags.FUNCTION);
        return p < 0 || lengthAt(p) != 2 ? Optional.empty() : Optional.of(Role.of(encoded.getU16(p + Tlv.HEADER_SIZE)));
    }

    /** @return DNSNAME as text */
    public Optional<String> dnsName() {
        return text(RecordTags.DNS_NAME);
    }

    /** @return SUBJECTNAME as text */
    public Optional<String> subjectName() {
        return text(RecordTags.SUBJECT_NAME);
    }

    /** @return ISSUERNAME as text */
    public Optional<String> issuerName() {
        return text(RecordTags.ISSUER_NAME);
    }

    /** @return SERIALNUMBER as stored */
    public Optional<Bytes> serialNumber() {
        return value(RecordTags.SERIAL_NUMBER);
    }

    /** @return PUBLICKEY as stored (PKCS#1 RSAPublicKey DER, or an EC point) */
    public Optional<Bytes> publicKey() {
        return value(RecordTags.PUBLIC_KEY);
    }

    /** @return the certificate's own SIGNATURE value */
    public Optional<Bytes> signature() {
        return value(RecordTags.SIGNATURE);
    }

    /** @return the DER certificate, undecoded */
    public Optional<Bytes> certificate() {
        return value(RecordTags.CERTIFICATE);
    }

    /** @return CERTHASH (hash records) */
    public Optional<Bytes> certHash() {
        return value(RecordTags.CERT_HASH);
    }

    /** @return HASH ALGORITHM of CERTHASH */
    public Optional<DigestAlgorithm> hashAlgorithm() {
        int p = find(RecordTags.HASH_ALGORITHM);
        return p < 0 || lengthAt(p) != 1
                ? Optional.empty()
                : Optional.of(DigestAlgorithm.of(encoded.getUnsigned(p + Tlv.HEADER_SIZE)));
    }

    /** @return IPADDRESS (no name lookup is made) */
    public Optional<Inet4Address> ipAddress() {
        int p = find(RecordTags.IP_ADDRESS);
        if (p < 0 || lengthAt(p) != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    (Inet4Address) InetAddress.getByAddress(valueAt(p).toByteArray()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 bytes
        }
    }

    /** @return whether the fields follow one of the layouts ({@link #layout()} without allocating) */
    boolean followsALayout() {
        return layout != NO_LAYOUT;
    }

    /**
     * @return the layout whose field order this record follows, if any (CUCM's when both)
     */
    public Optional<Layout> layout() {
        return layout == NO_LAYOUT ? Optional.empty() : Optional.of(LAYOUTS[layout - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItlRecord r && r.encoded.equals(encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public String toString() {
        return "ItlRecord[" + length() + " bytes, " + role().map(Role::name).orElse("no role") + ", "
                + subjectName().orElse("no subject") + "]";
    }
}
