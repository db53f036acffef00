package io.github.itl4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlFile;
import io.github.itl4j.Role;
import io.github.itl4j.SgnFile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signer's validity period ({@link ItlVerifier.Builder#validityAt(Instant)}, strict or not). */
class ItlVerifierValidityTest {
    /** signer.pem is valid from 2025-01-01 to 2045-01-01. */
    private static final Instant INSIDE = Instant.parse("2030-01-01T00:00:00Z");

    private static final Instant AFTER = Instant.parse("2100-01-01T00:00:00Z");
    private static final Instant BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    private static SigningKey signerKey() throws Exception {
        return KeyLoader.defaults()
                .pem(SigningTestSupport.keys("signer.pem"), SigningTestSupport.keys("signer-pkcs8.key"), null);
    }

    private static ItlFile list() throws Exception {
        ItlSigner s = ItlSigner.builder(signerKey())
                .clock(SigningTestSupport.fixedClock(1_700_000_000L))
                .build();
        return TrustListBuilder.builder(s).add(s.key().certificate(), Role.SAST).build();
    }

    private static VerificationResult verify(ItlFile f, Instant at, boolean strict) {
        return ItlVerifier.builder()
                .validityAt(at)
                .strictValidity(strict)
                .build()
                .verify(f);
    }

    @Test
    void noTimeMeansNoValidityCheck() throws Exception {
        VerificationResult r = ItlVerifier.builder().build().verify(list());
        assertTrue(r.isVerified(), r.problems()::toString);
        assertEquals(List.of(), r.problems());
    }

    @Test
    void insideTheValidityPeriodNothingIsReported() throws Exception {
        VerificationResult r = verify(list(), INSIDE, true);
        assertTrue(r.isVerified(), r.problems()::toString);
        assertEquals(List.of(), r.problems());
    }

    @Test
    void expiredSignerIsAWarningOrStrictlyAnError() throws Exception {
        ItlFile f = list();
        VerificationResult w = verify(f, AFTER, false);
        assertTrue(w.isVerified(), w.problems()::toString);
        assertEquals(List.of("WARNING SIGNER_EXPIRED"), ItlVerifierTest.codes(w));
        Problem p = w.problems().get(0);
        assertEquals(0, p.recordIndex());
        assertTrue(
                p.message().contains("expired at 2045-01-01T00:00:00Z (checked at 2100-01-01T00:00:00Z)"), p.message());

        VerificationResult e = verify(f, AFTER, true);
        assertFalse(e.isVerified());
        assertTrue(e.isSignatureValid());
        assertEquals(List.of(ProblemCode.SIGNER_EXPIRED), ItlVerifierTest.errorCodes(e));

        // the streaming path reports the same
        assertEquals(ItlVerifierTest.codes(w), ItlVerifierTest.codes(stream(f, false)));
    }

    @Test
    void notYetValidSignerIsAWarningOrStrictlyAnError() throws Exception {
        ItlFile f = list();
        assertEquals(List.of("WARNING SIGNER_NOT_YET_VALID"), ItlVerifierTest.codes(verify(f, BEFORE, false)));
        VerificationResult e = verify(f, BEFORE, true);
        assertFalse(e.isVerified());
        assertEquals(List.of(ProblemCode.SIGNER_NOT_YET_VALID), ItlVerifierTest.errorCodes(e));
    }

    @Test
    void sgnSignerGivenAsCertificate() throws Exception {
        // the certutils .sgn vectors' signers are valid from 2026-11-26 to 2036-11-26
        SgnFile f = ItlVerifierTest.sgn("SEP001122334455.cnf.xml.sgn");
        ItlVerifier v =
                ItlVerifier.builder().validityAt(AFTER).strictValidity(true).build();
        VerificationResult r = v.verifySigned(f, ItlVerifierTest.cert("tftp-rsa2048"));
        assertEquals(List.of(ProblemCode.SIGNER_EXPIRED), ItlVerifierTest.errorCodes(r));
        VerificationResult ok = ItlVerifier.builder()
                .validityAt(INSIDE)
                .strictValidity(true)
                .build()
                .verifySigned(f, ItlVerifierTest.cert("tftp-rsa2048"));
        assertTrue(ok.isVerified(), ok.problems()::toString);
        VerificationResult anchored = ItlVerifier.builder()
                .validityAt(BEFORE)
                .trustCertificates(List.of(ItlVerifierTest.cert("tftp-rsa2048")))
                .build()
                .verify(f);
        assertTrue(anchored.isVerified(), anchored.problems()::toString);
        assertEquals(List.of("WARNING SIGNER_NOT_YET_VALID"), ItlVerifierTest.codes(anchored));
    }

    private static VerificationResult stream(ItlFile f, boolean strict) throws Exception {
        return ItlVerifierTest.stream(
                ItlVerifier.builder().validityAt(AFTER).strictValidity(strict).build(), f.encoded());
    }
}
