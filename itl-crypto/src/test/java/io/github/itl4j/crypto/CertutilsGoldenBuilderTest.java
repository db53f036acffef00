package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden test: rebuilding every certutils ITL vector from the command line recorded in MANIFEST.md (same certs, keys,
 * digest, signer version, file name, and the timestamp read from the vector) gives the vector byte for byte.
 */
class CertutilsGoldenBuilderTest {
    private static final Map<String, Role> OPTIONS = Map.of(
            "-s",
            Role.SAST,
            "-c",
            Role.CCM,
            "-C",
            Role.CCM_TFTP,
            "-t",
            Role.TFTP,
            "-A",
            Role.CAPF,
            "-a",
            Role.APP_SERVER,
            "-T",
            Role.TVS);

    static Stream<String> commands() throws Exception {
        return Files.readAllLines(SigningTestSupport.certutils().resolve("MANIFEST.md")).stream()
                .filter(l -> l.startsWith("tlvfile -b "));
    }

    @Test
    void manifestListsEveryItlVector() throws Exception {
        long files;
        try (Stream<Path> s = Files.list(SigningTestSupport.certutils().resolve("itl"))) {
            files = s.filter(p -> p.toString().endsWith(".tlv")).count();
        }
        assertEquals(39, files);
        assertEquals(files, commands().count());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void rebuildsVectorByteForByte(String command) throws Exception {
        Path dir = SigningTestSupport.certutils();
        String[] a = command.split("\\s+");
        DigestAlgorithm digest = DigestAlgorithm.SHA1;
        Version signerVersion = Version.V1_0;
        String fileName = null;
        String signerName = null;
        List<TrustListBuilder.Entry> entries = new ArrayList<>();
        for (int i = 2; i < a.length - 1; i += 2) {
            String opt = a[i];
            String arg = a[i + 1];
            switch (opt) {
                case "-d" -> digest = DigestAlgorithm.parse(arg);
                case "-v" -> signerVersion = Version.parse(arg);
                case "-F" -> fileName = arg;
                default -> {
                    Role role = OPTIONS.get(opt);
                    if (role == null) {
                        throw new AssertionError("unexpected option " + opt + " in " + command);
                    }
                    if (role.equals(Role.SAST) && signerName == null) {
                        signerName = arg.substring("certs/".length(), arg.length() - ".pem".length());
                    }
                    entries.add(TrustListBuilder.Entry.of(
                            KeyLoader.defaults()
                                    .readCertificates(dir.resolve(arg))
                                    .get(0),
                            role));
                }
            }
        }
        Path vector = dir.resolve(a[a.length - 1]);
        byte[] expected = Files.readAllBytes(vector);
        ItlFile original = ItlReader.defaults().readTrustList(io.github.itl4j.Bytes.copyOf(expected));
        long ts = original.header().timestampSeconds().orElseThrow();

        ItlSigner signer = ItlSigner.builder(SigningTestSupport.certutilsKey(signerName))
                .digest(digest)
                .clock(SigningTestSupport.fixedClock(ts))
                .build();
        TrustListBuilder b = TrustListBuilder.builder(signer)
                .layout(Layout.CERTUTILS)
                .signerVersion(signerVersion)
                .fileName(fileName);
        entries.forEach(b::add);
        ItlFile built = b.build();

        assertEquals(original.records().size(), built.records().size());
        for (int i = 0; i < built.records().size(); i++) {
            assertEquals(original.records().get(i), built.records().get(i), "record " + (i + 1) + " of " + vector);
        }
        assertEquals(original.header(), built.header(), "header of " + vector);
        assertArrayEquals(expected, built.encoded().toByteArray(), vector.toString());
        assertTrue(SigningTestSupport.jcaVerifyTrustList(built));
    }
}
