package io.github.itl4j.tlv;

/**
 * One element of a header or record as it sits in the file: a {@link Tlv}, a one-byte {@link Padding}, or a
 * {@link Container} holding child elements. Elements carry no offsets, so equal content means equal elements.
 *
 * @since 0.1.0
 */
public sealed interface TlvElement permits Tlv, Padding, Container {
    /** @return the tag number (13 for padding) */
    int tag();

    /** @return how many bytes this element takes in the file, tag and length included */
    int encodedSize();
}
