package io.github.itl4j;

import java.util.List;

/**
 * A file with the signed header: a trust list ({@link ItlFile}) or a signed payload ({@link SgnFile}). What the
 * signer and verifier need: the header, the exact bytes, and which of them are signed.
 *
 * @since 0.1.0
 */
public sealed interface SignedFile permits ItlFile, SgnFile {
    /** @return the header */
    ItlHeader header();

    /**
     * The file's bytes: as read, for a file that was read (never re-encoded), or as encoded once, for a built file.
     *
     * @return the bytes
     */
    Bytes encoded();

    /**
     * The bytes the signature covers (docs/format.md §5): the whole file with the SIGNATURE TLV (tag, length and
     * value) cut out, as views of {@link #encoded()}, in order. Without a SIGNATURE, the whole file.
     *
     * @return one or two slices
     */
    default List<Bytes> signedParts() {
        return HeaderParser.signedParts(encoded(), header());
    }

    /**
     * @param signature a signature of the length the header reserves
     * @return a copy with the signature filled in
     */
    SignedFile withSignature(Bytes signature);

    /** @return oddities the reader reported (empty for built files) */
    List<ItlWarning> warnings();
}
