package io.github.itl4j.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.NameFormat;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/**
 * Names with {@code ,}, {@code +} or {@code ;} inside a value (docs/format.md §4.3): CUCM writes values as they are,
 * joined with {@code ;}, so {@code O=Example, Inc.} in a CUCM-form name is one attribute, not two.
 */
class CucmNameTest {
    private static final X500Principal COMMA = new X500Principal("CN=cm1, O=Example\\, Inc., C=US");
    private static final X500Principal PLUS = new X500Principal("CN=cm1, OU=A\\+B, O=Acme, C=US");
    private static final X500Principal SEMI = new X500Principal("CN=cm1, O=a\\;b, C=US");
    private static final X500Principal ONE = new X500Principal("CN=Example\\, Inc.");

    private static String cucm(X500Principal p) {
        return NameFormat.CUCM.format(p);
    }

    private static String certutils(X500Principal p) {
        return NameFormat.CERTUTILS.format(p);
    }

    /** The certificate's name as the trust engine reads it ({@code Certs.subject}): RFC 2253. */
    private static String rfc(X500Principal p) {
        return p.getName(X500Principal.RFC2253);
    }

    private static void same(String a, String b) {
        assertTrue(TrustLists.sameName(a, b), a + " vs " + b);
        assertTrue(TrustLists.sameName(b, a), b + " vs " + a);
        assertEquals(TrustLists.nameKey(a), TrustLists.nameKey(b), a + " vs " + b);
    }

    private static void differ(String a, String b) {
        assertFalse(TrustLists.sameName(a, b), a + " vs " + b);
        assertFalse(TrustLists.sameName(b, a), b + " vs " + a);
        assertNotEquals(TrustLists.nameKey(a), TrustLists.nameKey(b), a + " vs " + b);
    }

    @Test
    void aCommaInACucmValue() {
        assertEquals("CN=cm1;O=Example, Inc.;C=US", cucm(COMMA));
        same(cucm(COMMA), rfc(COMMA));
        same(cucm(COMMA), certutils(COMMA));
        same(certutils(COMMA), rfc(COMMA));
        // the CUCM order is fixed; the same attributes in another order are the same name
        same(cucm(COMMA), "C=US;O=Example, Inc.;CN=cm1");
        same(cucm(COMMA), "cn=cm1; o=Example, Inc. ;c=US");
    }

    @Test
    void aPlusInACucmValue() {
        assertEquals("CN=cm1;OU=A+B;O=Acme;C=US", cucm(PLUS));
        same(cucm(PLUS), rfc(PLUS));
        same(cucm(PLUS), certutils(PLUS));
    }

    @Test
    void aSemicolonInACucmValue() {
        assertEquals("CN=cm1;O=a;b;C=US", cucm(SEMI));
        same(cucm(SEMI), rfc(SEMI));
        same(cucm(SEMI), certutils(SEMI));
    }

    @Test
    void aSingleAttributeWithAComma() {
        assertEquals("CN=Example, Inc.", cucm(ONE));
        same(cucm(ONE), rfc(ONE));
        same(cucm(ONE), certutils(ONE));
    }

    @Test
    void escapedRfc4514FormIsOneAttribute() {
        same("CN=cm1,O=Example\\, Inc.,C=US", rfc(COMMA));
        same("CN=cm1,OU=A\\+B,O=Acme,C=US", rfc(PLUS));
    }

    @Test
    void mismatchesStayMismatches() {
        differ(cucm(COMMA), "CN=cm1;O=Example;C=US");
        differ(cucm(COMMA), "CN=cm1,O=Example,C=US");
        differ(cucm(COMMA), "CN=cm1;O=Example, Ltd.;C=US");
        differ(cucm(COMMA), "CN=cm2,O=Example\\, Inc.,C=US");
        differ(cucm(COMMA), "CN=cm1,O=Example\\, Inc.");
        differ(cucm(PLUS), "CN=cm1,OU=A,OU=B,O=Acme,C=US");
        differ(cucm(ONE), "CN=Example");
        // a real multi-valued RDN is two attributes in either form
        X500Principal multi = new X500Principal("CN=cm1+UID=u1, O=Acme");
        same(cucm(multi), rfc(multi));
        differ(cucm(multi), "CN=cm1+UID=u2,O=Acme");
    }

    @Test
    void namesWithoutTheAmbiguityKeepTheirKeys() {
        // the keys identities are made of (serial:HEX/ISSUER): unchanged for names without a separator in a value
        assertEquals("C=US\0CN=cm1\0O=Acme", TrustLists.nameKey("CN=cm1;O=Acme;C=US"));
        assertEquals("C=US\0CN=cm1\0O=Acme", TrustLists.nameKey("CN=cm1,O=Acme,C=US"));
        assertEquals("CN=a\0UID=b", TrustLists.nameKey("CN=a+UID=b"));
        assertEquals("CN=a, b", TrustLists.nameKey("CN=a\\, b"));
        assertEquals("", TrustLists.nameKey(""));
        assertEquals("C=US\0CN=cm1", TrustLists.nameKey("CN=cm1;C=US\0junk"));
    }

    /**
     * The hardware-eToken CTL client's names (docs/format.md §4.3): lower-case types, quoted values with the CN's
     * padding inside the quotes, the last value cut before its closing quote.
     */
    @Test
    void eTokenQuotedNames() {
        X500Principal token = new X500Principal("CN=SAST-ADN0054f509, OU=IPCBU, O=Cisco Systems");
        same("cn=\"SAST-ADN0054f509        \";ou=IPCBU;o=\"Cisco Systems", rfc(token));
        same("cn=\"SAST-ADN0054f509\";ou=\"IPCBU\";o=\"Cisco Systems\"", rfc(token));
        differ("cn=\"SAST-ADN0054f508        \";ou=IPCBU;o=\"Cisco Systems", rfc(token));
        // an escaped quote is a character of the value: the certificate CN "x" (with its quotes) is not CN x
        X500Principal quotes = new X500Principal("CN=\\\"x\\\", O=Acme");
        same("CN=\\\"x\\\";O=Acme", rfc(quotes));
        differ("CN=x;O=Acme", rfc(quotes));
        // a quoted value holds separators up to its closing quote
        X500Principal semi = new X500Principal("CN=a\\;b, O=x");
        same("CN=\"a;b\",O=x", rfc(semi));
        same("cn=\"a;b\";o=x", rfc(semi));
    }

    /** A quote that is not closed as a quote (or not last) is a character of the value and holds no separator. */
    @Test
    void unclosedQuotesAreCharacters() {
        X500Principal open = new X500Principal("CN=\\\"abc, OU=x, O=y");
        same("CN=\"abc;OU=x;O=y", rfc(open));
        assertEquals(3, TrustLists.nameKey("CN=\"abc;OU=x;O=y").split("\0").length);
        X500Principal inner = new X500Principal("CN=\\\"x\\\" y, O=z");
        same("CN=\"x\" y;O=z", rfc(inner));
        // the eToken client's last value, cut before its closing quote, is still a quoted value
        assertEquals("O=Cisco Systems", TrustLists.nameKey("o=\"Cisco Systems"));
    }

    /** The separators are alike: names split at any of them keep the plain split's attributes. */
    @Test
    void separatorsAreAlike() {
        same("CN=a+UID=b;OU=c", "CN=a+UID=b,OU=c");
        same("CN=x, OU=y; O=z", "CN=x,OU=y,O=z");
        same("CN=a;O=x,", "CN=a;O=x");
        same("CN=a;OU=b,O=c", "CN=a,OU=b,O=c");
        assertEquals("CN=a\0OU=c\0UID=b", TrustLists.nameKey("CN=a+UID=b;OU=c"));
    }

    @Test
    void commonNameInTextOrder() {
        assertEquals(
                "Example, Inc.", TrustLists.commonName("CN=Example, Inc.;O=x").orElseThrow());
        assertEquals("b", TrustLists.commonName("OU=x+CN=b,CN=a").orElseThrow());
        assertEquals("zz", TrustLists.commonName("CN=zz;CN=aa,b").orElseThrow());
        assertEquals("SAST-1", TrustLists.commonName("cn=\"SAST-1  \";ou=x").orElseThrow());
        assertTrue(TrustLists.commonName("O=x;C=US").isEmpty());
    }
}
