package io.github.itl4j.crypto.enc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.fleet.FleetEncryptor;
import io.github.itl4j.crypto.fleet.FleetSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FleetEncryptor}: a directory of configurations encrypted for their phones, resumable. */
class FleetEncryptorTest {
    @TempDir
    Path tmp;

    @Test
    void encryptsEachConfigForItsPhoneSkipsUpToDateAndReportsMissingAndEcCertificates() throws Exception {
        Path tftp = Files.createDirectories(tmp.resolve("tftp"));
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        Path src = EncryptedConfigTest.testdata().resolve("vectors/certutils/certs");
        byte[] plain = Files.readAllBytes(EncryptedConfigTest.enc("plain.cnf.xml"));
        String[][] phones = {
            {"SEP000000000001", "node01-rsa2048"},
            {"SEP000000000002", "node03-rsa1024"},
            {"SEP000000000003", "node02-ec256"},
            {"SEP000000000004", null}
        };
        for (String[] ph : phones) {
            Files.write(tftp.resolve(ph[0] + ".cnf.xml"), plain);
            if (ph[1] != null) {
                Files.copy(src.resolve(ph[1] + ".crt.pem"), certs.resolve(ph[0] + ".pem"));
            }
        }
        Files.writeString(tftp.resolve("other.xml"), "<x/>");
        ItlSigner signer = ItlSigner.builder(EncryptedConfigTest.key("tftp-rsa2048"))
                .digest(DigestAlgorithm.SHA1)
                .build();
        EncryptedConfigBuilder b = EncryptedConfigBuilder.builder(signer).build();
        FleetEncryptor fe = FleetEncryptor.builder(b, signer, certs).threads(2).build();

        FleetSigner.Result r = fe.encrypt(tftp);
        assertEquals(2, r.signed(), r.toString());
        assertEquals(2, r.failed());
        assertTrue(
                r.failures().stream().anyMatch(f -> f.message().orElse("").contains("ENC_DEVICE_KEY_NOT_RSA")),
                r.failures().toString());
        assertTrue(
                r.failures().stream().anyMatch(f -> f.message().orElse("").contains("no device certificate")),
                r.failures().toString());
        for (String[] ph : new String[][] {phones[0], phones[1]}) {
            SgnFile enc = ItlReader.defaults().readSigned(tftp.resolve(ph[0] + ".cnf.xml.enc.sgn"));
            DecryptedConfig d = EncryptedConfigDecryptor.builder(
                            EncryptedConfigTest.key(ph[1]).privateKey())
                    .signer(signer.key().certificate())
                    .build()
                    .decrypt(enc);
            assertArrayEquals(plain, d.plaintext().toByteArray());
            SgnFile stub = ItlReader.defaults().readSigned(tftp.resolve(ph[0] + ".cnf.xml.sgn"));
            assertEquals(ConfigStub.certHash(EncryptedConfigTest.cert(ph[1])), ConfigStub.findCertHash(stub.payload()));
        }
        assertFalse(Files.exists(tftp.resolve("SEP000000000003.cnf.xml.enc.sgn")));
        assertTrue(Files.exists(tftp.resolve("SEP000000000001.cnf.xml")), "the clear file is kept by default");

        byte[] before = Files.readAllBytes(tftp.resolve("SEP000000000001.cnf.xml.enc.sgn"));
        r = fe.encrypt(tftp);
        assertEquals(0, r.signed());
        assertEquals(2, r.upToDate());
        assertArrayEquals(before, Files.readAllBytes(tftp.resolve("SEP000000000001.cnf.xml.enc.sgn")));

        // a new certificate (newer than the outputs) makes its file stale
        Path c1 = certs.resolve("SEP000000000001.pem");
        Files.copy(src.resolve("node05-rsa2048.crt.pem"), c1, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(c1, FileTime.from(Instant.now().plusSeconds(60)));
        r = fe.encrypt(tftp);
        assertEquals(1, r.signed());
        assertEquals(1, r.upToDate());
        SgnFile enc = ItlReader.defaults().readSigned(tftp.resolve("SEP000000000001.cnf.xml.enc.sgn"));
        assertArrayEquals(
                plain,
                EncryptedConfigDecryptor.builder(
                                EncryptedConfigTest.key("node05-rsa2048").privateKey())
                        .signer(signer.key().certificate())
                        .build()
                        .decrypt(enc)
                        .plaintext()
                        .toByteArray());
    }
}
