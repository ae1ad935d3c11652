#!/usr/bin/env bash
# The testbed's own processes, sourced by scripts/testbed.sh: each is started in the background with its log file and
# remembered by pid, so the clean-up stops exactly these (SIGTERM, a grace period, then SIGKILL) and nothing else.

declare -A TB_PID=()   # name -> pid
TB_ORDER=()            # names in start order; stopped newest first

tb_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# tb_spawn NAME LOG COMMAND...: runs COMMAND in the background, output to LOG. `ip netns exec`, `taskset`, `env` and
# `setsid` exec the program they are given, so the pid remembered is the program's own. A command started with setsid
# leads a process group of its own (a pipeline in `bash -c`), and the whole group is stopped with it.
tb_spawn() {
  local name="$1" logfile="$2"; shift 2
  "$@" >>"$logfile" 2>&1 </dev/null &
  TB_PID[$name]=$!
  TB_ORDER+=("$name")
}

# tb_stop NAME GRACE: SIGTERM, up to GRACE seconds to exit, then SIGKILL; reaps it.
tb_stop() {
  local name="$1" grace="$2" pid i
  pid="${TB_PID[$name]:-}"
  [ -n "$pid" ] || return 0
  unset 'TB_PID[$name]'
  # A group leader (started with setsid) is stopped with its group; anything else by its own pid.
  local target="$pid"
  [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" != "$pid" ] || target="-$pid"
  if tb_alive "$pid"; then
    kill -TERM -- "$target" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      tb_alive "$pid" || break
      sleep 0.1
    done
    if tb_alive "$pid"; then
      log "$name (pid $pid) still running ${grace}s after SIGTERM: SIGKILL"
      kill -KILL -- "$target" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# tb_stop_matching PREFIX GRACE: every running process whose name starts with PREFIX, all signalled at once (agents
# flush their outboxes in parallel), then each waited for.
tb_stop_matching() {
  local prefix="$1" grace="$2" name
  for name in "${!TB_PID[@]}"; do
    [[ "$name" == "$prefix"* ]] && kill -TERM "${TB_PID[$name]}" 2>/dev/null || true
  done
  for name in "${!TB_PID[@]}"; do
    [[ "$name" == "$prefix"* ]] && tb_stop "$name" "$grace"
  done
  return 0
}

# tb_stop_all GRACE: everything still running, newest first.
tb_stop_all() {
  local grace="$1" k
  for ((k = ${#TB_ORDER[@]} - 1; k >= 0; k--)); do
    tb_stop "${TB_ORDER[$k]}" "$grace"
  done
  TB_ORDER=()
}

# tb_sleep SECONDS: a sleep a trapped SIGTERM interrupts at once (bash runs traps only between foreground commands,
# but `wait` returns as soon as a signal arrives).
tb_sleep() {
  sleep "$1" &
  TB_SLEEP_PID=$!
  wait "$TB_SLEEP_PID" 2>/dev/null || true
  TB_SLEEP_PID=""
}
