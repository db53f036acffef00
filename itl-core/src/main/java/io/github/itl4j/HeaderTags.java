package io.github.itl4j;

/**
 * Tag numbers of the file header (FORMAT.md section 3), with the names Cisco's {@code show itl} prints.
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
    /** .enc.sgn KEY_INFO container. */
    public static final int KEY_INFO = 21;
    /** SIGNERVERSION (0x1C): 2 bytes, written by certutils after HEADERLENGTH. */
    public static final int SIGNER_VERSION = 28;

    private static final String[] NAMES = new String[29];

    static {
        NAMES[VERSION] = "VERSION";
        NAMES[HEADER_LENGTH] = "HEADERLENGTH";
        NAMES[SIGNER_ID] = "SIGNERID";
        NAMES[SIGNER_NAME] = "SIGNERNAME";
        NAMES[SERIAL_NUMBER] = "SERIALNUMBER";
        NAMES[CA_NAME] = "CANAME";
        NAMES[SIGNATURE_INFO] = "SIGNATUREINFO";
        NAMES[DIGEST_ALGORITHM] = "DIGESTALGORTITHM";
        NAMES[SIGNATURE_ALGO_INFO] = "SIGNATUREALGOINFO";
        NAMES[SIGNATURE_ALGORITHM] = "SIGNATUREALGORTITHM";
        NAMES[SIGNATURE_MODULUS] = "SIGNATUREMODULUS";
        NAMES[SIGNATURE] = "SIGNATURE";
        NAMES[PADDING] = "PADDING";
        NAMES[FILE_NAME] = "FILENAME";
        NAMES[TIMESTAMP] = "TIMESTAMP";
        NAMES[ENCRYPTION_INFO] = "ENCRYPTIONINFO";
        NAMES[IV_INFO] = "IVINFO";
        NAMES[18] = "IVUNKNOWN";
        NAMES[19] = "IV";
        NAMES[20] = "PADCOUNT";
        NAMES[KEY_INFO] = "KEYINFO";
        NAMES[22] = "KEYUNKNOWN";
        NAMES[23] = "KEYSIZE";
        NAMES[24] = "KEYALGORITHM";
        NAMES[25] = "ENCRYPTEDKEY";
        NAMES[26] = "PLAINDIGESTALGORITHM";
        NAMES[27] = "PLAINDIGEST";
        NAMES[SIGNER_VERSION] = "SIGNERVERSION";
    }

    private HeaderTags() {
    }

    /**
     * The name {@code show itl} prints for a header tag (its misspellings included), or {@code UNKNOWN(n)}.
     *
     * @param tag a tag number
     * @return its name
     */
    public static String name(int tag) {
        return tag >= 0 && tag < NAMES.length && NAMES[tag] != null ? NAMES[tag] : "UNKNOWN(" + tag + ")";
    }

    /**
     * @param tag a tag number
     * @return whether the tag is one this library knows for a header
     */
    public static boolean isKnown(int tag) {
        return tag >= 1 && tag < NAMES.length && NAMES[tag] != null;
    }

    /**
     * @param tag a tag number
     * @return whether the tag is a container whose value is its child TLVs (3, 7, 9, 16, 17, 21)
     */
    public static boolean isContainer(int tag) {
        return tag == SIGNER_ID || tag == SIGNATURE_INFO || tag == SIGNATURE_ALGO_INFO || tag == ENCRYPTION_INFO
                || tag == IV_INFO || tag == KEY_INFO;
    }
}
