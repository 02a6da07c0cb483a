#!/usr/bin/env bash
# The seeds' story with boto3 (interop/py/story.py) and the aws CLI
# (interop/py/cli.sh) against `awsaccess serve`; each script starts its own
# server on a free loopback port and always stops it. Each waits about a
# minute of real time for Inspector's ENABLING to end, so the two run side
# by side. Skipped when python3 with boto3 (or the aws CLI) is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../interop/py"
if ! python3 -c 'import boto3' 2>/dev/null; then
  echo "python3 with boto3 not found: skipping story.py and cli.sh"
  exit 0
fi
tmp="$(mktemp -d -t awsaccess-python-ci.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One build for both scripts.
(cd ../.. && go build -o "$tmp/awsaccess" ./cmd/awsaccess)
export AWSACCESS_BIN="$tmp/awsaccess"

python3 story.py >"$tmp/story.log" 2>&1 &
pids+=($!)
if command -v aws >/dev/null; then
  bash cli.sh >"$tmp/cli.log" 2>&1 &
  pids+=($!)
else
  echo "aws CLI not found: skipping cli.sh" >"$tmp/cli.log"
fi

status=0
wait "${pids[0]}" || status=1
echo "-- story.py"; cat "$tmp/story.log"
if [ "${#pids[@]}" -gt 1 ]; then wait "${pids[1]}" || status=1; fi
echo "-- cli.sh"; cat "$tmp/cli.log"
pids=()
exit $status
