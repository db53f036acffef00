package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.internal.Certificates;
import io.github.itl4j.listing.ShowListing;
import io.github.itl4j.tlv.Tlv;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rollback ("empty") ITL CUCM serves when "Prepare Cluster for Rollback to pre 8.0" is True (SPEC-trust.md 7.2):
 * the SAST records unchanged, every TFTP, CCM+TFTP and TVS record replaced by a placeholder (RECORDLENGTH, DNSNAME,
 * FUNCTION; no certificate, hash or key), re-signed by the current signer so that phones accept it. A phone that
 * installs it accepts any unsigned configuration and any new ITL. {@link #isRollback} detects one.
 *
 * <p>The exact bytes CUCM writes are not public; this is the layout the public description implies, like the 33-byte
 * CTL placeholders.
 *
 * @since 0.1.0
 */
public final class RollbackItl {
    private RollbackItl() {}

    /**
     * @param role a role
     * @return whether a rollback ITL empties records of this role (TFTP, CCM+TFTP, TVS)
     */
    public static boolean isEmptiedRole(Role role) {
        return Role.TFTP.equals(role) || Role.CCM_TFTP.equals(role) || Role.TVS.equals(role);
    }

    /**
     * Detects a rollback ITL: at least one TFTP, CCM+TFTP or TVS record, and none of them carries a CERTIFICATE,
     * CERTHASH or PUBLICKEY. An ITL with no such record at all (common in usecallmanager setups) is not one.
     *
     * @param itl a trust list
     * @return whether it is a rollback ITL
     */
    public static boolean isRollback(ItlFile itl) {
        return isRollback(
                itl.records(),
                r -> r.role().orElse(null),
                r -> r.certificate().isPresent()
                        || r.certHash().isPresent()
                        || r.publicKey().isPresent());
    }

    /**
     * Detects a rollback ITL from what {@code show itl} printed about it, by the same rule as
     * {@link #isRollback(ItlFile)}: a listed record carries a certificate, hash or key when the listing shows a
     * CERTIFICATE (or its SHA-1), a CERTHASH or a PUBLICKEY of non-zero length.
     *
     * @param listing a parsed {@code show itl} capture
     * @return whether it lists a rollback ITL
     * @since 0.1.0
     */
    public static boolean isRollback(ShowListing listing) {
        return isRollback(
                listing.records(),
                ShowListing.Record::role,
                r -> r.certificateLength() > 0
                        || r.certificateSha1() != null
                        || r.certHash() != null
                        || r.publicKeyLength() > 0);
    }

    /** The one definition of a rollback ITL, over any view of its records. */
    private static <T> boolean isRollback(List<T> records, Function<T, Role> role, Predicate<T> carriesKey) {
        int emptied = 0;
        for (T r : records) {
            if (!isEmptiedRole(role.apply(r))) {
                continue;
            }
            if (carriesKey.test(r)) {
                return false;
            }
            emptied++;
        }
        return emptied > 0;
    }

    /**
     * The placeholder that replaces a record: RECORDLENGTH, DNSNAME (the record's, or empty), FUNCTION (the record's).
     *
     * @param record a TFTP, CCM+TFTP or TVS record
     * @return the placeholder
     */
    public static ItlRecord placeholder(ItlRecord record) {
        Bytes dns = record.value(RecordTags.DNS_NAME).orElse(Bytes.wrapOwned(new byte[] {0}));
        Bytes function = record.value(RecordTags.FUNCTION)
                .orElseThrow(() -> new IllegalArgumentException("a record without FUNCTION has no role to keep"));
        return ItlRecord.of(List.of(new Tlv(RecordTags.DNS_NAME, dns), new Tlv(RecordTags.FUNCTION, function)));
    }

    /**
     * Builds the rollback ITL of {@code itl}, signed by {@code signer}, which must be a SAST record of it (the
     * current signer: phones accept the new file only from a signer they already trust).
     *
     * @param itl the cluster's current ITL
     * @param signer the current ITL signer (CallManager or ITLRecovery)
     * @param force true to sign even when the signer is not a SAST record of {@code itl}
     * @return the signed rollback ITL; SAST and other records byte-identical, header re-signed with the signer's
     *     digest and clock
     * @throws ItlVerificationException if {@code itl} does not verify against itself: re-signing its SAST records
     *     would make them trusted
     * @throws ItlSigningException {@code SIGNER_NOT_SAST} (unless forced), or if signing fails
     */
    public static ItlFile build(ItlFile itl, ItlSigner signer, boolean force)
            throws ItlSigningException, ItlVerificationException {
        Objects.requireNonNull(itl, "itl");
        Objects.requireNonNull(signer, "signer");
        VerificationResult v = ItlVerifier.builder().build().verify(itl);
        if (!v.isVerified()) {
            throw new ItlVerificationException(
                    "The ITL does not verify, so no rollback ITL is made from it "
                            + "(re-signing would make its SAST records trusted)",
                    v);
        }
        if (!force && !isSast(itl, signer)) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNER_NOT_SAST,
                    "The signer "
                            + signer.key()
                                    .certificate()
                                    .getSubjectX500Principal()
                                    .getName() + " is not a SAST record of the "
                            + "ITL; phones would reject the rollback file (sign with the current ITL signer, or force)",
                    RecordTags.FUNCTION,
                    null);
        }
        List<ItlRecord> records = new ArrayList<>(itl.records().size());
        for (ItlRecord r : itl.records()) {
            records.add(r.role().filter(RollbackItl::isEmptiedRole).isPresent() ? placeholder(r) : r);
        }
        NameFormat f = NameFormat.forLayout(itl.header().layout().orElse(Layout.CUCM));
        ItlHeader h;
        try {
            h = itl.header().withSigner(signer.headerSigner(f));
        } catch (io.github.itl4j.ItlFormatException e) {
            throw new ItlSigningException(
                    ItlSigningException.Reason.SIGNATURE_SIZE,
                    "The ITL's header cannot take " + "a new signer: " + e.getOriginalMessage(),
                    e.tag(),
                    e);
        }
        return signer.sign(ItlFile.of(h, records));
    }

    private static boolean isSast(ItlFile itl, ItlSigner signer) {
        byte[] der;
        try {
            der = signer.key().certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        Bytes serial = CertFields.of(signer.key().certificate()).serial;
        for (ItlRecord r : itl.records()) {
            if (r.role().filter(Role.SAST::equals).isEmpty()) {
                continue;
            }
            Optional<Bytes> c = r.certificate();
            if (c.isPresent()
                    ? c.get().contentEquals(der)
                    : r.serialNumber()
                            .filter(s -> Certificates.sameSerial(s, serial))
                            .isPresent()) {
                return true;
            }
        }
        return false;
    }
}
