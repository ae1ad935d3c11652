#!/usr/bin/env bash
# Functions to run a private redis-server (Debian's) for tests and the two-instance cluster. Sourced after
# scripts/prerequisites.sh (log, die, apt_update_once, as_root) and scripts/postgres.sh (pg_free_port).
#
# A server lives in one directory DIR (its log and pid file); it listens on 127.0.0.1 only, without a password and
# without persistence: fine for throw-away SignalR traffic, never for anything shared.

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing redis-server (apt)"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found after install"
}

# redis_start DIR PORT: starts redis-server on 127.0.0.1:PORT (no snapshots, no append-only file) and waits until it
# answers PING.
redis_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  log "starting redis-server on 127.0.0.1:$port (log: $dir/redis.log)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  local tries=0
  until redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || die "redis-server did not answer on port $port within 10 s (see $dir/redis.log)"
    sleep 0.1
  done
}

# redis_stop DIR: stops the server started in DIR (by its pid file), if it runs.
redis_stop() {
  local dir="$1" pid
  [ -f "$dir/redis.pid" ] || return 0
  pid=$(cat "$dir/redis.pid")
  kill -TERM "$pid" 2>/dev/null || return 0
  local tries=0
  while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
}
