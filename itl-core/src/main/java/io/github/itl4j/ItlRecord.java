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
     * Two ints per field after RECORDLENGTH: the tag, then value position and length packed as 16 + 16 bits. Made
     * from {@link #encoded} when first needed, for a record that was read.
     */
    private volatile int[] index;

    /** The number of fields after RECORDLENGTH (a record of at most 65535 bytes has at most 21843). */
    private final short count;
    /** {@link #layout()}: {@link #NO_LAYOUT}, or 1 + the ordinal of the layout. */
    private final byte layout;

    private static final int STRIDE = 2;
    private static final byte NO_LAYOUT = 0;
    private static final Layout[] LAYOUTS = Layout.values();

    private ItlRecord(Bytes encoded, int[] index, int count, byte layout) {
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
        int[] idx = new int[fields.size() * STRIDE];
        int n = 0;
        for (Tlv t : fields) {
            idx[n * STRIDE] = t.tag();
            idx[n * STRIDE + 1] = pack(w.size() + Tlv.HEADER_SIZE, t.length());
            n++;
            w.tlv(t.tag(), t.value());
        }
        boolean cucm = Layout.CUCM.recordOrderMatches(idx, n, STRIDE);
        return new ItlRecord(
                w.toBytes(), idx, n, layoutCode(cucm, cucm || Layout.CERTUTILS.recordOrderMatches(idx, n, STRIDE)));
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

    /** Position and length of a value, both below 65536 in a record. */
    private static int pack(int position, int length) {
        return position << 16 | length;
    }

    private Bytes slice(int packed) {
        return encoded.slice(packed >>> 16, packed & 0xFFFF);
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
    private int[] index() {
        int[] idx = index;
        if (idx == null) {
            // Single check: threads that race here make equal arrays, never written after, and keep any one.
            idx = new int[count * STRIDE];
            int pos = RecordTags.RECORD_LENGTH_SIZE;
            for (int i = 0; i < count; i++) {
                int len = encoded.getU16(pos + 1);
                idx[i * STRIDE] = encoded.getUnsigned(pos);
                idx[i * STRIDE + 1] = pack(pos + Tlv.HEADER_SIZE, len);
                pos += Tlv.HEADER_SIZE + len;
            }
            index = idx;
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
        return index()[i * STRIDE];
    }

    /**
     * @param i field index, 0-based
     * @return the value of field {@code i} (a view, no copy)
     */
    public Bytes fieldValue(int i) {
        Objects.checkIndex(i, count);
        return slice(index()[i * STRIDE + 1]);
    }

    /**
     * @param i field index, 0-based
     * @return offset of field {@code i}'s tag byte from the start of the record
     */
    public int fieldOffset(int i) {
        Objects.checkIndex(i, count);
        return (index()[i * STRIDE + 1] >>> 16) - Tlv.HEADER_SIZE;
    }

    /** @return the fields after RECORDLENGTH, in file order (unknown tags included) */
    public List<Tlv> fields() {
        int[] idx = index();
        List<Tlv> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Tlv(idx[i * STRIDE], slice(idx[i * STRIDE + 1])));
        }
        return out;
    }

    /**
     * @param tag a record tag
     * @return the value of the first field with that tag
     */
    public Optional<Bytes> value(int tag) {
        int[] idx = index();
        for (int i = 0; i < count; i++) {
            if (idx[i * STRIDE] == tag) {
                return Optional.of(slice(idx[i * STRIDE + 1]));
            }
        }
        return Optional.empty();
    }

    /** @return FUNCTION, known or not */
    public Optional<Role> role() {
        return value(RecordTags.FUNCTION).filter(b -> b.size() == 2).map(b -> Role.of(b.getU16(0)));
    }

    /** @return DNSNAME as text */
    public Optional<String> dnsName() {
        return value(RecordTags.DNS_NAME).map(Bytes::toNulTerminatedString);
    }

    /** @return SUBJECTNAME as text */
    public Optional<String> subjectName() {
        return value(RecordTags.SUBJECT_NAME).map(Bytes::toNulTerminatedString);
    }

    /** @return ISSUERNAME as text */
    public Optional<String> issuerName() {
        return value(RecordTags.ISSUER_NAME).map(Bytes::toNulTerminatedString);
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
        return value(RecordTags.HASH_ALGORITHM)
                .filter(b -> b.size() == 1)
                .map(b -> DigestAlgorithm.of(b.getUnsigned(0)));
    }

    /** @return IPADDRESS (no name lookup is made) */
    public Optional<Inet4Address> ipAddress() {
        return value(RecordTags.IP_ADDRESS).filter(b -> b.size() == 4).map(b -> {
            try {
                return (Inet4Address) InetAddress.getByAddress(b.toByteArray());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen for 4 bytes
            }
        });
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
