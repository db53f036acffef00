package io.github.itl4j.trust;

/**
 * The kind of an offered or installed file (docs/trust.md §3.1, §3.2).
 *
 * @since 0.1.0
 */
public enum FileKind {
    /** An Initial Trust List ({@code ITLFile.tlv}, {@code ITLSEP<MAC>.tlv}). */
    ITL,
    /** A Certificate Trust List ({@code CTLFile.tlv}, {@code CTLSEP<MAC>.tlv}). */
    CTL,
    /** A signed file ({@code .sgn}): configuration, ring list, locale. */
    SGN,
    /** An encrypted signed configuration ({@code .enc.sgn}). */
    ENC_SGN,
    /** An unsigned payload, e.g. a plain {@code SEP<MAC>.cnf.xml}. */
    PLAIN;

    /** @return true for {@link #ITL} and {@link #CTL} */
    public boolean isTrustList() {
        return this == ITL || this == CTL;
    }
}
