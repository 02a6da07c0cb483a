#!/usr/bin/env bash
# Differential tests of authn/sigv4 against aws-sdk-go-v2 and botocore, in
# the separate interop module (the botocore test skips without python3 and
# botocore).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../interop"
go test -race -count=1 ./sigv4/...
