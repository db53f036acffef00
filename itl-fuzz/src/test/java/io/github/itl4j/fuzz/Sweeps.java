package io.github.itl4j.fuzz;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.ItlLimitException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.SignedFile;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.VerificationResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Shared pieces of the sweeps: reading and verifying mutated bytes, the vectors' signers, JCA re-signing. */
final class Sweeps {
    private Sweeps() {}

    /** What became of one mutated input. */
    enum Outcome {
        /** the reader rejected it as malformed */
        FORMAT_ERROR,
        /** the reader rejected it as over a limit */
        LIMIT_ERROR,
        /** it was read, and the verifier reported an error */
        NOT_VERIFIED,
        /** it was read and verified */
        VERIFIED
    }

    /** The .sgn vectors' signers (MANIFEST.md, "SGN files"): a .sgn names no certificate of its own. */
    private static final Map<String, String> SGN_SIGNERS = Map.of(
            "SEP001122334455.cnf.xml.sgn", "tftp-rsa2048",
            "SEP0011223344AA.cnf.xml.sgn", "tftp-rsa2048",
            "SEP0011223344BB.cnf.xml.sgn", "sast-rsa1024",
            "dialplan.xml.sgn", "sast-rsa4096");

    /**
     * Reads {@code data} (kind chosen by FILENAME, as the CLI does) and verifies it.
     *
     * @param verifier the verifier to use
     * @param data the bytes
     * @return the outcome; any exception other than {@link ItlException} escapes and fails the caller
     */
    static Outcome outcome(ItlVerifier verifier, byte[] data) {
        return outcome(verifier, Bytes.wrapOwned(data));
    }

    /** As {@link #outcome(ItlVerifier, byte[])}, over a view. */
    static Outcome outcome(ItlVerifier verifier, Bytes data) {
        SignedFile f;
        try {
            f = ItlReader.defaults().read(data);
        } catch (ItlLimitException e) {
            return Outcome.LIMIT_ERROR;
        } catch (ItlFormatException e) {
            return Outcome.FORMAT_ERROR;
        } catch (ItlException e) {
            throw new AssertionError("ItlException that is neither a format nor a limit error", e);
        }
        VerificationResult r = verifier.verify(f);
        return r.isVerified() ? Outcome.VERIFIED : Outcome.NOT_VERIFIED;
    }

    /** Same as {@link #outcome} through the one-pass {@code verify(InputStream)} (trust lists only). */
    static Outcome streamOutcome(ItlVerifier verifier, byte[] data) {
        try {
            return verifier.verify(new ByteArrayInputStream(data)).isVerified()
                    ? Outcome.VERIFIED
                    : Outcome.NOT_VERIFIED;
        } catch (ItlLimitException e) {
            return Outcome.LIMIT_ERROR;
        } catch (ItlFormatException e) {
            return Outcome.FORMAT_ERROR;
        } catch (java.io.IOException e) {
            throw new AssertionError("IOException from a byte array", e);
        }
    }

    /**
     * A verifier anchored on the vector's signer certificate: "verified" then means signed by that key. The
     * certificate is decoded once, at build time, which keeps a sweep of hundreds of thousands of inputs fast.
     */
    static ItlVerifier anchoredVerifier(Path vector) {
        return ItlVerifier.builder()
                .trustCertificates(List.of(signerCertificate(vector)))
                .checkRecords(false)
                .build();
    }

    /** The certificate that signed a vector: the SAST record matching the header (ITL), or MANIFEST.md (.sgn). */
    static X509Certificate signerCertificate(Path vector) {
        String name = vector.getFileName().toString();
        if (SGN_SIGNERS.containsKey(name)) {
            return certificate(Vectors.cert(SGN_SIGNERS.get(name) + ".crt.pem"));
        }
        try {
            ItlFile f = ItlReader.defaults().readTrustList(vector);
            Bytes serial = f.header().serialNumber().orElseThrow();
            for (ItlRecord r : f.records()) {
                if (r.role().filter(Role.SAST::equals).isPresent()
                        && r.serialNumber().orElseThrow().equals(serial)) {
                    return certificate(r.certificate().orElseThrow().toByteArray());
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no SAST record signs " + vector);
    }

    static X509Certificate certificate(Path pem) {
        return certificate(Vectors.bytes(pem));
    }

    static X509Certificate certificate(byte[] derOrPem) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(derOrPem));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Loads a vector's PKCS#8 PEM private key ({@code certs/NAME.key.pem}) with plain JCA. */
    static PrivateKey privateKey(String name) {
        try {
            String pem = Files.readString(Vectors.cert(name + ".key.pem"), StandardCharsets.US_ASCII);
            String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Signs {@code signedParts} (the file minus its SIGNATURE TLV) with plain JCA, RSA PKCS#1 v1.5.
     *
     * @param jcaDigest {@code SHA1}, {@code SHA256} or {@code SHA512}
     */
    static byte[] sign(List<Bytes> signedParts, PrivateKey key, String jcaDigest) {
        try {
            Signature s = Signature.getInstance(jcaDigest + "withRSA");
            s.initSign(key);
            for (Bytes b : signedParts) {
                s.update(b.asByteBuffer());
            }
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Re-signs raw bytes in place: reads them (they must be well-formed), signs the signed parts with the header's
     * digest and writes the signature into the SIGNATURE value, which must have the key's length. Nothing is
     * re-encoded, so whatever oddity the bytes carry stays.
     */
    static byte[] resign(byte[] data, PrivateKey key) throws ItlException {
        SignedFile f = ItlReader.defaults().read(Bytes.copyOf(data));
        String digest = f.header()
                .digestAlgorithm()
                .orElseThrow()
                .jcaName()
                .orElseThrow()
                .replace("-", "");
        byte[] sig = sign(f.signedParts(), key, digest);
        if (sig.length != f.header().signatureLength()) {
            throw new AssertionError("signature " + sig.length + " bytes, SIGNATURE holds "
                    + f.header().signatureLength());
        }
        byte[] out = data.clone();
        System.arraycopy(sig, 0, out, f.header().signatureOffset() + 3, sig.length);
        return out;
    }

    static String describe(Path p) {
        return p.getFileName().toString();
    }
}
