package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.ItlSigner;
import io.github.itl4j.crypto.KeyLoader;
import io.github.itl4j.crypto.SigningKey;
import io.github.itl4j.crypto.TrustListBuilder;
import io.github.itl4j.crypto.TrustListBuilder.Entry;
import io.github.itl4j.tlv.Tlv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixtures of the trust engine's tests, built deterministically (fixed clock, RSA PKCS#1 v1.5) from the
 * certificates and keys in the repository: cluster A = {@code examples/cluster} (listing-A shape), cluster B and the
 * regenerated certificates = {@code testdata/vectors/certutils/certs}. Public so that the CLI tests can use them
 * through the test jar.
 */
public final class Fixtures {
    /** The fixed signing time (listing A's TIMESTAMP). */
    public static final Instant T0 = Instant.parse("2014-02-26T18:24:27Z");
    /** The simulation time of the scenarios: inside every certificate's validity. */
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Fixtures() {}

    /** @return testdata/ */
    /**
     * The names of the vector node certificates ({@code node*.crt.pem} under {@code vectors/certutils/certs}), sorted,
     * without the suffix: the keys {@link #vectorKey(String)} takes.
     */
    public static List<String> nodeCertificateNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(testdata().resolve("vectors/certutils/certs"))) {
            s.map(x -> x.getFileName().toString())
                    .filter(n -> n.startsWith("node") && n.endsWith(".crt.pem"))
                    .sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - ".crt.pem".length())));
        }
        return names;
    }

    public static Path testdata() {
        String p = System.getProperty("itl.testdata");
        Path dir = p != null ? Path.of(p) : Path.of("../testdata");
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("test vectors not found under " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** @return examples/ */
    public static Path examples() {
        return testdata().toAbsolutePath().getParent().resolve("examples");
    }

    static Path certutils() {
        return testdata().resolve("vectors/certutils");
    }

    // ------------------------------------------------------------------ keys and certificates

    /** @return a key of examples/cluster ({@code test10pub}, {@code itlrecovery}, {@code capf}, {@code tvs-pub} ...) */
    public static SigningKey clusterKey(String name) {
        return memo(
                "ck:" + name,
                () -> load(
                        examples().resolve("cluster/" + name + ".pem"),
                        examples().resolve("cluster/" + name + ".key")));
    }

    /** @return a key of the certutils vectors ({@code sast-rsa2048}, {@code node05-rsa2048} ...) */
    public static SigningKey vectorKey(String name) {
        return memo(
                "vk:" + name,
                () -> load(
                        certutils().resolve("certs/" + name + ".crt.pem"),
                        certutils().resolve("certs/" + name + ".key.pem")));
    }

    private static SigningKey load(Path cert, Path key) {
        try {
            return KeyLoader.defaults().pem(cert, key, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + cert, e);
        }
    }

    public static X509Certificate cmA() {
        return clusterKey("test10pub").certificate();
    }

    public static X509Certificate recA() {
        return clusterKey("itlrecovery").certificate();
    }

    public static X509Certificate capfA() {
        return clusterKey("capf").certificate();
    }

    public static X509Certificate tvsPub() {
        return clusterKey("tvs-pub").certificate();
    }

    public static X509Certificate tvsSub() {
        return clusterKey("tvs-sub").certificate();
    }

    /** CM_A' = node05-rsa2048 (CallManager regenerated). */
    public static X509Certificate cmA2() {
        return vectorKey("node05-rsa2048").certificate();
    }

    /** TVS_A' = node09-rsa2048 (TVS regenerated). */
    public static X509Certificate tvsA2() {
        return vectorKey("node09-rsa2048").certificate();
    }

    /** REC_A' = node13-rsa2048 (ITLRecovery regenerated). */
    public static X509Certificate recA2() {
        return vectorKey("node13-rsa2048").certificate();
    }

    /** CM_B = sast-rsa2048. */
    public static X509Certificate cmB() {
        return vectorKey("sast-rsa2048").certificate();
    }

    /** REC_B = sast2-rsa2048. */
    public static X509Certificate recB() {
        return vectorKey("sast2-rsa2048").certificate();
    }

    public static X509Certificate tvsB() {
        return vectorKey("tvs-rsa2048").certificate();
    }

    // ------------------------------------------------------------------ builders

    public static ItlSigner signer(SigningKey key) {
        return signer(key, DigestAlgorithm.SHA1);
    }

    public static ItlSigner signer(SigningKey key, DigestAlgorithm d) {
        try {
            return ItlSigner.builder(key)
                    .digest(d)
                    .clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ItlFile build(SigningKey signer, String fileName, List<Entry> entries) {
        try {
            TrustListBuilder b = TrustListBuilder.builder(signer(signer))
                    .fileName(fileName)
                    .timestamp(T0)
                    .tvsAsHash(true)
                    .requireSignerRecord(false);
            entries.forEach(b::add);
            return reread(b.build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encodes and reads back, so the model is exactly what a phone would parse. */
    public static ItlFile reread(ItlFile f) {
        try {
            return ItlReader.defaults().readTrustList(f.encoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Entry e(X509Certificate c, Role r) {
        return Entry.of(c, r);
    }

    public static Entry hash(X509Certificate c, Role r) {
        return Entry.of(c, r).asHash();
    }

    /** Records of a cluster-A ITL: SAST{cm, rec}, TFTP{cm}, CAPF#, TVS#{tvs...}. */
    static List<Entry> itlA(X509Certificate cm, X509Certificate rec, X509Certificate... tvs) {
        List<Entry> l = new ArrayList<>();
        l.add(e(cm, Role.SAST));
        l.add(e(cm, Role.TFTP));
        l.add(hash(capfA(), Role.CAPF));
        for (X509Certificate t : tvs) {
            l.add(e(t, Role.TVS));
        }
        if (rec != null) {
            l.add(e(rec, Role.SAST));
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static <T> T memo(String key, java.util.function.Supplier<T> s) {
        Object v = CACHE.get(key);
        if (v == null) {
            v = s.get();
            Object old = CACHE.putIfAbsent(key, v);
            v = old != null ? old : v;
        }
        return (T) v;
    }

    public static ItlFile read(Path p) {
        try {
            return ItlReader.defaults().readTrustList(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SgnFile readSgn(Path p) {
        try {
            return ItlReader.defaults().readSigned(Bytes.wrapOwned(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the fixtures

    /** A1: examples/ITLFile.tlv, signed by CM_A. */
    public static ItlFile a1() {
        return memo("A1", () -> read(examples().resolve("ITLFile.tlv")));
    }

    /** A1r: examples/ITLFile-reset.tlv, the same records signed by REC_A (RESET10 listing B). */
    public static ItlFile a1r() {
        return memo("A1r", () -> read(examples().resolve("ITLFile-reset.tlv")));
    }

    /** A8: 8.x shape: SAST{CM_A}, TFTP{CM_A}, TVS#{tvs-pub}, signed by CM_A. */
    public static ItlFile a8() {
        return memo(
                "A8",
                () -> build(
                        clusterKey("test10pub"),
                        "ITLFile.tlv",
                        List.of(e(cmA(), Role.SAST), e(cmA(), Role.TFTP), e(tvsPub(), Role.TVS))));
    }

    /** A8x: A8 after CM and TVS were regenerated together: SAST{CM_A'}, TFTP{CM_A'}, TVS#{TVS_A'}. */
    public static ItlFile a8x() {
        return memo(
                "A8x",
                () -> build(
                        vectorKey("node05-rsa2048"),
                        "ITLFile.tlv",
                        List.of(e(cmA2(), Role.SAST), e(cmA2(), Role.TFTP), e(tvsA2(), Role.TVS))));
    }

    /** A2: CM regenerated (pre-12), signed by CM_A'. */
    public static ItlFile a2() {
        return memo(
                "A2",
                () -> build(vectorKey("node05-rsa2048"), "ITLFile.tlv", itlA(cmA2(), recA(), tvsPub(), tvsSub())));
    }

    /** A2b: A2's records signed by REC_A (12.x signer). */
    public static ItlFile a2b() {
        return memo(
                "A2b", () -> build(clusterKey("itlrecovery"), "ITLFile.tlv", itlA(cmA2(), recA(), tvsPub(), tvsSub())));
    }

    /** A3: TVS regenerated on pub: as A1 but TVS#{TVS_A', tvs-sub}, signed by CM_A. */
    public static ItlFile a3() {
        return memo("A3", () -> build(clusterKey("test10pub"), "ITLFile.tlv", itlA(cmA(), recA(), tvsA2(), tvsSub())));
    }

    /** A4: CM and TVS regenerated together, signed by CM_A'. */
    public static ItlFile a4() {
        return memo(
                "A4", () -> build(vectorKey("node05-rsa2048"), "ITLFile.tlv", itlA(cmA2(), recA(), tvsA2(), tvsSub())));
    }

    /** A4r: A4 re-signed by REC_A. */
    public static ItlFile a4r() {
        return memo(
                "A4r", () -> build(clusterKey("itlrecovery"), "ITLFile.tlv", itlA(cmA2(), recA(), tvsA2(), tvsSub())));
    }

    /** A5L: ITLRecovery regenerated, localkey phase: SAST{CM_A, REC_A'}, signed by CM_A. */
    public static ItlFile a5l() {
        return memo(
                "A5L", () -> build(clusterKey("test10pub"), "ITLFile.tlv", itlA(cmA(), recA2(), tvsPub(), tvsSub())));
    }

    /** A5: A5L's records signed by REC_A'. */
    public static ItlFile a5() {
        return memo(
                "A5",
                () -> build(vectorKey("node13-rsa2048"), "ITLFile.tlv", itlA(cmA(), recA2(), tvsPub(), tvsSub())));
    }

    /**
     * A_RB: rollback ITL (docs/trust.md §3.4): A1's SAST records byte-identical, every TFTP and TVS record replaced by
     * a placeholder (DNSNAME, FUNCTION), re-signed by CM_A.
     */
    public static ItlFile aRb() {
        return memo("A_RB", () -> placeholders(a1(), clusterKey("test10pub"), Role.TFTP, Role.TVS));
    }

    /** Replaces the records of these roles by placeholders and re-signs. */
    public static ItlFile placeholders(ItlFile src, SigningKey key, Role... roles) {
        List<ItlRecord> out = new ArrayList<>();
        for (ItlRecord r : src.records()) {
            Role role = r.role().orElse(null);
            if (role != null && List.of(roles).contains(role)) {
                out.add(ItlRecord.of(List.of(
                        new Tlv(RecordTags.DNS_NAME, Bytes.copyOf(new byte[] {0, 0})),
                        new Tlv(RecordTags.FUNCTION, Bytes.copyOf(new byte[] {0, (byte) role.code()})))));
            } else {
                out.add(r);
            }
        }
        try {
            return reread(signer(key).sign(ItlFile.of(src.header(), out)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** B1: the certutils 2-SAST ITL: SAST{CM_B, REC_B}, CCM+TFTP, CAPF, TVS{tvs-rsa2048}, signed by CM_B. */
    public static ItlFile b1() {
        return memo("B1", () -> read(certutils().resolve("itl/itl-rsa2048-sha1-v1.0-2sast.tlv")));
    }

    /** B1r: B1 re-signed by REC_B (itl reset). */
    public static ItlFile b1r() {
        return memo("B1r", () -> {
            try {
                return reread(io.github.itl4j.crypto.ItlResetter.builder(signer(vectorKey("sast2-rsa2048")))
                        .build()
                        .reset(b1()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** CTL_B: the certutils CTL: SAST{CM_B, REC_B}, CCM+TFTP, CAPF, signed by CM_B. */
    public static ItlFile ctlB() {
        return memo("CTL_B", () -> read(certutils().resolve("itl/ctl-rsa2048-sha1-v1.0-ctlfile.tlv")));
    }

    /** CTL_A: tokenless CTL of cluster A: SAST{CM_A, REC_A}, CCM+TFTP{CM_A}, CAPF{capf}, signed by CM_A. */
    public static ItlFile ctlA() {
        return memo(
                "CTL_A",
                () -> build(
                        clusterKey("test10pub"),
                        "CTLFile.tlv",
                        List.of(
                                e(cmA(), Role.SAST),
                                e(recA(), Role.SAST),
                                e(cmA(), Role.CCM_TFTP),
                                e(capfA(), Role.CAPF))));
    }

    /** CTL_A': CTL_A plus SAST{CM_B, REC_B} (utils ctl update CTLFile after importing B into Phone-SAST-trust). */
    public static ItlFile ctlA2() {
        return memo(
                "CTL_A'",
                () -> build(
                        clusterKey("test10pub"),
                        "CTLFile.tlv",
                        List.of(
                                e(cmA(), Role.SAST),
                                e(recA(), Role.SAST),
                                e(cmA(), Role.CCM_TFTP),
                                e(capfA(), Role.CAPF),
                                e(cmB(), Role.SAST),
                                e(recB(), Role.SAST))));
    }

    /** A non-secure CTL (7.1): SAST{CM_A, REC_A}, CCM+TFTP placeholder. */
    public static ItlFile ctlNonSecure() {
        return memo("CTL_NS", () -> placeholders(ctlA(), clusterKey("test10pub"), Role.CCM_TFTP));
    }

    /** ALL: the certutils all-roles ITL (SAST sast-rsa2048, TFTP tftp-rsa2048, TVS tvs-rsa2048 ...). */
    public static ItlFile all() {
        return memo("ALL", () -> read(certutils().resolve("itl/itl-rsa2048-sha1-v1.0-allroles.tlv")));
    }

    /** ALL1024: the certutils all-roles ITL signed by sast-rsa1024. */
    public static ItlFile all1024() {
        return memo("ALL1024", () -> read(certutils().resolve("itl/itl-rsa1024-sha1-v1.0-allroles.tlv")));
    }

    /** CFG1: SEP001122334455.cnf.xml.sgn (SHA-1, tftp-rsa2048). */
    public static Path cfg1() {
        return certutils().resolve("sgn/SEP001122334455.cnf.xml.sgn");
    }

    /** CFG512: SEP0011223344AA.cnf.xml.sgn (SHA-512, tftp-rsa2048). */
    public static Path cfg512() {
        return certutils().resolve("sgn/SEP0011223344AA.cnf.xml.sgn");
    }

    /** CFGS: SEP0011223344BB.cnf.xml.sgn (SHA-1, sast-rsa1024). */
    public static Path cfgS() {
        return certutils().resolve("sgn/SEP0011223344BB.cnf.xml.sgn");
    }

    /** The plain config. */
    public static Path plainCfg() {
        return certutils().resolve("sgn/SEP001122334455.cnf.xml");
    }

    /** A config signed by CM_B (sast-rsa2048). */
    public static SgnFile cfgByCmB() {
        return memo("CFG_CMB", () -> {
            try {
                Bytes payload = Bytes.wrapOwned(Files.readAllBytes(plainCfg()));
                return ItlReader.defaults()
                        .readSigned(signer(vectorKey("sast-rsa2048"))
                                .signConfig(payload, "SEP001122334455.cnf.xml.sgn")
                                .encoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ------------------------------------------------------------------ TVS environments

    /**
     * A TVS of cluster A.
     *
     * @param server its server certificate (tvs-pub, or TVS_A' after a regeneration)
     * @param own own CallManager certificates
     * @param phoneSast Phone-SAST-trust
     * @param cmTrust CallManager-trust
     */
    public static TvsInstance tvsA(
            String label,
            X509Certificate server,
            List<X509Certificate> own,
            List<X509Certificate> phoneSast,
            List<X509Certificate> cmTrust) {
        Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
        stores.put("own:CallManager", own);
        stores.put("own:ITLRecovery", List.of(recA()));
        stores.put("own:TVS", List.of(server));
        stores.put("Phone-SAST-trust", phoneSast);
        stores.put("CallManager-trust", cmTrust);
        return TvsInstance.of(label, server, stores);
    }
}
