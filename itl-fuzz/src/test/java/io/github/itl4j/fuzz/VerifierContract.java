package io.github.itl4j.fuzz;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.Problem;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The verifier's contract over arbitrary bytes: read then verify ends in a {@link VerificationResult} or the
 * reader's {@link ItlException}; every part of the result can be rendered; the one-pass stream verifier agrees
 * with the in-memory one. Anything else escapes as an exception or an {@link AssertionError}.
 */
final class VerifierContract {
    private static final X509Certificate TFTP = Sweeps.certificate(Vectors.cert("tftp-rsa2048.crt.pem"));
    private static final X509Certificate SAST = Sweeps.certificate(Vectors.cert("sast-rsa2048.crt.pem"));
    private static final ItlFile INSTALLED;

    static {
        try {
            INSTALLED = ItlReader.defaults()
                    .readTrustList(Vectors.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n02.tlv"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ItlVerifier SELF = ItlVerifier.builder().build();
    private static final ItlVerifier ANCHORED = ItlVerifier.builder()
            .trustCertificates(List.of(SAST, TFTP))
            .trustInstalled(INSTALLED)
            .build();
    private static final ItlVerifier STRICT = ItlVerifier.builder()
            .treatWarningsAsErrors(true)
            .checkRecords(false)
            .build();

    private VerifierContract() {}

    /** Reads {@code data} as the CLI does (by FILENAME) and verifies it every way that applies. */
    static void check(byte[] data) throws IOException {
        SignedFile f;
        try {
            f = ItlReader.defaults().read(Bytes.copyOf(data));
        } catch (ItlException e) {
            return;
        }
        VerificationResult self = render(SELF.verify(f));
        render(ANCHORED.verify(f));
        VerificationResult strict = render(STRICT.verify(f));
        if (strict.isVerified() && !self.isVerified()) {
            throw new AssertionError("verified only when warnings are errors: " + self.problems());
        }
        if (f instanceof ItlFile itl) {
            VerificationResult stream;
            try {
                stream = render(SELF.verify(new ByteArrayInputStream(data)));
            } catch (ItlException e) {
                throw new AssertionError("verify(InputStream) failed to read what read() accepted", e);
            }
            if (stream.isVerified() != self.isVerified() || !codes(stream).equals(codes(self))) {
                throw new AssertionError(
                        "verify(InputStream) " + stream.problems() + " differs from verify(file) " + self.problems());
            }
            render(SELF.verifySigned(SgnFile.of(itl.header(), Bytes.EMPTY), itl));
        } else {
            SgnFile sgn = (SgnFile) f;
            render(SELF.verifySigned(sgn, TFTP));
            render(SELF.verifySigned(sgn, INSTALLED));
        }
    }

    /** Reads {@code data} as a .sgn whatever its FILENAME and verifies it against a certificate and a trust list. */
    static void checkSigned(byte[] data) {
        SgnFile sgn;
        try {
            sgn = ItlReader.defaults().readSigned(Bytes.copyOf(data));
        } catch (ItlException e) {
            return;
        }
        render(SELF.verifySigned(sgn, TFTP));
        render(SELF.verifySigned(sgn, INSTALLED));
        render(ANCHORED.verify(sgn));
        render(SELF.verify(sgn));
    }

    private static List<ProblemCode> codes(VerificationResult r) {
        return r.problems().stream().map(Problem::code).sorted().collect(Collectors.toList());
    }

    /** Renders every part of a result: message formats must fit their parameters. */
    static VerificationResult render(VerificationResult r) {
        for (Problem p : r.problems()) {
            if (p.message().isEmpty() || p.toString().isEmpty()) {
                throw new AssertionError("empty message for " + p.code());
            }
        }
        if (r.isVerified() && !r.errors().isEmpty()) {
            throw new AssertionError("verified with errors: " + r.errors());
        }
        r.signerRecordIndex();
        r.signerCertificate().ifPresent(X509Certificate::getSubjectX500Principal);
        r.anchor().toString();
        r.digestAlgorithm();
        r.toString();
        return r;
    }
}
