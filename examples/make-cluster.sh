#!/usr/bin/env bash
# Regenerates examples/cluster/: throwaway self-signed certificates and keys shaped like the
# records of Cisco's `show itl` listing A (see examples/README.md).
#
# Needs only openssl (3.0 or later) and bash. Run from anywhere:
#   ./examples/make-cluster.sh              regenerate every certificate (new keys for all)
#   ./examples/make-cluster.sh NAME...      regenerate only these (test10pub itlrecovery capf tvs-pub tvs-sub);
#                                           the others, their keys and their hashes stay as they are
#
# What is fixed: subjects (DER order CN,OU,O,L,ST,C), serials, validity (2025-01-01 to 2045-01-01,
# UTCTime), extensions, signature algorithm, and therefore every certificate's DER size.
# What is not: the RSA keys are generated fresh on every run, so keys, certificates, hashes and
# the PKCS#12 file change each time. The script asserts the DER sizes and fails if one is off.
set -euo pipefail
cd "$(dirname "$0")"

OUT=cluster
PASS=changeit
# Fixed validity. OpenSSL 3.0 has no -not_before/-not_after for req/x509, so certificates are
# self-signed with `openssl ca -selfsign -startdate/-enddate`, which 3.0 does support.
START=20250101000000Z
END=20450101000000Z

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

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

# CUCM-like CallManager / CAPF / TVS profile. Extensions block = 85 bytes:
# keyUsage 13 + extendedKeyUsage (3 purposes) 41 + subjectKeyIdentifier 31.
[cucm]
keyUsage             = digitalSignature, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign
extendedKeyUsage     = serverAuth, clientAuth, ipsecEndSystem
subjectKeyIdentifier = hash

# ITLRecovery profile. Extensions block = 75 bytes:
# basicConstraints (critical, pathlen 0) 20 + subjectKeyIdentifier 31 + extendedKeyUsage (critical,
# 1 purpose) 24. Its subject (and issuer) is 3 bytes shorter than the others' shape would give, so
# these 6 extra bytes keep the DER at listing A's 692.
[itlrecovery]
basicConstraints     = critical, CA:TRUE, pathlen:0
subjectKeyIdentifier = hash
extendedKeyUsage     = critical, serverAuth
EOF
export WORK

# make_cert NAME BITS SERIAL_HEX SUBJECT EXT_SECTION EXPECTED_DER_SIZE|- EXPECTED_CUCM_NAME_LENGTH
# The CUCM name length is the LENGTH `show itl` prints for SUBJECTNAME/ISSUERNAME: the
# `CN=..;OU=..;O=..;L=..;ST=..;C=..` text plus its NUL.
make_cert() {
    local name=$1 bits=$2 serial=$3 subj=$4 ext=$5 want=$6 want_name=$7
    local cucm_name
    cucm_name=$(printf '%s' "${subj#/}" | tr '/' ';')
    if [[ $(( ${#cucm_name} + 1 )) -ne $want_name ]]; then
        echo "FAIL: $name's CUCM name '$cucm_name' is ${#cucm_name} characters + NUL, expected LENGTH $want_name" >&2
        exit 1
    fi
    selected "$name" || return 0
    rm -rf "$WORK/newcerts" && mkdir "$WORK/newcerts"
    : > "$WORK/index.txt"
    echo "$serial" > "$WORK/serial"
    openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$bits" -out "$OUT/$name.key" 2>/dev/null
    openssl req -new -config "$WORK/openssl.cnf" -key "$OUT/$name.key" -subj "$subj" -out "$WORK/$name.csr"
    openssl ca -batch -config "$WORK/openssl.cnf" -selfsign -keyfile "$OUT/$name.key" \
        -in "$WORK/$name.csr" -preserveDN -notext -md sha256 \
        -startdate "$START" -enddate "$END" -extensions "$ext" \
        -out "$OUT/$name.pem" 2>"$WORK/ca.log" || { cat "$WORK/ca.log" >&2; exit 1; }
    openssl x509 -in "$OUT/$name.pem" -outform DER -out "$OUT/$name.der"
    local got
    got=$(wc -c < "$OUT/$name.der")
    if [[ $want != - && $got -ne $want ]]; then
        echo "FAIL: $name.der is $got bytes, expected $want" >&2
        exit 1
    fi
    local sn
    sn=$(openssl x509 -in "$OUT/$name.pem" -noout -serial | cut -d= -f2)
    if [[ $sn != "$serial" ]]; then
        echo "FAIL: $name serial is $sn, expected $serial" >&2
        exit 1
    fi
    printf '%-12s %4d bytes DER  RSA-%-4s  serial %s  name LENGTH %d\n' "$name" "$got" "$bits" "$serial" \
        "$want_name"
}

ALL=(test10pub itlrecovery capf tvs-pub tvs-sub)
if [[ $# -eq 0 ]]; then
    ONLY=("${ALL[@]}")
    rm -rf "$OUT"
else
    ONLY=("$@")
    for n in "${ONLY[@]}"; do
        [[ " ${ALL[*]} " == *" $n "* ]] || { echo "unknown certificate '$n' (expected: ${ALL[*]})" >&2; exit 2; }
    done
fi
selected() { [[ " ${ONLY[*]} " == *" $1 "* ]]; }
mkdir -p "$OUT"

# Name lengths as listing A/B print them: 57 for the test10pub/test10sub names, 49 for the CAPF, and 66
# for ITLRecovery (listing B's SIGNERNAME LENGTH and record 5's 1141 need 65 characters + NUL; the
# 68-character text Cisco's page shows cannot have LENGTH 66, so the example uses a 65-character name).
DN_TAIL="/OU=tac/O=cisco/L=rtp/ST=nc/C=US"
make_cert test10pub   1024 614052E91EE97C779B7B5E810AB146A5 "/CN=test10pub.joemar2.lab$DN_TAIL"          cucm        684 57
make_cert itlrecovery 1024 6E3F65C297B3E01FE74281AB52CC55DC "/CN=ITLRECOVERY_test10pub.joe2.lab$DN_TAIL" itlrecovery 692 66
make_cert capf        1024 42BF37779B16AF1CD23088C217249DAA "/CN=CAPF-75638ad9$DN_TAIL"                  cucm        -   49
make_cert tvs-pub     1024 765984D8B730606336E5C7B6A7DDB9D6 "/CN=test10pub.joemar2.lab$DN_TAIL"          cucm        -   57
make_cert tvs-sub     2048 67D1A19EF8AB91E6C0A610352630EE02 "/CN=test10sub.joemar2.lab$DN_TAIL"          cucm        -   57

# ITLRecovery.p12 as CUCM would hand it out (`file get tftp ITLRecovery.p12`): one key entry.
# OpenSSL 3 default encryption (AES-256-CBC, PBKDF2/HMAC-SHA256, SHA-256 MAC).
if selected itlrecovery; then
    printf '%s' "$PASS" > "$OUT/ITLRecovery.pass"   # no trailing newline
    openssl pkcs12 -export -inkey "$OUT/itlrecovery.key" -in "$OUT/itlrecovery.pem" \
        -name itlrecovery -passout "file:$OUT/ITLRecovery.pass" -out "$OUT/ITLRecovery.p12"
    openssl pkcs12 -info -noout -in "$OUT/ITLRecovery.p12" -passin "file:$OUT/ITLRecovery.pass" 2>/dev/null
fi

# SHA-1 over the DER, as `show itl` prints it for CERTIFICATE / CERTHASH.
(cd "$OUT" && for f in test10pub itlrecovery capf tvs-pub tvs-sub; do
    printf '%s  %s.der\n' "$(openssl dgst -sha1 -r "$f.der" | cut -d' ' -f1)" "$f"
done) > "$OUT/SHA1SUMS"
cat "$OUT/SHA1SUMS"
echo "OK: $OUT/ regenerated (${ONLY[*]})"
