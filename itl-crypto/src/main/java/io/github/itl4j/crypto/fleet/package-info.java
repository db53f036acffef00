/**
 * Signing a directory of phone configuration files into {@code .sgn} files, resumably and on several threads:
 * {@link io.github.itl4j.crypto.fleet.FleetSigner}.
 *
 * @since 0.1.0
 */
package io.github.itl4j.crypto.fleet;
