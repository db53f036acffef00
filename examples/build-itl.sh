#!/usr/bin/env bash
# Builds the example trust lists from the throwaway test cluster in cluster/ (see README.md):
#   ITLFile.tlv        an ITL shaped like Cisco's `show itl` listing A: CUCM layout, SHA-1, signed by
#                      test10pub's 1024-bit CallManager key, six records in listing A's order, TIMESTAMP
#                      of listing A (Wed Feb 26 10:24:27 PST 2014)
#   ITLFile-reset.tlv  the same ITL after `utils itl reset`, as in listing B: every record kept byte for
#                      byte, re-signed by the ITLRecovery key from ITLRecovery.p12 (TIMESTAMP of listing B,
#                      Wed Feb 26 10:34:46 PST 2014)
# Then shows and verifies both. RSA PKCS#1 v1.5 signatures are deterministic, so with the keys in
# cluster/ the two files come out byte for byte the same on every run.
#
# Needs a JDK 17+ and Maven (the ../itl launcher builds the CLI on first use). Run from anywhere:
#   ./examples/build-itl.sh
# ITL=/path/to/itl overrides the launcher.
set -euo pipefail
cd "$(dirname "$0")"
ITL=${ITL:-../itl}
C=cluster

# Listing A's records, in its order: SAST test10pub, TFTP test10pub, CAPF (hash record), TVS test10pub
# (hash record), SAST ITLRecovery, TVS test10sub (hash record, 2048-bit). --force: replace the checked-in file
# (`build` refuses to replace an existing file otherwise; the signer is a SAST record, which `verify` below checks).
"$ITL" build -o ITLFile.tlv --force \
    --key "$C/test10pub.key" --cert "$C/test10pub.pem" \
    --sast "$C/test10pub.pem" \
    --tftp "$C/test10pub.pem" \
    --capf "$C/capf.pem" \
    --tvs "$C/tvs-pub.pem" \
    --sast "$C/itlrecovery.pem" \
    --tvs "$C/tvs-sub.pem" \
    --hash CAPF --hash TVS \
    --layout cucm --digest sha1 --file-name ITLFile.tlv \
    --timestamp 2014-02-26T18:24:27Z

# `utils itl reset localkey` on CUCM 10.x (listing B): the ITLRecovery key signs.
"$ITL" reset ITLFile.tlv -o ITLFile-reset.tlv \
    --p12 "$C/ITLRecovery.p12" --password-file "$C/ITLRecovery.pass" \
    --timestamp 2014-02-26T18:34:46Z

"$ITL" show ITLFile.tlv ITLFile-reset.tlv
# The reset file is trusted by a phone that holds ITLFile.tlv: its signer is that file's second SAST record.
"$ITL" verify ITLFile.tlv
"$ITL" verify --trust ITLFile.tlv ITLFile-reset.tlv
