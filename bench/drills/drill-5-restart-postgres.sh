#!/usr/bin/env bash
# Drill 5: stop PostgreSQL (the private cluster, fast shutdown) mid-stream for DRILL_DOWN_SECONDS (5), start it again.
source "$(dirname "$0")/common.sh"
if pipeline_mode; then
  run_pipeline "5 restart PostgreSQL (pipeline)" --replicas "${DRILL_REPLICAS:-1}" --fault command --fault-cmd "$ROOT/bench/drills/infra.sh restart-postgres"
else
  run_drill "5 restart PostgreSQL" --fault-cmd "$ROOT/bench/drills/infra.sh restart-postgres"
fi
