package io.github.itl4j.nativecrypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof of equivalence (issue 17): RSA PKCS#1 v1.5 is deterministic, so the native provider and the JDK's must give
 * byte-identical signatures, and identical verification verdicts, for every key size (1024, 2048, 4096), digest
 * (SHA-1, SHA-512) and key source (PKCS#12, PEM) on good and hostile inputs. The keys are generated for the run
 * (never from the repository) and written as PKCS#12 and PEM files, then loaded by {@link KeyLoader}. Skipped, with
 * the reason, only where the native library cannot load.
 */
class ProviderEquivalenceTest {
    private static final char[] PASSWORD = "equivalence".toCharArray();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_795_735_033L), ZoneOffset.UTC);
    private static final int[] SIZES = {1024, 2048, 4096};

    @TempDir
    static Path dir;

    /** Keys by "bits/source". */
    private static final Map<String, SigningKey> KEYS = new HashMap<>();
    /** Another key of each size, for "signed by someone else". */
    private static final Map<Integer, SigningKey> OTHER = new HashMap<>();

    @BeforeAll
    static void keys() throws Exception {
        for (int bits : SIZES) {
            KeyPair kp = generate(bits);
            X509Certificate cert = selfSigned(kp, "CN=equivalence-" + bits + ",O=itl4j test", bits);
            Path p12 = dir.resolve("k" + bits + ".p12");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("sast", kp.getPrivate(), PASSWORD, new java.security.cert.Certificate[] {cert});
            try (OutputStream out = Files.newOutputStream(p12)) {
                ks.store(out, PASSWORD);
            }
            Path crt = dir.resolve("k" + bits + ".crt.pem");
            Path key = dir.resolve("k" + bits + ".key.pem");
            Files.writeString(crt, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            KEYS.put(bits + "/PKCS12", KeyLoader.defaults().pkcs12(p12, PASSWORD.clone(), null));
            KEYS.put(bits + "/PEM", KeyLoader.defaults().pem(crt, key, null));
            KeyPair other = generate(bits);
            OTHER.put(bits, SigningKey.of(other.getPrivate(), selfSigned(other, "CN=other-" + bits, bits), List.of()));
        }
    }

    private static KeyPair generate(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair kp, String dn, int serial) throws Exception {
        X500Name name = new X500Name(dn);
        Date from = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
        Date to = Date.from(Instant.parse("2035-01-01T00:00:00Z"));
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(serial * 7919L + 1), from, to, name, kp.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Provider nativeProvider() {
        Assumptions.assumeTrue(
                NativeProvider.isAvailable(),
                () -> "native provider not loadable here: "
                        + NativeProvider.unavailableReason().orElse("?"));
        return NativeProvider.provider().orElseThrow();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int bits : SIZES) {
            for (String digest : new String[] {"SHA1", "SHA512"}) {
                for (String source : new String[] {"PKCS12", "PEM"}) {
                    out.add(Arguments.of(bits, digest, source));
                }
            }
        }
        return out.stream();
    }

    private static ItlSigner signer(SigningKey key, String digest, Provider p) throws Exception {
        return ItlSigner.builder(key)
                .digest(DigestAlgorithm.parse(digest))
                .clock(CLOCK)
                .provider(p)
                .build();
    }

    private static ItlFile trustList(ItlSigner s, SigningKey other) throws Exception {
        return TrustListBuilder.builder(s)
                .add(s.key().certificate(), Role.SAST)
                .add(other.certificate(), Role.TFTP)
                .add(other.certificate(), Role.CCM)
                .build();
    }

    @ParameterizedTest(name = "RSA-{0} {1} {2}")
    @MethodSource("cases")
    void sameSignaturesAndVerdicts(int bits, String digest, String source) throws Exception {
        Provider accp = nativeProvider();
        SigningKey key = KEYS.get(bits + "/" + source);
        SigningKey other = OTHER.get(bits);
        ItlSigner jdk = signer(key, digest, null);
        ItlSigner nat = signer(key, digest, accp);
        assertEquals(NativeProvider.NAME, nat.provider().getName());
        assertNotEquals(NativeProvider.NAME, jdk.provider().getName());

        // signing: trust lists and .sgn files, byte for byte
        ItlFile jdkList = trustList(jdk, other);
        ItlFile natList = trustList(nat, other);
        assertArrayEquals(jdkList.encoded().toByteArray(), natList.encoded().toByteArray(), "trust list");
        byte[] payload = ("<device><name>SEP0011" + bits + digest + source + "</name></device>\n")
                .getBytes(StandardCharsets.UTF_8);
        SgnFile jdkSgn = jdk.signConfig(Bytes.wrapOwned(payload.clone()), "SEP0011.cnf.xml.sgn");
        SgnFile natSgn = nat.signConfig(Bytes.wrapOwned(payload.clone()), "SEP0011.cnf.xml.sgn");
        assertArrayEquals(jdkSgn.encoded().toByteArray(), natSgn.encoded().toByteArray(), ".sgn");

        // verification: the same verdict and problems on the good files and on hostile variants of them
        ItlVerifier jv = ItlVerifier.builder().build();
        ItlVerifier nv = ItlVerifier.builder().provider(accp).build();
        ItlVerifier jvAnchored = ItlVerifier.builder()
                .trustCertificates(List.of(key.certificate()))
                .build();
        ItlVerifier nvAnchored = ItlVerifier.builder()
                .trustCertificates(List.of(key.certificate()))
                .provider(accp)
                .build();
        byte[] list = jdkList.encoded().toByteArray();
        byte[] sgn = jdkSgn.encoded().toByteArray();
        int listSig =
                signatureAt(list, jdkList.header().signature().orElseThrow().toByteArray());
        int sgnSig = signatureAt(sgn, jdkSgn.header().signature().orElseThrow().toByteArray());
        int sigLen = key.signatureLength();
        int verified = 0;
        for (Map.Entry<String, byte[]> v : hostile(list, listSig, sigLen, key).entrySet()) {
            String what = "trust list, " + v.getKey();
            ItlFile f = ItlReader.defaults()
                    .readTrustList(Bytes.wrapOwned(v.getValue().clone()));
            VerificationResult j = same(jv.verify(f), nv.verify(f), what);
            same(
                    jv.verify(new ByteArrayInputStream(v.getValue())),
                    nv.verify(new ByteArrayInputStream(v.getValue())),
                    what + " (streamed)");
            same(jvAnchored.verify(f), nvAnchored.verify(f), what + " (anchored)");
            verified += j.isVerified() ? 1 : 0;
        }
        for (Map.Entry<String, byte[]> v : hostile(sgn, sgnSig, sigLen, key).entrySet()) {
            String what = ".sgn, " + v.getKey();
            SgnFile f =
                    ItlReader.defaults().readSigned(Bytes.wrapOwned(v.getValue().clone()));
            VerificationResult j =
                    same(jv.verifySigned(f, key.certificate()), nv.verifySigned(f, key.certificate()), what);
            same(jvAnchored.verify(f), nvAnchored.verify(f), what + " (anchored)");
            same(jv.verifySigned(f, jdkList), nv.verifySigned(f, jdkList), what + " (trust list)");
            verified += j.isVerified() ? 1 : 0;
        }
        assertEquals(2, verified, "only the two untouched files verify");
        // the native verifiers reuse their Signature objects (issue 17): after every hostile variant (some returned
        // false, some made the provider throw), the untouched files still verify with the same verifiers
        ItlFile goodList = ItlReader.defaults().readTrustList(Bytes.wrapOwned(list.clone()));
        SgnFile goodSgn = ItlReader.defaults().readSigned(Bytes.wrapOwned(sgn.clone()));
        assertTrue(nv.verify(goodList).isVerified(), "trust list, after the hostile variants");
        assertTrue(nvAnchored.verify(goodSgn).isVerified(), ".sgn, after the hostile variants");
        assertTrue(nv.verifySigned(goodSgn, key.certificate()).isVerified(), ".sgn against its certificate, after");

        // a .sgn against a certificate of another key of the same size, and of another size (wrong modulus size)
        SgnFile good = ItlReader.defaults().readSigned(Bytes.wrapOwned(sgn.clone()));
        VerificationResult r = same(
                jv.verifySigned(good, other.certificate()), nv.verifySigned(good, other.certificate()), "another key");
        assertTrue(r.has(ProblemCode.SIGNATURE_INVALID), r::toString);
        X509Certificate otherSize = OTHER.get(bits == 2048 ? 4096 : 2048).certificate();
        r = same(jv.verifySigned(good, otherSize), nv.verifySigned(good, otherSize), "wrong modulus size");
        assertTrue(r.has(ProblemCode.SIGNATURE_LENGTH_MISMATCH), r::toString);
    }

    /** The good file and hostile variants: tampered signature, tampered body, out-of-range and zero signatures. */
    private static Map<String, byte[]> hostile(byte[] good, int sigAt, int sigLen, SigningKey key) {
        Map<String, byte[]> m = new java.util.LinkedHashMap<>();
        m.put("good", good);
        byte[] b = good.clone();
        b[sigAt + sigLen - 1] ^= 0x01;
        m.put("last signature byte flipped", b);
        b = good.clone();
        b[sigAt] ^= (byte) 0x80;
        m.put("first signature byte flipped", b);
        b = good.clone();
        b[b.length - 1] ^= 0x20;
        m.put("last payload byte flipped", b);
        b = good.clone();
        Arrays.fill(b, sigAt, sigAt + sigLen, (byte) 0xFF);
        m.put("signature above the modulus", b);
        b = good.clone();
        Arrays.fill(b, sigAt, sigAt + sigLen, (byte) 0);
        m.put("signature zero", b);
        b = good.clone();
        byte[] modulus = toFixed(
                ((java.security.interfaces.RSAPublicKey) key.certificate().getPublicKey()).getModulus(), sigLen);
        System.arraycopy(modulus, 0, b, sigAt, sigLen);
        m.put("signature equal to the modulus", b);
        b = good.clone();
        b[sigAt + sigLen - 1] = 1;
        Arrays.fill(b, sigAt, sigAt + sigLen - 1, (byte) 0);
        m.put("signature one", b);
        return m;
    }

    private static byte[] toFixed(BigInteger n, int len) {
        byte[] b = n.toByteArray();
        byte[] out = new byte[len];
        System.arraycopy(b, Math.max(0, b.length - len), out, Math.max(0, len - b.length), Math.min(len, b.length));
        return out;
    }

    private static int signatureAt(byte[] file, byte[] sig) {
        outer:
        for (int i = 0; i + sig.length <= file.length; i++) {
            for (int k = 0; k < sig.length; k++) {
                if (file[i + k] != sig[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("signature not found in the file");
    }

    private static VerificationResult same(VerificationResult jdk, VerificationResult nat, String what) {
        assertEquals(jdk.isVerified(), nat.isVerified(), what + ": verdict");
        assertEquals(jdk.isSignatureValid(), nat.isSignatureValid(), what + ": signature verdict");
        assertEquals(jdk.problems(), nat.problems(), what + ": problems");
        return jdk;
    }

    /** Every shared trust-list vector (certutils and the hostile rsp2k one): the same problems from both. */
    @Test
    void sameVerdictsOnEveryVector() throws IOException {
        Provider accp = nativeProvider();
        Path vectors = testdata().resolve("vectors");
        List<Path> files;
        try (Stream<Path> s = Files.walk(vectors)) {
            files = s.filter(p -> p.toString().endsWith(".tlv") || p.toString().endsWith(".sgn"))
                    .sorted()
                    .toList();
        }
        assertFalse(files.isEmpty());
        ItlVerifier jv = ItlVerifier.builder().build();
        ItlVerifier nv = ItlVerifier.builder().provider(accp).build();
        int n = 0;
        for (Path p : files) {
            SignedFile f;
            try {
                f = ItlReader.defaults().read(p);
            } catch (io.github.itl4j.ItlException e) {
                continue; // malformed on purpose: no verification happens
            }
            if (f instanceof ItlFile) {
                same(jv.verify(f), nv.verify(f), p.toString());
                try (java.io.InputStream a = Files.newInputStream(p);
                        java.io.InputStream b = Files.newInputStream(p)) {
                    same(jv.verify(a), nv.verify(b), p + " (streamed)");
                }
                n++;
            }
        }
        assertTrue(n > 30, "only " + n + " trust lists checked");
    }

    /** Signatures made by the native provider verify with the JDK's, and the other way round, on the vectors' keys. */
    @Test
    void libraryKeysTranslateWithoutTouchingDisk() throws Exception {
        Provider accp = nativeProvider();
        SigningKey key = KEYS.get("2048/PEM");
        SigningKey translated = key.forProvider(accp);
        assertNotEquals(
                key.privateKey().getClass(),
                translated.privateKey().getClass(),
                "the key was not translated into the native provider's key class");
        assertTrue(
                translated.privateKey().getClass().getName().startsWith("com.amazon.corretto."),
                translated.privateKey().getClass().getName());
        assertEquals(key.certificate(), translated.certificate());
        assertEquals(key.chain(), translated.chain());
        assertTrue(key.forProvider(null) == key);
        assertTrue(translated.forProvider(accp) == translated, "translated twice");
    }

    private static Path testdata() {
        String p = System.getProperty("itl.testdata");
        return p != null ? Paths.get(p) : Paths.get("..", "testdata");
    }
}
