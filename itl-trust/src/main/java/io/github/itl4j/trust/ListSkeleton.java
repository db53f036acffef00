package io.github.itl4j.trust;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.RollbackItl;
import io.github.itl4j.listing.ShowListing;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the trust engine can know about a trust list without its bytes: the skeleton a {@code show itl} / {@code show
 * ctl} capture gives (docs/trust.md, "Captures"), or the same facts taken from a real file, so that the two compare.
 * Per record: role, subject, issuer, serial, the certificate's SHA-1 (CERTIFICATE or CERTHASH), key size and
 * RECORDLENGTH; per list: the signer (SIGNERNAME, SERIALNUMBER, CANAME), checksums, lengths and whether it is a rollback
 * ITL. A skeleton built from a capture ({@link #isCapture()}) has no certificate, key or signature bytes: decisions
 * that need them ({@link IdentityMode}) say so instead of guessing. Immutable.
 *
 * @since 0.1.0
 */
public final class ListSkeleton {
    private final String name;
    private final FileKind kind;
    private final boolean capture;
    private final String sha1;
    private final String md5;
    private final long size;
    private final int headerLength;
    private final String version;
    private final Signer signer;
    private final int signatureBits;
    private final List<Entry> records;
    private final boolean rollback;
    private final ItlFile file;

    private ListSkeleton(
            String name,
            FileKind kind,
            boolean capture,
            String sha1,
            String md5,
            long size,
            int headerLength,
            String version,
            Signer signer,
            int signatureBits,
            List<Entry> records,
            boolean rollback,
            ItlFile file) {
        this.name = name;
        this.kind = kind;
        this.capture = capture;
        this.sha1 = sha1;
        this.md5 = md5;
        this.size = size;
        this.headerLength = headerLength;
        this.version = version;
        this.signer = signer;
        this.signatureBits = signatureBits;
        this.records = List.copyOf(records);
        this.rollback = rollback;
        this.file = file;
    }

    /**
     * The signer of a list or signed file as its header names it.
     *
     * @param subject SIGNERNAME, or null
     * @param serial SERIALNUMBER as unsigned lower-case hex without leading zero bytes, or null
     * @param issuer CANAME, or null
     */
    public record Signer(String subject, String serial, String issuer) {
        /**
         * @param h a parsed header (of a trust list or a {@code .sgn})
         * @return its signer
         */
        public static Signer of(ItlHeader h) {
            return new Signer(
                    h.signerName().orElse(null),
                    h.serialNumber().map(Certs::serialHex).orElse(null),
                    h.caName().orElse(null));
        }
    }

    /**
     * One record of the skeleton.
     *
     * @param index the 1-based record number
     * @param role FUNCTION, or null
     * @param subject SUBJECTNAME (or the certificate's subject), or null
     * @param issuer ISSUERNAME, or null
     * @param serial SERIALNUMBER, unsigned lower-case hex, or null
     * @param sha1 the certificate's SHA-1 (of CERTIFICATE, or a SHA-1 CERTHASH), lower-case hex, or null
     * @param keyBits the RSA key size, or -1 when not known
     * @param recordLength RECORDLENGTH (the record's encoded length), or -1
     * @param carriesKey whether the record carries a CERTIFICATE, CERTHASH or PUBLICKEY (not a placeholder)
     * @param usedToSign whether the list names this record as its signer ("This etoken was used to sign"; for a file:
     *     a SAST record whose serial and issuer are the header's)
     */
    public record Entry(
            int index,
            Role role,
            String subject,
            String issuer,
            String serial,
            String sha1,
            int keyBits,
            int recordLength,
            boolean carriesKey,
            boolean usedToSign) {
        /**
         * The certificate identity (docs/trust.md §3.3), in the form of {@link TrustLists#identity}: {@code sha1:HEX},
         * else {@code serial:HEX/ISSUER}.
         *
         * @return the identity, or empty for a record with neither hash nor serial
         */
        public Optional<String> identity() {
            if (sha1 != null) {
                return Optional.of("sha1:" + sha1);
            }
            return serialIdentity();
        }

        /** @return {@code serial:HEX/ISSUER}, or empty without a serial */
        public Optional<String> serialIdentity() {
            return serial == null
                    ? Optional.empty()
                    : Optional.of("serial:" + serial + "/"
                            + Optional.ofNullable(Certs.nameKey(issuer == null ? "" : issuer))
                                    .orElse(""));
        }

        /** @return the role's name, or {@code none} */
        public String roleName() {
            return role == null ? "none" : role.name();
        }
    }

    /**
     * The skeleton of a parsed trust list.
     *
     * @param f the list
     * @param name its file name (for the kind and reports), or null
     * @return the skeleton, with {@link #file()} set
     */
    public static ListSkeleton of(ItlFile f, String name) {
        Objects.requireNonNull(f, "f");
        ItlHeader h = f.header();
        Signer s = Signer.of(h);
        List<Entry> es = new ArrayList<>();
        List<ItlRecord> rs = f.records();
        for (int i = 0; i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            String id = TrustLists.sha1Identity(r).map(x -> x.substring(5)).orElse(null);
            int bits = TrustLists.publicKey(r)
                    .filter(RSAPublicKey.class::isInstance)
                    .map(k -> ((RSAPublicKey) k).getModulus().bitLength())
                    .orElse(-1);
            String serial = r.serialNumber().map(Certs::serialHex).orElse(null);
            boolean signs = r.role().map(Role.SAST::equals).orElse(false)
                    && serial != null
                    && serial.equals(s.serial())
                    && (s.issuer() == null
                            || r.issuerName()
                                    .map(x -> Certs.sameName(x, s.issuer()))
                                    .orElse(true));
            es.add(new Entry(
                    i + 1,
                    r.role().orElse(null),
                    r.subjectName()
                            .orElse(TrustLists.certificate(r)
                                    .map(c -> c.getSubjectX500Principal().getName())
                                    .orElse(null)),
                    r.issuerName().orElse(null),
                    serial,
                    id,
                    bits,
                    r.length(),
                    TrustLists.carriesCertificate(r),
                    signs));
        }
        Checksums cs = Checksums.md5AndSha1(f.encoded());
        return new ListSkeleton(
                name == null ? "list" : name,
                TrustLists.kindOf(f, name),
                false,
                cs.sha1().toHex().toLowerCase(Locale.ROOT),
                cs.md5().toHex().toLowerCase(Locale.ROOT),
                f.size(),
                h.length(),
                h.version().toString(),
                s,
                h.signatureLength() > 0 ? h.signatureLength() * 8 : -1,
                es,
                RollbackItl.isRollback(f),
                f);
    }

    /**
     * The skeleton of a {@code show itl} / {@code show ctl} capture.
     *
     * @param l the parsed capture
     * @param name the capture's file name (for reports), or null
     * @return the skeleton ({@link #isCapture()} true, {@link #file()} empty)
     */
    public static ListSkeleton of(ShowListing l, String name) {
        Objects.requireNonNull(l, "l");
        List<Entry> es = new ArrayList<>();
        for (int i = 0; i < l.records().size(); i++) {
            ShowListing.Record r = l.records().get(i);
            String sha = r.identity().orElse(null);
            if (r.certHash() != null && r.certificateSha1() == null && r.hashAlgorithm() != null) {
                // a CERTHASH of another algorithm is no SHA-1 identity
                String alg = r.hashAlgorithm().replace("-", "").toUpperCase(Locale.ROOT);
                if (!alg.equals("SHA1") || r.certHash().length() != 40) {
                    sha = null;
                }
            }
            es.add(new Entry(
                    i + 1,
                    r.role(),
                    r.subjectName(),
                    r.issuerName(),
                    serialHex(r.serial()),
                    sha,
                    r.rsaKeyBits().orElse(-1),
                    r.recordLength(),
                    r.certificateLength() > 0
                            || r.certificateSha1() != null
                            || r.certHash() != null
                            || r.publicKeyLength() > 0,
                    r.usedToSign()));
        }
        FileKind k = "CTL".equals(l.kind()) ? FileKind.CTL : FileKind.ITL;
        return new ListSkeleton(
                name == null ? "capture" : name,
                k,
                true,
                l.sha1(),
                l.md5(),
                l.length(),
                l.headerLength(),
                l.version(),
                new Signer(l.signerName(), serialHex(l.serial()), l.caName()),
                l.signatureLength() > 0 ? l.signatureLength() * 8 : -1,
                es,
                RollbackItl.isRollback(l),
                null);
    }

    /** A listed serial (hex, maybe with leading zero bytes) as unsigned hex without leading zero bytes. */
    static String serialHex(String hex) {
        if (hex == null || hex.isEmpty()) {
            return null;
        }
        String h = hex.toLowerCase(Locale.ROOT);
        if (h.length() % 2 == 1) {
            h = "0" + h;
        }
        int i = 0;
        while (i + 2 <= h.length() - 2 && h.startsWith("00", i)) {
            i += 2;
        }
        return h.substring(i);
    }

    /** @return the file name given */
    public String name() {
        return name;
    }

    /** @return ITL or CTL */
    public FileKind kind() {
        return kind;
    }

    /** @return true when built from a {@code show itl}/{@code show ctl} capture (no certificate or signature bytes) */
    public boolean isCapture() {
        return capture;
    }

    /** @return the SHA-1 of the file, lower-case hex, or null when a capture does not list it */
    public String sha1() {
        return sha1;
    }

    /** @return the MD5 of the file, lower-case hex, or null when a capture does not list it */
    public String md5() {
        return md5;
    }

    /** @return the file size, or -1 when a capture does not list it */
    public long size() {
        return size;
    }

    /** @return HEADERLENGTH, or -1 */
    public int headerLength() {
        return headerLength;
    }

    /** @return the header VERSION (e.g. {@code 1.2}), or null */
    public String version() {
        return version;
    }

    /** @return the signer the header names */
    public Signer signer() {
        return signer;
    }

    /** @return the signature size in bits (the signer's RSA key size), or -1 */
    public int signatureBits() {
        return signatureBits;
    }

    /** @return the records in list order */
    public List<Entry> records() {
        return records;
    }

    /** @return whether this is a rollback ITL ({@link RollbackItl#isRollback}) */
    public boolean isRollback() {
        return rollback;
    }

    /** @return the parsed file, when the skeleton was built from one */
    public Optional<ItlFile> file() {
        return Optional.ofNullable(file);
    }

    /**
     * @param roles roles
     * @return the records with one of them, in order
     */
    public List<Entry> withRole(Role... roles) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : records) {
            for (Role r : roles) {
                if (r.equals(e.role())) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** @return the serial as {@code show itl} prints it (upper-case hex pairs with colons), or null */
    public static String serialText(String serialHex) {
        return serialHex == null ? null : Certs.serialText(serialHex);
    }

    @Override
    public String toString() {
        return "ListSkeleton[" + name + ", " + kind + (capture ? ", capture" : "") + ", " + records.size()
                + " records]";
    }
}
