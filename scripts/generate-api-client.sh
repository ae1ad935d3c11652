#!/usr/bin/env bash
# Generates the C# client of the API that the tests use (tests/Web.Tests/ApiClient) from an OpenAPI document with
# Kiota, the version pinned in dotnet-tools.json. Usage: scripts/generate-api-client.sh [DOCUMENT [OUTPUT_DIR]]
# (defaults: the committed contract docs/api/openapi-v1.json, and tests/Web.Tests/ApiClient). ApiContractTests runs it
# into a temporary directory to check that the committed client is what the served document generates.
# To follow a change of the API, scripts/update-api-contract.sh refreshes the document and then runs this.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
document=$(realpath "${1:-$REPO/docs/api/openapi-v1.json}")
output=$(realpath -m "${2:-$REPO/tests/Web.Tests/ApiClient}")
cd "$REPO"

dotnet tool restore >/dev/null
# No update check (it asks a code host; there may be no network) and no tutorial hints.
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false
# JSON only: the API speaks nothing else, so the client needs no form, text or multipart serializers.
dotnet kiota generate \
  --language CSharp \
  --openapi "$document" \
  --output "$output" \
  --class-name EdgeControlApiClient \
  --namespace-name EdgeControl.Web.Tests.ApiClient \
  --exclude-backward-compatible \
  --clean-output \
  --serializer Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory \
  --deserializer Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory \
  --log-level Warning
rm -f "$output/.kiota.log"
