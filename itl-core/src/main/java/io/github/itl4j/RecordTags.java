package io.github.itl4j;

/**
 * Tag numbers of ITL/CTL records (docs/format.md §4) as compile-time constants, for {@code switch} labels.
 * Everything else about a tag is in the table {@link RecordTag}; the methods here read it.
 *
 * @since 0.1.0
 */
public final class RecordTags {
    /** Size of the RECORDLENGTH TLV that starts every record: tag, length and a 2-byte value. */
    public static final int RECORD_LENGTH_SIZE = io.github.itl4j.tlv.Tlv.HEADER_SIZE + 2;

    /** RECORDLENGTH: uint16, the whole record size including this TLV. Always first. */
    public static final int RECORD_LENGTH = 1;
    /** DNSNAME: NUL-terminated host name or IP text. */
    public static final int DNS_NAME = 2;
    /** SUBJECTNAME: NUL-terminated certificate subject. */
    public static final int SUBJECT_NAME = 3;
    /** FUNCTION: uint16 role, see {@link Role}. */
    public static final int FUNCTION = 4;
    /** ISSUERNAME: NUL-terminated certificate issuer. */
    public static final int ISSUER_NAME = 5;
    /** SERIALNUMBER: certificate serial, unsigned big-endian. */
    public static final int SERIAL_NUMBER = 6;
    /** PUBLICKEY: PKCS#1 RSAPublicKey DER, or an X9.62 point for EC. */
    public static final int PUBLIC_KEY = 7;
    /** SIGNATURE: the certificate's own signature value. */
    public static final int SIGNATURE = 8;
    /** CERTIFICATE: DER X.509 certificate. */
    public static final int CERTIFICATE = 9;
    /** IPADDRESS: 4 bytes IPv4 (CTL records). */
    public static final int IP_ADDRESS = 10;
    /** CERTHASH: hash of the certificate, in place of CERTIFICATE (TVS-type ITL records). */
    public static final int CERT_HASH = 11;
    /** HASH ALGORITHM: 1 byte, algorithm of CERTHASH. */
    public static final int HASH_ALGORITHM = 12;

    private RecordTags() {}

    /**
     * @param tag a tag number
     * @return the name {@code show itl} prints, or {@code UNKNOWN(n)}
     */
    public static String name(int tag) {
        return RecordTag.nameOf(tag);
    }

    /**
     * @param tag a tag number
     * @return whether the tag is a known record tag (a row of {@link RecordTag})
     */
    public static boolean isKnown(int tag) {
        return RecordTag.byCode(tag) != null;
    }
}
