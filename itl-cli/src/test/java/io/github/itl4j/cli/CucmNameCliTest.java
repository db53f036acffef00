package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl build} (CUCM layout) then {@code itl lint} and {@code itl diff} for a signer whose subject has a
 * {@code ,} inside a value ({@code O=Example, Inc.}): CUCM writes it unescaped in SUBJECTNAME, and lint does not call
 * the name different from the certificate's (L32).
 */
class CucmNameCliTest {
    @TempDir
    Path tmp;

    /** A self-signed certificate and its key, as PEM files. */
    private Path[] signer(String subject) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name n = new X500Name(subject);
        Instant nb = Instant.parse("2020-01-01T00:00:00Z");
        var b = new JcaX509v3CertificateBuilder(
                n,
                BigInteger.valueOf(0x7654321),
                Date.from(nb),
                Date.from(Instant.parse("2040-01-01T00:00:00Z")),
                n,
                kp.getPublic());
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
        Path cert = tmp.resolve("signer.pem");
        Path key = tmp.resolve("signer.key");
        try (Writer w = Files.newBufferedWriter(cert);
                JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(c);
        }
        try (Writer w = Files.newBufferedWriter(key);
                JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(kp.getPrivate());
        }
        return new Path[] {cert, key};
    }

    private Path build(Path[] s, String layout, String name) {
        Path out = tmp.resolve(name);
        CliRun r = CliRun.run(
                "build",
                "-o",
                out.toString(),
                "--layout",
                layout,
                "--key",
                s[1].toString(),
                "--cert",
                s[0].toString(),
                "--sast",
                s[0].toString(),
                "--tftp",
                s[0].toString(),
                "--timestamp",
                "2026-11-29T12:00:00Z");
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        return out;
    }

    private static boolean l32(JsonNode lint) {
        for (JsonNode f : lint.get("data").get("files")) {
            for (JsonNode x : f.get("findings")) {
                if (x.get("rule").asText().equals("L32")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void buildThenLintFindsNoL32() throws Exception {
        Path[] s = signer("CN=cucm-comma,O=Example\\, Inc.,OU=Voice\\+Video,C=US");
        Path itl = build(s, "cucm", "ITLFile.tlv");
        ItlFile f = ItlReader.defaults().readTrustList(itl);
        assertEquals(
                "CN=cucm-comma;OU=Voice+Video;O=Example, Inc.;C=US",
                f.records().get(0).subjectName().orElseThrow());
        CliRun text = CliRun.run("lint", "--now", "2026-11-29", itl.toString());
        assertFalse(text.stdout().contains(" L32 "), text.stdout());
        CliRun r = CliRun.run("lint", "--json", "--now", "2026-11-29", itl.toString());
        assertFalse(l32(JsonSchemas.LINT.parse(r)), r.stdout());
        // verify agrees (the verifier compares exactly against both name formats)
        CliRun v = CliRun.run("verify", itl.toString());
        assertEquals(ExitCodes.OK, v.exitCode(), v.stdout() + v.stderr());

        // the same list in certutils' layout (RFC 4514, the comma escaped): one certificate, names only formatted
        Path other = build(s, "certutils", "ITLFile-certutils.tlv");
        CliRun d = CliRun.run("diff", "--json", itl.toString(), other.toString());
        assertEquals(ExitCodes.OK, d.exitCode(), d.stdout() + d.stderr());
        JsonNode j = DiffCommandTest.json(d);
        for (JsonNode c : j.get("data").get("diffs").get(0).get("records")) {
            String kind = c.get("kind").asText();
            assertTrue(kind.equals("UNCHANGED") || kind.equals("REENCODED"), c.toString());
            assertFalse(c.get("details").toString().contains("NAME changed"), c.toString());
        }
    }
}
