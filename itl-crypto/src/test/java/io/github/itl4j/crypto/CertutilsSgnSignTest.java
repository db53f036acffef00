package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.SgnFile;
import io.github.itl4j.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden test: {@link ItlSigner#signConfig} reproduces certutils' {@code sgnfile -b} output byte for byte. */
class CertutilsSgnSignTest {
    private static final Pattern CMD = Pattern.compile("`sgnfile -b -d (\\w+) -t certs/([\\w-]+)\\.pem (sgn/\\S+)`");

    static Stream<String> commands() throws Exception {
        return Files.readAllLines(SigningTestSupport.certutils().resolve("MANIFEST.md")).stream()
                .filter(l -> l.startsWith("- `sgn/") && l.contains("sgnfile -b"));
    }

    @Test
    void fourVectors() throws Exception {
        assertEquals(4, commands().count());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void reproducesSgnFile(String line) throws Exception {
        Matcher m = CMD.matcher(line);
        assertTrue(m.find(), line);
        Path dir = SigningTestSupport.certutils();
        Path input = dir.resolve(m.group(3));
        Path vector = dir.resolve(m.group(3) + ".sgn");
        byte[] expected = Files.readAllBytes(vector);
        SgnFile original = ItlReader.defaults().readSigned(Bytes.copyOf(expected));
        assertEquals(Version.V1_0, original.header().version());
        assertTrue(original.header().signerVersion().isEmpty());

        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey(m.group(2)))
                .digest(DigestAlgorithm.parse(m.group(1)))
                .clock(SigningTestSupport.fixedClock(
                        original.header().timestampSeconds().orElseThrow()))
                .build();
        Bytes payload = Bytes.wrapOwned(Files.readAllBytes(input));
        SgnFile signed = signer.signConfig(payload, input.getFileName() + ".sgn");

        assertEquals(original.header(), signed.header());
        assertArrayEquals(expected, signed.encoded().toByteArray(), vector.toString());
        assertEquals(payload, ItlSigner.strip(signed));
        assertEquals(payload, ItlSigner.strip(original));
        assertTrue(
                SigningTestSupport.jcaVerify(signed, signer.key().certificate().getPublicKey()));
    }

    @Test
    void resigningAReadSgnFileGivesTheSameBytesAndTamperingBreaksIt() throws Exception {
        Path dir = SigningTestSupport.certutils();
        byte[] expected = Files.readAllBytes(dir.resolve("sgn/SEP0011223344AA.cnf.xml.sgn"));
        SgnFile original = ItlReader.defaults().readSigned(Bytes.copyOf(expected));
        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey("tftp-rsa2048"))
                .build();
        // sign(SgnFile) uses the header's digest (SHA-512 here), not the builder's default SHA-1
        assertArrayEquals(expected, signer.sign(original).encoded().toByteArray());

        byte[] tampered = SigningTestSupport.flip(expected, expected.length - 2);
        SgnFile t = ItlReader.defaults().readSigned(Bytes.wrapOwned(tampered));
        assertFalse(SigningTestSupport.jcaVerify(t, signer.key().certificate().getPublicKey()));
    }

    @Test
    void cucmLayoutConfigUsesAscendingSignerIdAndCucmNames() throws Exception {
        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey("sast-rsa2048"))
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
        SgnFile f = signer.signConfig(Bytes.utf8("<device/>"), "SEP001122334455.cnf.xml.sgn", Layout.CUCM);
        assertEquals(Layout.CUCM, f.header().layout().orElseThrow());
        assertEquals(
                "CN=cucm-pub.example.test;OU=Voice;O=Example Org;L=Wellington;ST=Wellington;C=NZ",
                f.header().signerName().orElseThrow());
        assertEquals(0, f.header().length() % 4);
        assertTrue(SigningTestSupport.jcaVerify(f, signer.key().certificate().getPublicKey()));
    }
}
