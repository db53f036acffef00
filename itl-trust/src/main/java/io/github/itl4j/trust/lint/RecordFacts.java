package io.github.itl4j.trust.lint;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.trust.TrustLists;
import java.security.PublicKey;

/**
 * What the rules read from one record, derived once per record content and kept by its bytes, as {@link CertFacts}
 * keeps what they read from a certificate: the records of a cluster recur in every list linted ({@code itl lint
 * /tftpboot/*.tlv}: one ITL per phone, the same records), so a record seen before costs one look-up and one comparison
 * of its bytes, and neither its fields nor its certificate are looked up again.
 *
 * <p>Holds nothing of the file it was first read from: the values are views of a compact copy of the record, kept in a
 * bounded {@link ContentCache}. Immutable entries, thread-safe cache.
 */
final class RecordFacts {
    private static final ContentCache<RecordFacts> CACHE = new ContentCache<>();

    /** FUNCTION, or null. */
    final Role role;
    /** CERTIFICATE, or null. */
    final Bytes der;
    /** CERTHASH, or null. */
    final Bytes certHash;
    /** True if the record has CERTIFICATE, CERTHASH or PUBLICKEY ({@link TrustLists#carriesCertificate}). */
    final boolean carries;
    /** The certificate's facts, or null without a CERTIFICATE that decodes. */
    final CertFacts facts;
    /** The PUBLICKEY field's key for a record without {@link #facts}, or null. */
    private final PublicKey fieldKey;
    /** SUBJECTNAME as stored (NUL-terminated), or null. */
    final Bytes subjectNameValue;
    /** The CN findings name the record by: of SUBJECTNAME, else of the certificate's subject. */
    final String cn;
    /** True if {@link #cn} starts {@code ITLRECOVERY}, in any case (L09, L23). */
    final boolean recovery;
    /** True if the record has no SUBJECTNAME, no certificate, or a SUBJECTNAME naming its subject (L32). */
    final boolean subjectConsistent;
    /** The record (a compact copy when kept), for what is derived on first use. */
    private final ItlRecord record;
    /** {@link #identity()}, or null before its first use (or for a record without one). */
    private volatile String identity;
    /** True once {@link #identity} is known. */
    private volatile boolean identityKnown;
    /** {@link #serialIdentity()}, or null before its first use (or for a record without one). */
    private volatile String serialIdentity;
    /** True once {@link #serialIdentity} is known. */
    private volatile boolean serialIdentityKnown;
    /** HASH ALGORITHM, or null (L31). */
    final DigestAlgorithm hashAlgorithm;
    /** True for a SERIALNUMBER of more than one byte that starts 0x00 (L40). */
    final boolean serialLeadingZero;
    /** True if the record has an IPADDRESS (L37). */
    final boolean hasIpAddress;
    /** True if the record has a DNSNAME that is not blank (L37). */
    final boolean hasDnsName;

    private RecordFacts(ItlRecord record) {
        // the fields read from the record's bytes in one walk, as its accessors read them (the first field with a
        // tag), without the field index the record would make for them
        Bytes e = record.encoded();
        int n = record.fieldCount();
        int function = -1;
        int certificate = -1;
        int certHash = -1;
        int publicKey = -1;
        int subjectName = -1;
        int hashAlgorithm = -1;
        int serialNumber = -1;
        int ipAddress = -1;
        int dnsName = -1;
        for (int i = 0, p = RecordTags.RECORD_LENGTH_SIZE; i < n; i++) {
            switch (e.getUnsigned(p)) {
                case RecordTags.FUNCTION:
                    function = function < 0 ? p : function;
                    break;
                case RecordTags.CERTIFICATE:
                    certificate = certificate < 0 ? p : certificate;
                    break;
                case RecordTags.CERT_HASH:
                    certHash = certHash < 0 ? p : certHash;
                    break;
                case RecordTags.PUBLIC_KEY:
                    publicKey = publicKey < 0 ? p : publicKey;
                    break;
                case RecordTags.SUBJECT_NAME:
                    subjectName = subjectName < 0 ? p : subjectName;
                    break;
                case RecordTags.HASH_ALGORITHM:
                    hashAlgorithm = hashAlgorithm < 0 ? p : hashAlgorithm;
                    break;
                case RecordTags.SERIAL_NUMBER:
                    serialNumber = serialNumber < 0 ? p : serialNumber;
                    break;
                case RecordTags.IP_ADDRESS:
                    ipAddress = ipAddress < 0 ? p : ipAddress;
                    break;
                case RecordTags.DNS_NAME:
                    dnsName = dnsName < 0 ? p : dnsName;
                    break;
                default:
                    break;
            }
            p += Tlv.HEADER_SIZE + e.getU16(p + 1);
        }
        // as ItlRecord.role(): a FUNCTION of two bytes
        this.role = function >= 0 && e.getU16(function + 1) == 2 ? Role.of(e.getU16(function + Tlv.HEADER_SIZE)) : null;
        this.der = value(e, certificate);
        this.certHash = value(e, certHash);
        this.carries = der != null || this.certHash != null || publicKey >= 0;
        this.facts = der != null ? CertFacts.get(der) : null;
        this.fieldKey = facts != null ? null : TrustLists.publicKey(record).orElse(null);
        this.subjectNameValue = value(e, subjectName);
        if (facts != null) {
            CertFacts.Named named = facts.named(subjectNameValue);
            this.cn = named.cn;
            this.recovery = named.recovery;
            this.subjectConsistent = named.sameSubject;
        } else {
            this.cn = LintContext.cn(subjectNameValue != null ? subjectNameValue.toNulTerminatedString() : "");
            this.recovery = CertFacts.isRecovery(cn);
            this.subjectConsistent = true;
        }
        this.record = record;
        // as ItlRecord.hashAlgorithm(): a HASH ALGORITHM of one byte
        this.hashAlgorithm = hashAlgorithm >= 0 && e.getU16(hashAlgorithm + 1) == 1
                ? DigestAlgorithm.of(e.getUnsigned(hashAlgorithm + Tlv.HEADER_SIZE))
                : null;
        Bytes serial = value(e, serialNumber);
        this.serialLeadingZero = serial != null && serial.size() > 1 && serial.get(0) == 0;
        // whether the fields are there, without the address object or the name's text (a CTL has both in every record)
        this.hasIpAddress = ipAddress >= 0 && e.getU16(ipAddress + 1) == 4; // as ItlRecord.ipAddress()
        Bytes dns = value(e, dnsName);
        this.hasDnsName = dns != null && !isBlank(dns);
    }

    /** @return the value of the field whose tag byte is at {@code p} in {@code e}, or null for {@code p < 0} */
    private static Bytes value(Bytes e, int p) {
        return p < 0 ? null : e.slice(p + Tlv.HEADER_SIZE, e.getU16(p + 1));
    }

    /**
     * @param text a text field's value (UTF-8, NUL-terminated)
     * @return {@code value.toNulTerminatedString().isBlank()}, without the text when a byte shows it is not blank
     */
    static boolean isBlank(Bytes text) {
        int n = text.size();
        while (n > 0 && text.get(n - 1) == 0) {
            n--; // as toNulTerminatedString() drops them
        }
        for (int i = 0; i < n; i++) {
            byte b = text.get(i);
            if (b > ' ' && b < 0x7f) {
                return false; // printable ASCII other than space is not white space, and decodes to itself
            }
        }
        return text.toNulTerminatedString().isBlank(); // spaces, controls, NULs, other scripts: the text decides
    }

    /** @return true if the record has a key: its certificate's, else a PUBLICKEY field that decodes */
    boolean hasKey() {
        return facts != null || fieldKey != null;
    }

    /** @return the certificate's key, else the PUBLICKEY field's; or null */
    PublicKey key() {
        return facts != null ? facts.key() : fieldKey;
    }

    /**
     * @param o another record
     * @return true if both have a key and it is the same ({@link PublicKey#equals})
     */
    boolean sameKey(RecordFacts o) {
        if (facts != null && o.facts != null) {
            return facts.sameKey(o.facts);
        }
        PublicKey k = key();
        return k != null && k.equals(o.key());
    }

    /**
     * @return the certificate identity ({@link TrustLists#identity}), or null; the SHA-1 of a CERTIFICATE is computed
     *     on first use only (records with a CERTIFICATE compare by its bytes: {@link #sameIdentity})
     */
    String identity() {
        if (!identityKnown) {
            identity = facts != null
                    ? facts.identity()
                    : TrustLists.identity(record).orElse(null);
            identityKnown = true;
        }
        return identity;
    }

    /** @return true if the record has a certificate identity ({@link #identity()} is not null) */
    boolean hasIdentity() {
        return der != null || identity() != null;
    }

    /**
     * @param o another record, both with an identity ({@link #hasIdentity()})
     * @return true if their identities are equal: for two records with a CERTIFICATE, whether its bytes are equal
     *     (equal SHA-1, without computing it)
     */
    boolean sameIdentity(RecordFacts o) {
        if (der != null && o.der != null) {
            return der.equals(o.der);
        }
        return identity().equals(o.identity());
    }

    /** @return {@link TrustLists#serialIdentity}, or null (L31); made on first use */
    String serialIdentity() {
        if (!serialIdentityKnown) {
            serialIdentity = TrustLists.serialIdentity(record).orElse(null);
            serialIdentityKnown = true;
        }
        return serialIdentity;
    }

    /**
     * @param record a record of a list being linted
     * @return what the rules read from it, derived now or when a record with the same bytes was seen before
     */
    static RecordFacts of(ItlRecord record) {
        if (!ContentCache.ENABLED) {
            return new RecordFacts(record); // nothing kept: no copy
        }
        RecordFacts f = CACHE.get(record.encoded());
        if (f != null) {
            return f;
        }
        // a copy of the record's fields, encoded as they were: the values must not keep the file in memory
        ItlRecord own = ItlRecord.of(record.fields());
        if (!own.encoded().equals(record.encoded())) {
            return new RecordFacts(record); // cannot happen for a record that was read; not kept
        }
        f = new RecordFacts(own);
        CACHE.put(own.encoded(), f);
        return f;
    }

    /** @return how many records were derived (cache misses), for tests */
    static long derived() {
        return CACHE.misses();
    }

    /** @return how many records are kept, for tests */
    static int cached() {
        return CACHE.size();
    }

    /** @return how many record bytes are kept, for tests */
    static long cachedBytes() {
        return CACHE.bytes();
    }
}
