#!/usr/bin/env bash
# Mints a Lurker API token (RS256 JWT, issuer "lurker") from the private key, with bash and
# openssl only (no build, no running service). Prints the token and nothing else.
#
#   deploy/local/token.sh --role ROLE [--role ROLE2] [--key PATH] [--ttl 1h] [--subject NAME]
#
# ROLE: admin, read or internal (repeat --role or separate with commas for several).
# --key defaults to $LURKER_JWT_PRIVATE_KEY, else run/keys/jwt-private.pem (deploy/local/keys.sh makes it).
# --ttl: seconds, or a number with s, m, h or d (default 1h).
# The token's id (jti) is random; revoke it with DELETE /api/v1/api-tokens/{jti} on auth-service.
set -euo pipefail

usage() {
  echo "usage: $0 --role admin|read|internal [--key PATH] [--ttl 1h] [--subject NAME]" >&2
  exit 2
}

roles=()
key="${LURKER_JWT_PRIVATE_KEY:-run/keys/jwt-private.pem}"
ttl="1h"
subject="lurker-cli"
while [ $# -gt 0 ]; do
  case "$1" in
    --role) [ $# -ge 2 ] || usage; IFS=',' read -r -a more <<< "$2"; roles+=("${more[@]}"); shift 2 ;;
    --role=*) IFS=',' read -r -a more <<< "${1#*=}"; roles+=("${more[@]}"); shift ;;
    --key) [ $# -ge 2 ] || usage; key="$2"; shift 2 ;;
    --key=*) key="${1#*=}"; shift ;;
    --ttl) [ $# -ge 2 ] || usage; ttl="$2"; shift 2 ;;
    --ttl=*) ttl="${1#*=}"; shift ;;
    --subject) [ $# -ge 2 ] || usage; subject="$2"; shift 2 ;;
    --subject=*) subject="${1#*=}"; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

[ ${#roles[@]} -gt 0 ] || { echo "at least one --role is required" >&2; usage; }
for role in "${roles[@]}"; do
  case "$role" in
    admin|read|internal) ;;
    *) echo "unknown role '$role' (admin, read, internal)" >&2; exit 2 ;;
  esac
done
[[ "$subject" =~ ^[A-Za-z0-9_.@:-]{1,100}$ ]] || { echo "subject must be 1-100 characters of [A-Za-z0-9_.@:-]" >&2; exit 2; }
[ -r "$key" ] || { echo "private key not readable: $key (run deploy/local/keys.sh)" >&2; exit 1; }

case "$ttl" in
  *[0-9]s) seconds=${ttl%s} ;;
  *[0-9]m) seconds=$(( ${ttl%m} * 60 )) ;;
  *[0-9]h) seconds=$(( ${ttl%h} * 3600 )) ;;
  *[0-9]d) seconds=$(( ${ttl%d} * 86400 )) ;;
  *[0-9]) seconds=$ttl ;;
  *) echo "ttl must be seconds or a number with s, m, h or d: $ttl" >&2; exit 2 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 60 ] || { echo "ttl must be at least 60 seconds" >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# key id as auth-service computes it: first 16 hex digits of SHA-256 over the public key (DER)
kid=$(openssl pkey -in "$key" -pubout -outform DER 2>/dev/null | openssl dgst -sha256 -hex | sed 's/^.*= //' | cut -c1-16)
[ -n "$kid" ] || { echo "cannot read the private key: $key" >&2; exit 1; }

now=$(date +%s)
exp=$(( now + seconds ))
jti=$(openssl rand -hex 16 | sed -E 's/(.{8})(.{4})(.{4})(.{4})(.{12})/\1-\2-\3-\4-\5/')
groups=$(printf '"%s",' "${roles[@]}")
groups="[${groups%,}]"

header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$kid" | b64url)
payload=$(printf '{"iss":"lurker","sub":"%s","groups":%s,"jti":"%s","iat":%d,"exp":%d}' \
  "$subject" "$groups" "$jti" "$now" "$exp" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
