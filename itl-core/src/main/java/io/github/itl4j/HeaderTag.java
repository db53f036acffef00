package io.github.itl4j;

import java.util.Optional;

/**
 * The vocabulary of the file header (docs/format.md §3): one row per known tag with its code, the name Cisco's
 * {@code show itl} prints (misspellings included), the container that must hold it, its value type, fixed length and
 * code set. The reader, the writer, {@code itl dump}, {@code itl show} and the JSON documents all read this table; a
 * new header tag is one new row here (plus, if code needs it as a {@code switch} label, a constant in
 * {@link HeaderTags}).
 *
 * @since 0.1.0
 */
public enum HeaderTag {
    /** VERSION: 2 bytes, major and minor. Always first. */
    VERSION(HeaderTags.VERSION, "VERSION", 0, ValueType.VERSION, CodeSet.NONE),
    /** HEADERLENGTH: uint16, the byte offset of the body. Always second. */
    HEADER_LENGTH(HeaderTags.HEADER_LENGTH, "HEADERLENGTH", 0, ValueType.U16, CodeSet.NONE),
    /** SIGNERID: container of SIGNERNAME, SERIALNUMBER, CANAME. */
    SIGNER_ID(HeaderTags.SIGNER_ID, "SIGNERID", 0, ValueType.CONTAINER, CodeSet.NONE),
    /** SIGNERNAME: NUL-terminated subject of the signing certificate. */
    SIGNER_NAME(HeaderTags.SIGNER_NAME, "SIGNERNAME", HeaderTags.SIGNER_ID, ValueType.STRING, CodeSet.NONE),
    /** SERIALNUMBER: serial of the signing certificate, unsigned big-endian. */
    SERIAL_NUMBER(HeaderTags.SERIAL_NUMBER, "SERIALNUMBER", HeaderTags.SIGNER_ID, ValueType.BINARY, CodeSet.NONE),
    /** CANAME: NUL-terminated issuer of the signing certificate. */
    CA_NAME(HeaderTags.CA_NAME, "CANAME", HeaderTags.SIGNER_ID, ValueType.STRING, CodeSet.NONE),
    /** SIGNATUREINFO: container of DIGESTALGORITHM and SIGNATUREALGOINFO. */
    SIGNATURE_INFO(HeaderTags.SIGNATURE_INFO, "SIGNATUREINFO", 0, ValueType.CONTAINER, CodeSet.NONE),
    /** DIGESTALGORITHM: 1 byte, see {@link DigestAlgorithm}. */
    DIGEST_ALGORITHM(
            HeaderTags.DIGEST_ALGORITHM,
            "DIGESTALGORTITHM",
            HeaderTags.SIGNATURE_INFO,
            ValueType.U8,
            CodeSet.DIGEST_ALGORITHM),
    /** SIGNATUREALGOINFO: container of SIGNATUREALGORITHM and SIGNATUREMODULUS. */
    SIGNATURE_ALGO_INFO(
            HeaderTags.SIGNATURE_ALGO_INFO,
            "SIGNATUREALGOINFO",
            HeaderTags.SIGNATURE_INFO,
            ValueType.CONTAINER,
            CodeSet.NONE),
    /** SIGNATUREALGORITHM: 1 byte, 0 = RSA. */
    SIGNATURE_ALGORITHM(
            HeaderTags.SIGNATURE_ALGORITHM,
            "SIGNATUREALGORTITHM",
            HeaderTags.SIGNATURE_ALGO_INFO,
            ValueType.U8,
            CodeSet.SIGNATURE_ALGORITHM),
    /** SIGNATUREMODULUS: 1 byte, see {@link SignatureModulus}. */
    SIGNATURE_MODULUS(
            HeaderTags.SIGNATURE_MODULUS,
            "SIGNATUREMODULUS",
            HeaderTags.SIGNATURE_ALGO_INFO,
            ValueType.U8,
            CodeSet.SIGNATURE_MODULUS),
    /** SIGNATURE: the RSA signature. */
    SIGNATURE(HeaderTags.SIGNATURE, "SIGNATURE", 0, ValueType.BINARY, CodeSet.NONE),
    /** PADDING: a single 0x0D byte with no length. */
    PADDING(HeaderTags.PADDING, "PADDING", 0, ValueType.PADDING_BYTE, CodeSet.NONE),
    /** FILENAME: NUL-terminated file name. */
    FILE_NAME(HeaderTags.FILE_NAME, "FILENAME", 0, ValueType.STRING, CodeSet.NONE),
    /** TIMESTAMP: uint32 Unix seconds. */
    TIMESTAMP(HeaderTags.TIMESTAMP, "TIMESTAMP", 0, ValueType.U32, CodeSet.UNIX_TIME),
    /** .enc.sgn ENCRYPTION_INFO container. */
    ENCRYPTION_INFO(HeaderTags.ENCRYPTION_INFO, "ENCRYPTIONINFO", 0, ValueType.CONTAINER, CodeSet.NONE),
    /** .enc.sgn IV_INFO container. */
    IV_INFO(HeaderTags.IV_INFO, "IVINFO", HeaderTags.ENCRYPTION_INFO, ValueType.CONTAINER, CodeSet.NONE),
    /** .enc.sgn: 1 byte of unknown meaning in IV_INFO. */
    IV_UNKNOWN(HeaderTags.IV_UNKNOWN, "IVUNKNOWN", HeaderTags.IV_INFO, ValueType.U8, CodeSet.NONE),
    /** .enc.sgn: the initialisation vector. */
    IV(HeaderTags.IV, "IV", HeaderTags.IV_INFO, ValueType.BINARY, CodeSet.NONE),
    /** .enc.sgn: padding count, uint16. */
    PAD_COUNT(HeaderTags.PAD_COUNT, "PADCOUNT", HeaderTags.IV_INFO, ValueType.U16, CodeSet.NONE),
    /** .enc.sgn KEY_INFO container. */
    KEY_INFO(HeaderTags.KEY_INFO, "KEYINFO", HeaderTags.ENCRYPTION_INFO, ValueType.CONTAINER, CodeSet.NONE),
    /** .enc.sgn: 1 byte of unknown meaning in KEY_INFO. */
    KEY_UNKNOWN(HeaderTags.KEY_UNKNOWN, "KEYUNKNOWN", HeaderTags.KEY_INFO, ValueType.U8, CodeSet.NONE),
    /** .enc.sgn: key size in bits, uint16. */
    KEY_SIZE(HeaderTags.KEY_SIZE, "KEYSIZE", HeaderTags.KEY_INFO, ValueType.U16, CodeSet.BITS),
    /** .enc.sgn: key algorithm, 1 byte. */
    KEY_ALGORITHM(HeaderTags.KEY_ALGORITHM, "KEYALGORITHM", HeaderTags.KEY_INFO, ValueType.U8, CodeSet.NONE),
    /** .enc.sgn: the encrypted content key. */
    ENCRYPTED_KEY(HeaderTags.ENCRYPTED_KEY, "ENCRYPTEDKEY", HeaderTags.KEY_INFO, ValueType.BINARY, CodeSet.NONE),
    /** .enc.sgn: digest algorithm of the plain text, 1 byte. */
    PLAIN_DIGEST_ALGORITHM(
            HeaderTags.PLAIN_DIGEST_ALGORITHM, "PLAINDIGESTALGORITHM", 0, ValueType.U8, CodeSet.DIGEST_ALGORITHM),
    /** .enc.sgn: digest of the plain text. */
    PLAIN_DIGEST(HeaderTags.PLAIN_DIGEST, "PLAINDIGEST", 0, ValueType.BINARY, CodeSet.NONE),
    /** SIGNERVERSION (0x1C): 2 bytes, written by certutils after HEADERLENGTH. */
    SIGNER_VERSION(HeaderTags.SIGNER_VERSION, "SIGNERVERSION", 0, ValueType.VERSION, CodeSet.NONE);

    private static final HeaderTag[] BY_CODE = new HeaderTag[256];

    static {
        for (HeaderTag t : values()) {
            if (BY_CODE[t.code] != null) {
                throw new ExceptionInInitializerError("duplicate header tag code " + t.code);
            }
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String showName;
    private final int parentCode;
    private final ValueType type;
    private final CodeSet codeSet;

    HeaderTag(int code, String showName, int parentCode, ValueType type, CodeSet codeSet) {
        this.code = code;
        this.showName = showName;
        this.parentCode = parentCode;
        this.type = type;
        this.codeSet = codeSet;
    }

    /**
     * @param code a tag number
     * @return the known header tag with that number, or null
     */
    public static HeaderTag byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * @param code a tag number
     * @return the known header tag with that number
     */
    public static Optional<HeaderTag> of(int code) {
        return Optional.ofNullable(byCode(code));
    }

    /**
     * The name {@code show itl} prints for a tag number, or {@code UNKNOWN(n)}.
     *
     * @param code a tag number
     * @return its name
     */
    public static String nameOf(int code) {
        HeaderTag t = byCode(code);
        return t != null ? t.showName : "UNKNOWN(" + code + ")";
    }

    /** @return the wire code */
    public int code() {
        return code;
    }

    /** @return the name {@code show itl} prints */
    public String showName() {
        return showName;
    }

    /** @return the container that must hold this tag, or empty for the top level of the header */
    public Optional<HeaderTag> parent() {
        return parentCode == 0 ? Optional.empty() : Optional.of(BY_CODE[parentCode]);
    }

    /** @return the tag number of the container that must hold this tag, 0 for the top level */
    public int parentCode() {
        return parentCode;
    }

    /** @return the value type */
    public ValueType type() {
        return type;
    }

    /** @return the fixed value length in bytes, or -1 when it varies */
    public int fixedLength() {
        return type.size();
    }

    /** @return whether the value is a container of child TLVs */
    public boolean isContainer() {
        return type == ValueType.CONTAINER;
    }

    /** @return what an integer value of this tag means */
    public CodeSet codeSet() {
        return codeSet;
    }
}
