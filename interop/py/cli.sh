#!/usr/bin/env bash
# The key steps of the seeds' story with the aws CLI against `awsaccess
# serve` and its default world: who is calling, IAM's policy simulator,
# an access denial with AWS's wording, the delegated administrator, scans
# enabled for the members (ENABLED after a minute on the server's real
# clock), findings listed and aggregated, a member's denied suppression
# rule. Outputs are checked with python3 (jq may be missing). The server is
# stopped on exit, whatever happens.
#
# Set AWSACCESS_BIN to use a built binary instead of building this checkout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

tmp="$(mktemp -d -t awsaccess-cli.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bin="${AWSACCESS_BIN:-}"
if [ -z "$bin" ]; then
  bin="$tmp/awsaccess"
  (cd "$root" && go build -o "$bin" ./cmd/awsaccess)
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
"$bin" serve -addr "127.0.0.1:$port" -clock real -quiet >"$tmp/keys" 2>"$tmp/server.log" </dev/null &
pid=$!

# The server prints its address once it listens (the port is then its own),
# then its keys, then serves: once it answers, the keys are all there.
for _ in $(seq 600); do
  grep -qF "awsaccess serving on $url" "$tmp/keys" && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "FAIL: awsaccess serve did not start" >&2; exit 1; }
  sleep 0.05
done
grep -qF "awsaccess serving on $url" "$tmp/keys" || { echo "FAIL: awsaccess serve did not start" >&2; exit 1; }
python3 - "$url" <<'EOF'
import sys, time, urllib.request, urllib.error
for _ in range(600):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2)
        break
    except urllib.error.HTTPError:
        break
    except OSError:
        time.sleep(0.05)
else:
    sys.exit("no answer from " + sys.argv[1])
EOF

# Nothing from the environment or ~/.aws may change what the CLI does.
export AWS_CONFIG_FILE="$tmp/no-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/no-credentials"
export AWS_DEFAULT_OUTPUT=json AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL

: >"$tmp/checks"
passed() { echo >>"$tmp/checks"; }
fail() { echo "FAIL: $*" >&2; echo "server log:" >&2; tail -n 20 "$tmp/server.log" >&2 || true; exit 1; }

# as WHO aws-args...: run the CLI with the key of WHO ("111111111111 admin",
# "333333333333 root") from the server's export lines.
as() {
  local account="$1" user="$2"; shift 2
  local header="# account $account, user $user"
  [ "$user" = root ] && header="# account $account, root user"
  local line
  line="$(awk -v h="$header" 'found { print; exit } $0 == h { found = 1 }' "$tmp/keys")"
  [ -n "$line" ] || fail "no key for $account $user"
  (eval "$line"; [ -z "${BAD_SECRET:-}" ] || AWS_SECRET_ACCESS_KEY="$BAD_SECRET"
   aws --endpoint-url "$url" --region "${REGION:-us-east-1}" "$@")
}

# with_bad_secret CMD...: CMD signs with a wrong secret.
with_bad_secret() { BAD_SECRET=not-the-secret "$@"; }

# check EXPR < json: EXPR is a python expression over the parsed JSON d.
check() {
  python3 -c 'import json, sys
d = json.load(sys.stdin)
if not eval(sys.argv[1]):
    sys.exit("check failed: " + sys.argv[1] + "\n" + json.dumps(d)[:2000])' "$1" || fail "$1"
  passed
}

# denied WANT_CODE WANT_TEXT aws-args...: the call must fail with the code,
# and its message must contain the text.
denied() {
  local code="$1" text="$2"; shift 2
  local err
  if err="$("$@" 2>&1 >/dev/null)"; then fail "allowed, must be denied: $*"; fi
  case "$err" in
    *"($code)"*"$text"*) passed; echo "  ok  $(echo "$err" | tr -s '\n' ' ' | sed 's/^ //')" ;;
    *) fail "want ($code) ... $text, got: $err" ;;
  esac
}

echo "== aws sts get-caller-identity"
as 111111111111 admin sts get-caller-identity | check 'd["Arn"] == "arn:aws:iam::111111111111:user/admin" and d["Account"] == "111111111111"'
as 333333333333 dev sts get-caller-identity | check 'd["Arn"] == "arn:aws:iam::333333333333:user/dev"'
echo "  ok"

echo "== aws iam simulate-custom-policy"
policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"inspector2:List*","Resource":"*"},{"Effect":"Deny","Action":"inspector2:ListFilters","Resource":"*"}]}'
as 111111111111 admin iam simulate-custom-policy --policy-input-list "$policy" \
    --action-names inspector2:ListFindings inspector2:ListFilters inspector2:CreateFilter |
  check '{r["EvalActionName"]: r["EvalDecision"] for r in d["EvaluationResults"]} == {"inspector2:ListFindings": "allowed", "inspector2:ListFilters": "explicitDeny", "inspector2:CreateFilter": "implicitDeny"}'
echo "  ok"

echo "== access denials"
denied AccessDeniedException "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: organizations:CreateAccount on resource: * because no identity-based policy allows the organizations:CreateAccount action" \
  as 111111111111 auditor organizations create-account --account-name x --email x@example.com
denied AccessDeniedException "User: arn:aws:iam::333333333333:user/dev is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action" \
  as 333333333333 dev organizations list-accounts
denied SignatureDoesNotMatch "The request signature we calculated does not match" \
  with_bad_secret as 111111111111 admin sts get-caller-identity

echo "== the delegated administrator and the members' scans"
as 111111111111 admin inspector2 enable-delegated-admin-account --delegated-admin-account-id 222222222222 |
  check 'd["delegatedAdminAccountId"] == "222222222222"'
as 111111111111 admin organizations list-delegated-administrators --service-principal inspector2.amazonaws.com |
  check '[a["Id"] for a in d["DelegatedAdministrators"]] == ["222222222222"]'
as 222222222222 secadmin inspector2 enable --resource-types EC2 ECR LAMBDA >/dev/null
for m in 333333333333 444444444444; do
  as 222222222222 secadmin inspector2 associate-member --account-id "$m" | check "d['accountId'] == '$m'"
done
as 222222222222 secadmin inspector2 enable --account-ids 333333333333 444444444444 --resource-types EC2 ECR LAMBDA |
  check 'not d.get("failedAccounts") and sorted(a["accountId"] for a in d["accounts"]) == ["333333333333", "444444444444"]'
echo "  ok  delegated to 222222222222, scanning enabled for 333333333333 and 444444444444"
start=$SECONDS
until as 222222222222 secadmin inspector2 batch-get-account-status --account-ids 333333333333 444444444444 |
    python3 -c 'import json, sys; sys.exit(0 if all(a["state"]["status"] == "ENABLED" for a in json.load(sys.stdin)["accounts"]) else 1)'; do
  [ $((SECONDS - start)) -lt 120 ] || fail "not ENABLED after 120s"
  sleep 2
done
echo "  ok  ENABLED after $((SECONDS - start))s"

echo "== aws inspector2 list-findings and list-finding-aggregations"
as 222222222222 secadmin inspector2 list-findings >"$tmp/findings.json"
check '{f["awsAccountId"] for f in d["findings"]} == {"333333333333", "444444444444"}' <"$tmp/findings.json"
as 222222222222 secadmin inspector2 list-finding-aggregations --aggregation-type ACCOUNT >"$tmp/agg.json"
python3 - "$tmp/findings.json" "$tmp/agg.json" <<'EOF' || fail "aggregation counts differ from list-findings"
import collections, json, sys
findings = json.load(open(sys.argv[1]))["findings"]
agg = json.load(open(sys.argv[2]))["responses"]
listed = collections.Counter(f["awsAccountId"] for f in findings if f["status"] == "ACTIVE")
rows = {r["accountAggregation"]["accountId"]: r["accountAggregation"]["severityCounts"]["all"] for r in agg}
print("  ok  ACTIVE findings per account: %s" % dict(sorted(rows.items())))
sys.exit(0 if rows == dict(listed) else "aggregation %s, list-findings %s" % (rows, dict(listed)))
EOF
passed
as 333333333333 dev inspector2 list-findings | check 'd["findings"] and all(f["awsAccountId"] == "333333333333" for f in d["findings"])'
echo "  ok  a member lists only its own findings"

echo "== a member's suppression rule"
denied AccessDeniedException "cannot create suppression rules" \
  as 333333333333 dev inspector2 create-filter --name hide-mine --action SUPPRESS \
  --filter-criteria '{"resourceTags":[{"comparison":"EQUALS","key":"env","value":"dev"}]}'

echo "cli.sh: $(wc -l <"$tmp/checks") checks passed"
