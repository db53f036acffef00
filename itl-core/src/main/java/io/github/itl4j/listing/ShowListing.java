package io.github.itl4j.listing;

import io.github.itl4j.Role;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a pasted {@code show itl} or {@code show ctl} listing says about a trust list: the checksums and length of the
 * file, the header's signer fields and lengths, and one {@link Record} per listed record, with the record marked
 * "This etoken was used to sign". A skeleton: certificates are known by their SHA-1 only. Immutable; parse one with
 * {@link ShowListingParser}.
 *
 * @param kind {@code ITL} or {@code CTL}
 * @param md5 the MD5 of the file, lower-case hex, or null if not listed
 * @param sha1 the SHA-1 of the file, lower-case hex, or null
 * @param length the file length, or -1
 * @param version the header VERSION text (e.g. {@code 1.2}), or null
 * @param headerLength HEADERLENGTH, or -1
 * @param signerName SIGNERNAME, or null
 * @param serial the signer's SERIALNUMBER, lower-case hex without separators, or null
 * @param caName CANAME, or null
 * @param signatureLength the header SIGNATURE length, or -1
 * @param records the records in listing order
 * @param verified whether the listing ends with "... was verified successfully"
 * @since 0.1.0
 */
public record ShowListing(
        String kind,
        String md5,
        String sha1,
        long length,
        String version,
        int headerLength,
        String signerName,
        String serial,
        String caName,
        int signatureLength,
        List<Record> records,
        boolean verified) {
    /** Copies the list. */
    public ShowListing {
        records = List.copyOf(records);
    }

    /** @return the 0-based index of the record listed as "This etoken was used to sign", if any */
    public OptionalInt signerRecordIndex() {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).usedToSign()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** @return the file length, if listed */
    public OptionalLong fileLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /**
     * @return whether HEADERLENGTH plus every RECORDLENGTH equals the listed file length (a check that nothing was lost
     *     in the paste)
     */
    public boolean lengthsAddUp() {
        if (length < 0 || headerLength < 0) {
            return false;
        }
        long sum = headerLength;
        for (Record r : records) {
            if (r.recordLength() < 0) {
                return false;
            }
            sum += r.recordLength();
        }
        return sum == length;
    }

    /**
     * One listed record.
     *
     * @param recordLength RECORDLENGTH, or -1
     * @param dnsName DNSNAME, or null when listed without a value
     * @param subjectName SUBJECTNAME (wrapped lines joined), or null
     * @param role FUNCTION, or null if not listed or not understood
     * @param issuerName ISSUERNAME, or null
     * @param serial SERIALNUMBER, lower-case hex without separators, or null
     * @param publicKeyLength the PUBLICKEY length, or -1
     * @param signatureLength the record SIGNATURE length, or -1
     * @param certificateLength the CERTIFICATE length, or -1 when the record has none
     * @param certificateSha1 the CERTIFICATE's SHA-1 ("(SHA1 Hash HEX)"), lower-case hex, or null
     * @param certHash CERTHASH, lower-case hex, or null
     * @param hashAlgorithm HASH ALGORITHM text (e.g. {@code SHA-1}), or null
     * @param ipAddress IPADDRESS text, or null
     * @param usedToSign whether the listing says "This etoken was used to sign"
     */
    public record Record(
            int recordLength,
            String dnsName,
            String subjectName,
            Role role,
            String issuerName,
            String serial,
            int publicKeyLength,
            int signatureLength,
            int certificateLength,
            String certificateSha1,
            String certHash,
            String hashAlgorithm,
            String ipAddress,
            boolean usedToSign) {
        /**
         * The RSA key size the PUBLICKEY length implies: 140 bytes is a 1024-bit key, 270 a 2048-bit one, 526 a
         * 4096-bit one (PKCS#1 RSAPublicKey DER).
         *
         * @return the size in bits, if the length is one of those
         */
        public OptionalInt rsaKeyBits() {
            return switch (publicKeyLength) {
                case 140 -> OptionalInt.of(1024);
                case 270 -> OptionalInt.of(2048);
                case 526 -> OptionalInt.of(4096);
                default -> OptionalInt.empty();
            };
        }

        /** @return the identity of the certificate: its SHA-1, else CERTHASH (SHA-1 of the DER as well) */
        public Optional<String> identity() {
            return Optional.ofNullable(certificateSha1 != null ? certificateSha1 : certHash);
        }
    }
}
