package io.github.itl4j.crypto;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The expiry calendar of trust lists (SPEC-trust.md 7.8): every certificate record with its notAfter, role and node,
 * soonest first. Records that carry only a hash (CERTHASH) have no date and are listed apart.
 *
 * @since 0.1.0
 */
public final class ExpiryCalendar {
    private ExpiryCalendar() {}

    /**
     * One certificate of a list.
     *
     * @param source the list's name (as given)
     * @param index the record's 0-based index
     * @param role the record's role, or null
     * @param subject the certificate subject (RFC 2253)
     * @param node the record's DNSNAME if any, else the subject's CN, else null
     * @param notAfter end of validity
     * @param sha1 the certificate's SHA-1, upper-case hex separated by spaces (as {@code show itl} prints it)
     */
    public record Entry(
            String source, int index, Role role, String subject, String node, Instant notAfter, String sha1) {
        /**
         * @param now the time to compare with
         * @return whole days from {@code now} to notAfter (negative once expired)
         */
        public long daysLeft(Instant now) {
            return Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), 86_400L);
        }
    }

    /**
     * @param lists the lists by name, in the order to report ties
     * @return every record holding a parsable certificate, by notAfter then source then index
     */
    public static List<Entry> of(Map<String, ItlFile> lists) {
        List<Entry> out = new ArrayList<>();
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, ItlFile> l : lists.entrySet()) {
            List<ItlRecord> rs = l.getValue().records();
            for (int i = 0; i < rs.size(); i++) {
                ItlRecord r = rs.get(i);
                if (r.certificate().isEmpty()) {
                    continue;
                }
                X509Certificate c;
                try {
                    c = (X509Certificate) cf.generateCertificate(
                            new ByteArrayInputStream(r.certificate().get().toByteArray()));
                } catch (CertificateException | RuntimeException e) {
                    continue; // not a certificate: the verifier reports it
                }
                String subject = c.getSubjectX500Principal().getName();
                String node = r.dnsName().filter(s -> !s.isEmpty()).orElseGet(() -> cn(subject));
                out.add(new Entry(
                        l.getKey(),
                        i,
                        r.role().orElse(null),
                        subject,
                        node,
                        c.getNotAfter().toInstant(),
                        Checksums.certificateFingerprint(r).orElse("")));
            }
        }
        out.sort(Comparator.comparing(Entry::notAfter)
                .thenComparing(Entry::source)
                .thenComparingInt(Entry::index));
        return out;
    }

    /**
     * @param lists the lists by name
     * @return the records that carry a CERTHASH but no certificate (no date known), as {@code source#index}
     */
    public static List<String> undated(Map<String, ItlFile> lists) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ItlFile> l : lists.entrySet()) {
            List<ItlRecord> rs = l.getValue().records();
            for (int i = 0; i < rs.size(); i++) {
                if (rs.get(i).certificate().isEmpty() && rs.get(i).certHash().isPresent()) {
                    out.add(l.getKey() + "#" + (i + 1));
                }
            }
        }
        return out;
    }

    private static String cn(String subject) {
        for (String part : subject.split(",")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "CN=", 0, 3)) {
                return p.substring(3);
            }
        }
        return null;
    }
}
