#!/bin/sh
# Regenerates the key files of the fuzz seeds and of the PBE-limit tests (OpenSSL 3). Password: fuzz.
# The keys are the certutils test vectors' (testdata/vectors/certutils/certs): worthless outside tests.
set -e
C=../../../../../../../../testdata/vectors/certutils/certs
S=../KeyLoaderFuzzTestInputs
K="-inkey $C/sast-rsa1024.key.pem -in $C/sast-rsa1024.crt.pem -name sast -passout pass:fuzz"
openssl pkcs12 -export $K -iter 3000 -out iter3000.p12
openssl pkcs12 -export $K -iter 1000001 -out iter1000001.p12
openssl pkcs8 -topk8 -in $C/sast-rsa1024.key.pem -v2 aes-256-cbc -iter 3000 -passout pass:fuzz -out enc3000.pem
openssl pkcs12 -export $K -iter 1000 -out $S/pkcs12/seed-sast-rsa1024-aes.p12
openssl pkcs12 -export $K -iter 1000 -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 \
    -out $S/pkcs12/seed-sast-rsa1024-3des.p12
openssl pkcs12 -export $K -keypbe NONE -certpbe NONE -nomac -out $S/pkcs12/seed-sast-rsa1024-plain.p12
openssl pkcs12 -export -inkey $C/app-server-ec256.key.pem -in $C/app-server-ec256.crt.pem -name ec \
    -passout pass:fuzz -iter 1000 -out $S/pkcs12/seed-ec256.p12
openssl pkcs12 -export -nokeys -in $C/tftp-rsa2048.crt.pem -passout pass:fuzz -iter 1000 \
    -out $S/pkcs12/seed-certonly.p12
cp $C/sast-rsa1024.pem $S/pem/seed-sast-rsa1024-pkcs8.pem
{ openssl pkcs8 -topk8 -in $C/sast-rsa1024.key.pem -v2 aes-256-cbc -iter 1000 -passout pass:fuzz;
  cat $C/sast-rsa1024.crt.pem; } > $S/pem/seed-sast-rsa1024-enc-pkcs8.pem
{ openssl rsa -in $C/sast-rsa1024.key.pem -aes128 -traditional -passout pass:fuzz;
  cat $C/sast-rsa1024.crt.pem; } > $S/pem/seed-sast-rsa1024-traditional-enc.pem
{ openssl rsa -in $C/sast-rsa1024.key.pem -traditional; cat $C/sast-rsa1024.crt.pem; } > $S/pem/seed-sast-rsa1024-pkcs1.pem
{ openssl ec -in $C/app-server-ec256.key.pem; cat $C/app-server-ec256.crt.pem; } > $S/pem/seed-ec256-sec1.pem
