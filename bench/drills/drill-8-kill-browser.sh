#!/usr/bin/env bash
# Drill 8: the integrity browser killed during capture.
#
# Runs the packaged twitch-emulator, integrity-service and (DRILL8_GQL=1, default) gql-gateway,
# then DRILL8_KILLS times: asks integrity-service for a fresh capture, and `kill -9`s the whole
# Chromium process tree under integrity-service's JVM in the middle of it — odd attempts while the
# page waits for its integrity token (the emulator holds /integrity for DRILL8_HOLD_MS), even
# attempts at a random moment 0-DRILL8_MAX_DELAY_MS after the browser appeared. For each kill it
# records what the token API answered (503 problem+json with Retry-After, no stack trace), how
# long until a fresh capture served a token again (recovery), what gql-gateway's guarded call
# answered meanwhile, and what was left: processes of the killed browser (its temporary profile),
# zombies under the service, browsers still running after the capture.
#
#   bench/drills/drill-8-kill-browser.sh            # DRILL8_KILLS=10 DRILL8_HOLD_MS=8000 DRILL8_MAX_DELAY_MS=2500
#
# Self-contained: free ports, its own keys and Redis key prefix on the Redis at DRILL8_REDIS
# (default redis://127.0.0.1:6379; its keys are deleted at the end), its own RabbitMQ exchange name
# for gql-gateway (not durable). Prints a summary and saves it in bench/target/drills/drill-8.out
# (the services' logs in bench/target/drills/drill-8-logs/);
# exits non-zero when a kill was not recovered from, left a process behind or got a bad answer.
set -eu
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

KILLS=${DRILL8_KILLS:-10}
HOLD_MS=${DRILL8_HOLD_MS:-8000}
MAX_DELAY_MS=${DRILL8_MAX_DELAY_MS:-2500}
WITH_GQL=${DRILL8_GQL:-1}
REDIS=${DRILL8_REDIS:-redis://127.0.0.1:6379}
OUT=bench/target/drills
ID=drill8-$(date +%s)-$$
WORK=$(mktemp -d "/tmp/lurker-$ID.XXXX")
mkdir -p "$OUT" "$WORK/keys" "$WORK/logs"
PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# pids of every descendant of $1
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      want[root] = 1; changed = 1
      while (changed) { changed = 0
        for (i in pids) { p = pids[i]; if (!(p in want) && (parent[p] in want)) { want[p] = 1; changed = 1 } } }
      for (p in want) if (p != root) print p
    }'
}

# chromium processes (any --type) under $1
chromium_under() {
  local p
  for p in $(descendants "$1"); do
    if tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep 'chrom' >/dev/null; then
      [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" = Z ] || echo "$p"
    fi
  done
}

zombies_under() {
  local p n=0
  for p in $(descendants "$1"); do
    [ "$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1)" = Z ] && n=$((n + 1))
  done
  echo "$n"
}

# live processes of the whole machine whose command line names $1 (the killed browser's profile)
mentioning() {
  local p n=0
  for p in /proc/[0-9]*; do
    if tr '\0' ' ' 2>/dev/null < "$p/cmdline" | grep -F -- "$1" >/dev/null; then
      [ "$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -c1)" = Z ] || n=$((n + 1))
    fi
  done
  echo "$n"
}

cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$REDIS" --scan --pattern "lurker-$ID:*" | xargs -r redis-cli -u "$REDIS" del >/dev/null || true
  fi
  # keep the services' logs next to the summary, drop the rest (keys included)
  if [ -d "$WORK/logs" ]; then rm -rf "$OUT/drill-8-logs"; cp -r "$WORK/logs" "$OUT/drill-8-logs"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- build and start
modules=twitch-emulator,integrity-service
[ "$WITH_GQL" = 1 ] && modules=$modules,gql-gateway
for m in ${modules//,/ }; do
  if [ ! -f "$m/target/quarkus-app/quarkus-run.jar" ] || [ -n "${DRILL_REBUILD:-}" ]; then
    log "building $modules"
    ./mvnw -B -q package -DskipTests -pl "$modules" -am
    break
  fi
done

deploy/local/keys.sh "$WORK/keys" >/dev/null
openssl rand -base64 32 > "$WORK/keys/token-pool.key"
INTERNAL=$(deploy/local/token.sh --key "$WORK/keys/jwt-private.pem" --role internal --role read --ttl 2h --subject drill8)
ADMIN=$(deploy/local/token.sh --key "$WORK/keys/jwt-private.pem" --role admin --ttl 2h --subject drill8-admin)

EP=$(free_port); IP=$(free_port); GP=$(free_port)
E=http://127.0.0.1:$EP
I=http://127.0.0.1:$IP
G=http://127.0.0.1:$GP
JAVA_OPTS=(-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)

java "${JAVA_OPTS[@]}" -Dquarkus.http.port="$EP" -Dquarkus.http.host=127.0.0.1 -Dlurker.emulator.size=tiny \
  -Dlurker.emulator.irc.port=0 -Dlurker.emulator.irc.tls-port=0 \
  -jar twitch-emulator/target/quarkus-app/quarkus-run.jar > "$WORK/logs/emulator.log" 2>&1 &
PIDS+=($!)

(
  export LURKER_TOKEN_POOL_ENCRYPTION_KEYS_LOCAL
  LURKER_TOKEN_POOL_ENCRYPTION_KEYS_LOCAL=$(cat "$WORK/keys/token-pool.key")
  export LURKER_TOKEN_POOL_ENCRYPTION_ACTIVE_KEY=local PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  exec java "${JAVA_OPTS[@]}" -Dquarkus.http.port="$IP" -Dquarkus.http.host=127.0.0.1 \
    -Dmp.jwt.verify.publickey.location="$WORK/keys/jwt-public.pem" -Dquarkus.redis.hosts="$REDIS" \
    -Dlurker.integrity.enabled=true -Dlurker.integrity.redis-prefix="lurker-$ID:integrity:" \
    -Dlurker.twitch.web-url="$E/web" -Dlurker.twitch.gql-url="$E/gql" \
    -Dlurker.integrity.check-interval=2s -Dlurker.integrity.min-launch-interval=PT2S -Dlurker.integrity.capture-timeout=PT30S \
    -jar integrity-service/target/quarkus-app/quarkus-run.jar > "$WORK/logs/integrity-service.log" 2>&1
) &
IPID=$!
PIDS+=("$IPID")

if [ "$WITH_GQL" = 1 ]; then
  java "${JAVA_OPTS[@]}" -Dquarkus.http.port="$GP" -Dquarkus.http.host=127.0.0.1 \
    -Dmp.jwt.verify.publickey.location="$WORK/keys/jwt-public.pem" -Dquarkus.redis.hosts="$REDIS" \
    -Dlurker.gql.enabled=true -Dlurker.gql.redis-prefix="lurker-$ID:gql:" -Dlurker.gql.service-token="$INTERNAL" \
    -Dlurker.gql.client-id=lurker-emulator-web-client -Dlurker.gql.integrity-url="$I" \
    -Dlurker.twitch.gql-url="$E/gql" -Dlurker.twitch.web-url="$E/web" \
    -Dlurker.events.exchange="lurker.events.$ID" -Dmp.messaging.outgoing.chat-replay.exchange.durable=false \
    -Dlurker.gql.replay.resume-on-start=false \
    -jar gql-gateway/target/quarkus-app/quarkus-run.jar > "$WORK/logs/gql-gateway.log" 2>&1 &
  PIDS+=($!)
fi

wait_ready() { # url name
  local t0; t0=$(date +%s)
  until [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1/q/health/ready")" = 200 ]; do
    if [ $(($(date +%s) - t0)) -gt 300 ]; then log "$2 not ready after 300 s"; tail -20 "$WORK/logs/$2.log" >&2; exit 1; fi
    sleep 1
  done
  log "$2 ready after $(($(date +%s) - t0)) s"
}
wait_ready "$E" emulator
wait_ready "$I" integrity-service
[ "$WITH_GQL" = 1 ] && wait_ready "$G" gql-gateway

token_status() { curl -s -o "$WORK/answer" -D "$WORK/headers" -m 10 -w '%{http_code}' -H "Authorization: Bearer $INTERNAL" "$I/api/v1/integrity/token" || echo 000; }
current_token() { [ "$(token_status)" = 200 ] && jq -r .token "$WORK/answer" || echo ""; }
set_hold() { curl -s -o /dev/null -X PUT "$E/emulator/faults" -H 'Content-Type: application/json' \
  -d "{\"endpoint\":\"/integrity\",\"error_rate\":0,\"error_status\":0,\"latency_ms\":$1,\"rate_limit_storm\":false,\"seed\":1}"; }
clear_faults() { curl -s -o /dev/null -X DELETE "$E/emulator/faults"; }
requests() { curl -s "$E/emulator/counters" | jq --arg e "$1" '[.endpoints[$e] // empty | if type == "object" then (.requests // .total // ([.[]] | add)) else . end] | add // 0'; }
LOGIN=$(curl -s "$E/emulator/truth/streams" | jq -r '.data[0].user_login')
gql_status() { [ "$WITH_GQL" = 1 ] || { echo -; return; }
  curl -s -o /dev/null -m 30 -w '%{http_code}' -H "Authorization: Bearer $INTERNAL" "$G/api/v1/gql/users/$LOGIN/clips?filter=ALL_TIME&limit=3" || echo 000; }

log "waiting for the first token"
t0=$(date +%s)
until [ -n "$(current_token)" ]; do
  [ $(($(date +%s) - t0)) -gt 180 ] && { log "no first token in 180 s"; tail -30 "$WORK/logs/integrity-service.log" >&2; exit 1; }
  sleep 1
done
log "first token after $(($(date +%s) - t0)) s; gql-gateway guarded call: $(gql_status)"

# ---------------------------------------------------------------- the kills
ROWS=()
PROFILES=()
DRIVERS=()
attempts=0 failed=0 missed=0 bad_answers=0 no_retry_after=0 stack_traces=0 left_total=0 zombies_total=0 running_after=0
gql_ok=0 gql_503=0 gql_other=0 recoveries=()
for n in $(seq 1 "$KILLS"); do
  before=$(current_token)
  mode=random
  if [ $((n % 2)) = 1 ]; then mode=held; set_hold "$HOLD_MS"; pages=$(requests /web); fi
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $INTERNAL" "$I/api/v1/integrity/refresh"
  t_wait=$(date +%s)
  until [ -n "$(chromium_under "$IPID")" ]; do
    [ $(($(date +%s) - t_wait)) -gt 60 ] && { log "no browser within 60 s"; break; }
    sleep 0.05
  done
  if [ "$mode" = held ]; then
    until [ "$(requests /web)" -gt "$pages" ] || [ $(($(date +%s) - t_wait)) -gt 60 ]; do sleep 0.1; done
    sleep 0.3
  else
    sleep "$(awk -v r="$RANDOM" -v m="$MAX_DELAY_MS" 'BEGIN { printf "%.3f", (r / 32767) * m / 1000 }')"
  fi
  victims=$(chromium_under "$IPID" | tr '\n' ' ')
  profile=$(for p in $victims; do tr '\0' '\n' 2>/dev/null < "/proc/$p/cmdline" | sed -n 's/^--user-data-dir=//p'; done | sed -n 1p || true)
  [ -n "$profile" ] && PROFILES+=("$profile")
  for p in $(descendants "$IPID"); do
    tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep 'run-driver' >/dev/null && DRIVERS+=("$p")
  done
  t_kill=$(now_ms)
  # shellcheck disable=SC2086
  [ -n "$victims" ] && kill -9 $victims 2>/dev/null || true
  attempts=$((attempts + 1))

  # until a token is served again: every answer meanwhile must be a clean 503 problem
  saw_failure=0 answers=0 recovered_ms=-1
  while :; do
    code=$(token_status)
    answers=$((answers + 1))
    if [ "$code" = 200 ]; then
      tok=$(jq -r .token "$WORK/answer")
      if [ "$tok" != "$before" ]; then recovered_ms=$(($(now_ms) - t_kill)); break; fi
    elif [ "$code" = 503 ]; then
      grep -qi '^content-type: application/problem+json' "$WORK/headers" || bad_answers=$((bad_answers + 1))
      grep -qi '^retry-after: [0-9]' "$WORK/headers" || no_retry_after=$((no_retry_after + 1))
      grep -qE 'Exception|\bat [a-z]+\.[a-z]+\.|com\.microsoft' "$WORK/answer" && stack_traces=$((stack_traces + 1))
      if jq -e '.detail | test("capture failed.*browser")' "$WORK/answer" >/dev/null 2>&1; then
        if [ "$saw_failure" = 0 ]; then
          saw_failure=1; failed=$((failed + 1))
          [ "$mode" = held ] && clear_faults
          g=$(gql_status)
          case "$g" in 200) gql_ok=$((gql_ok + 1)) ;; 503) gql_503=$((gql_503 + 1)) ;; *) gql_other=$((gql_other + 1)) ;; esac
        fi
      fi
    else
      bad_answers=$((bad_answers + 1))
    fi
    if [ $(($(now_ms) - t_kill)) -gt 180000 ]; then log "no token 180 s after kill $n"; break; fi
    sleep 0.2
  done
  clear_faults
  [ "$saw_failure" = 0 ] && [ -n "$victims" ] && missed=$((missed + 1))
  [ -z "$victims" ] && missed=$((missed + 1))
  recoveries+=("$recovered_ms")
  # what is left of the killed browser, zombies, browsers still running once the capture is over
  sleep 2
  left=0; [ -n "$profile" ] && left=$(mentioning "$profile")
  zombies=$(zombies_under "$IPID")
  running=$(chromium_under "$IPID" | wc -l)
  left_total=$((left_total + left)); zombies_total=$((zombies_total + zombies)); running_after=$((running_after + running))
  row=$(printf '| %d | %s | %d | %s | %s | %d | %d | %d |' "$n" "$mode" "$(echo "$victims" | wc -w)" \
    "$([ "$saw_failure" = 1 ] && echo "503 browser failure" || echo "no failure seen (capture done or relaunched)")" \
    "$(awk -v m="$recovered_ms" 'BEGIN { printf "%.1f s", m / 1000 }')" "$left" "$zombies" "$running")
  ROWS+=("$row")
  log "kill $n ($mode): $row"
done

# ---------------------------------------------------------------- report
status=$(curl -s -H "Authorization: Bearer $ADMIN" "$I/api/v1/integrity/status")
hung=$(grep -c 'Capture still running after' "$WORK/logs/integrity-service.log" || true)
cp "$WORK/logs/integrity-service.log" "$OUT/drill-8-integrity-service.log"
# stop the services, then look for anything of the drill's browsers and drivers still alive
cleanup
PIDS=()
sleep 2
after_stop=0
for prof in $(printf '%s\n' "${PROFILES[@]}" | sort -u); do after_stop=$((after_stop + $(mentioning "$prof"))); done
for d in $(printf '%s\n' "${DRIVERS[@]}" | sort -u); do kill -0 "$d" 2>/dev/null && after_stop=$((after_stop + 1)); done
sorted=$(printf '%s\n' "${recoveries[@]}" | grep -v '^-1$' | sort -n || true)
count=$(printf '%s\n' "$sorted" | grep -c . || true)
median=$(printf '%s\n' "$sorted" | awk -v c="$count" 'NR == int((c + 1) / 2) { printf "%.1f", $1 / 1000 }')
worst=$(printf '%s\n' "$sorted" | tail -1 | awk '{ printf "%.1f", $1 / 1000 }')
{
  echo "## Drill 8: integrity browser killed during capture ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "load: $(uptime | sed 's/.*load average: //')"
  echo "kills: $KILLS (odd: page waiting for /integrity held ${HOLD_MS} ms; even: random 0-${MAX_DELAY_MS} ms after launch)"
  echo
  echo "| # | when | processes killed | token API meanwhile | recovery (kill → new token) | left of killed browser | zombies | browsers after |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "attempts=$attempts failed_captures=$failed missed=$missed recovered=$count/$attempts"
  echo "recovery median=${median:-n/a} s worst=${worst:-n/a} s"
  echo "token API 503 answers not problem+json or other status: $bad_answers; without Retry-After: $no_retry_after; with a stack trace: $stack_traces"
  echo "left processes of killed browsers: $left_total; zombies: $zombies_total; browsers running after captures: $running_after"
  echo "gql-gateway guarded call right after each failure: 200=$gql_ok 503=$gql_503 other=$gql_other"
  echo "integrity-service status: $(jq -c '{captures, failures, tokenPresent, lastFailure}' <<<"$status")"
  echo "captures ended by the watchdog (hung on a killed browser): $hung"
  echo "stack traces in integrity-service's log (log records followed by 'at ...' lines, by logger):" \
    "$(awk '/^[0-9][0-9][0-9][0-9]-/ { rec = $0; seen = 0 } /^[[:space:]]+at / && !seen { seen = 1; match(rec, /\[[^]]+\]/); n[substr(rec, RSTART, RLENGTH)]++ }
            END { for (k in n) printf "%s=%d ", k, n[k]; if (length(n) == 0) printf "none" }' "$OUT/drill-8-integrity-service.log")"
  echo "browser or driver processes alive after the services stopped: $after_stop"
} | tee "$OUT/drill-8.out"
[ "$count" = "$attempts" ] && [ "$left_total" = 0 ] && [ "$after_stop" = 0 ] && [ "$zombies_total" = 0 ] && [ "$bad_answers" = 0 ] \
  && [ "$no_retry_after" = 0 ] && [ "$stack_traces" = 0 ]
