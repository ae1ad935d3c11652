#!/usr/bin/env bash
# Decision-log ingest benchmark: a throw-away PostgreSQL cluster (fsync on, as in production), the control plane
# (Release) on a free port, then `edgecontrol bench ingest` against it. The server accepts only outcomes of decisions it
# issued, so it serves a policy: its orchestrator learns with DQN at 20 steps/s (a few percent of one core), and the
# benchmark asks for every row's decision before its clock starts.
# Arguments go to bench ingest, e.g. scripts/bench-ingest.sh --rows 500000 --concurrency 8. Everything is removed at the end.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_dotnet
ensure_postgres
ensure_libstdcxx

TOKEN="bench-registration-token-$RANDOM$RANDOM"
TMP_DIR=$(mktemp -d -t edgecontrol-bench.XXXXXX)
# The postgres user must traverse the temp dir to reach the cluster inside it.
chmod 755 "$TMP_DIR"
PG_DIR=""
APP_PID=""
cleanup() {
  local code=$?
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null
  fi
  [ -z "$PG_DIR" ] || pg_cluster_stop "$PG_DIR"
  rm -rf "$TMP_DIR"
  exit "$code"
}
trap cleanup EXIT

log "building src/Web and src/Cli (Release)"
for project in src/Web src/Cli; do
  if ! build_output=$(dotnet build "$project" -c Release -nologo -tl:off -v quiet 2>&1); then
    printf '%s\n' "$build_output" >&2
    die "the build of $project failed (output above)"
  fi
done

PG_DIR=$(pg_cluster_dir "$TMP_DIR/pg")
pg_cluster_init "$PG_DIR"
pg_port=$(pg_free_port "${EDGECONTROL_PG_PORT:-56432}")
pg_cluster_start "$PG_DIR" "$pg_port"
pg_ensure_database "$PG_DIR" "$pg_port" edgecontrol

app_port=$(pg_free_port 5800)
url="http://127.0.0.1:$app_port"
log "starting the control plane on $url (log: $TMP_DIR/app.log)"
(
  cd src/Web
  export ConnectionStrings__EdgeControl
  ConnectionStrings__EdgeControl=$(pg_connection_string "$pg_port" edgecontrol)
  ASPNETCORE_URLS="$url" ASPNETCORE_ENVIRONMENT=Production \
    Orchestrator__Enabled=true Orchestrator__Agent=dqn Orchestrator__StepsPerSecond=20 Orchestrator__EvaluateEvery=20 \
    Devices__RegistrationToken="$TOKEN" Devices__RegistrationsPerMinute=100000 Accounts__AdminPassword="bench-first-account-$TOKEN" \
    exec dotnet bin/Release/net10.0/EdgeControl.Web.dll >"$TMP_DIR/app.log" 2>&1
) &
APP_PID=$!

# Ready (database migrated) and serving a policy (its first evaluation published it): decisions are answered.
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && curl -fsS -o /dev/null "$url/health/training" 2>/dev/null; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { cat "$TMP_DIR/app.log" >&2; die "the control plane exited during start-up"; }
  sleep 0.5
done
curl -fsS -o /dev/null "$url/health/training" || { cat "$TMP_DIR/app.log" >&2; die "the control plane did not become ready with a policy"; }

log "PostgreSQL $(pg_psql "$PG_DIR" "$pg_port" 'SHOW server_version'), fsync $(pg_psql "$PG_DIR" "$pg_port" 'SHOW fsync'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet src/Cli/bin/Release/net10.0/edgecontrol.dll bench ingest --server "$url" --token "$TOKEN" "$@"
rows_in_table=$(pg_as_owner psql -h "$PG_DIR/run" -p "$pg_port" -U "$PG_SUPERUSER" -d edgecontrol -qtAc 'SELECT count(*) FROM decision_log')
log "decision_log holds $rows_in_table rows (the benchmark's rows plus its warm-up rows)"
# What a row costs on disk, for sizing the database (docs/scale-out.md): the table with its indexes and TOAST per row,
# and the average row alone (pg_column_size of the whole row, header excluded).
pg_as_owner psql -h "$PG_DIR/run" -p "$pg_port" -U "$PG_SUPERUSER" -d edgecontrol -qtAF ' ' -c "VACUUM ANALYZE decision_log" >/dev/null
read -r total_bytes table_bytes row_bytes < <(pg_as_owner psql -h "$PG_DIR/run" -p "$pg_port" -U "$PG_SUPERUSER" -d edgecontrol -qtAF ' ' -c \
  "SELECT pg_total_relation_size('decision_log'), pg_relation_size('decision_log'), (SELECT avg(pg_column_size(d.*))::int FROM decision_log d)")
log "decision_log on disk: $((total_bytes / rows_in_table)) bytes per row with its indexes ($((table_bytes / rows_in_table)) in the table alone; the average row's data $row_bytes bytes)"
