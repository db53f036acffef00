/**
 * itl4j core: a streaming TLV codec and an immutable model for Cisco ITL/CTL trust lists and signed (.sgn) files.
 * No crypto, no dependencies.
 */
module io.github.itl4j.core {
    exports io.github.itl4j;
    exports io.github.itl4j.tlv;
    exports io.github.itl4j.io;
    exports io.github.itl4j.listing;
}
