package io.github.itl4j.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Reads the password-based-encryption iteration counts of a PKCS#12 file or an encrypted PKCS#8 key <em>before</em>
 * anything is derived from the password, so that a hostile file cannot make us spend minutes of CPU. Not API.
 */
public final class PbeLimits {
    private PbeLimits() {}

    /**
     * The largest iteration count in the MAC and in every PBE algorithm identifier visible without the password
     * (encrypted safe contents, shrouded key bags in plain safe contents).
     *
     * @param pfx a parsed PKCS#12 PDU
     * @return the largest count found, 0 if none
     * @throws IllegalArgumentException or another runtime exception if the structure is malformed
     */
    public static BigInteger maxIterations(Pfx pfx) {
        BigInteger max = BigInteger.ZERO;
        MacData mac = pfx.getMacData();
        if (mac != null) {
            max = max.max(mac.getIterationCount());
        }
        ContentInfo auth = pfx.getAuthSafe();
        if (!PKCSObjectIdentifiers.data.equals(auth.getContentType())) {
            return max;
        }
        byte[] data =
                DerScan.checked(ASN1OctetString.getInstance(auth.getContent()).getOctets());
        AuthenticatedSafe safe = AuthenticatedSafe.getInstance(data);
        for (ContentInfo ci : safe.getContentInfo()) {
            if (PKCSObjectIdentifiers.encryptedData.equals(ci.getContentType())) {
                EncryptedData ed = EncryptedData.getInstance(ci.getContent());
                max = max.max(iterations(ed.getEncryptionAlgorithm()));
            } else if (PKCSObjectIdentifiers.data.equals(ci.getContentType())) {
                ASN1Sequence bags = ASN1Sequence.getInstance(DerScan.checked(
                        ASN1OctetString.getInstance(ci.getContent()).getOctets()));
                for (ASN1Encodable b : bags) {
                    SafeBag bag = SafeBag.getInstance(b);
                    if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(bag.getBagId())) {
                        EncryptedPrivateKeyInfo epki = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                        max = max.max(iterations(epki.getEncryptionAlgorithm()));
                    }
                }
            }
        }
        return max;
    }

    /**
     * @param alg a PBE algorithm identifier (PBES2 with PBKDF2, PKCS#12 PBE or PBES1)
     * @return its iteration count, 0 for an unknown scheme
     */
    public static BigInteger iterations(AlgorithmIdentifier alg) {
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        ASN1Encodable params = alg.getParameters();
        if (params == null) {
            return BigInteger.ZERO;
        }
        if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
            PBES2Parameters p = PBES2Parameters.getInstance(params);
            if (PKCSObjectIdentifiers.id_PBKDF2.equals(p.getKeyDerivationFunc().getAlgorithm())) {
                return PBKDF2Params.getInstance(p.getKeyDerivationFunc().getParameters())
                        .getIterationCount();
            }
            return BigInteger.ZERO;
        }
        if (oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            return PKCS12PBEParams.getInstance(params).getIterations();
        }
        if (oid.on(PKCSObjectIdentifiers.pkcs_5)) {
            return PBEParameter.getInstance(params).getIterationCount();
        }
        return BigInteger.ZERO;
    }
}
