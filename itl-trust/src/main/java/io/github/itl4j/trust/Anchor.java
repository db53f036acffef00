package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A certificate the phone can verify with: a record of an installed list, a TVS answer, or a cache entry. Decoded
 * once, when the phone state or the TVS environment is built. Not API.
 */
final class Anchor {
    /** Where the anchor came from, in words (e.g. {@code "record 5 (SAST) of the installed ITL"}). */
    final String where;

    final Set<Role> roles;
    /** Null for a PUBLICKEY-only or hash-only record. */
    final X509Certificate cert;
    /** Null for a hash-only record. */
    final PublicKey key;

    final String serialHex;
    final String subject;
    final String issuer;
    /** {@link Certs#nameKey} of the issuer, computed once. */
    final String issuerKey;
    /** The record, for installed-list anchors. */
    final ItlRecord record;

    final int recordIndex;
    final Bytes der;
    /** {@link #describe()}, computed once. */
    private final String description;

    Anchor(
            String where,
            Set<Role> roles,
            X509Certificate cert,
            PublicKey key,
            String serialHex,
            String subject,
            String issuer,
            ItlRecord record,
            int recordIndex) {
        this.where = where;
        this.roles = Set.copyOf(roles);
        this.cert = cert;
        this.key = key;
        this.serialHex = serialHex;
        this.subject = subject;
        this.issuer = issuer;
        this.issuerKey = Certs.nameKey(issuer);
        this.record = record;
        this.recordIndex = recordIndex;
        this.der = cert == null ? null : Certs.der(cert);
        this.description = clean(subject) + " serial " + Certs.serialText(serialHex);
    }

    static Anchor ofCertificate(String where, Set<Role> roles, X509Certificate c) {
        return new Anchor(
                where,
                roles,
                c,
                c.getPublicKey(),
                Certs.serialHex(c.getSerialNumber()),
                Certs.subject(c),
                Certs.issuer(c),
                null,
                -1);
    }

    static Optional<Anchor> ofRecord(String listName, ItlRecord r, int index) {
        Role role = r.role().orElse(null);
        if (role == null) {
            return Optional.empty();
        }
        String where = "record " + (index + 1) + " (" + role.name() + ") of the installed " + listName;
        X509Certificate c = r.certificate().flatMap(Certs::decode).orElse(null);
        PublicKey k = c != null
                ? c.getPublicKey()
                : r.publicKey().flatMap(Certs::pkcs1).orElse(null);
        String serial =
                r.serialNumber().map(Certs::serialHex).orElse(c != null ? Certs.serialHex(c.getSerialNumber()) : "");
        String subject = r.subjectName().orElse(c != null ? Certs.subject(c) : "");
        String issuer = r.issuerName().orElse(c != null ? Certs.issuer(c) : "");
        return Optional.of(new Anchor(where, Set.of(role), c, k, serial, subject, issuer, r, index));
    }

    /** @return the validity problem at {@code now}, or null if valid or unknown */
    String validityProblem(Instant now) {
        if (cert == null) {
            return null;
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return "expired on " + cert.getNotAfter().toInstant();
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return "not valid before " + cert.getNotBefore().toInstant();
        }
        return null;
    }

    String describe() {
        return description;
    }

    static String clean(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
