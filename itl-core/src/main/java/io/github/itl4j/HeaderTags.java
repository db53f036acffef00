package io.github.itl4j;

/**
 * Tag numbers of the file header (docs/format.md §3) as compile-time constants, for {@code switch} labels. Everything
 * else about a tag (name, parent container, value type, fixed length) is in the table {@link HeaderTag}; the methods
 * here read it.
 *
 * @since 0.1.0
 */
public final class HeaderTags {
    /** VERSION: 2 bytes, major and minor. Always first. */
    public static final int VERSION = 1;
    /** HEADERLENGTH: uint16, the byte offset of the body. Always second. */
    public static final int HEADER_LENGTH = 2;
    /** SIGNERID: container of SIGNERNAME, SERIALNUMBER, CANAME. */
    public static final int SIGNER_ID = 3;
    /** SIGNERNAME: NUL-terminated subject of the signing certificate. */
    public static final int SIGNER_NAME = 4;
    /** SERIALNUMBER: serial of the signing certificate, unsigned big-endian. */
    public static final int SERIAL_NUMBER = 5;
    /** CANAME: NUL-terminated issuer of the signing certificate. */
    public static final int CA_NAME = 6;
    /** SIGNATUREINFO: container of DIGESTALGORITHM and SIGNATUREALGOINFO. */
    public static final int SIGNATURE_INFO = 7;
    /** DIGESTALGORITHM: 1 byte, see {@link DigestAlgorithm}. */
    public static final int DIGEST_ALGORITHM = 8;
    /** SIGNATUREALGOINFO: container of SIGNATUREALGORITHM and SIGNATUREMODULUS. */
    public static final int SIGNATURE_ALGO_INFO = 9;
    /** SIGNATUREALGORITHM: 1 byte, 0 = RSA. */
    public static final int SIGNATURE_ALGORITHM = 10;
    /** SIGNATUREMODULUS: 1 byte, see {@link SignatureModulus}. */
    public static final int SIGNATURE_MODULUS = 11;
    /** SIGNATURE: the RSA signature. */
    public static final int SIGNATURE = 12;
    /** PADDING: a single 0x0D byte with no length. */
    public static final int PADDING = 13;
    /** FILENAME: NUL-terminated file name. */
    public static final int FILE_NAME = 14;
    /** TIMESTAMP: uint32 Unix seconds. */
    public static final int TIMESTAMP = 15;
    /** .enc.sgn ENCRYPTION_INFO container. */
    public static final int ENCRYPTION_INFO = 16;
    /** .enc.sgn IV_INFO container. */
    public static final int IV_INFO = 17;
    /** .enc.sgn: 1 byte of unknown meaning in IV_INFO. */
    public static final int IV_UNKNOWN = 18;
    /** .enc.sgn: the initialisation vector, in IV_INFO. */
    public static final int IV = 19;
    /** .enc.sgn: padding count, uint16, in IV_INFO. */
    public static final int PAD_COUNT = 20;
    /** .enc.sgn KEY_INFO container. */
    public static final int KEY_INFO = 21;
    /** .enc.sgn: 1 byte of unknown meaning in KEY_INFO. */
    public static final int KEY_UNKNOWN = 22;
    /** .enc.sgn: key size in bits, uint16, in KEY_INFO. */
    public static final int KEY_SIZE = 23;
    /** .enc.sgn: key algorithm, 1 byte, in KEY_INFO. */
    public static final int KEY_ALGORITHM = 24;
    /** .enc.sgn: the encrypted content key, in KEY_INFO. */
    public static final int ENCRYPTED_KEY = 25;
    /** .enc.sgn: digest algorithm of the plain text, 1 byte. */
    public static final int PLAIN_DIGEST_ALGORITHM = 26;
    /** .enc.sgn: digest of the plain text. */
    public static final int PLAIN_DIGEST = 27;
    /** SIGNERVERSION (0x1C): 2 bytes, written by certutils after HEADERLENGTH. */
    public static final int SIGNER_VERSION = 28;

    private HeaderTags() {}

    /**
     * The name {@code show itl} prints for a header tag (its misspellings included), or {@code UNKNOWN(n)}.
     *
     * @param tag a tag number
     * @return its name
     */
    public static String name(int tag) {
        return HeaderTag.nameOf(tag);
    }

    /**
     * @param tag a tag number
     * @return whether the tag is one this library knows for a header
     */
    public static boolean isKnown(int tag) {
        return HeaderTag.byCode(tag) != null;
    }

    /**
     * @param tag a tag number
     * @return whether the tag is a container whose value is its child TLVs (3, 7, 9, 16, 17, 21)
     */
    public static boolean isContainer(int tag) {
        HeaderTag t = HeaderTag.byCode(tag);
        return t != null && t.isContainer();
    }
}
