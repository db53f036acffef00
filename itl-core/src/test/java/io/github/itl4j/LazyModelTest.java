package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.support.Fixture;
import io.github.itl4j.support.TestData;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import io.github.itl4j.tlv.TlvReader;
import io.github.itl4j.tlv.TlvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file that was read keeps its header as bytes and makes the header's elements, and each record's field index, only
 * when they are first asked for (issue 19: "never decode what nobody asked for"); what is made then equals what the
 * eager parse made.
 */
class LazyModelTest {
    @TempDir
    Path tmp;

    static List<Path> vectors() {
        List<Path> all = new ArrayList<>(TestData.itlVectors());
        all.addAll(TestData.sgnVectors());
        all.addAll(TestData.list(TestData.vectors().resolve("enccnf"), ".sgn"));
        return all;
    }

    private static SignedFile read(Path p) throws IOException {
        return ItlReader.defaults().read(p);
    }

    @Test
    void readingAFileAndUsingItsRecordsNeverMakesTheHeaderElements() throws IOException {
        byte[] data = Fixture.valid();
        Path p = Files.write(tmp.resolve("ab.tlv"), data);
        for (ItlFile f : List.of(
                ItlReader.defaults().readTrustList(p),
                ItlReader.defaults().readTrustList(Bytes.wrapOwned(data.clone())),
                (ItlFile) ItlReader.defaults().read(p))) {
            ItlHeader h = f.header();
            assertFalse(h.hasElements(), "read");
            for (ItlRecord r : f.records()) {
                assertFalse(r.hasIndex(), "a record's index before any field is asked for");
                assertTrue(r.layout().isPresent());
                assertTrue(r.fieldCount() > 0);
                assertFalse(r.hasIndex(), "layout() and fieldCount() need no index");
                r.role().orElseThrow();
                r.subjectName().orElseThrow();
                r.certificate().orElseThrow();
                assertTrue(r.hasIndex());
            }
            // what reading, signing and verifying need at once
            assertEquals(f.encoded().size(), f.size());
            assertEquals(2, f.signedParts().size());
            assertEquals(Bytes.wrapOwned(data), ItlWriter.encode(f));
            assertEquals(Bytes.wrapOwned(data).slice(0, h.length()), h.encode());
            assertEquals(Version.V1_2, h.version());
            assertEquals("ab.tlv", h.fileName().orElseThrow());
            assertEquals(Layout.CUCM, h.layout().orElseThrow());
            assertTrue(h.signatureOffset() > 0 && h.signatureLength() > 0);
            assertTrue(f.warnings().isEmpty());
            assertFalse(h.hasElements(), "the header's elements were made");

            // the field accessors read a table of positions made from the bytes, not the elements
            assertFalse(h.hasPositions());
            assertTrue(h.signerName().isPresent());
            assertTrue(h.serialNumber().isPresent());
            assertTrue(h.caName().isPresent());
            assertTrue(h.digestAlgorithm().isPresent());
            assertTrue(h.signatureAlgorithm().isPresent());
            assertTrue(h.signatureModulus().isPresent());
            assertTrue(h.signature().isPresent());
            assertTrue(h.timestamp().isPresent());
            assertTrue(h.signerVersion().isEmpty());
            assertTrue(h.find(HeaderTags.FILE_NAME).isPresent());
            assertTrue(h.hasPositions());
            assertFalse(h.hasElements(), "a field accessor made the header's elements");

            List<TlvElement> els = h.elements();
            assertTrue(h.hasElements());
            assertSame(els, h.elements(), "made once");
        }
    }

    @Test
    void theStreamReaderAndReadBytesDoNotMakeTheHeaderElementsEither() throws IOException {
        byte[] data = Fixture.valid();
        try (ItlStreamReader r = ItlReader.defaults().stream(new java.io.ByteArrayInputStream(data))) {
            List<Bytes> signed = new ArrayList<>();
            r.signedBytesTo(signed::add);
            while (r.nextRecord() != null) {
                // read all
            }
            assertFalse(r.header().hasElements());
            assertEquals(
                    data.length - r.header().signatureLength() - Tlv.HEADER_SIZE,
                    signed.stream().mapToInt(Bytes::size).sum());
        }
        Bytes b = ItlReader.defaults().readBytes(new java.io.ByteArrayInputStream(data));
        assertEquals(Bytes.wrapOwned(data), b);
    }

    /** The header's elements as the eager parser made them (before issue 19): an independent walk of the bytes. */
    private static List<TlvElement> eagerElements(Bytes header) throws ItlFormatException {
        TlvReader r = TlvReader.header(header, 0);
        List<List<TlvElement>> stack = new ArrayList<>();
        stack.add(new ArrayList<>());
        for (TlvReader.Event e; (e = r.next()) != null; ) {
            List<TlvElement> cur = stack.get(stack.size() - 1);
            switch (e) {
                case PADDING -> cur.add(Padding.INSTANCE);
                case CONTAINER_START -> stack.add(new ArrayList<>());
                case CONTAINER_END -> {
                    List<TlvElement> children = stack.remove(stack.size() - 1);
                    stack.get(stack.size() - 1).add(new Container(r.tag(), children));
                }
                case VALUE -> cur.add(new Tlv(r.tag(), r.value()));
            }
        }
        return ItlHeader.of(stack.get(0)).elements();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theElementsMadeLaterAreThoseOfTheEagerParse(Path p) throws IOException {
        SignedFile f = read(p);
        ItlHeader lazy = f.header();
        assertFalse(lazy.hasElements());
        Bytes headerBytes = f.encoded().slice(0, lazy.length());
        List<TlvElement> eager = eagerElements(headerBytes);
        ItlHeader built = ItlHeader.of(eager);

        // the parts kept from the parse, before any element exists, agree with the built header's
        assertEquals(built.length(), lazy.length());
        assertEquals(built.version(), lazy.version());
        assertEquals(built.fileName(), lazy.fileName());
        assertEquals(built.layout(), lazy.layout());
        assertEquals(built.signatureOffset(), lazy.signatureOffset());
        assertEquals(built.signatureLength(), lazy.signatureLength());
        assertEquals(built.encode(), lazy.encode());
        assertEquals(headerBytes, lazy.encode());
        assertFalse(lazy.hasElements());

        // equality both ways (built vs read makes the elements), and with another read of the same bytes
        assertEquals(built, lazy);
        assertEquals(lazy, built);
        assertEquals(built.hashCode(), lazy.hashCode());
        ItlHeader again = read(p).header();
        assertEquals(lazy, again);
        assertEquals(eager, lazy.elements());
        assertEquals(eager, again.elements());

        // and every accessor that needs the elements
        assertEquals(built.signerName(), lazy.signerName());
        assertEquals(built.serialNumber(), lazy.serialNumber());
        assertEquals(built.caName(), lazy.caName());
        assertEquals(built.digestAlgorithm(), lazy.digestAlgorithm());
        assertEquals(built.signatureAlgorithm(), lazy.signatureAlgorithm());
        assertEquals(built.signatureModulus(), lazy.signatureModulus());
        assertEquals(built.signature(), lazy.signature());
        assertEquals(built.signerVersion(), lazy.signerVersion());
        assertEquals(built.timestamp(), lazy.timestamp());
        assertEquals(built.paddingCount(), lazy.paddingCount());
        for (int tag = 0; tag < 40; tag++) {
            assertEquals(built.find(tag), lazy.find(tag), "find(" + tag + ")");
        }
        assertEquals(built.toString(), lazy.toString());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void recordIndexesMadeLaterAreThoseOfRecordsBuiltFromTheirFields(Path p) throws IOException {
        if (!(read(p) instanceof ItlFile f)) {
            return;
        }
        for (ItlRecord r : f.records()) {
            int n = r.fieldCount();
            Optional<Layout> layout = r.layout();
            assertFalse(r.hasIndex());
            ItlRecord built = ItlRecord.of(r.fields());
            assertEquals(built, r);
            assertEquals(built.fieldCount(), n);
            assertEquals(built.layout(), layout);
            for (int i = 0; i < n; i++) {
                assertEquals(built.fieldTag(i), r.fieldTag(i));
                assertEquals(built.fieldValue(i), r.fieldValue(i));
                assertEquals(built.fieldOffset(i), r.fieldOffset(i));
            }
        }
    }

    /** A header whose unknown tags repeat and sit in containers at two depths, beside padding. */
    private static List<TlvElement> oddHeader() {
        Bytes one = Bytes.fromHex("01");
        return List.of(
                new Tlv(HeaderTags.VERSION, Bytes.fromHex("0102")),
                new Tlv(HeaderTags.HEADER_LENGTH, Bytes.fromHex("0000")),
                new Tlv(29, Bytes.fromHex("aa")),
                Padding.INSTANCE,
                new Container(
                        HeaderTags.SIGNER_ID,
                        List.of(
                                new Tlv(31, Bytes.fromHex("b1")),
                                new Tlv(HeaderTags.SIGNER_NAME, TlvWriter.nulTerminated("CN=a")),
                                new Tlv(HeaderTags.SERIAL_NUMBER, Bytes.fromHex("0102")),
                                new Tlv(HeaderTags.CA_NAME, TlvWriter.nulTerminated("CN=ca")))),
                new Container(
                        HeaderTags.SIGNATURE_INFO,
                        List.of(
                                new Tlv(HeaderTags.DIGEST_ALGORITHM, one),
                                new Tlv(29, Bytes.fromHex("bb")),
                                new Container(
                                        HeaderTags.SIGNATURE_ALGO_INFO,
                                        List.of(
                                                new Tlv(0, Bytes.fromHex("c0")),
                                                new Tlv(HeaderTags.SIGNATURE_ALGORITHM, Bytes.fromHex("00")),
                                                new Tlv(HeaderTags.SIGNATURE_MODULUS, one),
                                                new Tlv(31, Bytes.fromHex("b2")),
                                                new Tlv(40, Bytes.fromHex("d0")))))),
                new Tlv(HeaderTags.SIGNATURE, Bytes.wrapOwned(new byte[128])),
                new Tlv(HeaderTags.FILE_NAME, TlvWriter.nulTerminated("ITLFile.tlv")),
                new Tlv(HeaderTags.TIMESTAMP, Bytes.fromHex("65000000")),
                new Tlv(0, Bytes.fromHex("c1")),
                new Tlv(40, Bytes.fromHex("d1")),
                Padding.INSTANCE,
                Padding.INSTANCE);
    }

    @Test
    void theFieldTableFindsWhatASearchOfTheElementsFinds() throws ItlFormatException {
        List<List<TlvElement>> all = new ArrayList<>(headers().toList());
        all.add(oddHeader());
        for (List<TlvElement> elements : all) {
            ItlHeader built = ItlHeader.of(elements);
            ItlHeader read = HeaderParser.parse(built.encode(), new ArrayList<>());
            for (int tag = 0; tag < HeaderParser.TABLE_TAGS; tag++) {
                assertEquals(built.find(tag), read.find(tag), "find(" + tag + ")");
            }
            assertEquals(built.signerName(), read.signerName());
            assertEquals(built.serialNumber(), read.serialNumber());
            assertEquals(built.caName(), read.caName());
            assertEquals(built.digestAlgorithm(), read.digestAlgorithm());
            assertEquals(built.signatureAlgorithm(), read.signatureAlgorithm());
            assertEquals(built.signatureModulus(), read.signatureModulus());
            assertEquals(built.signerVersion(), read.signerVersion());
            assertEquals(built.timestamp(), read.timestamp());
            assertEquals(built.timestampSeconds(), read.timestampSeconds());
            assertFalse(read.hasElements(), "tags below " + HeaderParser.TABLE_TAGS + " need no elements");
            for (int tag = HeaderParser.TABLE_TAGS; tag < 256; tag++) {
                assertEquals(built.find(tag), read.find(tag), "find(" + tag + ")");
            }
        }
        ItlHeader odd = HeaderParser.parse(ItlHeader.of(oddHeader()).encode(), new ArrayList<>());
        assertEquals(Bytes.fromHex("aa"), odd.find(29).orElseThrow().value(), "the first, at the top level");
        assertEquals(Bytes.fromHex("b1"), odd.find(31).orElseThrow().value(), "the first, in a container");
        assertEquals(Bytes.fromHex("c0"), odd.find(0).orElseThrow().value(), "the first, two containers deep");
        assertEquals(Bytes.fromHex("d0"), odd.find(40).orElseThrow().value());
        assertTrue(odd.find(HeaderTags.SIGNER_VERSION).isEmpty());
        assertTrue(odd.find(HeaderTags.SIGNER_ID).isEmpty(), "a container is not a plain TLV");
    }

    @Test
    void aRecordFindsTheFirstFieldWithATag() throws ItlFormatException {
        Bytes a = TlvWriter.nulTerminated("CN=a");
        Bytes b = TlvWriter.nulTerminated("CN=b");
        // built records may repeat a known tag; read ones only unknown tags (and tag 0)
        ItlRecord built = ItlRecord.of(List.of(
                new Tlv(40, Bytes.fromHex("01")),
                new Tlv(RecordTags.SUBJECT_NAME, a),
                new Tlv(0, Bytes.fromHex("02")),
                new Tlv(RecordTags.SUBJECT_NAME, b),
                new Tlv(40, Bytes.fromHex("03")),
                new Tlv(0, Bytes.fromHex("04"))));
        assertEquals(Optional.of("CN=a"), built.subjectName());
        assertEquals(Optional.of(Bytes.fromHex("01")), built.value(40));
        assertEquals(Optional.of(Bytes.fromHex("02")), built.value(0));
        assertEquals(Optional.empty(), built.value(41));
        assertEquals(Optional.empty(), built.value(RecordTags.RECORD_LENGTH));
        ItlRecord read = ItlRecord.parse(
                ItlRecord.of(List.of(
                                new Tlv(40, Bytes.fromHex("01")),
                                new Tlv(RecordTags.SUBJECT_NAME, a),
                                new Tlv(0, Bytes.fromHex("02")),
                                new Tlv(RecordTags.FUNCTION, Bytes.fromHex("0015")),
                                new Tlv(40, Bytes.fromHex("03")),
                                new Tlv(0, Bytes.fromHex("04"))))
                        .encoded(),
                0,
                0,
                new ArrayList<>());
        assertEquals(Optional.of(Bytes.fromHex("01")), read.value(40));
        assertEquals(Optional.of(Bytes.fromHex("02")), read.value(0));
        assertEquals(Optional.of(Role.TVS), read.role());
        assertEquals(Optional.of("CN=a"), read.subjectName());
        assertEquals(Optional.empty(), read.value(RecordTags.RECORD_LENGTH));
        assertEquals(Optional.empty(), read.certificate());
        assertEquals(40, read.fieldTag(4));
        assertEquals(Bytes.fromHex("04"), read.fieldValue(5));
    }

    /** {@code Layout.recordOrderMatches} over the tags, as the eager record index judged it. */
    private static Optional<Layout> eagerRecordLayout(int... tags) {
        for (Layout l : Layout.values()) {
            if (l.recordOrderMatches(tags, tags.length, 1)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    @Test
    void aReadRecordJudgesItsFieldOrderAsTheIndexDid() throws ItlFormatException {
        int[][] orders = {
            {2, 3, 4, 5, 6, 7, 8, 9, 10},
            {3, 5, 6, 4, 7, 8, 9},
            {3, 5, 6, 4, 7, 8, 9, 2},
            {9, 8, 7},
            {4, 3},
            {3, 40, 5, 99, 6, 4},
            {40, 41},
            {},
            {5, 4, 6},
            {2, 2 + 40, 3},
        };
        for (int[] order : orders) {
            List<Tlv> fields = new ArrayList<>();
            for (int t : order) {
                RecordTag known = RecordTag.byCode(t);
                int size = known != null && known.fixedLength() >= 0 ? known.fixedLength() : 1;
                fields.add(new Tlv(t, Bytes.wrapOwned(new byte[size])));
            }
            Bytes encoded = ItlRecord.of(fields).encoded();
            ItlRecord read = ItlRecord.parse(encoded, 0, 0, new ArrayList<>());
            assertEquals(eagerRecordLayout(order), read.layout(), Arrays.toString(order));
            assertEquals(eagerRecordLayout(order), ItlRecord.of(fields).layout(), Arrays.toString(order));
            assertEquals(order.length, read.fieldCount());
        }
    }

    /** The header layout as the eager model judged it: at most 32 known tags in order, then the two orders. */
    private static Optional<Layout> eagerHeaderLayout(List<TlvElement> elements) {
        int[] cucm = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15};
        int[] certutils = {1, 2, 3, 4, 6, 5, 7, 8, 9, 10, 11, 12, 14, 15};
        List<Integer> seq = new ArrayList<>();
        collect(elements, seq);
        int n = Math.min(seq.size(), 32);
        int base = Math.min(n, cucm.length);
        for (int i = base; i < n; i++) {
            if (seq.get(i) < HeaderTags.ENCRYPTION_INFO || seq.get(i) >= HeaderTags.SIGNER_VERSION) {
                return Optional.empty();
            }
        }
        int[] head = seq.stream().limit(base).mapToInt(Integer::intValue).toArray();
        if (Arrays.equals(head, cucm)) {
            return Optional.of(Layout.CUCM);
        }
        return Arrays.equals(head, certutils) ? Optional.of(Layout.CERTUTILS) : Optional.empty();
    }

    private static void collect(List<TlvElement> els, List<Integer> seq) {
        for (TlvElement e : els) {
            if (e instanceof Padding || e.tag() == HeaderTags.SIGNER_VERSION || !HeaderTags.isKnown(e.tag())) {
                continue;
            }
            seq.add(e.tag());
            if (e instanceof Container c) {
                collect(c.children(), seq);
            }
        }
    }

    static Stream<List<TlvElement>> headers() {
        ItlHeader.Signer s = new ItlHeader.Signer(
                TlvWriter.nulTerminated("CN=a"),
                Bytes.fromHex("0102"),
                TlvWriter.nulTerminated("CN=ca"),
                128,
                DigestAlgorithm.SHA1,
                1_700_000_000L);
        List<List<TlvElement>> out = new ArrayList<>();
        for (Layout l : Layout.values()) {
            ItlHeader.Builder b =
                    ItlHeader.builder().signer(s).fileName("ITLFile.tlv").layout(l);
            out.add(b.build().elements());
            out.add(ItlHeader.builder()
                    .signer(s)
                    .fileName("x.cnf.xml.sgn")
                    .layout(l)
                    .signerVersion(Version.V1_0)
                    .addElement(new Container(
                            HeaderTags.ENCRYPTION_INFO,
                            List.of(new Container(
                                    HeaderTags.IV_INFO,
                                    List.of(new Tlv(HeaderTags.IV, Bytes.wrapOwned(new byte[16])))))))
                    .addElement(new Tlv(HeaderTags.PLAIN_DIGEST_ALGORITHM, Bytes.fromHex("01")))
                    .addElement(new Tlv(HeaderTags.PLAIN_DIGEST, Bytes.wrapOwned(new byte[20])))
                    .build()
                    .elements());
            out.add(ItlHeader.builder()
                    .signer(s)
                    .fileName("ITLFile.tlv")
                    .layout(l)
                    .addElement(new Tlv(99, Bytes.fromHex("00")))
                    .addElement(new Tlv(HeaderTags.SIGNER_VERSION, Bytes.fromHex("0100")))
                    .build()
                    .elements());
        }
        List<TlvElement> swapped = new ArrayList<>(out.get(0));
        int at = 0;
        while (swapped.get(at).tag() != HeaderTags.FILE_NAME) {
            at++;
        }
        swapped.add(at, swapped.remove(at + 1)); // TIMESTAMP before FILENAME: no layout
        out.add(swapped);
        out.add(List.of(out.get(0).get(0), out.get(0).get(1))); // VERSION and HEADERLENGTH alone
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("headers")
    void aReadHeaderJudgesItsLayoutAsTheElementsDid(List<TlvElement> elements) throws ItlFormatException {
        ItlHeader built = ItlHeader.of(elements);
        Optional<Layout> want = eagerHeaderLayout(built.elements());
        assertEquals(want, built.layout());
        ItlHeader read = HeaderParser.parse(built.encode(), new ArrayList<>());
        assertEquals(want, read.layout());
        assertFalse(read.hasElements());
        assertEquals(built, read);
    }

    @Test
    void threadsThatAskForTheElementsAtOnceAllGetEqualOnes() throws Exception {
        byte[] data = Fixture.valid();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                ItlFile f = ItlReader.defaults().readTrustList(Bytes.wrapOwned(data.clone()));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<TlvElement>>> got = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int record = i % 2;
                    got.add(pool.submit(() -> {
                        go.await();
                        f.records().get(record).fields();
                        return f.header().elements();
                    }));
                }
                go.countDown();
                List<TlvElement> first = got.get(0).get();
                for (Future<List<TlvElement>> g : got) {
                    assertEquals(first, g.get());
                }
                assertEquals(eagerElements(f.header().encode()), f.header().elements());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyKnownHeaderTagIsBelow64() {
        // the header parser keeps the known tags it has seen as bits of one long
        for (HeaderTag t : HeaderTag.values()) {
            assertTrue(t.code() < 64, t.toString());
        }
    }
}
