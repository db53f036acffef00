package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.tlv.Tlv;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ASN.1 nested as deep as the space allows (a SEQUENCE in a SEQUENCE in ...): parsers that recurse per level can
 * overflow the stack, which would escape as a {@link StackOverflowError} rather than a result or a checked
 * exception. Covers the ITL record fields the verifier decodes (PUBLICKEY, CERTIFICATE) and the key loader's
 * PKCS#12 and PEM inputs.
 */
class DeepNestingTest {
    /**
     * Size of the nested key inputs: about 25,000 levels, far beyond what a recursive parser survives on a default
     * thread stack. (At the 1 MiB key-file cap, Bouncy Castle takes seconds to reject such input: key files are
     * trusted input, see SECURITY.md.)
     */
    static final int DEEP_KEY_FILE = 100_000;

    /** DER: SEQUENCEs nested until the encoding reaches about {@code max} bytes. */
    static byte[] nested(int max) {
        byte[] cur = {0x30, 0};
        while (true) {
            int len = cur.length;
            int hdr = len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5;
            if (len + hdr > max) {
                return cur;
            }
            byte[] next = new byte[len + hdr];
            next[0] = 0x30;
            if (hdr == 2) {
                next[1] = (byte) len;
            } else {
                next[1] = (byte) (0x80 | (hdr - 2));
                for (int i = 0; i < hdr - 2; i++) {
                    next[hdr - 1 - i] = (byte) (len >>> (8 * i));
                }
            }
            System.arraycopy(cur, 0, next, hdr, len);
            cur = next;
        }
    }

    /** n01 with the signer record's CERTIFICATE removed (tag 9) or replaced, and PUBLICKEY replaced. */
    private static ItlFile signerRecordWith(int tag, Bytes value, boolean dropCertificate) throws Exception {
        ItlFile f =
                ItlReader.defaults().readTrustList(Vectors.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n01.tlv"));
        List<Tlv> fields = new ArrayList<>();
        for (Tlv t : f.records().get(0).fields()) {
            if (t.tag() == tag) {
                fields.add(new Tlv(tag, value));
            } else if (!(dropCertificate && t.tag() == RecordTags.CERTIFICATE)) {
                fields.add(t);
            }
        }
        return ItlFile.of(f.header(), List.of(ItlRecord.of(fields)));
    }

    @Test
    void deeplyNestedPublicKeyIsReportedNotThrown() throws Exception {
        byte[] deep = nested(65000);
        ItlFile f = signerRecordWith(RecordTags.PUBLIC_KEY, Bytes.wrapOwned(deep), true);
        ItlFile read = ItlReader.defaults().readTrustList(f.encoded());
        VerificationResult r = ItlVerifier.builder().build().verify(read);
        assertFalse(r.isVerified());
        assertTrue(r.has(ProblemCode.PUBLIC_KEY_MALFORMED), () -> r.problems().toString());
    }

    @Test
    void deeplyNestedCertificateIsReportedNotThrown() throws Exception {
        byte[] deep = nested(64000); // the record's other fields take the rest of its 65535 bytes
        ItlFile f = signerRecordWith(RecordTags.CERTIFICATE, Bytes.wrapOwned(deep), false);
        VerificationResult r =
                ItlVerifier.builder().build().verify(ItlReader.defaults().readTrustList(f.encoded()));
        assertFalse(r.isVerified());
        assertTrue(r.has(ProblemCode.CERTIFICATE_ENCODING_REFUSED), () -> r.problems()
                .toString());
    }

    /**
     * Issue 9 item 5: 4,000 nested indefinite-length SEQUENCEs ({@code 30 80}, 16 KB) overflowed the JDK's BER
     * converter; now refused before any parser, in memory and streaming, with and without record checks.
     */
    @Test
    void nestedIndefiniteLengthCertificateIsReportedNotThrown() throws Exception {
        byte[] deep = new byte[4000 * 4];
        for (int i = 0; i < 4000; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = (byte) 0x80;
        }
        ItlFile f = ItlReader.defaults()
                .readTrustList(signerRecordWith(RecordTags.CERTIFICATE, Bytes.wrapOwned(deep), false)
                        .encoded());
        for (ItlVerifier v : List.of(
                ItlVerifier.builder().build(),
                ItlVerifier.builder().checkRecords(false).build(),
                ItlVerifier.builder().trustInstalled(f).build())) {
            VerificationResult r = v.verify(f);
            assertFalse(r.isVerified());
            assertTrue(r.has(ProblemCode.CERTIFICATE_ENCODING_REFUSED), () -> r.problems()
                    .toString());
            VerificationResult s =
                    v.verify(new java.io.ByteArrayInputStream(f.encoded().toByteArray()));
            assertTrue(s.has(ProblemCode.CERTIFICATE_ENCODING_REFUSED), () -> s.problems()
                    .toString());
        }
    }

    @Test
    void deeplyNestedPkcs12IsAKeyLoadException() {
        byte[] deep = nested(DEEP_KEY_FILE);
        KeyLoadException e =
                assertThrows(KeyLoadException.class, () -> KeyLoader.defaults().pkcs12(deep, "x".toCharArray(), null));
        assertTrue(e.reason() == KeyLoadException.Reason.MALFORMED, e::toString);
    }

    @Test
    void deeplyNestedPemKeyIsAKeyLoadException() {
        for (String type : new String[] {"PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "CERTIFICATE"}) {
            String b64 = Base64.getMimeEncoder().encodeToString(nested(DEEP_KEY_FILE));
            String pem = "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
            KeyLoadException e = assertThrows(
                    KeyLoadException.class, () -> KeyLoader.defaults().pemText(pem, "x".toCharArray()), type);
            assertTrue(
                    e.reason() == KeyLoadException.Reason.MALFORMED || e.reason() == KeyLoadException.Reason.NO_KEY,
                    e::toString);
        }
    }
}
