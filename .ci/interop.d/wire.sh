#!/usr/bin/env bash
# aws-sdk-go-v2's organizations and inspector2 clients parse the wire
# layer's golden responses and errors into their typed shapes (a separate
# module under internal/wire/testdata/sdkcheck, so the library never
# depends on the SDK).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WIRE_SDK_CHECK=1 go test -count=1 -run '^TestAWSSDKGoV2ParsesGoldenResponses$' ./internal/wire
