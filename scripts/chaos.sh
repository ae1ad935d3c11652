#!/usr/bin/env bash
# Fault-injection suite with real processes, reported Jepsen-style: measured from the clients' side.
#
# A private PostgreSQL cluster, the control plane (src/Web, Release) as its own process, and device agents
# (src/DeviceAgent, Release) with simulated users and a data directory each, their hub connections through a TCP
# proxy (socat). One fault at a time, each followed by a drain phase:
#   a30, a120  PostgreSQL stopped (pg_ctl -m fast) for 30 s, then for 120 s
#   b          kill -9 of the control plane with devices connected, restart (same port, same database)
#   c          kill -9 of one device agent, restart with the same data directory
#   d          every hub connection cut at the proxy for 20 s
#   e          a 5th device reports an outcome with a NUL in its request id every second for 30 s
#   f          SIGTERM of the control plane, restart
# For each fault one row: outcomes the agents measured, distinct (node, sequence) stored in decision_log, rows stored
# twice, lost (measured - stored once drained), rejected, decisions answered/refused while the fault lasted, whether
# the control plane's process stayed up (a, d, e), and seconds to drain after the fault ended. Then one closing line.
# Exit code 1 when anything was lost or duplicated, the control plane went down during a, d or e, or an agent died.
#
#   scripts/chaos.sh                              # the full suite (about 8 minutes)
#   CHAOS_FAULTS="a d" CHAOS_QUICK=1 scripts/chaos.sh   # some faults, short outages, for development
# Environment:
#   CHAOS_FAULTS         faults to run, from: a (= a30 and a120) b c d e f (default: all)
#   CHAOS_QUICK=1        outages of 5/10 s (a), 5 s (d), 10 s (e) and a 30 s drain timeout
#   CHAOS_OUTPUT         file that gets the whole output too (default: $TMPDIR/edgecontrol-chaos-<time>.txt)
#   CHAOS_AGENTS         device agents besides the poison one (default 4); CHAOS_USERS simulated users each (default 2)
#   CHAOS_DRAIN_TIMEOUT  seconds a drain may take before the row is reported as it stands (default 60)
#   CHAOS_SKIP_BUILD=1   use the Release builds already there; CHAOS_KEEP=1 keeps the temp dir (logs) at the end
#   EDGECONTROL_PG_PORT  first port tried for PostgreSQL (default 56300); the app and the proxy take the next free ones
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/chaos-lib.sh
source scripts/chaos-lib.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

AGENTS="${CHAOS_AGENTS:-4}"
USERS="${CHAOS_USERS:-2}"
if [ "${CHAOS_QUICK:-0}" = 1 ]; then
  A_OUTAGES=(5 10); D_OUTAGE=5; E_DURATION=10; DRAIN_TIMEOUT="${CHAOS_DRAIN_TIMEOUT:-30}"
else
  A_OUTAGES=(30 120); D_OUTAGE=20; E_DURATION=30; DRAIN_TIMEOUT="${CHAOS_DRAIN_TIMEOUT:-60}"
fi
OUT="${CHAOS_OUTPUT:-${TMPDIR:-/tmp}/edgecontrol-chaos-$(date +%Y%m%d-%H%M%S).txt}"
POISON=$((AGENTS + 1))
TOKEN="chaos-registration-token-$RANDOM$RANDOM"
SUITE_T0=$SECONDS

# Faults to run, in the suite's order whatever order they were asked in.
FAULTS=()
for fault in a b c d e f; do
  [[ " ${CHAOS_FAULTS:-a b c d e f} " == *" $fault "* ]] && FAULTS+=("$fault")
done
for asked in ${CHAOS_FAULTS:-}; do
  [[ "$asked" =~ ^[a-f]$ ]] || die "CHAOS_FAULTS: unknown fault '$asked' (known: a b c d e f)"
done
[ "${#FAULTS[@]}" -gt 0 ] || die "CHAOS_FAULTS selects no fault"

# The whole output also goes to $OUT.
tee_output "$OUT"

make_run_dir chaos
APP_LOG="$TMP_DIR/app.log"
AGENT_DLL="$REPO/src/DeviceAgent/bin/Release/net10.0/EdgeControl.DeviceAgent.dll"
PG_DIR=""
PG_UP=0
APP_EXPECTED=0    # 1 while the control plane should be running: its death then is a finding, not our doing
FAILURES=()
ROWS=()
UP_THROUGH=()
A_DOWN=0

fail() { FAILURES+=("$*"); log "FAIL: $*"; }

TABLE_PRINTED=0
print_table() {
  TABLE_PRINTED=1
  printf '\n%-6s %9s %9s %6s %6s %9s %9s %8s  %-22s %8s  %s\n' fault measured stored twice lost rejected answered \
    refused "control plane up" "drain s" note
  [ "${#ROWS[@]}" = 0 ] || printf '%s\n' "${ROWS[@]}"
  printf '%s%s%s%s\n\n' "(measured: the agents' own counters; stored: distinct (node, sequence) in decision_log; answered/refused:" \
    " decisions while the fault lasted; drain: seconds from the fault's end until every agent has had all it measured" \
    " before then acknowledged or rejected and the database holds everything the agents measured; the closing line" \
    " counts everything since the agents started, warm-up included)"
}

cleanup() {
  local code=$? i
  set +e
  trap - EXIT INT TERM
  APP_EXPECTED=0
  # A suite that died half-way still shows the rows it has, and why the control plane may have gone.
  if [ "$TABLE_PRINTED" = 0 ] && [ "${#ROWS[@]}" -gt 0 ]; then
    print_table
    printf 'chaos: aborted after %d faults (exit code %d; the reason is above)\n' "${#ROWS[@]}" "$code"
  fi
  if [ "$code" != 0 ] && [ -f "$APP_LOG" ]; then app_log_tail 20; fi
  stop_agents
  [ -z "$APP_PID" ] || stop_pid "$APP_PID" TERM 15
  stop_proxy
  [ -z "$PG_DIR" ] || pg_cluster_stop "$PG_DIR"
  remove_run_dir "${CHAOS_KEEP:-0}" "logs of the app, the agents and the proxy"
  close_output "$OUT"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# Watching: every second of a fault and of a drain checks that what should run still runs.

# check_processes: the control plane's death while it should run is recorded (CP_DOWN) and, once PostgreSQL is up,
# answered with a restart so later faults still run; an agent's death is always a failure (a device agent must never
# die from a fault elsewhere) and it is restarted with its data directory.
check_processes() {
  if [ "$APP_EXPECTED" = 1 ] && [ -n "$APP_PID" ] && ! alive "$APP_PID"; then
    local code=0
    wait "$APP_PID" 2>/dev/null || code=$?
    APP_PID=""
    [ -n "$CP_DOWN" ] || CP_DOWN="down at +$(seconds_since "$FAULT_T0" | cut -d. -f1)s"
    progress "the control plane exited (code $code) during fault $FAULT: control plane down"
    app_log_tail 20
  fi
  if [ "$APP_EXPECTED" = 1 ] && [ -z "$APP_PID" ] && [ "$PG_UP" = 1 ]; then
    restart_app "it exited during fault $FAULT" || true
  fi
  local i
  for i in "${!AGENT_PID[@]}"; do
    if ! alive "${AGENT_PID[$i]}"; then
      local code=0
      wait "${AGENT_PID[$i]}" 2>/dev/null || code=$?
      fail "agent $i exited (code $code) during fault $FAULT"
      agent_log_tail "$i"
      # shellcheck disable=SC2086 # the extra arguments are words
      start_agent "$i" again ${AGENT_EXTRA[$i]}
    fi
  done
}

# watch SECONDS WHAT: the fault lasts SECONDS; a progress line every 10 s.
watch() {
  local until=$((SECONDS + $1)) start=$SECONDS next=$((SECONDS + 10))
  while [ "$SECONDS" -lt "$until" ]; do
    check_processes
    if [ "$SECONDS" -ge "$next" ]; then
      progress "fault $FAULT: $2, $((SECONDS - start))/$1 s"
      next=$((next + 10))
    fi
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Rows: "prev" is the snapshot at the end of the previous drain, so the rows tile the run; "begin" and "end" bound
# the fault itself (decisions answered and refused while it lasted); "now" is the latest drain check.

row_begin() {
  FAULT="$1"; CP_DOWN=""; NOTE=""
  take_snapshot begin stats-only
  FAULT_T0=$(now)
}

row_fault_end() {
  take_snapshot end stats-only
  owed_record
  FAULT_END=$(now)
  progress "fault $FAULT over after $(seconds_since "$FAULT_T0") s; draining"
}

# row_finish UP: prints the row and makes "now" the next row's start.
row_finish() {
  local up="$1" measured stored twice lost
  [ -z "$CP_DOWN" ] || up="no ($CP_DOWN)"
  measured=$(delta measured prev now)
  stored=$(delta stored prev now)
  twice=$(( $(delta rows prev now) - $(delta distinct prev now) ))
  lost=$((measured - stored))
  ROWS+=("$(printf '%-6s %9d %9d %6d %6d %9d %9d %8d  %-22s %8s  %s' "$FAULT" "$measured" "$stored" "$twice" "$lost" \
    "$(delta rejected prev now)" "$(delta answered begin end)" "$(delta refused begin end)" "$up" "$DRAIN_S" "$NOTE")")
  progress "row: ${ROWS[-1]}"
  copy_snapshot now prev
}

# ---------------------------------------------------------------------------------------------------------------
# Faults

fault_postgres_down() {
  local seconds="$1"
  row_begin "a$seconds"
  progress "fault a$seconds: stopping PostgreSQL (pg_ctl -m fast) for $seconds s"
  pg_as_owner pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null
  PG_UP=0
  watch "$seconds" "PostgreSQL down"
  pg_cluster_start "$PG_DIR" "$PG_PORT" 3>&- 4>&-
  PG_UP=1
  row_fault_end
  drain
  if [ -n "$CP_DOWN" ]; then A_DOWN=1; fail "the control plane went down while PostgreSQL was stopped ($seconds s)"; fi
  row_finish yes
}

fault_kill_control_plane() {
  row_begin b
  progress "fault b: kill -9 of the control plane (pid $APP_PID) with ${#AGENT_PID[@]} devices connected"
  APP_EXPECTED=0
  stop_pid "$APP_PID" KILL 5
  APP_PID=""
  restart_app "kill -9" || die "cannot go on without the control plane"
  APP_EXPECTED=1
  row_fault_end
  drain
  row_finish "killed"
}

fault_kill_agent() {
  row_begin c
  progress "fault c: kill -9 of agent 1 (pid ${AGENT_PID[1]}), restart with the same data directory"
  stop_agent 1 KILL
  watch 2 "agent 1 down"
  start_agent 1 again
  row_fault_end
  drain
  row_finish yes
}

fault_cut_connections() {
  row_begin d
  progress "fault d: cutting every hub connection at the proxy for $D_OUTAGE s"
  stop_proxy
  watch "$D_OUTAGE" "hub connections cut"
  start_proxy
  row_fault_end
  drain
  if [ -z "$CP_DOWN" ]; then UP_THROUGH+=(d); else fail "the control plane went down while the hub connections were cut"; fi
  row_finish yes
}

fault_poison() {
  row_begin e
  progress "fault e: a ${POISON}th device reports an outcome with a NUL in it every second for $E_DURATION s"
  start_agent "$POISON" first --poison-every 1
  wait_agents_connected 60 || { agent_log_tail "$POISON"; die "the poison agent did not connect"; }
  watch "$E_DURATION" "poison outcomes"
  # The same device again, without poison: it stays a regular device for the rest of the suite.
  stop_agent "$POISON" TERM
  start_agent "$POISON" again
  row_fault_end
  drain
  local poison rejected
  poison=$(delta poison begin end)
  rejected=$(delta rejected prev now)
  NOTE+="${NOTE:+; }$poison poison sent"
  # Every poison outcome must come back rejected (by sequence, with a reason); none of the others may.
  [ "$rejected" = "$poison" ] || fail "fault e: $poison poison outcomes sent but $rejected outcomes rejected"
  if [ -z "$CP_DOWN" ]; then UP_THROUGH+=(e); else fail "the control plane went down while a device sent poison outcomes"; fi
  row_finish yes
}

fault_stop_control_plane() {
  row_begin f
  progress "fault f: SIGTERM of the control plane (pid $APP_PID), restart"
  APP_EXPECTED=0
  local t0=$SECONDS
  stop_pid "$APP_PID" TERM 35
  APP_PID=""
  if [ "$STOP_FORCED" = 1 ]; then NOTE="did not stop within 35 s of SIGTERM: SIGKILL"; else NOTE="stopped in $((SECONDS - t0)) s"; fi
  restart_app "SIGTERM" || die "cannot go on without the control plane"
  APP_EXPECTED=1
  row_fault_end
  drain
  row_finish "stopped"
}

# ---------------------------------------------------------------------------------------------------------------
# Setup

ensure_dotnet
ensure_postgres
ensure_libstdcxx
ensure_socat
ensure_jq
[ "${CHAOS_SKIP_BUILD:-0}" = 1 ] || build_release src/Web src/DeviceAgent
agent_help=$(dotnet "$AGENT_DLL" --help 2>&1) || die "the device agent does not start: $agent_help"
for option in --data --stats --poison-every; do
  [[ "$agent_help" == *"$option"* ]] || die "the device agent has no $option option (needed by this suite; see its --help)"
done

PG_DIR=$(pg_cluster_dir "$TMP_DIR/pg")
pg_cluster_init "$PG_DIR"
PG_PORT=$(pg_free_port "${EDGECONTROL_PG_PORT:-56300}")
pg_cluster_start "$PG_DIR" "$PG_PORT" 3>&- 4>&-
PG_UP=1
pg_ensure_database "$PG_DIR" "$PG_PORT" edgecontrol

APP_PORT=$(pg_free_port $((PG_PORT + 1)))
APP_URL="http://127.0.0.1:$APP_PORT"
PROXY_PORT=$(pg_free_port $((APP_PORT + 1)))
PROXY_URL="http://127.0.0.1:$PROXY_PORT"
progress "starting the control plane on $APP_URL (log: $APP_LOG)"
start_app
if ! wait_app_ready 180 training; then
  app_log_tail 40
  die "the control plane did not become ready with a policy within 180 s"
fi
APP_EXPECTED=1
start_proxy
progress "agents reach the hub through the proxy $PROXY_URL"

mkdir -p "$AGENTS_DIR"
for ((i = 1; i <= AGENTS; i++)); do start_agent "$i" first; done
wait_agents_connected 120 || die "the device agents did not all register and connect within 120 s"
progress "$AGENTS device agents connected, $USERS simulated users each; warming up"
FAULT=warm-up
FAULT_T0=$(now)
# /health/training is healthy before the first policy is published; on a loaded machine that takes a while, and until
# then every decision is refused: the warm-up starts once the agents are answered.
deadline=$((SECONDS + 120))
until take_snapshot warm stats-only && [ "${SNAP[warm:answered]}" -gt 0 ]; do
  [ "$SECONDS" -lt "$deadline" ] || die "no decision answered within 120 s of the agents connecting (no policy published?)"
  check_processes
  sleep 1
done
watch 5 "warming up"
row_fault_end
drain
[ "$DRAIN_S" != timeout ] || die "the agents do not drain even without a fault (${SNAP[now:pending]:-?} pending)"
# The drained snapshot starts the first row: a snapshot with outcomes in flight would count them in no row's measured.
copy_snapshot now prev
[ "${SNAP[prev:measured]}" -gt 0 ] || die "the agents measured no outcome while warming up (no decisions answered?)"

# ---------------------------------------------------------------------------------------------------------------
# The suite

for fault in "${FAULTS[@]}"; do
  case "$fault" in
    a)
      A_DOWN=0
      for seconds in "${A_OUTAGES[@]}"; do fault_postgres_down "$seconds"; done
      [ "$A_DOWN" = 1 ] || UP_THROUGH=(a "${UP_THROUGH[@]}")
      ;;
    b) fault_kill_control_plane ;;
    c) fault_kill_agent ;;
    d) fault_cut_connections ;;
    e) fault_poison ;;
    f) fault_stop_control_plane ;;
  esac
done

measured=${SNAP[prev:measured]}
stored=${SNAP[prev:stored]}
lost=$((measured - stored))
duplicated=$(( ${SNAP[prev:rows]} - ${SNAP[prev:distinct]} ))

print_table

[ "$lost" -le 0 ] || fail "$lost measured outcomes are not stored"
[ "$lost" -ge 0 ] || fail "$((-lost)) more outcomes are stored than the agents counted as measured (their counters are not durable?)"
[ "$duplicated" = 0 ] || fail "$duplicated outcomes are stored more than once"
for failure in "${FAILURES[@]}"; do log "failed: $failure"; done

printf 'chaos: %d faults, %d outcomes measured, %d stored, %d lost, %d duplicated, control plane up through %s\n' \
  "${#ROWS[@]}" "$measured" "$stored" "$lost" "$duplicated" "${UP_THROUGH[*]:-none}"
[ "${#FAILURES[@]}" = 0 ]
