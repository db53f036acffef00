package io.github.itl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.crypto.ProblemCode;
import io.github.itl4j.crypto.VerificationResult;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * CPU is bounded: whatever a trust list holds, verifying it makes at most one RSA operation. Counted through a
 * JCA provider that wraps the JDK's RSA signatures, over a file whose 200 records all claim to be the signer.
 */
class OneRsaOperationTest {
    static final AtomicInteger VERIFICATIONS = new AtomicInteger();

    /** Counts {@code verify} calls, delegating to the JDK's providers. */
    public static class CountingSignature extends SignatureSpi {
        private final Signature delegate;

        CountingSignature(String alg) {
            try {
                delegate = Signature.getInstance(alg, alg.startsWith("NONE") ? "SunJCE" : "SunRsaSign");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            try {
                delegate.update(input);
            } catch (SignatureException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            VERIFICATIONS.incrementAndGet();
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }

    /** SHA-1 with RSA. */
    public static final class Sha1 extends CountingSignature {
        /** JCA constructor. */
        public Sha1() {
            super("SHA1withRSA");
        }
    }

    /** SHA-512 with RSA. */
    public static final class Sha512 extends CountingSignature {
        /** JCA constructor. */
        public Sha512() {
            super("SHA512withRSA");
        }
    }

    /** Raw RSA over a DigestInfo (the one-pass verifier's form). */
    public static final class None extends CountingSignature {
        /** JCA constructor. */
        public None() {
            super("NONEwithRSA");
        }
    }

    private static final Provider COUNTING = new Provider("Counting", "1", "counts RSA verifications") {
        private static final long serialVersionUID = 1L;

        {
            put("Signature.SHA1withRSA", Sha1.class.getName());
            put("Signature.SHA512withRSA", Sha512.class.getName());
            put("Signature.NONEwithRSA", None.class.getName());
        }
    };

    @Test
    void twoHundredSignerCandidatesCostOneRsaOperation() throws Exception {
        ItlFile n01 =
                ItlReader.defaults().readTrustList(Vectors.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n01.tlv"));
        List<ItlRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(n01.records().get(0));
        }
        ItlFile many = ItlFile.of(n01.header(), records);
        byte[] signed = many.withSignature(
                        Bytes.wrapOwned(Sweeps.sign(many.signedParts(), Sweeps.privateKey("sast-rsa2048"), "SHA1")))
                .encoded()
                .toByteArray();
        byte[] tampered = signed.clone();
        tampered[tampered.length - 1] ^= 1;
        ItlVerifier v = ItlVerifier.builder().provider(COUNTING).build();
        for (byte[] file : List.of(signed, tampered)) {
            VERIFICATIONS.set(0);
            VerificationResult r = v.verify(ItlReader.defaults().read(file));
            assertEquals(1, VERIFICATIONS.get(), "in memory");
            assertTrue(r.has(ProblemCode.SEVERAL_SIGNER_CANDIDATES));
            assertEquals(file == signed, r.isVerified(), () -> r.problems().toString());
            VERIFICATIONS.set(0);
            VerificationResult s = v.verify(new ByteArrayInputStream(file));
            assertEquals(1, VERIFICATIONS.get(), "one pass");
            assertEquals(r.isVerified(), s.isVerified());
        }
        assertFalse(ItlVerifier.builder()
                .provider(COUNTING)
                .build()
                .verify(ItlReader.defaults().read(tampered))
                .isVerified());
    }
}
