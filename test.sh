#!/usr/bin/env bash
# Runs every test of EdgeControl.sln against a throw-away PostgreSQL cluster and a throw-away redis-server (temp dir,
# free ports). Only the scale-out tests use Redis; its address is EDGECONTROL_TEST_REDIS, never ConnectionStrings__Redis,
# which would put every app under test on the backplane.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~EdgeControl.Web
# After a full run that passes, scripts/check-published.sh checks the published build (EDGECONTROL_PUBLISHED_CHECK).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/redis.sh
source scripts/redis.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_dotnet
ensure_postgres
ensure_redis
ensure_libstdcxx
ensure_chromium

TMP_DIR=$(mktemp -d -t edgecontrol-test.XXXXXX)
# The postgres user must traverse the temp dir to reach the cluster inside it.
chmod 755 "$TMP_DIR"
PG_DIR=""
REDIS_DIR=""
cleanup() {
  local code=$?
  [ -z "$PG_DIR" ] || pg_cluster_stop "$PG_DIR"
  [ -z "$REDIS_DIR" ] || redis_stop "$REDIS_DIR"
  rm -rf "$TMP_DIR"
  exit "$code"
}
trap cleanup EXIT

PG_DIR=$(pg_cluster_dir "$TMP_DIR/pg")
# No fsync: the cluster is thrown away after the run, and it saves seconds on every test database.
pg_cluster_init "$PG_DIR" --no-sync
port=$(pg_free_port "${EDGECONTROL_PG_PORT:-55432}")
pg_cluster_start "$PG_DIR" "$port"
pg_ensure_database "$PG_DIR" "$port" edgecontrol
# The tests drop their databases WITH (FORCE). PostgreSQL refuses that (42501) when a process it would end is not
# the role's own: an autovacuum worker or a connection still authenticating. pg_signal_backend allows it, so a
# test's clean-up does not fail at random on a busy machine.
pg_psql "$PG_DIR" "$port" "GRANT pg_signal_backend TO edgecontrol"
export ConnectionStrings__EdgeControl
ConnectionStrings__EdgeControl=$(pg_connection_string "$port" edgecontrol)

REDIS_DIR="$TMP_DIR/redis"
redis_port=$(pg_free_port "${EDGECONTROL_REDIS_PORT:-56379}")
redis_start "$REDIS_DIR" "$redis_port"
export EDGECONTROL_TEST_REDIS="127.0.0.1:$redis_port"

log "dotnet test EdgeControl.sln $*"
set +e
dotnet test EdgeControl.sln --results-directory "$REPO/TestResults" "$@" 2>&1 | tee "$TMP_DIR/test.log"
code=${PIPESTATUS[0]}
set -e

# One closing line for the whole solution, summed over the per-assembly result lines.
summary=$(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") f += v; else if ($i == "Passed:") p += v; else if ($i == "Skipped:") s += v
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped", p, f, s }' "$TMP_DIR/test.log")
printf '%s\n' "$summary"
if [ "$code" = 0 ]; then
  log "all tests passed"
elif [[ "$summary" == *" 0 failed"* ]]; then
  log "dotnet test failed (exit $code) with no failing test: look above for a build error or a crashed test host"
else
  log "dotnet test failed (exit $code)"
fi

# The published build, made and started as the Dockerfile does (scripts/check-published.sh, about 2 minutes): after a
# full run that passed (CI), or after any passing run with EDGECONTROL_PUBLISHED_CHECK=1; EDGECONTROL_PUBLISHED_CHECK=0
# skips it. A run narrowed by arguments (--filter ...) is a quick one and skips it unless asked.
published_check=${EDGECONTROL_PUBLISHED_CHECK:-auto}
if [ "$code" = 0 ] && { [ "$published_check" = 1 ] || { [ "$published_check" = auto ] && [ $# = 0 ]; }; }; then
  log "scripts/check-published.sh: the published build in Production (EDGECONTROL_PUBLISHED_CHECK=0 skips it)"
  scripts/check-published.sh || { code=$?; log "the published-build check failed (exit $code)"; }
fi
exit "$code"
