package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.Layout;
import io.github.itl4j.tlv.TlvWriter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * How certificate names are written into SIGNERNAME, CANAME, SUBJECTNAME and ISSUERNAME (docs/format.md §4.3).
 * Stateless and thread-safe.
 *
 * <ul>
 * <li>{@link #CUCM}: {@code ATTR=value} pairs joined with {@code ;}, no spaces, in the fixed order
 * CN, OU, O, L, ST, C whatever the certificate's DER order (as CUCM writes them). Attributes of the same type keep their
 * DER order. Other attribute types (never seen in a CUCM file) follow C, in DER order, named as in
 * {@link #CERTUTILS}. Values are written as they are, without escaping, as CUCM does.
 * <li>{@link #CERTUTILS}: each attribute in RFC 4514 form ({@code TYPE=escaped value}) joined with {@code ,}, in DER
 * order (usecallmanagernz/certutils {@code tlvfile}, which uses Python cryptography's
 * {@code NameAttribute.rfc4514_string()}). Types CN, L, ST, O, OU, C, STREET, DC, UID are named; others are written as
 * a dotted OID. The escaping is cryptography's: {@code \ " + , ; < >} are prefixed with a backslash, NUL becomes
 * {@code \00}, a leading {@code #} or space and a trailing space are escaped.
 * </ul>
 *
 * @since 0.1.0
 */
public enum NameFormat {
    /** CUCM: {@code CN=..;OU=..;O=..;L=..;ST=..;C=..}. */
    CUCM,
    /** certutils: RFC 4514 attributes joined with {@code ,} in DER order. */
    CERTUTILS;

    private static final Map<String, String> SHORT_NAMES = Map.of(
            "2.5.4.3", "CN",
            "2.5.4.7", "L",
            "2.5.4.8", "ST",
            "2.5.4.10", "O",
            "2.5.4.11", "OU",
            "2.5.4.6", "C",
            "2.5.4.9", "STREET",
            "0.9.2342.19200300.100.1.25", "DC",
            "0.9.2342.19200300.100.1.1", "UID");
    private static final String[] CUCM_ORDER = {"2.5.4.3", "2.5.4.11", "2.5.4.10", "2.5.4.7", "2.5.4.8", "2.5.4.6"};

    /**
     * @param layout a file layout
     * @return the name format that layout uses
     */
    public static NameFormat forLayout(Layout layout) {
        return layout == Layout.CERTUTILS ? CERTUTILS : CUCM;
    }

    /**
     * Formats a distinguished name.
     *
     * @param name the name (subject or issuer)
     * @return the text, without the trailing NUL
     */
    public String format(X500Principal name) {
        Objects.requireNonNull(name, "name");
        List<AttributeTypeAndValue> atvs = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(name.getEncoded()).getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                atvs.add(atv);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (this == CERTUTILS) {
            for (AttributeTypeAndValue atv : atvs) {
                append(sb, ',', typeName(atv.getType()), escape(atv.getValue()));
            }
            return sb.toString();
        }
        List<AttributeTypeAndValue> rest = new ArrayList<>(atvs);
        for (String oid : CUCM_ORDER) {
            for (AttributeTypeAndValue atv : atvs) {
                if (atv.getType().getId().equals(oid)) {
                    append(sb, ';', typeName(atv.getType()), rawValue(atv.getValue()));
                    rest.remove(atv);
                }
            }
        }
        for (AttributeTypeAndValue atv : rest) {
            append(sb, ';', typeName(atv.getType()), rawValue(atv.getValue()));
        }
        return sb.toString();
    }

    /**
     * The value stored in the file: {@link #format(X500Principal)} in UTF-8 followed by a NUL.
     *
     * @param name the name
     * @return the NUL-terminated value
     */
    public Bytes encode(X500Principal name) {
        return TlvWriter.nulTerminated(format(name));
    }

    /**
     * @param cert a certificate
     * @return its subject, {@link #encode(X500Principal) encoded}
     */
    public Bytes subject(X509Certificate cert) {
        return encode(cert.getSubjectX500Principal());
    }

    /**
     * @param cert a certificate
     * @return its issuer, {@link #encode(X500Principal) encoded}
     */
    public Bytes issuer(X509Certificate cert) {
        return encode(cert.getIssuerX500Principal());
    }

    private static void append(StringBuilder sb, char sep, String type, String value) {
        if (sb.length() > 0) {
            sb.append(sep);
        }
        sb.append(type).append('=').append(value);
    }

    private static String typeName(ASN1ObjectIdentifier oid) {
        return SHORT_NAMES.getOrDefault(oid.getId(), oid.getId());
    }

    private static String rawValue(ASN1Encodable v) {
        if (v instanceof ASN1String s) {
            return s.getString();
        }
        return hexValue(v);
    }

    private static String hexValue(ASN1Encodable v) {
        try {
            if (v instanceof DERBitString || v instanceof org.bouncycastle.asn1.ASN1BitString) {
                return "#" + HexFormat.of().formatHex(((org.bouncycastle.asn1.ASN1BitString) v).getOctets());
            }
            return "#" + HexFormat.of().formatHex(v.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (java.io.IOException | RuntimeException e) {
            return "#";
        }
    }

    /** Python cryptography's {@code _escape_dn_value}. */
    private static String escape(ASN1Encodable v) {
        if (!(v instanceof ASN1String)) {
            return hexValue(v);
        }
        String val = ((ASN1String) v).getString();
        if (val.isEmpty()) {
            return "";
        }
        val = val.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("+", "\\+")
                .replace(",", "\\,")
                .replace(";", "\\;")
                .replace("<", "\\<")
                .replace(">", "\\>")
                .replace("\0", "\\00");
        if (val.charAt(0) == '#' || val.charAt(0) == ' ') {
            val = "\\" + val;
        }
        if (val.charAt(val.length() - 1) == ' ') {
            val = val.substring(0, val.length() - 1) + "\\ ";
        }
        return val;
    }
}
