package io.github.itl4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.itl4j.Bytes;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlReader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.crypto.enc.ConfigStub;
import io.github.itl4j.crypto.enc.DecryptedConfig;
import io.github.itl4j.crypto.enc.EncryptedConfigDecryptor;
import io.github.itl4j.crypto.enc.EncryptedConfigException;
import io.github.itl4j.crypto.enc.EncryptedConfigProblem;
import io.github.itl4j.crypto.enc.EncryptionInfo;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;

/**
 * Fuzzes the {@code .enc.sgn} reader and decryptor and the stub's XML scanner: any bytes end in a value or the
 * library's {@link ItlException} ({@link EncryptedConfigException} included), never another exception. Seeds: the
 * certutils enccnf vectors in {@code EncryptedConfigFuzzTestInputs/decrypt/} and configurations in
 * {@code .../stub/}. To fuzz (itl-fuzz/README.md), from the checkout root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl itl-fuzz -am test -Dtest=EncryptedConfigFuzzTest#decrypt
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EncryptedConfigFuzzTest {
    private static final X509Certificate TFTP = Sweeps.certificate(Vectors.cert("tftp-rsa2048.crt.pem"));
    private static final X509Certificate DEVICE = Sweeps.certificate(Vectors.cert("node01-rsa2048.crt.pem"));
    private static final EncryptedConfigDecryptor VERIFYING = EncryptedConfigDecryptor.builder(
                    Sweeps.privateKey("node01-rsa2048"))
            .signer(TFTP)
            .build();
    private static final EncryptedConfigDecryptor RAW = EncryptedConfigDecryptor.builder(
                    Sweeps.privateKey("node01-rsa2048"))
            .noVerify()
            .symmetricKey(new byte[16])
            .build();

    @FuzzTest(maxDuration = "3m")
    void decrypt(byte[] data) throws Exception {
        SgnFile f;
        try {
            f = ItlReader.defaults().readSigned(Bytes.copyOf(data));
        } catch (ItlException e) {
            return;
        }
        EncryptionInfo.isEncrypted(f.header());
        for (EncryptedConfigDecryptor d : new EncryptedConfigDecryptor[] {VERIFYING, RAW}) {
            DecryptedConfig r;
            try {
                r = d.decrypt(f);
            } catch (EncryptedConfigException e) {
                if (e.getMessage().isEmpty() || e.code() == null) {
                    throw new AssertionError("empty error", e);
                }
                continue;
            }
            for (EncryptedConfigProblem p : r.problems()) {
                p.toString();
            }
            r.toString();
            if (r.isValid()) {
                Bytes p = r.plaintext();
                MessageDigest md = MessageDigest.getInstance(
                        r.info().plainDigestAlgorithm().jcaName().orElseThrow());
                if (!MessageDigest.isEqual(
                        md.digest(p.toByteArray()), r.info().plainDigest().toByteArray())) {
                    throw new AssertionError("valid but the digest differs");
                }
                if (d == VERIFYING && !r.verification().orElseThrow().isVerified()) {
                    throw new AssertionError("valid without a verified signature");
                }
            } else {
                try {
                    r.plaintext();
                    throw new AssertionError("plaintext() of an invalid result did not throw");
                } catch (EncryptedConfigException expected) {
                    // the first error
                }
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void stub(byte[] data) throws Exception {
        Bytes payload;
        try {
            payload = ConfigStub.payload(Bytes.copyOf(data), DEVICE);
        } catch (EncryptedConfigException e) {
            return;
        }
        // the stub is itself a device configuration whose certHash is the device's
        if (!ConfigStub.certHash(DEVICE).equals(ConfigStub.findCertHash(payload))) {
            throw new AssertionError("the stub's certHash does not read back");
        }
        if (!payload.equals(ConfigStub.payload(payload, DEVICE))) {
            throw new AssertionError("the stub of a stub differs from the stub");
        }
    }
}
