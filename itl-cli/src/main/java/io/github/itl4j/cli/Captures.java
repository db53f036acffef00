package io.github.itl4j.cli;

import io.github.itl4j.Bytes;
import io.github.itl4j.FileType;
import io.github.itl4j.ItlFormatException;
import io.github.itl4j.listing.ShowListing;
import io.github.itl4j.listing.ShowListingParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells a pasted {@code show itl}/{@code show ctl} capture from a trust-list file by content (no option needed): bytes
 * that do not start like an ITL/CTL/.sgn, PEM, PKCS#12 or DER file ({@link FileType#UNKNOWN}), hold no NUL byte, and
 * parse as a listing ({@link ShowListingParser}) are a capture (docs/trust.md, "Captures").
 */
final class Captures {
    /** How far a capture is searched for a NUL byte (binary data). */
    private static final int SNIFF = 4096;

    private Captures() {}

    /**
     * @param data a file's bytes
     * @return the parsed capture, or empty when the bytes are not one (then read them as a trust list, whose reader
     *     reports what is wrong)
     */
    static Optional<ShowListing> sniff(Bytes data) {
        if (data.size() == 0 || FileType.detect(data) != FileType.UNKNOWN) {
            return Optional.empty();
        }
        for (int i = 0; i < Math.min(SNIFF, data.size()); i++) {
            if (data.getUnsigned(i) == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ShowListingParser.parse(new String(data.toByteArray(), StandardCharsets.UTF_8)));
        } catch (ItlFormatException e) {
            return Optional.empty();
        }
    }
}
