#!/usr/bin/env bash
# After a change of the API: makes the committed contract follow the served one. Runs the contract test with
# EDGECONTROL_UPDATE_CONTRACT=1 (through ./test.sh, so against a throw-away PostgreSQL), which writes the served
# OpenAPI document to docs/api/openapi-v1.json; regenerates the Kiota client in tests/Web.Tests/ApiClient from it;
# lints it; and runs ApiContractTests again, now with the new client compiled in. Commit what it changes.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
EDGECONTROL_UPDATE_CONTRACT=1 EDGECONTROL_PUBLISHED_CHECK=0 \
  ./test.sh --filter "FullyQualifiedName~EdgeControl.Web.Tests.ApiContractTests.The_served_document_is_the_committed_contract"
scripts/generate-api-client.sh
scripts/lint-openapi.sh
EDGECONTROL_PUBLISHED_CHECK=0 ./test.sh --filter "FullyQualifiedName~EdgeControl.Web.Tests.ApiContractTests"
