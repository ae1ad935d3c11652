#!/usr/bin/env bash
# Starts the EdgeControl control plane on http://127.0.0.1:5000 (ASPNETCORE_URLS), with a private
# PostgreSQL cluster under .data/pg unless ConnectionStrings__EdgeControl is already set.
# Ctrl-C stops the app, and the cluster if this run started it.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5000}"

ensure_dotnet
ensure_postgres
ensure_libstdcxx

PG_DIR=""
PG_STARTED=0
APP_PID=""

cleanup() {
  local code=$?
  # Finish the clean-up even if the terminal or a pipe reading our output has already gone.
  set +e
  trap - EXIT INT TERM
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  # Only a cluster this run started is stopped; one that was already running is left as found.
  if [ "$PG_STARTED" = 1 ]; then pg_cluster_stop "$PG_DIR"; fi
  exit "$code"
}
trap cleanup EXIT
# A reader of our output (| tee) dies with Ctrl-C too: a write must then fail, not kill us before clean-up.
trap '' PIPE
# The app runs as a background job, whose SIGINT bash ignores: forward a stop as SIGTERM (graceful)
# and let the wait below see it exit. Before the app runs, a signal just ends the script (and cleans up).
on_signal() {
  log "stopping" || true
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null || true; else exit 130; fi
}
trap on_signal INT TERM

if [ -n "${ConnectionStrings__EdgeControl:-}" ]; then
  log "using the configured ConnectionStrings__EdgeControl"
else
  PG_DIR=$(pg_cluster_dir "$REPO/.data/pg")
  pg_cluster_init "$PG_DIR"
  if pg_cluster_running "$PG_DIR"; then
    port=$(pg_cluster_port "$PG_DIR")
    log "reusing the PostgreSQL cluster already running on 127.0.0.1:$port"
  else
    port=$(pg_free_port "${EDGECONTROL_PG_PORT:-5433}")
    PG_STARTED=1 # before starting, so a start that half-succeeds is still stopped on exit
    pg_cluster_start "$PG_DIR" "$port"
  fi
  pg_ensure_database "$PG_DIR" "$port" edgecontrol
  export ConnectionStrings__EdgeControl
  ConnectionStrings__EdgeControl=$(pg_connection_string "$port" edgecontrol)
fi

log "building src/Web (Release)"
# Quiet on success; the full output only when the build fails.
if ! build_output=$(dotnet build src/Web -c Release -nologo -tl:off -v quiet 2>&1); then
  printf '%s\n' "$build_output" >&2
  die "the build of src/Web failed (output above)"
fi

log "EdgeControl ($ASPNETCORE_ENVIRONMENT) will listen on $ASPNETCORE_URLS; health: $ASPNETCORE_URLS/health/ready; Ctrl-C stops it"
# From the project directory, so the content root (appsettings, wwwroot) is the same as with `dotnet run`.
(cd src/Web && exec dotnet bin/Release/net10.0/EdgeControl.Web.dll) &
APP_PID=$!
# wait returns early when a trapped signal arrives; keep waiting until the app has really exited.
status=0
while kill -0 "$APP_PID" 2>/dev/null; do
  wait "$APP_PID" && status=0 || status=$?
done
APP_PID=""
exit "$status"
