package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Manifest;
import io.github.itl4j.support.Manifest.ItlFacts;
import io.github.itl4j.support.Manifest.SgnFacts;
import io.github.itl4j.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of testdata/vectors/certutils against every fact of its MANIFEST.md, plus a byte-identical rewrite
 * from the model. The manifest's facts were confirmed by two independent readers (certutils and SCFParser).
 */
class ItlGoldenFilesTest {
    private static Map<String, ItlFacts> itlFacts;
    private static Map<String, SgnFacts> sgnFacts;

    @BeforeAll
    static void parseManifest() {
        itlFacts = Manifest.itl();
        sgnFacts = Manifest.sgn();
    }

    static List<Path> itlVectors() {
        return TestData.itlVectors();
    }

    static List<Path> sgnVectors() {
        return TestData.sgnVectors();
    }

    private static String hash(String alg, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(data));
    }

    private static String key(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    @Test
    void manifestAndFoldersListTheSameFiles() {
        assertEquals(39, itlFacts.size());
        assertEquals(4, sgnFacts.size());
        assertEquals(
                new TreeSet<>(itlFacts.keySet()),
                itlVectors().stream().map(ItlGoldenFilesTest::key).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(
                new TreeSet<>(sgnFacts.keySet()),
                sgnVectors().stream().map(ItlGoldenFilesTest::key).collect(Collectors.toCollection(TreeSet::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itlVectors")
    void itlFactsOfTheManifest(Path path) throws Exception {
        ItlFacts f = itlFacts.get(key(path));
        byte[] data = TestData.bytes(path);
        ItlFile itl = ItlReader.defaults().readTrustList(path);
        ItlHeader h = itl.header();

        assertEquals(f.size(), data.length);
        assertEquals(f.sha1(), hash("SHA-1", data));
        assertEquals(f.md5(), hash("MD5", data));
        assertEquals(f.size(), itl.size());

        assertEquals(Version.parse(f.version()), h.version());
        assertEquals(Version.V1_2, h.version());
        assertEquals(Version.parse(f.signerVersion()), h.signerVersion().orElseThrow());
        assertEquals(DigestAlgorithm.parse(f.hash()), h.digestAlgorithm().orElseThrow());
        assertEquals(f.signatureLength(), h.signature().orElseThrow().size());
        assertEquals(f.signatureLength(), h.signatureLength());
        assertEquals(f.signatureLength(), h.signatureModulus().orElseThrow().signatureLength());
        assertEquals(0, h.signatureAlgorithm().orElseThrow());
        assertEquals(f.headerLength(), h.length());
        assertEquals(0, h.length() % 4);
        assertEquals(f.timestamp(), h.timestampSeconds().orElseThrow());
        assertEquals(f.signerSubject(), h.signerName().orElseThrow());
        assertEquals(f.serialHex(), h.serialNumber().orElseThrow().toHex());
        assertEquals(
                path.getFileName().toString().startsWith("ctl") ? "CTLFile.tlv" : "ITLFile.tlv",
                h.fileName().orElseThrow());
        assertEquals(Layout.CERTUTILS, h.layout().orElseThrow());

        assertEquals(f.recordCount(), itl.records().size());
        List<String> roles = new ArrayList<>();
        for (ItlRecord r : itl.records()) {
            roles.add(r.role().orElseThrow().name());
            assertEquals(Layout.CERTUTILS, r.layout().orElseThrow());
            assertTrue(r.certificate().isPresent());
        }
        assertEquals(f.roles(), roles);
        // certutils' signer rule: the SAST record whose serial equals the header's
        assertTrue(itl.records().stream()
                .anyMatch(r -> r.role().orElseThrow().equals(Role.SAST)
                        && r.serialNumber().equals(h.serialNumber())));
        assertEquals(List.of(), itl.warnings());

        // byte-identical rewrite from the model, not from the kept source bytes
        assertArrayEquals(data, ItlWriter.encode(itl).toByteArray());
        assertArrayEquals(data, itl.encoded().toByteArray());
        Bytes signed = concat(itl.signedParts());
        assertEquals(data.length - 3 - f.signatureLength(), signed.size());

        // the other read paths agree
        assertEquals(itl, ItlReader.defaults().read(data));
        assertEquals(itl, ItlReader.defaults().readTrustList(new ByteArrayInputStream(data)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sgnVectors")
    void sgnFactsOfTheManifest(Path path) throws Exception {
        SgnFacts f = sgnFacts.get(key(path));
        byte[] data = TestData.bytes(path);
        SignedFile read = ItlReader.defaults().read(path);
        SgnFile sgn = assertInstanceOf(SgnFile.class, read);
        ItlHeader h = sgn.header();

        assertEquals(f.size(), data.length);
        assertEquals(f.sha1(), hash("SHA-1", data));
        assertEquals(f.md5(), hash("MD5", data));
        assertEquals(Version.V1_0, h.version());
        assertFalse(h.signerVersion().isPresent());
        assertEquals(DigestAlgorithm.parse(f.hash()), h.digestAlgorithm().orElseThrow());
        assertEquals(f.signerSubject(), h.signerName().orElseThrow());
        assertEquals(f.headerFileName(), h.fileName().orElseThrow());
        assertEquals(f.headerLength(), h.length());
        assertEquals(f.timestamp(), h.timestampSeconds().orElseThrow());
        assertEquals(Layout.CERTUTILS, h.layout().orElseThrow());
        assertEquals(f.inputSha1(), hash("SHA-1", sgn.payload().toByteArray()));
        Path plain = path.resolveSibling(path.getFileName().toString().replaceFirst("\\.sgn$", ""));
        assertArrayEquals(TestData.bytes(plain), sgn.payload().toByteArray());
        assertEquals(List.of(), sgn.warnings());

        assertArrayEquals(data, ItlWriter.encode(sgn).toByteArray());
        assertEquals(sgn, ItlReader.defaults().readSigned(Bytes.copyOf(data)));
    }

    private static Bytes concat(List<Bytes> parts) {
        int n = parts.stream().mapToInt(Bytes::size).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (Bytes b : parts) {
            b.copyTo(out, at);
            at += b.size();
        }
        return Bytes.wrapOwned(out);
    }

    @Test
    void negativeVectorIsRejectedAtTheFourByteHeaderLength() throws IOException {
        Path p = TestData.vectors().resolve("negative/rsp2k-itlbuilder/ITLFile.tlv");
        byte[] data = TestData.bytes(p);
        assertEquals(5503, data.length);
        List<org.junit.jupiter.api.function.Executable> paths = List.of(
                () -> ItlReader.defaults().read(data),
                () -> ItlReader.defaults().read(p),
                () -> ItlReader.defaults().readTrustList(Bytes.copyOf(data)),
                () -> ItlReader.defaults().readSigned(Bytes.copyOf(data)),
                () -> ItlReader.defaults().stream(new ByteArrayInputStream(data)));
        for (org.junit.jupiter.api.function.Executable e : paths) {
            ItlFormatException x = assertThrows(ItlFormatException.class, e);
            assertEquals(5, x.offset());
            assertEquals(HeaderTags.HEADER_LENGTH, x.tag());
        }
    }
}
