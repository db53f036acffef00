package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * Where the random parts of an encrypted configuration come from: the IV, the AES key and the randomised PKCS#1 v1.5
 * encryption padding of the wrapped key. {@link #secure()} is for real use; {@link #fixed} replays the values of an
 * existing file so that tests rebuild it byte for byte (SPEC-trust.md 6.9 T7).
 *
 * @since 0.1.0
 */
public interface EncryptionRandomness {
    /** @return 16 fresh bytes for the IV */
    byte[] iv();

    /** @return 16 fresh bytes for the AES-128 key */
    byte[] contentKey();

    /**
     * Wraps the AES key with RSAES-PKCS1-v1_5 for the device.
     *
     * @param devicePublicKey the device certificate's key
     * @param contentKey the key {@link #contentKey()} gave
     * @return the wrapped key, as long as the device modulus
     * @throws GeneralSecurityException if the JDK cannot encrypt with the key
     */
    byte[] wrap(RSAPublicKey devicePublicKey, byte[] contentKey) throws GeneralSecurityException;

    /** @return randomness from a {@link SecureRandom} */
    static EncryptionRandomness secure() {
        return secure(new SecureRandom());
    }

    /**
     * @param random the source
     * @return randomness drawn from {@code random}
     */
    static EncryptionRandomness secure(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new EncryptionRandomness() {
            @Override
            public byte[] iv() {
                byte[] b = new byte[16];
                random.nextBytes(b);
                return b;
            }

            @Override
            public byte[] contentKey() {
                byte[] b = new byte[16];
                random.nextBytes(b);
                return b;
            }

            @Override
            public byte[] wrap(RSAPublicKey devicePublicKey, byte[] contentKey) throws GeneralSecurityException {
                Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                c.init(Cipher.ENCRYPT_MODE, devicePublicKey, random);
                return c.doFinal(contentKey);
            }

            @Override
            public String toString() {
                return "EncryptionRandomness.secure";
            }
        };
    }

    /**
     * Replays given values: every file built with this has the same IV, key and wrapped key. For tests only (a fixed
     * key is no secret).
     *
     * @param iv 16 bytes
     * @param contentKey 16 bytes
     * @param wrappedKey the RSA-wrapped {@code contentKey}, as long as the device modulus
     * @return the replaying randomness
     * @throws IllegalArgumentException if the IV or key is not 16 bytes
     */
    static EncryptionRandomness fixed(Bytes iv, Bytes contentKey, Bytes wrappedKey) {
        if (iv.size() != 16 || contentKey.size() != 16) {
            throw new IllegalArgumentException(
                    "IV and key must be 16 bytes; got " + iv.size() + " and " + contentKey.size());
        }
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        return new EncryptionRandomness() {
            @Override
            public byte[] iv() {
                return iv.toByteArray();
            }

            @Override
            public byte[] contentKey() {
                return contentKey.toByteArray();
            }

            @Override
            public byte[] wrap(RSAPublicKey devicePublicKey, byte[] key) {
                return wrappedKey.toByteArray();
            }

            @Override
            public String toString() {
                return "EncryptionRandomness.fixed";
            }
        };
    }
}
