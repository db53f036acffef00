package io.github.itl4j.trust;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.tlv.Tlv;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts the body of an {@code .enc.sgn} (docs/format.md §6.4) with the phone's private key and checks the plaintext
 * digest: what the simulated phone does after the signature check (procedure B.5). Not API.
 */
final class EncryptedPayload {
    private static final int IV = 19;
    private static final int PAD_COUNT = 20;
    private static final int KEY = 25;
    private static final int DIGEST_ALGORITHM = 26;
    private static final int DIGEST = 27;

    private EncryptedPayload() {}

    /**
     * @param f the .enc.sgn (its payload is the ciphertext)
     * @param phoneKey the phone's private key (LSC or MIC)
     * @return null if the payload decrypts and its digest matches, else why not
     */
    static String check(SgnFile f, PrivateKey phoneKey) {
        ItlHeader h = f.header();
        Optional<Bytes> iv = h.find(IV).map(Tlv::value);
        Optional<Bytes> w = h.find(KEY).map(Tlv::value);
        Optional<Bytes> pad = h.find(PAD_COUNT).map(Tlv::value);
        Optional<Bytes> digest = h.find(DIGEST).map(Tlv::value);
        Optional<Bytes> dalg = h.find(DIGEST_ALGORITHM).map(Tlv::value);
        if (iv.isEmpty()
                || iv.get().size() != 16
                || w.isEmpty()
                || pad.isEmpty()
                || pad.get().size() != 2
                || digest.isEmpty()
                || dalg.isEmpty()
                || dalg.get().size() != 1) {
            return "the header lacks the encryption fields (IV tag 19, PAD COUNT 20, KEY 25, digest 26/27)";
        }
        byte[] k;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, phoneKey);
            k = rsa.doFinal(w.get().toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the phone's key cannot unwrap the AES key (RSA PKCS#1 v1.5: "
                    + e.getClass().getSimpleName() + "): the file was encrypted for another device certificate";
        }
        if (k.length != 16 && k.length != 24 && k.length != 32) {
            return "the unwrapped key has " + k.length + " bytes; expected 16 (AES-128)";
        }
        Bytes body = f.payload();
        if (body.isEmpty() || body.size() % 16 != 0) {
            return "the ciphertext is " + body.size() + " bytes, not a non-zero multiple of 16";
        }
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(k, "AES"),
                    new IvParameterSpec(iv.get().toByteArray()));
            plain = aes.doFinal(body.toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            return "AES-CBC decryption failed: " + e.getMessage();
        }
        int n = pad.get().getU16(0);
        if (n > plain.length || n > 16) {
            return "PAD COUNT " + n + " is larger than 16 or the plaintext";
        }
        DigestAlgorithm alg = DigestAlgorithm.of(dalg.get().getUnsigned(0));
        if (!alg.isKnown()) {
            return "plaintext digest algorithm " + alg + " is unknown";
        }
        Bytes p = Bytes.wrapOwned(plain).slice(0, plain.length - n);
        if (!Certs.digest(alg, p).equals(digest.get())) {
            return "the decrypted plaintext's " + alg + " does not match the header (ENC_DIGEST_MISMATCH)";
        }
        return null;
    }
}
