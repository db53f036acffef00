/**
 * itl4j crypto: checksums, key loading (PKCS#12, PEM), RSA PKCS#1 v1.5 signing and verification, building and
 * resetting trust lists, signing and verifying .sgn files.
 */
module io.github.itl4j.crypto {
    requires transitive io.github.itl4j.core;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.slf4j;

    exports io.github.itl4j.crypto;
    exports io.github.itl4j.crypto.enc;
    exports io.github.itl4j.crypto.fleet;
    // the hardened certificate decoder (DER scanned before the recursive parser) for the trust engine and lint
    exports io.github.itl4j.crypto.internal to
            io.github.itl4j.trust;
}
