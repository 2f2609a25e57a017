#!/usr/bin/env bash
# All drills one after the other, then the table of every result (bench/target/drills/results.md).
# Environment: DRILL_MESSAGES (60000), DRILL_RATE msg/s (2000), DRILL_BATCH (100), DRILL_CHANNELS (200),
# DRILL_DOWN_SECONDS (5), DRILL_REBUILD=1 to rebuild the jars. Stops the private servers at the end.
set -uo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../.." && pwd)
status=0
for drill in drill-1-kill-analytics.sh drill-3-restart-rabbitmq.sh drill-4-restart-redis.sh drill-5-restart-postgres.sh; do
  echo "=== $drill"
  "$DIR/$drill" || status=1
done
"$DIR/infra.sh" stop
{
  echo "| drill | sent | accepted | stored | lost | duplicates | publish retries | API errors / requests | longest API outage | recovery | drain after last publish |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for f in "$ROOT"/bench/target/drills/[0-9]*.out; do grep '^| [0-9]' "$f"; done
} | tee "$ROOT/bench/target/drills/results.md"
exit $status
