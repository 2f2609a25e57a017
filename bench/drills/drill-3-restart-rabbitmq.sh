#!/usr/bin/env bash
# Drill 3: stop RabbitMQ (the private node) mid-stream for DRILL_DOWN_SECONDS (5), start it again.
source "$(dirname "$0")/common.sh"
if pipeline_mode; then
  run_pipeline "3 restart RabbitMQ (pipeline)" --replicas "${DRILL_REPLICAS:-1}" --fault command --fault-cmd "$ROOT/bench/drills/infra.sh restart-rabbitmq"
else
  run_drill "3 restart RabbitMQ" --fault-cmd "$ROOT/bench/drills/infra.sh restart-rabbitmq"
fi
