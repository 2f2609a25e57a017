#!/usr/bin/env bash
# Drill 6: from 40 % of the firehose window on, the emulator sends RECONNECT to every connection,
# drops every connection, drops random single connections and sends RECONNECT to one channel's
# connections, one fault every DRILL_STORM_INTERVAL_MS (4000) until shortly before the end.
source "$(dirname "$0")/common.sh"
run_pipeline "6 IRC RECONNECT storm + drops" --replicas "${DRILL_REPLICAS:-1}" --fault irc-storm \
  --storm-interval-ms "${DRILL_STORM_INTERVAL_MS:-4000}"
