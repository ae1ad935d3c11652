#!/usr/bin/env bash
# `scripts/testbed.sh --check-network`: builds the testbed's network for N devices, shapes every uplink with tbf,
# measures what actually crosses each one (throughput of a bulk upload, round trip of small messages), checks that a
# namespace reaches nothing but the testbed, and removes it all again. Needs root, iproute2 and socat; no .NET.

# tb_measure_uplink I MBPS PORT: TB_MEASURED = Mbit/s received on the host from device I over its shaped uplink (a
# global, not printed: a command substitution's subshell would keep the receiver's pid from the clean-up). About 2 s of
# data at the shaped rate; the clock starts at the first byte, so connecting and the bucket's first burst do not count.
tb_measure_uplink() {
  local i="$1" mbps="$2" port="$3" bytes result
  bytes=$(awk -v r="$mbps" 'BEGIN { b = r * 1e6 / 8 * 2; if (b < 262144) b = 262144; printf "%d", b }')
  result="$TB_RUN_DIR/uplink-$i-$port.txt"
  : >"$result"
  tb_spawn "receiver-$i" "$result" setsid bash -c '
    timeout --foreground 30 socat -u "TCP-LISTEN:$1,bind=$2,reuseaddr" STDOUT | {
      dd bs=1 count=1 status=none of=/dev/null
      t0=$EPOCHREALTIME; n=$(wc -c); t1=$EPOCHREALTIME
      awk -v n="$n" -v a="$t0" -v b="$t1" "BEGIN { printf \"%.2f\n\", n * 8 / (b - a) / 1e6 }"
    }' _ "$port" "$TB_HOST_IP"
  tb_in_ns "$i" timeout --foreground 30 bash -c '
    for _ in $(seq 50); do exec 3>"/dev/tcp/$1/$2" && break; sleep 0.1; done 2>/dev/null
    head -c "$3" /dev/zero >&3' _ "$TB_HOST_IP" "$port" "$bytes" ||
    die "device $i could not send to $TB_HOST_IP:$port"
  wait "${TB_PID[receiver-$i]}" || true
  unset "TB_PID[receiver-$i]"
  TB_MEASURED=$(cat "$result")
}

# tb_measure_rtt I PORT: TB_RTT = median milliseconds of 20 round trips of a short line between device I and an echo on
# the host.
tb_measure_rtt() {
  local i="$1" port="$2"
  tb_spawn "echo-$i" /dev/null timeout --foreground 30 socat "TCP-LISTEN:$port,bind=$TB_HOST_IP,reuseaddr" EXEC:cat
  TB_RTT=$(tb_in_ns "$i" timeout --foreground 30 bash -c '
    for _ in $(seq 50); do exec 3<>"/dev/tcp/$1/$2" && break; sleep 0.1; done 2>/dev/null
    for _ in $(seq 20); do
      t0=$EPOCHREALTIME; echo ping >&3; read -r _ <&3; t1=$EPOCHREALTIME
      echo "$t0 $t1"
    done' _ "$TB_HOST_IP" "$port" |
    awk '{ print ($2 - $1) * 1000 }' | sort -g | awk '{ d[NR] = $1 } END { printf "%.3f\n", d[int((NR + 1) / 2)] }')
  tb_stop "echo-$i" 2
}

# tb_check_network N SCENARIO: the check itself; exit status 0 when every uplink measured within 15% of its rate.
tb_check_network() {
  local n="$1" scenario="$2" i mbps measured rtt port failed=0 rates
  ensure_socat
  tb_net_preflight
  mapfile -t rates < <(jq -r '.networkConditions[] | "\(.uplinkMbps) \(.name)"' "$scenario")
  [ "${#rates[@]}" -gt 0 ] || die "$scenario has no networkConditions"
  log "building the testbed network: bridge $TB_BRIDGE ($TB_HOST_IP/24) and $n device namespaces"
  tb_net_up "$n"
  if tb_netem_available 1; then
    log "netem is available in this kernel (the testbed still adds no delay: RTTs are the veth's own)"
  else
    log "netem is not in this kernel: no delay can be added; the RTT devices see is the real one over veth"
  fi
  port=$(pg_free_port 47000)
  for ((i = 1; i <= n; i++)); do
    # Each device gets the scenario's conditions in turn, so every rate of the scenario is measured once at least.
    read -r mbps cond <<<"${rates[$(((i - 1) % ${#rates[@]}))]}"
    tb_shape "$i" "$mbps"
    tb_in_ns "$i" ip route show default | grep -q . && { log "device $i has a default route: it could reach beyond the testbed"; failed=1; }
    tb_measure_uplink "$i" "$mbps" "$port"
    measured=$TB_MEASURED
    tb_measure_rtt "$i" "$((port + 1))"
    rtt=$TB_RTT
    local verdict
    verdict=$(awk -v m="$measured" -v r="$mbps" 'BEGIN { e = (m - r) / r; printf "%+.0f%%", e * 100; exit (e < -0.15 || e > 0.15) }') || failed=1
    log "device $i $(tb_ns "$i") $(tb_device_ip "$i"): tbf $mbps Mbit/s ($cond) -> measured $measured Mbit/s ($verdict); RTT to the host $rtt ms; qdisc: $(tb_in_ns "$i" tc qdisc show dev "$TB_DEVICE_IFACE" | head -1)"
  done
  # A rate change is what the agent does when its user's condition changes: replace, then measure again.
  read -r mbps cond <<<"${rates[$((${#rates[@]} - 1))]}"
  tb_shape 1 "$mbps"
  tb_measure_uplink 1 "$mbps" "$((port + 2))"
  measured=$TB_MEASURED
  log "device 1 re-shaped to $mbps Mbit/s ($cond): measured $measured Mbit/s"
  awk -v m="$measured" -v r="$mbps" 'BEGIN { e = (m - r) / r; exit (e < -0.15 || e > 0.15) }' || failed=1
  tb_net_down
  local left
  left=$(tb_net_leftovers)
  if [ -n "$left" ]; then
    log "left over after clean-up: $left"
    failed=1
  else
    log "clean-up: no namespace or link named $TB_PREFIX-* is left"
  fi
  [ "$failed" = 0 ] && log "network check passed" || log "network check FAILED (see above)"
  return "$failed"
}
