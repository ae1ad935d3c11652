#!/usr/bin/env bash
# Installs what EdgeControl needs on a fresh Debian/Ubuntu machine. Sourced by run.sh and test.sh.
# Every step is idempotent: it checks first and does nothing when the tool is already there.
set -euo pipefail

log() { printf '[edgecontrol] %s\n' "$*" >&2; }
die() { printf '[edgecontrol] error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    die "the .NET 10 SDK is not installed (https://dot.net): install it, put 'dotnet' on PATH and run again."
  # grep without -q reads all the input: an early exit would kill dotnet with SIGPIPE and fail the pipeline (pipefail).
  dotnet --list-sdks | grep '^10\.' >/dev/null ||
    die "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
}

ensure_postgres() {
  if [ ! -x "$(pg_bindir)/initdb" ]; then
    log "installing PostgreSQL server (apt)"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  [ -x "$(pg_bindir)/initdb" ] || die "PostgreSQL server binaries not found after install"
}

# Newest installed PostgreSQL server's bin directory.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  printf '%s' "${dir:-/usr/lib/postgresql/15/bin}"
}

libstdcxx_path() {
  # awk reads to the end rather than exiting at the match: ldconfig would die of SIGPIPE, which pipefail and set -e
  # turn into a silent exit 141 of the calling script.
  ldconfig -p 2>/dev/null | awk '!found && /libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; found = 1}'
}

# TorchSharp 0.107's native library needs GLIBCXX_3.4.32 (GCC 13+). Debian 12 ships GCC 12's
# libstdc++, so we take libstdc++6 from the next Debian release, pinned low so nothing else moves.
ensure_libstdcxx() {
  local lib; lib=$(libstdcxx_path)
  if [ -n "$lib" ] && grep -aq 'GLIBCXX_3.4.32' "$lib"; then return; fi
  . /etc/os-release
  [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ] ||
    die "libstdc++ lacks GLIBCXX_3.4.32 (TorchSharp needs GCC 13+'s); install a newer libstdc++6 for ${PRETTY_NAME:-this OS}."
  local uri
  uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
  fi
  [ -n "$uri" ] || die "cannot find a Debian mirror URI in the apt sources to add trixie for libstdc++6"
  log "adding Debian trixie (pinned low) for GCC 13+ libstdc++6"
  as_root tee /etc/apt/sources.list.d/edgecontrol-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  as_root tee /etc/apt/preferences.d/edgecontrol-trixie >/dev/null <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  APT_UPDATED=0
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  lib=$(libstdcxx_path)
  grep -aq 'GLIBCXX_3.4.32' "$lib" || die "libstdc++6 from trixie did not provide GLIBCXX_3.4.32"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium (apt) for browser tests"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

# socat: the fault suite's hub-connection proxy and the testbed's network check.
ensure_socat() {
  if ! command -v socat >/dev/null 2>&1; then
    log "installing socat (apt)"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >/dev/null
  fi
  command -v socat >/dev/null 2>&1 || die "socat is not installed and could not be installed"
}
