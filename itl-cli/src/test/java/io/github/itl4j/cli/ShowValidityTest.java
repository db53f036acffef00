package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Issue 12: {@code show} prints each certificate's notBefore/notAfter and key, in text and JSON. */
class ShowValidityTest {
    @Test
    void textAndJson() throws Exception {
        String f = LintCommandTest.example("ITLFile.tlv");
        CliRun t = CliRun.run("show", f);
        assertEquals(0, t.exitCode(), t.stderr());
        assertTrue(
                t.stdout()
                        .contains("Certificate: notBefore 2025-01-01T00:00:00Z, notAfter 2045-01-01T00:00:00Z, "
                                + "RSA 1024 bits"),
                t.stdout());
        CliRun j = CliRun.run("show", "--json", f);
        JsonNode n = new ObjectMapper().readTree(j.stdoutBytes());
        JsonNode rec = n.findValue("records").get(0);
        assertEquals(
                "2045-01-01T00:00:00Z", rec.get("certificate").get("notAfter").asText(), rec.toString());
        assertEquals(1024, rec.get("certificate").get("keyBits").asInt());
        // a hash-only record (CAPF in listing A) has no certificate to date
        JsonNode capf = n.findValue("records").get(2);
        assertTrue(capf.get("certificate") == null, capf.toString());
    }
}
