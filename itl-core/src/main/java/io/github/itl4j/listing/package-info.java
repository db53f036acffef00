/**
 * Reading pasted {@code show itl} / {@code show ctl} listings (CUCM's CLI output, TAC documents) into a skeleton model
 * ({@link io.github.itl4j.listing.ShowListing}), for comparisons by identity when the file itself is not at hand.
 *
 * @since 0.1.0
 */
package io.github.itl4j.listing;
