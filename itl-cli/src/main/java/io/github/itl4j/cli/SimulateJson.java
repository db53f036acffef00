package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.Checksums;
import io.github.itl4j.trust.Assumption;
import io.github.itl4j.trust.CacheEntry;
import io.github.itl4j.trust.IdentityDecision;
import io.github.itl4j.trust.ListSkeleton;
import io.github.itl4j.trust.OfferedFile;
import io.github.itl4j.trust.PhoneState;
import io.github.itl4j.trust.SimulationProblem;
import io.github.itl4j.trust.SimulationResult;
import io.github.itl4j.trust.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON of {@code itl simulate --json}: the common envelope ({@link JsonDocument}) with the decision of every file
 * offered under {@code data.results} (schema {@code schemas/simulate.schema.json}); the text form is
 * {@link SimulateCommand}'s.
 */
final class SimulateJson {
    private SimulateJson() {}

    /**
     * Writes the document of {@code itl simulate --json}.
     *
     * @param os standard output
     * @param results the decision for every file offered, in order
     * @param inputs the inputs of the run
     * @throws IOException from the stream
     */
    static void write(OutputStream os, List<SimulationResult> results, List<JsonDocument.Input> inputs)
            throws IOException {
        JsonDocument doc = JsonDocument.start(os, "simulate", null, 0, inputs);
        JsonGenerator g = doc.generator();
        Verdict overall = results.get(results.size() - 1).verdict();
        for (SimulationResult r : results) {
            if (!r.verdict().isAccepted()) {
                overall = r.verdict();
                break;
            }
        }
        doc.verdict(overall.name());
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("results");
        for (SimulationResult r : results) {
            result(g, r);
            for (SimulationProblem p : r.problems()) {
                doc.problem(JsonDocument.Entry.of(p.code(), p.severity().name(), p.message()));
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        doc.end();
    }

    /**
     * Writes the document of {@code itl simulate --json} in identity mode (the phone holds a {@code show itl}
     * capture): one result, {@code "mode": "identity"}, the installed lists as skeletons ({@code "capture": true}).
     *
     * @param os standard output
     * @param d the decision
     * @param o the offered file
     * @param itl the installed ITL, or null
     * @param ctl the installed CTL, or null
     * @param at the time of the decision (--now), written as the phone's {@code now} (no rule uses it: validity is
     *     not decided in identity mode)
     * @param inputs the inputs of the run
     * @throws IOException from the stream
     */
    static void writeIdentity(
            OutputStream os,
            IdentityDecision d,
            OfferedFile o,
            ListSkeleton itl,
            ListSkeleton ctl,
            java.time.Instant at,
            List<JsonDocument.Input> inputs)
            throws IOException {
        JsonDocument doc = JsonDocument.start(os, "simulate", null, 0, inputs);
        JsonGenerator g = doc.generator();
        doc.verdict(d.verdict().name());
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("results");
        g.writeStartObject();
        g.writeStringField("verdict", d.verdict().name());
        g.writeStringField("mode", "identity");
        offered(g, o, o.signed().map(SignedFile::header));
        g.writeNullField("requested");
        String now = at.toString();
        g.writeFieldName("phone");
        skeletonPhone(g, itl, ctl, now);
        RuleChainJson.chain(g, d.chain());
        g.writeStringField("decisiveRule", d.decisive().rule());
        g.writeArrayFieldStart("assumptions");
        g.writeEndArray();
        RuleChainJson.warnings(g, d.warnings());
        RuleChainJson.fixes(g, d.fixes());
        g.writeFieldName("phoneAfter");
        if (d.verdict().isAccepted() && o.kind().isTrustList()) {
            g.writeStartObject();
            boolean isCtl = o.kind() == io.github.itl4j.trust.FileKind.CTL;
            for (String field : List.of("itl", "ctl")) {
                ListSkeleton kept = field.equals("itl") ? itl : ctl;
                if (field.equals("ctl") == isCtl) {
                    g.writeObjectFieldStart(field);
                    g.writeStringField("path", o.name());
                    g.writeStringField("sha1", SimulateCommand.sha1(o.data()));
                    g.writeEndObject();
                } else if (kept == null) {
                    g.writeNullField(field);
                } else {
                    g.writeObjectFieldStart(field);
                    g.writeStringField("path", kept.name());
                    g.writeStringField("sha1", kept.sha1());
                    g.writeBooleanField("capture", kept.isCapture());
                    g.writeEndObject();
                }
            }
            g.writeNullField("model");
            g.writeStringField("now", now);
            g.writeArrayFieldStart("cache");
            g.writeEndArray();
            g.writeEndObject();
        } else {
            skeletonPhone(g, itl, ctl, now);
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        doc.end();
    }

    private static void skeletonPhone(JsonGenerator g, ListSkeleton itl, ListSkeleton ctl, String now)
            throws IOException {
        g.writeStartObject();
        skeletonList(g, "itl", itl);
        skeletonList(g, "ctl", ctl);
        g.writeNullField("model");
        g.writeStringField("now", now);
        g.writeArrayFieldStart("cache");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void skeletonList(JsonGenerator g, String field, ListSkeleton l) throws IOException {
        if (l == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeStringField("path", l.name());
        g.writeStringField("sha1", l.sha1());
        g.writeBooleanField("capture", l.isCapture());
        for (Role role : List.of(Role.SAST, Role.TFTP, Role.TVS)) {
            g.writeArrayFieldStart(role.name().toLowerCase(Locale.ROOT));
            List<ListSkeleton.Entry> es =
                    role.equals(Role.TFTP) ? l.withRole(Role.TFTP, Role.CCM_TFTP) : l.withRole(role);
            for (ListSkeleton.Entry e : es) {
                g.writeStartObject();
                g.writeStringField("subject", e.subject());
                g.writeStringField("serial", e.serial());
                g.writeStringField("sha1", e.sha1());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeBooleanField("rollback", l.isRollback());
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, SimulationResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("verdict", r.verdict().name());
        offered(g, r.offered(), r.offeredHeader());
        r.requested().ifPresentOrElse(x -> write(g, "requested", x), () -> writeNull(g, "requested"));
        g.writeFieldName("phone");
        phone(g, r.phoneBefore(), true);
        RuleChainJson.chain(g, r.chain());
        g.writeStringField("decisiveRule", r.decisive().rule());
        g.writeArrayFieldStart("assumptions");
        for (Assumption a : r.assumptions()) {
            g.writeStartObject();
            g.writeStringField("key", a.key());
            g.writeStringField("value", a.value());
            g.writeStringField("confidence", a.confidence().name());
            RuleChainJson.strings(g, "source", a.source());
            g.writeStringField("override", a.override());
            g.writeEndObject();
        }
        g.writeEndArray();
        RuleChainJson.warnings(g, r.warnings());
        RuleChainJson.fixes(g, r.fixes());
        g.writeFieldName("phoneAfter");
        phone(g, r.phoneAfter(), false);
        g.writeEndObject();
    }

    private static void offered(JsonGenerator g, OfferedFile o, Optional<ItlHeader> h) throws IOException {
        g.writeObjectFieldStart("offered");
        g.writeStringField("path", o.name());
        g.writeStringField("kind", o.kind().name());
        g.writeNumberField("size", o.size());
        Checksums cs = Checksums.md5AndSha1(o.data());
        g.writeStringField("sha1", cs.sha1().toHex());
        g.writeStringField("md5", cs.md5().toHex());
        if (h.isPresent()) {
            g.writeStringField(
                    "digest", h.get().digestAlgorithm().map(Object::toString).orElse(null));
            g.writeObjectFieldStart("signer");
            g.writeStringField("subject", h.get().signerName().orElse(null));
            g.writeStringField(
                    "serial", h.get().serialNumber().map(Bytes::toHex).orElse(null));
            g.writeStringField("issuer", h.get().caName().orElse(null));
            g.writeEndObject();
        } else {
            g.writeNullField("digest");
            g.writeNullField("signer");
        }
        if (o.parseError().isPresent()) {
            g.writeStringField("parseError", o.parseError().get());
        }
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, String k, String v) {
        try {
            g.writeStringField(k, v);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeNull(JsonGenerator g, String k) {
        try {
            g.writeNullField(k);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void phone(JsonGenerator g, PhoneState p, boolean full) throws IOException {
        g.writeStartObject();
        list(g, "itl", p.itl().orElse(null), p.itlLabel().orElse(null), full, p.hasRollbackItl());
        list(g, "ctl", p.ctl().orElse(null), p.ctlLabel().orElse(null), full, false);
        g.writeStringField("model", p.model().orElse(null));
        g.writeStringField("now", p.now().toString());
        g.writeArrayFieldStart("cache");
        for (CacheEntry c : p.cache()) {
            g.writeStartObject();
            g.writeStringField("cert", c.certificate().getSubjectX500Principal().getName());
            g.writeStringField("serial", c.certificate().getSerialNumber().toString(16));
            List<String> roles = new ArrayList<>();
            c.roles().forEach(x -> roles.add(x.name()));
            roles.sort(null);
            RuleChainJson.strings(g, "roles", roles);
            g.writeStringField("expires", c.expires().toString());
            g.writeStringField("tvs", c.tvs());
            g.writeBooleanField("expired", !p.now().isBefore(c.expires()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, String field, ItlFile f, String label, boolean full, boolean rollback)
            throws IOException {
        if (f == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeStringField("path", label);
        g.writeStringField("sha1", SimulateCommand.sha1(f.encoded()));
        if (full) {
            for (Role role : List.of(Role.SAST, Role.TFTP, Role.TVS)) {
                g.writeArrayFieldStart(role.name().toLowerCase(Locale.ROOT));
                for (ItlRecord r : f.records()) {
                    Role rr = r.role().orElse(null);
                    boolean match =
                            role.equals(Role.TFTP) ? Role.TFTP.equals(rr) || Role.CCM_TFTP.equals(rr) : role.equals(rr);
                    if (match) {
                        g.writeStartObject();
                        g.writeStringField("subject", r.subjectName().orElse(null));
                        g.writeStringField(
                                "serial", r.serialNumber().map(Bytes::toHex).orElse(null));
                        g.writeStringField(
                                "sha1",
                                Checksums.certificateSha1(r)
                                        .or(r::certHash)
                                        .map(Bytes::toHex)
                                        .orElse(null));
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
            }
            g.writeBooleanField("rollback", rollback);
        }
        g.writeEndObject();
    }
}
