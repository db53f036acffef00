package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static final Path VECTOR = SigningTestSupport.certutils().resolve("itl/itl-rsa1024-sha1-v1.0-allroles.tlv");

    @Test
    void wholeFileChecksumsMatchTheManifest() throws Exception {
        Checksums c = Checksums.of(VECTOR);
        assertEquals(10169, c.size());
        assertEquals("e8d43358649684ff123593ee12c20b07f3f8d5af", c.sha1().toHex());
        assertEquals("02c5b3411b00d8d67e75b1f019898690", c.md5().toHex());
        Checksums mem = Checksums.of(Bytes.wrapOwned(Files.readAllBytes(VECTOR)));
        assertEquals(c.md5(), mem.md5());
        assertEquals(c.sha1(), mem.sha1());
        assertEquals(c.sha256(), mem.sha256());
        assertEquals(c.sha512(), mem.sha512());
        assertEquals(32, c.sha256().size());
        assertEquals(64, c.sha512().size());
        assertEquals(c.sha256(), c.get("sha-256"));
        assertThrows(IllegalArgumentException.class, () -> c.get("crc32"));
        assertEquals(
                "02c5b3411b00d8d67e75b1f019898690 (MD5)\ne8d43358649684ff123593ee12c20b07f3f8d5af (SHA1)",
                c.showItlLines());
    }

    @Test
    void onlyTheRequestedChecksumsAreComputed() throws Exception {
        Bytes file = Bytes.wrapOwned(Files.readAllBytes(VECTOR));
        Checksums all = Checksums.of(file);
        Checksums two = Checksums.md5AndSha1(file);
        assertEquals(java.util.EnumSet.of(Checksums.Algorithm.MD5, Checksums.Algorithm.SHA1), two.computed());
        assertEquals(all.md5(), two.md5());
        assertEquals(all.sha1(), two.sha1());
        assertEquals(all.showItlLines(), two.showItlLines());
        assertEquals(10169, two.size());
        assertThrows(IllegalStateException.class, two::sha256);
        assertThrows(IllegalStateException.class, two::sha512);
        assertThrows(IllegalStateException.class, () -> two.get("SHA-512"));
        Checksums one = Checksums.of(VECTOR, java.util.Set.of(Checksums.Algorithm.SHA512));
        assertEquals(all.sha512(), one.get(Checksums.Algorithm.SHA512));
        assertThrows(IllegalStateException.class, one::md5);
        assertThrows(IllegalStateException.class, one::showItlLines);
        Checksums streamed = Checksums.of(
                new ByteArrayInputStream(file.toByteArray()), java.util.Set.of(Checksums.Algorithm.SHA256));
        assertEquals(all.sha256(), streamed.sha256());
        assertThrows(IllegalStateException.class, streamed::sha1);
        assertThrows(IllegalArgumentException.class, () -> Checksums.of(file, java.util.Set.of()));
    }

    @Test
    void checksumsOfASliceAreThoseOfItsBytes() {
        Bytes whole = Bytes.fromHex("00112233445566778899");
        Bytes slice = whole.slice(2, 5);
        assertEquals(
                Checksums.md5AndSha1(Bytes.copyOf(slice.toByteArray())).sha1(),
                Checksums.md5AndSha1(slice).sha1());
        assertEquals(
                Checksums.of(Bytes.copyOf(slice.toByteArray())).sha512(),
                Checksums.of(slice).sha512());
    }

    @Test
    void styles() {
        Bytes b = Bytes.fromHex("e8d4330a");
        assertEquals("e8d4330a", Checksums.Style.LOWER_HEX.format(b));
        assertEquals("E8:D4:33:0A", Checksums.Style.UPPER_COLON.format(b));
        assertEquals("E8 D4 33 0A", Checksums.Style.UPPER_SPACE.format(b));
    }

    @Test
    void emptyInput() throws Exception {
        Checksums c = Checksums.of(new ByteArrayInputStream(new byte[0]));
        assertEquals(0, c.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", c.md5().toHex());
    }

    @Test
    void recordFingerprintIsTheCertificateSha1() throws Exception {
        ItlFile f = ItlReader.defaults().readTrustList(VECTOR);
        // record 1 is certs/sast-rsa1024.pem, SHA-1 fingerprint e5e54fc6... in MANIFEST.md
        assertEquals(
                "e5e54fc6d83a94aee94f5d6e565932d0400a8259",
                Checksums.certificateSha1(f.records().get(0)).orElseThrow().toHex());
        String shown = Checksums.certificateFingerprint(f.records().get(0)).orElseThrow();
        assertEquals("E5 E5 4F C6 D8 3A 94 AE E9 4F 5D 6E 56 59 32 D0 40 0A 82 59", shown);
    }

    @Test
    void certHashOfTheClusterCertificatesMatchesSha1sums() throws Exception {
        Path dir = SigningTestSupport.cluster();
        for (String line : Files.readAllLines(dir.resolve("SHA1SUMS"))) {
            String[] p = line.trim().split("\\s+");
            Bytes der = Bytes.wrapOwned(Files.readAllBytes(dir.resolve(p[1])));
            assertEquals(p[0], Checksums.certHash(der).toHex(), p[1]);
        }
        assertTrue(Files.exists(dir.resolve("tvs-sub.der")));
    }
}
