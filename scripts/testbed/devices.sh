#!/usr/bin/env bash
# Device CPU emulation, sourced by scripts/testbed.sh (after network.sh and processes.sh; globals SCENARIO, REPO).
#
# The device agents run on this machine's cores, several times faster than the boards the scenario's users carry (an
# idle core here runs MobileNetV1 1.0_224 in about 16 ms; the catalog's rpi4 takes about 80 ms, its rpi3 about 250 ms).
# So that an on-device placement costs what its board would, each agent's inference thread (the agent names it
# "on-device inference"; its hub, HTTP and timing threads are not slowed) is put in a CFS bandwidth cgroup of its own
# (the cgroup v1 cpu controller) that lets it run SHARE of every 20 ms, SHARE = the device profile's GMAC/s / this
# machine's per-core GMAC/s as the workers measured it. The agent then measures a slower forward pass, as on a slower
# CPU; the share is only as right as the workers' self-profile (a busy machine profiles slow, which makes devices fast).

TB_CPU_CGROUP=/sys/fs/cgroup/cpu
TB_CGROUP_PERIOD_US=20000
TB_CREATED_CGROUPS=()

tb_cgroups_available() { [ -w "$TB_CPU_CGROUP" ] && [ -f "$TB_CPU_CGROUP/cpu.cfs_quota_us" ]; }

# tb_profile_gmacs NAME: a device profile's GMAC/s: the scenario's own nodeProfiles, else the catalog's.
tb_profile_gmacs() {
  local name="$1" value
  value=$(jq -r --arg n "$name" '(.nodeProfiles // [])[] | select(.name == $n) | .gigaMacsPerSecond' "$SCENARIO")
  [ -n "$value" ] ||
    value=$(sed -n "s/.*new(\"$name\", Tier\.Device, \([0-9.]*\),.*/\1/p" "$REPO/src/Core/Catalog/PublishedFigures.cs" | head -1)
  [ -n "$value" ] || die "cannot find the GMAC/s of device profile '$name' in $SCENARIO or src/Core/Catalog/PublishedFigures.cs"
  printf '%s' "$value"
}

# tb_device_share PROFILE CORE_GMACS: the share of a core that makes this machine as fast as PROFILE (at most 1).
tb_device_share() {
  awk -v d="$(tb_profile_gmacs "$1")" -v c="$2" 'BEGIN { s = d / c; if (s > 1) s = 1; printf "%.3f", s }'
}

# tb_throttle_inference I PID SHARE: waits (up to 60 s) for agent PID's inference thread and puts it, alone, in the
# cgroup ectb-dev<I> with SHARE of each period (at least 1 ms, the kernel's smallest quota).
tb_throttle_inference() {
  local i="$1" pid="$2" share="$3" tid="" cg quota deadline=$((SECONDS + 60))
  while :; do
    tid=$(grep -lx 'on-device infer' /proc/"$pid"/task/*/comm 2>/dev/null | head -1 | cut -d/ -f5 || true)
    [ -z "$tid" ] || break
    tb_alive "$pid" && [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  cg="$TB_CPU_CGROUP/$TB_PREFIX-dev$i"
  mkdir "$cg" || return 1
  TB_CREATED_CGROUPS+=("$cg")
  quota=$(awk -v s="$share" -v p="$TB_CGROUP_PERIOD_US" 'BEGIN { q = int(s * p); if (q < 1000) q = 1000; printf "%d", q }')
  echo "$TB_CGROUP_PERIOD_US" >"$cg/cpu.cfs_period_us"
  echo "$quota" >"$cg/cpu.cfs_quota_us"
  echo "$tid" >"$cg/tasks"
}

# tb_cgroups_down: removes the cgroups this run made (their threads have exited by then; a thread still in one is
# moved back to the root first).
tb_cgroups_down() {
  local cg tid
  for cg in "${TB_CREATED_CGROUPS[@]}"; do
    [ -d "$cg" ] || continue
    while read -r tid; do echo "$tid" >"$TB_CPU_CGROUP/tasks" 2>/dev/null || true; done <"$cg/tasks"
    rmdir "$cg" 2>/dev/null || log "could not remove the cgroup $cg"
  done
  TB_CREATED_CGROUPS=()
}
