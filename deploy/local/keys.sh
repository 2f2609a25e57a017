#!/usr/bin/env bash
# Generates the RS256 key pair of Lurker API tokens in DIR (default run/keys/) unless it exists:
#   DIR/jwt-private.pem  PKCS#8 RSA 2048 private key (auth-service and token.sh sign with it; mode 600)
#   DIR/jwt-public.pem   its public key (every service verifies with it)
# Prints the directory. Never overwrites an existing key; see auth-service/README.md for rotation.
set -euo pipefail

dir="${1:-run/keys}"
private="$dir/jwt-private.pem"
public="$dir/jwt-public.pem"

mkdir -p "$dir"
if [ -e "$private" ]; then
  if [ ! -e "$public" ]; then
    openssl pkey -in "$private" -pubout -out "$public"
  fi
  echo "$dir"
  exit 0
fi
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private.tmp" 2>/dev/null
mv "$private.tmp" "$private"
openssl pkey -in "$private" -pubout -out "$public"
chmod 644 "$public"
echo "$dir"
