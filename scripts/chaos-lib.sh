#!/usr/bin/env bash
# Processes and measurements of the fault-injection suite (scripts/chaos.sh), sourced after prerequisites.sh and
# postgres.sh. Everything here measures from the clients' side: the agents' own counters (their --stats files) and
# what the database holds, never what the control plane says about itself.
#
# Globals set by chaos.sh (and scripts/cluster.sh, which shares the agents, the counting and the drain) before use:
# REPO TMP_DIR PG_DIR PG_PORT APP_PORT APP_URL PROXY_PORT PROXY_URL TOKEN APP_LOG AGENTS_DIR AGENT_DLL USERS SUITE_T0.

APP_PID=""
PROXY_PID=""
declare -A AGENT_PID=()      # agent index -> pid of the running agent
# shellcheck disable=SC2034 # read by chaos.sh
declare -A AGENT_EXTRA=()    # agent index -> extra arguments of its current run (e.g. --poison-every 1)
declare -A SNAP=()           # "name:key" -> value (see take_snapshot)

# tee_output FILE: from here on everything also goes to FILE (the original descriptors are kept as 3 and 4 to close
# the pipe to tee at the end: close_output, called last).
tee_output() {
  mkdir -p "$(dirname "$1")"
  exec 3>&1 4>&2
  exec > >(tee "$1") 2>&1
  TEE_PID=$!
}

close_output() {
  log "output written to $1"
  exec 1>&3 2>&4
  wait "$TEE_PID" 2>/dev/null
}

# make_run_dir NAME: a fresh TMP_DIR (edgecontrol-NAME.*) with AGENTS_DIR inside; the postgres user must traverse it
# to reach the cluster inside.
make_run_dir() {
  TMP_DIR=$(mktemp -d -t "edgecontrol-$1.XXXXXX")
  chmod 755 "$TMP_DIR"
  AGENTS_DIR="$TMP_DIR/agents"
}

# remove_run_dir KEEP WHAT: TMP_DIR (and PG_DIR when it had to live elsewhere) removed, or kept when KEEP is 1.
remove_run_dir() {
  if [ "$1" = 1 ]; then
    log "kept $TMP_DIR ($2)"
  else
    [ -z "$PG_DIR" ] || [[ "$PG_DIR" == "$TMP_DIR"/* ]] || rm -rf "$PG_DIR"
    rm -rf "$TMP_DIR"
  fi
}

ensure_jq() {
  command -v jq >/dev/null 2>&1 || { log "installing jq (apt)"; apt_update_once; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
}

# build_release PROJECT...: Release builds; a failed one stops the suite with its output.
build_release() {
  local project build_output
  progress "building $* (Release)"
  for project in "$@"; do
    if ! build_output=$(dotnet build "$project" -c Release -nologo -tl:off -v quiet 2>&1); then
      printf '%s\n' "$build_output" >&2
      die "the build of $project failed (output above)"
    fi
  done
}

# Seconds since the suite started, for progress lines.
elapsed() { printf '%ds' $((SECONDS - SUITE_T0)); }
progress() { log "[+$(elapsed)] $*"; }

now() { printf '%s' "$EPOCHREALTIME"; }
# seconds_since T: one decimal.
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# stop_pid PID SIGNAL GRACE: sends SIGNAL, waits up to GRACE seconds, then SIGKILL; reaps it. STOP_FORCED says
# whether the SIGKILL was needed.
STOP_FORCED=0
stop_pid() {
  local pid="$1" signal="$2" grace="$3" i
  STOP_FORCED=0
  alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill "-$signal" "$pid" 2>/dev/null || true
  # bash reports a job killed by a signal ("Killed ...") on stderr whenever it notices: here, where we expect it.
  {
    for ((i = 0; i < grace * 10; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      # shellcheck disable=SC2034 # read by chaos.sh (fault f)
      STOP_FORCED=1
    fi
    wait "$pid" || true
  } 2>/dev/null
  [ "$STOP_FORCED" = 0 ] || log "pid $pid was still running ${grace}s after SIG$signal: SIGKILL"
}

# ---------------------------------------------------------------------------------------------------------------
# Control plane

# start_control_plane URL LOG [NAME=VALUE...]: the control plane (src/Web, Release) on URL with the suite's database
# and registration token, plus the given environment (the cluster's Redis, an instance name); sets STARTED_PID.
start_control_plane() {
  local url="$1" logfile="$2"
  shift 2
  printf '\n===== control plane on %s starting at %s =====\n' "$url" "$(date -u +%FT%TZ)" >>"$logfile"
  (
    cd "$REPO/src/Web" || exit 1
    # Production: the suite needs no dashboard assets, and the registration token is ours, not the dev default.
    ConnectionStrings__EdgeControl=$(pg_connection_string "$PG_PORT" edgecontrol)
    export ConnectionStrings__EdgeControl ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
      Orchestrator__Enabled=true Devices__RegistrationToken="$TOKEN" Devices__RegistrationsPerMinute=100000 \
      Accounts__AdminPassword="chaos-first-account-$TOKEN" \
      Logging__Console__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fff "
    exec env "$@" dotnet bin/Release/net10.0/EdgeControl.Web.dll
  ) >>"$logfile" 2>&1 3>&- 4>&- &
  STARTED_PID=$!
}

# The admin's password on a control plane started by start_control_plane (the first account is created with it).
admin_password() { printf 'chaos-first-account-%s' "$TOKEN"; }

start_app() {
  start_control_plane "$APP_URL" "$APP_LOG"
  APP_PID=$STARTED_PID
}

# control_plane_ready PID URL TIMEOUT [training]: the database answers (and, with "training", the learner has
# published a policy, without which no decision is answered). Fails when the process exits or the time is up.
control_plane_ready() {
  local pid="$1" url="$2" what="${4:-}" deadline=$((SECONDS + $3))
  while [ "$SECONDS" -lt "$deadline" ]; do
    alive "$pid" || return 1
    if curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; then
      [ "$what" != training ] || curl -fsS -o /dev/null --max-time 2 "$url/health/training" 2>/dev/null && return 0
    fi
    sleep 0.5
  done
  return 1
}

wait_app_ready() { control_plane_ready "$APP_PID" "$APP_URL" "$@"; }

app_log_tail() {
  log "last lines of the control plane's log ($APP_LOG):"
  tail -n "${1:-25}" "$APP_LOG" | sed 's/^/    /' >&2
}

# restart_app REASON: starts the control plane again on the same port and database and waits until it is ready.
restart_app() {
  progress "restarting the control plane ($1)"
  start_app
  if wait_app_ready 90; then
    progress "control plane ready again (pid $APP_PID)"
  else
    app_log_tail 25
    fail "the control plane did not come back after $1"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# TCP proxy between the agents and the control plane (fault d cuts it)

# socat forks one child per connection; setsid gives the listener and its children a process group of their own,
# so stopping the group cuts every open connection (the point of fault d) without touching anything else.
start_proxy() {
  setsid socat "TCP-LISTEN:$PROXY_PORT,bind=127.0.0.1,fork,reuseaddr" "TCP:127.0.0.1:$APP_PORT" >>"$TMP_DIR/proxy.log" 2>&1 3>&- 4>&- &
  PROXY_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do
    ! pg_port_free "$PROXY_PORT" && return 0
    alive "$PROXY_PID" || break
    sleep 0.1
  done
  die "the TCP proxy did not listen on 127.0.0.1:$PROXY_PORT (see $TMP_DIR/proxy.log)"
}

stop_proxy() {
  [ -n "$PROXY_PID" ] || return 0
  kill -TERM -- "-$PROXY_PID" 2>/dev/null || true
  stop_pid "$PROXY_PID" TERM 5
  PROXY_PID=""
}

# ---------------------------------------------------------------------------------------------------------------
# Device agents: agent I lives in $AGENTS_DIR/I (data/, stats.json, agent.log) and reaches the hub through the proxy
# (or AGENT_SERVERS: the cluster's instances, comma-separated), named AGENT_NAME_PREFIX-I (default chaos-agent-I).

agent_dir() { printf '%s/%s' "$AGENTS_DIR" "$1"; }

# start_agent I first|again [extra args]: "first" registers the device; "again" is the same device and re-sends what
# its outbox holds. Both pass --register: with device.json in its data directory the agent does not register again.
start_agent() {
  local i="$1" mode="$2" dir
  shift 2
  dir=$(agent_dir "$i")
  mkdir -p "$dir/data"
  printf '\n===== chaos: agent %s starting (%s) at %s =====\n' "$i" "$mode" "$(date -u +%FT%TZ)" >>"$dir/agent.log"
  dotnet "$AGENT_DLL" --server "${AGENT_SERVERS:-$PROXY_URL}" --register --token "$TOKEN" --name "${AGENT_NAME_PREFIX:-chaos-agent}-$i" --simulate "$USERS" --seed "$i" \
    --data "$dir/data" --stats "$dir/stats.json" "$@" >>"$dir/agent.log" 2>&1 3>&- 4>&- &
  AGENT_PID[$i]=$!
  # shellcheck disable=SC2034 # read by chaos.sh (check_processes)
  AGENT_EXTRA[$i]="$*"
}

# stop_agents: all of them gracefully, signalled at once rather than one after the other.
stop_agents() {
  local i
  for i in "${!AGENT_PID[@]}"; do kill -TERM "${AGENT_PID[$i]}" 2>/dev/null; done
  for i in "${!AGENT_PID[@]}"; do stop_agent "$i" TERM; done
}

# stop_agent I TERM|KILL: a graceful stop (the agent writes its final stats) or a kill -9.
stop_agent() {
  local i="$1" signal="$2"
  [ -n "${AGENT_PID[$i]:-}" ] || return 0
  stop_pid "${AGENT_PID[$i]}" "$signal" 20
  unset 'AGENT_PID[$i]'
}

agent_log_tail() {
  log "last lines of agent $1's log ($(agent_dir "$1")/agent.log):"
  tail -n "${2:-15}" "$(agent_dir "$1")/agent.log" | sed 's/^/    /' >&2
}

# wait_agents_connected TIMEOUT: every running agent has written stats saying it is registered and connected.
wait_agents_connected() {
  local deadline=$((SECONDS + $1)) i missing
  while [ "$SECONDS" -lt "$deadline" ]; do
    missing=0
    for i in "${!AGENT_PID[@]}"; do
      alive "${AGENT_PID[$i]}" || { agent_log_tail "$i"; return 1; }
      local stats; stats="$(agent_dir "$i")/stats.json"
      [ -f "$stats" ] && [ "$(jq -r '.connected == true and (.nodeId // "") != ""' "$stats" 2>/dev/null)" = true ] || missing=$((missing + 1))
    done
    [ "$missing" = 0 ] && return 0
    sleep 0.5
  done
  return 1
}

# ---------------------------------------------------------------------------------------------------------------
# Measurements

# One line per agent that has ever written stats (also stopped ones: their counters still count):
# nodeId measured acknowledged rejected pending answered refused poisonSent connected mtime.
# The file's mtime is the moment its counters were taken; it is read before and after the content so a file replaced
# in between is read again (the stored count is cut at that moment, see db_counts).
read_stats() {
  local f m1 m2 body
  for f in "$AGENTS_DIR"/*/stats.json; do
    [ -f "$f" ] || continue
    for _ in 1 2 3 4 5; do
      m1=$(stat -c %.6Y "$f"); body=$(cat "$f"); m2=$(stat -c %.6Y "$f")
      [ "$m1" = "$m2" ] && break
    done
    jq -r --arg m "$m1" '[(.nodeId // ""), .measured, .acknowledged, .rejected, .pending, .decisionsAnswered,
      .decisionsRefused, .poisonSent, .connected, $m] | map(tostring) | @tsv' <<<"$body"
  done
}

psql_app() {
  pg_as_owner psql -h "$PG_DIR/run" -p "$PG_PORT" -U "$PG_SUPERUSER" -d edgecontrol -v ON_ERROR_STOP=1 -qtAF ' ' -c "$1"
}

# db_counts < stats lines: "stored rows distinct" for the agents' nodes. stored = distinct (node, sequence) observed
# no later than that agent's stats were taken, so it compares exactly with the agent's measured counter although the
# agents keep measuring; rows and distinct count everything, for duplicates.
db_counts() {
  local values="" node mtime
  while IFS=$'\t' read -r node _ _ _ _ _ _ _ _ mtime; do
    [ -n "$node" ] || continue
    values+="${values:+, }('$node'::uuid, to_timestamp($mtime))"
  done
  [ -n "$values" ] || { printf '0 0 0'; return 0; }
  psql_app "WITH cut(node_id, at) AS (VALUES $values)
    SELECT count(DISTINCT (d.node_id, d.sequence)) FILTER (WHERE d.observed_at <= cut.at), count(*),
           count(DISTINCT (d.node_id, d.sequence))
    FROM decision_log d JOIN cut ON cut.node_id = d.node_id"
}

# take_snapshot NAME [stats-only]: sums of the agents' counters (and, unless stats-only, the database counts) into
# SNAP[NAME:key]. Fails when the database does not answer.
take_snapshot() {
  local name="$1" lines sums db
  lines=$(read_stats)
  sums=$(awk -F'\t' '{ m += $2; a += $3; r += $4; p += $5; ok += $6; no += $7; x += $8; n++ }
    END { printf "%d %d %d %d %d %d %d %d", m, a, r, p, ok, no, x, n }' <<<"$lines")
  read -r "SNAP[$name:measured]" "SNAP[$name:acknowledged]" "SNAP[$name:rejected]" "SNAP[$name:pending]" \
    "SNAP[$name:answered]" "SNAP[$name:refused]" "SNAP[$name:poison]" "SNAP[$name:agents]" <<<"$sums"
  [ "${2:-}" = stats-only ] && return 0
  db=$(db_counts <<<"$lines" 2>/dev/null) || return 1
  read -r "SNAP[$name:stored]" "SNAP[$name:rows]" "SNAP[$name:distinct]" <<<"$db"
}

SNAPSHOT_KEYS=(measured acknowledged rejected pending answered refused poison agents stored rows distinct)
copy_snapshot() {
  local key
  for key in "${SNAPSHOT_KEYS[@]}"; do SNAP[$2:$key]=${SNAP[$1:$key]:-0}; done
}

# drain: until every agent has been acknowledged (or rejected) everything it measured before the fault ended and the
# database holds every outcome the agents have measured up to their latest stats, or DRAIN_TIMEOUT. The caller defines
# check_processes (what must still run) and sets FAULT, FAULT_END (owed_record before it), PG_UP, APP_PID (a control
# plane that must be up to count) and DRAIN_TIMEOUT; sets DRAIN_S and may add to NOTE.
drain() {
  local deadline=$((SECONDS + DRAIN_TIMEOUT)) next=$((SECONDS + 10)) settled=0
  DRAIN_S=""
  while :; do
    check_processes
    if [ "$PG_UP" = 1 ] && alive "$APP_PID" && take_snapshot now; then
      if owed_settled && [ "${SNAP[now:stored]}" -ge "${SNAP[now:measured]}" ]; then
        # Drained. The agents' stats files trail their outbox by up to a second, so under traffic stored may run a few
        # outcomes ahead of measured; a few more snapshots usually find them equal, which keeps each row's split exact.
        DRAIN_S=${DRAIN_S:-$(seconds_since "$FAULT_END")}
        if [ "${SNAP[now:stored]}" -eq "${SNAP[now:measured]}" ] || [ "$((++settled))" -ge 10 ]; then return 0; fi
      fi
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      DRAIN_S="timeout"
      NOTE+="${NOTE:+; }not drained after ${DRAIN_TIMEOUT}s: ${SNAP[now:pending]:-?} pending"
      take_snapshot now || true
      return 0
    fi
    if [ "$SECONDS" -ge "$next" ]; then
      progress "fault $FAULT: draining, ${SNAP[now:pending]:-?} pending, ${SNAP[now:stored]:-?} of ${SNAP[now:measured]:-?} measured stored"
      next=$((next + 10))
    fi
    sleep 1
  done
}

# owed_record: per node, the outcomes measured (and poison sent) so far, which the drain waits to see resolved.
declare -A OWED=()
owed_record() {
  local node measured poison
  OWED=()
  while IFS=$'\t' read -r node measured _ _ _ _ _ poison _ _; do
    [ -n "$node" ] && OWED[$node]=$((measured + poison))
  done < <(read_stats)
}

# owed_settled: every node has had everything in OWED acknowledged or rejected: nothing measured before the fault
# ended still waits in an outbox. (pending == 0 on every agent at the same moment is rare while they keep measuring.)
owed_settled() {
  local node acknowledged rejected
  while IFS=$'\t' read -r node _ acknowledged rejected _ _ _ _ _ _; do
    [ -n "$node" ] || continue
    [ $((acknowledged + rejected)) -ge "${OWED[$node]:-0}" ] || return 1
  done < <(read_stats)
}

# delta KEY FROM TO
delta() { printf '%d' $(( ${SNAP[$3:$1]:-0} - ${SNAP[$2:$1]:-0} )); }
