package io.github.itl4j.testkit;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.Version;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * jqwik {@link Arbitrary}s for property-testing code that handles Cisco ITL/CTL trust lists and signed ({@code .sgn})
 * files: files really signed by the testkit's {@link TestKey test keys} ({@link #trustLists()},
 * {@link #signedFiles()}, also what {@code @ForAll ItlFile} and {@code @ForAll SgnFile} give), valid unsigned models
 * (records, headers, whole files with random signature bytes) and hostile bytes derived from valid files
 * ({@link #truncations}, {@link #bitFlips}, {@link #splices}, {@link #mutatedBytes}).
 *
 * <pre>{@code
 * @Property
 * void signedTrustListsVerify(@ForAll ItlFile file) {
 *     assertTrue(ItlVerifier.builder().build().verify(file).isVerified());
 * }
 *
 * @Property
 * void myStoreRejectsDamagedFiles(@ForAll("damaged") byte[] bytes) { ... }
 *
 * @Provide
 * Arbitrary<byte[]> damaged() {
 *     return ItlArbitraries.hostileBytes(ItlArbitraries.trustLists().withRecords(1, 50).signedBy(TestKey.RSA_2048));
 * }
 * }</pre>
 *
 * <p>The unsigned generators below ({@link #itlFiles()}, {@link #sgnFiles()}, {@link #headers()}) are what the
 * following paragraphs describe.
 *
 * <p>Every generated model is valid: {@link io.github.itl4j.ItlReader} reads its encoding back to an equal model, with
 * no warning other than {@link io.github.itl4j.ItlWarning.Code#UNKNOWN_ROLE} for the unknown role codes that
 * {@link #roles()} includes on purpose. Records follow CUCM's or certutils' field order ({@link Layout}); names, serial numbers, keys,
 * signatures and "certificates" are random bytes of realistic sizes (the certificates are not DER; nothing here
 * decodes them). Roles include codes the library does not know, as phones must skip those. Sizes are kept modest
 * (records under about 1.5 KB, files under about 12 KB) so that properties run fast.
 *
 * <p>Random byte values are drawn from a seed, so shrinking reduces sizes and seeds rather than single bytes.
 *
 * <pre>{@code
 * @Property
 * void myReaderAcceptsEveryValidFile(@ForAll("files") ItlFile file) throws Exception {
 *     MyTrustStore.load(file.encoded().toByteArray());
 * }
 *
 * @Provide
 * Arbitrary<ItlFile> files() {
 *     return ItlArbitraries.itlFiles();
 * }
 * }</pre>
 *
 * <p>The methods are stateless and thread-safe; each call returns a new arbitrary.
 *
 * @since 0.1.0
 */
public final class ItlArbitraries {
    /** Most records {@link #itlFiles()} puts in a file. */
    public static final int DEFAULT_MAX_RECORDS = 8;

    private static final Role[] KNOWN_ROLES = {
        Role.SAST, Role.CCM, Role.CCM_TFTP, Role.TFTP, Role.CAPF, Role.SRST, Role.APP_SERVER, Role.TVS
    };

    private ItlArbitraries() {}

    // ---------------------------------------------------------------------------------------------------- values

    /**
     * Random bytes of a random size. The content comes from a seeded generator, so generation and shrinking are
     * cheap even for large arrays.
     *
     * @param minSize smallest size, at least 0
     * @param maxSize largest size, at least {@code minSize}
     * @return an arbitrary of byte sequences
     * @throws IllegalArgumentException if the bounds are negative or reversed
     */
    public static Arbitrary<Bytes> randomBytes(int minSize, int maxSize) {
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("need 0 <= minSize <= maxSize: " + minSize + ", " + maxSize);
        }
        return Combinators.combine(Arbitraries.integers().between(minSize, maxSize), Arbitraries.longs())
                .as(ItlArbitraries::seeded);
    }

    private static Arbitrary<Bytes> randomBytesOfSizes(Integer... sizes) {
        return Combinators.combine(Arbitraries.of(sizes), Arbitraries.longs()).as(ItlArbitraries::seeded);
    }

    private static Bytes seeded(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Bytes.wrapOwned(b);
    }

    private static Arbitrary<String> words(int maxLength) {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        12,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('0', '9')
                                .withChars("-_.")
                                .ofMinLength(1)
                                .ofMaxLength(maxLength)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('A', 'Z')
                                .withChars(" ,+=\\\"")
                                .ofMinLength(1)
                                .ofMaxLength(maxLength)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withChars("äöüéłžßåøÇ日本語")
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(maxLength)));
    }

    /**
     * Distinguished-name text as the given layout writes it: CUCM joins {@code CN=..;OU=..;O=..;L=..;ST=..;C=..}
     * with {@code ;} in that fixed order (some attributes left out), certutils joins RFC 4514 attributes with
     * {@code ,} in certificate order. Values are mostly ASCII, sometimes with RFC 4514 specials or non-ASCII letters.
     * Never contains a NUL.
     *
     * @param layout whose style to follow
     * @return an arbitrary of names (without the NUL terminator)
     */
    public static Arbitrary<String> names(Layout layout) {
        Arbitrary<String> cn = words(40);
        Arbitrary<List<String>> attrs = Combinators.combine(
                        words(12).injectNull(0.3),
                        words(12).injectNull(0.2),
                        words(12).injectNull(0.5),
                        words(12).injectNull(0.5),
                        Arbitraries.strings()
                                .withCharRange('A', 'Z')
                                .ofLength(2)
                                .injectNull(0.4))
                .as((ou, o, l, st, c) -> Arrays.asList(ou, o, l, st, c));
        String[] keys = {"OU", "O", "L", "ST", "C"};
        if (layout == Layout.CUCM) {
            return Combinators.combine(cn, attrs).as((c, a) -> {
                StringBuilder sb = new StringBuilder("CN=").append(c);
                for (int i = 0; i < keys.length; i++) {
                    if (a.get(i) != null) {
                        sb.append(';').append(keys[i]).append('=').append(a.get(i));
                    }
                }
                return sb.toString();
            });
        }
        return Combinators.combine(cn, attrs, Arbitraries.longs()).as((c, a, seed) -> {
            List<String> parts = new ArrayList<>();
            parts.add("CN=" + c);
            for (int i = 0; i < keys.length; i++) {
                if (a.get(i) != null) {
                    parts.add(keys[i] + "=" + a.get(i));
                }
            }
            java.util.Collections.shuffle(parts, new Random(seed));
            return String.join(",", parts);
        });
    }

    private static Arbitrary<Bytes> nameValues(Layout layout) {
        return names(layout).map(TlvWriter::nulTerminated);
    }

    /**
     * Serial numbers as the format stores them: unsigned big-endian magnitude, 1 to 20 bytes (16 most often).
     *
     * @return an arbitrary of serial numbers
     */
    public static Arbitrary<Bytes> serialNumbers() {
        return Arbitraries.frequencyOf(Tuple.of(3, randomBytesOfSizes(16)), Tuple.of(2, randomBytes(1, 20)));
    }

    /**
     * FUNCTION codes: mostly the known roles, sometimes a code this library does not know (kept by readers).
     *
     * @return an arbitrary of roles
     */
    public static Arbitrary<Role> roles() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(KNOWN_ROLES)),
                Tuple.of(
                        1,
                        Arbitraries.integers().between(0, 0xFFFF).map(Role::of).filter(r -> !r.isKnown())));
    }

    /**
     * Header DIGESTALGORITHM values that can be signed with: SHA-1, SHA-256, SHA-512.
     *
     * @return an arbitrary of digest algorithms
     */
    public static Arbitrary<DigestAlgorithm> digests() {
        return Arbitraries.of(DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
    }

    /**
     * Hostile DIGESTALGORITHM values: mostly SHA-1, SHA-256, SHA-512, one in ten a code no verifier knows (4..255).
     *
     * @return an arbitrary of digest algorithms
     */
    public static Arbitrary<DigestAlgorithm> anyDigests() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, digests()),
                Tuple.of(1, Arbitraries.integers().between(4, 255).map(DigestAlgorithm::of)));
    }

    /**
     * Signature sizes in bytes: 64, 128, 256 or 512 (RSA 512 to 4096 bits).
     *
     * @return an arbitrary of signature lengths
     */
    public static Arbitrary<Integer> signatureLengths() {
        return Arbitraries.of(64, 128, 256, 512);
    }

    /**
     * Unix timestamps that fit the 32-bit TIMESTAMP field, biased to recent years.
     *
     * @return an arbitrary of seconds
     */
    public static Arbitrary<Long> timestamps() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1_000_000_000L, 2_000_000_000L)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xFFFF_FFFFL)));
    }

    /**
     * Trust-list file names, all ending in {@code .tlv}: {@code ITLFile.tlv}, {@code CTLFile.tlv},
     * {@code ITLSEP<MAC>.tlv}, {@code CTLSEP<MAC>.tlv}.
     *
     * @return an arbitrary of file names
     */
    public static Arbitrary<String> trustListFileNames() {
        Arbitrary<String> mac = Arbitraries.strings()
                .withCharRange('0', '9')
                .withCharRange('A', 'F')
                .ofLength(12);
        return Arbitraries.oneOf(
                Arbitraries.of("ITLFile.tlv", "CTLFile.tlv"),
                mac.map(m -> "ITLSEP" + m + ".tlv"),
                mac.map(m -> "CTLSEP" + m + ".tlv"));
    }

    /**
     * Signed-file names, none ending in {@code .tlv}: {@code SEP<MAC>.cnf.xml.sgn}, ring lists, paths with
     * folders, firmware {@code .sha512} parts.
     *
     * @return an arbitrary of file names
     */
    public static Arbitrary<String> signedFileNames() {
        Arbitrary<String> mac = Arbitraries.strings()
                .withCharRange('0', '9')
                .withCharRange('A', 'F')
                .ofLength(12);
        return Arbitraries.oneOf(
                mac.map(m -> "SEP" + m + ".cnf.xml.sgn"),
                Arbitraries.of(
                        "dialplan.xml.sgn",
                        "RingList.xml.sgn",
                        "Desktops/320x196x4/List.xml.sgn",
                        "cp-8800-sip.14-2-1.loads.sha512"),
                words(20).map(w -> w + ".xml.sgn"));
    }

    // --------------------------------------------------------------------------------------------------- records

    /**
     * Records in either layout: certificate records and, less often, hash records.
     *
     * @return an arbitrary of records
     */
    public static Arbitrary<ItlRecord> records() {
        return Arbitraries.of(Layout.values()).flatMap(ItlArbitraries::records);
    }

    /**
     * Records in one layout's field order: certificate records and, less often, hash records.
     *
     * @param layout field order and name style
     * @return an arbitrary of records
     */
    public static Arbitrary<ItlRecord> records(Layout layout) {
        return Arbitraries.frequencyOf(Tuple.of(4, certificateRecords(layout)), Tuple.of(1, hashRecords(layout)));
    }

    private static Arbitrary<Bytes> publicKeys() {
        // RSA PKCS#1 1024/2048 bits, EC P-256 point, rarely RSA 4096
        return Arbitraries.frequencyOf(
                Tuple.of(3, randomBytesOfSizes(140, 270, 65)), Tuple.of(1, randomBytesOfSizes(526)));
    }

    private static Arbitrary<Bytes> certSignatures() {
        return randomBytesOfSizes(64, 70, 71, 72, 128, 256);
    }

    private static Bytes u16(int v) {
        return Bytes.wrapOwned(new byte[] {(byte) (v >>> 8), (byte) v});
    }

    /**
     * CUCM-only fields: DNSNAME (2 bytes as in CUCM ITLs, or a host name as in CTLs, or absent) and an optional
     * 4-byte IPADDRESS.
     */
    private static Arbitrary<List<Tlv>> cucmExtras() {
        Arbitrary<Tlv> dns = Arbitraries.oneOf(
                randomBytesOfSizes(2).map(b -> new Tlv(RecordTags.DNS_NAME, b)),
                words(24).map(w -> new Tlv(RecordTags.DNS_NAME, TlvWriter.nulTerminated(w))));
        Arbitrary<Tlv> ip = randomBytesOfSizes(4).map(b -> new Tlv(RecordTags.IP_ADDRESS, b));
        return Combinators.combine(dns.injectNull(0.2), ip.injectNull(0.6)).as((d, i) -> {
            List<Tlv> out = new ArrayList<>(2);
            if (d != null) {
                out.add(d);
            }
            if (i != null) {
                out.add(i);
            }
            return out;
        });
    }

    private static Arbitrary<List<Tlv>> extras(Layout layout) {
        return layout == Layout.CUCM ? cucmExtras() : Arbitraries.just(List.of());
    }

    /**
     * Certificate records: subject, role, issuer, serial, public key, the certificate's signature (sometimes absent,
     * as in eToken records), random "certificate" bytes (16 to 700), plus DNSNAME/IPADDRESS in CUCM layout.
     *
     * @param layout field order and name style
     * @return an arbitrary of records
     */
    public static Arbitrary<ItlRecord> certificateRecords(Layout layout) {
        return Combinators.combine(
                        nameValues(layout),
                        roles(),
                        nameValues(layout),
                        serialNumbers(),
                        publicKeys(),
                        certSignatures().injectNull(0.1),
                        randomBytes(16, 700),
                        extras(layout))
                .as((subject, role, issuer, serial, key, sig, cert, extra) -> {
                    List<Tlv> fields = new ArrayList<>(extra);
                    fields.add(new Tlv(RecordTags.SUBJECT_NAME, subject));
                    fields.add(new Tlv(RecordTags.FUNCTION, u16(role.code())));
                    fields.add(new Tlv(RecordTags.ISSUER_NAME, issuer));
                    fields.add(new Tlv(RecordTags.SERIAL_NUMBER, serial));
                    fields.add(new Tlv(RecordTags.PUBLIC_KEY, key));
                    if (sig != null) {
                        fields.add(new Tlv(RecordTags.SIGNATURE, sig));
                    }
                    fields.add(new Tlv(RecordTags.CERTIFICATE, cert));
                    return ItlRecord.of(layout.sortRecordFields(fields));
                });
    }

    /**
     * Hash records, as CUCM writes for TVS (and CAPF) entries of an ITL: CERTHASH (20, 32 or 64 bytes) and HASH
     * ALGORITHM in place of the certificate.
     *
     * @param layout field order and name style
     * @return an arbitrary of records
     */
    public static Arbitrary<ItlRecord> hashRecords(Layout layout) {
        return Combinators.combine(
                        nameValues(layout),
                        roles(),
                        nameValues(layout),
                        serialNumbers(),
                        publicKeys(),
                        certSignatures(),
                        Arbitraries.of(DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
                                .flatMap(d -> randomBytesOfSizes(d.digestLength())
                                        .map(h -> List.of(
                                                new Tlv(RecordTags.CERT_HASH, h),
                                                new Tlv(
                                                        RecordTags.HASH_ALGORITHM,
                                                        Bytes.wrapOwned(new byte[] {(byte) d.code()}))))),
                        extras(layout))
                .as((subject, role, issuer, serial, key, sig, hash, extra) -> {
                    List<Tlv> fields = new ArrayList<>(extra);
                    fields.add(new Tlv(RecordTags.SUBJECT_NAME, subject));
                    fields.add(new Tlv(RecordTags.FUNCTION, u16(role.code())));
                    fields.add(new Tlv(RecordTags.ISSUER_NAME, issuer));
                    fields.add(new Tlv(RecordTags.SERIAL_NUMBER, serial));
                    fields.add(new Tlv(RecordTags.PUBLIC_KEY, key));
                    fields.add(new Tlv(RecordTags.SIGNATURE, sig));
                    fields.addAll(hash);
                    return ItlRecord.of(layout.sortRecordFields(fields));
                });
    }

    // --------------------------------------------------------------------------------------------------- headers

    /**
     * Signer fields for a new header: SIGNERNAME and CANAME in the layout's name style, a serial number, a
     * signature size of 64, 128, 256 or 512 bytes, a digest that can be signed ({@link #digests()}) and a timestamp.
     *
     * @param layout name style
     * @return an arbitrary of signers
     */
    public static Arbitrary<ItlHeader.Signer> signers(Layout layout) {
        return Combinators.combine(
                        nameValues(layout),
                        serialNumbers(),
                        nameValues(layout),
                        signatureLengths(),
                        digests(),
                        timestamps())
                .as(ItlHeader.Signer::new);
    }

    /**
     * Trust-list headers (FILENAME ending in {@code .tlv}) in either layout, built with {@link ItlHeader#builder()}:
     * version 1.2 (sometimes 1.0 or 1.1), with or without SIGNERVERSION 1.0/1.1, any signer, a random signature
     * value.
     *
     * @return an arbitrary of headers
     */
    public static Arbitrary<ItlHeader> headers() {
        return headers(
                trustListFileNames(),
                Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.just(Version.V1_2)),
                        Tuple.of(1, Arbitraries.of(Version.V1_0, Version.V1_1))));
    }

    /**
     * Headers with the given file names and versions, in either layout, built with {@link ItlHeader#builder()}.
     *
     * @param fileNames FILENAME values
     * @param versions header VERSION values
     * @return an arbitrary of headers, signature filled with random bytes
     */
    public static Arbitrary<ItlHeader> headers(Arbitrary<String> fileNames, Arbitrary<Version> versions) {
        return Arbitraries.of(Layout.values()).flatMap(layout -> Combinators.combine(
                        signers(layout),
                        fileNames,
                        versions,
                        Arbitraries.of(Version.V1_0, Version.V1_1).injectNull(0.4),
                        Arbitraries.longs())
                .as((signer, name, version, signerVersion, seed) -> {
                    ItlHeader h = ItlHeader.builder()
                            .layout(layout)
                            .version(version)
                            .signerVersion(signerVersion)
                            .signer(signer)
                            .fileName(name)
                            .build();
                    return h.withSignature(seeded(signer.signatureLength(), seed));
                }));
    }

    // ----------------------------------------------------------------------------------------------------- files

    /**
     * Trust lists with 0 to {@value #DEFAULT_MAX_RECORDS} records, header and records in the same layout.
     *
     * @return an arbitrary of files
     */
    public static Arbitrary<ItlFile> itlFiles() {
        return itlFiles(0, DEFAULT_MAX_RECORDS);
    }

    /**
     * Trust lists with {@code minRecords} to {@code maxRecords} records (the count drawn uniformly), header and
     * records in the same layout, signature bytes random. For really signed ones see {@link #trustLists()}.
     *
     * @param minRecords fewest records, at least 0
     * @param maxRecords most records, at least {@code minRecords}
     * @return an arbitrary of files
     */
    public static Arbitrary<ItlFile> itlFiles(int minRecords, int maxRecords) {
        if (minRecords < 0 || maxRecords < minRecords) {
            throw new IllegalArgumentException("need 0 <= minRecords <= maxRecords: " + minRecords + ", " + maxRecords);
        }
        return Combinators.combine(
                        headers(),
                        Arbitraries.integers()
                                .between(minRecords, maxRecords)
                                .withDistribution(RandomDistribution.uniform()))
                .flatAs((h, n) ->
                        records(h.layout().orElse(Layout.CUCM)).list().ofSize(n).map(rs -> ItlFile.of(h, rs)));
    }

    /**
     * Really signed ITLs and CTLs (1 to 50 records, every test key, SHA-1/256/512, both layouts, 2 SAST, signer not
     * first, CTL records with IPADDRESS, hash records); configure with the returned arbitrary's methods. This is
     * also what {@code @ForAll ItlFile} gives.
     *
     * @return a new configurable arbitrary; see {@link TrustListArbitrary} for the distribution
     */
    public static TrustListArbitrary trustLists() {
        return new TrustListArbitrary();
    }

    /**
     * Really signed {@code .sgn} files; also what {@code @ForAll SgnFile} gives.
     *
     * @return a new configurable arbitrary; see {@link SignedFileArbitrary}
     */
    public static SignedFileArbitrary signedFiles() {
        return new SignedFileArbitrary();
    }

    /**
     * Payloads for {@code .sgn} files: 0 to 2048 random bytes, or XML-like text.
     *
     * @return an arbitrary of payloads
     */
    public static Arbitrary<Bytes> payloads() {
        Arbitrary<Bytes> xml = words(60).list().ofMaxSize(20).map(ws -> {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<device>\n");
            for (String w : ws) {
                sb.append("  <item>").append(w).append("</item>\n");
            }
            return Bytes.wrapOwned(sb.append("</device>\n").toString().getBytes(StandardCharsets.UTF_8));
        });
        return Arbitraries.oneOf(randomBytes(0, 2048), xml);
    }

    /**
     * Signed files: a header with a {@code .sgn}/{@code .sha512} FILENAME (version 1.0 as certutils writes, or 1.2)
     * and a payload of 0 to 2048 random bytes or XML-like text.
     *
     * @return an arbitrary of signed files
     */
    public static Arbitrary<SgnFile> sgnFiles() {
        return Combinators.combine(headers(signedFileNames(), Arbitraries.of(Version.V1_0, Version.V1_2)), payloads())
                .as(SgnFile::of);
    }

    // ------------------------------------------------------------------------------------------- malformed bytes

    /**
     * Byte arrays derived from {@code file}'s encoding by one mutation: flipped bits, a truncation, a splice
     * (a range deleted, duplicated or overwritten with another range), a length field (header or record length,
     * or a TLV length) set to a nearby or random value, random bytes appended, or everything after a short valid
     * prefix replaced by random bytes of random length. Most results are malformed; some are still valid. Either
     * way a conforming reader must end in a value or an {@code ItlException}.
     *
     * @param file a valid file (for example from {@link #itlFiles()} or read from disk)
     * @return an arbitrary of byte arrays, each a fresh array
     */
    public static Arbitrary<byte[]> mutatedBytes(SignedFile file) {
        byte[] base = file.encoded().toByteArray();
        int n = base.length;
        int[] lengths = lengthFieldOffsets(file);
        Arbitrary<byte[]> flips = bitFlips(base);
        Arbitrary<byte[]> truncations = truncations(base);
        Arbitrary<byte[]> splices = splices(base);
        Arbitrary<byte[]> lengthEdits = Combinators.combine(
                        Arbitraries.of(box(lengths)),
                        Arbitraries.oneOf(
                                Arbitraries.integers().between(-4, 4),
                                Arbitraries.integers().between(0, 0xFFFF).map(v -> v + 0x10000),
                                Arbitraries.of(0x10000, 0x1FFFF)))
                .as((at, change) -> {
                    byte[] out = base.clone();
                    int old = ((out[at] & 0xFF) << 8) | (out[at + 1] & 0xFF);
                    int v = change >= 0x10000 ? change - 0x10000 : (old + change) & 0xFFFF;
                    out[at] = (byte) (v >>> 8);
                    out[at + 1] = (byte) v;
                    return out;
                });
        Arbitrary<byte[]> appended = randomBytes(1, 64).map(tail -> {
            byte[] out = Arrays.copyOf(base, n + tail.size());
            tail.copyTo(out, n);
            return out;
        });
        Arbitrary<byte[]> randomTail = Combinators.combine(
                        Arbitraries.integers().between(0, Math.min(n, 64)), randomBytes(0, 512))
                .as((keep, tail) -> {
                    byte[] out = Arrays.copyOf(base, keep + tail.size());
                    tail.copyTo(out, keep);
                    return out;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(3, flips),
                Tuple.of(2, truncations),
                Tuple.of(2, splices),
                Tuple.of(3, lengthEdits),
                Tuple.of(1, appended),
                Tuple.of(1, randomTail));
    }

    /**
     * Truncations: {@code file}'s encoding cut after 0 to {@code size - 1} bytes.
     *
     * @param file a valid file
     * @return an arbitrary of fresh byte arrays, each shorter than the file
     */
    public static Arbitrary<byte[]> truncations(SignedFile file) {
        return truncations(file.encoded().toByteArray());
    }

    /**
     * Bit flips: {@code file}'s encoding with one bit (sometimes two) inverted anywhere.
     *
     * @param file a valid file
     * @return an arbitrary of fresh byte arrays of the file's size
     */
    public static Arbitrary<byte[]> bitFlips(SignedFile file) {
        return bitFlips(file.encoded().toByteArray());
    }

    /**
     * Splices: {@code file}'s encoding with a range of 1 to 64 bytes deleted, duplicated elsewhere, or copied over
     * another place.
     *
     * @param file a valid file
     * @return an arbitrary of fresh byte arrays
     */
    public static Arbitrary<byte[]> splices(SignedFile file) {
        return splices(file.encoded().toByteArray());
    }

    /**
     * Hostile bytes from any files: each file's encoding truncated, bit-flipped, spliced or otherwise mutated as
     * {@link #mutatedBytes(SignedFile)} does.
     *
     * @param files where the valid files come from, e.g. {@link #trustLists()} or {@link #signedFiles()}
     * @return an arbitrary of fresh byte arrays
     */
    public static Arbitrary<byte[]> hostileBytes(Arbitrary<? extends SignedFile> files) {
        return files.flatMap(ItlArbitraries::mutatedBytes);
    }

    private static Arbitrary<byte[]> truncations(byte[] base) {
        return Arbitraries.integers().between(0, base.length - 1).map(cut -> Arrays.copyOf(base, cut));
    }

    private static Arbitrary<byte[]> bitFlips(byte[] base) {
        int bits = base.length * 8;
        return Combinators.combine(
                        Arbitraries.integers().between(0, bits - 1),
                        Arbitraries.integers().between(0, bits - 1).injectNull(0.6))
                .as((a, b) -> {
                    byte[] out = base.clone();
                    out[a >>> 3] ^= (byte) (1 << (a & 7));
                    if (b != null) {
                        out[b >>> 3] ^= (byte) (1 << (b & 7));
                    }
                    return out;
                });
    }

    private static Arbitrary<byte[]> splices(byte[] base) {
        int n = base.length;
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, n - 1),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.integers().between(0, n))
                .as((kind, from, len, at) -> splice(base, kind, from, Math.min(len, n - from), at));
    }

    /**
     * Mutated bytes ({@link #mutatedBytes(SignedFile)}) of generated trust lists and signed files.
     *
     * @return an arbitrary of byte arrays
     */
    public static Arbitrary<byte[]> mutatedBytes() {
        return Arbitraries.<SignedFile>frequencyOf(Tuple.of(4, itlFiles(0, 4)), Tuple.of(1, sgnFiles()))
                .flatMap(ItlArbitraries::mutatedBytes);
    }

    private static Integer[] box(int[] a) {
        Integer[] out = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static byte[] splice(byte[] base, int kind, int from, int len, int at) {
        int n = base.length;
        switch (kind) {
            case 0 -> { // delete [from, from+len)
                byte[] out = new byte[n - len];
                System.arraycopy(base, 0, out, 0, from);
                System.arraycopy(base, from + len, out, from, n - from - len);
                return out;
            }
            case 1 -> { // insert a copy of [from, from+len) at 'at'
                byte[] out = new byte[n + len];
                System.arraycopy(base, 0, out, 0, at);
                System.arraycopy(base, from, out, at, len);
                System.arraycopy(base, at, out, at + len, n - at);
                return out;
            }
            default -> { // overwrite at 'at' with [from, from+len)
                byte[] out = base.clone();
                System.arraycopy(base, from, out, Math.min(at, n - len), len);
                return out;
            }
        }
    }

    /** Offsets of every 16-bit length field: TLV lengths, the HEADERLENGTH and RECORDLENGTH values. */
    private static int[] lengthFieldOffsets(SignedFile file) {
        List<Integer> out = new ArrayList<>();
        out.add(8); // HEADERLENGTH value
        walk(file.header().elements(), 0, out);
        if (file instanceof ItlFile f) {
            int pos = f.header().length();
            for (ItlRecord r : f.records()) {
                out.add(pos + 1);
                out.add(pos + 3); // RECORDLENGTH value
                for (int i = 0; i < r.fieldCount(); i++) {
                    out.add(pos + r.fieldOffset(i) + 1);
                }
                pos += r.length();
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int walk(List<TlvElement> els, int pos, List<Integer> out) {
        for (TlvElement e : els) {
            if (e instanceof Padding) {
                pos++;
            } else if (e instanceof Container c) {
                out.add(pos + 1);
                pos = walk(c.children(), pos + 3, out);
            } else {
                out.add(pos + 1);
                pos += e.encodedSize();
            }
        }
        return pos;
    }
}
