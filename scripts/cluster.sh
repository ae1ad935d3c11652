#!/usr/bin/env bash
# Two control-plane instances on one machine, as an operator scales out (docs/scale-out.md): a private PostgreSQL
# cluster, a private redis-server (no persistence) as the SignalR backplane, and two instances of src/Web (Release) on
# two ports sharing both, each with its own Cluster__InstanceName, learning one training run on the twin; device agents
# (src/DeviceAgent, Release) given both URLs spread over them by name.
#
#   scripts/cluster.sh            # start everything, print the URLs, wait for Ctrl-C or SIGTERM, stop everything
#   scripts/cluster.sh failover   # the failover test: kill -9 of the instance holding the trainer lease
#
# The failover test: with the agents spread over both instances and answered, it reads the trainer lease's holder from
# PostgreSQL (trainer_lease.holder), watches the other instance's dashboard in headless Chromium, kill -9s the holder,
# and measures, from the clients' side and the database:
#   - seconds from the kill until the other instance holds the lease AND its run advanced past the state at the kill
#     (a new curve point or checkpoint of the run): the failover;
#   - decisions answered and refused while the failover lasted (from the kill until the failover is done and every
#     agent is connected again), from the agents' own counters;
#   - outcomes measured (the agents' counters), stored (distinct (node, sequence) in decision_log) and lost, once the
#     agents have drained what they hold;
#   - whether the dashboard open on the surviving instance kept updating (its learning curve got points after the kill);
#   - how soon the standby served each policy the trainer announced before the kill (its log: "D ms after the trainer
#     stored it"; target at most 2 s).
# Last line: "cluster: 2 instances, failover in 6.2 s, 12040 of 12051 decisions answered during failover, 0 outcomes
# lost". Exit code 1 when a target is missed: failover over 15 s (or not at all), under 99% answered, any outcome lost
# or stored twice, a dashboard that stopped updating, or a policy served later than 2 s after it was stored.
# Environment:
#   CLUSTER_AGENTS         device agents (default 6); CLUSTER_USERS simulated users each (default 2)
#   CLUSTER_PORT           first port tried: PostgreSQL, Redis and the two instances take the next free ones (default 57100)
#   CLUSTER_FAILOVER_TIMEOUT  seconds the failover may take before the test gives up on it (default 60)
#   CLUSTER_SKIP_BUILD=1   use the Release builds already there; CLUSTER_KEEP=1 keeps the temp dir (logs) at the end
#                          (kept anyway when the run fails, so a failure can be read in the instances' logs)
#   CLUSTER_OUTPUT         file that gets the whole output too (default: $TMPDIR/edgecontrol-cluster-<time>.txt)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/redis.sh
source scripts/redis.sh
# shellcheck source=scripts/chaos-lib.sh
source scripts/chaos-lib.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

MODE="${1:-run}"
case "$MODE" in
  run | failover) ;;
  *) die "unknown command '$MODE' (scripts/cluster.sh starts a cluster; scripts/cluster.sh failover runs the failover test)" ;;
esac

AGENTS="${CLUSTER_AGENTS:-6}"
USERS="${CLUSTER_USERS:-2}"
FAILOVER_TIMEOUT="${CLUSTER_FAILOVER_TIMEOUT:-60}"
DRAIN_TIMEOUT=60
MAX_FAILOVER_S=15
MIN_ANSWERED_PERCENT=99
MAX_POLICY_MS=2000
TOKEN="cluster-registration-token-$RANDOM$RANDOM"
SUITE_T0=$SECONDS
OUT="${CLUSTER_OUTPUT:-${TMPDIR:-/tmp}/edgecontrol-cluster-$(date +%Y%m%d-%H%M%S).txt}"
INSTANCES=(cluster-a cluster-b)
# shellcheck disable=SC2034 # read by chaos-lib.sh (start_agent)
AGENT_NAME_PREFIX=cluster-agent

tee_output "$OUT"

make_run_dir cluster
AGENT_DLL="$REPO/src/DeviceAgent/bin/Release/net10.0/EdgeControl.DeviceAgent.dll"
WATCH_DLL="$REPO/scripts/testbed/Screenshots/bin/Release/net10.0/EdgeControl.Screenshots.dll"
PG_DIR=""
PG_UP=0
REDIS_DIR=""
WATCH_PID=""
declare -a URL=() LOGFILE=() PID=()
FAILURES=()

fail() { FAILURES+=("$*"); log "FAIL: $*"; }
after() { if [ -n "$1" ]; then printf '%s s after the kill' "$1"; else printf never; fi; }

cleanup() {
  local code=$? i keep
  set +e
  trap - EXIT INT TERM
  [ -z "$WATCH_PID" ] || { kill -TERM -- "-$WATCH_PID" 2>/dev/null; stop_pid "$WATCH_PID" TERM 5; }
  stop_agents
  for i in "${!PID[@]}"; do [ -z "${PID[$i]}" ] || stop_pid "${PID[$i]}" TERM 15; done
  [ -z "$REDIS_DIR" ] || redis_stop "$REDIS_DIR"
  [ -z "$PG_DIR" ] || pg_cluster_stop "$PG_DIR"
  # A failed run keeps its logs: the failure is there to read, and rare ones cannot be made to happen again at will.
  keep=${CLUSTER_KEEP:-0}
  [ "$code" = 0 ] || keep=1
  remove_run_dir "$keep" "logs of the instances, Redis, the agents and the dashboard watch"
  close_output "$OUT"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# check_processes (for drain): every agent must stay up; an instance other than the one killed must stay up.
check_processes() {
  local i
  for i in "${!AGENT_PID[@]}"; do
    if ! alive "${AGENT_PID[$i]}"; then
      fail "agent $i exited"
      agent_log_tail "$i"
      start_agent "$i" again
    fi
  done
  for i in "${!PID[@]}"; do
    if [ -n "${PID[$i]}" ] && ! alive "${PID[$i]}"; then
      fail "instance ${INSTANCES[$i]} exited on its own"
      tail -n 20 "${LOGFILE[$i]}" | sed 's/^/    /' >&2
      PID[$i]=""
    fi
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Instances

# start_instance I: instance I on its port, sharing the database and Redis. Twin mode at 50 steps/s with a checkpoint
# every 250 steps (5 s), so the run has a recent checkpoint to resume from and a new curve point every few seconds.
start_instance() {
  local i="$1"
  # Development: the dashboard's assets are served from the build output (Production needs a publish).
  start_control_plane "${URL[$i]}" "${LOGFILE[$i]}" ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    Cluster__InstanceName="${INSTANCES[$i]}" Orchestrator__Mode=twin Orchestrator__StepsPerSecond=50 \
    Orchestrator__CheckpointEvery=250
  PID[$i]=$STARTED_PID
}

instance_of() {
  local i
  for i in "${!INSTANCES[@]}"; do [ "${INSTANCES[$i]}" != "$1" ] || { printf '%s' "$i"; return 0; }; done
  return 1
}

# lease_holder: the instance name holding an unexpired trainer lease, empty when none does; fails (status 2) when
# there is no trainer_lease table (the lease is not part of this build).
lease_holder() {
  local exists
  exists=$(psql_app "SELECT to_regclass('public.trainer_lease') IS NOT NULL") || return 1
  [ "$exists" = t ] || return 2
  psql_app "SELECT holder FROM trainer_lease WHERE id = 1 AND expires_at > now()"
}

# run_state: "run_id real_interactions last_curve_point last_checkpoint" of the running run.
run_state() {
  psql_app "SELECT r.id, r.real_interactions,
      coalesce((SELECT max(id) FROM curve_points p WHERE p.run_id = r.id), 0),
      coalesce((SELECT max(id) FROM checkpoints c WHERE c.run_id = r.id), 0)
    FROM training_runs r WHERE r.status = 'running' ORDER BY r.started_at DESC LIMIT 1"
}

# agents_by_instance: "A on cluster-a, B on cluster-b" from the agents' stats (the instance each speaks to now).
agents_by_instance() {
  local f i counts=()
  for i in "${!URL[@]}"; do counts[$i]=0; done
  for f in "$AGENTS_DIR"/*/stats.json; do
    [ -f "$f" ] || continue
    local server; server=$(jq -r '.server // ""' "$f" 2>/dev/null)
    for i in "${!URL[@]}"; do [ "${server%/}" != "${URL[$i]}" ] || counts[$i]=$((counts[$i] + 1)); done
  done
  local parts=()
  for i in "${!URL[@]}"; do parts+=("${counts[$i]} on ${INSTANCES[$i]}"); done
  local IFS=,
  printf '%s' "${parts[*]}" | sed 's/,/, /g'
}

# agents_all_on URL: every agent's stats say it is connected, to URL (stats written before the kill name the killed one).
agents_all_on() {
  local f
  for f in "$AGENTS_DIR"/*/stats.json; do
    [ "$(jq -r --arg url "$1" '.connected == true and ((.server // "") | rtrimstr("/")) == $url' "$f" 2>/dev/null)" = true ] || return 1
  done
}

# ---------------------------------------------------------------------------------------------------------------
# The dashboard on the surviving instance: scripts/testbed/Screenshots --watch signs in, opens the learning page and
# prints a line each time the current run's curve gains points (a Blazor Server circuit updated by the notifier).

watch_build() {
  [ -x /usr/bin/chromium ] || { log "dashboard: no Chromium at /usr/bin/chromium; not watched"; return 1; }
  dotnet build "$REPO/scripts/testbed/Screenshots" -c Release -nologo -v quiet -tl:off >>"$TMP_DIR/build.log" 2>&1 && [ -f "$WATCH_DLL" ] ||
    { log "dashboard: the build of scripts/testbed/Screenshots failed (log: $TMP_DIR/build.log); not watched"; return 1; }
}

watch_start() {
  EDGECONTROL_ADMIN_PASSWORD="$(admin_password)" setsid dotnet "$WATCH_DLL" --url "$1/" --watch "$2" --out "$TMP_DIR/dashboard" \
    >"$TMP_DIR/dashboard.log" 2>&1 </dev/null 3>&- 4>&- &
  WATCH_PID=$!
}

# watch_updates_after T: curve updates the watch saw after the unix time T (its lines: "update <unix time> <points>").
watch_updates_after() {
  awk -v t="$1" '$1 == "update" && $2 > t { n++ } END { print n + 0 }' "$TMP_DIR/dashboard.log" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------------------
# Setup

ensure_dotnet
ensure_postgres
ensure_libstdcxx
ensure_redis
ensure_jq
[ "${CLUSTER_SKIP_BUILD:-0}" = 1 ] || build_release src/Web src/DeviceAgent
agent_help=$(dotnet "$AGENT_DLL" --help 2>&1) || die "the device agent does not start: $agent_help"
[[ "$agent_help" == *"URL[,URL...]"* ]] || die "the device agent takes one --server URL only (this script needs several; see its --help)"

PG_DIR=$(pg_cluster_dir "$TMP_DIR/pg")
pg_cluster_init "$PG_DIR"
PG_PORT=$(pg_free_port "${CLUSTER_PORT:-57100}")
pg_cluster_start "$PG_DIR" "$PG_PORT" 3>&- 4>&-
PG_UP=1
pg_ensure_database "$PG_DIR" "$PG_PORT" edgecontrol

REDIS_PORT=$(pg_free_port $((PG_PORT + 1)))
REDIS_DIR="$TMP_DIR/redis"
redis_start "$REDIS_DIR" "$REDIS_PORT"

next_port=$((REDIS_PORT + 1))
for i in "${!INSTANCES[@]}"; do
  port=$(pg_free_port "$next_port")
  next_port=$((port + 1))
  URL[$i]="http://127.0.0.1:$port"
  LOGFILE[$i]="$TMP_DIR/${INSTANCES[$i]}.log"
done
# One after the other: the first applies the migrations; the second then finds the database ready.
# A port nothing listens on may still be taken as the local end of some outgoing connection (the private range lies in
# the kernel's ephemeral range): an instance that cannot bind it is started again on the next free port.
for i in "${!INSTANCES[@]}"; do
  for attempt in 1 2 3; do
    progress "starting instance ${INSTANCES[$i]} on ${URL[$i]} (log: ${LOGFILE[$i]})"
    start_instance "$i"
    control_plane_ready "${PID[$i]}" "${URL[$i]}" 180 && break
    if [ "$attempt" -lt 3 ] && ! alive "${PID[$i]}" && grep -q "address already in use" "${LOGFILE[$i]}"; then
      wait "${PID[$i]}" 2>/dev/null || true
      URL[$i]="http://127.0.0.1:$(pg_free_port "$next_port")"
      next_port=$((${URL[$i]##*:} + 1))
      continue
    fi
    tail -n 40 "${LOGFILE[$i]}" | sed 's/^/    /' >&2
    die "instance ${INSTANCES[$i]} did not become ready within 180 s"
  done
done

# shellcheck disable=SC2034 # read by chaos-lib.sh (start_agent)
AGENT_SERVERS=$(IFS=,; printf '%s' "${URL[*]}")
mkdir -p "$AGENTS_DIR"
for ((i = 1; i <= AGENTS; i++)); do start_agent "$i" first; done
wait_agents_connected 180 || die "the device agents did not all register and connect within 180 s"
progress "$AGENTS device agents connected ($(agents_by_instance)), $USERS simulated users each"

if [ "$MODE" = run ]; then
  log "cluster up: ${INSTANCES[0]} ${URL[0]}, ${INSTANCES[1]} ${URL[1]}; PostgreSQL $(pg_connection_string "$PG_PORT" edgecontrol);"
  log "  Redis 127.0.0.1:$REDIS_PORT; dashboard sign-in: admin / $(admin_password); agents' logs under $AGENTS_DIR"
  log "Ctrl-C (or SIGTERM) stops everything"
  # Asked to stop is how this mode ends: exit code 0, after the cleanup.
  trap 'exit 0' INT TERM
  while :; do
    check_processes
    sleep 2
  done
fi

# ---------------------------------------------------------------------------------------------------------------
# The failover test

# Warm-up: every agent answered, on whichever instance; the run learning and checkpointed once.
deadline=$((SECONDS + 180))
while :; do
  check_processes
  take_snapshot warm stats-only
  unanswered=$(read_stats | awk -F'\t' '$6 == 0 { n++ } END { print n + 0 }')
  state=$(run_state 2>/dev/null || true)
  read -r RUN_ID _ _ checkpoint <<<"${state:-x 0 0 0}"
  [ "$unanswered" != 0 ] || [ "${checkpoint:-0}" = 0 ] || break
  [ "$SECONDS" -lt "$deadline" ] || die "after 180 s: $unanswered agents never answered, run '${RUN_ID:-none}' has checkpoint ${checkpoint:-0}"
  sleep 1
done
progress "warm: every agent answered (${SNAP[warm:answered]} decisions so far), run $RUN_ID has a checkpoint"

# The dashboard is opened on the instance that is not the trainer now (the lease is read again just before the kill).
WATCHED=0
current=$(lease_holder 2>/dev/null || true)
[ "${current:-${INSTANCES[0]}}" != "${INSTANCES[0]}" ] || WATCHED=1
DASHBOARD="not checked"
if watch_build; then
  watch_start "${URL[$WATCHED]}" $((FAILOVER_TIMEOUT + 180))
  # Watching once the page shows a first update, so an update after the kill is a live one, not the page loading.
  for ((i = 0; i < 120; i++)); do
    grep -q '^update ' "$TMP_DIR/dashboard.log" 2>/dev/null && break
    alive "$WATCH_PID" || break
    sleep 0.5
  done
  grep -q '^update ' "$TMP_DIR/dashboard.log" 2>/dev/null || { log "dashboard: the watch saw no curve: $(tail -1 "$TMP_DIR/dashboard.log" 2>/dev/null)"; }
fi

HOLDER=""
LEASE=present
if HOLDER=$(lease_holder); then
  [ -n "$HOLDER" ] || fail "no instance holds an unexpired trainer lease before the kill"
else
  case $? in
    2) LEASE=missing; fail "there is no trainer_lease table: this build has no trainer lease (killing ${INSTANCES[0]} anyway)" ;;
    *) die "cannot read the trainer lease" ;;
  esac
fi
VICTIM=$(instance_of "${HOLDER:-${INSTANCES[0]}}") || die "the lease holder '$HOLDER' is not one of this cluster's instances (${INSTANCES[*]})"
SURVIVOR=$((1 - VICTIM))
if [ "$WATCHED" != "$SURVIVOR" ] && [ -n "$WATCH_PID" ]; then
  kill -TERM -- "-$WATCH_PID" 2>/dev/null || true
  stop_pid "$WATCH_PID" TERM 5
  WATCH_PID=""
  DASHBOARD="not checked (the lease moved to the watched instance before the kill)"
fi
progress "trainer lease: ${HOLDER:-none} ($LEASE); the agents: $(agents_by_instance)"

take_snapshot begin stats-only
KILL_T=$(now)
progress "kill -9 of ${INSTANCES[$VICTIM]} (pid ${PID[$VICTIM]}), the trainer; ${INSTANCES[$SURVIVOR]} stays"
stop_pid "${PID[$VICTIM]}" KILL 5
PID[$VICTIM]=""
# The run as the killed trainer left it: read once PostgreSQL has settled a commit that was in flight at the kill.
sleep 0.5
read -r _ KILL_INTERACTIONS KILL_POINT KILL_CHECKPOINT <<<"$(run_state)"
# shellcheck disable=SC2034 # read by chaos-lib.sh (drain)
APP_PID=${PID[$SURVIVOR]}

LEASE_S="" RESUMED_S="" AGENTS_S=""
deadline=$((SECONDS + FAILOVER_TIMEOUT))
next=$((SECONDS + 5))
while [ "$SECONDS" -lt "$deadline" ]; do
  check_processes
  if [ -z "$LEASE_S" ] && [ "$LEASE" = present ] && [ "$(lease_holder 2>/dev/null || true)" = "${INSTANCES[$SURVIVOR]}" ]; then
    LEASE_S=$(seconds_since "$KILL_T")
    progress "${INSTANCES[$SURVIVOR]} holds the lease after $LEASE_S s"
  fi
  if [ -n "$LEASE_S" ] && [ -z "$RESUMED_S" ]; then
    read -r run interactions point checkpoint <<<"$(run_state 2>/dev/null || true)"
    # A new curve point or checkpoint: written only by learning (the run's counter moves already when a trainer resumes).
    if [ "${run:-}" = "$RUN_ID" ] && { [ "${point:-0}" -gt "$KILL_POINT" ] || [ "${checkpoint:-0}" -gt "$KILL_CHECKPOINT" ]; }; then
      RESUMED_S=$(seconds_since "$KILL_T")
      progress "run $RUN_ID advanced on ${INSTANCES[$SURVIVOR]} after $RESUMED_S s (training_runs.real_interactions $KILL_INTERACTIONS at the kill, $interactions now)"
    fi
  fi
  if [ -z "$AGENTS_S" ] && agents_all_on "${URL[$SURVIVOR]}"; then
    AGENTS_S=$(seconds_since "$KILL_T")
    progress "every agent connected again after $AGENTS_S s ($(agents_by_instance))"
  fi
  { [ -n "$RESUMED_S" ] || [ "$LEASE" = missing ]; } && [ -n "$AGENTS_S" ] && break
  if [ "$SECONDS" -ge "$next" ]; then
    progress "waiting: lease ${LEASE_S:-not moved}, run ${RESUMED_S:-not advanced}, agents ${AGENTS_S:-not all back}"
    next=$((next + 5))
  fi
  sleep 0.2
done
take_snapshot end stats-only
WINDOW_S=$(seconds_since "$KILL_T")
answered=$(delta answered begin end)
refused=$(delta refused begin end)
asked=$((answered + refused))

if [ -n "$WATCH_PID" ]; then
  # The dashboard had the whole failover, and the same again, to show a live update.
  sleep 5
  updates=$(watch_updates_after "$(printf '%.3f' "$KILL_T")")
  if [ "$updates" -gt 0 ]; then DASHBOARD="yes ($updates curve updates after the kill)"; else DASHBOARD="no (no curve update after the kill)"; fi
  kill -TERM -- "-$WATCH_PID" 2>/dev/null || true
  stop_pid "$WATCH_PID" TERM 5
  WATCH_PID=""
fi

# Everything the agents measured up to now must reach the survivor and the database.
# shellcheck disable=SC2034 # read by chaos-lib.sh (drain)
FAULT=failover
owed_record
FAULT_END=$(now)
NOTE=""
drain
# The drain's last snapshot: one taken now would count outcomes still on their way as lost.
measured=${SNAP[now:measured]}
stored=${SNAP[now:stored]}
lost=$((measured - stored))
duplicated=$(( ${SNAP[now:rows]} - ${SNAP[now:distinct]} ))

printf '\n%-34s %s\n' "instances" "${INSTANCES[*]} (killed: ${INSTANCES[$VICTIM]}, lease holder before: ${HOLDER:-none})"
printf '%-34s %s\n' "lease held by ${INSTANCES[$SURVIVOR]}" "$(after "$LEASE_S")$([ "$LEASE" = present ] || printf ' (no trainer_lease table)')"
printf '%-34s %s\n' "run advanced from the checkpoint" "$(after "$RESUMED_S")"
printf '%-34s %s\n' "agents all connected again" "$(after "$AGENTS_S") ($(agents_by_instance))"
printf '%-34s %s s: %d answered, %d refused\n' "decisions during the failover" "$WINDOW_S" "$answered" "$refused"
printf '%-34s %d measured, %d stored, %d lost, %d stored twice (drain %s s%s)\n' "outcomes since the agents started" \
  "$measured" "$stored" "$lost" "$duplicated" "${DRAIN_S:-?}" "${NOTE:+; $NOTE}"
printf '%-34s %s\n' "dashboard on ${INSTANCES[$SURVIVOR]} kept updating" "$DASHBOARD"
# How soon the standby served each policy the trainer announced before the kill (target: within 2 s).
read -r POLICIES POLICY_P50 POLICY_MAX <<<"$(grep -o '[0-9]* ms after the trainer stored it' "${LOGFILE[$SURVIVOR]}" 2>/dev/null |
  awk '{ print $1 }' | sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0, "-", "-"; else print NR, a[int((NR + 1) / 2)], a[NR] }')"
printf '%-34s %s\n' "policies served by ${INSTANCES[$SURVIVOR]}" \
  "$POLICIES announced by the trainer, each served p50 $POLICY_P50 ms, at most $POLICY_MAX ms after it was stored"
# For sizing the database (docs/scale-out.md): what one decision_log row costs on disk, indexes included.
read -r log_rows log_bytes row_bytes <<<"$(psql_app "SELECT count(*), pg_total_relation_size('decision_log'),
  coalesce((SELECT avg(pg_column_size(d.*))::int FROM decision_log d), 0) FROM decision_log" 2>/dev/null || echo "0 0 0")"
printf '%-34s %s rows, %s bytes per row with its indexes (the row itself %s bytes)\n' "decision_log" "$log_rows" \
  "$([ "${log_rows:-0}" -gt 0 ] && echo $((log_bytes / log_rows)) || echo '?')" "$row_bytes"

# For sizing Redis (docs/scale-out.md): what the backplane published over the whole run.
PUBLISHED=$(redis-cli -p "$REDIS_PORT" info commandstats 2>/dev/null | tr -d '\r' | sed -n 's/^cmdstat_publish:calls=\([0-9]*\).*/\1/p')
printf '%-34s %s PUBLISH over the run (%s per outcome stored)\n\n' "redis" "${PUBLISHED:-0}" \
  "$(awk -v p="${PUBLISHED:-0}" -v o="$stored" 'BEGIN { if (o > 0) printf "%.2f", p / o; else print "?" }')"
FAILOVER_S=""
[ -z "$LEASE_S" ] || [ -z "$RESUMED_S" ] || FAILOVER_S=$RESUMED_S
if [ -z "$FAILOVER_S" ]; then
  fail "the failover did not complete within $FAILOVER_TIMEOUT s (lease: ${LEASE_S:-not moved}, run: ${RESUMED_S:-not advanced})"
elif awk -v s="$FAILOVER_S" -v max="$MAX_FAILOVER_S" 'BEGIN { exit !(s > max) }'; then
  fail "the failover took $FAILOVER_S s (target: at most $MAX_FAILOVER_S s)"
fi
[ "$asked" -gt 0 ] || fail "no decision was asked during the failover"
if [ "$asked" -gt 0 ] && [ $((answered * 100)) -lt $((asked * MIN_ANSWERED_PERCENT)) ]; then
  fail "$answered of $asked decisions answered during the failover (target: at least $MIN_ANSWERED_PERCENT%)"
fi
[ "$lost" -le 0 ] || fail "$lost measured outcomes are not stored"
[ "$duplicated" = 0 ] || fail "$duplicated outcomes are stored more than once"
[ "$POLICIES" -gt 0 ] || fail "the standby served no policy the trainer announced"
[ "$POLICIES" = 0 ] || [ "$POLICY_MAX" -le "$MAX_POLICY_MS" ] || fail "a policy reached the standby $POLICY_MAX ms after it was stored (target: at most $MAX_POLICY_MS ms)"
[[ "$DASHBOARD" != "no "* ]] || fail "the dashboard on ${INSTANCES[$SURVIVOR]} stopped updating"
for failure in "${FAILURES[@]}"; do log "failed: $failure"; done

printf 'cluster: %d instances, failover %s, %d of %d decisions answered during failover, %d outcomes lost\n' \
  "${#INSTANCES[@]}" "$([ -n "$FAILOVER_S" ] && printf 'in %s s' "$FAILOVER_S" || printf 'not done within %s s' "$FAILOVER_TIMEOUT")" \
  "$answered" "$asked" "$((lost > 0 ? lost : 0))"
[ "${#FAILURES[@]}" = 0 ]
