package io.github.itl4j.trust;

import java.util.List;

/**
 * The fix catalogue (docs/trust.md §11.2, plus {@link #F_REDUCE_SIZE}, {@link #F_RENEW_CERT} and
 * {@link #F_REENCRYPT}). A {@link Fix} carries the code, its text filled in for the case, and the sources.
 *
 * @since 0.1.0
 */
public enum FixCode {
    /** Re-sign the offered list with a SAST the phone already holds. */
    F_RESIGN_OTHER_SAST(
            "F-RESIGN-OTHER-SAST",
            "Re-sign the offered file with a SAST anchor the phone already holds"
                    + " (itl reset --p12 ITLRecovery.p12, or CUCM utils itl reset localkey|remotekey)",
            "SG14",
            "CLI125",
            "RESET10"),
    /** Import the signer into Phone-SAST-trust of the TVS the phone uses. */
    F_IMPORT_PHONE_SAST(
            "F-IMPORT-PHONE-SAST",
            "Import the signer certificate into Phone-SAST-trust of the cluster "
                    + "whose TVS the phone uses, then restart TVS on all nodes",
            "MIGSEC",
            "SG125-PHONE",
            "BULK"),
    /** Import the destination ITLRecovery into the source Phone-SAST-trust. */
    F_IMPORT_ITLRECOVERY(
            "F-IMPORT-ITLRECOVERY",
            "Import the destination ITLRecovery.pem into the source cluster's "
                    + "Phone-SAST-trust (needed when the destination is 12.0+)",
            "MIGSEC",
            "SG125-PHONE"),
    /** Import the config signer into CallManager-trust. */
    F_IMPORT_CM_TRUST(
            "F-IMPORT-CM-TRUST",
            "Import the signer into CallManager-trust (and Phone-SAST-trust) of the "
                    + "source cluster; the CallManager certificate of every TFTP node",
            "MIGSEC",
            "BULK"),
    /** Keep the TVS reachable. */
    F_TVS_REACH(
            "F-TVS-REACH",
            "Keep the source cluster's TVS reachable (TCP 2445) from the phones until they have " + "the new list",
            "SG125-CERT",
            "MIG8"),
    /** Do not change the TVS certificate and the signer in one step. */
    F_TVS_CERT_CHANGED(
            "F-TVS-CERT-CHANGED",
            "Do not change the TVS certificate and the trust-list signer in the same"
                    + " step; let phones download an ITL containing the new TVS first",
            "REGEN",
            "SG125-CERT"),
    /** Use the rollback ITL (non-secure clusters only). */
    F_ROLLBACK_ITL(
            "F-ROLLBACK-ITL",
            "Set 'Prepare Cluster for Rollback to pre-8.0' on the source, reset phones, wait,"
                    + " then migrate (non-secure clusters only)",
            "SG14",
            "MIGSEC"),
    /** Update the CTL after importing. */
    F_UPDATE_CTL(
            "F-UPDATE-CTL",
            "Run 'utils ctl update CTLFile' on the source publisher after importing, reset " + "phones, then migrate",
            "SG125-PHONE"),
    /** Sign with SHA-1 for legacy phones. */
    F_DIGEST_SHA1(
            "F-DIGEST-SHA1",
            "Set 'TFTP File Signature Algorithm' to SHA-1, or replace 79xx/89xx/99xx phones",
            "SG125-PHONE",
            "SG15-ENC"),
    /** Delete the ITL on each phone. */
    F_DELETE_ITL(
            "F-DELETE-ITL",
            "Delete the ITL on each phone (Settings > Security > Trust List > ITL > **# > "
                    + "Erase; 'Reset security settings'; factory reset)",
            "RESET10",
            "docs/trust.md §10.5"),
    /** Restore the previous keys. */
    F_RESTORE_KEY(
            "F-RESTORE-KEY", "Restore the previous certificates and keys from DRS and re-sign", "REGEN", "SG125-CERT"),
    /** Sign the config with a TFTP/CCM+TFTP key. */
    F_SIGN_CONFIG(
            "F-SIGN-CONFIG",
            "Sign with a key whose certificate is TFTP or CCM+TFTP in the phone's list (itl " + "sign-config)",
            "SG14",
            "UCMNZ"),
    /** Make the trust list smaller than 64 KB. */
    F_REDUCE_SIZE(
            "F-REDUCE-SIZE",
            "Remove certificates until the trust list is at most 65536 bytes (about 39 "
                    + "certificates; itl lint L01)",
            "SG14"),
    /** Renew an expired anchor. */
    F_RENEW_CERT(
            "F-RENEW-CERT",
            "Renew the expired certificate (one certificate at a time, waiting for the phones) "
                    + "and serve the list re-signed by a valid SAST",
            "REGEN"),
    /** Encrypt again for the phone's key. */
    F_REENCRYPT("F-REENCRYPT", "Re-encrypt the configuration with the phone's current LSC/MIC", "CU-ENC", "SG15-ENC");

    private final String code;
    private final String text;
    private final List<String> source;

    FixCode(String code, String text, String... source) {
        this.code = code;
        this.text = text;
        this.source = List.of(source);
    }

    /** @return the catalogue code, e.g. {@code F-IMPORT-PHONE-SAST} */
    public String code() {
        return code;
    }

    /** @return the generic text of the fix */
    public String text() {
        return text;
    }

    /** @return short names of the sources */
    public List<String> source() {
        return source;
    }
}
