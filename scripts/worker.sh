#!/usr/bin/env bash
# Runs an edge or cloud worker on this machine against a control plane (see README, "Workers").
#
#   scripts/worker.sh --server http://10.0.0.2:5000 --name edge-1 --tier edge --url http://10.0.0.5:8100 [options...]
#   scripts/worker.sh --profile-only [--threads N]      measure this machine, print the profile, stop
#
# The registration token comes from --registration-token or EDGECONTROL_REGISTRATION_TOKEN (needed only the first time:
# the worker keeps its identity in --data-dir, by default .data/worker-NAME). Extra options go to the worker as they are.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ensure_dotnet
# TorchSharp's native library needs GCC 13's libstdc++ (DESIGN.md).
ensure_libstdcxx

args=("$@")
name=""
has_data=0
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --name) name="${args[i + 1]:-}" ;;
    --data-dir) has_data=1 ;;
  esac
done
if [ "$has_data" = 0 ] && [ -n "$name" ]; then
  args+=(--data-dir "$REPO/.data/worker-$name")
fi

dotnet build src/Worker -c Release -nologo -v quiet -tl:off
exec dotnet src/Worker/bin/Release/net10.0/EdgeControl.Worker.dll "${args[@]}"
