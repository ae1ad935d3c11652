#!/usr/bin/env bash
# Dashboard screenshots during a testbed run (--screenshots DIR), sourced by scripts/testbed.sh: the console tool in
# scripts/testbed/Screenshots signs in through the dashboard's sign-in page and saves overview.png, users-what-if.png,
# learning.png and devices.png. It runs in the background and its failure is one line, never the testbed's.
# Globals: REPO TB_URL TB_RUN_DIR TB_ADMIN_PASSWORD.

TB_SHOTS_DLL="$REPO/scripts/testbed/Screenshots/bin/Release/net10.0/EdgeControl.Screenshots.dll"
TB_SHOTS_PID=""

# tb_shots_build: builds the tool (Release) once; fails with one line saying why, after which the run takes none.
tb_shots_build() {
  [ -x /usr/bin/chromium ] || { log "screenshots: no Chromium at /usr/bin/chromium (apt-get install chromium); the run takes none"; return 1; }
  dotnet build "$REPO/scripts/testbed/Screenshots" -c Release -nologo -v quiet -tl:off >>"$TB_RUN_DIR/build.log" 2>&1 && [ -f "$TB_SHOTS_DLL" ] ||
    { log "screenshots: the build of scripts/testbed/Screenshots failed (log: $TB_RUN_DIR/build.log); the run takes none"; return 1; }
}

# tb_shots_start DIR LABEL: the tool in the background, in a process group of its own (setsid: Chromium's processes
# stop with it), its output in screenshots-LABEL.log; one line when it ends. Skipped while an earlier one still runs.
tb_shots_start() {
  local dir="$1" label="$2" logfile="$TB_RUN_DIR/screenshots-$2.log"
  if tb_alive "$TB_SHOTS_PID"; then
    log "screenshots ($label): skipped, the previous ones are still being taken"
    return 0
  fi
  mkdir -p "$dir"
  log "screenshots ($label): into $dir in the background (log: $logfile)"
  # The password goes in the environment, not on a command line anyone can read in ps.
  EDGECONTROL_ADMIN_PASSWORD="$TB_ADMIN_PASSWORD" setsid bash -c '
    trap "printf \"[edgecontrol] screenshots (%s): stopped before they were done\\n\" \"$1\" >&2; exit 143" TERM
    dotnet "$2" --url "$3" --out "$4" >>"$5" 2>&1 </dev/null &
    wait $!; code=$?
    # The testbed runs as root; the pictures belong to whoever owns the repository, like the rest of it.
    chown -R --reference="$6" "$4" 2>/dev/null || true
    if [ "$code" = 0 ]; then
      printf "[edgecontrol] screenshots (%s): %s\n" "$1" "$(tail -1 "$5")" >&2
    else
      printf "[edgecontrol] screenshots (%s): %s (exit %s; the testbed goes on)\n" "$1" "$(tail -1 "$5")" "$code" >&2
    fi' tb-screenshots "$label" "$TB_SHOTS_DLL" "$TB_URL" "$dir" "$logfile" "$REPO" </dev/null &
  TB_SHOTS_PID=$!
}

# tb_shots_wait SECONDS: until the running tool has finished, at most SECONDS.
tb_shots_wait() {
  local deadline=$((SECONDS + $1))
  while tb_alive "$TB_SHOTS_PID" && [ "$SECONDS" -lt "$deadline" ]; do tb_sleep 1; done
}

# tb_shots_stop: the tool's whole process group, if it still runs (the clean-up).
tb_shots_stop() {
  tb_alive "$TB_SHOTS_PID" || return 0
  local i
  kill -TERM -- "-$TB_SHOTS_PID" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do tb_alive "$TB_SHOTS_PID" || break; sleep 0.1; done
  kill -KILL -- "-$TB_SHOTS_PID" 2>/dev/null || true
  wait "$TB_SHOTS_PID" 2>/dev/null || true
  TB_SHOTS_PID=""
}
