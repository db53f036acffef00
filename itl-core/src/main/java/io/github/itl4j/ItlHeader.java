package io.github.itl4j;

import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The header of an ITL/CTL or signed file: every element in file order (unknown tags and padding included), with typed
 * accessors for the known fields. Immutable and thread-safe.
 *
 * <p>The first element is always VERSION and the second HEADERLENGTH. HEADERLENGTH and container lengths are derived
 * from the elements, so they can never disagree with them. Accessors return what the file holds; they never fail on
 * a missing field (they return empty), because a verifier must be able to say what is missing.
 *
 * <p>A header that was read is checked in full while it is read, but keeps only its bytes and the few positions that
 * reading, signing and verifying need ({@link #length()}, {@link #version()}, {@link #signatureOffset()},
 * {@link #fileName()}, {@link #layout()}, {@link #encode()}); its elements are built from those bytes when first
 * asked for (by {@link #elements()}, {@link #find(int)} or the other field accessors), once, and are then equal to
 * the elements of the same header built by {@link #of(List)}.
 *
 * @since 0.1.0
 */
public final class ItlHeader {
    /** Known header tags in CUCM's and in certutils' order, for {@link #layout()}. */
    private static final int[] CUCM_ORDER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15};

    private static final int[] CERTUTILS_ORDER = {1, 2, 3, 4, 6, 5, 7, 8, 9, 10, 11, 12, 14, 15};

    /** State bits of {@link #layoutStep(int, int)}; the low byte counts the tags seen. */
    private static final int NOT_CUCM = 1 << 8;

    private static final int NOT_CERTUTILS = 1 << 9;
    private static final int NOT_ENC_SGN = 1 << 10;
    /** {@link #layout()} looks at this many known tags at most (extra ones must be seen to be judged). */
    private static final int LAYOUT_TAGS = 32;

    /** The state {@link #layoutStep(int, int)} starts from: no tag seen. */
    static final int LAYOUT_START = 0;

    /** The exact bytes of a header that was read (a view of the file), or null for a header built from elements. */
    private final Bytes source;
    /** The elements: given for a built header, made from {@link #source} when first asked for a read one. */
    private volatile List<TlvElement> elements;
    /**
     * For a header that was read: by tag below {@link HeaderParser#TABLE_TAGS}, 1 + the position of the tag byte of
     * the first plain TLV with that tag in file order (depth-first, as {@link #find(int)} searches), or 0 for none.
     * Made from {@link #source} when a field is first asked for, so that the field accessors need no elements.
     */
    private volatile char[] positions;

    private final int length;
    /**
     * The top-level SIGNATURE TLV: the offset of its tag byte and its value length packed as 16 + 16 bits (negative
     * from offset 32768 on), or -1 without one (never an offset and length, which add up to at most 65532).
     */
    private final int signatureAt;
    /**
     * A read header's FILENAME value as position << 16 | length in {@link #source} (negative from position 32768 on),
     * or -1 (none, or built; never a position and length, which add up to at most 65535).
     */
    private final int fileNameAt;

    private final Layout layout;

    private ItlHeader(List<TlvElement> elements, int length, int signatureOffset, int signatureLength) {
        this.source = null;
        this.elements = elements;
        this.length = length;
        this.signatureAt = packSignature(signatureOffset, signatureLength);
        this.fileNameAt = -1;
        this.layout = layoutOf(collectKnown(elements, LAYOUT_START));
    }

    private ItlHeader(Bytes source, int signatureOffset, int signatureLength, int fileNameAt, Layout layout) {
        this.source = source;
        this.length = source.size();
        this.signatureAt = packSignature(signatureOffset, signatureLength);
        this.fileNameAt = fileNameAt;
        this.layout = layout;
    }

    private static int packSignature(int offset, int length) {
        return offset < 0 ? -1 : offset << 16 | length;
    }

    /**
     * A header that was read and checked by {@link HeaderParser}: its elements are made from {@code source} when
     * first asked for.
     *
     * @param source exactly the header's bytes, starting at file offset 0, already checked in full
     * @param signatureOffset offset of the top-level SIGNATURE TLV, or -1
     * @param signatureLength its value length, or -1
     * @param fileNameAt FILENAME's value as position << 16 | length, or -1
     * @param layoutState {@link #layoutStep(int, int)} over the header's tags in file order
     */
    static ItlHeader read(Bytes source, int signatureOffset, int signatureLength, int fileNameAt, int layoutState) {
        return new ItlHeader(source, signatureOffset, signatureLength, fileNameAt, layoutOf(layoutState));
    }

    /** @return whether the elements exist (built, or made from the bytes already): for tests of laziness */
    boolean hasElements() {
        return elements != null;
    }

    /** @return whether the table of field positions exists: for tests of laziness */
    boolean hasPositions() {
        return positions != null;
    }

    /**
     * Makes a header from its elements. The value of the HEADERLENGTH element is replaced by the real encoded size.
     *
     * @param elements top-level elements in file order: VERSION (2 bytes) first, HEADERLENGTH second
     * @return the header
     * @throws IllegalArgumentException if VERSION or HEADERLENGTH are missing or misplaced, a SIGNATURE is not at
     *     the top level or appears twice, or the header would exceed 65535 bytes
     */
    public static ItlHeader of(List<? extends TlvElement> elements) {
        List<TlvElement> els = new ArrayList<>(elements);
        if (els.size() < 2
                || !(els.get(0) instanceof Tlv v)
                || v.tag() != HeaderTags.VERSION
                || v.length() != 2
                || !(els.get(1) instanceof Tlv h)
                || h.tag() != HeaderTags.HEADER_LENGTH
                || h.length() != 2) {
            throw new IllegalArgumentException("a header starts with VERSION (2 bytes) then HEADERLENGTH (2 bytes)");
        }
        long size = 0;
        int sigOff = -1;
        int sigLen = -1;
        for (TlvElement e : els) {
            if (e.tag() == HeaderTags.SIGNATURE && e instanceof Tlv t) {
                if (sigOff >= 0) {
                    throw new IllegalArgumentException("more than one SIGNATURE");
                }
                sigOff = (int) size;
                sigLen = t.length();
            } else if (e instanceof Container c && containsSignature(c)) {
                throw new IllegalArgumentException("SIGNATURE inside container " + c.tag());
            }
            size += e.encodedSize();
        }
        if (size > Tlv.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("header would be " + size + " bytes; HEADERLENGTH holds at most 65535");
        }
        els.set(1, new Tlv(HeaderTags.HEADER_LENGTH, u16((int) size)));
        return new ItlHeader(List.copyOf(els), (int) size, sigOff, sigLen);
    }

    private static boolean containsSignature(Container c) {
        for (TlvElement e : c.children()) {
            if (e.tag() == HeaderTags.SIGNATURE && e instanceof Tlv
                    || e instanceof Container cc && containsSignature(cc)) {
                return true;
            }
        }
        return false;
    }

    static Bytes u16(int v) {
        return Bytes.wrapOwned(new byte[] {(byte) (v >>> 8), (byte) v});
    }

    static Bytes u32(long v) {
        return Bytes.wrapOwned(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** @return a builder for a new header in CUCM's layout by default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The top-level elements. For a header that was read, they are made from its bytes on the first call.
     *
     * @return the top-level elements in file order
     */
    public List<TlvElement> elements() {
        List<TlvElement> els = elements;
        if (els == null) {
            // Single check: threads that race here make equal, immutable lists and keep any one of them.
            els = HeaderParser.elements(source);
            elements = els;
        }
        return els;
    }

    /** @return HEADERLENGTH: the encoded size of the header, which is the offset of the body */
    public int length() {
        return length;
    }

    /** @return the header VERSION */
    public Version version() {
        if (source != null) { // VERSION is the first TLV, 2 bytes
            return new Version(source.getUnsigned(Tlv.HEADER_SIZE), source.getUnsigned(Tlv.HEADER_SIZE + 1));
        }
        Bytes v = ((Tlv) elements.get(0)).value();
        return new Version(v.getUnsigned(0), v.getUnsigned(1));
    }

    /**
     * Finds the first plain TLV with {@code tag}, searching containers depth-first. Known tags occur at most once in a
     * parsed header.
     *
     * @param tag a header tag
     * @return the element, if present
     */
    public Optional<Tlv> find(int tag) {
        if (source != null && tag >= 0 && tag < HeaderParser.TABLE_TAGS) {
            int p = position(tag);
            return p < 0 ? Optional.empty() : Optional.of(new Tlv(tag, valueAt(p)));
        }
        return Optional.ofNullable(find(elements(), tag));
    }

    /**
     * @return for a header that was read, the position of the tag byte of the first plain TLV with {@code tag} (below
     *     {@link HeaderParser#TABLE_TAGS}), or -1
     */
    private int position(int tag) {
        char[] p = positions;
        if (p == null) {
            // Single check: threads that race here make equal arrays, never written after, and keep any one.
            p = HeaderParser.positions(source);
            positions = p;
        }
        return p[tag] - 1;
    }

    /** @return the value of the TLV whose tag byte is at {@code position} of {@link #source} (a view) */
    private Bytes valueAt(int position) {
        return source.slice(position + Tlv.HEADER_SIZE, source.getU16(position + 1));
    }

    /** @return the value of the first plain TLV with {@code tag}, or null */
    private Bytes valueOrNull(int tag) {
        if (source != null && tag < HeaderParser.TABLE_TAGS) {
            int p = position(tag);
            return p < 0 ? null : valueAt(p);
        }
        Tlv t = find(elements(), tag);
        return t == null ? null : t.value();
    }

    private static Tlv find(List<TlvElement> els, int tag) {
        for (TlvElement e : els) {
            if (e instanceof Tlv t && t.tag() == tag) {
                return t;
            }
            if (e instanceof Container c) {
                Tlv t = find(c.children(), tag);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private Optional<Bytes> value(int tag) {
        return Optional.ofNullable(valueOrNull(tag));
    }

    private OptionalInt u8(int tag) {
        Bytes v = valueOrNull(tag);
        return v == null || v.size() != 1 ? OptionalInt.empty() : OptionalInt.of(v.getUnsigned(0));
    }

    private Optional<String> text(int tag) {
        Bytes v = valueOrNull(tag);
        return v == null ? Optional.empty() : Optional.of(v.toNulTerminatedString());
    }

    /** @return SIGNERVERSION (tag 28), written by certutils */
    public Optional<Version> signerVersion() {
        Bytes v = valueOrNull(HeaderTags.SIGNER_VERSION);
        return v == null || v.size() != 2
                ? Optional.empty()
                : Optional.of(new Version(v.getUnsigned(0), v.getUnsigned(1)));
    }

    /** @return SIGNERNAME as text (trailing NUL removed) */
    public Optional<String> signerName() {
        return text(HeaderTags.SIGNER_NAME);
    }

    /** @return the SERIALNUMBER of the signer certificate, as stored */
    public Optional<Bytes> serialNumber() {
        return value(HeaderTags.SERIAL_NUMBER);
    }

    /** @return CANAME (the signer certificate's issuer) as text */
    public Optional<String> caName() {
        return text(HeaderTags.CA_NAME);
    }

    /** @return DIGESTALGORITHM, known or not */
    public Optional<DigestAlgorithm> digestAlgorithm() {
        OptionalInt v = u8(HeaderTags.DIGEST_ALGORITHM);
        return v.isPresent() ? Optional.of(DigestAlgorithm.of(v.getAsInt())) : Optional.empty();
    }

    /** @return SIGNATUREALGORITHM (0 = RSA) */
    public OptionalInt signatureAlgorithm() {
        return u8(HeaderTags.SIGNATURE_ALGORITHM);
    }

    /** @return SIGNATUREMODULUS */
    public Optional<SignatureModulus> signatureModulus() {
        OptionalInt v = u8(HeaderTags.SIGNATURE_MODULUS);
        return v.isPresent() ? Optional.of(SignatureModulus.of(v.getAsInt())) : Optional.empty();
    }

    /** @return the SIGNATURE value */
    public Optional<Bytes> signature() {
        return value(HeaderTags.SIGNATURE);
    }

    /** @return offset of the SIGNATURE TLV's tag byte from the start of the file, or -1 if there is none */
    public int signatureOffset() {
        return signatureAt == -1 ? -1 : signatureAt >>> 16;
    }

    /** @return the SIGNATURE TLV's value length, or -1 if there is none */
    public int signatureLength() {
        return signatureAt == -1 ? -1 : signatureAt & 0xFFFF;
    }

    /** @return FILENAME as text */
    public Optional<String> fileName() {
        if (source != null) { // every reader asks, to tell a trust list from a signed file: no elements for it
            return fileNameAt == -1
                    ? Optional.empty()
                    : Optional.of(
                            source.slice(fileNameAt >>> 16, fileNameAt & 0xFFFF).toNulTerminatedString());
        }
        return text(HeaderTags.FILE_NAME);
    }

    /** @return TIMESTAMP as Unix seconds */
    public Optional<Long> timestampSeconds() {
        Bytes v = valueOrNull(HeaderTags.TIMESTAMP);
        return v == null || v.size() != 4 ? Optional.empty() : Optional.of(v.getU32(0));
    }

    /** @return TIMESTAMP as an instant */
    public Optional<Instant> timestamp() {
        Bytes v = valueOrNull(HeaderTags.TIMESTAMP);
        return v == null || v.size() != 4 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(v.getU32(0)));
    }

    /** @return the number of PADDING bytes */
    public int paddingCount() {
        int n = 0;
        for (TlvElement e : elements()) {
            if (e instanceof Padding) {
                n++;
            }
        }
        return n;
    }

    /**
     * The layout whose tag order this header follows, if any. SIGNERVERSION, padding and unknown tags are ignored,
     * and the .enc.sgn fields (tags 16 to 27) may follow.
     *
     * @return CUCM, CERTUTILS, or empty
     */
    public Optional<Layout> layout() {
        return Optional.ofNullable(layout);
    }

    /**
     * One step of the layout check, for the tags of a header in file order (containers before their children):
     * SIGNERVERSION and unknown tags are passed over here, PADDING bytes must not be passed in.
     *
     * @param state {@link #LAYOUT_START}, or what the previous step returned
     * @param tag the next tag
     * @return the new state, for the next step or {@link #layoutOf(int)}
     */
    static int layoutStep(int state, int tag) {
        int n = state & 0xFF;
        if (tag == HeaderTags.SIGNER_VERSION || !HeaderTags.isKnown(tag) || n == LAYOUT_TAGS) {
            return state;
        }
        if (n < CUCM_ORDER.length) {
            state |= (tag != CUCM_ORDER[n] ? NOT_CUCM : 0) | (tag != CERTUTILS_ORDER[n] ? NOT_CERTUTILS : 0);
        } else if (tag < HeaderTags.ENCRYPTION_INFO || tag >= HeaderTags.SIGNER_VERSION) {
            // .enc.sgn fields (tags 16..27) follow TIMESTAMP (docs/format.md §6.4) and do not change the layout
            state |= NOT_ENC_SGN;
        }
        return state + 1;
    }

    /** @return the layout the tags given to {@link #layoutStep(int, int)} follow, or null */
    static Layout layoutOf(int state) {
        if ((state & 0xFF) < CUCM_ORDER.length || (state & NOT_ENC_SGN) != 0) {
            return null;
        }
        if ((state & NOT_CUCM) == 0) {
            return Layout.CUCM;
        }
        return (state & NOT_CERTUTILS) == 0 ? Layout.CERTUTILS : null;
    }

    private static int collectKnown(List<TlvElement> els, int state) {
        for (TlvElement e : els) {
            int t = e.tag();
            if (e instanceof Padding || t == HeaderTags.SIGNER_VERSION || !HeaderTags.isKnown(t)) {
                continue;
            }
            state = layoutStep(state, t);
            if (e instanceof Container c) {
                state = collectKnown(c.children(), state);
            }
        }
        return state;
    }

    /**
     * Encodes the header.
     *
     * @return exactly {@link #length()} bytes
     */
    public Bytes encode() {
        return source != null
                ? source
                : new TlvWriter(length).elements(elements).toBytes();
    }

    /** Writes the header: a header that was read as its bytes, a built one from its elements. */
    void writeTo(TlvWriter w) {
        if (source != null) {
            w.raw(source);
        } else {
            w.elements(elements);
        }
    }

    /**
     * A copy whose SIGNATURE value is {@code signature}. Nothing moves: the new signature must have the length of
     * the old one.
     *
     * @param signature the new signature value
     * @return the new header
     * @throws IllegalArgumentException if there is no SIGNATURE or the length differs
     */
    public ItlHeader withSignature(Bytes signature) {
        if (signatureAt == -1) {
            throw new IllegalArgumentException("the header has no SIGNATURE to fill in");
        }
        if (signature.size() != signatureLength()) {
            throw new IllegalArgumentException(
                    "signature is " + signature.size() + " bytes; the header reserves " + signatureLength());
        }
        List<TlvElement> els = new ArrayList<>(elements());
        for (int i = 0; i < els.size(); i++) {
            if (els.get(i) instanceof Tlv t && t.tag() == HeaderTags.SIGNATURE) {
                els.set(i, new Tlv(HeaderTags.SIGNATURE, signature));
            }
        }
        return new ItlHeader(List.copyOf(els), length, signatureOffset(), signatureLength());
    }

    /**
     * A copy prepared for a new signer, as CUCM's {@code utils itl reset} does: SIGNERNAME, SERIALNUMBER, CANAME,
     * SIGNATUREMODULUS and the SIGNATURE size change (the signature is zero-filled, to be signed), DIGESTALGORITHM
     * and TIMESTAMP change when given, trailing padding is recomputed to a multiple of 4, and HEADERLENGTH follows.
     * Every other element (unknown tags included) is kept in place.
     *
     * @param signer the new signer's fields
     * @return the new header
     * @throws ItlFormatException if this header lacks one of the fields to replace
     */
    public ItlHeader withSigner(Signer signer) throws ItlFormatException {
        for (int tag : new int[] {
            HeaderTags.SIGNER_NAME,
            HeaderTags.SERIAL_NUMBER,
            HeaderTags.CA_NAME,
            HeaderTags.SIGNATURE_MODULUS,
            HeaderTags.SIGNATURE
        }) {
            if (find(elements(), tag) == null) {
                throw new ItlFormatException(
                        "The header has no " + HeaderTags.name(tag) + " to replace", ItlException.NO_OFFSET, tag);
            }
        }
        if (signer.digest != null && find(elements(), HeaderTags.DIGEST_ALGORITHM) == null) {
            throw new ItlFormatException(
                    "The header has no DIGESTALGORITHM to replace",
                    ItlException.NO_OFFSET,
                    HeaderTags.DIGEST_ALGORITHM);
        }
        List<TlvElement> els = replace(elements(), signer);
        while (els.get(els.size() - 1) instanceof Padding) {
            els.remove(els.size() - 1);
        }
        return padded(els);
    }

    private static ItlHeader padded(List<TlvElement> els) {
        int size = 0;
        for (TlvElement e : els) {
            size += e.encodedSize();
        }
        for (int i = size; i % 4 != 0; i++) {
            els.add(Padding.INSTANCE);
        }
        return of(els);
    }

    private static List<TlvElement> replace(List<TlvElement> els, Signer s) {
        List<TlvElement> out = new ArrayList<>(els.size());
        for (TlvElement e : els) {
            if (e instanceof Container c) {
                out.add(new Container(c.tag(), replace(c.children(), s)));
            } else if (e instanceof Tlv t) {
                Bytes v =
                        switch (t.tag()) {
                            case HeaderTags.SIGNER_NAME -> s.name;
                            case HeaderTags.SERIAL_NUMBER -> s.serial;
                            case HeaderTags.CA_NAME -> s.caName;
                            case HeaderTags.SIGNATURE_MODULUS -> Bytes.wrapOwned(new byte[] {
                                (byte) SignatureModulus.forSignatureLength(s.signatureLength)
                                        .code()
                            });
                            case HeaderTags.SIGNATURE -> Bytes.wrapOwned(new byte[s.signatureLength]);
                            case HeaderTags.DIGEST_ALGORITHM -> s.digest == null
                                    ? t.value()
                                    : Bytes.wrapOwned(new byte[] {(byte) s.digest.code()});
                            case HeaderTags.TIMESTAMP -> s.timestamp == null ? t.value() : u32(s.timestamp);
                            default -> t.value();
                        };
                out.add(v == t.value() ? t : new Tlv(t.tag(), v));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The signer fields of a header, as raw values (names NUL-terminated, serial unsigned big-endian), for
     * {@link ItlHeader#withSigner(Signer)} and {@link Builder#signer(Signer)}.
     *
     * @param name SIGNERNAME value
     * @param serial SERIALNUMBER value
     * @param caName CANAME value
     * @param signatureLength signature size in bytes (64, 128, 256 or 512)
     * @param digest DIGESTALGORITHM, or null to keep the current one (reset only)
     * @param timestamp TIMESTAMP in Unix seconds, or null to keep the current one (reset only)
     */
    public record Signer(
            Bytes name, Bytes serial, Bytes caName, int signatureLength, DigestAlgorithm digest, Long timestamp) {
        /** Validates the arguments. */
        public Signer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(caName, "caName");
            SignatureModulus.forSignatureLength(signatureLength);
            if (timestamp != null && (timestamp < 0 || timestamp > 0xFFFFFFFFL)) {
                throw new IllegalArgumentException("timestamp must fit in 32 unsigned bits: " + timestamp);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ItlHeader h)) {
            return false;
        }
        if (source != null && h.source != null) {
            return source.equals(h.source); // read headers: equal bytes are equal elements (the bytes encode them)
        }
        return h.elements().equals(elements());
    }

    @Override
    public int hashCode() {
        return elements().hashCode();
    }

    @Override
    public String toString() {
        return "ItlHeader[length=" + length + ", signer=" + signerName().orElse("?") + "]";
    }

    /**
     * Builds a new header, with the SIGNATURE reserved (zero-filled) at its final size so that a signer fills it in
     * without moving anything, and padding to a multiple of 4. Mutable, not thread-safe.
     */
    public static final class Builder {
        private Version version = Version.V1_2;
        private Version signerVersion;
        private Signer signer;
        private int signatureAlgorithm = 0;
        private String fileName;
        private Layout layout = Layout.CUCM;
        private final List<TlvElement> extra = new ArrayList<>();

        private Builder() {}

        /**
         * @param v header VERSION; 1.2 by default (trust lists), 1.0 for .sgn in certutils' usage
         * @return this builder
         */
        public Builder version(Version v) {
            version = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @param v SIGNERVERSION (tag 28), or null to omit it (the default)
         * @return this builder
         */
        public Builder signerVersion(Version v) {
            signerVersion = v;
            return this;
        }

        /**
         * @param s the signer fields; digest and timestamp are required here
         * @return this builder
         */
        public Builder signer(Signer s) {
            if (s.digest() == null || s.timestamp() == null) {
                throw new IllegalArgumentException("a new header needs a digest and a timestamp");
            }
            signer = s;
            return this;
        }

        /**
         * @param code SIGNATUREALGORITHM, 0 (RSA) by default
         * @return this builder
         */
        public Builder signatureAlgorithm(int code) {
            signatureAlgorithm = code;
            return this;
        }

        /**
         * @param name FILENAME, e.g. {@code ITLFile.tlv}
         * @return this builder
         */
        public Builder fileName(String name) {
            fileName = Objects.requireNonNull(name);
            return this;
        }

        /**
         * @param l field order, {@link Layout#CUCM} by default
         * @return this builder
         */
        public Builder layout(Layout l) {
            layout = Objects.requireNonNull(l);
            return this;
        }

        /**
         * Adds an element after TIMESTAMP (before the padding), e.g. .enc.sgn fields.
         *
         * @param e the element
         * @return this builder
         */
        public Builder addElement(TlvElement e) {
            extra.add(Objects.requireNonNull(e));
            return this;
        }

        /**
         * @return the header, SIGNATURE zero-filled
         * @throws IllegalStateException if the signer or file name is missing
         */
        public ItlHeader build() {
            if (signer == null || fileName == null) {
                throw new IllegalStateException("signer and fileName are required");
            }
            List<TlvElement> els = new ArrayList<>();
            els.add(new Tlv(HeaderTags.VERSION, version.toBytes()));
            els.add(new Tlv(HeaderTags.HEADER_LENGTH, u16(0)));
            if (signerVersion != null) {
                els.add(new Tlv(HeaderTags.SIGNER_VERSION, signerVersion.toBytes()));
            }
            List<TlvElement> id = new ArrayList<>();
            for (int tag : layout.signerIdOrder()) {
                switch (tag) {
                    case HeaderTags.SIGNER_NAME -> id.add(new Tlv(tag, signer.name()));
                    case HeaderTags.SERIAL_NUMBER -> id.add(new Tlv(tag, signer.serial()));
                    case HeaderTags.CA_NAME -> id.add(new Tlv(tag, signer.caName()));
                    default -> {}
                }
            }
            els.add(new Container(HeaderTags.SIGNER_ID, id));
            els.add(new Container(
                    HeaderTags.SIGNATURE_INFO,
                    List.of(
                            new Tlv(HeaderTags.DIGEST_ALGORITHM, Bytes.wrapOwned(new byte[] {
                                (byte) signer.digest().code()
                            })),
                            new Container(
                                    HeaderTags.SIGNATURE_ALGO_INFO,
                                    List.of(
                                            new Tlv(
                                                    HeaderTags.SIGNATURE_ALGORITHM,
                                                    Bytes.wrapOwned(new byte[] {(byte) signatureAlgorithm})),
                                            new Tlv(HeaderTags.SIGNATURE_MODULUS, Bytes.wrapOwned(new byte[] {
                                                (byte) SignatureModulus.forSignatureLength(signer.signatureLength())
                                                        .code()
                                            })))))));
            els.add(new Tlv(HeaderTags.SIGNATURE, Bytes.wrapOwned(new byte[signer.signatureLength()])));
            els.add(new Tlv(HeaderTags.FILE_NAME, TlvWriter.nulTerminated(fileName)));
            els.add(new Tlv(HeaderTags.TIMESTAMP, u32(signer.timestamp())));
            els.addAll(extra);
            return padded(els);
        }
    }
}
