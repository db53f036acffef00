package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.internal.Certificates;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts about a signing key an admin needs before using it ({@code itl key-info}): key type and size, the
 * certificate's subject, issuer, serial, validity and SHA-1 fingerprint as {@code show itl} prints it, and which
 * records of a trust list it is ("will this key be able to reset these phones?"). Immutable.
 *
 * @param algorithm {@code RSA} or {@code EC}
 * @param bits the RSA modulus or EC field size in bits
 * @param subject the certificate subject, RFC 2253
 * @param issuer the certificate issuer, RFC 2253
 * @param serial the serial, unsigned minimal big-endian (as SERIALNUMBER holds it)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha1 SHA-1 of the certificate DER
 * @param certificate the certificate
 * @since 0.1.0
 */
public record KeyFacts(
        String algorithm,
        int bits,
        String subject,
        String issuer,
        Bytes serial,
        Instant notBefore,
        Instant notAfter,
        Bytes sha1,
        X509Certificate certificate) {
    /** Validates the arguments. */
    public KeyFacts {
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * @param key a loaded key
     * @return its facts
     */
    public static KeyFacts of(SigningKey key) {
        X509Certificate c = key.certificate();
        int bits = key.privateKey() instanceof RSAKey rk
                ? rk.getModulus().bitLength()
                : key.privateKey() instanceof ECKey ek
                        ? ek.getParams().getCurve().getField().getFieldSize()
                        : -1;
        try {
            String alg = key.isRsa() ? "RSA" : key.privateKey() instanceof ECKey ? "EC" : key.algorithm();
            return new KeyFacts(
                    alg,
                    bits,
                    c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(),
                    CertFields.of(c).serial,
                    c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant(),
                    Bytes.wrapOwned(MessageDigest.getInstance("SHA-1").digest(c.getEncoded())),
                    c);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /** @return the SHA-1 fingerprint as {@code show itl} prints it: upper-case hex separated by spaces */
    public String fingerprint() {
        return Checksums.Style.UPPER_SPACE.format(sha1);
    }

    /**
     * @param now the time to judge by
     * @return whether the certificate is valid at {@code now}
     */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    /**
     * How a record of a trust list is this key's.
     *
     * @param index the record's 0-based index
     * @param role the record's role, or null if it has none
     * @param byCertificate true if the record's CERTIFICATE is this certificate; false if only its SERIALNUMBER and
     *     ISSUERNAME match (a record without the certificate)
     */
    public record Match(int index, Role role, boolean byCertificate) {}

    /**
     * The records of {@code list} that are this key's certificate: by CERTIFICATE bytes, else by SERIALNUMBER and
     * an ISSUERNAME that names the same issuer.
     *
     * @param list an ITL or CTL
     * @return the matches in file order
     */
    public List<Match> recordsIn(ItlFile list) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        List<Match> out = new ArrayList<>();
        List<ItlRecord> rs = list.records();
        for (int i = 0; i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            Role role = r.role().orElse(null);
            if (r.certificate().isPresent()) {
                if (r.certificate().get().contentEquals(der)) {
                    out.add(new Match(i, role, true));
                }
            } else if (r.serialNumber()
                            .filter(s -> Certificates.sameSerial(s, serial))
                            .isPresent()
                    && r.issuerName().map(n -> sameName(n, certificate)).orElse(false)) {
                out.add(new Match(i, role, false));
            }
        }
        return out;
    }

    private static boolean sameName(String recorded, X509Certificate c) {
        for (NameFormat f : NameFormat.values()) {
            if (f.format(c.getIssuerX500Principal()).equals(recorded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param list an ITL or CTL
     * @return whether this key is a SAST record of it: phones holding it accept a new ITL/CTL signed by this key
     */
    public boolean isSastOf(ItlFile list) {
        return recordsIn(list).stream().anyMatch(m -> Role.SAST.equals(m.role()));
    }
}
