#!/usr/bin/env bash
# Private RabbitMQ, Redis and PostgreSQL for the fault drills, on their own ports and data
# directories, so that restarting them never touches the shared servers (127.0.0.1:5672/6379/5432)
# that builds and tests use. DRILL_AMQP_PORT (5673), DRILL_REDIS_PORT (16379), DRILL_PG_PORT (15432),
# DRILL_DIR (/tmp/lurker-drill) and DRILL_NODE (drill@localhost) let two runs use separate servers.
#   infra.sh start | stop | status | restart-rabbitmq | restart-redis | restart-postgres
set -euo pipefail

DRILL_DIR=${DRILL_DIR:-/tmp/lurker-drill}
AMQP_PORT=${DRILL_AMQP_PORT:-5673}
REDIS_PORT=${DRILL_REDIS_PORT:-16379}
PG_PORT=${DRILL_PG_PORT:-15432}
DOWN_SECONDS=${DRILL_DOWN_SECONDS:-5}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# another drill run on the same machine: other ports, DRILL_DIR and DRILL_NODE
NODE=${DRILL_NODE:-drill@localhost}

rabbit_env() {
  export RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=$((AMQP_PORT + 20000))
  export RABBITMQ_CONFIG_FILE=$DRILL_DIR/rabbit/rabbitmq RABBITMQ_MNESIA_BASE=$DRILL_DIR/rabbit/mnesia
  export RABBITMQ_LOG_BASE=$DRILL_DIR/rabbit/log RABBITMQ_PID_FILE=$DRILL_DIR/rabbit/pid
  export RABBITMQ_ENABLED_PLUGINS_FILE=$DRILL_DIR/rabbit/enabled_plugins RABBITMQ_ENABLED_PLUGINS=""
}

start_rabbit() {
  mkdir -p "$DRILL_DIR/rabbit/mnesia" "$DRILL_DIR/rabbit/log"
  printf 'listeners.tcp.local = 127.0.0.1:%s\nloopback_users = none\n' "$AMQP_PORT" > "$DRILL_DIR/rabbit/rabbitmq.conf"
  echo '[].' > "$DRILL_DIR/rabbit/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$DRILL_DIR/rabbit" 2>/dev/null || true
  rabbit_env
  if rabbitmqctl -n $NODE -q status >/dev/null 2>&1; then return 0; fi
  rabbitmq-server -detached
  # the node registers with epmd a few seconds after the command returns
  for _ in $(seq 120); do rabbitmqctl -n $NODE -q ping >/dev/null 2>&1 && break; sleep 1; done
  rabbitmqctl -n $NODE -q --timeout 120 await_startup
}

stop_rabbit() {
  rabbit_env
  rabbitmqctl -n $NODE -q stop >/dev/null 2>&1 || true
}

start_redis() {
  mkdir -p "$DRILL_DIR/redis"
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$DRILL_DIR/redis" --pidfile "$DRILL_DIR/redis/pid" --logfile "$DRILL_DIR/redis/log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not start" >&2; return 1
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || return 0; sleep 0.1; done
}

pg() { su postgres -s /bin/bash -c "$*"; }

start_pg() {
  mkdir -p "$DRILL_DIR"
  if [ ! -f "$DRILL_DIR/pg/PG_VERSION" ]; then
    mkdir -p "$DRILL_DIR/pg" && chown postgres:postgres "$DRILL_DIR/pg"
    pg "$PG_BIN/initdb -D $DRILL_DIR/pg -A trust -U postgres >/dev/null"
  fi
  if ! pg "$PG_BIN/pg_ctl -D $DRILL_DIR/pg status" >/dev/null 2>&1; then
    pg "$PG_BIN/pg_ctl -D $DRILL_DIR/pg -l $DRILL_DIR/pg/log -w -o '-p $PG_PORT -k $DRILL_DIR/pg -c listen_addresses=127.0.0.1' start" >/dev/null
  fi
  pg "$PG_BIN/psql -h 127.0.0.1 -p $PG_PORT -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 \
    || pg "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U postgres test"
}

stop_pg() {
  pg "$PG_BIN/pg_ctl -D $DRILL_DIR/pg -m fast -w stop" >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start_pg; start_redis; start_rabbit ;;
  stop) stop_rabbit; stop_redis; stop_pg ;;
  status)
    rabbit_env; rabbitmqctl -n $NODE -q status >/dev/null 2>&1 && echo "rabbitmq $AMQP_PORT up" || echo "rabbitmq $AMQP_PORT down"
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && echo "redis $REDIS_PORT up" || echo "redis $REDIS_PORT down"
    pg "$PG_BIN/pg_isready -h 127.0.0.1 -p $PG_PORT" >/dev/null 2>&1 && echo "postgres $PG_PORT up" || echo "postgres $PG_PORT down" ;;
  restart-rabbitmq) echo "[fault] stopping RabbitMQ ($NODE) for ${DOWN_SECONDS}s"; stop_rabbit; sleep "$DOWN_SECONDS"; start_rabbit; echo "[fault] RabbitMQ back" ;;
  restart-redis) echo "[fault] stopping Redis :$REDIS_PORT for ${DOWN_SECONDS}s"; stop_redis; sleep "$DOWN_SECONDS"; start_redis; echo "[fault] Redis back" ;;
  restart-postgres) echo "[fault] stopping PostgreSQL :$PG_PORT for ${DOWN_SECONDS}s"; stop_pg; sleep "$DOWN_SECONDS"; start_pg; echo "[fault] PostgreSQL back" ;;
  *) echo "usage: $0 start|stop|status|restart-rabbitmq|restart-redis|restart-postgres" >&2; exit 2 ;;
esac
