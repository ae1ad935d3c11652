#!/usr/bin/env bash
# The testbed's conversation with the control plane (REST as the admin, with the session cookie) and its database
# (read-only queries for progress lines), sourced by scripts/testbed.sh. Globals: TB_URL TB_RUN_DIR TB_ADMIN_PASSWORD
# PG_DIR PG_PORT SCENARIO_NAME.

TB_JAR=""

# tb_api METHOD PATH [JSON]: the answer's body on stdout; fails (naming the call and the problem details) on a non-2xx.
tb_api() {
  local method="$1" path="$2" body="${3:-}" out code
  out="$TB_RUN_DIR/api-answer.json"
  local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -b "$TB_JAR" -c "$TB_JAR" --max-time 30)
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data "$body")
  else
    # A state change without a body that carries the session cookie must say it comes from a script, not a form.
    args+=(-H 'X-Requested-With: EdgeControl')
  fi
  code=$(curl "${args[@]}" "$TB_URL$path") || { log "$method $path: no answer from $TB_URL"; return 1; }
  if [ "${code:0:1}" != 2 ]; then
    log "$method $path answered $code: $(head -c 600 "$out")"
    return 1
  fi
  cat "$out"
}

tb_sign_in() {
  TB_JAR="$TB_RUN_DIR/cookies.txt"
  : >"$TB_JAR"
  chmod 600 "$TB_JAR"
  tb_api POST /api/v1/accounts/sign-in "$(jq -nc --arg p "$TB_ADMIN_PASSWORD" '{userName: "admin", password: $p}')" >/dev/null
}

# tb_start_live_run AGENT [FROM_RUN]: a training run of AGENT on the testbed's scenario (SCENARIO_NAME) in live mode,
# fresh or warm-started from FROM_RUN's latest checkpoint; prints its id.
tb_start_live_run() {
  tb_api POST /api/v1/training-runs "$(jq -nc --arg a "$1" --arg s "$SCENARIO_NAME" --arg from "${2:-}" \
    '{agent: $a, scenario: $s, mode: "live"} + (if $from == "" then {warmStart: false} else {warmStartFrom: $from} end)')" | jq -r .id
}

# tb_start_twin_run AGENT: a fresh run of AGENT on the digital twin of the testbed's scenario (SCENARIO_NAME), unpaced,
# a checkpoint every 500 real steps; prints its id.
tb_start_twin_run() {
  tb_api POST /api/v1/training-runs "$(jq -nc --arg a "$1" --arg s "$SCENARIO_NAME" '{agent: $a, scenario: $s, mode: "twin", warmStart: false, stepsPerSecond: 0, checkpointEvery: 500}')" | jq -r .id
}

# tb_serve POLICY: the serving policy (learned, learned-greedy, local, edge, cloud, greedy) from now on.
tb_serve() {
  tb_api PUT /api/v1/serving-policy "$(jq -nc --arg p "$1" '{policy: $p}')" >/dev/null
}

# tb_wait_url URL SECONDS PID: until URL answers 2xx; fails when the process PID exits or the time is up.
tb_wait_url() {
  local url="$1" deadline=$((SECONDS + $2)) pid="$3"
  while [ "$SECONDS" -lt "$deadline" ]; do
    tb_alive "$pid" || return 1
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    tb_sleep 0.5
  done
  return 1
}

# tb_sql SQL: bare values from the testbed's database (as the superuser, over the cluster's socket).
tb_sql() {
  pg_as_owner psql -h "$PG_DIR/run" -p "$PG_PORT" -U "$PG_SUPERUSER" -d edgecontrol -v ON_ERROR_STOP=1 -qtAF $'\t' -c "$1"
}

# tb_progress_since T SECONDS: one line of the decision log since T: rows, rows and mean reward of the last SECONDS,
# and where the last SECONDS' requests ran.
tb_progress_since() {
  tb_sql "SELECT count(*),
                 count(*) FILTER (WHERE observed_at > now() - interval '$2 seconds'),
                 coalesce(round(avg(reward) FILTER (WHERE observed_at > now() - interval '$2 seconds')::numeric, 3)::text, 'n/a'),
                 coalesce(string_agg(DISTINCT served_by, ',') FILTER (WHERE observed_at > now() - interval '$2 seconds'), '-')
          FROM decision_log WHERE observed_at >= '$1'" |
    awk -F'\t' '{ printf "%s requests so far; last '"$2"' s: %s requests, mean reward %s, served by %s", $1, $2, $3, $4 }'
}
