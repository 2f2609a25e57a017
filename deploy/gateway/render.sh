#!/usr/bin/env bash
# Renders the gateway's nginx configuration for a run outside containers.
#   deploy/gateway/render.sh OUT_DIR     -> OUT_DIR/nginx.conf (main) + OUT_DIR/lurker.conf (server)
# then: nginx -p OUT_DIR -c OUT_DIR/nginx.conf
# Every address, port and limit comes from the environment (defaults: DESIGN.md's local ports).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=${1:?usage: render.sh OUT_DIR}
mkdir -p "$out"
out="$(cd "$out" && pwd)"

export LURKER_GATEWAY_PORT=${LURKER_GATEWAY_PORT:-8080}
export LURKER_AUTH_UPSTREAM=${LURKER_AUTH_UPSTREAM:-127.0.0.1:8081}
export LURKER_HELIX_UPSTREAM=${LURKER_HELIX_UPSTREAM:-127.0.0.1:8082}
export LURKER_GQL_UPSTREAM=${LURKER_GQL_UPSTREAM:-127.0.0.1:8083}
export LURKER_INTEGRITY_UPSTREAM=${LURKER_INTEGRITY_UPSTREAM:-127.0.0.1:8084}
export LURKER_CHAT_UPSTREAM=${LURKER_CHAT_UPSTREAM:-127.0.0.1:8085}
export LURKER_ANALYTICS_UPSTREAM=${LURKER_ANALYTICS_UPSTREAM:-127.0.0.1:8086}
export LURKER_GATEWAY_MAX_BODY=${LURKER_GATEWAY_MAX_BODY:-1m}
export LURKER_GATEWAY_CHAT_MAX_BODY=${LURKER_GATEWAY_CHAT_MAX_BODY:-33m}
export LURKER_GATEWAY_READ_TIMEOUT=${LURKER_GATEWAY_READ_TIMEOUT:-60s}
export LURKER_GATEWAY_COLLECTOR_TIMEOUT=${LURKER_GATEWAY_COLLECTOR_TIMEOUT:-300s}
export LURKER_GATEWAY_STATIC=${LURKER_GATEWAY_STATIC:-$(cd "$here/../.." && pwd)/deploy/target/gateway}
export LURKER_GATEWAY_ACCESS_LOG=${LURKER_GATEWAY_ACCESS_LOG:-$out/access.log}
export LURKER_GATEWAY_DAEMON=${LURKER_GATEWAY_DAEMON:-on}
export LURKER_GATEWAY_RUN_DIR=$out
# a root master would hand the workers to "nobody", who cannot write the run folder
if [ "$(id -u)" = 0 ]; then export LURKER_GATEWAY_USER_LINE="user root;"; else export LURKER_GATEWAY_USER_LINE=""; fi

if [ ! -f "$LURKER_GATEWAY_STATIC/swagger-ui/index.html" ]; then
  echo "render.sh: no Swagger UI in $LURKER_GATEWAY_STATIC (build it: ./mvnw -q -B -pl deploy generate-resources)" >&2
  exit 1
fi

vars='${LURKER_GATEWAY_PORT} ${LURKER_AUTH_UPSTREAM} ${LURKER_HELIX_UPSTREAM} ${LURKER_GQL_UPSTREAM}
${LURKER_INTEGRITY_UPSTREAM} ${LURKER_CHAT_UPSTREAM} ${LURKER_ANALYTICS_UPSTREAM} ${LURKER_GATEWAY_MAX_BODY}
${LURKER_GATEWAY_CHAT_MAX_BODY} ${LURKER_GATEWAY_READ_TIMEOUT} ${LURKER_GATEWAY_COLLECTOR_TIMEOUT}
${LURKER_GATEWAY_STATIC} ${LURKER_GATEWAY_ACCESS_LOG} ${LURKER_GATEWAY_DAEMON} ${LURKER_GATEWAY_RUN_DIR}
${LURKER_GATEWAY_USER_LINE}'
mkdir -p "$out"/client_body "$out"/proxy "$out"/fastcgi "$out"/uwsgi "$out"/scgi
envsubst "$vars" < "$here/templates/lurker.conf.template" > "$out/lurker.conf"
envsubst "$vars" < "$here/nginx.conf.template" > "$out/nginx.conf"
echo "$out/nginx.conf"
