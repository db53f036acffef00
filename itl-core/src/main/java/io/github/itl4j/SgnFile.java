package io.github.itl4j;

import java.util.List;
import java.util.Objects;

/**
 * A signed file ({@code .sgn}: configuration, ring list, locale, firmware part): header plus an opaque payload that
 * runs from HEADERLENGTH to the end of the file (docs/format.md §6.3). Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SgnFile implements SignedFile {
    private final ItlHeader header;
    private final Bytes payload;
    private final List<ItlWarning> warnings;
    private volatile Bytes encoded;

    SgnFile(ItlHeader header, Bytes payload, List<ItlWarning> warnings, Bytes source) {
        this.header = Objects.requireNonNull(header, "header");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.warnings = List.copyOf(warnings);
        this.encoded = source;
    }

    /**
     * @param header the header
     * @param payload the unchanged payload
     * @return the file
     */
    public static SgnFile of(ItlHeader header, Bytes payload) {
        return new SgnFile(header, payload, List.of(), null);
    }

    @Override
    public ItlHeader header() {
        return header;
    }

    /** @return the payload: the original file, as {@code stripsgn} gives it back */
    public Bytes payload() {
        return payload;
    }

    @Override
    public List<ItlWarning> warnings() {
        return warnings;
    }

    @Override
    public Bytes encoded() {
        Bytes b = encoded;
        if (b == null) {
            b = ItlWriter.encode(this);
            encoded = b;
        }
        return b;
    }

    @Override
    public SgnFile withSignature(Bytes signature) {
        return new SgnFile(header.withSignature(signature), payload, List.of(), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgnFile f && f.header.equals(header) && f.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + payload.hashCode();
    }

    @Override
    public String toString() {
        return "SgnFile[" + header.fileName().orElse("?") + ", payload " + payload.size() + " bytes]";
    }
}
