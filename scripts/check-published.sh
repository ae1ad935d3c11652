#!/usr/bin/env bash
# Checks what the Dockerfile runs, without a container engine: publishes the control plane and the device agent with
# scripts/publish.sh (the Dockerfile's own publish), starts the control plane as the image does (from the publish
# directory, the environment of the Dockerfile's `web` stage: Production) with production-style settings against a fresh
# database on the server of ConnectionStrings__EdgeControl, and checks what an operator and a device would meet.
# Prints one line per check and a closing line; exits 1 when a check fails. ./test.sh runs it after the tests pass.
# The browser check runs tests/Web.Tests (PublishedDashboardTests) without building it: build it first when running
# this alone, or set EDGECONTROL_PUBLISHED_BROWSER=0 to leave that check out.
# Not checked here: the image build itself (base images, COPY, USER, HEALTHCHECK wiring), compose, the network.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/publish.sh
source scripts/publish.sh

[ -n "${ConnectionStrings__EdgeControl:-}" ] ||
  die "ConnectionStrings__EdgeControl is not set: the check creates its database on that PostgreSQL server (./test.sh sets it)."
command -v curl >/dev/null 2>&1 || die "curl is required"

STARTED=$SECONDS
WORK=$(mktemp -d -t edgecontrol-published.XXXXXX)
PASSED=0
FAILED=0
APP_PID=""
AGENT_PID=""
DATABASE=""

ok() { PASSED=$((PASSED + 1)); printf 'ok    %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
# A failure the later checks cannot go on from: the app's log tail, then the closing line.
fatal() {
  fail "$*"
  [ ! -f "$WORK/web.log" ] || { printf -- '--- last lines of the app log ---\n'; tail -40 "$WORK/web.log"; }
  exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# The database: a fresh one on the given server, dropped at the end (the role must be allowed to create databases).

connection_field() { # connection_field NAME DEFAULT: a field of ConnectionStrings__EdgeControl (Npgsql keywords)
  local field value=""
  IFS=';' read -ra fields <<<"$ConnectionStrings__EdgeControl"
  for field in "${fields[@]}"; do
    if [ "$(printf '%s' "${field%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')" = "$1" ]; then value=${field#*=}; fi
  done
  printf '%s' "${value:-$2}"
}
with_database() { # the connection string with Database=$1 instead of its own
  local field result=""
  IFS=';' read -ra fields <<<"$ConnectionStrings__EdgeControl"
  for field in "${fields[@]}"; do
    [ "$(printf '%s' "${field%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')" = database ] || result+="$field;"
  done
  printf '%sDatabase=%s' "$result" "$1"
}
PG_HOST=$(connection_field host 127.0.0.1)
PG_PORT=$(connection_field port 5432)
PG_USER=$(connection_field username "$(connection_field 'userid' postgres)")
PSQL="$(pg_bindir)/psql"
[ -x "$PSQL" ] || PSQL=psql
on_server() {
  PGPASSWORD=$(connection_field password "") "$PSQL" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -v ON_ERROR_STOP=1 -qtAc "$1" >/dev/null
}

cleanup() {
  local code=$?
  set +e
  for pid in "$AGENT_PID" "$APP_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; wait "$pid" 2>/dev/null; fi
  done
  [ -z "$DATABASE" ] || on_server "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)"
  [ "$FAILED" = 0 ] || code=1
  if [ "$code" != 0 ]; then
    mkdir -p "$REPO/TestResults/published"
    cp "$WORK"/*.log "$REPO/TestResults/published/" 2>/dev/null
    printf 'logs of the app, the agent and the browser check: TestResults/published/\n'
  fi
  rm -rf "$WORK"
  if [ "$code" != 0 ] && [ "$FAILED" = 0 ]; then
    printf 'published build: %d checks passed, then the script stopped on an error (exit %d, above)\n' "$PASSED" "$code"
  else
    printf 'published build: %d checks passed, %d failed (%d s)\n' "$PASSED" "$FAILED" "$((SECONDS - STARTED))"
  fi
  exit "$code"
}
trap cleanup EXIT

random_secret() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }

# ---------------------------------------------------------------------------------------------------------------
# Publish, exactly as the Dockerfile does.

started=$SECONDS
publish_web "$WORK/web" -v quiet -tl:off >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; fatal "publish of src/Web failed"; }
publish_agent "$WORK/agent" -v quiet -tl:off >>"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; fatal "publish of src/DeviceAgent failed"; }
libtorch=$(cat "$WORK/web/EdgeControl.Web.deps.json" "$WORK/agent/EdgeControl.DeviceAgent.deps.json" |
  grep -oE '"libtorch-cpu-[a-z0-9-]+/' | tr -d '"/' | sort -u | tr '\n' ' ')
if [ -f "$WORK/web/libtorch_cpu.so" ] && [ -f "$WORK/agent/libtorch_cpu.so" ] && [ "$libtorch" = "libtorch-cpu-$PUBLISH_RID " ]; then
  ok "publish (scripts/publish.sh, $PUBLISH_RID): web $(du -sh "$WORK/web" | cut -f1), agent $(du -sh "$WORK/agent" | cut -f1) in $((SECONDS - started)) s; libtorch packages: ${libtorch% }"
else
  fatal "publish: expected libtorch_cpu.so of libtorch-cpu-$PUBLISH_RID only, found packages: ${libtorch:-none}"
fi
layout=$(cd "$WORK/web" && ls -d scenarios/paper-mobilenet.json results/paper-mobilenet/curves.csv wwwroot EdgeControl.Web.dll 2>&1) ||
  fatal "publish layout: $layout"
[ ! -e "$WORK/web/appsettings.Development.json" ] || fatal "publish layout: appsettings.Development.json was published"
ok "layout the image copies to /app: EdgeControl.Web.dll, wwwroot/, scenarios/ ($(ls "$WORK/web/scenarios" | wc -l) files), results/ ($(ls "$WORK/web/results" | wc -l) experiments), no appsettings.Development.json"

# The environment the Dockerfile's `web` stage sets (one variable per ENV line), plus what an operator gives.
mapfile -t IMAGE_ENV < <(awk '/^FROM / { web = ($NF == "web") } web && /^ENV / { print $2 }' Dockerfile)
[ "${#IMAGE_ENV[@]}" -gt 0 ] || fatal "no ENV line found in the Dockerfile's web stage"
ok "environment of the Dockerfile's web stage: ${IMAGE_ENV[*]}"

DATABASE="edgecontrol_published_$$_$RANDOM"
on_server "CREATE DATABASE \"$DATABASE\"" || fatal "cannot create database $DATABASE on $PG_HOST:$PG_PORT as $PG_USER"
PORT=$(pg_free_port 5190)
URL="http://localhost:$PORT"
ADMIN_PASSWORD="published-$(random_secret)"
TOKEN="published-$(random_secret)"
ALLOWED_HOSTS="edgecontrol.test;localhost"
APP_ENV=(
  "${IMAGE_ENV[@]}"
  "ConnectionStrings__EdgeControl=$(with_database "$DATABASE")"
  "Accounts__AdminPassword=$ADMIN_PASSWORD"
  "Devices__RegistrationToken=$TOKEN"
  "AllowedHosts=$ALLOWED_HOSTS"
  # Loopback here; the image listens on 8080 on every interface (ASPNETCORE_HTTP_PORTS of the base image).
  "ASPNETCORE_URLS=$URL"
  # A home of its own, as the image's /home/app.
  "HOME=$WORK/home"
)

# start_app LOG [VAR=VALUE...]: the image's ENTRYPOINT (dotnet EdgeControl.Web.dll in WORKDIR /app) with APP_ENV.
start_app() {
  local log="$1"; shift
  (cd "$WORK/web" && exec env "${APP_ENV[@]}" "$@" dotnet EdgeControl.Web.dll) >"$log" 2>&1 &
  APP_PID=$!
}

# ---------------------------------------------------------------------------------------------------------------
# Unsafe production settings stop start-up.

# In the foreground of a subshell whose stderr is dropped: .NET aborts on an unhandled start-up exception, and bash
# would print "Aborted" for it. The sentence is in the app's own output.
code=0
(cd "$WORK/web" && timeout 60 env "${APP_ENV[@]}" Devices__RegistrationToken=dev-registration-token \
  dotnet EdgeControl.Web.dll >"$WORK/refused.log" 2>&1) 2>/dev/null || code=$?
if [ "$code" = 0 ]; then
  fail "with the development registration token the published app exited with 0"
elif [ "$code" = 124 ]; then
  fail "with the development registration token the published app did not stop within 60 s"
elif sentence=$(grep -o -m1 "Devices:RegistrationToken is the development token[^.]*\." "$WORK/refused.log"); then
  ok "start-up refused (exit $code): $sentence"
else
  fail "with the development registration token it stopped without naming the setting: $(tail -3 "$WORK/refused.log")"
fi

# ---------------------------------------------------------------------------------------------------------------
# Start in Production, ready, healthy.

start_app "$WORK/web.log"
started=$SECONDS
ready=""
while [ $((SECONDS - started)) -lt 90 ]; do
  kill -0 "$APP_PID" 2>/dev/null || fatal "the published app exited during start-up"
  ready=$(curl -sS --max-time 2 "$URL/health/ready" 2>/dev/null || true)
  [[ "$ready" != *'"status":"Healthy"'* ]] || break
  sleep 0.5
done
[[ "$ready" == *'"status":"Healthy"'* ]] || fatal "/health/ready not Healthy within 90 s: ${ready:-no answer}"
ok "started in Production from the publish directory; /health/ready Healthy after $((SECONDS - started)) s: $ready"

if env ASPNETCORE_HTTP_PORTS="$PORT" AllowedHosts="$ALLOWED_HOSTS" deploy/healthcheck.sh; then
  ok "the image's HEALTHCHECK (deploy/healthcheck.sh, Host: edgecontrol.test) answers 0"
else
  fail "deploy/healthcheck.sh failed against /health/live"
fi

status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: attacker.example' "$URL/health/live")
[ "$status" = 400 ] && ok "AllowedHosts is applied: a foreign Host header gets 400" || fail "a foreign Host header got $status, not 400"

# ---------------------------------------------------------------------------------------------------------------
# Sign-in and the dashboard's pages and assets.

JAR="$WORK/cookies"
status=$(curl -s -o "$WORK/sign-in.json" -w '%{http_code}' -c "$JAR" -H 'Content-Type: application/json' -H "Origin: $URL" \
  -d "{\"userName\": \"admin\", \"password\": \"$ADMIN_PASSWORD\"}" "$URL/api/v1/accounts/sign-in")
me=$(curl -s -b "$JAR" "$URL/api/v1/accounts/me")
if [ "$status" = 200 ] && grep -q 'EdgeControl.Auth' "$JAR" && [[ "$me" == *'"admin"'* ]]; then
  ok "sign-in as admin with Accounts__AdminPassword: 200, cookie EdgeControl.Auth, /api/v1/accounts/me knows it"
else
  fatal "sign-in: $status $(cat "$WORK/sign-in.json"); me: $me"
fi

: >"$WORK/assets"
pages_ok=0
for page in / /users /learning /devices /training; do
  status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -b "$JAR" "$URL$page")
  if [ "$status" = 200 ] && grep -q '_framework/blazor.web' "$WORK/page.html"; then
    pages_ok=$((pages_ok + 1))
  else
    fail "page $page answered $status (or without the Blazor script)"
  fi
  # Every local asset the page refers to: src/href attributes and the import map's entries.
  { grep -oE '(src|href)="[^"#?]+\.(css|js|mjs)"|"\./[^"]+\.(js|mjs)"' "$WORK/page.html" || true; } |
    sed -E 's/^(src|href)=//; s/"//g; s#^\./##; s#^/##' >>"$WORK/assets"
  [ "$page" != /learning ] || cp "$WORK/page.html" "$WORK/learning.html"
done
[ "$pages_ok" = 5 ] && ok "pages /, /users, /learning, /devices and /training render for the signed-in admin (200)"

# The Razor class libraries' files (Plotly.Blazor's scripts are imported by the charts at run time, not in the HTML).
(cd "$WORK/web/wwwroot" && find _content -type f ! -name '*.gz' ! -name '*.br') >>"$WORK/assets"
echo "_framework/blazor.web.js" >>"$WORK/assets"
sort -u "$WORK/assets" -o "$WORK/assets"
broken=()
while read -r asset; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/$asset")
  [ "$status" = 200 ] || broken+=("$asset ($status)")
done <"$WORK/assets"
if [ "${#broken[@]}" = 0 ]; then
  ok "assets: all $(wc -l <"$WORK/assets") answer 200 (the pages' css/js, the import map, _framework/blazor.web.js, every _content/ file)"
else
  fail "assets not served: ${broken[*]}"
fi

if grep -q 'id="learning-chart"' "$WORK/learning.html" && grep -q 'id="loss-chart"' "$WORK/learning.html" &&
  [ -n "$(find "$WORK/web/wwwroot/_content/Plotly.Blazor" -name 'plotly*.js' 2>/dev/null)" ]; then
  ok "/learning holds its chart containers (learning-chart, loss-chart) and Plotly.Blazor's scripts are published"
else
  fail "/learning lacks its chart containers, or Plotly.Blazor's scripts are not published"
fi

# ---------------------------------------------------------------------------------------------------------------
# The learner (TorchSharp's native libtorch from the publish) and a device.

started=$SECONDS
training=""
while [ $((SECONDS - started)) -lt 60 ]; do
  training=$(curl -s --max-time 2 "$URL/health/training" || true)
  [[ "$training" != *'"status":"Healthy"'* ]] || break
  sleep 1
done
if [[ "$training" == *'"status":"Healthy"'* ]]; then
  ok "the learner runs on the published libtorch: /health/training Healthy after $((SECONDS - started)) s"
else
  fail "/health/training not Healthy within 60 s: ${training:-no answer}"
fi

(cd "$WORK/agent" && exec dotnet EdgeControl.DeviceAgent.dll --server "$URL" --register --token "$TOKEN" --name published-check \
  --simulate 2 --data "$WORK/agent-data" --stats "$WORK/agent-stats.json") >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
started=$SECONDS
acknowledged=0
while [ $((SECONDS - started)) -lt 60 ] && kill -0 "$AGENT_PID" 2>/dev/null; do
  acknowledged=$(grep -oE '"acknowledged": ?[0-9]+' "$WORK/agent-stats.json" 2>/dev/null | grep -oE '[0-9]+$' || echo 0)
  [ "$acknowledged" -lt 5 ] || break
  sleep 0.5
done
if [ "$acknowledged" -ge 5 ]; then
  kill -TERM "$AGENT_PID"
  if wait "$AGENT_PID"; then
    ok "the published device agent registers with the token, connects to the hub and has $acknowledged outcomes acknowledged in $((SECONDS - started)) s; SIGTERM: exit 0"
  else
    fail "the published device agent did not exit 0 on SIGTERM: $(tail -3 "$WORK/agent.log")"
  fi
else
  fail "the published device agent had $acknowledged outcomes acknowledged after 60 s: $(tail -5 "$WORK/agent.log")"
fi
AGENT_PID=""

# ---------------------------------------------------------------------------------------------------------------
# The dashboard in Chromium: sign-in form, charts drawn, no browser error (tests/Web.Tests, PublishedDashboardTests).

if [ "${EDGECONTROL_PUBLISHED_BROWSER:-1}" = 1 ]; then
  started=$SECONDS
  if EDGECONTROL_PUBLISHED_URL="$URL" EDGECONTROL_PUBLISHED_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    dotnet test tests/Web.Tests --no-build --results-directory "$REPO/TestResults" --filter "FullyQualifiedName~PublishedDashboardTests" \
      >"$WORK/browser.log" 2>&1 &&
    grep -qE 'Passed: +1,' "$WORK/browser.log"; then
    ok "in Chromium: sign-in form, learning curves (committed experiment + this run) and network drawn, no browser error ($((SECONDS - started)) s; screenshots TestResults/dashboard/published-*.png)"
  else
    fail "browser check (PublishedDashboardTests; tests/Web.Tests must be built): $(grep -E 'Failed|error|Assert|Timeout' "$WORK/browser.log" | head -5)"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# Logged trouble, and a clean stop.

# Production logs one JSON object per line (AddJsonConsole). Error and Critical entries count as trouble, except the
# one DatabaseMigrator documents: Npgsql's failed SELECT on __EFMigrationsHistory before it creates that table.
errors=$(grep -E '"LogLevel": ?"(Error|Critical)"' "$WORK/web.log" | grep -v __EFMigrationsHistory || true)
not_json=$(grep -cv '^{' "$WORK/web.log" || true)
run_lines=$(grep -cE '"RunId": ?"' "$WORK/web.log" || true)
if [ -n "$errors" ]; then
  fail "the app logged errors: $(printf '%s' "$errors" | head -3)"
elif grep -q "AllowedHosts is '\*'" "$WORK/web.log"; then
  fail "the app warned about AllowedHosts although it names hosts"
else
  ok "no error logged; no AllowedHosts warning (it names hosts)"
fi
if [ "$not_json" -gt 0 ]; then
  fail "$not_json log lines are not JSON objects, e.g.: $(grep -v -m1 '^{' "$WORK/web.log")"
elif [ "$run_lines" -eq 0 ]; then
  fail "no log line carries the learning run's RunId scope"
else
  ok "logs are JSON lines; $run_lines of them carry the learning run's RunId scope"
fi

started=$SECONDS
kill -TERM "$APP_PID"
code=0
wait "$APP_PID" || code=$?
APP_PID=""
if [ "$code" = 0 ]; then
  ok "SIGTERM: the app stopped cleanly (exit 0) in $((SECONDS - started)) s"
else
  fail "SIGTERM: the app exited with $code"
fi
