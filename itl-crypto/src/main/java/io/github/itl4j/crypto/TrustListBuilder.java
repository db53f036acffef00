package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvWriter;
import java.net.Inet4Address;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds and signs a new ITL or CTL from certificates and roles. Mutable, not thread-safe; {@link #build()} may be
 * called more than once.
 *
 * <p>Records are written in the order they were added (certutils' {@code tlvfile} keeps its command-line order).
 * Each record holds SUBJECTNAME, FUNCTION, ISSUERNAME, SERIALNUMBER (magnitude, docs/format.md §4.4), PUBLICKEY (PKCS#1
 * DER for RSA, X9.62 point for EC), SIGNATURE (the certificate's own signature value) and CERTIFICATE, or CERTHASH
 * (SHA-1 of the DER certificate) with HASH ALGORITHM 1 instead of CERTIFICATE for {@link Entry#asHash() hash
 * entries}; plus DNSNAME and IPADDRESS as configured.
 *
 * <p>{@link Layout#CUCM} (default): header tags ascending, names {@link NameFormat#CUCM}, record tags ascending, and a
 * DNSNAME in every record chosen by {@link #dnsName(DnsName)} ({@link DnsName#TWO_NULS} by default, see there).
 * {@link Layout#CERTUTILS}: certutils' order and {@link NameFormat#CERTUTILS} names, no DNSNAME unless an entry sets one.
 *
 * <pre>{@code
 * ItlFile itl = TrustListBuilder.builder(signer)
 *         .add(Entry.of(callManager, Role.SAST)).add(Entry.of(itlRecovery, Role.SAST))
 *         .add(Entry.of(callManager, Role.TFTP)).add(Entry.of(tvs, Role.TVS).asHash())
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TrustListBuilder {
    /**
     * What DNSNAME the {@link Layout#CUCM CUCM layout} writes in records whose entry sets none. Real CUCM ITL records
     * carry a 2-byte DNSNAME whose content is not known (docs/format.md §11.1); CUCM CTL records carry the host name.
     */
    public enum DnsName {
        /** No DNSNAME field. */
        OMIT,
        /** One NUL byte (an empty string, length 1), as hardware-eToken SAST records in CTLs. */
        EMPTY,
        /**
         * Two NUL bytes (length 2): the length every record of Cisco's {@code show itl} listing has, read by any
         * parser as an empty string, and no guess at unknown content. The default.
         */
        TWO_NULS,
        /** The certificate CN's first label (the short host name, e.g. {@code cucm-1051-a-pub}), as CUCM CTLs. */
        CN_HOST
    }

    private final ItlSigner signer;
    private final List<Entry> entries = new ArrayList<>();
    /** Entries and placeholders in the order they were added. */
    private final List<Object> items = new ArrayList<>();

    private String fileName = "ITLFile.tlv";
    private Instant timestamp;
    private Version signerVersion;
    private Layout layout = Layout.CUCM;
    private DnsName dnsName = DnsName.TWO_NULS;
    private boolean tvsAsHash;
    private boolean requireSignerRecord = true;

    private TrustListBuilder(ItlSigner signer) {
        this.signer = signer;
    }

    /**
     * @param signer signs the file; its digest goes into the header and its clock gives the TIMESTAMP unless
     *     {@link #timestamp(Instant)} is set
     * @return a builder for {@code ITLFile.tlv} in CUCM's layout
     */
    public static TrustListBuilder builder(ItlSigner signer) {
        return new TrustListBuilder(Objects.requireNonNull(signer, "signer"));
    }

    /**
     * A builder for a tokenless CTL as CUCM 10.0 and later writes it (docs/format.md §6.2): FILENAME
     * {@code CTLFile.tlv}, CUCM layout (record tags ascending: DNSNAME, ..., CERTIFICATE, IPADDRESS) and DNSNAME the
     * certificate CN's short host name unless an entry sets one (give each entry its IPv4 address with
     * {@link Entry#withIpAddress}). The signer is the publisher's CallManager key (10.x, 11.x) or ITLRecovery (12.0
     * and later); it must be a SAST entry. Content as CUCM: SAST for the signer (and ITLRecovery), CCM+TFTP per
     * CallManager node, TFTP per TFTP-only node, CAPF, no TVS. For a CTL of a cluster back in non-secure mode, add the
     * CCM+TFTP records as {@link #addPlaceholder placeholders}.
     *
     * <pre>{@code
     * ItlFile ctl = TrustListBuilder.ctlBuilder(callManagerSigner)
     *         .add(Entry.of(pub, Role.SAST).withIpAddress(ip))
     *         .add(Entry.of(pub, Role.CCM_TFTP).withIpAddress(ip))
     *         .add(Entry.of(capf, Role.CAPF).withIpAddress(ip))
     *         .build();
     * }</pre>
     *
     * @param signer signs the file
     * @return a builder for {@code CTLFile.tlv}
     * @since 0.1.0
     */
    public static TrustListBuilder ctlBuilder(ItlSigner signer) {
        return builder(signer).fileName("CTLFile.tlv").dnsName(DnsName.CN_HOST);
    }

    /**
     * @param entry a record to add, after those already added
     * @return this builder
     */
    public TrustListBuilder add(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
        items.add(entry);
        return this;
    }

    /**
     * Adds a non-secure placeholder record after those already added: DNSNAME, FUNCTION and IPADDRESS only (33 bytes
     * with an IP string such as {@code 10.48.47.153} as DNSNAME), what a CTL keeps for each CCM+TFTP record after
     * {@code utils ctl set-cluster non-secure-mode} (docs/format.md §6.2). Written in either layout, in tag order.
     *
     * @param placeholder the record
     * @return this builder
     * @since 0.1.0
     */
    public TrustListBuilder addPlaceholder(Placeholder placeholder) {
        items.add(Objects.requireNonNull(placeholder, "placeholder"));
        return this;
    }

    /**
     * @param certificate a certificate
     * @param role its FUNCTION
     * @return this builder
     */
    public TrustListBuilder add(X509Certificate certificate, Role role) {
        return add(Entry.of(certificate, role));
    }

    /**
     * @param name FILENAME; {@code ITLFile.tlv} by default ({@code CTLFile.tlv} for a CTL)
     * @return this builder
     */
    public TrustListBuilder fileName(String name) {
        fileName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * @param t TIMESTAMP (whole seconds are kept), or null to take the signer's clock at build time (the default)
     * @return this builder
     */
    public TrustListBuilder timestamp(Instant t) {
        timestamp = t;
        return this;
    }

    /**
     * @param v SIGNERVERSION (tag 28; certutils writes 1.0 or 1.1, 1.1 lets phones accept EC TFTP certificates), or
     *     null to omit it (the default, as CUCM)
     * @return this builder
     */
    public TrustListBuilder signerVersion(Version v) {
        signerVersion = v;
        return this;
    }

    /**
     * @param l field order and name format; {@link Layout#CUCM} by default
     * @return this builder
     */
    public TrustListBuilder layout(Layout l) {
        layout = Objects.requireNonNull(l, "layout");
        return this;
    }

    /**
     * @param d the DNSNAME for CUCM-layout records whose entry sets none; {@link DnsName#TWO_NULS} by default. Ignored
     *     in the certutils layout.
     * @return this builder
     */
    public TrustListBuilder dnsName(DnsName d) {
        dnsName = Objects.requireNonNull(d, "dnsName");
        return this;
    }

    /**
     * @param b whether TVS entries become hash records (CERTHASH + HASH ALGORITHM, no CERTIFICATE), as CUCM writes
     *     them in ITLs; false by default
     * @return this builder
     */
    public TrustListBuilder tvsAsHash(boolean b) {
        tvsAsHash = b;
        return this;
    }

    /**
     * @param b whether {@link #build()} refuses a file in which the signer's certificate is not a SAST record (phones
     *     could not verify it); true by default
     * @return this builder
     */
    public TrustListBuilder requireSignerRecord(boolean b) {
        requireSignerRecord = b;
        return this;
    }

    /**
     * Builds and signs the file.
     *
     * @return the signed trust list
     * @throws ItlSigningException {@code SIGNER_NOT_SAST} if required and the signer is not among the SAST entries,
     *     {@code TOO_LARGE} if a record or the header exceeds 65535 bytes, {@code BAD_CERTIFICATE} if a certificate
     *     cannot be encoded, or as {@link ItlSigner#signature}
     */
    public ItlFile build() throws ItlSigningException {
        X509Certificate signerCert = signer.key().certificate();
        if (requireSignerRecord
                && entries.stream()
                        .noneMatch(e ->
                                e.role().equals(Role.SAST) && e.certificate().equals(signerCert))) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNER_NOT_SAST,
                    "The signer's certificate "
                            + signerCert.getSubjectX500Principal().getName() + " is not a SAST entry; phones could not "
                            + "verify the file (add it with Role.SAST, or requireSignerRecord(false))",
                    RecordTags.FUNCTION,
                    null);
        }
        NameFormat names = NameFormat.forLayout(layout);
        List<ItlRecord> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            records.add(item instanceof Placeholder p ? placeholder(p) : record((Entry) item, names, i));
        }
        ItlHeader.Signer s = signer.headerSigner(names);
        if (timestamp != null) {
            s = new ItlHeader.Signer(
                    s.name(), s.serial(), s.caName(), s.signatureLength(), s.digest(), timestamp.getEpochSecond());
        }
        ItlHeader header;
        try {
            header = ItlHeader.builder()
                    .version(Version.V1_2)
                    .signerVersion(signerVersion)
                    .layout(layout)
                    .fileName(fileName)
                    .signer(s)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.TOO_LARGE,
                    "Cannot build the header: " + e.getMessage(),
                    io.github.itl4j.ItlException.NO_TAG,
                    e);
        }
        return signer.sign(ItlFile.of(header, records));
    }

    private ItlRecord record(Entry e, NameFormat names, int index) throws ItlSigningException {
        try {
            return buildRecord(e, names, index);
        } catch (IllegalArgumentException ex) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.TOO_LARGE,
                    "Entry " + (index + 1) + ": " + ex.getMessage(),
                    io.github.itl4j.ItlException.NO_TAG,
                    ex);
        }
    }

    private ItlRecord buildRecord(Entry e, NameFormat names, int index) throws ItlSigningException {
        X509Certificate c = e.certificate();
        CertFields cf = CertFields.of(c);
        List<Tlv> f = new ArrayList<>();
        Bytes der = cf.der;
        Bytes publicKey = cf.publicKey;
        try {
            if (der == null) {
                der = Bytes.wrapOwned(c.getEncoded());
            }
            if (publicKey == null) {
                publicKey = Certificates.publicKeyField(c.getPublicKey());
            }
        } catch (CertificateEncodingException | IllegalArgumentException ex) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.BAD_CERTIFICATE,
                    "Entry " + (index + 1) + " (" + c.getSubjectX500Principal().getName() + "): " + ex.getMessage(),
                    io.github.itl4j.ItlException.NO_TAG,
                    ex);
        }
        if (e.dnsName() != null) {
            f.add(new Tlv(RecordTags.DNS_NAME, TlvWriter.nulTerminated(e.dnsName())));
        } else if (layout == Layout.CUCM) {
            switch (dnsName) {
                case EMPTY -> f.add(new Tlv(RecordTags.DNS_NAME, Bytes.wrapOwned(new byte[1])));
                case TWO_NULS -> f.add(new Tlv(RecordTags.DNS_NAME, Bytes.wrapOwned(new byte[2])));
                case CN_HOST -> f.add(new Tlv(RecordTags.DNS_NAME, TlvWriter.nulTerminated(cnHost(c))));
                case OMIT -> {}
                default -> throw new IllegalStateException(dnsName.name());
            }
        }
        f.add(new Tlv(RecordTags.SUBJECT_NAME, cf.subject(names, c)));
        f.add(new Tlv(RecordTags.FUNCTION, Bytes.wrapOwned(new byte[] {
            (byte) (e.role().code() >>> 8), (byte) e.role().code()
        })));
        f.add(new Tlv(RecordTags.ISSUER_NAME, cf.issuer(names, c)));
        f.add(new Tlv(RecordTags.SERIAL_NUMBER, cf.serial));
        f.add(new Tlv(RecordTags.PUBLIC_KEY, publicKey));
        f.add(new Tlv(RecordTags.SIGNATURE, cf.signature));
        if (e.hashOnly() || tvsAsHash && e.role().equals(Role.TVS)) {
            f.add(new Tlv(RecordTags.CERT_HASH, Checksums.certHash(der)));
            f.add(new Tlv(RecordTags.HASH_ALGORITHM, Bytes.wrapOwned(new byte[] {(byte) DigestAlgorithm.SHA1.code()})));
        } else {
            checkLength(der.size(), index, "CERTIFICATE");
            f.add(new Tlv(RecordTags.CERTIFICATE, der));
        }
        if (e.ipAddress() != null) {
            f.add(new Tlv(RecordTags.IP_ADDRESS, Bytes.wrapOwned(e.ipAddress().getAddress())));
        }
        return ItlRecord.of(layout.sortRecordFields(f));
    }

    private static ItlRecord placeholder(Placeholder p) {
        List<Tlv> f = new ArrayList<>(3);
        f.add(new Tlv(RecordTags.DNS_NAME, TlvWriter.nulTerminated(p.dnsName())));
        f.add(new Tlv(RecordTags.FUNCTION, Bytes.wrapOwned(new byte[] {
            (byte) (p.role().code() >>> 8), (byte) p.role().code()
        })));
        f.add(new Tlv(RecordTags.IP_ADDRESS, Bytes.wrapOwned(p.ipAddress().getAddress())));
        return ItlRecord.of(f);
    }

    private static void checkLength(int len, int index, String what) throws ItlSigningException {
        if (len > Tlv.MAX_VALUE_LENGTH) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.TOO_LARGE,
                    "Entry " + (index + 1) + ": " + what + " is " + len + " bytes; a field holds at most 65535",
                    io.github.itl4j.ItlException.NO_TAG,
                    null);
        }
    }

    private static String cnHost(X509Certificate c) {
        String n = NameFormat.CUCM.format(c.getSubjectX500Principal());
        if (!n.startsWith("CN=")) {
            return "";
        }
        int end = n.indexOf(';');
        String cn = end < 0 ? n.substring(3) : n.substring(3, end);
        int dot = cn.indexOf('.');
        return dot < 0 ? cn : cn.substring(0, dot);
    }

    /**
     * A non-secure placeholder record: no certificate, only DNSNAME, FUNCTION and IPADDRESS.
     *
     * @param role its FUNCTION (CCM+TFTP in the CTLs Cisco printed)
     * @param ipAddress IPADDRESS
     * @param dnsName DNSNAME text (the short host name or the IP address as a string), written NUL-terminated
     * @since 0.1.0
     */
    public record Placeholder(Role role, Inet4Address ipAddress, String dnsName) {
        /** Checks the parts: all required, the host name at most 1000 bytes. */
        public Placeholder {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(ipAddress, "ipAddress");
            Objects.requireNonNull(dnsName, "dnsName");
            if (dnsName.length() > 1000) {
                throw new IllegalArgumentException("DNSNAME is " + dnsName.length() + " characters; at most 1000");
            }
        }
    }

    /**
     * One record to build: a certificate, its role, and optional per-record choices.
     *
     * @param certificate the certificate
     * @param role its FUNCTION
     * @param hashOnly write CERTHASH + HASH ALGORITHM instead of CERTIFICATE (CUCM's ITL form for TVS and some CAPF)
     * @param ipAddress IPADDRESS (CTL records), or null for none
     * @param dnsName DNSNAME text (written NUL-terminated, in either layout), or null for the builder's default
     * @since 0.1.0
     */
    public record Entry(
            X509Certificate certificate, Role role, boolean hashOnly, Inet4Address ipAddress, String dnsName) {
        /** Checks the required parts. */
        public Entry {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(role, "role");
        }

        /**
         * @param certificate the certificate
         * @param role its FUNCTION
         * @return a full-certificate entry with the builder's default DNSNAME and no IPADDRESS
         */
        public static Entry of(X509Certificate certificate, Role role) {
            return new Entry(certificate, role, false, null, null);
        }

        /** @return a copy written as a hash record */
        public Entry asHash() {
            return new Entry(certificate, role, true, ipAddress, dnsName);
        }

        /**
         * @param ip the IPv4 address, or null for none
         * @return a copy with IPADDRESS
         */
        public Entry withIpAddress(Inet4Address ip) {
            return new Entry(certificate, role, hashOnly, ip, dnsName);
        }

        /**
         * @param name the DNSNAME text, or null for the builder's default
         * @return a copy with that DNSNAME
         */
        public Entry withDnsName(String name) {
            return new Entry(certificate, role, hashOnly, ipAddress, name);
        }
    }
}
