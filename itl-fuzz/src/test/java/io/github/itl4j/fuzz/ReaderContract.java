package io.github.itl4j.fuzz;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.ItlStreamReader;
import io.github.itl4j.ItlWarning;
import io.github.itl4j.ItlWriter;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignatureModulus;
import io.github.itl4j.SignedFile;
import io.github.itl4j.tlv.Tlv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reader's contract over arbitrary bytes: every entry point ends in a value or an {@link ItlException}, and the
 * entry points agree with each other. A value must be internally consistent: its bytes are the input, it re-encodes
 * to the input, every accessor answers without throwing, and the streaming reader yields the same header, records and
 * signed bytes. Any other outcome throws {@link AssertionError} (or lets the unexpected exception escape), which
 * Jazzer and JUnit report as a failure.
 */
final class ReaderContract {
    private ReaderContract() {}

    /** Exercises every reader entry point over {@code data}. */
    static void check(byte[] data) throws IOException {
        ItlReader reader = ItlReader.defaults();
        SignedFile any = null;
        try {
            any = reader.read(data);
            checkValue(any, data);
        } catch (ItlException expected) {
            checkException(expected, data.length);
        }
        ItlFile list = null;
        try {
            list = reader.readTrustList(Bytes.copyOf(data));
            checkValue(list, data);
        } catch (ItlException expected) {
            checkException(expected, data.length);
        }
        try {
            checkValue(reader.readSigned(Bytes.copyOf(data)), data);
        } catch (ItlException expected) {
            checkException(expected, data.length);
        }
        if (any instanceof ItlFile f && !f.equals(list)) {
            throw new AssertionError("read() gave a trust list that readTrustList() did not: " + f);
        }
        try {
            SignedFile viaStream = reader.read(new ByteArrayInputStream(data));
            if (!viaStream.equals(any)) {
                throw new AssertionError("read(InputStream) and read(byte[]) disagree");
            }
        } catch (ItlException expected) {
            if (any != null) {
                throw new AssertionError("read(InputStream) failed where read(byte[]) succeeded", expected);
            }
        }
        checkStream(data, list, new ByteArrayInputStream(data));
        checkStream(data, list, new OneByteAtATime(new ByteArrayInputStream(data)));
    }

    /** The streaming reader must agree with {@code readTrustList}: same header, records and signed bytes, or fail. */
    private static void checkStream(byte[] data, ItlFile expected, InputStream in) throws IOException {
        List<ItlRecord> records = new ArrayList<>();
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        ItlHeader header;
        try (ItlStreamReader r = ItlReader.defaults().stream(in)) {
            header = r.header();
            r.signedBytesTo(b -> signed.write(b.toByteArray(), 0, b.size()));
            for (ItlRecord rec; (rec = r.nextRecord()) != null; ) {
                records.add(rec);
                touch(rec);
            }
            if (r.offset() != data.length || r.recordCount() != records.size()) {
                throw new AssertionError("stream consumed " + r.offset() + " of " + data.length + " bytes");
            }
            touchWarnings(r.warnings());
        } catch (ItlException e) {
            checkException(e, data.length);
            if (expected != null) {
                throw new AssertionError("stream() failed where readTrustList() succeeded", e);
            }
            return;
        }
        if (expected == null) {
            throw new AssertionError("stream() read " + records.size() + " records where readTrustList() failed");
        }
        if (!header.equals(expected.header()) || !records.equals(expected.records())) {
            throw new AssertionError("stream() and readTrustList() disagree");
        }
        if (!Arrays.equals(signed.toByteArray(), concat(expected.signedParts()))) {
            throw new AssertionError("stream() signed bytes differ from signedParts()");
        }
    }

    private static void checkException(ItlException e, int size) {
        if (e.getMessage() == null || e.getOriginalMessage() == null) {
            throw new AssertionError("exception without a message", e);
        }
        if (e.offset() > size) {
            throw new AssertionError("exception offset " + e.offset() + " beyond the input size " + size, e);
        }
    }

    private static void checkValue(SignedFile f, byte[] data) {
        if (!f.encoded().contentEquals(data)) {
            throw new AssertionError("encoded() is not the input");
        }
        if (!ItlWriter.encode(f).contentEquals(data)) {
            throw new AssertionError("re-encoding the model does not give the input back: " + f);
        }
        ItlHeader h = f.header();
        if (!h.encode().equals(Bytes.wrapOwned(data).slice(0, h.length()))) {
            throw new AssertionError("header re-encodes differently");
        }
        touch(h);
        List<Bytes> parts = f.signedParts();
        long n = 0;
        for (Bytes b : parts) {
            n += b.size();
        }
        long expect = h.signatureOffset() < 0 ? data.length : data.length - 3L - h.signatureLength();
        if (n != expect) {
            throw new AssertionError("signedParts() cover " + n + " bytes, expected " + expect);
        }
        touchWarnings(f.warnings());
        if (f instanceof ItlFile itl) {
            for (ItlRecord r : itl.records()) {
                touch(r);
            }
            if (itl.size() != data.length) {
                throw new AssertionError("size() " + itl.size() + " != " + data.length);
            }
        } else if (f instanceof SgnFile s && s.payload().size() != data.length - h.length()) {
            throw new AssertionError("payload size");
        }
        String unused = f.toString();
        if (h.signatureOffset() >= 0) {
            // Filling in a signature of the reserved size must work and move nothing.
            SignedFile resigned = f.withSignature(Bytes.wrapOwned(new byte[h.signatureLength()]));
            if (resigned.encoded().size() != data.length) {
                throw new AssertionError("withSignature changed the size");
            }
        }
        if (unused.isEmpty()) {
            throw new AssertionError("empty toString");
        }
    }

    private static void touch(ItlHeader h) {
        h.version();
        h.signerVersion();
        h.signerName();
        h.serialNumber();
        h.caName();
        h.digestAlgorithm().map(DigestAlgorithm::toString);
        h.digestAlgorithm().map(DigestAlgorithm::jcaName);
        h.signatureAlgorithm();
        h.signatureModulus().map(SignatureModulus::bits);
        h.signature();
        h.fileName();
        h.timestampSeconds();
        h.timestamp();
        h.paddingCount();
        h.layout();
        h.elements().forEach(Object::toString);
        String unused = h.toString();
    }

    private static void touch(ItlRecord r) {
        r.role().ifPresent(Object::toString);
        r.dnsName();
        r.subjectName();
        r.issuerName();
        r.serialNumber();
        r.publicKey();
        r.signature();
        r.certificate();
        r.certHash();
        r.hashAlgorithm().map(DigestAlgorithm::toString);
        r.ipAddress();
        r.layout();
        for (Tlv t : r.fields()) {
            t.value().toHex();
        }
        for (int i = 0; i < r.fieldCount(); i++) {
            r.fieldTag(i);
            r.fieldOffset(i);
            r.fieldValue(i);
        }
        String unused = r.toString();
    }

    private static void touchWarnings(List<ItlWarning> ws) {
        for (ItlWarning w : ws) {
            String unused = w.toString();
        }
    }

    static byte[] concat(List<Bytes> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes b : parts) {
            out.write(b.toByteArray(), 0, b.size());
        }
        return out.toByteArray();
    }

    /** Hands out one byte per read, to catch buffer-boundary bugs (Jackson's throttled input mode). */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }
}
