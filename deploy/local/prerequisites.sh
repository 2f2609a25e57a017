#!/usr/bin/env bash
# Makes sure what Lurker's tests and local runs need is installed and answering:
# PostgreSQL, Redis and RabbitMQ on 127.0.0.1, and Debian's nginx and Chromium.
# Sourced by ./lurker; every function prints one line saying what it did or what to do.

LURKER_APT_UPDATED=${LURKER_APT_UPDATED:-}

lurker_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

lurker_wait_port() {
  local port=$1 name=$2 tries=${3:-60} hint=${4:-}
  for _ in $(seq "$tries"); do
    lurker_port_open "$port" && return 0
    sleep 1
  done
  echo "lurker: $name did not answer on 127.0.0.1:$port${hint:+; start it with: $hint}" >&2
  return 1
}

lurker_can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

lurker_apt_install() {
  if ! lurker_can_install; then
    echo "lurker: missing $*; install it with: sudo apt-get install -y $*" >&2
    return 1
  fi
  if [ -z "$LURKER_APT_UPDATED" ]; then
    apt-get update -q >/dev/null && LURKER_APT_UPDATED=1
  fi
  echo "lurker: installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

lurker_ensure_postgres() {
  lurker_port_open 5432 && return 0
  command -v pg_ctlcluster >/dev/null || lurker_apt_install postgresql || return 1
  echo "lurker: starting PostgreSQL"
  local cmd="pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | sort -V | tail -n 1) main start"
  $cmd || true
  lurker_wait_port 5432 PostgreSQL 60 "$cmd"
}

lurker_ensure_redis() {
  lurker_port_open 6379 && return 0
  command -v redis-server >/dev/null || lurker_apt_install redis-server || return 1
  echo "lurker: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  lurker_wait_port 6379 Redis 60 "redis-server --daemonize yes --bind 127.0.0.1 --port 6379"
}

lurker_ensure_rabbitmq() {
  lurker_port_open 5672 && return 0
  command -v rabbitmq-server >/dev/null || lurker_apt_install rabbitmq-server || return 1
  echo "lurker: starting RabbitMQ"
  rabbitmq-server -detached || true
  lurker_wait_port 5672 RabbitMQ 120 "rabbitmq-server -detached (log: /var/log/rabbitmq/)"
}

lurker_ensure_packages() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # the deploy module's tests: render.sh (envsubst) and kubectl kustomize
  command -v envsubst >/dev/null || missing+=(gettext-base)
  [ -x /usr/bin/kubectl ] || echo "lurker: the deploy tests need kubectl 1.21+ at /usr/bin/kubectl (Debian 12's kubernetes-client is too old): https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/" >&2
  [ ${#missing[@]} -eq 0 ] || lurker_apt_install "${missing[@]}"
}

# what ./lurker up and pipeline use besides the servers: curl, jq, envsubst, openssl, psql
lurker_ensure_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v envsubst >/dev/null || missing+=(gettext-base)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  [ ${#missing[@]} -eq 0 ] || lurker_apt_install "${missing[@]}"
}

# the database analytics-service keeps its schema in (created when missing; trust auth as in CI)
lurker_ensure_database() {
  local db=$1
  if ! psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -Atqc "select 1" >/dev/null 2>&1; then
    echo "lurker: cannot log in to PostgreSQL on 127.0.0.1:5432 as ${PGUSER:-postgres}; allow it (trust or PGPASSWORD) and retry" >&2
    return 1
  fi
  if [ -z "$(psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -Atqc "select 1 from pg_database where datname = '$db'")" ]; then
    echo "lurker: creating PostgreSQL database $db"
    psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -qc "create database \"$db\"" >/dev/null
  fi
}

lurker_ensure_all() {
  lurker_ensure_postgres && lurker_ensure_redis && lurker_ensure_rabbitmq && lurker_ensure_packages
}

# ./lurker up: the servers, nginx, Chromium and the tools
lurker_ensure_runtime() {
  lurker_ensure_all && lurker_ensure_tools
}
