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
#   DEVICES=3000 CLIENTS=3 scripts/bench-hub.sh   # the devices in three client processes, figures merged
#   CLIENT_GEN0SIZE= scripts/bench-hub.sh      # the client with the runtime's default young generation (see client())
# CLIENTS=N (default 1) runs the devices as N client processes, started together, each with its share of the devices;
# their round-trip times are merged into one set of percentiles and their counts summed. Why: a real fleet's devices
# are separate processes, while one process holding 3,000 connections (about 200 MB of long-lived connection state)
# pays garbage-collection pauses of 50-500 ms that every one of its devices sees as latency (bench-hub-3000.txt section
# 8). Measured in section 9 of that file: on this 2-core machine three processes were not shown to do better than one
# (p99 242 and 186 ms against 122 and 279 ms), so the default stays the single process of every earlier figure.
# The processes' windows start within a second or two of each other, so each keeps its load running 5 s after its own
# window (--hold) and every window ends under the full load.
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
CLIENTS="${CLIENTS:-1}"
TOKEN="bench-registration-token-$RANDOM$RANDOM"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[[ "$CLIENTS" =~ ^[1-9][0-9]*$ ]] && [ "$CLIENTS" -le "$DEVICES" ] || die "CLIENTS must be a whole number from 1 to DEVICES ($DEVICES), not '$CLIENTS'"

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

# The machine's speed: a fixed single-threaded loop, the best of three, in ms (lower is faster). On a shared VM the
# same loop took 55-88 ms (this awk) and 80-151 ms (a Python loop) minutes apart with nothing else running
# (bench-hub-3000.txt, section 14). Two runs with different figures had different machines; similar figures do not
# show the same machine throughout (the loop sees a moment, not the run).
machine_speed() {
  local best="" start ms
  for _ in 1 2 3; do
    start=$(date +%s%N)
    awk 'BEGIN { for (i = 0; i < 2000000; i++) s += i * i }'
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}
speed_before=$(machine_speed)

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

# One client process: $1 devices, $2 its keys file, $3 its latencies file, then extra options.
# The client's young generation is 256 MB (CLIENT_GEN0SIZE, bytes in hex; empty: the runtime's default). One process
# standing in for thousands of devices allocates ~40 MB/s and keeps ~290 MB of connection state; with the default
# (workstation concurrent GC: at most 6 MB per young generation) it collected 6-7 times a second, each collection
# scanning that state for references into the young generation: 8-11 s of every 30 s paused, which every simulated
# device saw as round-trip time. Measured on a 2-core VM (bench-hub-3000.txt, section 10): p99 171 and 707 ms, p50 40
# and 93 ms with the default; 114-145 ms and 8-17 ms with 256 MB. A real device's agent holds one connection.
# This is the load generator's setting only: the control plane keeps the runtime's GC defaults.
client() {
  DOTNET_GCgen0size="${CLIENT_GEN0SIZE-0x10000000}" dotnet src/DeviceAgent/bin/Release/net10.0/EdgeControl.DeviceAgent.dll \
    --server "$url" --bench-devices "$1" --duration "$DURATION" --warm-up "$WARMUP" --rate "$RATE" --token "$TOKEN" \
    --keys-file "$2" --latencies-file "$3" --scenario scenarios/paper-mobilenet.json "${@:4}"
}

# Every client's output, each line prefixed with its number when there are several. Each device's first connect
# prints a line; other connection changes (a lost connection) are kept in the output.
clients() {
  if [ "$CLIENTS" = 1 ]; then
    client "$DEVICES" "$TMP_DIR/devices-1.json" "$TMP_DIR/latencies-1.txt"
    echo "$?" >"$TMP_DIR/exit-1"
    return
  fi
  local c
  for c in $(seq 1 "$CLIENTS"); do
    ( client $(( DEVICES / CLIENTS + (c <= DEVICES % CLIENTS ? 1 : 0) )) "$TMP_DIR/devices-$c.json" "$TMP_DIR/latencies-$c.txt" --hold 5s 2>&1
      echo "$?" >"$TMP_DIR/exit-$c" ) | sed -u "s/^/client $c: /" &
  done
  wait
}

bench_devices() {
  clients \
    | grep --line-buffered -vE "^(client [0-9]+: )?(connected to .*; sending the 0 outcomes in the outbox|reusing [0-9]+ devices from)" \
    | while IFS= read -r line; do
        # The control plane's CPU over the measured window (warm-up, connecting and draining left out): from the first
        # client's window start to the last one's end.
        case "$line" in
          "measuring "*|"client "*": measuring "*) [ -s "$TMP_DIR/cpu.start" ] || { cpu_ticks >"$TMP_DIR/cpu.start"; date +%s.%N >"$TMP_DIR/time.start"; } ;;
          "measured window over"|"client "*": measured window over") cpu_ticks >"$TMP_DIR/cpu.end"; date +%s.%N >"$TMP_DIR/time.end" ;;
        esac
        printf '%s\n' "$line"
        printf '%s\n' "$line" >>"$TMP_DIR/clients.log"
      done
  local c
  for c in $(seq 1 "$CLIENTS"); do
    [ "$(cat "$TMP_DIR/exit-$c" 2>/dev/null)" = 0 ] || return 1
  done
}

# Several clients: one set of figures from all their round-trip times (nearest-rank percentiles, as each client
# computes its own) and the sums of their counts.
merged_summary() {
  local sorted="$TMP_DIR/latencies.txt"
  cat "$TMP_DIR"/latencies-*.txt | sort -g >"$sorted"
  awk -v clients="$CLIENTS" '
    # "client N:   devices connected     1000 of 1000": the figures from the fifth field on.
    /: +devices connected / { connected += $5; devices += $7 }
    /: +measured window +[0-9]/ { seconds += $5; windows++ }
    /: +refused requests / { refused += $5 }
    /: +client CPU / { cpu += $5 }
    /: +client GC pauses / { collections += $6; paused += $8 }
    /: +outcomes acknowledged / { acked += $5; left += substr($6, 2) }
    END {
      printf "\nhub benchmark, %d client processes merged\n", clients
      printf "  devices connected     %d of %d\n", connected, devices
      printf "  measured window       %.1f s (mean over the clients)\n", seconds / windows
      printf "  refused requests      %d\n", refused
      printf "  client CPU            %.2f cores during the windows (all clients)\n", cpu
      printf "  client GC pauses      %d collections, %d ms paused during the windows (all clients)\n", collections, paused
      printf "  outcomes acknowledged %d (%d not acknowledged)\n", acked, left
      print seconds / windows >"'"$TMP_DIR/window"'"
    }' "$TMP_DIR/clients.log"
  awk -v window="$(cat "$TMP_DIR/window")" '
    { t[NR] = $1 }
    function p(q) { r = int(q / 100 * NR); if (r < q / 100 * NR) r++; if (r < 1) r = 1; return t[r] }
    END {
      printf "  round trips           %d (%.1f/s)\n", NR, NR / window
      printf "  round trip p50        %.2f ms\n", p(50)
      printf "  round trip p95        %.2f ms\n", p(95)
      printf "  round trip p99        %.2f ms\n", p(99)
      printf "  round trip max        %.2f ms\n", p(100)
    }' "$sorted"
}

if [ "$WARMUP" = 0 ] || [ "$WARMUP" = 0s ]; then WARMUP=5s; fi

log "benchmark: $DEVICES devices in $CLIENTS client process(es), warm-up $WARMUP then $DURATION measured, $RATE requests/s each; machine load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
server_cpu_before=$(ps -o times= -p "$APP_PID")
started=$(date +%s)
set +e
bench_devices
code=$?
set -e
[ "$CLIENTS" = 1 ] || merged_summary
server_cpu=$(( $(ps -o times= -p "$APP_PID") - server_cpu_before ))
log "control plane CPU during the run: $server_cpu s in $(( $(date +%s) - started )) s (connecting, warm-up and draining included); machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The control plane stops before the machine's speed is taken again: once the load ends its learner has the machine and
# learns flat out, and the loop would measure the machine with the learner on it.
kill -TERM "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
log "machine speed: a fixed loop took $speed_before ms before the run and $(machine_speed) ms after it, the control plane stopped (best of three; lower is faster)"
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
