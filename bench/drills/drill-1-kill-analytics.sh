#!/usr/bin/env bash
# Drill 1: kill -9 analytics-service mid-stream; it is started again 3 s later (as a supervisor would).
source "$(dirname "$0")/common.sh"
if pipeline_mode; then
  run_pipeline "1 kill -9 analytics-service (pipeline)" --replicas "${DRILL_REPLICAS:-1}" --fault kill-analytics --restart-after-ms 3000
else
  run_drill "1 kill -9 analytics-service" --kill-analytics true --restart-after-ms 3000
fi
