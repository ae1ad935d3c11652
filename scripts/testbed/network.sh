#!/usr/bin/env bash
# The testbed's emulated access network, sourced by scripts/testbed.sh after scripts/prerequisites.sh (log, die).
#
# One Linux bridge on the host (TB_BRIDGE, address TB_HOST_IP/24) and, per device, a network namespace joined to it by a
# veth pair: the host end is a port of the bridge, the device end (TB_DEVICE_IFACE inside the namespace) holds
# TB_SUBNET.(10+i)/24. The control plane and the workers listen on TB_HOST_IP, which every namespace reaches; a
# namespace has no default route, so a device's traffic can only go to the testbed's own addresses. The device's
# uplink is the egress of its own veth end, shaped with the token bucket filter (tbf). netem is not in every kernel
# (not in this machine's): where it is missing no delay can be added, and the RTT devices see is the veth's own.
#
# Everything created is named with TB_PREFIX and recorded in TB_CREATED_NS / TB_CREATED_LINKS, so tb_net_down removes
# exactly what this run made (deleting a namespace also deletes its veth end and every qdisc on it).

TB_PREFIX="${TB_PREFIX:-ectb}"
TB_SUBNET="${TB_SUBNET:-10.77.0}"
TB_BRIDGE="${TB_PREFIX}-br"
TB_HOST_IP="$TB_SUBNET.1"
TB_DEVICE_IFACE=uplink
TB_CREATED_NS=()
TB_CREATED_LINKS=()

tb_ns() { printf '%s-dev%s' "$TB_PREFIX" "$1"; }
tb_device_ip() { printf '%s.%s' "$TB_SUBNET" "$((10 + $1))"; }

# Runs a command inside device i's namespace.
tb_in_ns() {
  local i="$1"; shift
  ip netns exec "$(tb_ns "$i")" "$@"
}

# tb_net_preflight: the tools exist and nothing of ours (or anything else) already uses the names or the subnet.
tb_net_preflight() {
  [ "$(id -u)" = 0 ] || die "the testbed creates network namespaces and shapes links: run it as root"
  if ! command -v tc >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
    log "installing iproute2 (apt) for ip netns and tc"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null
  fi
  command -v tc >/dev/null 2>&1 || die "tc (iproute2) is not installed and could not be installed"
  if ip link show "$TB_BRIDGE" >/dev/null 2>&1; then
    die "a link named $TB_BRIDGE exists already: another testbed is running, or one was killed with SIGKILL (remove it: ip link del $TB_BRIDGE; ip netns list | grep $TB_PREFIX-)"
  fi
  if ip -o -4 addr show | grep -q " $TB_SUBNET\."; then
    die "the subnet $TB_SUBNET.0/24 is in use on this host already; choose another with TB_SUBNET=10.78.0"
  fi
}

# tb_net_up N: the bridge and N device namespaces.
tb_net_up() {
  local n="$1" i ns host_end
  ip link add "$TB_BRIDGE" type bridge || die "cannot create the bridge $TB_BRIDGE (is the bridge module available?)"
  TB_CREATED_LINKS+=("$TB_BRIDGE")
  ip addr add "$TB_HOST_IP/24" dev "$TB_BRIDGE"
  ip link set "$TB_BRIDGE" up
  for ((i = 1; i <= n; i++)); do
    ns=$(tb_ns "$i")
    host_end="$TB_PREFIX-h$i"
    ip netns add "$ns" || die "cannot create the network namespace $ns"
    TB_CREATED_NS+=("$ns")
    # Created with its device end directly in the namespace, so no half-made pair is left in the host's namespace.
    ip link add "$host_end" type veth peer name "$TB_DEVICE_IFACE" netns "$ns" || die "cannot create the veth pair of $ns"
    TB_CREATED_LINKS+=("$host_end")
    ip link set "$host_end" master "$TB_BRIDGE"
    ip link set "$host_end" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$(tb_device_ip "$i")/24" dev "$TB_DEVICE_IFACE"
    ip -n "$ns" link set "$TB_DEVICE_IFACE" up
  done
}

# tb_shape i MBPS: device i's uplink to MBPS with tbf. The burst holds at least 10 ms at the rate and never less than
# 16 KB (a few full-size frames: a smaller bucket drops every segment the veth hands over in one piece); queued packets
# wait at most 200 ms before they are dropped, as a real access link's buffer would.
tb_shape() {
  local i="$1" mbps="$2" burst
  burst=$(awk -v r="$mbps" 'BEGIN { b = r * 1e6 / 8 * 0.010; if (b < 16384) b = 16384; printf "%d", b }')
  tb_in_ns "$i" tc qdisc replace dev "$TB_DEVICE_IFACE" root tbf rate "${mbps}mbit" burst "$burst" latency 200ms
}

# tb_netem_available: whether this kernel can add delay (it is asked on a namespace's link, then removed).
tb_netem_available() {
  local i="$1"
  if tb_in_ns "$i" tc qdisc replace dev "$TB_DEVICE_IFACE" root netem delay 1ms 2>/dev/null; then
    tb_in_ns "$i" tc qdisc del dev "$TB_DEVICE_IFACE" root 2>/dev/null || true
    return 0
  fi
  return 1
}

# tb_net_down: removes every namespace and link this run created, newest first; safe to call twice.
tb_net_down() {
  local k
  for ((k = ${#TB_CREATED_NS[@]} - 1; k >= 0; k--)); do
    ip netns del "${TB_CREATED_NS[$k]}" 2>/dev/null || true
  done
  TB_CREATED_NS=()
  for ((k = ${#TB_CREATED_LINKS[@]} - 1; k >= 0; k--)); do
    # A veth's host end went with its namespace; the bridge is deleted here.
    ip link del "${TB_CREATED_LINKS[$k]}" 2>/dev/null || true
  done
  TB_CREATED_LINKS=()
}

# tb_net_leftovers: prints whatever of ours still exists (empty after a clean tb_net_down).
tb_net_leftovers() {
  { ip netns list | awk '{print $1}' | grep "^$TB_PREFIX-" || true; } | sed 's/^/namespace /'
  { ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^$TB_PREFIX-" || true; } | sed 's/^/link /'
}
