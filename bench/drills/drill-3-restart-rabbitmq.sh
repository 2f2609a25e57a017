#!/usr/bin/env bash
# Drill 3: stop RabbitMQ (the private node) mid-stream for DRILL_DOWN_SECONDS (5), start it again.
source "$(dirname "$0")/common.sh"
run_drill "3 restart RabbitMQ" --fault-cmd "$ROOT/bench/drills/infra.sh restart-rabbitmq"
