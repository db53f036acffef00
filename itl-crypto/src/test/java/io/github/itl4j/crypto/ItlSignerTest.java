package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import java.nio.file.Files;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItlSignerTest {
    private static SigningKey signerKey() throws Exception {
        return KeyLoader.defaults()
                .pem(SigningTestSupport.keys("signer.pem"), SigningTestSupport.keys("signer-pkcs8.key"), null);
    }

    private static ItlFile build(ItlSigner s) throws Exception {
        return TrustListBuilder.builder(s)
                .add(s.key().certificate(), Role.SAST)
                .add(s.key().certificate(), Role.TFTP)
                .build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void signedTrustListVerifiesWithPlainJcaAndTamperingBreaksIt(int code) throws Exception {
        ItlSigner s = ItlSigner.builder(signerKey())
                .digest(DigestAlgorithm.of(code))
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
        ItlFile f = build(s);
        assertEquals(code, f.header().digestAlgorithm().orElseThrow().code());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(f));

        byte[] bytes = f.encoded().toByteArray();
        ItlFile reread = ItlReader.defaults().readTrustList(Bytes.copyOf(bytes));
        assertTrue(SigningTestSupport.jcaVerifyTrustList(reread));
        for (int at : new int[] {20, f.header().length() + 20, bytes.length - 1}) {
            ItlFile t = ItlReader.defaults().readTrustList(Bytes.wrapOwned(SigningTestSupport.flip(bytes, at)));
            assertFalse(SigningTestSupport.jcaVerify(t, s.key().certificate().getPublicKey()), "flip at " + at);
        }
    }

    @Test
    void signatureEqualsRawJcaSignatureOfTheSignedParts() throws Exception {
        ItlSigner s = ItlSigner.builder(signerKey())
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
        ItlFile f = build(s);
        Signature raw = Signature.getInstance("SHA1withRSA");
        raw.initSign(s.key().privateKey());
        for (Bytes p : f.signedParts()) {
            raw.update(p.toByteArray());
        }
        assertArrayEquals(raw.sign(), f.header().signature().orElseThrow().toByteArray());
        assertEquals(s.signature(f), f.header().signature().orElseThrow());
    }

    @Test
    void deterministicForAFixedClockAndTheTimestampComesFromIt() throws Exception {
        SigningKey k = signerKey();
        ItlFile a = build(ItlSigner.builder(k)
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build());
        ItlFile b = build(ItlSigner.builder(k)
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build());
        ItlFile c = build(ItlSigner.builder(k)
                .clock(SigningTestSupport.fixedClock(1_700_000_001L))
                .build());
        assertEquals(a.encoded(), b.encoded());
        assertNotEquals(a.encoded(), c.encoded());
        assertEquals(1_700_000_000L, a.header().timestampSeconds().orElseThrow());
    }

    @Test
    void bouncyCastleProviderGivesTheSameBytes() throws Exception {
        SigningKey k = signerKey();
        ItlSigner jdk = ItlSigner.builder(k)
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
        ItlSigner bc = ItlSigner.builder(k)
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .provider(new BouncyCastleProvider())
                .build();
        assertEquals("BC", bc.provider().getName());
        assertEquals(build(jdk).encoded(), build(bc).encoded());
    }

    /** A provider whose RSA signatures always fail, as a removed token or an unreachable HSM would. */
    public static final class BrokenSignature extends java.security.SignatureSpi {
        @Override
        protected void engineInitVerify(java.security.PublicKey publicKey) {}

        @Override
        protected void engineInitSign(java.security.PrivateKey privateKey) {}

        @Override
        protected void engineUpdate(byte b) {}

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {}

        @Override
        protected byte[] engineSign() throws java.security.SignatureException {
            throw new java.security.SignatureException("token removed");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return false;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {}

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    /** Issue 10: a provider failure is not malformed input: not an ItlException, and says it is the provider's. */
    @Test
    void aProviderFailureIsASigningExceptionNotAFormatError() throws Exception {
        java.security.Provider broken = new java.security.Provider("Broken", "1", "fails") {
            private static final long serialVersionUID = 1L;

            {
                put("Signature.SHA1withRSA", BrokenSignature.class.getName());
            }
        };
        ItlSigner s = ItlSigner.builder(signerKey()).provider(broken).build();
        ItlSigningException e = assertThrows(ItlSigningException.class, () -> s.signConfig(Bytes.utf8("x"), "x.sgn"));
        assertEquals(ItlSigningException.Reason.SIGNATURE_FAILED, e.reason());
        assertTrue(e.isProviderFailure());
        assertTrue(e.getMessage().contains("token removed"), e.getMessage());
        assertFalse(io.github.itl4j.ItlException.class.isAssignableFrom(ItlSigningException.class));
        assertTrue(java.security.GeneralSecurityException.class.isAssignableFrom(ItlSigningException.class));
    }

    @Test
    void refusesAHeaderThatReservesAnotherSignatureSize() throws Exception {
        SigningKey small = KeyLoader.defaults()
                .pem(SigningTestSupport.keys("rsa1024.pem"), SigningTestSupport.keys("rsa1024.key"), null);
        ItlSigner s1024 = ItlSigner.builder(small).build();
        SgnFile f = s1024.signConfig(Bytes.utf8("x"), "x.sgn");
        ItlSigningException e = assertThrows(
                ItlSigningException.class,
                () -> ItlSigner.builder(signerKey()).build().sign(f));
        assertEquals(ItlSigningException.Reason.SIGNATURE_SIZE, e.reason());
    }

    @Test
    void refusesAHeaderNamingAnotherSigner() throws Exception {
        SigningKey other = KeyLoader.defaults()
                .pem(SigningTestSupport.keys("itlrecovery.pem"), SigningTestSupport.keys("itlrecovery.key"), null);
        SgnFile f = ItlSigner.builder(other).build().signConfig(Bytes.utf8("x"), "x.sgn");
        assertEquals(
                ItlSigningException.Reason.SIGNER_MISMATCH,
                assertThrows(
                                ItlSigningException.class,
                                () -> ItlSigner.builder(signerKey()).build().sign(f))
                        .reason());
    }

    @Test
    void refusesAnUnknownDigestInTheHeader() throws Exception {
        ItlSigner s = ItlSigner.builder(signerKey()).build();
        ItlHeader h = ItlHeader.builder()
                .version(io.github.itl4j.Version.V1_0)
                .fileName("x.sgn")
                .signer(s.headerSigner(NameFormat.CUCM))
                .build();
        // DIGESTALGORITHM 9 is unknown
        ItlHeader bad = h.withSigner(new ItlHeader.Signer(
                h.find(4).orElseThrow().value(),
                h.serialNumber().orElseThrow(),
                h.find(6).orElseThrow().value(),
                256,
                DigestAlgorithm.of(9),
                1L));
        assertEquals(
                ItlSigningException.Reason.UNKNOWN_DIGEST,
                assertThrows(ItlSigningException.class, () -> s.sign(SgnFile.of(bad, Bytes.EMPTY)))
                        .reason());
    }

    @Test
    void ecKeyIsRefusedWithAClearCode() throws Exception {
        SigningKey ec = KeyLoader.defaults()
                .pem(SigningTestSupport.keys("ec256.pem"), SigningTestSupport.keys("ec256.key"), null);
        KeyLoadException e =
                assertThrows(KeyLoadException.class, () -> ItlSigner.builder(ec).build());
        assertEquals(KeyLoadException.Reason.UNSUPPORTED_KEY, e.reason());
        assertTrue(e.getMessage().contains("RSA"));
    }

    @Test
    void signConfigRoundTripsThroughTheReaderAndStrip() throws Exception {
        byte[] xml = Files.readAllBytes(SigningTestSupport.certutils().resolve("sgn/dialplan.xml"));
        ItlSigner s =
                ItlSigner.builder(signerKey()).digest(DigestAlgorithm.SHA512).build();
        SgnFile f = s.signConfig(Bytes.wrapOwned(xml), "dialplan.xml.sgn");
        SgnFile reread = ItlReader.defaults().readSigned(f.encoded());
        assertTrue(SigningTestSupport.jcaVerify(reread, s.key().certificate().getPublicKey()));
        assertArrayEquals(xml, ItlSigner.strip(reread).toByteArray());
        assertEquals("dialplan.xml.sgn", reread.header().fileName().orElseThrow());
        assertTrue(reread.header().signerVersion().isEmpty());
    }
}
