package io.github.itl4j.crypto.enc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** SPEC-trust.md 6.9 T1-T10 against the certutils {@code enccnf} vectors, and hostile input. */
class EncryptedConfigTest {
    static final long TIMESTAMP = 1795957982L;

    static Path testdata() {
        String p = System.getProperty("itl.testdata");
        return p != null ? Paths.get(p) : Paths.get("..", "testdata");
    }

    static Path enc(String name) {
        return testdata().resolve("vectors/enccnf").resolve(name);
    }

    static SigningKey key(String name) throws Exception {
        Path d = testdata().resolve("vectors/certutils/certs");
        return KeyLoader.defaults().pem(d.resolve(name + ".crt.pem"), d.resolve(name + ".key.pem"), null);
    }

    static X509Certificate cert(String name) throws Exception {
        return KeyLoader.defaults()
                .readCertificates(testdata().resolve("vectors/certutils/certs/" + name + ".crt.pem"))
                .get(0);
    }

    static ItlSigner tftp(DigestAlgorithm d) throws Exception {
        return ItlSigner.builder(key("tftp-rsa2048"))
                .digest(d)
                .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC))
                .build();
    }

    static SgnFile read(byte[] b) throws ItlException {
        return ItlReader.defaults().readSigned(Bytes.wrapOwned(b));
    }

    static byte[] bytes(String name) throws Exception {
        return Files.readAllBytes(enc(name));
    }

    static String sha(String alg, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
    }

    @Test
    void vectorsAreTheOnesTheSpecNames() throws Exception {
        assertEquals(
                "93d970776f1f0145cd82e2c6fceceac5c60178c323fdf98d47cc7fe79ba98ab7",
                sha("SHA-256", bytes("SEP001122334455.cnf.xml.enc.sgn")));
        assertEquals(
                "566fc4a7ed153def7b238a5449a412fc1b89482b04d0b738b1bf930b61ebefb3",
                sha("SHA-256", bytes("v2/SEP00112233AAFF.cnf.xml.enc.sgn")));
    }

    @Test
    void t1DecryptsVectorOneAndVerifiesItsSignature() throws Exception {
        SgnFile f = read(bytes("SEP001122334455.cnf.xml.enc.sgn"));
        assertEquals(Version.V2_0, f.header().version());
        assertEquals(784, f.header().length());
        assertTrue(EncryptionInfo.isEncrypted(f.header()));
        assertFalse(EncryptionInfo.isEncrypted(
                read(bytes("SEP001122334455.cnf.xml.sgn")).header()));
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build()
                .decrypt(f);
        assertTrue(d.verification().orElseThrow().isVerified());
        assertArrayEquals(bytes("plain.cnf.xml"), d.plaintext().toByteArray());
        assertEquals(
                "3718ec35a4492635269bc0221bdaeb10d80c9cf1",
                d.info().plainDigest().toHex());
        assertEquals(10, d.info().padCount());
        assertEquals(2048, d.info().keySize().getAsInt());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Test
    void t2DecryptsVectorTwoSha512PadSixteen() throws Exception {
        SgnFile f = read(bytes("v2/SEP00112233AAFF.cnf.xml.enc.sgn"));
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node03-rsa1024").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build()
                .decrypt(f);
        assertArrayEquals(bytes("v2/plain.cnf.xml"), d.plaintext().toByteArray());
        assertEquals(16, d.info().padCount());
        assertEquals(1024, d.info().keySize().getAsInt());
        assertEquals(DigestAlgorithm.SHA512, d.info().plainDigestAlgorithm());
        assertTrue(d.has(EncryptedConfigCode.SHA512));
        assertTrue(d.isValid());
    }

    @Test
    void t3WrongDeviceKeyCannotUnwrap() throws Exception {
        SgnFile f = read(bytes("SEP001122334455.cnf.xml.enc.sgn"));
        EncryptedConfigException e =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                                key("node05-rsa2048").privateKey())
                        .signer(cert("tftp-rsa2048"))
                        .build()
                        .decrypt(f));
        assertEquals(EncryptedConfigCode.UNWRAP_FAILED, e.code());
        assertEquals(498 - 3, e.offset());
        // a key of another size: refused by length, before RSA
        e = assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                        key("node03-rsa1024").privateKey())
                .noVerify()
                .build()
                .decrypt(f));
        assertEquals(EncryptedConfigCode.UNWRAP_FAILED, e.code());
    }

    @Test
    void t4FlippedCiphertextFailsTheSignatureThenTheDigest() throws Exception {
        byte[] b = bytes("SEP001122334455.cnf.xml.enc.sgn");
        b[800] ^= 0x01;
        SgnFile f = read(b);
        EncryptedConfigException e =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                                key("node01-rsa2048").privateKey())
                        .signer(cert("tftp-rsa2048"))
                        .build()
                        .decrypt(f));
        assertEquals(EncryptedConfigCode.SIGNATURE_INVALID, e.code());
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .noVerify()
                .build()
                .decrypt(f);
        assertTrue(d.has(EncryptedConfigCode.DIGEST_MISMATCH));
        assertFalse(d.isValid());
        assertTrue(d.verification().isEmpty());
        e = assertThrows(EncryptedConfigException.class, d::plaintext);
        assertEquals(EncryptedConfigCode.DIGEST_MISMATCH, e.code());
        assertTrue(e.getMessage().startsWith("ENC_DIGEST_MISMATCH"), e.getMessage());
    }

    @Test
    void t5PadCountZeroStripsNothingWarnsAndMismatches() throws Exception {
        byte[] b = bytes("SEP001122334455.cnf.xml.enc.sgn");
        assertEquals(20, b[474]);
        b[477] = 0;
        b[478] = 0;
        SgnFile resigned = tftp(DigestAlgorithm.SHA1).sign(read(b));
        SgnFile f = read(resigned.encoded().toByteArray());
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build()
                .decrypt(f);
        assertTrue(d.verification().orElseThrow().isVerified());
        assertTrue(d.has(EncryptedConfigCode.PAD_COUNT_ZERO));
        assertTrue(d.has(EncryptedConfigCode.DIGEST_MISMATCH));
        byte[] plain = bytes("plain.cnf.xml");
        byte[] expected = Arrays.copyOf(plain, plain.length + 10);
        Arrays.fill(expected, plain.length, expected.length, (byte) 0x0D);
        assertArrayEquals(expected, d.plaintextUnchecked().toByteArray());
    }

    @Test
    void padCountOverSixteenAndNonPadBytesAreReported() throws Exception {
        byte[] b = bytes("SEP001122334455.cnf.xml.enc.sgn");
        b[477] = (byte) 0xFF;
        b[478] = (byte) 0xFF;
        EncryptedConfigException e =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                                key("node01-rsa2048").privateKey())
                        .noVerify()
                        .build()
                        .decrypt(read(b)));
        assertEquals(EncryptedConfigCode.PAD_COUNT_INVALID, e.code());
        assertEquals(474, e.offset());
        b[477] = 0;
        b[478] = 11; // strips one byte of '>' '\n' too
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .noVerify()
                .build()
                .decrypt(read(b));
        assertTrue(d.has(EncryptedConfigCode.PAD_BYTES));
        assertTrue(d.has(EncryptedConfigCode.DIGEST_MISMATCH));
    }

    @Test
    void t6StubIsByteExact() throws Exception {
        EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1))
                .timestamp(TIMESTAMP)
                .build();
        SgnFile stub =
                b.stub(Bytes.wrapOwned(bytes("plain.cnf.xml")), cert("node01-rsa2048"), "SEP001122334455.cnf.xml.sgn");
        assertArrayEquals(bytes("SEP001122334455.cnf.xml.sgn"), stub.encoded().toByteArray());
        assertEquals("d1eed68818f32a3d41dc4211da6e087c", ConfigStub.findCertHash(stub.payload()));
        assertEquals(306, stub.payload().size());
    }

    @Test
    void t6StubOfVectorTwoIsByteExact() throws Exception {
        byte[] expected = bytes("v2/SEP00112233AAFF.cnf.xml.sgn");
        long ts = read(expected).header().timestampSeconds().orElseThrow();
        EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA512))
                .timestamp(ts)
                .build();
        SgnFile stub = b.stub(
                Bytes.wrapOwned(bytes("v2/plain.cnf.xml")), cert("node03-rsa1024"), "SEP00112233AAFF.cnf.xml.sgn");
        assertArrayEquals(expected, stub.encoded().toByteArray());
    }

    @Test
    void t7RebuildsVectorOneByteForByte() throws Exception {
        byte[] golden = bytes("SEP001122334455.cnf.xml.enc.sgn");
        Bytes g = Bytes.wrapOwned(golden);
        Bytes iv = g.slice(458, 16);
        Bytes wrapped = g.slice(498, 256);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key("node01-rsa2048").privateKey());
        Bytes k = Bytes.wrapOwned(rsa.doFinal(wrapped.toByteArray()));
        EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1))
                .timestamp(TIMESTAMP)
                .randomness(EncryptionRandomness.fixed(iv, k, wrapped))
                .build();
        SgnFile built = b.encrypt(
                Bytes.wrapOwned(bytes("plain.cnf.xml")), cert("node01-rsa2048"), "SEP001122334455.cnf.xml.enc.sgn");
        assertArrayEquals(golden, built.encoded().toByteArray());
    }

    @Test
    void t7RebuildsVectorTwoByteForByte() throws Exception {
        byte[] golden = bytes("v2/SEP00112233AAFF.cnf.xml.enc.sgn");
        SgnFile f = read(golden);
        EncryptionInfo info = EncryptionInfo.of(f);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key("node03-rsa1024").privateKey());
        Bytes w = info.wrappedKey().orElseThrow();
        Bytes k = Bytes.wrapOwned(rsa.doFinal(w.toByteArray()));
        EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1))
                .digest(DigestAlgorithm.SHA512)
                .timestamp(f.header().timestampSeconds().orElseThrow())
                .randomness(EncryptionRandomness.fixed(info.iv(), k, w))
                .build();
        SgnFile built = b.encrypt(
                Bytes.wrapOwned(bytes("v2/plain.cnf.xml")), cert("node03-rsa1024"), "SEP00112233AAFF.cnf.xml.enc.sgn");
        assertArrayEquals(golden, built.encoded().toByteArray());
    }

    @Test
    void t8EcDeviceCertificateIsRefusedWithE01() throws Exception {
        EncryptedConfigBuilder b =
                EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1)).build();
        EncryptedConfigException e = assertThrows(
                EncryptedConfigException.class,
                () -> b.encrypt(
                        Bytes.wrapOwned(bytes("plain.cnf.xml")),
                        cert("node02-ec256"),
                        "SEP001122334455.cnf.xml.enc.sgn"));
        assertEquals(EncryptedConfigCode.DEVICE_KEY_NOT_RSA, e.code());
        assertEquals("E01", e.code().check());
        assertTrue(e.getMessage().contains("EC"), e.getMessage());
    }

    @Test
    void t9UndeclaredPrefixWorksAndTheStubDropsRootAttributes() throws Exception {
        String src = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device xsi:type=\"axl:XIPPhone\" ctiid=\"1\">\n"
                + "  <fullConfig>true</fullConfig>\n  <ipAddressMode>0</ipAddressMode>\n"
                + "  <capfAuthMode>0</capfAuthMode>\n  <capfList>\n    <capf>\n      <phonePort>3804</phonePort>\n"
                + "      <processNodeName xsi:nil=\"true\">cucm&amp;1</processNodeName>\n    </capf>\n"
                + "  </capfList>\n  <loadInformation/>\n  <sshPassword>s</sshPassword>\n</device>\n";
        Bytes plain = Bytes.utf8(src);
        EncryptedConfigBuilder b =
                EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1)).build();
        SgnFile enc = b.encrypt(plain, cert("node01-rsa2048"), "SEP001122334455.cnf.xml.enc.sgn");
        SgnFile stub = b.stub(plain, cert("node01-rsa2048"), "SEP001122334455.cnf.xml.sgn");
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device>\n  <fullConfig>false</fullConfig>\n"
                + "  <ipAddressMode>0</ipAddressMode>\n  <capfAuthMode>0</capfAuthMode>\n  <capfList>\n"
                + "    <capf>\n      <phonePort>3804</phonePort>\n"
                + "      <processNodeName xsi:nil=\"true\">cucm&amp;1</processNodeName>\n    </capf>\n"
                + "  </capfList>\n  <loadInformation/>\n  <certHash>d1eed68818f32a3d41dc4211da6e087c</certHash>\n"
                + "  <encrConfig>true</encrConfig>\n</device>\n";
        assertEquals(expected, new String(stub.payload().toByteArray(), StandardCharsets.UTF_8));
        DecryptedConfig d = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build()
                .decrypt(read(enc.encoded().toByteArray()));
        assertEquals(plain, d.plaintext()); // the plaintext is never re-serialised
    }

    @Test
    void stubSourceThatIsNotADeviceConfigIsRefused() throws Exception {
        EncryptedConfigBuilder b =
                EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA1)).build();
        for (String s : new String[] {
            "",
            "<phone/>",
            "<device><a></device>",
            "<!DOCTYPE x [<!ENTITY a 'b'>]><device/>",
            "<device>&xxe;</device>",
            "<device a=1/>",
            "not xml",
            "<device/><x/>",
            "<a>".repeat(200) + "</a>".repeat(200)
        }) {
            EncryptedConfigException e = assertThrows(
                    EncryptedConfigException.class, () -> b.stub(Bytes.utf8(s), cert("node01-rsa2048"), "x.sgn"), s);
            assertEquals(EncryptedConfigCode.NOT_DEVICE_CONFIG, e.code(), s);
        }
    }

    @Test
    void t10RoundTripsAndPadCounts() throws Exception {
        int[] lengths = {0, 1, 15, 16, 17, 4096};
        int[] pads = {16, 15, 1, 16, 15, 16};
        SecureRandom r = new SecureRandom();
        EncryptedConfigBuilder b =
                EncryptedConfigBuilder.builder(tftp(DigestAlgorithm.SHA512)).build();
        EncryptedConfigDecryptor dec = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build();
        for (int i = 0; i < lengths.length; i++) {
            byte[] p = new byte[lengths[i]];
            r.nextBytes(p);
            SgnFile enc = b.encrypt(Bytes.wrapOwned(p.clone()), cert("node01-rsa2048"), "SEPX.cnf.xml.enc.sgn");
            assertEquals(0, enc.header().length() % 4);
            DecryptedConfig d = dec.decrypt(read(enc.encoded().toByteArray()));
            assertEquals(pads[i], d.info().padCount(), "length " + lengths[i]);
            assertArrayEquals(p, d.plaintext().toByteArray(), "length " + lengths[i]);
            assertEquals(lengths[i] + pads[i], d.info().body().size());
        }
    }

    @Test
    void everyTruncationAndBitFlipEndsInATypedError() throws Exception {
        byte[] golden = bytes("SEP001122334455.cnf.xml.enc.sgn");
        EncryptedConfigDecryptor verifying = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"))
                .build();
        EncryptedConfigDecryptor raw = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .noVerify()
                .build();
        for (int n = 0; n < golden.length; n++) {
            byte[] t = Arrays.copyOf(golden, n);
            assertThrows(ItlException.class, () -> verifying.decrypt(read(t)), "truncated to " + n);
        }
        for (int i = 0; i < golden.length; i++) {
            byte[] t = golden.clone();
            t[i] ^= (byte) (1 << (i % 8));
            assertThrows(ItlException.class, () -> verifying.decrypt(read(t)), "bit flip at " + i);
            try {
                DecryptedConfig d = raw.decrypt(read(t));
                // without the signature the result may be usable, but never silently wrong
                if (d.isValid()) {
                    assertArrayEquals(bytes("plain.cnf.xml"), d.plaintext().toByteArray(), "flip at " + i);
                }
            } catch (ItlException expected) {
                // typed
            }
        }
    }

    @Test
    void manualKeyFileNeedsTheSymmetricKey() throws Exception {
        // a manual-key file: ENCRYPTIONINFO holds IVINFO only (no KEYINFO, no ENCRYPTEDKEY)
        byte[] plain = bytes("plain.cnf.xml");
        byte[] k = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(k);
        new SecureRandom().nextBytes(iv);
        int n = 16 - plain.length % 16;
        byte[] padded = Arrays.copyOf(plain, plain.length + n);
        Arrays.fill(padded, plain.length, padded.length, (byte) 0x0D);
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(
                Cipher.ENCRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(k, "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        byte[] body = aes.doFinal(padded);
        ItlSigner signer = tftp(DigestAlgorithm.SHA1);
        io.github.itl4j.ItlHeader h = io.github.itl4j.ItlHeader.builder()
                .version(Version.V2_0)
                .layout(io.github.itl4j.Layout.CERTUTILS)
                .fileName("SEPX.cnf.xml.enc.sgn")
                .signer(signer.headerSigner(io.github.itl4j.crypto.NameFormat.CERTUTILS))
                .addElement(new io.github.itl4j.tlv.Container(
                        io.github.itl4j.HeaderTags.ENCRYPTION_INFO,
                        java.util.List.of(new io.github.itl4j.tlv.Container(
                                io.github.itl4j.HeaderTags.IV_INFO,
                                java.util.List.of(
                                        new io.github.itl4j.tlv.Tlv(io.github.itl4j.HeaderTags.IV, Bytes.wrapOwned(iv)),
                                        new io.github.itl4j.tlv.Tlv(
                                                io.github.itl4j.HeaderTags.PAD_COUNT,
                                                Bytes.wrapOwned(new byte[] {0, (byte) n})))))))
                .addElement(new io.github.itl4j.tlv.Tlv(
                        io.github.itl4j.HeaderTags.PLAIN_DIGEST_ALGORITHM, Bytes.wrapOwned(new byte[] {1})))
                .addElement(new io.github.itl4j.tlv.Tlv(
                        io.github.itl4j.HeaderTags.PLAIN_DIGEST,
                        Bytes.wrapOwned(MessageDigest.getInstance("SHA-1").digest(plain))))
                .build();
        SgnFile f =
                read(signer.sign(SgnFile.of(h, Bytes.wrapOwned(body))).encoded().toByteArray());
        assertTrue(EncryptionInfo.of(f).wrappedKey().isEmpty());
        EncryptedConfigException e =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                                key("node01-rsa2048").privateKey())
                        .signer(cert("tftp-rsa2048"))
                        .build()
                        .decrypt(f));
        assertEquals(EncryptedConfigCode.SYMMETRIC_KEY_REQUIRED, e.code());
        DecryptedConfig d = EncryptedConfigDecryptor.builder(null)
                .symmetricKey(k)
                .signer(cert("tftp-rsa2048"))
                .build()
                .decrypt(f);
        assertArrayEquals(plain, d.plaintext().toByteArray());
        e = assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(null)
                .symmetricKey(new byte[5])
                .noVerify()
                .build()
                .decrypt(f));
        assertEquals(EncryptedConfigCode.KEY_LENGTH, e.code());
    }

    @Test
    void decryptorWithoutDeviceKeyForAWrappedKeyIsRefused() throws Exception {
        EncryptedConfigException e =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(null)
                        .noVerify()
                        .build()
                        .decrypt(read(bytes("SEP001122334455.cnf.xml.enc.sgn"))));
        assertEquals(EncryptedConfigCode.DEVICE_KEY_UNSUPPORTED, e.code());
        EncryptedConfigException ec =
                assertThrows(EncryptedConfigException.class, () -> EncryptedConfigDecryptor.builder(
                                key("node02-ec256").privateKey())
                        .noVerify()
                        .build()
                        .decrypt(read(bytes("SEP001122334455.cnf.xml.enc.sgn"))));
        assertEquals(EncryptedConfigCode.DEVICE_KEY_NOT_RSA, ec.code());
        assertEquals("E01", ec.code().check());
        assertTrue(ec.code().isError());
        assertTrue(ec.getMessage().contains("EC"), ec.getMessage());
        assertEquals(495, ec.offset());
    }

    @Test
    void e08StubNamesTheDeviceCertificate() throws Exception {
        X509Certificate node01 = cert("node01-rsa2048");
        SgnFile stub = read(bytes("SEP001122334455.cnf.xml.sgn"));
        assertTrue(ConfigStub.check(stub, node01).isEmpty());
        // missing
        EncryptedConfigProblem missing = ConfigStub.check(null, node01).orElseThrow();
        assertEquals(EncryptedConfigCode.STUB_MISMATCH, missing.code());
        assertEquals("E08", missing.code().check());
        assertFalse(missing.isError());
        assertTrue(missing.message().contains("d1eed68818f32a3d41dc4211da6e087c"), missing.message());
        // another phone's certificate
        EncryptedConfigProblem other =
                ConfigStub.check(stub, cert("node05-rsa2048")).orElseThrow();
        assertEquals(EncryptedConfigCode.STUB_MISMATCH, other.code());
        assertTrue(other.message().contains("d1eed68818f32a3d41dc4211da6e087c"), other.message());
        assertTrue(other.message().contains(ConfigStub.certHash(cert("node05-rsa2048"))), other.message());
        // the stub of vector 2 (node03) beside vector 1
        assertTrue(ConfigStub.check(read(bytes("v2/SEP00112233AAFF.cnf.xml.sgn")), node01)
                .isPresent());
        // a stub without certHash, and one that is not a device configuration
        SgnFile noHash = SgnFile.of(
                stub.header(),
                Bytes.wrapOwned("<device><fullConfig>false</fullConfig></device>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(ConfigStub.check(noHash, node01).orElseThrow().message().contains("no <certHash>"));
        SgnFile notXml = SgnFile.of(stub.header(), Bytes.wrapOwned("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                EncryptedConfigCode.STUB_MISMATCH,
                ConfigStub.check(notXml, node01).orElseThrow().code());
    }

    @Test
    void e08IsReportedByTheDecryptorWhenAskedFor() throws Exception {
        SgnFile f = read(bytes("SEP001122334455.cnf.xml.enc.sgn"));
        SgnFile stub = read(bytes("SEP001122334455.cnf.xml.sgn"));
        EncryptedConfigDecryptor.Builder b = EncryptedConfigDecryptor.builder(
                        key("node01-rsa2048").privateKey())
                .signer(cert("tftp-rsa2048"));
        DecryptedConfig plain = b.build().decrypt(f);
        assertFalse(plain.has(EncryptedConfigCode.STUB_MISMATCH));
        DecryptedConfig good = b.checkStub(stub, cert("node01-rsa2048")).build().decrypt(f);
        assertTrue(good.problems().isEmpty(), good.problems().toString());
        DecryptedConfig none = b.checkStub(null, cert("node01-rsa2048")).build().decrypt(f);
        assertTrue(none.has(EncryptedConfigCode.STUB_MISMATCH));
        assertTrue(none.isValid(), "E08 is a warning");
        assertArrayEquals(bytes("plain.cnf.xml"), none.plaintext().toByteArray());
        DecryptedConfig wrong = b.checkStub(read(bytes("v2/SEP00112233AAFF.cnf.xml.sgn")), cert("node01-rsa2048"))
                .build()
                .decrypt(f);
        assertTrue(wrong.has(EncryptedConfigCode.STUB_MISMATCH));
    }

    @Test
    void trustListVerificationUsesTheTftpRecord() throws Exception {
        // the golden file verifies against an ITL of the same test set holding tftp-rsa2048 as TFTP
        Path itlDir = testdata().resolve("vectors/certutils/itl");
        byte[] tftpDer = cert("tftp-rsa2048").getEncoded();
        try (var s = Files.list(itlDir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                io.github.itl4j.ItlFile itl =
                        ItlReader.defaults().readTrustList(Bytes.wrapOwned(Files.readAllBytes(p)));
                boolean hasTftp = itl.records().stream()
                        .anyMatch(r -> r.certificate().isPresent()
                                && r.role()
                                        .filter(io.github.itl4j.Role.TFTP::equals)
                                        .isPresent()
                                && Arrays.equals(r.certificate().get().toByteArray(), tftpDer));
                EncryptedConfigDecryptor dec = EncryptedConfigDecryptor.builder(
                                key("node01-rsa2048").privateKey())
                        .trustList(itl)
                        .build();
                if (hasTftp) {
                    assertTrue(
                            dec.decrypt(read(bytes("SEP001122334455.cnf.xml.enc.sgn")))
                                    .isValid(),
                            p.toString());
                    return;
                }
            }
        }
        throw new AssertionError("no ITL vector holds tftp-rsa2048");
    }
}
