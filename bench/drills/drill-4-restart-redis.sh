#!/usr/bin/env bash
# Drill 4: stop Redis (the private instance) mid-stream for DRILL_DOWN_SECONDS (5), start it again.
# On main the chat path (publisher -> RabbitMQ -> analytics-service -> PostgreSQL) does not use
# Redis: this drill shows it keeps working; Redis users (token pool, gql-gateway, integrity-service)
# are not exercised here.
source "$(dirname "$0")/common.sh"
run_drill "4 restart Redis" --fault-cmd "$ROOT/bench/drills/infra.sh restart-redis"
