#!/usr/bin/env bash
# Lints an OpenAPI document with Redocly's recommended ruleset as redocly.yaml adjusts it (each rule turned off there
# says why). It starts nothing: it lints a document a test or a running app wrote. Usage: scripts/lint-openapi.sh
# [DOCUMENT] (default: the committed contract, docs/api/openapi-v1.json; ApiContractTests lints the served one, which it
# writes to TestResults/openapi/v1.json). Needs Node.js 20.19+ with npm: npx installs the pinned @redocly/cli into npm's
# cache the first time. Exits with Redocly's code: 0 when there is no error.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REDOCLY_CLI_VERSION=2.77.0
document=${1:-$REPO/docs/api/openapi-v1.json}

command -v npx >/dev/null 2>&1 || { echo "lint-openapi: npx is missing: install Node.js 20.19+ with npm" >&2; exit 2; }
[ -f "$document" ] || { echo "lint-openapi: no document at $document" >&2; exit 2; }

# No usage telemetry and no update notice: the result is the same, and the lint needs no network once installed.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec npx --yes "@redocly/cli@$REDOCLY_CLI_VERSION" lint --config "$REPO/redocly.yaml" "$document"
