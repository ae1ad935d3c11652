#!/usr/bin/env bash
# The one `dotnet publish` of EdgeControl's deployables. The Dockerfile runs it in the SDK image and
# scripts/check-published.sh runs it here before starting the result, so what is checked is what the image holds.
#
#   scripts/publish.sh restore         restore both projects for the image's platform (the Dockerfile's cached layer)
#   scripts/publish.sh web OUT         the control plane in OUT, with scenarios/ and the convergence results/ beside it
#   scripts/publish.sh agent OUT       the device agent in OUT, with scenarios/ beside it
#   scripts/publish.sh worker OUT      the edge/cloud worker in OUT, with scenarios/ beside it (its default catalog)
#
# Extra arguments after OUT go to `dotnet publish` (e.g. -v quiet); they must not change what is built.
set -euo pipefail

# The images are linux/amd64: only that platform's libtorch (~600 MB). Directory.Packages.props picks the
# libtorch-cpu-<RID> package by LibTorchRid, which would otherwise follow the OS of the machine that builds.
PUBLISH_RID=linux-x64
PUBLISH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PUBLISH_WEB=src/Web/Web.csproj
PUBLISH_AGENT=src/DeviceAgent/DeviceAgent.csproj
PUBLISH_WORKER=src/Worker/Worker.csproj

# Release, framework-dependent (the runtime comes with the base image), one RID: its native libraries only.
publish_args() {
  printf '%s\n' -c Release -r "$PUBLISH_RID" --self-contained false "-p:LibTorchRid=$PUBLISH_RID" -nologo
}

publish_restore() {
  local project
  for project in "$PUBLISH_WEB" "$PUBLISH_AGENT" "$PUBLISH_WORKER"; do
    dotnet restore "$PUBLISH_REPO/$project" -r "$PUBLISH_RID" "-p:LibTorchRid=$PUBLISH_RID"
  done
}

# publish_web OUT [dotnet publish args...]
publish_web() {
  local out="$1"; shift
  local args; mapfile -t args < <(publish_args)
  dotnet publish "$PUBLISH_REPO/$PUBLISH_WEB" "${args[@]}" -o "$out" "$@"
  publish_scenarios "$out"
  # The Learning page draws a run beside the committed convergence experiment (Dashboard:ResultsDirectory).
  local curves name
  for curves in "$PUBLISH_REPO"/docs/results/*/curves.csv; do
    name=$(basename "$(dirname "$curves")")
    mkdir -p "$out/results/$name"
    cp "$curves" "$(dirname "$curves")/results.json" "$out/results/$name/"
  done
}

# publish_agent OUT [dotnet publish args...]
publish_agent() {
  local out="$1"; shift
  local args; mapfile -t args < <(publish_args)
  dotnet publish "$PUBLISH_REPO/$PUBLISH_AGENT" "${args[@]}" -o "$out" "$@"
  publish_scenarios "$out"
}

# publish_worker OUT [dotnet publish args...]
publish_worker() {
  local out="$1"; shift
  local args; mapfile -t args < <(publish_args)
  dotnet publish "$PUBLISH_REPO/$PUBLISH_WORKER" "${args[@]}" -o "$out" "$@"
  publish_scenarios "$out"
}

publish_scenarios() {
  mkdir -p "$1/scenarios"
  cp "$PUBLISH_REPO"/scenarios/*.json "$1/scenarios/"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  what="${1:-}"
  case "$what" in
    restore) publish_restore ;;
    web | agent | worker)
      [ $# -ge 2 ] || { echo "usage: $0 $what OUT [dotnet publish args...]" >&2; exit 2; }
      shift
      "publish_$what" "$@"
      ;;
    *) echo "usage: $0 restore | web OUT | agent OUT | worker OUT" >&2; exit 2 ;;
  esac
fi
