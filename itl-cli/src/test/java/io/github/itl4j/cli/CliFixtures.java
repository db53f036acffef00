package io.github.itl4j.cli;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the CLI tests find their inputs, and the command-line pieces they share: one place for each, so that a moved
 * directory or a changed option is fixed once.
 */
final class CliFixtures {
    /** The test vectors ({@code testdata/vectors}). */
    static final Path VECTORS = CliRun.testdata();
    /** certutils' vectors: {@code itl/}, {@code sgn/}, {@code certs/}, {@code MANIFEST.md}. */
    static final Path CERTUTILS = VECTORS.resolve("certutils");
    /** certutils' keys and certificates ({@code tftp-rsa2048.pem}, {@code node01-rsa2048.crt.pem}...). */
    static final Path CERTUTILS_CERTS = CERTUTILS.resolve("certs");
    /** certutils' enccnf vectors. */
    static final Path ENCCNF = VECTORS.resolve("enccnf");
    /** The repository's {@code examples/}. */
    static final Path EXAMPLES = VECTORS.getParent().getParent().resolve("examples");
    /** The example cluster ({@code examples/cluster}: test10pub, capf...). */
    static final Path CLUSTER = EXAMPLES.resolve("cluster");
    /** itl-crypto's test keys (signer, itlrecovery, rsa1024, rsa4096, ec256; password changeit). */
    static final Path KEYS =
            VECTORS.getParent().getParent().resolve("itl-crypto/src/test/resources/io/github/itl4j/crypto/keys");

    private CliFixtures() {}

    /**
     * @param name a file of {@link #KEYS}
     * @return its path
     */
    static Path key(String name) {
        return KEYS.resolve(name);
    }

    /**
     * @param name a file of {@link #CERTUTILS_CERTS}
     * @return its path, as an argument
     */
    static String cert(String name) {
        return CERTUTILS_CERTS.resolve(name).toString();
    }

    /**
     * @param name a file of {@link #CLUSTER}
     * @return its path, as an argument
     */
    static String cluster(String name) {
        return CLUSTER.resolve(name).toString();
    }

    /**
     * @param a a command line
     * @param b more arguments
     * @return a new array: {@code a} then {@code b}
     */
    static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * @return {@code --key signer-pkcs8.key --cert signer.pem}: the CallManager-like key of {@link #KEYS}
     */
    static String[] signerKey() {
        return new String[] {
            "--key",
            key("signer-pkcs8.key").toString(),
            "--cert",
            key("signer.pem").toString()
        };
    }

    /**
     * {@code itl build -o OUT} signed by {@link #signerKey()}, whose certificate is the first SAST record.
     *
     * @param out the output
     * @param more further options (records after the first)
     * @return the command line
     */
    static String[] build(Path out, String... more) {
        return concat(
                concat(new String[] {"build", "-o", out.toString()}, signerKey()),
                concat(new String[] {"--sast", key("signer.pem").toString()}, more));
    }

    /**
     * {@code itl build -o OUT} of a listing-A-shaped ITL (SAST, TFTP, CAPF, TVS, SAST (ITLRecovery), TVS, the TVS
     * records as hash records) signed by {@link #signerKey()}.
     *
     * @param out the output
     * @param more further options
     * @return the command line
     */
    static String[] buildListingA(Path out, String... more) {
        return build(
                out,
                concat(
                        new String[] {
                            "--tftp",
                            key("rsa1024.pem").toString(),
                            "--capf",
                            key("rsa4096.pem").toString(),
                            "--tvs",
                            key("rsa1024.pem").toString(),
                            "--sast",
                            key("itlrecovery.pem").toString(),
                            "--tvs",
                            key("rsa4096.pem").toString(),
                            "--tvs-hash"
                        },
                        more));
    }

    /**
     * {@code itl build -o OUT} signed by certutils' node05 (a CallManager key), whose certificate is the first SAST
     * and the TFTP record, as a cluster's CallManager-signed ITL starts.
     *
     * @param out the output
     * @param more further options (records after the TFTP one)
     * @return the command line
     */
    static String[] buildByNode05(Path out, String... more) {
        return concat(
                new String[] {
                    "build",
                    "-o",
                    out.toString(),
                    "--key",
                    cert("node05-rsa2048.key.pem"),
                    "--cert",
                    cert("node05-rsa2048.crt.pem"),
                    "--sast",
                    cert("node05-rsa2048.crt.pem"),
                    "--tftp",
                    cert("node05-rsa2048.crt.pem")
                },
                more);
    }
}
