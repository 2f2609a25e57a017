#!/usr/bin/env bash
# All drills (1-8) one after the other, then the table of every result (bench/target/drills/results.md).
# Environment: DRILL_MESSAGES (60000), DRILL_RATE msg/s (2000; 20000 for the pipeline drills), DRILL_BATCH (100),
# DRILL_CHANNELS (200), DRILL_SECONDS (60, pipeline), DRILL_DOWN_SECONDS (5), DRILL_REBUILD=1 to rebuild the jars,
# DRILL_PIPELINE=1 to run drills 1, 3, 4, 5 through the real pipeline too. Stops the private servers at the end.
set -uo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../.." && pwd)
status=0
for drill in drill-1-kill-analytics.sh drill-2-kill-chat-ingest.sh drill-3-restart-rabbitmq.sh drill-4-restart-redis.sh \
    drill-5-restart-postgres.sh drill-6-irc-storm.sh; do
  echo "=== $drill"
  "$DIR/$drill" || status=1
done
"$DIR/infra.sh" stop
# drills 7 and 8 use the shared servers with their own prefixes and print their own reports
for drill in drill-7-helix-faults.sh drill-8-kill-browser.sh; do
  echo "=== $drill"
  "$DIR/$drill" || status=1
done
{
  echo "| drill | sent | accepted | stored | lost | duplicates | publish retries | API errors / requests | longest API outage | recovery | drain after last publish |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for f in "$ROOT"/bench/target/drills/[0-9]*.out; do case "$f" in *.pipeline.out) ;; *) grep '^| [0-9]' "$f" ;; esac; done
  echo
  echo "| drill | rate asked / achieved | sent | accepted | stored | lost | duplicates | not received | API errors / requests | longest API outage | recovery | notes |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for f in "$ROOT"/bench/target/drills/[0-9]*.pipeline.out; do grep '^| [0-9]' "$f"; done
} | tee "$ROOT/bench/target/drills/results.md"
exit $status
