#!/usr/bin/env bash
# Device CPU emulation, sourced by scripts/testbed.sh (after network.sh and processes.sh; globals SCENARIO, REPO).
#
# The device agents run on this machine's cores, several times faster than the boards the scenario's users carry (an
# idle core here runs MobileNetV1 1.0_224 in about 16 ms; the catalog's rpi4 takes about 80 ms, its rpi3 about 250 ms).
# So that an on-device placement costs what its board would, each agent gets --cpu-share SHARE, SHARE = the device
# profile's GMAC/s / this machine's per-core GMAC/s as the workers measured it: its inference thread pauses after each
# pass for (1/SHARE - 1) times the pass, so the pass takes what it would on the board, and the agent measures that. The
# share is only as right as the workers' self-profile (a busy machine profiles slow, which makes devices fast).
# (Until 2026-12-07 the thread was throttled with a CFS bandwidth cgroup instead, which let passes shorter than the
# kernel's bandwidth slice run at full speed: the device tier measured 22 ms where its profile predicts 41.)

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
