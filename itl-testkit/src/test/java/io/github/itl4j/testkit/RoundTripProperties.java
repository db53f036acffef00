package io.github.itl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.ItlWriter;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Model to bytes to model is equal; bytes to model to bytes is identical. */
class RoundTripProperties {
    private static final ItlReader READER = ItlReader.defaults();

    @Provide
    Arbitrary<ItlFile> itlFiles() {
        return ItlArbitraries.itlFiles();
    }

    @Provide
    Arbitrary<SgnFile> sgnFiles() {
        return ItlArbitraries.sgnFiles();
    }

    @Provide
    Arbitrary<ItlHeader> headers() {
        return ItlArbitraries.headers();
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return ItlArbitraries.mutatedBytes();
    }

    private static boolean onlyUnknownRoles(SignedFile f) {
        return f.warnings().stream().allMatch(w -> w.code() == ItlWarning.Code.UNKNOWN_ROLE);
    }

    @Property
    void trustListModelToBytesToModel(@ForAll("itlFiles") ItlFile file) throws ItlException {
        Bytes bytes = ItlWriter.encode(file);
        assertEquals(file.size(), bytes.size());
        ItlFile back = READER.readTrustList(bytes);
        assertEquals(file, back);
        assertTrue(onlyUnknownRoles(back), back.warnings()::toString);
        assertEquals(file, READER.read(bytes.toByteArray()));
        assertEquals(file.header().layout(), back.header().layout());
        // bytes -> model -> bytes
        assertEquals(bytes, ItlWriter.encode(back));
        assertEquals(bytes, back.encoded());
        // the signed parts are the file minus the SIGNATURE TLV
        assertEquals(
                bytes.size() - 3 - file.header().signatureLength(),
                Support.concat(back.signedParts()).size());
    }

    @Property
    void signedFileModelToBytesToModel(@ForAll("sgnFiles") SgnFile file) throws ItlException {
        Bytes bytes = ItlWriter.encode(file);
        SgnFile back = READER.readSigned(bytes);
        assertEquals(file, back);
        assertEquals(java.util.List.of(), back.warnings());
        assertEquals(file, assertInstanceOf(SgnFile.class, READER.read(bytes.toByteArray())));
        assertEquals(bytes, ItlWriter.encode(back));
    }

    @Property
    void headersAreAlignedAndReadBack(@ForAll("headers") ItlHeader header) throws ItlException {
        assertEquals(0, header.length() % 4);
        assertTrue(header.paddingCount() <= 3);
        assertTrue(header.layout().isPresent());
        ItlFile back = READER.readTrustList(header.encode());
        assertEquals(header, back.header());
        assertEquals(java.util.List.of(), back.warnings());
    }

    /** Whatever bytes the reader accepts, it writes back identically (unknown tags, padding, order kept). */
    @Property
    void acceptedBytesAreWrittenBackIdentically(@ForAll("mutated") byte[] data) {
        SignedFile f;
        try {
            f = READER.read(data);
        } catch (ItlException e) {
            return; // rejecting is fine here; ReaderContractProperties checks how
        }
        assertArrayEquals(data, ItlWriter.encode(f).toByteArray());
        assertArrayEquals(data, f.encoded().toByteArray());
    }

    @Example
    void everyVectorIsRewrittenIdentically() throws ItlException {
        for (Path p : Support.itlVectors()) {
            byte[] data = Support.bytes(p);
            assertArrayEquals(
                    data,
                    ItlWriter.encode(READER.readTrustList(Bytes.copyOf(data))).toByteArray(),
                    p::toString);
        }
        for (Path p : Support.sgnVectors()) {
            byte[] data = Support.bytes(p);
            assertArrayEquals(
                    data,
                    ItlWriter.encode(READER.readSigned(Bytes.copyOf(data))).toByteArray(),
                    p::toString);
        }
    }
}
