/**
 * Encrypted phone configurations ({@code SEP<MAC>.cnf.xml.enc.sgn}, SPEC-trust.md 6): {@link
 * io.github.itl4j.crypto.enc.EncryptedConfigBuilder} writes certutils' {@code enccnf} layout byte for byte (and the
 * stub {@code SEP<MAC>.cnf.xml.sgn}), {@link io.github.itl4j.crypto.enc.EncryptedConfigDecryptor} reads CUCM- and
 * certutils-made files tolerantly, verifies the signature, unwraps the AES key with the phone's private key, decrypts
 * and checks the plaintext digest. AES-128-CBC and RSA PKCS#1 v1.5 come from the JDK. Failures caused by the input are
 * {@link io.github.itl4j.crypto.enc.EncryptedConfigException}s with a {@link
 * io.github.itl4j.crypto.enc.EncryptedConfigCode}.
 *
 * @since 0.1.0
 */
package io.github.itl4j.crypto.enc;
