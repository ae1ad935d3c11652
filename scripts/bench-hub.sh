#!/usr/bin/env bash
# Hub benchmark: a throw-away PostgreSQL cluster, the control plane built in Release on a free loopback port
# (learning on the twin as in production), and the device agent's --bench-devices run against it: N devices, one
# hub connection each, a steady request rate; prints connected devices, round trips/s and round-trip p50/p95/p99.
# The devices first run for WARMUP (default 60 s; figures printed but not the result) in the same client process, so
# both the control plane's and the client's JIT have compiled their hot paths: a freshly started runtime spends tens of
# seconds of CPU re-compiling them, which is start-up cost, not capacity. (Until session 6 the warm-up was a separate
# 30 s client run, then a reconnect and 5 s more: the control plane was about a minute under load when the window
# opened, as it is now, but the measured client was a cold process.) WARMUP=0 measures nearly cold (5 s only).
#   scripts/bench-hub.sh                      # 1,000 devices, 60 s, 1 request/s each, after a 60 s warm-up
#   DEVICES=3000 DURATION=30s RATE=2 WARMUP=0 scripts/bench-hub.sh
#   AGENT=dqn scripts/bench-hub.sh          # the orchestrator's learner (default hl, as in production)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

DEVICES="${DEVICES:-1000}"
DURATION="${DURATION:-60s}"
RATE="${RATE:-1}"
AGENT="${AGENT:-hl}"
WARMUP="${WARMUP:-60s}"
TOKEN="bench-registration-token-$RANDOM$RANDOM"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_dotnet
ensure_postgres
ensure_libstdcxx

# One socket per device on each side, plus the database pool: more than the usual 1,024 descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

TMP_DIR=$(mktemp -d -t edgecontrol-bench-hub.XXXXXX)
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

log "building the control plane and the device agent (Release)"
dotnet build src/Web/Web.csproj -c Release -v quiet -nologo >"$TMP_DIR/build.log" 2>&1 || { cat "$TMP_DIR/build.log"; die "build failed"; }
dotnet build src/DeviceAgent/DeviceAgent.csproj -c Release -v quiet -nologo >>"$TMP_DIR/build.log" 2>&1 || { cat "$TMP_DIR/build.log"; die "build failed"; }

PG_DIR=$(pg_cluster_dir "$TMP_DIR/pg")
pg_cluster_init "$PG_DIR" --no-sync
pg_port=$(pg_free_port 55480)
pg_cluster_start "$PG_DIR" "$pg_port"
pg_ensure_database "$PG_DIR" "$pg_port" edgecontrol

app_port=$(pg_free_port 5080)
url="http://127.0.0.1:$app_port"
log "starting the control plane on $url (log: $TMP_DIR/web.log)"
# PostgreSQL allows 100 connections (3 reserved): a pool of 90 makes bursts queue in the pool instead of being refused.
(
  cd src/Web
  ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$url" \
  ConnectionStrings__EdgeControl="$(pg_connection_string "$pg_port" edgecontrol);Maximum Pool Size=90" \
  Orchestrator__Enabled=true \
  Orchestrator__Agent="$AGENT" \
  Devices__RegistrationToken="$TOKEN" \
  Accounts__AdminPassword="bench-first-account-$TOKEN" \
  Devices__RegistrationsPerMinute=100000 \
  exec dotnet bin/Release/net10.0/EdgeControl.Web.dll
) >"$TMP_DIR/web.log" 2>&1 &
APP_PID=$!

# Ready (database migrated), and learning: the first evaluation publishes the policy devices are answered from.
for _ in $(seq 1 120); do
  if curl -fsS "$url/health/ready" >/dev/null 2>&1 && curl -fsS "$url/health/training" >/dev/null 2>&1; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { cat "$TMP_DIR/web.log"; die "the control plane exited"; }
  sleep 1
done
curl -fsS "$url/health/ready" >/dev/null || { tail -50 "$TMP_DIR/web.log"; die "the control plane did not become ready"; }

# The control plane's CPU time (user + system) in clock ticks (the fields after the command name, which may hold spaces).
cpu_ticks() { sed 's/.*) //' "/proc/$APP_PID/stat" | awk '{ print $12 + $13 }'; }

# Every device's first connect prints a line; other connection changes (a lost connection) are kept in the output.
bench_devices() {
  dotnet src/DeviceAgent/bin/Release/net10.0/EdgeControl.DeviceAgent.dll \
    --server "$url" --bench-devices "$DEVICES" --duration "$1" --warm-up "$WARMUP" --rate "$RATE" --token "$TOKEN" \
    --keys-file "$TMP_DIR/devices.json" --scenario scenarios/paper-mobilenet.json \
    | grep --line-buffered -vE "^(connected to .*; sending the 0 outcomes in the outbox|reusing [0-9]+ devices from)" \
    | while IFS= read -r line; do
        # The control plane's CPU over the client's measured window (warm-up, connecting and draining left out).
        case "$line" in
          "measuring "*) cpu_ticks >"$TMP_DIR/cpu.start"; date +%s.%N >"$TMP_DIR/time.start" ;;
          "measured window over") cpu_ticks >"$TMP_DIR/cpu.end"; date +%s.%N >"$TMP_DIR/time.end" ;;
        esac
        printf '%s\n' "$line"
      done
  return "${PIPESTATUS[0]}"
}

if [ "$WARMUP" = 0 ] || [ "$WARMUP" = 0s ]; then WARMUP=5s; fi

log "benchmark: $DEVICES devices, warm-up $WARMUP then $DURATION measured, $RATE requests/s each; machine load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
server_cpu_before=$(ps -o times= -p "$APP_PID")
started=$(date +%s)
set +e
bench_devices "$DURATION"
code=$?
set -e
server_cpu=$(( $(ps -o times= -p "$APP_PID") - server_cpu_before ))
log "control plane CPU during the run: $server_cpu s in $(( $(date +%s) - started )) s (connecting, warm-up and draining included); machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -s "$TMP_DIR/cpu.end" ]; then
  awk -v c0="$(cat "$TMP_DIR/cpu.start")" -v c1="$(cat "$TMP_DIR/cpu.end")" -v t0="$(cat "$TMP_DIR/time.start")" \
      -v t1="$(cat "$TMP_DIR/time.end")" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "[edgecontrol] control plane CPU in the measured window: %.1f s in %.1f s (%.2f cores)\n", (c1 - c0) / hz, t1 - t0, (c1 - c0) / hz / (t1 - t0) }'
fi
# Failures of the app itself (the first start's probe of the missing migrations table is expected and not shown).
if grep -qE "fail: (EdgeControl|Microsoft.AspNetCore)" "$TMP_DIR/web.log"; then
  log "server log excerpts:"
  grep -E -A6 "fail: (EdgeControl|Microsoft.AspNetCore)" "$TMP_DIR/web.log" | head -40
fi
exit "$code"
