package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlResetter;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md, compiled and run as written: each block is copied verbatim (up to
 * indentation) between a {@code // README begin} and a {@code // README end} line below, which
 * {@link #readmeShowsExactlyTheseBlocks()} checks, so the README cannot drift from code that works.
 *
 * <p>The snippets use paths relative to the working directory, as a reader's program would: this class runs in its own
 * surefire execution (itl-cli's pom) whose working directory is {@code target/readme}, filled with the example
 * cluster's files under the names the README uses.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of(System.getProperty("itl.testdata", "../testdata")).toAbsolutePath()
            .normalize().getParent();
    private static final Path CLUSTER = ROOT.resolve("examples/cluster");

    /** The README's stand-in for the reader's way of getting a password. */
    private static char[] readPassword() throws IOException {
        return Files.readString(CLUSTER.resolve("ITLRecovery.pass"), StandardCharsets.UTF_8).toCharArray();
    }

    @BeforeAll
    static void files() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        assumeTrue(cwd.endsWith(Path.of("target", "readme")), "runs in the readme-snippets execution (working "
                + "directory target/readme), not in " + cwd);
        Files.createDirectories(cwd.resolve("old"));
        Files.createDirectories(cwd.resolve("new"));
        copy(ROOT.resolve("examples/ITLFile.tlv"), "old/ITLFile.tlv");          // what the phones hold
        copy(ROOT.resolve("examples/ITLFile-reset.tlv"), "ITLFile.tlv");        // the new one, accepted by them
        copy(CLUSTER.resolve("test10pub.pem"), "CallManager.pem");
        copy(CLUSTER.resolve("test10pub.key"), "CallManager.key");
        copy(CLUSTER.resolve("ITLRecovery.p12"), "ITLRecovery.p12");
        copy(CLUSTER.resolve("tvs-pub.pem"), "TVS.pem");
        Files.writeString(Path.of("SEP001122334455.cnf.xml"), "<device><loadInformation/></device>\n");
    }

    private static void copy(Path from, String to) throws IOException {
        Files.copy(from, Path.of(to), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void readAndVerify() throws Exception {
        // README begin
        // read: malformed input ends in ItlFormatException / ItlLimitException (both ItlException, an IOException)
        ItlFile itl = ItlReader.defaults().readTrustList(Path.of("ITLFile.tlv"));
        for (ItlRecord r : itl.records()) {
            System.out.println(r.role().map(Role::name).orElse("?") + " " + r.subjectName().orElse(""));
        }
        itl.warnings().forEach(System.out::println);          // oddities phones accept: unknown tags, roles, order...

        // verify: problems are returned, not thrown; tests assert codes
        ItlFile previousItl = ItlReader.defaults().readTrustList(Path.of("old/ITLFile.tlv"));   // what the phones hold
        VerificationResult v = ItlVerifier.builder()
                .trustInstalled(previousItl)          // the phone's view: the signer must be a SAST of what it holds
                .build()
                .verify(itl);
        if (!v.isVerified()) {
            v.errors().forEach(p -> System.out.println(p.code() + ": " + p.message()));
        }

        // stream a file of any size: one record in memory, one pass, one RSA operation
        try (InputStream in = Files.newInputStream(Path.of("ITLFile.tlv"))) {
            VerificationResult r = ItlVerifier.builder().build().verify(in);
        }
        // README end
        assertEquals(6, itl.records().size());
        assertTrue(v.isVerified(), v.toString());
        try (InputStream in = Files.newInputStream(Path.of("ITLFile.tlv"))) {
            assertTrue(ItlVerifier.builder().build().verify(in).isSignatureValid());
        }
    }

    @Test
    void buildSignAndReset() throws Exception {
        // README begin
        // keys: PEM (certificate + key) or PKCS#12
        SigningKey callManager = KeyLoader.defaults().pem(Path.of("CallManager.pem"), Path.of("CallManager.key"), null);
        char[] password = readPassword();                      // yours: from a prompt, a file or the environment
        SigningKey recovery = KeyLoader.defaults().pkcs12(Path.of("ITLRecovery.p12"), password, null);
        Arrays.fill(password, '\0');
        X509Certificate tvs = KeyLoader.defaults().readCertificates(Path.of("TVS.pem")).get(0);

        // build a new ITL in CUCM's layout, signed by CallManager
        ItlSigner signer = ItlSigner.builder(callManager).build();   // immutable, thread-safe
        ItlFile built = TrustListBuilder.builder(signer)
                .add(callManager.certificate(), Role.SAST)
                .add(callManager.certificate(), Role.TFTP)
                .add(recovery.certificate(), Role.SAST)        // ITLRecovery: what lets the reset below be accepted
                .add(TrustListBuilder.Entry.of(tvs, Role.TVS).asHash())
                .build();
        Files.write(Path.of("new/ITLFile.tlv"), built.encoded().toByteArray());

        // sign a configuration file with the TFTP key, in CUCM's layout (as the ITL)
        byte[] cfg = Files.readAllBytes(Path.of("SEP001122334455.cnf.xml"));
        SgnFile sgn = signer.signConfig(Bytes.wrapOwned(cfg), "SEP001122334455.cnf.xml.sgn", Layout.CUCM);
        Files.write(Path.of("new/SEP001122334455.cnf.xml.sgn"), sgn.encoded().toByteArray());
        VerificationResult s = ItlVerifier.builder().build().verifySigned(sgn, built);   // a phone holding `built`

        // reset (CUCM's `utils itl reset`): records byte-identical, header re-signed by the ITLRecovery key
        ItlSigner recoverySigner = ItlSigner.builder(recovery).build();
        ItlFile reset = ItlResetter.builder(recoverySigner).build().reset(built);
        Files.write(Path.of("new/ITLFile-reset.tlv"), reset.encoded().toByteArray());
        // README end
        assertTrue(ItlVerifier.builder().build().verify(built).isVerified());
        assertTrue(s.isVerified() && s.warnings().isEmpty(), s.toString()); // signed by the TFTP record's key
        VerificationResult accepted = ItlVerifier.builder().trustInstalled(built).build().verify(reset);
        assertTrue(accepted.isVerified(), accepted.toString()); // a phone holding `built` takes the reset
        assertEquals(built.records().size(), reset.records().size());
        for (int i = 0; i < built.records().size(); i++) {
            assertEquals(built.records().get(i).encoded(), reset.records().get(i).encoded());
        }
        assertArrayEquals(sgn.encoded().toByteArray(),
                Files.readAllBytes(Path.of("new/SEP001122334455.cnf.xml.sgn")));
        ItlFile read = ItlReader.defaults().readTrustList(Path.of("new/ITLFile-reset.tlv"));
        assertEquals(reset.encoded(), read.encoded());
    }

    /** The README's java blocks are exactly this class's README regions, in order. */
    @Test
    void readmeShowsExactlyTheseBlocks() throws IOException {
        List<String> readme = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                readme.add(dedent(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        Path source = ROOT.resolve("itl-cli/src/test/java/io/github/itl4j/cli/ReadmeSnippetsTest.java");
        List<String> tested = new ArrayList<>();
        block = null;
        for (String line : Files.readAllLines(source)) {
            if (line.strip().equals("// README " + "begin")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("// README " + "end")) {
                tested.add(dedent(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertTrue(readme.size() >= 2, "README.md's java blocks: " + readme.size());
        assertEquals(readme, tested, "README.md's ```java blocks must be copied verbatim into " + source);
    }

    /** The text without the indentation all its non-blank lines share, and without trailing blanks. */
    private static String dedent(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }
}
