#!/usr/bin/env bash
# Drill 7: Helix 10 % 5xx, a 429 storm and a revoked token while helix-gateway's collectors run
# and a client reads the typed API (bench/src/main/java/io/lurker/bench/drills/HelixFaultDrill.java).
# Self-contained: the emulator and helix-gateway jars run as processes on the shared Redis and
# RabbitMQ under a prefix and an exchange of this run (removed at the end); nothing is restarted.
#   DRILL7_ARGS="--fivexx 60 --callers 8 --limit 300" bench/drills/drill-7-helix-faults.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=bench/target/drills
mkdir -p "$OUT"
if [ ! -f helix-gateway/target/quarkus-app/quarkus-run.jar ] || [ ! -f twitch-emulator/target/quarkus-app/quarkus-run.jar ] \
   || [ ! -f bench/target/classpath.txt ] || [ -n "${DRILL_REBUILD:-}" ]; then
  ./mvnw -B -q package dependency:build-classpath -DskipTests -pl twitch-emulator,helix-gateway,bench -am \
    -Dmdep.outputFile=target/classpath.txt
fi
echo "drill 7 start $(date -u +%FT%TZ); load: $(uptime)"
# shellcheck disable=SC2086
java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.lurker.bench.drills.HelixFaultDrill \
  --log-dir "$OUT" ${DRILL7_ARGS:-} | tee "$OUT/drill-7-helix-faults.out"
status=${PIPESTATUS[0]}
echo "drill 7 end $(date -u +%FT%TZ); load: $(uptime)"
exit "$status"
