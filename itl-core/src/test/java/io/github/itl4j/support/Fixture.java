package io.github.itl4j.support;

/**
 * A tiny hand-made ITL in CUCM layout, written piece by piece so that tests can replace one piece with a defect.
 *
 * <pre>
 *   0 VERSION 1.2             5 HEADERLENGTH 132
 *  10 SIGNERID (14)          13 SIGNERNAME "a"   18 SERIALNUMBER 01   22 CANAME "b"
 *  27 SIGNATUREINFO (15)     30 DIGESTALGORITHM 1
 *  34 SIGNATUREALGOINFO (8)  37 SIGNATUREALGORITHM 0   41 SIGNATUREMODULUS 0
 *  45 SIGNATURE (64 zero bytes)
 * 112 FILENAME "ab.tlv"     122 TIMESTAMP 1        129..131 PADDING x3
 * 132 record 1 (30 bytes, SAST)    162 record 2 (30 bytes, CCM+TFTP)    192 end
 * </pre>
 * Inside a record: +0 RECORDLENGTH, +5 SUBJECTNAME, +10 FUNCTION, +15 ISSUERNAME, +20 SERIALNUMBER, +24 CERTIFICATE.
 */
public final class Fixture {
    public static final int HEADER_LENGTH = 132;
    public static final int RECORD_LENGTH = 30;
    public static final int SIGNER_ID = 10;
    public static final int SIGNATURE_INFO = 27;
    public static final int SIGNATURE_ALGO_INFO = 34;
    public static final int SIGNATURE = 45;
    public static final int FILE_NAME = 112;
    public static final int TIMESTAMP = 122;
    public static final int RECORD1 = 132;
    public static final int RECORD2 = 162;
    public static final int SIZE = 192;

    private Fixture() {}

    public static Raw prefix(Raw r, int headerLength) {
        return r.tlv(1, 1, 2).u16(2, headerLength);
    }

    public static Raw signerId(Raw r) {
        return r.head(3, 14).str(4, "a").tlv(5, 1).str(6, "b");
    }

    public static Raw signatureInfo(Raw r) {
        return r.head(7, 15).tlv(8, 1).head(9, 8).tlv(10, 0).tlv(11, 0);
    }

    public static Raw signature(Raw r) {
        return r.zeros(12, 64);
    }

    public static Raw fileNameAndTime(Raw r) {
        return r.str(14, "ab.tlv").tlv(15, 0, 0, 0, 1);
    }

    public static Raw padding(Raw r) {
        return r.bytes(0x0D, 0x0D, 0x0D);
    }

    /** The whole 132-byte header. */
    public static Raw header(Raw r) {
        return padding(fileNameAndTime(signature(signatureInfo(signerId(prefix(r, HEADER_LENGTH))))));
    }

    public static byte[] header() {
        return header(new Raw()).toByteArray();
    }

    /** One 30-byte record in CUCM order with the given FUNCTION. */
    public static Raw record(Raw r, int role) {
        return r.u16(1, RECORD_LENGTH)
                .str(3, "s")
                .u16(4, role)
                .str(5, "i")
                .tlv(6, 1)
                .tlv(9, 0x30, 1, 0);
    }

    /** The whole valid file: header, a SAST record and a CCM+TFTP record. */
    public static byte[] valid() {
        return record(record(header(new Raw()), 0), 2).toByteArray();
    }
}
