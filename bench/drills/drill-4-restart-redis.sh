#!/usr/bin/env bash
# Drill 4: stop Redis (the private instance) mid-stream for DRILL_DOWN_SECONDS (5), start it again.
# With the publisher stand-in the chat path does not use Redis; with DRILL_PIPELINE=1 chat-ingest's
# channel leases (renewals fail while Redis is down) and emote cache do. Other Redis users (token
# pool, gql-gateway, integrity-service) are not exercised here.
source "$(dirname "$0")/common.sh"
if pipeline_mode; then
  run_pipeline "4 restart Redis (pipeline)" --replicas "${DRILL_REPLICAS:-1}" --fault command --fault-cmd "$ROOT/bench/drills/infra.sh restart-redis"
else
  run_drill "4 restart Redis" --fault-cmd "$ROOT/bench/drills/infra.sh restart-redis"
fi
