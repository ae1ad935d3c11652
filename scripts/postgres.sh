#!/usr/bin/env bash
# Functions to run a private PostgreSQL cluster for development and tests. Sourced by run.sh and
# test.sh after scripts/prerequisites.sh (which provides log, die and pg_bindir).
#
# A cluster lives in one directory DIR: DIR/data (PGDATA), DIR/run (the unix socket) and
# DIR/postgres.log. It listens on 127.0.0.1 only and trusts local connections: fine for a private
# development or throw-away test cluster, never for anything shared.
#
# initdb refuses to run as root, so when we are root every server command runs as the `postgres`
# user; DIR is then owned by postgres with mode 700, and postgres must be able to traverse every
# parent directory of DIR (pg_cluster_dir checks that and falls back to /var/tmp when it cannot).

PG_SUPERUSER=postgres

# Runs a PostgreSQL binary as the cluster's owner (from / so postgres never lacks a working directory).
pg_as_owner() {
  local bin="$1"; shift
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$(pg_bindir)/$bin" "$@")
  else
    "$(pg_bindir)/$bin" "$@"
  fi
}

# pg_cluster_dir WANTED: creates WANTED for the cluster owner and prints it, or prints a fallback
# under /var/tmp when the postgres user cannot reach WANTED (e.g. a repository under a private home).
pg_cluster_dir() {
  local wanted="$1"
  mkdir -p "$wanted"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$wanted"
    chmod 700 "$wanted"
    if ! runuser -u postgres -- test -w "$wanted"; then
      local fallback
      fallback="/var/tmp/edgecontrol-pg-$(printf '%s' "$wanted" | cksum | cut -d' ' -f1)"
      log "postgres cannot reach $wanted (a parent directory is not traversable); using $fallback"
      mkdir -p "$fallback"
      chown postgres:postgres "$fallback"
      chmod 700 "$fallback"
      wanted="$fallback"
    fi
  fi
  printf '%s' "$wanted"
}

# pg_cluster_init DIR [initdb options...]: creates the cluster in DIR/data unless it exists.
pg_cluster_init() {
  local dir="$1"; shift
  [ -f "$dir/data/PG_VERSION" ] && return 0
  log "initialising a PostgreSQL cluster in $dir/data"
  pg_as_owner initdb -D "$dir/data" -U "$PG_SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 "$@" >/dev/null
}

pg_cluster_running() {
  local dir="$1"
  [ -f "$dir/data/PG_VERSION" ] && pg_as_owner pg_ctl -D "$dir/data" status >/dev/null 2>&1
}

# Port of a running cluster, from its postmaster.pid (fourth line).
pg_cluster_port() {
  sed -n 4p "$1/data/postmaster.pid"
}

# pg_port_free PORT: true when PostgreSQL can listen on 127.0.0.1:PORT.
pg_port_free() {
  # Also no socket of any state with that local port (where ss is installed): these ports are inside Linux's ephemeral
  # range, so one may be the local end of a connection, which nothing answers on and PostgreSQL still cannot bind (a
  # testbed started right after a 3,000-device hub benchmark failed so).
  if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htan "sport = :$1")" ]; then
    return 1
  fi
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_free_port START: START, or the next port above it that is free.
pg_free_port() {
  local port="$1"
  while ! pg_port_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt 65535 ] || die "no free TCP port found from $1 up"
  done
  printf '%s' "$port"
}

# pg_cluster_start DIR PORT: starts the cluster on 127.0.0.1:PORT and waits until it accepts connections.
pg_cluster_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir/run"
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$dir/run"
  log "starting PostgreSQL on 127.0.0.1:$port (log: $dir/postgres.log)"
  pg_as_owner pg_ctl -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/run" start >/dev/null ||
    die "PostgreSQL did not start; see $dir/postgres.log"
}

pg_cluster_stop() {
  local dir="$1"
  if pg_cluster_running "$dir"; then
    log "stopping PostgreSQL ($dir)"
    pg_as_owner pg_ctl -D "$dir/data" -m fast -w stop >/dev/null || log "could not stop PostgreSQL in $dir"
  fi
}

# pg_psql DIR PORT SQL: runs SQL as the superuser over the cluster's unix socket; prints bare values.
pg_psql() {
  local dir="$1" port="$2" sql="$3"
  pg_as_owner psql -h "$dir/run" -p "$port" -U "$PG_SUPERUSER" -d postgres -v ON_ERROR_STOP=1 -qtAc "$sql"
}

# pg_ensure_database DIR PORT NAME: a login role NAME (allowed to create databases, which the tests
# need) and a database NAME owned by it, both created only when missing.
pg_ensure_database() {
  local dir="$1" port="$2" name="$3"
  if [ -z "$(pg_psql "$dir" "$port" "SELECT 1 FROM pg_roles WHERE rolname = '$name'")" ]; then
    pg_psql "$dir" "$port" "CREATE ROLE \"$name\" LOGIN CREATEDB"
  fi
  if [ -z "$(pg_psql "$dir" "$port" "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
    pg_psql "$dir" "$port" "CREATE DATABASE \"$name\" OWNER \"$name\""
  fi
}

# pg_connection_string PORT NAME: the Npgsql connection string for database and role NAME.
pg_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s' "$1" "$2" "$2"
}
