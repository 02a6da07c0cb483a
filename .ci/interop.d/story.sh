#!/usr/bin/env bash
# The seeds' story end to end with aws-sdk-go-v2's iam, sts, organizations
# and inspector2 clients against an in-process server (httptest, closed by
# the tests), the concurrency check under the race detector and the
# benchmark once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../interop"
go test -race -count=1 ./story/...
go test -run '^$' -bench . -benchtime=1x ./story/... > /dev/null
