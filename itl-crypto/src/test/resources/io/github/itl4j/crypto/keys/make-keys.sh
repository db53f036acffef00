#!/usr/bin/env bash
# Regenerates every test key, certificate and PKCS#12 file in this folder (see README.md).
# TEST KEYS ONLY: never use them for anything real.
#
# Needs openssl (3.0 or later, with the legacy provider for the RC2 file) and keytool (JDK 17+).
# Run from anywhere: the script works in its own folder.
#
# Fixed: subjects, serials, validity (2025-01-01 to 2045-01-01), extensions, algorithms.
# Not fixed: keys are generated fresh on every run, and PKCS#12 / encrypted-PKCS#8 salts and IVs
# are random, so every file changes on each run.
set -euo pipefail
cd "$(dirname "$0")"

PASS=changeit
# OpenSSL 3.0 has no -not_before/-not_after (3.4+), so certificates are self-signed with
# `openssl ca -selfsign -startdate/-enddate`, which 3.0 supports, to get fixed dates.
START=20250101000000Z
END=20450101000000Z
DN_TAIL="/OU=Voice/O=Example Org/L=Wellington/ST=Wellington/C=NZ"

# Serials: 16 bytes, top byte in 0x40..0x7f (positive, no DER sign byte), all distinct.
SERIAL_SIGNER=4C1D6A0E93B52F7184A6E0D3597BC218
SERIAL_ITLRECOVERY=5A3E8F17C2D4096B7E1F83A5D06C924B
SERIAL_CCM=46B2D9E05A7C13F88E4D2B6190A7F35C
SERIAL_TFTP=47C3EAF16B8D24099F5E3C72A1B8046D
SERIAL_MISMATCH=52E7A40C9D361B8F05C4E9A27D3F6B81
SERIAL_RSA1024=6813F5A2C0E74D9B361A8E5F27C4B0D9
SERIAL_RSA4096=69D2073E5B8AC14F92E6D0137A5C8B24
SERIAL_EC256=7105B8E3D94A2F6C18E7B03D5A926C4F

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export WORK

cat > "$WORK/openssl.cnf" <<'EOF'
[ca]
default_ca = selfca

[selfca]
database        = $ENV::WORK/index.txt
new_certs_dir   = $ENV::WORK/newcerts
serial          = $ENV::WORK/serial
policy          = anydn
unique_subject  = no
email_in_dn     = no
copy_extensions = none

[anydn]
commonName             = optional
organizationalUnitName = optional
organizationName       = optional
localityName           = optional
stateOrProvinceName    = optional
countryName            = optional

[req]
distinguished_name = req_dn
prompt             = no
[req_dn]
CN = unused

# CUCM-like CallManager profile.
[rsa_ext]
keyUsage             = digitalSignature, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign
extendedKeyUsage     = serverAuth, clientAuth, ipsecEndSystem
subjectKeyIdentifier = hash

[ec_ext]
keyUsage             = digitalSignature, keyAgreement, keyCertSign
extendedKeyUsage     = serverAuth, clientAuth
subjectKeyIdentifier = hash
EOF

die() { echo "FAIL: $*" >&2; exit 1; }

# new_key FILE rsa:BITS|ec:CURVE  -> unencrypted PKCS#8 PEM
new_key() {
    case $2 in
        rsa:*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa:}" -out "$1" 2>/dev/null ;;
        ec:*)  openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec:}" \
                   -pkeyopt ec_param_enc:named_curve -out "$1" ;;
    esac
}

# self_sign KEY CERT SERIAL SUBJECT EXT_SECTION
self_sign() {
    local key=$1 cert=$2 serial=$3 subj=$4 ext=$5
    rm -rf "$WORK/newcerts" && mkdir "$WORK/newcerts"
    : > "$WORK/index.txt"
    echo "$serial" > "$WORK/serial"
    openssl req -new -config "$WORK/openssl.cnf" -key "$key" -subj "$subj" -out "$WORK/req.csr"
    openssl ca -batch -config "$WORK/openssl.cnf" -selfsign -keyfile "$key" -in "$WORK/req.csr" \
        -preserveDN -notext -md sha256 -startdate "$START" -enddate "$END" \
        -extensions "$ext" -out "$cert" 2>"$WORK/ca.log" || { cat "$WORK/ca.log" >&2; exit 1; }
    [[ $(openssl x509 -in "$cert" -noout -serial) == "serial=$serial" ]] || die "$cert serial"
}

# Same public key in cert and key?
pub_of_cert() { openssl x509 -in "$1" -noout -pubkey; }
pub_of_key()  { openssl pkey -in "$1" -pubout; }

rm -f ./*.pem ./*.key ./*.p12

# --- signer: one RSA-2048 key in four encodings ------------------------------------------
new_key signer-pkcs8.key rsa:2048
self_sign signer-pkcs8.key signer.pem "$SERIAL_SIGNER" "/CN=cucm-pub.example.test$DN_TAIL" rsa_ext
openssl pkey -in signer-pkcs8.key -traditional -out signer-pkcs1.key
openssl pkcs8 -topk8 -in signer-pkcs8.key -v2 aes-256-cbc -v2prf hmacWithSHA256 \
    -passout "pass:$PASS" -out signer-pkcs8-enc.key
grep -q -- '-----BEGIN RSA PRIVATE KEY-----' signer-pkcs1.key || die "signer-pkcs1.key is not PKCS#1"
grep -q -- '-----BEGIN ENCRYPTED PRIVATE KEY-----' signer-pkcs8-enc.key || die "signer-pkcs8-enc.key"

# --- ITLRecovery: key + cert, four PKCS#12 flavours share them -------------------------------
new_key itlrecovery.key rsa:2048
self_sign itlrecovery.key itlrecovery.pem "$SERIAL_ITLRECOVERY" \
    "/CN=ITLRECOVERY_cucm-pub.example.test$DN_TAIL" rsa_ext
# OpenSSL 3 default: PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC for key and certs, SHA-256 MAC.
openssl pkcs12 -export -inkey itlrecovery.key -in itlrecovery.pem -name itlrecovery \
    -passout "pass:$PASS" -out itlrecovery.p12
# -legacy: RC2-40-CBC certs, 3DES key, SHA-1 MAC (needs the legacy provider).
openssl pkcs12 -export -legacy -inkey itlrecovery.key -in itlrecovery.pem -name itlrecovery \
    -passout "pass:$PASS" -out itlrecovery-legacy-rc2.p12
openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 \
    -inkey itlrecovery.key -in itlrecovery.pem -name itlrecovery \
    -passout "pass:$PASS" -out itlrecovery-legacy-3des.p12

# --- two-entries.p12: aliases ccm and tftp, merged by keytool --------------------------------
for alias in ccm tftp; do
    serial_var=SERIAL_${alias^^}
    new_key "$WORK/$alias.key" rsa:2048
    self_sign "$WORK/$alias.key" "$WORK/$alias.pem" "${!serial_var}" "/CN=$alias.example.test$DN_TAIL" rsa_ext
    openssl pkcs12 -export -inkey "$WORK/$alias.key" -in "$WORK/$alias.pem" -name "$alias" \
        -passout "pass:$PASS" -out "$WORK/$alias.p12"
    keytool -importkeystore -noprompt \
        -srckeystore "$WORK/$alias.p12" -srcstoretype PKCS12 -srcstorepass "$PASS" \
        -destkeystore two-entries.p12 -deststoretype PKCS12 -deststorepass "$PASS" >/dev/null 2>&1 \
        || die "keytool -importkeystore $alias"
done

# --- cert-only.p12: the signer certificate, no key -------------------------------------------
# openssl names a key-less certificate with -caname (-name only labels the key's certificate).
openssl pkcs12 -export -nokeys -in signer.pem -caname signer -passout "pass:$PASS" -out cert-only.p12
# Java's PKCS12 KeyStore skips certificates that lack Oracle's trusted-key-usage attribute
# (OID 2.16.840.1.113894.746875.1.1; openssl writes it only from 3.2, -jdktrust), so Java sees
# cert-only.p12 as an EMPTY keystore. cert-only-jdk.p12 is the same certificate written by
# keytool, which Java sees as one trustedCertEntry.
keytool -importcert -noprompt -alias signer -file signer.pem \
    -storetype PKCS12 -keystore cert-only-jdk.p12 -storepass "$PASS" >/dev/null 2>&1 \
    || die "keytool -importcert cert-only-jdk.p12"

# --- mismatch: cert of one key, PKCS#8 of another --------------------------------------------
new_key "$WORK/mismatch-cert.key" rsa:2048
self_sign "$WORK/mismatch-cert.key" mismatch.pem "$SERIAL_MISMATCH" "/CN=mismatch.example.test$DN_TAIL" rsa_ext
new_key mismatch.key rsa:2048
[[ $(pub_of_cert mismatch.pem) != "$(pub_of_key mismatch.key)" ]] || die "mismatch pair matches"

# --- key sizes and EC -----------------------------------------------------------------------
new_key rsa1024.key rsa:1024
self_sign rsa1024.key rsa1024.pem "$SERIAL_RSA1024" "/CN=rsa1024.example.test$DN_TAIL" rsa_ext
new_key rsa4096.key rsa:4096
self_sign rsa4096.key rsa4096.pem "$SERIAL_RSA4096" "/CN=rsa4096.example.test$DN_TAIL" rsa_ext
new_key ec256.key ec:P-256
self_sign ec256.key ec256.pem "$SERIAL_EC256" "/CN=ec256.example.test$DN_TAIL" ec_ext

# --- checks ----------------------------------------------------------------------------------
for pair in signer.pem:signer-pkcs8.key signer.pem:signer-pkcs1.key itlrecovery.pem:itlrecovery.key \
            rsa1024.pem:rsa1024.key rsa4096.pem:rsa4096.key ec256.pem:ec256.key; do
    [[ $(pub_of_cert "${pair%%:*}") == "$(pub_of_key "${pair#*:}")" ]] || die "$pair do not match"
done
[[ $(openssl pkey -in signer-pkcs8-enc.key -passin "pass:$PASS" -pubout) == "$(pub_of_key signer-pkcs8.key)" ]] \
    || die "signer-pkcs8-enc.key"

for p12 in itlrecovery.p12 itlrecovery-legacy-3des.p12 two-entries.p12 cert-only.p12 cert-only-jdk.p12; do
    openssl pkcs12 -info -noout -in "$p12" -passin "pass:$PASS" 2>/dev/null || die "openssl cannot open $p12"
done
openssl pkcs12 -info -noout -legacy -in itlrecovery-legacy-rc2.p12 -passin "pass:$PASS" 2>/dev/null \
    || die "openssl cannot open itlrecovery-legacy-rc2.p12"
if openssl pkcs12 -info -noout -in itlrecovery-legacy-rc2.p12 -passin "pass:$PASS" >/dev/null 2>&1; then
    die "itlrecovery-legacy-rc2.p12 opened without -legacy: is it really RC2?"
fi

# keytool -list: expected "alias:type" lines per file.
keytool_entries() {
    keytool -list -storetype PKCS12 -storepass "$PASS" -keystore "$1" 2>/dev/null \
        | awk -F', ' '/, (PrivateKeyEntry|trustedCertEntry|SecretKeyEntry), *$/ { print $1 ":" $(NF-1) }' \
        | sort | tr '\n' ' '
}
expect_keytool() {
    local got
    got=$(keytool_entries "$1")
    [[ $got == "$2" ]] || die "keytool -list $1: got '$got', expected '$2'"
    printf 'keytool %-28s %s\n' "$1" "$got"
}
expect_keytool itlrecovery.p12             'itlrecovery:PrivateKeyEntry '
expect_keytool itlrecovery-legacy-rc2.p12  'itlrecovery:PrivateKeyEntry '
expect_keytool itlrecovery-legacy-3des.p12 'itlrecovery:PrivateKeyEntry '
expect_keytool two-entries.p12             'ccm:PrivateKeyEntry tftp:PrivateKeyEntry '
expect_keytool cert-only.p12               ''
expect_keytool cert-only-jdk.p12           'signer:trustedCertEntry '

echo "OK: keys regenerated"
