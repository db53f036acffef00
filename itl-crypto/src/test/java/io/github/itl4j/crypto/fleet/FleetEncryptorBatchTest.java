package io.github.itl4j.crypto.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlReader;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.enc.EncryptedConfigBuilder;
import io.github.itl4j.io.AtomicFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FleetEncryptor} makes its outputs durable in batches, as {@link FleetSigner} does. */
class FleetEncryptorBatchTest {
    @TempDir
    Path tmp;

    @Test
    void outputsAreCommittedInBatchesAndClearSourcesRemovedOnlyAfterThem() throws Exception {
        // issue 17: encryption wrote each .enc.sgn and stub with an fsync of the file and one of the directory, two
        // pairs per phone; its outputs now join the run's durable batches (the committer saw nothing before)
        String p = System.getProperty("itl.testdata");
        Path certsSrc = (p != null ? Paths.get(p) : Paths.get("..", "testdata")).resolve("vectors/certutils/certs");
        Path tftp = Files.createDirectories(tmp.resolve("tftp"));
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        int n = 3 * DurableBatches.MIN_BATCH / 2;
        for (int i = 0; i < n; i++) {
            String sep = String.format("SEP%012X", i + 1);
            Files.writeString(tftp.resolve(sep + ".cnf.xml"), "<device>" + i + "</device>");
            Files.copy(certsSrc.resolve("node01-rsa2048.crt.pem"), certs.resolve(sep + ".pem"));
        }
        ItlSigner signer = ItlSigner.builder(FleetTestSupport.certutilsKey("ccm-tftp-rsa2048"))
                .digest(DigestAlgorithm.SHA1)
                .build();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        FleetEncryptor fe = FleetEncryptor.builder(
                        EncryptedConfigBuilder.builder(signer).build(), signer, certs)
                .threads(2)
                .removePlain(true)
                .batchSizes(sizes::add)
                .build();

        FleetSigner.Result r = fe.encrypt(tftp);

        assertEquals(n, r.signed(), r.toString());
        assertEquals(n, sizes.stream().mapToInt(Integer::intValue).sum(), sizes.toString());
        assertTrue(sizes.stream().anyMatch(s -> s > 1), "committed together, not one by one: " + sizes);
        try (Stream<Path> s = Files.list(tftp)) {
            List<String> names = s.map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals(".itl-fleet.lock")) // the run's lock file stays
                    .sorted()
                    .toList();
            assertEquals(2 * n, names.size(), names.toString());
            assertTrue(names.stream().noneMatch(AtomicFileWriter::isTemporaryName), names.toString());
            assertFalse(names.stream().anyMatch(f -> f.endsWith(".cnf.xml")), "clear sources removed: " + names);
        }
        for (int i = 0; i < n; i++) {
            String sep = String.format("SEP%012X", i + 1);
            ItlReader.defaults().readSigned(tftp.resolve(sep + ".cnf.xml.enc.sgn"));
            ItlReader.defaults().readSigned(tftp.resolve(sep + ".cnf.xml.sgn"));
        }
    }
}
