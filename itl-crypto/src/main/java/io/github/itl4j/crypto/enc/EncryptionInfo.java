package io.github.itl4j.crypto.enc;

import io.github.itl4j.Bytes;
import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.HeaderTags;
import io.github.itl4j.ItlException;
import io.github.itl4j.ItlHeader;
import io.github.itl4j.SgnFile;
import io.github.itl4j.tlv.Container;
import io.github.itl4j.tlv.Tlv;
import io.github.itl4j.tlv.TlvElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The encryption fields of an {@code .enc.sgn} header (tags 16-27, SPEC-trust.md 6.3), found tolerantly: in any order,
 * inside their containers or not; tags 18, 22, 23 and 24 are optional, ENCRYPTEDKEY (25) is absent in manual-key
 * files. Immutable.
 *
 * @since 0.1.0
 */
public final class EncryptionInfo {
    /** KEYALGORITHM code of AES-128-CBC, the only one certutils writes. */
    public static final int AES_128_CBC = 1;

    private final Bytes iv;
    private final int padCount;
    private final Integer keySize;
    private final Integer keyAlgorithm;
    private final Bytes wrappedKey;
    private final DigestAlgorithm plainDigestAlgorithm;
    private final Bytes plainDigest;
    private final Bytes body;
    private final int bodyOffset;
    private final Map<Integer, Long> offsets;

    private EncryptionInfo(Map<Integer, Tlv> found, Map<Integer, Long> offsets, SgnFile file)
            throws EncryptedConfigException {
        this.offsets = offsets;
        Tlv ivTlv = require(found, HeaderTags.IV);
        if (ivTlv.length() != 16) {
            throw malformed("IV must be 16 bytes, found " + ivTlv.length(), HeaderTags.IV);
        }
        iv = ivTlv.value();
        padCount = (int) unsigned(require(found, HeaderTags.PAD_COUNT), 2);
        keySize = found.containsKey(HeaderTags.KEY_SIZE) ? (int) unsigned(found.get(HeaderTags.KEY_SIZE), 2) : null;
        keyAlgorithm = found.containsKey(HeaderTags.KEY_ALGORITHM)
                ? (int) unsigned(found.get(HeaderTags.KEY_ALGORITHM), 1)
                : null;
        wrappedKey = found.containsKey(HeaderTags.ENCRYPTED_KEY)
                ? found.get(HeaderTags.ENCRYPTED_KEY).value()
                : null;
        plainDigestAlgorithm = DigestAlgorithm.of((int) unsigned(require(found, HeaderTags.PLAIN_DIGEST_ALGORITHM), 1));
        plainDigest = require(found, HeaderTags.PLAIN_DIGEST).value();
        body = file.payload();
        bodyOffset = file.header().length();
    }

    /**
     * Finds the encryption fields of a file read as a .sgn.
     *
     * @param file an {@code .enc.sgn} read with {@link io.github.itl4j.ItlReader#readSigned}
     * @return the fields
     * @throws EncryptedConfigException {@code ENC_MALFORMED} if IV, PADCOUNT, PLAINDIGESTALGORITHM or PLAINDIGEST is
     *     missing or has the wrong size, or a field appears twice
     */
    public static EncryptionInfo of(SgnFile file) throws EncryptedConfigException {
        Map<Integer, Tlv> found = new HashMap<>();
        Map<Integer, Long> offsets = new HashMap<>();
        collect(file.header().elements(), 0, found, offsets);
        return new EncryptionInfo(found, offsets, file);
    }

    /**
     * @param header a header
     * @return whether it carries encryption fields (ENCRYPTIONINFO, IV or PLAINDIGEST): an {@code .enc.sgn}
     */
    public static boolean isEncrypted(ItlHeader header) {
        return header.find(HeaderTags.IV).isPresent()
                || header.find(HeaderTags.PLAIN_DIGEST).isPresent()
                || header.elements().stream().anyMatch(e -> e.tag() == HeaderTags.ENCRYPTION_INFO);
    }

    private static long collect(List<TlvElement> els, long offset, Map<Integer, Tlv> found, Map<Integer, Long> offs)
            throws EncryptedConfigException {
        long at = offset;
        for (TlvElement e : els) {
            if (e instanceof Container c) {
                collect(c.children(), at + Tlv.HEADER_SIZE, found, offs);
            } else if (e instanceof Tlv t
                    && t.tag() >= HeaderTags.IV_UNKNOWN
                    && t.tag() <= HeaderTags.PLAIN_DIGEST
                    && !HeaderTags.isContainer(t.tag())) {
                if (found.put(t.tag(), t) != null) {
                    throw new EncryptedConfigException(
                            EncryptedConfigCode.MALFORMED,
                            HeaderTags.name(t.tag()) + " appears twice",
                            at,
                            t.tag(),
                            null);
                }
                offs.put(t.tag(), at);
            }
            at += e.encodedSize();
        }
        return at;
    }

    private Tlv require(Map<Integer, Tlv> found, int tag) throws EncryptedConfigException {
        Tlv t = found.get(tag);
        if (t == null) {
            throw new EncryptedConfigException(
                    EncryptedConfigCode.MALFORMED,
                    "The header has no " + HeaderTags.name(tag) + " (tag " + tag + "): not an encrypted configuration",
                    ItlException.NO_OFFSET,
                    tag,
                    null);
        }
        return t;
    }

    private long unsigned(Tlv t, int size) throws EncryptedConfigException {
        if (t.length() != size) {
            throw malformed(
                    HeaderTags.name(t.tag()) + " must be " + size + " byte" + (size == 1 ? "" : "s") + ", found "
                            + t.length(),
                    t.tag());
        }
        return size == 1 ? t.value().getUnsigned(0) : t.value().getU16(0);
    }

    private EncryptedConfigException malformed(String msg, int tag) {
        return new EncryptedConfigException(EncryptedConfigCode.MALFORMED, msg, offsetOf(tag), tag, null);
    }

    /**
     * @param tag a tag of this header
     * @return the file offset of the tag's TLV, or {@link ItlException#NO_OFFSET}
     */
    public long offsetOf(int tag) {
        Long o = offsets.get(tag);
        return o == null ? ItlException.NO_OFFSET : o;
    }

    /** @return the 16-byte IV */
    public Bytes iv() {
        return iv;
    }

    /** @return PADCOUNT: how many 0x0D bytes were appended before encryption */
    public int padCount() {
        return padCount;
    }

    /** @return KEYSIZE in bits, if present */
    public OptionalInt keySize() {
        return keySize == null ? OptionalInt.empty() : OptionalInt.of(keySize);
    }

    /** @return KEYALGORITHM, if present ({@value #AES_128_CBC} = AES-128-CBC) */
    public OptionalInt keyAlgorithm() {
        return keyAlgorithm == null ? OptionalInt.empty() : OptionalInt.of(keyAlgorithm);
    }

    /** @return ENCRYPTEDKEY, the RSA-wrapped AES key; empty in a manual-key file */
    public Optional<Bytes> wrappedKey() {
        return Optional.ofNullable(wrappedKey);
    }

    /** @return the digest algorithm of the plaintext (PLAINDIGESTALGORITHM), possibly unknown */
    public DigestAlgorithm plainDigestAlgorithm() {
        return plainDigestAlgorithm;
    }

    /** @return PLAINDIGEST, the digest of the unpadded plaintext */
    public Bytes plainDigest() {
        return plainDigest;
    }

    /** @return the ciphertext: the file from HEADERLENGTH to its end */
    public Bytes body() {
        return body;
    }

    /** @return the file offset of the ciphertext (HEADERLENGTH) */
    public int bodyOffset() {
        return bodyOffset;
    }

    @Override
    public String toString() {
        return "EncryptionInfo[pad " + padCount + ", keySize " + keySize + ", keyAlgorithm " + keyAlgorithm
                + ", wrapped " + (wrappedKey == null ? "none" : wrappedKey.size() + " bytes") + ", digest "
                + plainDigestAlgorithm + ", body " + body.size() + " bytes]";
    }
}
