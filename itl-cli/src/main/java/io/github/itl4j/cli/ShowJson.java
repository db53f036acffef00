package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTag;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.RecordTag;
import io.github.itl4j.RecordTags;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import io.github.itl4j.cli.FieldFormat.Scope;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.VerificationResult;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Padding;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Writes what {@code itl show --json} holds per file (the facts {@link ShowFormat} prints as text), and the JSON form
 * of a verification shared with {@code itl verify --json}. The envelope around them is {@link JsonDocument}'s.
 */
final class ShowJson {
    private ShowJson() {}

    /**
     * Writes one file's object of {@code itl show --json}: {@code file}, {@code kind}, {@code size},
     * {@code modified}, {@code md5}, {@code sha1}, {@code sha256}, {@code sha512}, {@code version},
     * {@code headerLength}, {@code header} (elements with {@code tag}, {@code name}, {@code length}, and
     * {@code children} for containers or {@code hex} plus a decoded {@code value}/{@code meaning}), {@code signer},
     * {@code records} (or {@code payload}) and {@code verification}.
     */
    static void json(JsonGenerator g, ShowFormat.Shown s, ShowFormat.AnchorNames anchors) throws IOException {
        ItlHeader h = s.file().header();
        g.writeStartObject();
        g.writeStringField("file", s.name());
        g.writeStringField("kind", ShowFormat.Kind.of(s.file()).word);
        g.writeNumberField("size", s.data().size());
        if (s.modified() != null) {
            g.writeStringField("modified", s.modified().toString());
        } else {
            g.writeNullField("modified");
        }
        g.writeStringField("md5", s.sums().md5().toHex());
        g.writeStringField("sha1", s.sums().sha1().toHex());
        g.writeStringField("sha256", s.sums().sha256().toHex());
        g.writeStringField("sha512", s.sums().sha512().toHex());
        g.writeStringField("version", h.version().toString());
        g.writeNumberField("headerLength", h.length());
        g.writeArrayFieldStart("header");
        for (TlvElement e : h.elements()) {
            jsonHeaderElement(g, e);
        }
        g.writeEndArray();
        jsonSigner(g, h);
        OptionalInt signer = s.result() != null ? s.result().signerRecordIndex() : OptionalInt.empty();
        if (s.file() instanceof ItlFile itl) {
            g.writeArrayFieldStart("records");
            List<ItlRecord> records = itl.records();
            for (int i = 0; i < records.size(); i++) {
                jsonRecord(g, records.get(i), i, signer.isPresent() && signer.getAsInt() == i);
            }
            g.writeEndArray();
        } else {
            g.writeObjectFieldStart("payload");
            g.writeNumberField("offset", h.length());
            g.writeNumberField("length", ((SgnFile) s.file()).payload().size());
            g.writeEndObject();
        }
        g.writeFieldName("verification");
        if (s.result() == null) {
            g.writeStartObject();
            g.writeBooleanField("checked", false);
            g.writeStringField("reason", s.notChecked());
            g.writeEndObject();
        } else {
            jsonResult(g, s.result(), anchors, s.file() instanceof ItlFile);
        }
        g.writeEndObject();
    }

    private static void jsonSigner(JsonGenerator g, ItlHeader h) throws IOException {
        g.writeObjectFieldStart("signer");
        writeOpt(g, "name", h.signerName(), Function.identity());
        writeOpt(g, "serial", h.serialNumber(), ShowFormat::colonHex);
        writeOpt(g, "caName", h.caName(), Function.identity());
        writeOpt(g, "digest", h.digestAlgorithm(), DigestAlgorithm::toString);
        g.writeNumberField("signatureLength", h.signatureLength());
        writeOpt(g, "fileName", h.fileName(), Function.identity());
        Optional<Long> ts = h.timestampSeconds();
        if (ts.isPresent()) {
            g.writeNumberField("timestampSeconds", ts.get());
            g.writeStringField("timestamp", Instant.ofEpochSecond(ts.get()).toString());
        }
        g.writeEndObject();
    }

    private static <T> void writeOpt(JsonGenerator g, String field, Optional<T> v, Function<T, String> f)
            throws IOException {
        if (v.isPresent()) {
            g.writeStringField(field, f.apply(v.get()));
        } else {
            g.writeNullField(field);
        }
    }

    private static void jsonHeaderElement(JsonGenerator g, TlvElement e) throws IOException {
        if (e instanceof Padding) {
            return;
        }
        g.writeStartObject();
        g.writeNumberField("tag", e.tag());
        g.writeStringField("name", HeaderTag.nameOf(e.tag()));
        if (e instanceof Container c) {
            g.writeNumberField("length", c.length());
            g.writeArrayFieldStart("children");
            for (TlvElement child : c.children()) {
                jsonHeaderElement(g, child);
            }
            g.writeEndArray();
        } else {
            Tlv t = (Tlv) e;
            g.writeNumberField("length", t.length());
            jsonValue(g, Scope.HEADER, t);
        }
        g.writeEndObject();
    }

    private static void jsonValue(JsonGenerator g, Scope scope, Tlv t) throws IOException {
        int tag = t.tag();
        Bytes v = t.value();
        g.writeStringField("hex", v.toHex());
        boolean serial = scope == Scope.HEADER ? tag == HeaderTags.SERIAL_NUMBER : tag == RecordTags.SERIAL_NUMBER;
        if (serial) {
            g.writeStringField("value", ShowFormat.colonHex(v));
            return;
        }
        JsonDocument.decoded(g, FieldFormat.decode(scope, tag, v));
    }

    private static void jsonRecord(JsonGenerator g, ItlRecord r, int index, boolean signer) throws IOException {
        g.writeStartObject();
        g.writeNumberField("record", index + 1);
        g.writeNumberField("length", r.length());
        Optional<Role> role = r.role();
        if (role.isPresent()) {
            g.writeStringField("role", role.get().name());
            g.writeNumberField("roleCode", role.get().code());
            g.writeStringField("roleText", role.get().showText());
        } else {
            g.writeNullField("role");
        }
        writeOpt(g, "subject", r.subjectName(), Function.identity());
        writeOpt(g, "issuer", r.issuerName(), Function.identity());
        writeOpt(g, "serial", r.serialNumber(), ShowFormat::colonHex);
        Optional<Bytes> sha1 = Checksums.certificateSha1(r);
        if (sha1.isPresent()) {
            g.writeStringField("certificateSha1", sha1.get().toHex());
        }
        Optional<ShowFormat.Validity> validity = ShowFormat.certificateValidity(r);
        if (validity.isPresent()) {
            g.writeObjectFieldStart("certificate");
            g.writeStringField("notBefore", validity.get().notBefore().toString());
            g.writeStringField("notAfter", validity.get().notAfter().toString());
            g.writeStringField("keyType", validity.get().keyType());
            g.writeNumberField("keyBits", validity.get().keyBits());
            g.writeEndObject();
        }
        Optional<Bytes> ch = r.certHash();
        if (ch.isPresent()) {
            g.writeStringField("certHash", ch.get().toHex());
            writeOpt(g, "hashAlgorithm", r.hashAlgorithm(), DigestAlgorithm::toString);
        }
        if (role.map(Role.SAST::equals).orElse(false)) {
            g.writeBooleanField("signedTheFile", signer);
        }
        g.writeArrayFieldStart("fields");
        g.writeStartObject();
        g.writeNumberField("tag", RecordTags.RECORD_LENGTH);
        g.writeStringField("name", RecordTag.nameOf(RecordTags.RECORD_LENGTH));
        g.writeNumberField("length", 2);
        g.writeNumberField("value", r.length());
        g.writeEndObject();
        for (Tlv f : r.fields()) {
            g.writeStartObject();
            g.writeNumberField("tag", f.tag());
            g.writeStringField("name", RecordTag.nameOf(f.tag()));
            g.writeNumberField("length", f.length());
            jsonValue(g, Scope.RECORD, f);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Writes a verification result as a JSON object: {@code checked} (true), {@code verified},
     * {@code signatureValid}, {@code signerRecord} (1-based, or null), {@code signer} (subject of the signer
     * certificate, or null), {@code anchor} ({@code kind} NONE / CERTIFICATE / TRUST_LIST_RECORD and a
     * {@code description}), {@code errors} and {@code warnings} (each {@code code}, {@code record} 1-based or null,
     * {@code offset} or null, {@code message}).
     *
     * @param g the generator
     * @param r the result
     * @param anchors names of the anchors
     * @param trustList whether the file is a trust list
     * @throws IOException from the generator
     */
    static void jsonResult(JsonGenerator g, VerificationResult r, ShowFormat.AnchorNames anchors, boolean trustList)
            throws IOException {
        g.writeStartObject();
        g.writeBooleanField("checked", true);
        g.writeBooleanField("verified", r.isVerified());
        g.writeBooleanField("signatureValid", r.isSignatureValid());
        if (r.signerRecordIndex().isPresent()) {
            g.writeNumberField("signerRecord", r.signerRecordIndex().getAsInt() + 1);
        } else {
            g.writeNullField("signerRecord");
        }
        writeOpt(g, "signer", r.signerCertificate(), c -> c.getSubjectX500Principal()
                .getName());
        g.writeObjectFieldStart("anchor");
        g.writeStringField("kind", r.anchor().kind().name());
        g.writeStringField("description", anchors.describe(r.anchor(), trustList));
        g.writeEndObject();
        g.writeArrayFieldStart("errors");
        for (Problem p : r.errors()) {
            jsonProblem(g, p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("warnings");
        for (Problem p : r.warnings()) {
            jsonProblem(g, p);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void jsonProblem(JsonGenerator g, Problem p) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", p.code().name());
        g.writeStringField("severity", p.severity().name());
        if (p.recordIndex() >= 0) {
            g.writeNumberField("record", p.recordIndex() + 1);
        } else {
            g.writeNullField("record");
        }
        if (p.offset() >= 0) {
            g.writeNumberField("offset", p.offset());
        } else {
            g.writeNullField("offset");
        }
        g.writeStringField("message", p.message());
        g.writeEndObject();
    }
}
