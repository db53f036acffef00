/**
 * The optional native JCA provider for itl4j's signer and verifier: {@link io.github.itl4j.nativecrypto.NativeProvider}.
 */
package io.github.itl4j.nativecrypto;
