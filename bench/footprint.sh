#!/usr/bin/env bash
# Start time and idle memory of each service in JVM mode, measured one service at a time:
# the suite runs (./lurker up), then each service is stopped, started again alone and, once
# ready, given 20 s of idleness before its resident memory is read. Prints a Markdown table.
# Usage: bench/footprint.sh   (leaves the suite running; ./lurker down stops it)
set -euo pipefail
LURKER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$LURKER_HOME"
# shellcheck source=../deploy/local/prerequisites.sh
. deploy/local/prerequisites.sh
# shellcheck source=../deploy/local/suite.sh
. deploy/local/suite.sh
./lurker up >/dev/null
echo "| service | Quarkus \"started in\" (alone) | ready after (s) | RSS idle (MB) |"
echo "|---|---|---|---|"
for part in twitch-emulator "${LURKER_SERVICES[@]}"; do
  lurker_stop "$part" >/dev/null
  log="$LURKER_RUN_DIR/logs/$part.log"
  lines=$(wc -l < "$log")
  t0=$(date +%s.%N)
  lurker_start "$part" >/dev/null
  until lurker_ready "$part"; do sleep 0.1; done
  t1=$(date +%s.%N)
  started=$(tail -n +"$((lines + 1))" "$log" | grep -o 'started in [0-9.]*s' | head -n 1 | awk '{print $3}')
  sleep 20
  rss=$(lurker_rss_mb "$(lurker_pid_of "$part")")
  printf '| %s | %s | %.1f | %s |\n' "$part" "${started:-?}" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" "$rss"
done
