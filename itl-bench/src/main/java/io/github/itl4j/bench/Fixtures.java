package io.github.itl4j.bench;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlLimits;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The benchmark fixtures, bundled in the jar (copies of testdata/vectors/certutils), each checked against the facts
 * of testdata/vectors/certutils/MANIFEST.md before use, so a benchmark can never measure a broken input.
 */
public final class Fixtures {
    /** A bundled trust list and what MANIFEST.md says about it. */
    public enum Vector {
        /** The typical 6-record ITL (RSA-2048 SAST, five EC P-256 records). */
        TYPICAL6(
                "bench-typical6-rsa2048-sha1-v1.0.tlv",
                6353,
                6,
                "0b775d9d8390bf117d07c6b4a300359af961e91e",
                "b8b1b0c5fda1a3ca410e6bdcf89c5c24"),
        /** 25 records, mixed RSA and EC, all distinct certificates. */
        N25(
                "itl-rsa2048-sha1-v1.0-n25.tlv",
                32604,
                25,
                "b3cc90c52ad13b01561a6b18820514db3306987f",
                "81c28c41203be59514ed5c50f3797009"),
        /** 50 records, mixed RSA and EC. */
        N50(
                "itl-rsa2048-sha1-v1.0-n50.tlv",
                62974,
                50,
                "46abd9d780abc05bb310e3cfb45d50957340abaa",
                "80f3ba61c5f32f37992d68a747bcc7b4");

        /** Resource name next to this class. */
        public final String resource;
        /** File size in bytes. */
        public final int size;
        /** Number of records. */
        public final int records;
        /** SHA-1 of the file, lower-case hex. */
        public final String sha1;
        /** MD5 of the file, lower-case hex. */
        public final String md5;

        Vector(String resource, int size, int records, String sha1, String md5) {
            this.resource = resource;
            this.size = size;
            this.records = records;
            this.sha1 = sha1;
            this.md5 = md5;
        }
    }

    /** Number of records in the generated large file of the streaming benchmark. */
    public static final int BIG_RECORDS = 10_000;

    /** Limits that admit the generated large file (the defaults stop at 2 MiB and 1024 records). */
    public static final ItlLimits BIG_LIMITS =
            ItlLimits.builder().maxFileSize(64L << 20).maxRecords(BIG_RECORDS).build();

    private Fixtures() {}

    /**
     * Loads {@code v}, checks its size and SHA-1, parses it and checks the record count.
     *
     * @param v the vector
     * @return its bytes (a fresh array)
     * @throws IllegalStateException if the fixture is not what it claims
     */
    public static byte[] load(Vector v) {
        byte[] b = resource(v.resource);
        check(b.length == v.size, v + ": size " + b.length + ", expected " + v.size);
        check(hex("SHA-1", b).equals(v.sha1), v + ": SHA-1 " + hex("SHA-1", b) + ", expected " + v.sha1);
        check(hex("MD5", b).equals(v.md5), v + ": MD5 " + hex("MD5", b) + ", expected " + v.md5);
        ItlFile f = parse(Bytes.copyOf(b), ItlReader.defaults());
        check(f.records().size() == v.records, v + ": " + f.records().size() + " records, expected " + v.records);
        check(f.records().get(0).role().orElse(null) == Role.SAST, v + ": first record is not the SAST");
        check(f.warnings().isEmpty(), v + ": warnings " + f.warnings());
        return b;
    }

    /**
     * Writes a signed trust list of {@code records} records to a temporary file without ever holding it in memory:
     * the typical file's header, its SAST record, then its five other records repeated; the signature is computed
     * with the raw JCA ({@code SHA1withRSA}, the SAST RSA-2048 key) as the records are written, then patched into
     * the header. Deleted on exit.
     *
     * @param records how many records (at least 1)
     * @return the file
     */
    public static Path bigSignedFile(int records) {
        try {
            ItlFile typical = parse(Bytes.wrapOwned(load(Vector.TYPICAL6)), ItlReader.defaults());
            ItlHeader h = typical.header();
            byte[] header = h.encode().toByteArray();
            int off = h.signatureOffset();
            int end = off + 3 + h.signatureLength();
            Signature sig = Signature.getInstance("SHA1withRSA");
            sig.initSign(sastKey(2048));
            sig.update(header, 0, off);
            sig.update(header, end, header.length - end);
            Path p = Files.createTempFile("itl-bench-big-", ".tlv");
            p.toFile().deleteOnExit();
            List<ItlRecord> src = typical.records();
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                write(ch, ByteBuffer.wrap(header));
                for (int i = 0; i < records; i++) {
                    byte[] rec = src.get(i == 0 ? 0 : 1 + (i - 1) % (src.size() - 1))
                            .encoded()
                            .toByteArray();
                    sig.update(rec);
                    write(ch, ByteBuffer.wrap(rec));
                }
                ch.write(ByteBuffer.wrap(sig.sign()), off + 3);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /**
     * Loads the SAST key pair of {@code bits} bits through the library's PEM loader.
     *
     * @param bits 1024, 2048 or 4096
     * @return the signing key
     */
    public static SigningKey signingKey(int bits) {
        try {
            return KeyLoader.defaults()
                    .pem(
                            new String(resource("sast-rsa" + bits + ".crt.pem"), StandardCharsets.US_ASCII),
                            new String(resource("sast-rsa" + bits + ".key.pem"), StandardCharsets.US_ASCII),
                            null);
        } catch (KeyLoadException e) {
            throw new IllegalStateException("sast-rsa" + bits, e);
        }
    }

    /**
     * The entries of the typical file: {@code sast} as SAST, then the typical file's five other certificates with
     * their roles (CCM+TFTP, CAPF, TVS, TFTP, CCM; EC P-256).
     *
     * @param sast the SAST certificate (the signer's)
     * @return six entries
     */
    public static List<TrustListBuilder.Entry> typicalEntries(X509Certificate sast) {
        ItlFile typical = parse(Bytes.wrapOwned(load(Vector.TYPICAL6)), ItlReader.defaults());
        List<TrustListBuilder.Entry> out = new ArrayList<>();
        out.add(TrustListBuilder.Entry.of(sast, Role.SAST));
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (ItlRecord r : typical.records().subList(1, typical.records().size())) {
                X509Certificate c = (X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(r.certificate().orElseThrow().toByteArray()));
                out.add(TrustListBuilder.Entry.of(c, r.role().orElseThrow()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * @param bits 1024, 2048 or 4096
     * @return the private key of {@code certs/sast-rsa<bits>.key.pem} (PKCS#8 PEM)
     */
    public static PrivateKey sastKey(int bits) {
        try {
            byte[] der = pem(resource("sast-rsa" + bits + ".key.pem"), "PRIVATE KEY");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sast-rsa" + bits + ".key.pem", e);
        }
    }

    /**
     * @param bits 1024, 2048 or 4096
     * @return the certificate of {@code certs/sast-rsa<bits>.crt.pem}
     */
    public static X509Certificate sastCert(int bits) {
        try (InputStream in = open("sast-rsa" + bits + ".crt.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("sast-rsa" + bits + ".crt.pem", e);
        }
    }

    /**
     * @param name resource name next to this class
     * @return the resource's bytes
     */
    public static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = Fixtures.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("fixture " + name + " is not bundled");
        }
        return in;
    }

    private static byte[] pem(byte[] text, String type) {
        String s = new String(text, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        int a = s.indexOf(begin);
        int b = s.indexOf("-----END " + type + "-----");
        check(a >= 0 && b > a, "not a PEM " + type);
        return Base64.getMimeDecoder().decode(s.substring(a + begin.length(), b));
    }

    /**
     * Parses a trust list, turning a failure into an IllegalStateException.
     *
     * @param b the file
     * @param reader the reader
     * @return the parsed file
     */
    static ItlFile parse(Bytes b, ItlReader reader) {
        try {
            return reader.readTrustList(b);
        } catch (ItlException e) {
            throw new IllegalStateException("fixture does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * @param alg a MessageDigest name
     * @param b bytes
     * @return the digest in lower-case hex
     */
    public static String hex(String alg, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Throws unless {@code ok}: a fixture or a benchmark result is not what it claims.
     *
     * @param ok the condition
     * @param what the message
     */
    public static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark fixture check failed: " + what);
        }
    }
}
