#!/usr/bin/env bash
# Makes the certificates of the TLS tests in DIR (made for the test, valid one day, never trusted elsewhere):
#   ca.pem/ca.key            the test CA that signs the server's and the client's certificates
#   server.pem/server.key    the proxy's certificate, for the name temporal.scale-out.test only (no IP):
#                            clients must say --temporal-server-name temporal.scale-out.test
#   client.pem/client.key    the mTLS client certificate the proxy requires
#   other-ca.pem             a CA that signed nothing here ("wrong CA")
# Usage: scripts/scale-out/make-certs.sh DIR
set -euo pipefail
dir="${1:?usage: make-certs.sh DIR}"
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1 || { echo "make-certs: failed: $*" >&2; "$@"; exit 1; }; }

quiet openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=durable-agent test CA" \
  -keyout ca.key -out ca.pem -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign"
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=some other CA" \
  -keyout other-ca.key -out other-ca.pem -addext "basicConstraints=critical,CA:TRUE"

sign() { # name subject extensions
  quiet openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr"
  printf '%s\n' "$3" >"$1.ext"
  quiet openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -out "$1.pem" -extfile "$1.ext"
  rm -f "$1.csr" "$1.ext"
}
sign server "/CN=temporal.scale-out.test" \
  "subjectAltName=DNS:temporal.scale-out.test
extendedKeyUsage=serverAuth"
sign client "/CN=durable-agent test client" "extendedKeyUsage=clientAuth"
chmod 600 ./*.key
echo "$dir"
