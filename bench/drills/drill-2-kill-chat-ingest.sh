#!/usr/bin/env bash
# Drill 2: three chat-ingest replicas share the channels by Redis leases; kill -9 the one holding
# the most; the others must lease and join its channels within the lease TTL (+ one heartbeat).
# The firehose runs DRILL_SECONDS or until DRILL_AFTER_RECOVERY_SECONDS (10) after the hand-over.
source "$(dirname "$0")/common.sh"
run_pipeline "2 kill -9 chat-ingest (1 of ${DRILL_REPLICAS:-3})" --replicas "${DRILL_REPLICAS:-3}" --fault kill-chat \
  --after-recovery-seconds "${DRILL_AFTER_RECOVERY_SECONDS:-10}"
