#!/usr/bin/env bash
# The one-machine live testbed (docs/testbed.md). As root:
#   scripts/testbed.sh [--duration 10m] [--users 6] [--agent hl] [--ab-window 30s (default: duration / 20, 10-60 s)]
#                      [--device-cpu emulated|host]   # devices' inference at their profile's speed (default), or this CPU's
#                      [--warm-start 2000]            # first learn this many real steps on the digital twin, then go live (0: off)
#                      [--ab-learner-explores]        # the learner's A/B windows explore as its schedule says (default: paused)
#                      [--ab-learner-learns]          # the learner goes on learning through the A/B windows (default: stopped)
#                      [--screenshots DIR]            # dashboard PNGs before the A/B windows (DIR) and after them (DIR/after-ab)
#                      [--scenario FILE]              # servers edge-1 and cloud-1, users as wanted (default: scenarios/testbed.json)
#   scripts/testbed.sh --check-network [--users 6]     # only the namespaces, veths and tbf: build, measure, remove
#
# Starts a private PostgreSQL, the control plane learning in live mode on scenarios/testbed.json (or --scenario), one
# edge worker and one cloud worker (src/Worker, real MobileNetV1 inference, pinned to their own cores with taskset) and
# one device agent per user (src/DeviceAgent --real), each in its own network namespace behind a veth pair whose uplink
# the agent shapes with tbf to its user's current network condition. Phase 1 (most of the duration): the learner learns
# from measured outcomes. Phase 2: A/B, the serving policy switched in equal windows over the learner (its greedy
# decisions: learned-greedy), local, edge, cloud and greedy; at each window's start every agent replays its user's
# requests from the start of their trace, so every policy serves the same requests under the same network conditions.
# Then the report (edgecontrol testbed report). It ends by itself and removes every namespace, link, qdisc and process
# it made, also on Ctrl-C or SIGTERM. Logs, the A/B windows and the report stay in .data/testbed/<time>/.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLER_DIR=$PWD
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/testbed/network.sh
source scripts/testbed/network.sh
# shellcheck source=scripts/testbed/processes.sh
source scripts/testbed/processes.sh
# shellcheck source=scripts/testbed/control.sh
source scripts/testbed/control.sh
# shellcheck source=scripts/testbed/check.sh
source scripts/testbed/check.sh
# shellcheck source=scripts/testbed/devices.sh
source scripts/testbed/devices.sh
# shellcheck source=scripts/testbed/screenshots.sh
source scripts/testbed/screenshots.sh

SCENARIO="$REPO/scenarios/testbed.json"
# The learner's own windows serve its greedy decisions (learned-greedy: exploration paused).
POLICIES=(learned-greedy local edge cloud greedy)

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# seconds DURATION: 90, 90s, 5m, 1h -> seconds.
seconds() {
  case "$1" in
    *[!0-9smh]* | "" ) die "not a duration: '$1' (e.g. 90s, 10m, 1h)" ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo $(( ${1%s} )) ;;
    *) echo "$1" ;;
  esac
}

DURATION=600
USERS=6
AGENT=hl
AB_WINDOW=""
CHECK_NETWORK=0
DEVICE_CPU=emulated
SHOTS_DIR=""
# The hybrid learner goes live with what the twin taught it (about a minute here), as in production, not from zero.
WARM_START=2000
AB_LEARNS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$(seconds "${2:?--duration needs a value}"); shift 2 ;;
    --users) USERS="${2:?--users needs a value}"; shift 2 ;;
    --agent) AGENT="${2:?--agent needs a value}"; shift 2 ;;
    --ab-window) AB_WINDOW=$(seconds "${2:?--ab-window needs a value}"); shift 2 ;;
    --check-network) CHECK_NETWORK=1; shift ;;
    --device-cpu) DEVICE_CPU="${2:?--device-cpu needs a value}"; shift 2 ;;
    --warm-start) WARM_START="${2:?--warm-start needs a number of steps}"; shift 2 ;;
    --ab-learner-explores) POLICIES[0]=learned; shift ;;
    --ab-learner-learns) AB_LEARNS=1; shift ;;
    --scenario) SCENARIO="${2:?--scenario needs a file}"; [[ "$SCENARIO" == /* ]] || SCENARIO="$CALLER_DIR/$SCENARIO"; shift 2 ;;
    --screenshots) SHOTS_DIR="${2:?--screenshots needs a directory}"; [[ "$SHOTS_DIR" == /* ]] || SHOTS_DIR="$CALLER_DIR/$SHOTS_DIR"; shift 2 ;;
    -h | --help) usage ;;
    *) log "unknown option '$1'"; usage ;;
  esac
done

command -v jq >/dev/null 2>&1 || { apt_update_once; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
[[ "$SCENARIO" == *.json && -f "$SCENARIO" ]] || die "--scenario must be a scenario file (*.json), got '$SCENARIO'"
SCENARIO_NAME=$(basename "$SCENARIO" .json)
jq -e . "$SCENARIO" >/dev/null 2>&1 || die "the scenario $SCENARIO is not JSON"
# The testbed starts one edge worker named edge-1 and one cloud worker named cloud-1; a live run maps servers by name.
servers=$(jq -r '[.servers[]?.name] | sort | join(" ")' "$SCENARIO")
[ "$servers" = "cloud-1 edge-1" ] ||
  die "the testbed runs two workers, edge-1 (edge) and cloud-1 (cloud): the scenario $SCENARIO must have exactly those servers, it has '${servers:-none}'"
# The scenario's user names as the loader expands them (a user with count k is name-1 ... name-k), with their device.
mapfile -t USER_ROWS < <(jq -r '.users[] | . as $u | (if (.count // 1) == 1 then .name else range(1; .count + 1) as $k | "\(.name)-\($k)" end) | "\(.) \($u.device)"' "$SCENARIO")
USER_NAMES=("${USER_ROWS[@]%% *}")
[[ "$USERS" =~ ^[0-9]+$ ]] && [ "$USERS" -ge 1 ] && [ "$USERS" -le "${#USER_NAMES[@]}" ] ||
  die "--users must be 1 to ${#USER_NAMES[@]} (the users of $SCENARIO), got '$USERS'"

# The plan: learning for most of the time, then whole A/B cycles (each policy one window) in the last part.
# By default a twentieth of the run, 10 to 60 s: about 200 requests per policy and window at 13 requests/s, and most of
# a short run left to learn (5 m: 15 s windows, 225 s of learning; 10 m: 30 s windows, 450 s).
if [ -z "$AB_WINDOW" ]; then
  AB_WINDOW=$((DURATION / 20)); [ "$AB_WINDOW" -ge 10 ] || AB_WINDOW=10; [ "$AB_WINDOW" -le 60 ] || AB_WINDOW=60
fi
[ "$DEVICE_CPU" = emulated ] || [ "$DEVICE_CPU" = host ] || die "--device-cpu must be emulated or host, got '$DEVICE_CPU'"
[ "$AB_WINDOW" -ge 5 ] || die "--ab-window must be at least 5 s, got $AB_WINDOW s"
[[ "$WARM_START" =~ ^[0-9]+$ ]] || die "--warm-start must be a whole number of twin steps (0: off), got '$WARM_START'"
CYCLE=$((AB_WINDOW * ${#POLICIES[@]}))
CYCLES=$((DURATION * 2 / 5 / CYCLE))
[ "$CYCLES" -ge 1 ] || CYCLES=1
AB_SECONDS=$((CYCLES * CYCLE))
LEARN_SECONDS=$((DURATION - AB_SECONDS))
[ "$LEARN_SECONDS" -ge 60 ] ||
  die "--duration $DURATION s leaves $LEARN_SECONDS s to learn before one A/B cycle of ${#POLICIES[@]} x $AB_WINDOW s: give a longer --duration or a shorter --ab-window"

# Cores: the cloud worker gets cores of its own; the edge worker one core, which the device agents share (on 2 cores,
# one each: the edge and the devices are the busy, slower side). The control plane and PostgreSQL are not pinned.
CORES=$(nproc)
if [ "$CORES" -ge 4 ]; then
  CLOUD_CPUS="0-$((CORES / 2 - 1))"; CLOUD_THREADS=$((CORES / 2))
  EDGE_CPUS="$((CORES / 2))"; DEVICE_CPUS="$((CORES / 2 + 1))-$((CORES - 1))"
elif [ "$CORES" -ge 2 ]; then
  CLOUD_CPUS=0; CLOUD_THREADS=1; EDGE_CPUS=$((CORES - 1)); DEVICE_CPUS=$((CORES - 1))
else
  CLOUD_CPUS=0; CLOUD_THREADS=1; EDGE_CPUS=0; DEVICE_CPUS=0
fi

TB_RUN_DIR="$REPO/.data/testbed/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$TB_RUN_DIR"
# The control plane takes training runs on a scenario by its file name in Orchestrator:ScenariosDirectory: the run's
# own copy, so it offers this scenario alone, and the run's directory keeps the scenario it ran.
SCENARIO_DIR="$TB_RUN_DIR/scenarios"
mkdir -p "$SCENARIO_DIR"
cp "$SCENARIO" "$SCENARIO_DIR/"
PG_DIR=""
PG_PORT=""
PG_STARTED=0
TB_SLEEP_PID=""

# Stops every process this run started (agents first, so they flush their outboxes while the control plane still
# takes them), removes every namespace and link (with their qdiscs) and stops PostgreSQL; once.
CLEANED=0
cleanup_now() {
  [ "$CLEANED" = 0 ] || return 0
  CLEANED=1
  # Called at the end of a run too, not only from the trap: nothing here may end the script half-way.
  set +e
  [ -z "$TB_SLEEP_PID" ] || kill "$TB_SLEEP_PID" 2>/dev/null
  tb_shots_stop
  log "cleaning up: processes, namespaces, links, qdiscs"
  tb_stop_matching agent- 20
  tb_stop_all 20
  tb_net_down
  local left
  left=$(tb_net_leftovers)
  [ -z "$left" ] && log "clean-up: no namespace or link named $TB_PREFIX-* is left" || log "clean-up: still there: $left"
  if [ "$PG_STARTED" = 1 ]; then pg_cluster_stop "$PG_DIR"; fi
  log "logs and results: $TB_RUN_DIR${PG_DIR:+ (the database: $PG_DIR)}"
}
cleanup() {
  local code=$?
  set +e
  trap - EXIT INT TERM
  cleanup_now
  exit "$code"
}
trap cleanup EXIT
trap '' PIPE
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

if [ "$CHECK_NETWORK" = 1 ]; then
  tb_check_network "$USERS" "$SCENARIO"
  exit $?
fi

log "testbed: $USERS users (${USER_NAMES[*]:0:$USERS}), learner $AGENT, $DURATION s: learning $LEARN_SECONDS s, then A/B $CYCLES x (${POLICIES[*]}) in windows of $AB_WINDOW s"
log "cores: $CORES; cloud worker on CPU $CLOUD_CPUS ($CLOUD_THREADS thread(s)), edge worker on CPU $EDGE_CPUS (1 thread), device agents on CPU $DEVICE_CPUS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ensure_dotnet
ensure_postgres
ensure_libstdcxx
tb_net_preflight
command -v taskset >/dev/null 2>&1 || die "taskset (util-linux) is not installed"

log "building the control plane, the worker, the device agent and the CLI (Release; build log: $TB_RUN_DIR/build.log)"
for project in src/Web src/Worker src/DeviceAgent src/Cli; do
  dotnet build "$project" -c Release -nologo -v quiet -tl:off >>"$TB_RUN_DIR/build.log" 2>&1 ||
    { tail -30 "$TB_RUN_DIR/build.log" >&2; die "the build of $project failed (log: $TB_RUN_DIR/build.log)"; }
done
WEB_DLL="$REPO/src/Web/bin/Release/net10.0/EdgeControl.Web.dll"
WORKER_DLL="$REPO/src/Worker/bin/Release/net10.0/EdgeControl.Worker.dll"
AGENT_DLL="$REPO/src/DeviceAgent/bin/Release/net10.0/EdgeControl.DeviceAgent.dll"
CLI_DLL="$REPO/src/Cli/bin/Release/net10.0/edgecontrol.dll"
for dll in "$WEB_DLL" "$WORKER_DLL" "$AGENT_DLL" "$CLI_DLL"; do [ -f "$dll" ] || die "the build made no $dll"; done
if [ -n "$SHOTS_DIR" ]; then
  log "building the screenshot tool (scripts/testbed/Screenshots, Release) for --screenshots $SHOTS_DIR"
  tb_shots_build || SHOTS_DIR=""
fi
# The device agent must host named users and shape its uplink (issue 13); say so now rather than after the start-up.
agent_help=$(dotnet "$AGENT_DLL" --help 2>&1 || true)
for option in --users-named --shape-uplink --real; do
  grep -q -- "$option" <<<"$agent_help" || die "this device agent has no $option option (src/DeviceAgent without issue 13's real offload path)"
done

# ---------------------------------------------------------------------------------------------------------------
# Network, database, control plane

log "network: bridge $TB_BRIDGE ($TB_HOST_IP/24), one namespace per device ($(tb_ns 1) ... $(tb_ns "$USERS")), uplinks shaped by tbf"
tb_net_up "$USERS"
if tb_netem_available 1; then
  log "netem is available here, but the testbed adds no delay: the RTT devices see is the veth's own"
else
  log "netem is not in this kernel: no round-trip delay can be added; the RTT devices see is the real one over veth (well under 1 ms)"
fi

PG_DIR=$(pg_cluster_dir "$TB_RUN_DIR/pg")
pg_cluster_init "$PG_DIR" --no-sync
PG_PORT=$(pg_free_port 55490)
PG_STARTED=1
pg_cluster_start "$PG_DIR" "$PG_PORT"
pg_ensure_database "$PG_DIR" "$PG_PORT" edgecontrol
CONNECTION="$(pg_connection_string "$PG_PORT" edgecontrol)"

APP_PORT=$(pg_free_port 5090)
TB_URL="http://$TB_HOST_IP:$APP_PORT"
TOKEN="testbed-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TB_ADMIN_PASSWORD="testbed-pass-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "control plane on $TB_URL (dashboard: sign in as admin / $TB_ADMIN_PASSWORD; log: $TB_RUN_DIR/web.log)"
# Development serves the dashboard's assets from the build output; the registration token and admin are this run's.
tb_spawn web "$TB_RUN_DIR/web.log" env -C "$REPO/src/Web" \
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$TB_URL" \
  ConnectionStrings__EdgeControl="$CONNECTION" \
  Devices__RegistrationToken="$TOKEN" Accounts__AdminPassword="$TB_ADMIN_PASSWORD" \
  Orchestrator__ScenarioPath="$SCENARIO" Orchestrator__ScenariosDirectory="$SCENARIO_DIR" \
  Orchestrator__Agent="$AGENT" Orchestrator__Mode=live \
  Logging__Console__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fff " \
  dotnet "$WEB_DLL"
tb_wait_url "$TB_URL/health/ready" 120 "${TB_PID[web]}" ||
  { tail -30 "$TB_RUN_DIR/web.log" >&2; die "the control plane did not become ready (log: $TB_RUN_DIR/web.log)"; }
tb_sign_in || die "could not sign in as admin"
tb_api GET /api/v1/serving-policy >/dev/null ||
  die "this control plane has no serving-policy switch (GET /api/v1/serving-policy), which the A/B windows need"

# ---------------------------------------------------------------------------------------------------------------
# Workers: they profile themselves at start, before any device loads the machine.

start_worker() {
  local name="$1" tier="$2" cpus="$3" threads="$4" port
  port=$(pg_free_port "$5")
  mkdir -p "$TB_RUN_DIR/$name"
  tb_spawn "worker-$name" "$TB_RUN_DIR/$name.log" taskset -c "$cpus" dotnet "$WORKER_DLL" \
    --server "$TB_URL" --name "$name" --tier "$tier" --url "http://$TB_HOST_IP:$port" --listen "http://$TB_HOST_IP:$port" \
    --slots 1 --threads "$threads" --queue 8 --data-dir "$TB_RUN_DIR/$name" --registration-token "$TOKEN" --scenario "$SCENARIO"
  log "worker $name ($tier) on http://$TB_HOST_IP:$port, CPU $cpus, $threads thread(s), pid ${TB_PID[worker-$name]} (log: $TB_RUN_DIR/$name.log)"
}
# wait_profiled NAME: until worker NAME's self-profile is in nodes.measured_profile; prints it with the load average
# it was measured under (a busy machine makes a slow, noisy profile: see the worker's log for every variant).
wait_profiled() {
  local name="$1" deadline=$((SECONDS + 300)) profile=""
  while [ -z "$profile" ]; do
    tb_alive "${TB_PID[worker-$name]:-}" || { tail -20 "$TB_RUN_DIR/$name.log" >&2; die "worker $name exited (log above)"; }
    [ "$SECONDS" -lt "$deadline" ] || die "worker $name did not report its self-profile within 300 s (log: $TB_RUN_DIR/$name.log)"
    tb_sleep 2
    profile=$(tb_sql "SELECT measured_profile FROM nodes WHERE name = '$name' AND measured_profile IS NOT NULL")
  done
  log "self-profile of $name: $(jq -r '"\(.gigaMacsPerSecond * 10 | round / 10) GMAC/s per slot, \(.slots) slot(s), service overhead \(if .serviceOverheadMs == null then "not measured" else "\(.serviceOverheadMs * 100 | round / 100) ms" end)"' <<<"$profile") (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}
# One after the other, so neither profiles while the other loads the machine.
start_worker cloud-1 cloud "$CLOUD_CPUS" "$CLOUD_THREADS" 7201
wait_profiled cloud-1
start_worker edge-1 edge "$EDGE_CPUS" 1 7101
wait_profiled edge-1
# This machine's per-core speed, for the devices' emulated CPUs: the faster of the two self-profiles (the less disturbed).
CORE_GMACS=$(tb_sql "SELECT round(max((measured_profile->>'gigaMacsPerSecond')::numeric), 1) FROM nodes WHERE tier IN ('edge', 'cloud')")

# ---------------------------------------------------------------------------------------------------------------
# The live run, then the devices

WARM_FROM=""
if [ "$WARM_START" -gt 0 ]; then
  # Warm start: the learner first learns on the digital twin of the same scenario (its published profiles), so it goes
  # live with the twin's policy instead of a random one, then goes on from the devices' measured outcomes.
  WARM_FROM=$(tb_start_twin_run "$AGENT") || die "could not start the warm-start run on the twin"
  log "warm start: run $WARM_FROM learning $WARM_START real steps on the twin (scenario $SCENARIO_NAME, unpaced) before going live"
  warm_deadline=$((SECONDS + 900)) warm_steps=0
  while [ "${warm_steps:-0}" -lt "$WARM_START" ]; do
    [ "$SECONDS" -lt "$warm_deadline" ] || die "the warm-start run did not checkpoint $WARM_START steps within 900 s (at ${warm_steps:-0})"
    tb_alive "${TB_PID[web]}" || { tail -30 "$TB_RUN_DIR/web.log" >&2; die "the control plane exited (log above)"; }
    tb_sleep 5
    warm_steps=$(tb_sql "SELECT coalesce(max(real_interactions), 0) FROM checkpoints WHERE run_id = '$WARM_FROM'")
  done
  log "warm start: checkpoint at $warm_steps twin steps after $((SECONDS - warm_deadline + 900)) s; closed-loop score on the twin $(tb_sql "SELECT coalesce(round(closed_loop_score::numeric, 3)::text, 'n/a') FROM curve_points WHERE run_id = '$WARM_FROM' ORDER BY real_interactions DESC LIMIT 1")"
fi
RUN_ID=$(tb_start_live_run "$AGENT" "$WARM_FROM") || die "could not start the live training run"
SINCE=$(date -u +%FT%T.%3NZ)
log "training run $RUN_ID: $AGENT learning in live mode on scenario $SCENARIO_NAME since $SINCE${WARM_FROM:+ (warm-started from run $WARM_FROM)}"
tb_serve learned || die "could not set the serving policy to learned"
# Devices are answered once the run has published its first policy (its evaluation at start).
tb_wait_url "$TB_URL/health/training" 120 "${TB_PID[web]}" || log "the training run has not reported healthy within 120 s (GET /health/training); going on"

# The A/B windows are fixed now, on the wall clock: the first starts LEARN_SECONDS from here, the others follow each
# AB_WINDOW s. At each window's start every agent starts its user's requests over from the start of its trace
# (--replay-from, --replay-every), so every policy serves the same requests under the same network conditions.
AB_START=$(( $(date +%s) + LEARN_SECONDS ))
[ "$DEVICE_CPU" = emulated ] || log "device CPUs: this machine's (--device-cpu host), several times faster than the scenario's boards"
for ((i = 1; i <= USERS; i++)); do
  read -r user profile <<<"${USER_ROWS[$((i - 1))]}"
  dir="$TB_RUN_DIR/agents/$i"
  mkdir -p "$dir/data"
  share=1
  if [ "$DEVICE_CPU" = emulated ]; then
    share=$(tb_device_share "$profile" "$CORE_GMACS")
    log "device agent $i: on-device inference as on $(awk -v s="$share" 'BEGIN { printf "%.0f", s * 100 }')% of a core ($profile $(tb_profile_gmacs "$profile") GMAC/s, this machine's core $CORE_GMACS GMAC/s)"
  fi
  tb_spawn "agent-$i" "$dir/agent.log" ip netns exec "$(tb_ns "$i")" taskset -c "$DEVICE_CPUS" dotnet "$AGENT_DLL" \
    --server "$TB_URL" --register --token "$TOKEN" --name "testbed-$user" --profile "$profile" \
    --users-named "$user" --real --cpu-share "$share" --shape-uplink "$TB_DEVICE_IFACE" --scenario "$SCENARIO" \
    --data "$dir/data" --stats "$dir/stats.json" --replay-from "$AB_START" --replay-every "${AB_WINDOW}s"
  log "device agent $i: user $user ($profile) in $(tb_ns "$i") at $(tb_device_ip "$i"), pid ${TB_PID[agent-$i]} (log: $dir/agent.log)"
done

# until_epoch EPOCH: seconds (with fractions) from now to the Unix time EPOCH, 0 when past.
until_epoch() { awk -v e="$1" -v n="$(date +%s.%N)" 'BEGIN { d = e - n; if (d < 0) d = 0; printf "%.3f", d }'; }

# watch EPOCH LABEL: until the Unix time EPOCH, progress every 30 s (the decision log, each uplink's current tbf rate),
# aborting if the control plane dies; a worker or agent that dies is reported (the control plane masks an offline worker).
watch() {
  local until="$1" label="$2" step name rates i
  while [ "$(until_epoch "$until")" != 0.000 ]; do
    step=$(awk -v d="$(until_epoch "$until")" 'BEGIN { printf "%.3f", d < 30 ? d : 30 }')
    tb_sleep "$step"
    step=$(printf '%.0f' "$step")
    tb_alive "${TB_PID[web]}" || { tail -30 "$TB_RUN_DIR/web.log" >&2; die "the control plane exited (log above)"; }
    for name in "${!TB_PID[@]}"; do
      tb_alive "${TB_PID[$name]}" || { log "$name exited (see its log in $TB_RUN_DIR)"; unset "TB_PID[$name]"; }
    done
    rates=""
    for ((i = 1; i <= USERS; i++)); do
      rates+=" $(tb_in_ns "$i" tc qdisc show dev "$TB_DEVICE_IFACE" 2>/dev/null | awk '/tbf/ { for (k = 1; k < NF; k++) if ($k == "rate") print $(k + 1) }' | head -1)"
    done
    log "[$label +$((SECONDS - T0))s] $(tb_progress_since "$SINCE" "$step"); uplinks:${rates:- none}; load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

T0=$SECONDS
log "phase 1: learning for $LEARN_SECONDS s"
# The screenshots start SHOTS_LEAD s before the A/B windows, so that they are done (about 30 s on an idle machine,
# Chromium included) before the first window: a browser rendering during one policy's window would slow that policy.
SHOTS_LEAD=0
[ -z "$SHOTS_DIR" ] || { SHOTS_LEAD=90; [ "$SHOTS_LEAD" -le $((LEARN_SECONDS / 2)) ] || SHOTS_LEAD=$((LEARN_SECONDS / 2)); }
# Each A/B window is [its start, its end) on the plan; its policy is switched SWITCH_LEAD s before its start, so that it
# decides the replayed trace's first requests (the report counts a request for the policy of the window it falls in
# only when that policy decided it).
SWITCH_LEAD=0.2
before() { awk -v t="$1" -v l="$SWITCH_LEAD" 'BEGIN { printf "%.3f", t - l }'; }
# The training run is stopped STOP_LEAD s before the first window (below), so that its last exploring decisions are
# answered before the learner's first window.
STOP_LEAD=0
[ "$AB_LEARNS" = 1 ] || STOP_LEAD=3
watch "$(before $((AB_START - SHOTS_LEAD - STOP_LEAD)))" learning
if [ -n "$SHOTS_DIR" ]; then
  tb_shots_start "$SHOTS_DIR" before-ab
  watch "$(before $((AB_START - STOP_LEAD)))" learning
fi

# A/B compares the policy learned in phase 1 with the fixed ones, so the training run stops as the windows begin: the
# policy it published last keeps serving the learner's windows, unchanged from cycle to cycle as a fixed policy is.
# (Learning on through the windows, --ab-learner-learns, the learner fits its model to each fixed policy's one-placement
# traffic in turn: in a 20-minute run its four windows on the same requests went -0.381, -0.408, -0.433, -0.415 while
# greedy's went -0.403, -0.402, -0.402, -0.406.) In its own windows the learner serves its greedy decisions
# (learned-greedy; --ab-learner-explores: exploring as its schedule says). The decision log's served_by says which
# policy decided each row.
if [ "$AB_LEARNS" = 0 ]; then
  tb_api POST "/api/v1/training-runs/$RUN_ID/stop" >/dev/null || die "could not stop the training run $RUN_ID before the A/B windows"
  log "training run $RUN_ID stopped: its last published policy serves the learner's A/B windows (--ab-learner-learns: learning goes on)"
  watch "$(before "$AB_START")" stopped
fi
WINDOWS="$TB_RUN_DIR/windows.tsv"
printf 'policy\tstart\tend\n' >"$WINDOWS"
log "phase 2: A/B, $CYCLES cycle(s) of ${POLICIES[*]} (every other cycle in reverse), $AB_WINDOW s each (windows: $WINDOWS)"
# Every other cycle runs the policies in reverse order (learned-greedy ... greedy, then greedy ... learned-greedy), so a
# drift of the machine's load over the A/B phase weighs on every policy alike instead of on the one that always goes
# first (a counterbalanced, ABBA design).
window=0
for ((c = 1; c <= CYCLES; c++)); do
  ORDER=("${POLICIES[@]}")
  if ((c % 2 == 0)); then
    ORDER=()
    for ((p = ${#POLICIES[@]} - 1; p >= 0; p--)); do ORDER+=("${POLICIES[p]}"); done
  fi
  for policy in "${ORDER[@]}"; do
    start=$((AB_START + window * AB_WINDOW))
    window=$((window + 1))
    tb_serve "$policy" || die "could not switch the serving policy to $policy"
    watch "$(before $((start + AB_WINDOW)))" "A/B $c $policy"
    printf '%s\t%s\t%s\n' "$policy" "$(date -u -d "@$start" +%FT%T.000Z)" "$(date -u -d "@$((start + AB_WINDOW))" +%FT%T.000Z)" >>"$WINDOWS"
  done
done
watch "$((AB_START + window * AB_WINDOW))" "A/B end"
tb_serve learned || true
# Once more after the windows (the learned policy serving again, the devices still running), waited for (at most
# 120 s) before the devices stop, so the pages show the live fleet.
if [ -n "$SHOTS_DIR" ]; then
  tb_shots_start "$SHOTS_DIR/after-ab" after-ab
  tb_shots_wait 120
fi

# The agents' outboxes are flushed on a graceful stop; what they measured is then in the decision log.
log "stopping the device agents (their measured outcomes are sent before they exit)"
tb_stop_matching agent- 30
tb_sleep 3

# Each worker's profile as stored last: its in-service one (from its served passes) if it moved from the start-up one.
for name in cloud-1 edge-1; do
  log "latest profile of $name: $(tb_sql "SELECT round((measured_profile->>'gigaMacsPerSecond')::numeric, 1) || ' GMAC/s per slot, reported ' || to_char(profiled_at AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' UTC' FROM nodes WHERE name = '$name'")"
done
log "report: edgecontrol testbed report --connection '$CONNECTION' --scenario $SCENARIO --since $SINCE --windows $WINDOWS"
dotnet "$CLI_DLL" testbed report --connection "$CONNECTION" --scenario "$SCENARIO" --since "$SINCE" --windows "$WINDOWS" \
  >"$TB_RUN_DIR/report.txt" || die "the report failed (the database stays in $PG_DIR)"
# Clean up first, so the report's closing line is the last line of the output.
cleanup_now
cat "$TB_RUN_DIR/report.txt"
