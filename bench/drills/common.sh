#!/usr/bin/env bash
# Shared by the drill scripts: builds the jars once, starts the private servers, runs ChatDrill
# (publisher stand-in) or PipelineDrill (emulator IRC -> chat-ingest replicas -> analytics-service).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=bench/target/drills
mkdir -p "$OUT"

MESSAGES=${DRILL_MESSAGES:-60000}
RATE=${DRILL_RATE:-2000}
BATCH=${DRILL_BATCH:-100}
CHANNELS=${DRILL_CHANNELS:-200}

build() {
  if [ ! -f analytics-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f chat-ingest/target/quarkus-app/quarkus-run.jar ] \
      || [ ! -f twitch-emulator/target/quarkus-app/quarkus-run.jar ] || [ ! -f helix-gateway/target/quarkus-app/quarkus-run.jar ] \
      || [ ! -f bench/target/classpath.txt ] || [ -n "${DRILL_REBUILD:-}" ]; then
    ./mvnw -B -q package dependency:build-classpath -DskipTests -pl twitch-emulator,chat-ingest,analytics-service,helix-gateway,bench -am \
      -Dmdep.outputFile=target/classpath.txt
  fi
}

# run_pipeline NAME [PipelineDrill arguments...]: the real pipeline; prints and saves the table row.
# DRILL_RATE (20000 here), DRILL_CHANNELS (200), DRILL_SECONDS (60), DRILL_REPLICAS (per drill),
# DRILL_LEASE_TTL (15s), DRILL_HEARTBEAT (5s), DRILL_COLLECTORS (true: helix-gateway's stream monitor
# runs, standalone against the emulator), DRILL_STREAMS_INTERVAL (10s).
run_pipeline() {
  local name=$1; shift
  build
  bench/drills/infra.sh start
  java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.lurker.bench.drills.PipelineDrill \
    --name "$name" --rate "${DRILL_RATE:-20000}" --channels "$CHANNELS" --seconds "${DRILL_SECONDS:-60}" \
    --lease-ttl "${DRILL_LEASE_TTL:-15s}" --heartbeat "${DRILL_HEARTBEAT:-5s}" \
    --collectors "${DRILL_COLLECTORS:-true}" --streams-interval "${DRILL_STREAMS_INTERVAL:-10s}" \
    --amqp-port "${DRILL_AMQP_PORT:-5673}" --pg-port "${DRILL_PG_PORT:-15432}" --redis-port "${DRILL_REDIS_PORT:-16379}" \
    --log-dir "$OUT" "$@" | tee "$OUT/$(echo "$name" | tr -c 'A-Za-z0-9\n' '-').pipeline.out"
}

# DRILL_PIPELINE=1: drills 1, 3, 4 and 5 run through the real pipeline too
pipeline_mode() { [ -n "${DRILL_PIPELINE:-}" ]; }

# run_drill NAME [ChatDrill arguments...]: prints and saves the table row
run_drill() {
  local name=$1; shift
  build
  bench/drills/infra.sh start
  java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.lurker.bench.drills.ChatDrill \
    --name "$name" --messages "$MESSAGES" --rate "$RATE" --batch "$BATCH" --channels "$CHANNELS" \
    --amqp-port "${DRILL_AMQP_PORT:-5673}" --pg-port "${DRILL_PG_PORT:-15432}" --redis-url "redis://127.0.0.1:${DRILL_REDIS_PORT:-16379}" --log-dir "$OUT" "$@" | tee "$OUT/$(echo "$name" | tr -c 'A-Za-z0-9\n' '-').out"
}
