#!/usr/bin/env bash
# The seeds' story with boto3 (interop/py/story.py) and the aws CLI
# (interop/py/cli.sh) against `awsaccess serve`, and the comparison with
# moto (interop/py/moto_compare.py --check: it fails only on awsaccess's
# column). Each script starts its own servers on free loopback ports and
# always stops them. Each waits about a minute of real time for Inspector's
# ENABLING to end, so they run side by side. Skipped when python3 with
# boto3 (or the aws CLI, or moto) is missing.
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

# One build for the three scripts.
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
if python3 -c 'import moto' 2>/dev/null; then
  python3 moto_compare.py --check >"$tmp/moto.log" 2>&1 &
  pids+=($!)
else
  echo "moto not found: skipping moto_compare.py" >"$tmp/moto.log"
fi

status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
pids=()
for log in story cli moto; do
  echo "-- $log"; cat "$tmp/$log.log"
done
exit $status
