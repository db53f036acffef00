package io.github.itl4j;

import java.util.Optional;

/**
 * The vocabulary of ITL/CTL records (docs/format.md §4): one row per known tag with its code, the name Cisco's
 * {@code show itl} prints, its value type, fixed length and code set. The reader, the writer, {@code itl dump},
 * {@code itl show} and the JSON documents all read this table; a new record tag is one new row here (plus, if code
 * needs it as a {@code switch} label, a constant in {@link RecordTags}).
 *
 * @since 0.1.0
 */
public enum RecordTag {
    /** RECORDLENGTH: uint16, the whole record size including this TLV. Always first. */
    RECORD_LENGTH(RecordTags.RECORD_LENGTH, "RECORDLENGTH", ValueType.U16, CodeSet.NONE),
    /** DNSNAME: NUL-terminated host name or IP text. */
    DNS_NAME(RecordTags.DNS_NAME, "DNSNAME", ValueType.STRING, CodeSet.NONE),
    /** SUBJECTNAME: NUL-terminated certificate subject. */
    SUBJECT_NAME(RecordTags.SUBJECT_NAME, "SUBJECTNAME", ValueType.STRING, CodeSet.NONE),
    /** FUNCTION: uint16 role, see {@link Role}. */
    FUNCTION(RecordTags.FUNCTION, "FUNCTION", ValueType.U16, CodeSet.ROLE),
    /** ISSUERNAME: NUL-terminated certificate issuer. */
    ISSUER_NAME(RecordTags.ISSUER_NAME, "ISSUERNAME", ValueType.STRING, CodeSet.NONE),
    /** SERIALNUMBER: certificate serial, unsigned big-endian. */
    SERIAL_NUMBER(RecordTags.SERIAL_NUMBER, "SERIALNUMBER", ValueType.BINARY, CodeSet.NONE),
    /** PUBLICKEY: PKCS#1 RSAPublicKey DER, or an X9.62 point for EC. */
    PUBLIC_KEY(RecordTags.PUBLIC_KEY, "PUBLICKEY", ValueType.BINARY, CodeSet.NONE),
    /** SIGNATURE: the certificate's own signature value. */
    SIGNATURE(RecordTags.SIGNATURE, "SIGNATURE", ValueType.BINARY, CodeSet.NONE),
    /** CERTIFICATE: DER X.509 certificate. */
    CERTIFICATE(RecordTags.CERTIFICATE, "CERTIFICATE", ValueType.BINARY, CodeSet.NONE),
    /** IPADDRESS: 4 bytes IPv4 (CTL records). */
    IP_ADDRESS(RecordTags.IP_ADDRESS, "IPADDRESS", ValueType.IPV4, CodeSet.NONE),
    /** CERTHASH: hash of the certificate, in place of CERTIFICATE (TVS-type ITL records). */
    CERT_HASH(RecordTags.CERT_HASH, "CERTHASH", ValueType.BINARY, CodeSet.NONE),
    /** HASH ALGORITHM: 1 byte, algorithm of CERTHASH. */
    HASH_ALGORITHM(RecordTags.HASH_ALGORITHM, "HASH ALGORITHM", ValueType.U8, CodeSet.DIGEST_ALGORITHM);

    private static final RecordTag[] BY_CODE = new RecordTag[256];

    static {
        for (RecordTag t : values()) {
            if (BY_CODE[t.code] != null) {
                throw new ExceptionInInitializerError("duplicate record tag code " + t.code);
            }
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String showName;
    private final ValueType type;
    private final CodeSet codeSet;

    RecordTag(int code, String showName, ValueType type, CodeSet codeSet) {
        this.code = code;
        this.showName = showName;
        this.type = type;
        this.codeSet = codeSet;
    }

    /**
     * @param code a tag number
     * @return the known record tag with that number, or null
     */
    public static RecordTag byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * @param code a tag number
     * @return the known record tag with that number
     */
    public static Optional<RecordTag> of(int code) {
        return Optional.ofNullable(byCode(code));
    }

    /**
     * The name {@code show itl} prints for a tag number, or {@code UNKNOWN(n)}.
     *
     * @param code a tag number
     * @return its name
     */
    public static String nameOf(int code) {
        RecordTag t = byCode(code);
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

    /** @return the value type */
    public ValueType type() {
        return type;
    }

    /** @return the fixed value length in bytes, or -1 when it varies */
    public int fixedLength() {
        return type.size();
    }

    /** @return what an integer value of this tag means */
    public CodeSet codeSet() {
        return codeSet;
    }
}
