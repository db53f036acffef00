/**
 * itl4j native provider (optional): Amazon Corretto Crypto Provider (AWS-LC) for RSA signing and verification where
 * it loads, the JDK's provider elsewhere. See {@link io.github.itl4j.nativecrypto.NativeProvider}.
 */
module io.github.itl4j.nativecrypto {
    requires transitive io.github.itl4j.crypto;
    requires static com.amazon.corretto.crypto.provider;

    exports io.github.itl4j.nativecrypto;
}
