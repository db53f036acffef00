package io.github.itl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Layout;
import io.github.itl4j.RecordTags;
import io.github.itl4j.SgnFile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The generators produce what their Javadoc promises, in useful proportions. */
class GeneratorProperties {
    @Provide
    Arbitrary<ItlRecord> records() {
        return ItlArbitraries.records();
    }

    @Provide
    Arbitrary<ItlHeader> headers() {
        return ItlArbitraries.headers();
    }

    @Provide
    Arbitrary<ItlFile> files() {
        return ItlArbitraries.itlFiles();
    }

    @Provide
    Arbitrary<SgnFile> sgnFiles() {
        return ItlArbitraries.sgnFiles();
    }

    @Property
    void recordsCoverLayoutsKindsAndRoles(@ForAll("records") ItlRecord r) {
        assertTrue(r.layout().isPresent());
        // the largest parts: two names (a few words of up to 24 characters, up to 3 UTF-8 bytes each), PUBLICKEY up to
        // 526, SIGNATURE up to 256, CERTIFICATE up to 700, DNSNAME/IPADDRESS: well under 3,000 bytes (1,600 was too
        // tight: a rare 4096-bit key with a long certificate and long names exceeded it)
        assertTrue(r.length() < 3000, () -> "record of " + r.length() + " bytes");
        Statistics.label("layout").collect(r.layout().orElseThrow());
        Statistics.label("kind").collect(r.certHash().isPresent() ? "hash" : "certificate");
        Statistics.label("role").collect(r.role().orElseThrow().isKnown() ? "known" : "unknown");
        Statistics.label("layout").coverage(c -> {
            c.check(Layout.CUCM).count(n -> n > 0);
            c.check(Layout.CERTUTILS).count(n -> n > 0);
        });
        Statistics.label("kind").coverage(c -> c.check("hash").count(n -> n > 0));
        Statistics.label("role").coverage(c -> c.check("unknown").count(n -> n > 0));
        // certutils never writes DNSNAME
        if (r.layout().orElseThrow() == Layout.CERTUTILS) {
            assertTrue(r.value(RecordTags.DNS_NAME).isEmpty());
        }
    }

    @Property
    void headersCoverSignatureSizesAndSignerVersions(@ForAll("headers") ItlHeader h) {
        Statistics.label("signature").collect(h.signatureLength());
        Statistics.label("signer version")
                .collect(h.signerVersion().map(Object::toString).orElse("none"));
        Statistics.label("signature").coverage(c -> {
            for (int len : new int[] {64, 128, 256, 512}) {
                c.check(len).count(n -> n > 0);
            }
        });
        Statistics.label("signer version").coverage(c -> c.check("none").count(n -> n > 0));
        assertTrue(h.fileName().orElseThrow().endsWith(".tlv"));
        assertTrue(h.signatureModulus().orElseThrow().signatureLength() == h.signatureLength());
    }

    @Property
    void filesAreModest(@ForAll("files") ItlFile f) {
        assertTrue(f.records().size() <= ItlArbitraries.DEFAULT_MAX_RECORDS);
        assertTrue(f.size() < 16_000, () -> f.size() + " bytes");
        Statistics.label("records").collect(f.records().isEmpty() ? "empty" : "some");
        Statistics.label("records").coverage(c -> c.check("empty").count(n -> n > 0));
    }

    @Property
    void signedFilesAreNotTrustLists(@ForAll("sgnFiles") SgnFile f) {
        assertTrue(!f.header().fileName().orElseThrow().endsWith(".tlv"));
        assertTrue(f.payload().size() <= 4096);
    }
}
