package io.github.itl4j.crypto;

import static io.github.itl4j.crypto.SigningTestSupport.PASSWORD;
import static io.github.itl4j.crypto.SigningTestSupport.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.crypto.KeyLoadException.Reason;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLoaderTest {
    private static final KeyLoader LOADER = KeyLoader.defaults();
    private static final BigInteger SIGNER_SERIAL = new BigInteger("4C1D6A0E93B52F7184A6E0D3597BC218", 16);
    private static final BigInteger ITLRECOVERY_SERIAL = new BigInteger("5A3E8F17C2D4096B7E1F83A5D06C924B", 16);

    private static void assertPair(SigningKey k, BigInteger serial) {
        assertEquals(serial, k.certificate().getSerialNumber());
        RSAPublicKey pub = (RSAPublicKey) k.certificate().getPublicKey();
        assertEquals(pub.getModulus(), ((RSAPrivateCrtKey) k.privateKey()).getModulus());
        assertTrue(k.isRsa());
        assertEquals(256, k.signatureLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"signer-pkcs1.key", "signer-pkcs8.key"})
    void pemKeyWithSeparateCertificate(String keyFile) throws Exception {
        assertPair(LOADER.pem(keys("signer.pem"), keys(keyFile), null), SIGNER_SERIAL);
    }

    @Test
    void unencryptedPkcs12KeyBagLoadsThroughBouncyCastle() throws Exception {
        // openssl pkcs12 -export -keypbe NONE -certpbe NONE -nomac: the JDK reads it as an empty store
        SigningKey k = LOADER.pkcs12(keys("unencrypted.p12"), "fuzz".toCharArray(), null);
        assertEquals(
                new BigInteger("8e9bb15d33b3621553faf72ca6e873ee", 16),
                k.certificate().getSerialNumber());
        assertEquals(128, k.signatureLength());
    }

    @Test
    void encryptedPkcs8NeedsTheRightPassword() throws Exception {
        assertPair(LOADER.pem(keys("signer.pem"), keys("signer-pkcs8-enc.key"), PASSWORD), SIGNER_SERIAL);
        assertEquals(
                Reason.WRONG_PASSWORD,
                assertThrows(
                                KeyLoadException.class,
                                () -> LOADER.pem(
                                        keys("signer.pem"), keys("signer-pkcs8-enc.key"), "nope".toCharArray()))
                        .reason());
        assertEquals(
                Reason.PASSWORD_REQUIRED,
                assertThrows(
                                KeyLoadException.class,
                                () -> LOADER.pem(keys("signer.pem"), keys("signer-pkcs8-enc.key"), null))
                        .reason());
    }

    @Test
    void encryptedPkcs8OverTheIterationCapIsRefused() {
        // the file uses 2048 PBKDF2 iterations
        assertEquals(
                Reason.LIMIT_EXCEEDED,
                assertThrows(KeyLoadException.class, () -> LOADER.withMaxPbeIterations(1000)
                                .pem(keys("signer.pem"), keys("signer-pkcs8-enc.key"), PASSWORD))
                        .reason());
    }

    @Test
    void combinedPemAsCertutilsWritesIt() throws Exception {
        Path combined = SigningTestSupport.certutils().resolve("certs/sast-rsa2048.pem");
        SigningKey k = LOADER.pem(combined, null);
        assertEquals(
                new BigInteger("d23143bb518e658e029e00183dce8a9e", 16),
                k.certificate().getSerialNumber());
        assertEquals(k.certificate(), LOADER.load(combined, null, null, null).certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"itlrecovery.p12", "itlrecovery-legacy-rc2.p12", "itlrecovery-legacy-3des.p12"})
    void pkcs12ModernAndLegacy(String file) throws Exception {
        SigningKey k = LOADER.pkcs12(keys(file), PASSWORD, null);
        assertPair(k, ITLRECOVERY_SERIAL);
        assertEquals(
                k.certificate(),
                LOADER.pkcs12(keys(file), PASSWORD, "itlrecovery").certificate());
        assertEquals(
                k.certificate(), LOADER.load(keys(file), null, PASSWORD, null).certificate());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"itlrecovery.p12", "itlrecovery-legacy-rc2.p12", "itlrecovery-legacy-3des.p12", "two-entries.p12"
            })
    void pkcs12WrongPasswordIsSaidPlainly(String file) {
        KeyLoadException e =
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(keys(file), "wrong".toCharArray(), null));
        assertEquals(Reason.WRONG_PASSWORD, e.reason());
        assertFalse(e.getMessage().contains("wrong\"") || e.getMessage().contains("'wrong'"), "no password echo");
    }

    @Test
    void pkcs12WithoutPassword() {
        assertEquals(
                Reason.PASSWORD_REQUIRED,
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(keys("itlrecovery.p12"), null, null))
                        .reason());
    }

    @Test
    void severalKeysNeedAnAliasAndTheErrorListsThem() throws Exception {
        KeyLoadException e =
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(keys("two-entries.p12"), PASSWORD, null));
        assertEquals(Reason.SEVERAL_KEYS, e.reason());
        assertTrue(e.getMessage().contains("ccm") && e.getMessage().contains("tftp"), e.getMessage());
        assertTrue(LOADER.pkcs12(keys("two-entries.p12"), PASSWORD, "tftp")
                .certificate()
                .getSubjectX500Principal()
                .getName()
                .contains("CN=tftp.example.test"));
        KeyLoadException missing =
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(keys("two-entries.p12"), PASSWORD, "capf"));
        assertEquals(Reason.ALIAS_NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("ccm, tftp"), missing.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cert-only.p12", "cert-only-jdk.p12"})
    void certificateOnlyPkcs12HasNoKey(String file) {
        assertEquals(
                Reason.NO_KEY,
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(keys(file), PASSWORD, null))
                        .reason());
    }

    @Test
    void keyOfAnotherCertificateIsAMismatch() {
        assertEquals(
                Reason.KEY_CERTIFICATE_MISMATCH,
                assertThrows(KeyLoadException.class, () -> LOADER.pem(keys("mismatch.pem"), keys("mismatch.key"), null))
                        .reason());
        assertEquals(
                Reason.KEY_CERTIFICATE_MISMATCH,
                assertThrows(
                                KeyLoadException.class,
                                () -> LOADER.pem(keys("signer.pem"), keys("itlrecovery.key"), null))
                        .reason());
    }

    @Test
    void ecKeysLoadButCannotSign() throws Exception {
        SigningKey ec = LOADER.pem(keys("ec256.pem"), keys("ec256.key"), null);
        assertFalse(ec.isRsa());
        assertEquals("EC", ec.algorithm());
        assertEquals(
                Reason.UNSUPPORTED_KEY,
                assertThrows(KeyLoadException.class, () -> ItlSigner.builder(ec).build())
                        .reason());
        assertEquals(
                Reason.KEY_CERTIFICATE_MISMATCH,
                assertThrows(
                                KeyLoadException.class,
                                () -> LOADER.pem(keys("ec256.pem"), keys("signer-pkcs8.key"), null))
                        .reason());
    }

    @Test
    void otherRsaSizes() throws Exception {
        assertEquals(
                128, LOADER.pem(keys("rsa1024.pem"), keys("rsa1024.key"), null).signatureLength());
        assertEquals(
                512, LOADER.pem(keys("rsa4096.pem"), keys("rsa4096.key"), null).signatureLength());
    }

    @Test
    void hostilePkcs12IterationCountIsRefusedBeforeAnyDerivation() throws Exception {
        Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(Files.readAllBytes(keys("itlrecovery.p12"))));
        MacData mac = pfx.getMacData();
        MacData hostile = new MacData(mac.getMac(), mac.getSalt(), 2_000_000_000);
        byte[] data = new Pfx(pfx.getAuthSafe(), hostile).getEncoded(ASN1Encoding.DER);
        KeyLoadException e = assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(data, PASSWORD, null));
        assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("2000000000"), e.getMessage());
    }

    @Test
    void garbageIsMalformed() {
        assertEquals(
                Reason.MALFORMED,
                assertThrows(
                                KeyLoadException.class,
                                () -> LOADER.pkcs12(new byte[] {0x30, 0x03, 0x02, 0x01, 0x03}, PASSWORD, null))
                        .reason());
        assertEquals(
                Reason.MALFORMED,
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(new byte[] {1, 2, 3}, PASSWORD, null))
                        .reason());
        assertEquals(
                Reason.NO_KEY,
                assertThrows(KeyLoadException.class, () -> LOADER.pemText("hello", null))
                        .reason());
    }

    @Test
    void missingFileIsAnIoError() {
        assertEquals(
                Reason.IO_ERROR,
                assertThrows(KeyLoadException.class, () -> LOADER.pkcs12(Path.of("does-not-exist.p12"), PASSWORD, null))
                        .reason());
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        SigningKey k = LOADER.pem(keys("signer.pem"), keys("signer-pkcs8.key"), null);
        String s = k.toString();
        assertTrue(s.startsWith("SigningKey[RSA-2048, ") && s.contains("CN=cucm-pub.example.test"), s);
        assertFalse(s.contains(
                ((RSAPrivateCrtKey) k.privateKey()).getPrivateExponent().toString(16)));
    }

    /** Issue 9 item 5: deep nesting in a certificate or key file is malformed input, never a StackOverflowError. */
    @Test
    void deeplyNestedCertificatesAndKeysAreMalformed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        byte[] indefinite = ItlVerifierTamperTest.nestedIndefinite(4000).toByteArray();
        byte[] definite = ItlVerifierTamperTest.nestedDefinite(4000).toByteArray();
        for (byte[] b : new byte[][] {indefinite, definite}) {
            Path der = Files.write(tmp.resolve("deep.der"), b);
            KeyLoadException e = assertThrows(
                    KeyLoadException.class, () -> KeyLoader.defaults().readCertificates(der));
            assertEquals(Reason.MALFORMED, e.reason());
            String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(b);
            Path pem = Files.writeString(
                    tmp.resolve("deep.pem"),
                    "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
            assertEquals(
                    Reason.MALFORMED,
                    assertThrows(KeyLoadException.class, () -> KeyLoader.defaults()
                                    .readCertificates(pem))
                            .reason());
            Path key = Files.writeString(
                    tmp.resolve("deep.key"),
                    "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
            assertEquals(
                    Reason.MALFORMED,
                    assertThrows(KeyLoadException.class, () -> KeyLoader.defaults()
                                    .pem(keys("signer.pem"), key, null))
                            .reason());
            Path p12 = Files.write(tmp.resolve("deep.p12"), b);
            assertEquals(
                    Reason.MALFORMED,
                    assertThrows(KeyLoadException.class, () -> KeyLoader.defaults()
                                    .pkcs12(p12, PASSWORD, null))
                            .reason());
        }
    }
}
