package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about trust lists and their records that {@code lint}, {@code diff} and the simulator share: the kind of a
 * list, rollback detection, a record's certificate and key, certificate identity (docs/trust.md §3.3) and name
 * comparison. Stateless.
 *
 * @since 0.1.0
 */
public final class TrustLists {
    private TrustLists() {}

    /**
     * The kind of a trust list (docs/trust.md §3.1): FILENAME header, then the file name, then content.
     *
     * @param f the list
     * @param name its file name, or null
     * @return {@link FileKind#ITL} or {@link FileKind#CTL}
     */
    public static FileKind kindOf(ItlFile f, String name) {
        return InstalledList.kindOf(f, name);
    }

    /**
     * The kind a file name alone tells (docs/trust.md §3.1): {@code CTL...} or {@code ITL...} (any case, directories
     * ignored); the first two steps of {@link #kindOf(ItlFile, String)}, which asks this of the FILENAME header and
     * then of the file name.
     *
     * @param name a file name or header FILENAME, or null
     * @return {@link FileKind#CTL}, {@link FileKind#ITL}, or empty when the name does not tell
     */
    public static Optional<FileKind> kindOfName(String name) {
        return InstalledList.kindOfName(name);
    }

    /**
     * @param f a trust list
     * @return true for a rollback ("empty") ITL (docs/trust.md §3.4): at least one TFTP, CCM+TFTP or TVS record, and
     *     none of those carries CERTIFICATE, CERTHASH or PUBLICKEY; the one definition is
     *     {@link io.github.itl4j.crypto.RollbackItl#isRollback}, which builds them too
     */
    public static boolean isRollback(ItlFile f) {
        return io.github.itl4j.crypto.RollbackItl.isRollback(f);
    }

    /**
     * @param r a record
     * @return true if it carries a CERTIFICATE, CERTHASH or PUBLICKEY (it is not a placeholder)
     */
    public static boolean carriesCertificate(ItlRecord r) {
        return InstalledList.carriesCertificate(r);
    }

    /**
     * @param r a record
     * @return its CERTIFICATE decoded, if it has one that decodes
     */
    public static Optional<X509Certificate> certificate(ItlRecord r) {
        return r.certificate().flatMap(Certs::decode);
    }

    /**
     * @param r a record
     * @return its key: the CERTIFICATE's, else its PUBLICKEY field (PKCS#1 RSA); empty if neither decodes
     */
    public static Optional<PublicKey> publicKey(ItlRecord r) {
        Optional<X509Certificate> c = certificate(r);
        if (c.isPresent()) {
            return Optional.of(c.get().getPublicKey());
        }
        return r.publicKey().flatMap(Certs::pkcs1);
    }

    /**
     * A record's certificate identity (docs/trust.md §3.3) as one string: {@code sha1:HEX} of the CERTIFICATE's DER,
     * or of a SHA-1 CERTHASH; otherwise {@code serial:HEX/ISSUER} (issuer normalised as a multiset of RDNs).
     *
     * @param r a record
     * @return the identity, or empty for a record with neither certificate, hash nor serial
     */
    public static Optional<String> identity(ItlRecord r) {
        Optional<String> s = sha1Identity(r);
        return s.isPresent() ? s : serialIdentity(r);
    }

    /**
     * @param r a record
     * @return {@code sha1:HEX} of its CERTIFICATE, or its CERTHASH when that is SHA-1; else empty
     */
    public static Optional<String> sha1Identity(ItlRecord r) {
        Optional<Bytes> c = r.certificate();
        if (c.isPresent()) {
            return Optional.of("sha1:" + Certs.sha1(c.get()).toHex().toLowerCase(Locale.ROOT));
        }
        Optional<Bytes> h = r.certHash();
        if (h.isPresent()
                && h.get().size() == 20
                && r.hashAlgorithm().map(DigestAlgorithm.SHA1::equals).orElse(true)) {
            return Optional.of("sha1:" + h.get().toHex().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /**
     * @param r a record
     * @return {@code serial:HEX/ISSUER} from SERIALNUMBER and ISSUERNAME, or empty without a SERIALNUMBER
     */
    public static Optional<String> serialIdentity(ItlRecord r) {
        return r.serialNumber()
                .map(s -> "serial:" + Certs.serialHex(s) + "/"
                        + Optional.ofNullable(Certs.nameKey(r.issuerName().orElse("")))
                                .orElse(""));
    }

    /**
     * Compares two distinguished names as multisets of (type, value) (docs/trust.md §3.5): CUCM's {@code CN=..;OU=..}
     * and certutils' RFC 4514 form of the same name are equal.
     *
     * @param a a name
     * @param b another
     * @return true if they name the same entity
     */
    public static boolean sameName(String a, String b) {
        return Certs.sameName(a, b);
    }

    /**
     * @param name a distinguished name in CUCM or RFC 4514 form
     * @return a normalised form: equal for names {@link #sameName(String, String)} calls equal
     */
    public static String nameKey(String name) {
        return Certs.nameKey(name);
    }

    /**
     * The CN of a name, read as {@link #sameName} reads names: the value of its first CN attribute in text order,
     * trimmed, without the quotes of a quoted value; a {@code ,} or {@code +} in a CUCM-form value is part of it
     * ({@code CN=Example, Inc.;O=x} has the CN {@code Example, Inc.}).
     *
     * @param name a distinguished name in CUCM or RFC 4514 form (up to its first NUL)
     * @return its CN, or empty if it has none
     */
    public static Optional<String> commonName(String name) {
        return Certs.commonName(Objects.requireNonNull(name, "name"));
    }

    /**
     * @param serial a SERIALNUMBER value
     * @return its unsigned magnitude without leading zero bytes, lower-case hex
     */
    public static String serialHex(Bytes serial) {
        return Certs.serialHex(serial);
    }

    /**
     * @param der a certificate's DER
     * @return its SHA-1
     */
    public static Bytes sha1(Bytes der) {
        return Certs.sha1(der);
    }
}
