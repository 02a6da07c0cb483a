#!/usr/bin/env python3
"""The seeds' story with boto3 against `awsaccess serve` and its default world.

The default world has an organization (management 111111111111; members
222222222222 "security", 333333333333 and 444444444444 with vulnerable EC2
instances, an ECR image and a Lambda function). The story: the management
account's auditor is denied (with AWS's wording); the management admin
designates the security account as Inspector's delegated administrator; the
security admin associates the members and enables scanning for them; once
ENABLED (a minute on the server's real clock) the findings are listed and
aggregated per account and severity; a suppression rule takes the accepted
findings out of the ACTIVE list; a member may not create one; a bad secret
fails the signature check; IAM's policy simulator answers and IAM refuses
the auditor a user.

Exit status 0 when every check holds. The server is always stopped.
"""

import collections
import json
import signal
import sys
import time

sys.dont_write_bytecode = True

from botocore.exceptions import ClientError  # noqa: E402

from awsaccess_server import Server  # noqa: E402

MGMT, SECURITY, WORK, DATA = "111111111111", "222222222222", "333333333333", "444444444444"
REGIONS = ["us-east-1", "us-west-2"]
SCAN_TYPES = ["EC2", "ECR", "LAMBDA"]

checks = 0


def check(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def error_of(fn, **kw):
    """Calls fn and returns the ClientError's Error dict; fails if it succeeds."""
    try:
        fn(**kw)
    except ClientError as e:
        return e.response["Error"]
    raise AssertionError("%s succeeded, but must fail" % fn.__name__)


def denied_message(principal, action, resource="*", policy="identity-based policy"):
    return ("User: %s is not authorized to perform: %s on resource: %s because no %s allows the %s action"
            % (principal, action, resource, policy, action))


def all_findings(insp, criteria=None):
    out, kw = [], {"maxResults": 4, "sortCriteria": {"field": "SEVERITY", "sortOrder": "DESC"}}
    if criteria:
        kw["filterCriteria"] = criteria
    for page in insp.get_paginator("list_findings").paginate(**kw):
        out.extend(page["findings"])
    return out


def eq(v):
    return [{"comparison": "EQUALS", "value": v}]


def account_counts(insp):
    rows = {}
    for page in insp.get_paginator("list_finding_aggregations").paginate(aggregationType="ACCOUNT"):
        for r in page["responses"]:
            a = r["accountAggregation"]
            sc = a["severityCounts"]
            rows[a["accountId"]] = (sc.get("all", 0), sc.get("critical", 0), sc.get("high", 0), sc.get("medium", 0))
    return rows


def list_counts(insp, account):
    n = collections.Counter()
    for f in all_findings(insp, {"awsAccountId": eq(account), "findingStatus": eq("ACTIVE")}):
        n["all"] += 1
        n[f["severity"]] += 1
    return (n["all"], n["CRITICAL"], n["HIGH"], n["MEDIUM"])


def story(srv):
    admin = lambda svc, region="us-east-1": srv.client(svc, MGMT + "/admin", region)
    auditor = lambda svc: srv.client(svc, MGMT + "/auditor")
    sec = lambda svc, region="us-east-1": srv.client(svc, SECURITY + "/secadmin", region)
    dev = lambda svc: srv.client(svc, WORK + "/dev")

    print("== who is calling")
    for who, arn in [(MGMT + "/admin", "arn:aws:iam::111111111111:user/admin"),
                     (SECURITY + "/secadmin", "arn:aws:iam::222222222222:user/secadmin"),
                     (WORK + "/", "arn:aws:iam::333333333333:root")]:
        ident = srv.client("sts", who).get_caller_identity()
        check(ident["Arn"] == arn and ident["Account"] == who[:12], "GetCallerIdentity of %s: %s" % (who, ident))
        print("  ok  %s" % ident["Arn"])

    print("== denied, with AWS's wording")
    err = error_of(auditor("inspector2").enable_delegated_admin_account, delegatedAdminAccountId=SECURITY)
    want = denied_message("arn:aws:iam::111111111111:user/auditor", "inspector2:EnableDelegatedAdminAccount")
    check(err["Code"] == "AccessDeniedException" and err["Message"] == want, "auditor EnableDelegatedAdminAccount: %s" % err)
    print("  ok  %s: %s" % (err["Code"], err["Message"]))
    err = error_of(auditor("organizations").create_account, AccountName="x", Email="x@example.com")
    want = denied_message("arn:aws:iam::111111111111:user/auditor", "organizations:CreateAccount")
    check(err["Code"] == "AccessDeniedException" and err["Message"] == want, "auditor CreateAccount: %s" % err)
    print("  ok  %s: %s" % (err["Code"], err["Message"]))
    err = error_of(dev("organizations").list_accounts)
    want = denied_message("arn:aws:iam::333333333333:user/dev", "organizations:ListAccounts")
    check(err["Code"] == "AccessDeniedException" and err["Message"] == want, "member ListAccounts: %s" % err)
    print("  ok  %s: %s" % (err["Code"], err["Message"]))
    err = error_of(srv.client("sts", MGMT + "/admin", secret="not-the-secret").get_caller_identity)
    check(err["Code"] == "SignatureDoesNotMatch", "bad secret: %s" % err)
    err = error_of(srv.client("inspector2", MGMT + "/admin", secret="not-the-secret").list_findings)
    check(err["Code"] == "InvalidSignatureException", "bad secret, inspector2: %s" % err)
    print("  ok  a bad secret: SignatureDoesNotMatch (sts), InvalidSignatureException (inspector2)")

    print("== the management account designates Inspector's delegated administrator")
    for region in REGIONS:
        out = admin("inspector2", region).enable_delegated_admin_account(delegatedAdminAccountId=SECURITY)
        check(out["delegatedAdminAccountId"] == SECURITY, "EnableDelegatedAdminAccount in %s: %s" % (region, out))
        got = dev("inspector2").get_delegated_admin_account() if region == "us-east-1" else \
            admin("inspector2", region).get_delegated_admin_account()
        check(got["delegatedAdmin"]["accountId"] == SECURITY, "GetDelegatedAdminAccount in %s: %s" % (region, got))
        print("  ok  %s in %s" % (SECURITY, region))
    access = admin("organizations").list_aws_service_access_for_organization()["EnabledServicePrincipals"]
    check("inspector2.amazonaws.com" in [a["ServicePrincipal"] for a in access], "trusted access: %s" % access)
    admins = admin("organizations").list_delegated_administrators(ServicePrincipal="inspector2.amazonaws.com")
    check([a["Id"] for a in admins["DelegatedAdministrators"]] == [SECURITY], "delegated administrators: %s" % admins)
    print("  ok  trusted access for inspector2.amazonaws.com; delegated administrator %s" % SECURITY)
    role = admin("iam").get_role(RoleName="AWSServiceRoleForAmazonInspector2")["Role"]
    check(role["Arn"] == "arn:aws:iam::111111111111:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2",
          "service-linked role: %s" % role)
    print("  ok  %s" % role["Arn"])

    print("== the delegated administrator enables scanning for the members")
    sec2 = sec("inspector2")
    sec2.enable(resourceTypes=SCAN_TYPES)
    for m in (WORK, DATA):
        out = sec2.associate_member(accountId=m)
        check(out["accountId"] == m, "AssociateMember %s: %s" % (m, out))
    out = sec2.enable(accountIds=[WORK, DATA], resourceTypes=SCAN_TYPES)
    check(not out.get("failedAccounts") and sorted(a["accountId"] for a in out["accounts"]) == [WORK, DATA], "Enable: %s" % out)
    started = time.monotonic()
    print("  ok  Enable for %s and %s" % (WORK, DATA))

    # While the server's clock runs out ENABLING: IAM's policy simulator.
    print("== IAM's policy simulator")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "inspector2:List*", "Resource": "*"},
        {"Effect": "Deny", "Action": "inspector2:ListFilters", "Resource": "*"}]})
    res = admin("iam").simulate_custom_policy(PolicyInputList=[policy],
                                              ActionNames=["inspector2:ListFindings", "inspector2:ListFilters", "inspector2:CreateFilter"])
    got = {r["EvalActionName"]: r["EvalDecision"] for r in res["EvaluationResults"]}
    check(got == {"inspector2:ListFindings": "allowed", "inspector2:ListFilters": "explicitDeny",
                  "inspector2:CreateFilter": "implicitDeny"}, "SimulateCustomPolicy: %s" % got)
    print("  ok  %s" % got)
    err = error_of(auditor("iam").create_user, UserName="mallory")
    want = denied_message("arn:aws:iam::111111111111:user/auditor", "iam:CreateUser", "arn:aws:iam::111111111111:user/mallory")
    check(err["Code"] == "AccessDenied" and err["Message"] == want, "auditor CreateUser: %s" % err)
    print("  ok  %s: %s" % (err["Code"], err["Message"]))

    print("== waiting for ENABLED (a minute on the server's clock)")
    while True:
        st = sec2.batch_get_account_status(accountIds=[WORK, DATA])["accounts"]
        if all(a["state"]["status"] == "ENABLED" for a in st):
            break
        if time.monotonic() - started > 120:
            raise AssertionError("not ENABLED after 120s: %s" % st)
        time.sleep(2)
    print("  ok  ENABLED after %.0fs" % (time.monotonic() - started))

    print("== findings per account and severity")
    findings = all_findings(sec2)
    check({f["awsAccountId"] for f in findings} == {WORK, DATA}, "accounts with findings: %s" % {f["awsAccountId"] for f in findings})
    agg = account_counts(sec2)
    print("  account       all crit high med")
    for account in sorted(agg):
        check(agg[account] == list_counts(sec2, account), "aggregation %s vs ListFindings %s" % (agg[account], list_counts(sec2, account)))
        print("  %s %4d %4d %4d %3d" % ((account,) + agg[account]))
    own = all_findings(dev("inspector2"))
    check(own and all(f["awsAccountId"] == WORK for f in own), "a member sees only its own findings")
    print("  ok  aggregation counts equal ListFindings counts; a member sees only its %d findings" % len(own))

    print("== a suppression rule")
    criteria = {"resourceTags": [{"comparison": "EQUALS", "key": "env", "value": "dev"}]}
    active_before = all_findings(sec2, {"findingStatus": eq("ACTIVE")})
    matching = {f["findingArn"] for f in active_before if f["resources"][0].get("tags", {}).get("env") == "dev"}
    check(matching, "no ACTIVE finding on a dev instance")
    arn = sec2.create_filter(name="accept-dev-instances", action="SUPPRESS", filterCriteria=criteria,
                             reason="dev instances are rebuilt nightly")["arn"]
    active_after = all_findings(sec2, {"findingStatus": eq("ACTIVE")})
    suppressed = {f["findingArn"] for f in all_findings(sec2, {"findingStatus": eq("SUPPRESSED")})}
    check(len(active_after) == len(active_before) - len(matching) and suppressed == matching,
          "ACTIVE %d -> %d, suppressed %d of %d" % (len(active_before), len(active_after), len(suppressed), len(matching)))
    filters = sec2.list_filters()["filters"]
    check([f["arn"] for f in filters] == [arn] and filters[0]["action"] == "SUPPRESS", "ListFilters: %s" % filters)
    print("  ok  %s: %d findings suppressed, %d still ACTIVE" % (arn, len(suppressed), len(active_after)))

    print("== what a member may not do")
    err = error_of(dev("inspector2").create_filter, name="hide-mine", action="SUPPRESS", filterCriteria=criteria)
    check(err["Code"] == "AccessDeniedException", "member CreateFilter: %s" % err)
    print("  ok  %s: %s" % (err["Code"], err["Message"]))
    out = dev("inspector2").disable(resourceTypes=SCAN_TYPES)
    check("accounts" in out, "Disable answered without its required member accounts: %s" % out)
    failed = out.get("failedAccounts", [])
    check(len(failed) == 1 and failed[0]["accountId"] == WORK and failed[0]["errorCode"] == "ACCESS_DENIED", "member Disable: %s" % out)
    print("  ok  Disable: %s %s" % (failed[0]["errorCode"], failed[0]["errorMessage"]))


def main():
    # A TERM (CI's timeout) unwinds through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    srv = Server()
    try:
        story(srv)
    except Exception as e:
        print("FAIL: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        with open(srv.stderr) as f:
            tail = f.read()[-2000:]
        if tail:
            print("server stderr:\n" + tail, file=sys.stderr)
        return 1
    finally:
        srv.stop()
    print("story.py: %d checks passed" % checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
