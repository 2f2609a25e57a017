#!/usr/bin/env bash
# Runs the whole suite on this machine without containers (sourced by ./lurker):
# every service as `java -jar <module>/target/quarkus-app/quarkus-run.jar`, the emulator unless
# TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET are set, and Debian's nginx with the rendered gateway
# configuration. Logs, pids, keys and the gateway's files live in the run folder (run/).
#
# Environment (all optional):
#   LURKER_RUN_DIR         run folder (default: run/ at the repository root)
#   LURKER_JAVA_OPTS       JVM options of every service (default: -Xmx512m -XX:+UseSerialGC ...)
#   LURKER_UP_TIMEOUT      seconds to wait for readiness (default 240)
#   LURKER_EMULATOR_SIZE   tiny|small|default|large (default: default), LURKER_EMULATOR_SEED (42)
#   LURKER_GQL_ENABLED     true to switch on gql-gateway's GraphQL and integrity capture (default false)
#   PGDATABASE             analytics database (default lurker, created when missing)
#   LURKER_EVENTS_EXCHANGE exchange on RabbitMQ (default lurker.events)
#   TWITCH_CLIENT_ID / TWITCH_CLIENT_SECRET   real Twitch instead of the emulator

LURKER_RUN_DIR=${LURKER_RUN_DIR:-$LURKER_HOME/run}
LURKER_SERVICES=(auth-service helix-gateway gql-gateway integrity-service chat-ingest analytics-service)
LURKER_KEYS_SH=${LURKER_KEYS_SH:-$LURKER_HOME/deploy/local/keys.sh}
LURKER_TOKEN_SH=${LURKER_TOKEN_SH:-$LURKER_HOME/deploy/local/token.sh}

# DESIGN.md's ports, all moved by LURKER_PORT_OFFSET (default 0) so that a second suite can run
lurker_port() {
  local p
  case "$1" in
    gateway) p=8080 ;;
    auth-service) p=8081 ;;
    helix-gateway) p=8082 ;;
    gql-gateway) p=8083 ;;
    integrity-service) p=8084 ;;
    chat-ingest) p=8085 ;;
    analytics-service) p=8086 ;;
    twitch-emulator) p=8090 ;;
    emulator-irc) p=6667 ;;
    *) return 1 ;;
  esac
  echo $((p + ${LURKER_PORT_OFFSET:-0}))
}

# short names accepted by `logs`: auth, helix, gql, integrity, chat, analytics, emulator, gateway
lurker_part_name() {
  case "$1" in
    auth|auth-service) echo auth-service ;;
    helix|helix-gateway) echo helix-gateway ;;
    gql|gql-gateway) echo gql-gateway ;;
    integrity|integrity-service) echo integrity-service ;;
    chat|chat-ingest) echo chat-ingest ;;
    analytics|analytics-service) echo analytics-service ;;
    emulator|twitch-emulator) echo twitch-emulator ;;
    gateway|nginx) echo gateway ;;
    *) return 1 ;;
  esac
}

lurker_real_twitch() { [ -n "${TWITCH_CLIENT_ID:-}" ] && [ -n "${TWITCH_CLIENT_SECRET:-}" ]; }

lurker_parts() { # the parts of this run, in start order
  if [ -f "$LURKER_RUN_DIR/parts" ]; then cat "$LURKER_RUN_DIR/parts"; return; fi
  lurker_real_twitch || echo twitch-emulator
  printf '%s\n' "${LURKER_SERVICES[@]}"
  echo gateway
}

lurker_pid_of() { # part -> pid when running
  local f="$LURKER_RUN_DIR/pids/$1.pid" pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

lurker_any_running() {
  local f
  for f in "$LURKER_RUN_DIR"/pids/*.pid; do
    [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && return 0
  done
  return 1
}

lurker_health_url() {
  local port; port=$(lurker_port "$1")
  if [ "$1" = gateway ]; then echo "http://127.0.0.1:$port/healthz"; else echo "http://127.0.0.1:$port/q/health/ready"; fi
}

lurker_ready() { # part -> 0 when its readiness check answers 200
  [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$(lurker_health_url "$1")" 2>/dev/null)" = 200 ]
}

lurker_rss_mb() { # pid -> resident memory in MB
  awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null
}

# ---------------------------------------------------------------- build

lurker_build_missing() {
  local missing=() m
  for m in "$@"; do
    if [ "$m" = deploy ]; then
      [ -f deploy/target/gateway/swagger-ui/index.html ] || missing+=(deploy)
    elif [ ! -f "$m/target/quarkus-app/quarkus-run.jar" ]; then
      missing+=("$m")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "lurker: building ${missing[*]} (./mvnw package -DskipTests; a few minutes the first time)"
  (IFS=,; ./mvnw -q -B -DskipTests -pl "${missing[*]}" -am package) || {
    echo "lurker: the build failed; run: ./mvnw -B -DskipTests -pl $(IFS=,; echo "${missing[*]}") -am package" >&2
    return 1
  }
}

# ---------------------------------------------------------------- keys and tokens

lurker_keys() {
  if [ ! -x "$LURKER_KEYS_SH" ]; then
    echo "lurker: $LURKER_KEYS_SH is missing (it comes with auth-service); cannot create the JWT keys in $LURKER_RUN_DIR/keys" >&2
    return 1
  fi
  "$LURKER_KEYS_SH" "$LURKER_RUN_DIR/keys" >/dev/null || {
    echo "lurker: $LURKER_KEYS_SH $LURKER_RUN_DIR/keys failed" >&2
    return 1
  }
  [ -f "$LURKER_RUN_DIR/keys/jwt-private.pem" ] && [ -f "$LURKER_RUN_DIR/keys/jwt-public.pem" ] || {
    echo "lurker: $LURKER_KEYS_SH did not write jwt-private.pem and jwt-public.pem in $LURKER_RUN_DIR/keys" >&2
    return 1
  }
  # the token pool's encryption key for this machine's run (kept with the JWT keys, never printed)
  if [ ! -f "$LURKER_RUN_DIR/keys/token-pool.key" ]; then
    (umask 077; openssl rand -base64 32 > "$LURKER_RUN_DIR/keys/token-pool.key")
  fi
}

lurker_token() { # token.sh arguments...
  if [ ! -x "$LURKER_TOKEN_SH" ]; then
    echo "lurker: $LURKER_TOKEN_SH is missing (it comes with auth-service); cannot mint Lurker API tokens" >&2
    return 1
  fi
  local has_key=
  for a in "$@"; do [ "$a" = --key ] && has_key=1; done
  if [ -z "$has_key" ] && [ -f "$LURKER_RUN_DIR/keys/jwt-private.pem" ]; then
    "$LURKER_TOKEN_SH" --key "$LURKER_RUN_DIR/keys/jwt-private.pem" "$@"
  else
    "$LURKER_TOKEN_SH" "$@"
  fi
}

# one token per service (roles internal and read), minted at `up` and kept in the run folder
lurker_service_tokens() {
  local svc var tok
  mkdir -p "$LURKER_RUN_DIR/tokens"
  for svc in "${LURKER_SERVICES[@]}"; do
    tok=$(lurker_token --role internal --role read --ttl 720h --subject "$svc") || return 1
    [ -n "$tok" ] || { echo "lurker: token.sh printed no token for $svc" >&2; return 1; }
    (umask 077; printf '%s' "$tok" > "$LURKER_RUN_DIR/tokens/$svc")
  done
  tok=$(lurker_token --role admin --role read --ttl 720h --subject lurker-cli) || return 1
  (umask 077; printf '%s' "$tok" > "$LURKER_RUN_DIR/tokens/admin")
}

# ---------------------------------------------------------------- environment of each part

lurker_common_env() { # KEY=VALUE lines every service gets
  local keys="$LURKER_RUN_DIR/keys" e="http://127.0.0.1:$(lurker_port twitch-emulator)"
  local helix="http://127.0.0.1:$(lurker_port helix-gateway)" analytics="http://127.0.0.1:$(lurker_port analytics-service)"
  cat <<ENV
LURKER_JWT_PUBLIC_KEY=$keys/jwt-public.pem
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGDATABASE=${PGDATABASE:-lurker}
PGUSER=${PGUSER:-postgres}
RABBITMQ_HOST=${RABBITMQ_HOST:-127.0.0.1}
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
LURKER_EVENTS_EXCHANGE=${LURKER_EVENTS_EXCHANGE:-lurker.events}
LURKER_TOKEN_POOL_ENCRYPTION_KEYS_LOCAL=$(cat "$keys/token-pool.key")
LURKER_TOKEN_POOL_ENCRYPTION_ACTIVE_KEY=local
HELIX_GATEWAY_URL=$helix
LURKER_ANALYTICS_HELIX_GATEWAY_URL=$helix
ANALYTICS_URL=$analytics
LURKER_ANALYTICS_URL=$analytics
LURKER_HELIX_WATCHLIST_ANALYTICS_URL=$analytics
LURKER_ANALYTICS_URL=$analytics
LURKER_GQL_INTEGRITY_URL=http://127.0.0.1:$(lurker_port integrity-service)
LURKER_GQL_ENABLED=${LURKER_GQL_ENABLED:-false}
LURKER_INTEGRITY_ENABLED=${LURKER_GQL_ENABLED:-false}
LURKER_CHAT_SPOOL_DIR=$LURKER_RUN_DIR/chat-spool
ENV
  if lurker_real_twitch; then
    echo "TWITCH_CLIENT_ID=$TWITCH_CLIENT_ID"
  else
    # the emulator's development application (its secret protects nothing but the emulator)
    cat <<ENV
TWITCH_CLIENT_ID=lurker-dev-client
TWITCH_CLIENT_SECRET=lurker-dev-secret
LURKER_TWITCH_ID_URL=$e/oauth2
LURKER_TWITCH_HELIX_URL=$e/helix
LURKER_TWITCH_GQL_URL=$e/gql
LURKER_TWITCH_WEB_URL=$e/web
LURKER_TWITCH_BTTV_URL=$e/bttv/3
LURKER_TWITCH_FFZ_URL=$e/ffz/v1
LURKER_TWITCH_SEVENTV_URL=$e/7tv/v3
LURKER_TWITCH_IRC_HOST=127.0.0.1
LURKER_TWITCH_IRC_PORT=$(lurker_port emulator-irc)
LURKER_TWITCH_IRC_TLS=false
LURKER_GQL_CLIENT_ID=lurker-emulator-web-client
ENV
  fi
}

lurker_service_env() { # service -> KEY=VALUE lines of its own
  local tokfile="$LURKER_RUN_DIR/tokens/$1" var
  case "$1" in
    auth-service) var=AUTH ;; helix-gateway) var=HELIX ;; gql-gateway) var=GQL ;;
    integrity-service) var=INTEGRITY ;; chat-ingest) var=CHAT ;; analytics-service) var=ANALYTICS ;;
  esac
  [ -f "$tokfile" ] && echo "LURKER_${var}_SERVICE_TOKEN=$(cat "$tokfile")"
  if [ "$1" = auth-service ]; then
    echo "LURKER_JWT_PRIVATE_KEY=$LURKER_RUN_DIR/keys/jwt-private.pem"
    lurker_real_twitch && echo "TWITCH_CLIENT_SECRET=$TWITCH_CLIENT_SECRET"
  fi
  return 0
}

# ---------------------------------------------------------------- start / stop

lurker_start_java() { # part
  local part=$1 jar port log envfile
  port=$(lurker_port "$part")
  jar="$LURKER_HOME/$part/target/quarkus-app/quarkus-run.jar"
  log="$LURKER_RUN_DIR/logs/$part.log"
  envfile="$LURKER_RUN_DIR/env/$part.env"
  local -a props=("-Dquarkus.http.port=$port" "-Dquarkus.http.host=127.0.0.1")
  if [ "$part" = twitch-emulator ]; then
    props+=("-Dlurker.emulator.size=${LURKER_EMULATOR_SIZE:-default}" "-Dlurker.emulator.seed=${LURKER_EMULATOR_SEED:-42}"
      "-Dlurker.emulator.irc.port=$(lurker_port emulator-irc)" "-Dlurker.emulator.irc.tls-port=$((6697 + ${LURKER_PORT_OFFSET:-0}))")
    [ -n "${LURKER_EMULATOR_ADMIN_KEY:-}" ] && props+=("-Dlurker.emulator.admin-key=$LURKER_EMULATOR_ADMIN_KEY")
    : > "$envfile"
  else
    (umask 077; { lurker_common_env; lurker_service_env "$part"; } > "$envfile")
  fi
  # shellcheck disable=SC2086
  (
    set -a
    . "$envfile"
    set +a
    cd "$LURKER_RUN_DIR/work/$part"
    exec setsid java ${LURKER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k} \
      "${props[@]}" -jar "$jar" >>"$log" 2>&1 </dev/null
  ) &
  echo $! > "$LURKER_RUN_DIR/pids/$part.pid"
}

lurker_start_gateway() {
  local out="$LURKER_RUN_DIR/gateway"
  LURKER_GATEWAY_PORT=$(lurker_port gateway) \
    LURKER_AUTH_UPSTREAM=127.0.0.1:$(lurker_port auth-service) LURKER_HELIX_UPSTREAM=127.0.0.1:$(lurker_port helix-gateway) \
    LURKER_GQL_UPSTREAM=127.0.0.1:$(lurker_port gql-gateway) LURKER_INTEGRITY_UPSTREAM=127.0.0.1:$(lurker_port integrity-service) \
    LURKER_CHAT_UPSTREAM=127.0.0.1:$(lurker_port chat-ingest) LURKER_ANALYTICS_UPSTREAM=127.0.0.1:$(lurker_port analytics-service) \
    LURKER_GATEWAY_STATIC="$LURKER_HOME/deploy/target/gateway" LURKER_GATEWAY_DAEMON=off \
    LURKER_GATEWAY_ACCESS_LOG="$LURKER_RUN_DIR/logs/gateway-access.log" \
    "$LURKER_HOME/deploy/gateway/render.sh" "$out" >/dev/null || return 1
  /usr/sbin/nginx -t -q -p "$out" -c "$out/nginx.conf" 2>>"$LURKER_RUN_DIR/logs/gateway.log" || {
    echo "lurker: the rendered gateway configuration is refused by nginx; see $LURKER_RUN_DIR/logs/gateway.log" >&2
    return 1
  }
  (exec setsid /usr/sbin/nginx -p "$out" -c "$out/nginx.conf" >>"$LURKER_RUN_DIR/logs/gateway.log" 2>&1 </dev/null) &
  echo $! > "$LURKER_RUN_DIR/pids/gateway.pid"
}

lurker_start() { # part
  local part=$1 port pid
  port=$(lurker_port "$part")
  if pid=$(lurker_pid_of "$part"); then
    echo "lurker: $part is already running (pid $pid)"
    return 0
  fi
  if lurker_port_open "$port"; then
    echo "lurker: port $port (for $part) is taken by another program; stop it or run ./lurker down first" >&2
    return 1
  fi
  mkdir -p "$LURKER_RUN_DIR/work/$part"
  echo "lurker: starting $part on :$port (log: ${LURKER_RUN_DIR#"$LURKER_HOME"/}/logs/$part.log)"
  if [ "$part" = gateway ]; then lurker_start_gateway; else lurker_start_java "$part"; fi
}

lurker_wait_ready() { # parts... ; prints progress, fails when a part dies or the time is up
  local timeout=${LURKER_UP_TIMEOUT:-240} start now waiting part pid last_report=0
  local -A ready_parts=()
  start=$(date +%s)
  while :; do
    waiting=()
    for part in "$@"; do
      [ -n "${ready_parts[$part]:-}" ] && continue
      if ! pid=$(lurker_pid_of "$part"); then
        echo "lurker: $part stopped while starting; last lines of its log:" >&2
        tail -n 25 "$LURKER_RUN_DIR/logs/$part.log" >&2 2>/dev/null
        echo "lurker: see ./lurker logs $part; ./lurker down stops the rest" >&2
        return 1
      fi
      if lurker_ready "$part"; then
        ready_parts[$part]=1
        now=$(date +%s)
        printf 'lurker:   ready  %-18s %3ss  %5s MB\n' "$part" "$((now - start))" "$(lurker_rss_mb "$pid")"
      else
        waiting+=("$part")
      fi
    done
    [ ${#waiting[@]} -eq 0 ] && return 0
    now=$(date +%s)
    if [ $((now - start)) -ge "$timeout" ]; then
      echo "lurker: not ready after ${timeout}s: ${waiting[*]} (./lurker logs ${waiting[0]})" >&2
      return 1
    fi
    if [ $((now - last_report)) -ge 10 ]; then
      echo "lurker:   waiting for ${waiting[*]} ($((now - start))s)"
      last_report=$now
    fi
    sleep 1
  done
}

lurker_up() {
  local parts=() part modules=()
  lurker_ensure_runtime || return 1
  lurker_ensure_database "${PGDATABASE:-lurker}" || return 1
  mkdir -p "$LURKER_RUN_DIR"/{pids,logs,env,work,keys,tokens,chat-spool}
  # the parts of a new run follow TWITCH_CLIENT_ID; a run that is partly up keeps its own
  lurker_any_running || rm -f "$LURKER_RUN_DIR/parts"
  mapfile -t parts < <(lurker_parts)
  printf '%s\n' "${parts[@]}" > "$LURKER_RUN_DIR/parts"
  for part in "${parts[@]}"; do [ "$part" = gateway ] || modules+=("$part"); done
  lurker_build_missing "${modules[@]}" deploy || return 1
  lurker_keys || return 1
  lurker_service_tokens || return 1
  if lurker_real_twitch; then
    echo "lurker: using real Twitch (TWITCH_CLIENT_ID is set)"
  else
    lurker_start twitch-emulator || return 1
    lurker_wait_ready twitch-emulator || return 1
  fi
  for part in "${parts[@]}"; do
    [ "$part" = twitch-emulator ] && continue
    lurker_start "$part" || return 1
  done
  echo "lurker: waiting for readiness (/q/health/ready) of ${#parts[@]} parts"
  lurker_wait_ready "${parts[@]}" || return 1
  echo "lurker: up. Gateway http://127.0.0.1:$(lurker_port gateway)/  Swagger UI http://127.0.0.1:$(lurker_port gateway)/swagger-ui/  dashboard http://127.0.0.1:$(lurker_port gateway)/dashboard/"
  echo "lurker: an admin token: ./lurker token --role admin   stop everything: ./lurker down"
}

lurker_stop() { # part
  local part=$1 pid i
  pid=$(lurker_pid_of "$part") || { rm -f "$LURKER_RUN_DIR/pids/$part.pid"; return 0; }
  if [ "$part" = gateway ]; then
    kill -QUIT "$pid" 2>/dev/null
  else
    kill -TERM "$pid" 2>/dev/null
  fi
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "lurker: $part (pid $pid) did not stop in 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null
    sleep 0.5
  fi
  # nginx workers and anything else the part started share its process group (setsid)
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$LURKER_RUN_DIR/pids/$part.pid"
  echo "lurker: stopped $part"
}

lurker_down() {
  local parts=() i stopped=0
  [ -d "$LURKER_RUN_DIR/pids" ] || { echo "lurker: nothing is running"; return 0; }
  mapfile -t parts < <(lurker_parts)
  # reverse start order: the gateway first, the emulator last
  for ((i = ${#parts[@]} - 1; i >= 0; i--)); do
    if lurker_pid_of "${parts[$i]}" >/dev/null; then lurker_stop "${parts[$i]}"; stopped=$((stopped + 1)); fi
    rm -f "$LURKER_RUN_DIR/pids/${parts[$i]}.pid"
  done
  [ "$stopped" -eq 0 ] && echo "lurker: nothing is running"
  return 0
}

lurker_status() {
  local parts=() part pid health rss running=0
  mapfile -t parts < <(lurker_parts)
  printf '%-18s %-6s %-8s %-8s %8s  %s\n' PART PORT PID HEALTH RSS_MB URL
  for part in "${parts[@]}"; do
    if pid=$(lurker_pid_of "$part"); then
      running=$((running + 1))
      if lurker_ready "$part"; then health=UP; else health=DOWN; fi
      rss=$(lurker_rss_mb "$pid")
      if [ "$part" = gateway ]; then # the master and its workers
        rss=$(ps -o rss= --ppid "$pid" | awk -v m="$(lurker_rss_mb "$pid")" '{ s += $1 } END { printf "%d", m + s / 1024 }')
      fi
    else
      pid=- health=STOPPED rss=-
    fi
    printf '%-18s %-6s %-8s %-8s %8s  %s\n' "$part" "$(lurker_port "$part")" "$pid" "$health" "$rss" "$(lurker_health_url "$part")"
  done
  [ "$running" -gt 0 ]
}

lurker_logs() { # part [-f]
  local part
  part=$(lurker_part_name "${1:-}") || {
    echo "lurker: logs needs a part: auth, helix, gql, integrity, chat, analytics, emulator, gateway" >&2
    return 2
  }
  local log="$LURKER_RUN_DIR/logs/$part.log"
  [ -f "$log" ] || { echo "lurker: no log for $part yet ($log)" >&2; return 1; }
  if [ "${2:-}" = -f ]; then exec tail -n 100 -F "$log"; else tail -n "${LURKER_LOG_LINES:-200}" "$log"; fi
}
