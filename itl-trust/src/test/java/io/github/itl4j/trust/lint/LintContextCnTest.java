package io.github.itl4j.trust.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CN lint shows for a record: read as the trust engine reads names (docs/trust.md §3.5), text and bytes alike. */
class LintContextCnTest {

    private static void cn(String expected, String name) {
        assertEquals(expected, LintContext.cn(name), name);
        byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected, LintContext.cn(b, 2, 2 + name.length()), name + " (bytes)");
    }

    @Test
    void plainNames() {
        cn("cm1", "CN=cm1;OU=VTG;O=Cisco;C=US");
        cn("cm1", "CN=cm1,OU=VTG,O=Cisco,C=US");
        cn("cm1", "C=US,O=Cisco, CN=cm1 ");
        cn("SAST", "cn=SAST;ou=IPCBU");
        cn("O=Cisco;C=US", "O=Cisco;C=US");
    }

    /** A ',' or '+' in a CUCM-form value, or an escaped one in RFC 4514 form, is part of the CN. */
    @Test
    void separatorsInsideValues() {
        cn("Example, Inc.", "CN=Example, Inc.;O=x;C=US");
        cn("Example, Inc.", "CN=Example, Inc.");
        cn("cm1", "CN=cm1;O=Example, Inc.;C=US");
        cn("a,b", "CN=a\\,b,O=x");
        cn("Voice+Video", "CN=Voice+Video;O=Acme");
        cn("x", "OU=A\\+B,CN=x");
        cn("a;b", "CN=a;b;O=x");
        cn("a; b", "O=x;CN=a; b ;OU=q");
    }
}
