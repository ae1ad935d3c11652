#!/usr/bin/env bash
# The control-plane image's HEALTHCHECK: GET /health/live on the container's own HTTP port, exit 0 on 200.
# The ASP.NET Core runtime image has no curl or wget, and bash's /dev/tcp is enough for one plain-HTTP request: no
# package to add to the image (and keep patched), no .NET runtime started every interval for a probe.
# The Host header must pass the app's host filtering, so it is the first host name AllowedHosts names
# (a "*.example.org" entry gives "health.example.org"), or localhost when any host is allowed.
set -uo pipefail

port=${ASPNETCORE_HTTP_PORTS:-8080}
port=${port%%[;,]*}
host=localhost
IFS=';' read -ra allowed <<<"${AllowedHosts:-*}"
for name in "${allowed[@]}"; do
  case "$name" in
    '' | '*') ;;
    '*.'*) host="health${name#\*}"; break ;;
    *) host=$name; break ;;
  esac
done

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health/live HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ "$status" == HTTP/1.[01]" 200 "* ]]
